"""A Python-Markdown extension that decorates the essay's paragraphs with their annotations.

It works on the element tree after inline processing and attribute lists, so it sees each
paragraph exactly as it will be published. It does not import MkDocs.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass, field

import markdown

from . import pages, render
from .catalog import Catalog
from .essay import TREE_PRIORITY, UI_ATTRIBUTE, element_text, iter_paragraph_elements
from .highlight import wrap_ranges
from .textmatch import locate


@dataclass
class RenderLog:
    """What the last render placed, for the check that nothing was lost."""

    notes: Counter = field(default_factory=Counter)
    highlights: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def reset(self) -> None:
        self.notes.clear()
        self.highlights.clear()
        self.failures.clear()


def insert_after(parent: etree.Element, anchor: etree.Element, new: etree.Element) -> None:
    """Insert ``new`` right after ``anchor``, before the text that follows ``anchor``."""
    new.tail, anchor.tail = anchor.tail, None
    parent.insert(list(parent).index(anchor) + 1, new)


def wrap_children(parent: etree.Element, wrapper: etree.Element) -> None:
    """Move every child of ``parent`` into ``wrapper``, the only child left (a layout box for
    the stylesheet: text and notes side by side on wide screens)."""
    wrapper.text, parent.text = parent.text, None
    wrapper.extend(list(parent))
    for child in list(parent):
        parent.remove(child)
    parent.append(wrapper)


class EssayDecorator(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, extension: FactcheckExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if not self.extension.active:
            return
        log = self.extension.log
        on_page = self.extension.by_page.get(self.extension.page, [])
        numbers = {a.id: index + 1 for index, a in enumerate(on_page)}
        grouped: dict[str, list] = {}
        for annotation in on_page:
            grouped.setdefault(annotation.paragraph, []).append(annotation)
        parents = {child: parent for parent in root.iter() for child in parent}
        essay_paragraphs = list(iter_paragraph_elements(root))
        for slug, element in essay_paragraphs:
            annotations = grouped.get(slug, [])
            placed = self._highlight(element, annotations, log)
            element.append(render.permalink(slug))
            if not placed:
                continue
            for annotation in placed:
                self._add_marker(element, annotation, numbers[annotation.id])
            hrefs = self.extension.claim_hrefs
            aside = render.notes_aside(slug, [render.note(a, numbers[a.id], hrefs.get(a.id))
                                              for a in placed])
            insert_after(parents[element], element, aside)
            log.notes.update(a.id for a in placed)
        if on_page and essay_paragraphs:
            first = essay_paragraphs[0][1]
            parent = parents[first]
            parent.insert(list(parent).index(first),
                          pages.legend(on_page, self.extension.index_href))
            wrap_children(root, etree.Element("div", {"class": "fc-essay"}))

    def _highlight(self, element, annotations, log: RenderLog):
        text = element_text(element)
        ranges, placed = [], []
        for annotation in annotations:
            spans = locate(text, annotation.quote)
            index = (annotation.occurrence or 1) - 1
            expected = (annotation.anchor.start, annotation.anchor.end)
            if index >= len(spans) or spans[index] != expected:
                log.failures.append(
                    f"{annotation.path}: quote no longer anchors in the rendered paragraph "
                    f"'{annotation.paragraph}' (another Markdown extension may change its text)"
                )
                continue
            ranges.append((*expected, "mark", render.highlight_attributes(annotation)))
            placed.append(annotation)
        wrap_ranges(element, ranges)
        return placed

    def _add_marker(self, element, annotation, number: int) -> None:
        fragments = [
            (parent, child)
            for parent in element.iter()
            for child in parent
            if child.tag == "mark" and child.get("data-annotation") == annotation.id
        ]
        self.extension.log.highlights[annotation.id] += len(fragments)
        if not fragments:
            return
        first = fragments[0][1]
        first.set("id", f"h-{annotation.id}")
        first.set("aria-details", f"a-{annotation.id}")
        parent, last = fragments[-1]
        insert_after(parent, last, render.marker(annotation, number))


class FactcheckExtension(markdown.Extension):
    """Decorates paragraphs whose id starts with ``p-`` while :attr:`active` is true, with the
    annotations of essay page :attr:`page` (by default the main essay)."""

    def __init__(self, catalog: Catalog, **kwargs):
        super().__init__(**kwargs)
        self.catalog = catalog
        self.by_page = catalog.by_page()
        self.page = catalog.main_page
        self.log = RenderLog()
        self.active = True
        self.claim_hrefs: dict[str, str] = {}  # annotation id -> its claim page, from this page
        self.index_href: str | None = None  # the claims index, from this page

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(EssayDecorator(md, self), "factcheck", TREE_PRIORITY)


__all__ = ["FactcheckExtension", "RenderLog", "UI_ATTRIBUTE"]
