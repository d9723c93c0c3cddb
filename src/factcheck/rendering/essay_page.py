"""Decorate an essay page's element tree: highlights, numbered markers, permalinks, the notes
after each paragraph, and the verdict key above the essay.

It runs after inline processing and attribute lists, so it sees each paragraph exactly as it
will be published, and before MkDocs collects anchors, so the notes' ids count as anchors.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..checking.essay import element_text, iter_paragraph_elements
from ..checking.textmatch import locate
from ..model import Annotation
from . import notes
from .fragment import freeze
from .highlight import wrap_ranges
from .preview import problems_box
from .settings import CLAIMS_INDEX, claim_src, link

# Set before the essay is parsed, so the layout for "script on" applies from the first paint;
# if factcheck.js has not started a few seconds later, the page falls back to the layout for
# readers without script, in which every note is reachable.
EARLY_SCRIPT = ('document.documentElement.classList.add("fc-js");'
                'setTimeout(function(){if(!window.factcheckReady)'
                'document.documentElement.classList.remove("fc-js")},4000)')


class DriftError(Exception):
    """A quote no longer anchors where the checked essay said it would."""


def _insert_after(parent: etree.Element, anchor: etree.Element, new: etree.Element) -> None:
    """Insert ``new`` right after ``anchor``, before the text that follows ``anchor``."""
    new.tail, anchor.tail = anchor.tail, None
    parent.insert(list(parent).index(anchor) + 1, freeze(new))


def _wrap_children(parent: etree.Element, wrapper: etree.Element) -> None:
    """Move every child of ``parent`` into ``wrapper``, then make it the only child."""
    wrapper.text, parent.text = parent.text, None
    wrapper.extend(list(parent))
    for child in list(parent):
        parent.remove(child)
    parent.append(wrapper)


def decorate(root: etree.Element, page: str, on_page: list[Annotation], claim_pages: bool,
             problems: tuple[list, dict] = ([], {}), drift: list[str] | None = None) -> None:
    """Add every annotation of essay page ``page`` to the tree of that page, in place.

    ``problems`` (a live preview's): every problem, and those of each paragraph, shown in boxes.
    A quote that no longer anchors raises :class:`DriftError`, or, given a ``drift`` list, is
    left out and reported there (the MkDocs plugin reports the list after the build).
    """
    every_problem, spots = problems
    numbers = {a.id: index + 1 for index, a in enumerate(on_page)}
    grouped: dict[str, list[Annotation]] = {}
    for annotation in on_page:
        grouped.setdefault(annotation.paragraph, []).append(annotation)
    parents = {child: parent for parent in root.iter() for child in parent}
    paragraphs = list(iter_paragraph_elements(root))
    for slug, element in paragraphs:
        placed = _highlight(element, grouped.get(slug, []), drift)
        element.append(notes.permalink(slug))
        if slug in spots:
            box = problems_box(spots[slug], "This paragraph's annotation has problems:")
            _insert_after(parents[element], element, box)
        if not placed:
            continue
        for annotation in placed:
            _add_marker(element, annotation, numbers[annotation.id])
        cards = [notes.note(a, numbers[a.id],
                            link(page, claim_src(a.id)) if claim_pages and a.verdict else None)
                 for a in placed]
        _insert_after(parents[element], element, notes.notes_aside(slug, cards))
    if not paragraphs:
        return
    first = paragraphs[0][1]
    parent = parents[first]
    parent.insert(list(parent).index(first), freeze(notes.legend(on_page, link(page, CLAIMS_INDEX))))
    if every_problem:
        parent.insert(list(parent).index(first), freeze(problems_box(
            every_problem, f"Preview: {len(every_problem)} annotation problem(s). The build "
            "fails until they are fixed; this page shows the annotations that are valid.")))
    # A leading heading stays first: generators take the page's title from it.
    heading = root[0] if len(root) and root[0].tag == "h1" else None
    if heading is not None:
        root.remove(heading)
    wrapper = etree.Element("div", {"class": "fc-essay"})
    _wrap_children(root, wrapper)
    if heading is not None:
        root.insert(0, heading)
    script = etree.Element("script")
    script.text = EARLY_SCRIPT
    wrapper.insert(0, freeze(script))


def _highlight(element: etree.Element, annotations: list[Annotation],
               drift: list[str] | None) -> list[Annotation]:
    text = element_text(element)
    ranges, placed = [], []
    for annotation in annotations:
        spans = locate(text, annotation.quote)
        index = (annotation.occurrence or 1) - 1
        expected = (annotation.anchor.start, annotation.anchor.end)
        if index >= len(spans) or spans[index] != expected:
            message = (f"{annotation.path}: quote no longer anchors in the rendered paragraph "
                       f"'{annotation.paragraph}' (another Markdown extension may change its text)")
            if drift is None:
                raise DriftError(message)
            drift.append(message)
            continue
        ranges.append((*expected, "mark", notes.highlight_attributes(annotation)))
        placed.append(annotation)
    wrap_ranges(element, ranges)
    return placed


def _add_marker(element: etree.Element, annotation: Annotation, number: int) -> None:
    fragments = [(parent, child) for parent in element.iter() for child in parent
                 if child.tag == "mark" and child.get("data-annotation") == annotation.id]
    first = fragments[0][1]
    first.set("id", notes.highlight_id(annotation.id))
    first.set("aria-details", notes.note_id(annotation.id))
    parent, last = fragments[-1]
    _insert_after(parent, last, notes.marker(annotation, number))
