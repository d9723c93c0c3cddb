"""Read the essay's paragraphs: ids, the plain text a reader sees, and source lines.

Paragraph ids come from attribute lists in the Markdown source (``{: #p-<slug> }``). The plain
text is taken from the rendered element tree, so emphasis and links count as the text they
show, exactly as the build sees it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown

from ..model import Paragraph
from ..problems import ProblemList

PARAGRAPH_PREFIX = "p-"
UI_ATTRIBUTE = "data-fc-ui"  # marks elements we add (markers, notes): not part of the text
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(---|\.\.\.)\s*\n", re.S)
_ID_LINE = re.compile(r"\{:[^}]*#p-([A-Za-z0-9_-]+)[^}]*\}")
ESSAY_EXTENSIONS = ["attr_list", "md_in_html"]
# Tree processors that read paragraph text run after inline patterns (20) and attribute lists (8)
# but before MkDocs collects anchors (5), so that the ids of our notes count as anchors.
TREE_PRIORITY = 7
_UNESCAPE = markdown.treeprocessors.UnescapeTreeprocessor()


def strip_front_matter(source: str) -> tuple[str, int]:
    """Remove YAML front matter; return the body and how many lines were removed."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return source, 0
    return source[match.end() :], match.group(0).count("\n")


def element_text(element: etree.Element) -> str:
    """The text a reader sees in ``element``, leaving out elements we inserted."""
    parts: list[str] = []

    def walk(node: etree.Element) -> None:
        if node.get(UI_ATTRIBUTE) is not None:
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def paragraph_id(element: etree.Element) -> str | None:
    value = element.get("id") or ""
    if element.tag == "p" and value.startswith(PARAGRAPH_PREFIX):
        return value[len(PARAGRAPH_PREFIX) :]
    return None


def iter_paragraph_elements(root: etree.Element):
    """Yield ``(slug, element)`` for each essay paragraph, in order.

    Backslash escapes (``\\*``) are restored in each paragraph first: Markdown would only do so
    at priority 0, after we have read the text.
    """
    for element in root.iter("p"):
        slug = paragraph_id(element)
        if slug is not None:
            _UNESCAPE.run(element)
            yield slug, element


def source_lines(source: str, offset: int = 0) -> dict[str, int]:
    """Map each paragraph id to the first line of its paragraph in the Markdown source."""
    lines = source.splitlines()
    found: dict[str, int] = {}
    for number, line in enumerate(lines):
        match = _ID_LINE.search(line)
        if not match:
            continue
        start = number
        while start > 0 and lines[start - 1].strip():
            start -= 1
        found.setdefault(match.group(1), start + 1 + offset)
    return found


class _Capture(markdown.treeprocessors.Treeprocessor):
    def run(self, root):
        self.md.captured_root = root


def render_tree(body: str) -> etree.Element:
    md = markdown.Markdown(extensions=ESSAY_EXTENSIONS)
    md.treeprocessors.register(_Capture(md), "fc-capture", TREE_PRIORITY)
    md.convert(body)
    return md.captured_root


def read_paragraphs(path: Path, display_path: str, problems: ProblemList) -> dict[str, Paragraph]:
    """Parse the essay file into its paragraphs, in order, keyed by id."""
    source = path.read_text(encoding="utf-8")
    body, offset = strip_front_matter(source)
    lines = source_lines(body, offset)
    paragraphs: dict[str, Paragraph] = {}
    for slug, element in iter_paragraph_elements(render_tree(body)):
        line = lines.get(slug, 1)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            problems.error(display_path, line, 1,
                           f"paragraph id 'p-{slug}' must be lowercase words joined by -")
        if slug in paragraphs:
            problems.error(display_path, line, 1,
                           f"paragraph id 'p-{slug}' is used twice (first at line {paragraphs[slug].line})")
            continue
        paragraphs[slug] = Paragraph(slug, element_text(element), line, element.get("lang"))
    return paragraphs
