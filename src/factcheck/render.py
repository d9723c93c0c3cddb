"""Build the HTML (as ElementTree elements) that readers see: highlights, note markers,
paragraph permalinks and the notes themselves.

Elements that are ours and not the essay's carry ``data-fc-ui`` so that the text of a
paragraph can always be recovered exactly.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from .essay import PARAGRAPH_PREFIX, UI_ATTRIBUTE
from .fragment import append_html
from .model import KIND_LABELS, Annotation, SourceRecord
from .safe_markdown import render_block, render_inline

EXTERNAL_REL = "nofollow noopener noreferrer ugc"


def label(annotation: Annotation) -> str:
    return annotation.verdict_label or KIND_LABELS[annotation.kind]


def style_key(annotation: Annotation) -> str:
    return annotation.verdict or annotation.kind


def highlight_attributes(annotation: Annotation) -> dict[str, str]:
    attrib = {
        "class": f"fc-hl fc-hl--{style_key(annotation)}",
        "data-annotation": annotation.id,
        "data-kind": annotation.kind,
    }
    if annotation.verdict:
        attrib["data-verdict"] = annotation.verdict
    return attrib


def marker(annotation: Annotation, number: int) -> etree.Element:
    sup = etree.Element("sup", {"class": "fc-ref", UI_ATTRIBUTE: ""})
    link = etree.SubElement(sup, "a", {
        "href": f"#a-{annotation.id}",
        "id": f"r-{annotation.id}",
        "class": f"fc-ref__link fc-ref--{style_key(annotation)}",
        "data-annotation": annotation.id,
        "aria-label": f"Note {number}: {label(annotation)}",
    })
    link.text = str(number)
    return sup


def permalink(paragraph_id: str) -> etree.Element:
    link = etree.Element("a", {
        "class": "fc-permalink",
        "href": f"#{PARAGRAPH_PREFIX}{paragraph_id}",
        "title": "Permanent link to this paragraph",
        "aria-label": f"Permanent link to paragraph {paragraph_id}",
        UI_ATTRIBUTE: "",
    })
    link.text = "¶"
    return link


def _labelled(parent: etree.Element, css: str, title: str) -> etree.Element:
    block = etree.SubElement(parent, "div", {"class": css})
    heading = etree.SubElement(block, "p", {"class": "fc-note__label"})
    etree.SubElement(heading, "strong").text = title
    return block


def _html(parent: etree.Element, tag: str, css: str, html: str) -> etree.Element:
    return append_html(etree.SubElement(parent, tag, {"class": css}), html)


def _source_item(parent: etree.Element, source: SourceRecord) -> None:
    item = etree.SubElement(parent, "li", {"class": "fc-source"})
    link = etree.SubElement(item, "a", {"href": source.url, "rel": EXTERNAL_REL,
                                         "class": "fc-source__title"})
    link.text = source.title
    details = [source.author, source.publisher, source.date, source.locator]
    link.tail = ". " + ", ".join(d for d in details if d) + "."
    if source.quote:
        quote = etree.SubElement(item, "q", {"class": "fc-source__quote"})
        quote.text = source.quote
        quote.tail = " "
    supports = etree.SubElement(item, "span", {"class": "fc-source__supports"})
    supports.text = " " + source.supports
    if source.archive_url:
        supports.tail = " "
        archived = etree.SubElement(item, "a", {"href": source.archive_url, "rel": EXTERNAL_REL,
                                                "class": "fc-source__archive"})
        archived.text = "Archived copy"


def note(annotation: Annotation, number: int,
         claim_href: str | None = None) -> etree.Element:
    """The note for ``annotation``; ``claim_href`` links to its own fact-check page."""
    attrib = {
        "class": f"fc-note fc-note--{style_key(annotation)}",
        "id": f"a-{annotation.id}",
        "data-annotation": annotation.id,
        "data-kind": annotation.kind,
        "aria-labelledby": f"a-{annotation.id}-title",
    }
    if annotation.verdict:
        attrib["data-verdict"] = annotation.verdict
    section = etree.Element("section", attrib)
    head = etree.SubElement(section, "p", {"class": "fc-note__head", "id": f"a-{annotation.id}-title"})
    back = etree.SubElement(head, "a", {"class": "fc-note__number", "href": f"#h-{annotation.id}",
                                        "title": "Back to the highlighted text"})
    back.text = str(number)
    back.tail = " "
    badge = etree.SubElement(head, "span", {"class": f"fc-badge fc-badge--{style_key(annotation)}"})
    badge.text = label(annotation)
    if annotation.claim:
        badge.tail = " "
        claim = etree.SubElement(head, "span", {"class": "fc-note__claim"})
        claim.text = annotation.claim
    _html(section, "div", "fc-note__body", render_block(annotation.note))
    note_details(section, annotation)
    foot = etree.SubElement(section, "p", {"class": "fc-note__foot"})
    link = etree.SubElement(foot, "a", {"class": "fc-note__permalink", "href": f"#a-{annotation.id}"})
    link.text = "Link to this note"
    link.tail = " · "
    back = etree.SubElement(foot, "a", {"class": "fc-note__back", "href": f"#h-{annotation.id}"})
    back.text = "Back to the text"
    if claim_href:
        back.tail = " · "
        full = etree.SubElement(foot, "a", {"class": "fc-note__claim-page", "href": claim_href})
        full.text = "Full fact-check"
    return section


def note_details(section: etree.Element, annotation: Annotation) -> None:
    """Caveats, what changed since, and sources, appended to ``section``."""
    if annotation.caveats:
        block = _labelled(section, "fc-note__caveats", "Caveats")
        items = etree.SubElement(block, "ul")
        for caveat in annotation.caveats:
            _html(items, "li", "fc-caveat", render_inline(caveat))
    if annotation.since:
        block = _labelled(section, "fc-note__since", "Since the essay was written")
        _html(block, "div", "fc-since", render_block(annotation.since))
    if annotation.sources:
        block = _labelled(section, "fc-note__sources", "Sources")
        items = etree.SubElement(block, "ol")
        for source in annotation.sources:
            _source_item(items, source)


def notes_aside(paragraph_id: str, notes: list[etree.Element]) -> etree.Element:
    aside = etree.Element("aside", {
        "class": "fc-notes",
        "aria-label": f"Fact-check notes on paragraph {paragraph_id}",
        UI_ATTRIBUTE: "",
    })
    aside.extend(notes)
    return aside
