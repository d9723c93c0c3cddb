"""Contributor Markdown (notes, caveats, ``since``, corrections): what it may hold, and its HTML.

A separate Markdown instance with raw HTML switched off, then an allow-list sanitiser on the
result. Links may only go to full http, https or mailto addresses; relative links, fragments and
images are not allowed (a note is also published in the JSON-LD export, away from this site, and
an image would load from another host). :func:`markdown_problems` tells the contributor what the
sanitiser would drop, so nothing in a note disappears silently.

Conversion is bounded: Python-Markdown looks for the end of a link from every ``[`` it cannot
close, and nests lists and quotes by recursion, so a field with many unclosed brackets or deeply
nested containers is refused before it is converted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

from .urls import explain_url

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer ugc"
MAX_STRAY_BRACKETS = 10  # '[' outside complete links: each costs a scan of the rest of the text
MAX_NESTING = 6  # list and quote levels on one line
# Each paragraph, list item or quoted line costs Python-Markdown about as much as 40 characters of
# prose, so a field made of thousands of them would take ten times as long as its length suggests.
MAX_BLOCKS = 50

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,
    url_relative="deny",
)

_REFUSED_TAGS = {
    "img": "images are not allowed; link to the image instead: [description](https://…)",
    "hr": "horizontal rules (---, ***) are not allowed",
    "table": "tables are not allowed",
}
for _level in range(1, 7):
    _REFUSED_TAGS[f"h{_level}"] = "headings (#) are not allowed; use **bold** text"

_COMPLETE_LINK = re.compile(r"\[[^\[\]\n]{0,500}\]\([^()\s]{1,2000}(?:[ ]+\"[^\"\n]{0,300}\")?\)")
_ESCAPED = re.compile(r"\\.")
_NESTED = re.compile(r"^(?:[ \t]*(?:>|[*+-](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])))+", re.MULTILINE)
_MARKER = re.compile(r">|[*+-]|[0-9]{1,9}[.)]")
_BLOCK_LINE = re.compile(r"^[ \t]*(?:>|[*+-](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_BARE_URL = re.compile(r"(?<![(<\w/\"'=])(https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"])")


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_md = _markdown()


def bounds_problem(text: str) -> str | None:
    """Why converting ``text`` could take far longer than its length warrants, or None."""
    unescaped = _ESCAPED.sub("", text)
    stray = _COMPLETE_LINK.sub("", unescaped).count("[")
    if stray > MAX_STRAY_BRACKETS:
        return (f"has {stray} '[' outside complete links (at most {MAX_STRAY_BRACKETS}); write "
                "links as [text](https://…) and a literal bracket as \\[")
    chunks = [chunk for chunk in _BLANK_LINES.split(unescaped) if chunk.strip()]
    blocks = len(_BLOCK_LINE.findall(unescaped)) + sum(not _BLOCK_LINE.match(c) for c in chunks)
    if blocks > MAX_BLOCKS:
        return (f"has {blocks} paragraphs, list items and quoted lines (at most {MAX_BLOCKS}); "
                "a note is a few paragraphs: merge or shorten them")
    for match in _NESTED.finditer(unescaped):
        if len(_MARKER.findall(match.group())) > MAX_NESTING:
            return (f"nests lists or quotes more than {MAX_NESTING} levels deep on one line; "
                    "flatten it")
    return None


@lru_cache(maxsize=65536)  # the check, the page and the export all convert each note
def _to_html(text: str) -> str:
    try:
        return _md.reset().convert(text)
    except RecursionError:  # bounds_problem refuses what would get here; never let it crash
        return ""


class _Inventory(HTMLParser):
    """Tags, link targets, text and attribute values of HTML, decoded as a browser would."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src"):
                self.hrefs.append(value or "")
            self.texts.append(value or "")

    def handle_data(self, data):
        self.texts.append(data)


def inventory(text: str) -> _Inventory:
    found = _Inventory()
    found.feed(_to_html(text))
    found.close()
    return found


def link_problem(href: str) -> str | None:
    """Why a Markdown link target is refused, or None."""
    if href.startswith("mailto:") and "@" in href and not any(c.isspace() for c in href):
        return None
    if href.startswith(("http:", "https:")):
        reason = explain_url(href)
        return f"link {href!r} {reason}" if reason else None
    return (f"link {href!r} is not allowed: links must be full http://, https:// or mailto: "
            "addresses")


def markdown_problems(found: _Inventory) -> tuple[str, ...]:
    """What in this Markdown the published page would drop or refuse, one sentence each."""
    problems: list[str] = []
    for tag in dict.fromkeys(found.tags):
        if tag not in ALLOWED_TAGS:
            problems.append(_REFUSED_TAGS.get(tag, f"<{tag}> is not allowed"))
    for href in dict.fromkeys(found.hrefs):
        reason = link_problem(href)
        if reason:
            problems.append(reason)
    return tuple(problems)


def bare_urls(text: str) -> list[str]:
    """Addresses written as plain text, which Markdown shows as text that cannot be clicked."""
    return [match.group(1) for match in _BARE_URL.finditer(_COMPLETE_LINK.sub("", text))]


@lru_cache(maxsize=65536)
def render_block(text: str) -> str:
    """Markdown (paragraphs, lists, emphasis, links) to sanitised HTML."""
    return _cleaner.clean(_to_html(text)).strip()


@lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """Like :func:`render_block` for a one-line string, without the wrapping paragraph."""
    html = render_block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li", "br", "blockquote"):
            self.parts.append(" ")


def plain_text(markdown_text: str) -> str:
    """A Markdown field as one line of plain text: what a reader sees, without markup."""
    parser = _TextOnly()
    parser.feed(render_block(markdown_text))
    parser.close()
    return " ".join("".join(parser.parts).split())
