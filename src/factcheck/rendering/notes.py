"""The HTML readers see, as ElementTree elements: highlights, note markers, paragraph
permalinks, the notes themselves, the verdict key, and the parts of a claim page.

Elements that are ours and not the essay's carry ``data-fc-ui`` so that the text of a
paragraph can always be recovered exactly. Text from annotations is only ever element text or
attribute values (the page's serialiser escapes it); sanitised note HTML is parsed into elements.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..checking.essay import PARAGRAPH_PREFIX, UI_ATTRIBUTE
from ..checking.notes_markdown import LINK_REL, plain_text, render_block, render_inline
from ..model import KIND_LABELS, VERDICTS, Annotation, Paragraph, SourceRecord, verdict_counts
from .fragment import append_html

CARD_TITLE_WORDS = 12  # a context or editorial note without a title shows this many words


# Every id an annotation gives the page; distinct prefixes, so two ids never collide.
def note_id(annotation_id: str) -> str:
    return f"a-{annotation_id}"


def highlight_id(annotation_id: str) -> str:
    return f"h-{annotation_id}"


def marker_id(annotation_id: str) -> str:
    return f"r-{annotation_id}"


def card_title(annotation: Annotation) -> str:
    """What a note's one-line summary shows after its number and label."""
    if annotation.claim:
        return annotation.claim
    if annotation.title:
        return annotation.title
    words = plain_text(annotation.note).split()
    return " ".join(words[:CARD_TITLE_WORDS]) + ("…" if len(words) > CARD_TITLE_WORDS else "")


def highlight_attributes(annotation: Annotation) -> dict[str, str]:
    attrib = {
        "class": f"fc-hl fc-hl--{annotation.style}",
        "data-annotation": annotation.id,
        "data-kind": annotation.kind,
    }
    if annotation.verdict:
        attrib["data-verdict"] = annotation.verdict
    return attrib


def marker(annotation: Annotation, number: int) -> etree.Element:
    sup = etree.Element("sup", {"class": "fc-ref", UI_ATTRIBUTE: ""})
    link = etree.SubElement(sup, "a", {
        "href": f"#{note_id(annotation.id)}",
        "id": marker_id(annotation.id),
        "class": f"fc-ref__link fc-ref--{annotation.style}",
        "data-annotation": annotation.id,
        "aria-label": f"Note {number}: {annotation.label}",
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


def badge(parent: etree.Element, annotation_or_style, label: str | None = None) -> etree.Element:
    style = annotation_or_style if isinstance(annotation_or_style, str) else annotation_or_style.style
    element = etree.SubElement(parent, "span", {"class": f"fc-badge fc-badge--{style}"})
    element.text = label or (VERDICTS[style][0] if style in VERDICTS else KIND_LABELS[style])
    return element


def _block(parent: etree.Element, css: str, title: str, heading: str | None) -> etree.Element:
    block = etree.SubElement(parent, "div", {"class": css})
    if heading:
        etree.SubElement(block, heading).text = title
    else:
        label = etree.SubElement(block, "p", {"class": "fc-note__label"})
        etree.SubElement(label, "strong").text = title
    return block


def _html(parent: etree.Element, tag: str, css: str, html: str) -> etree.Element:
    return append_html(etree.SubElement(parent, tag, {"class": css}), html)


def _source_item(parent: etree.Element, source: SourceRecord) -> None:
    item = etree.SubElement(parent, "li", {"class": "fc-source"})
    link = etree.SubElement(item, "a", {"href": source.url, "rel": LINK_REL,
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
        archived = etree.SubElement(item, "a", {"href": source.archive_url, "rel": LINK_REL,
                                                "class": "fc-source__archive"})
        archived.text = "Archived copy"


def note_details(parent: etree.Element, annotation: Annotation, heading: str | None = None) -> None:
    """Caveats, what changed since, sources and corrections, appended to ``parent``.

    ``heading`` names the heading element of each part (claim pages use ``h2``); notes label
    their parts with a bold line instead.
    """
    if annotation.caveats:
        block = _block(parent, "fc-note__caveats", "Caveats", heading)
        items = etree.SubElement(block, "ul")
        for caveat in annotation.caveats:
            _html(items, "li", "fc-caveat", render_inline(caveat))
    if annotation.since:
        block = _block(parent, "fc-note__since", "Since the essay was written", heading)
        _html(block, "div", "fc-since", render_block(annotation.since))
    if annotation.sources:
        block = _block(parent, "fc-note__sources", "Sources", heading)
        items = etree.SubElement(block, "ol")
        for source in annotation.sources:
            _source_item(items, source)
    if annotation.corrections:
        block = _block(parent, "fc-note__corrections", "Corrections", heading)
        items = etree.SubElement(block, "ul")
        for correction in annotation.corrections:
            correction_item(items, correction)


def correction_item(parent: etree.Element, correction, lead: etree.Element | None = None) -> None:
    item = etree.SubElement(parent, "li", {"class": "fc-correction"})
    if lead is not None:
        item.append(lead)
        lead.tail = ": "
    when = etree.SubElement(item, "time", {"datetime": correction.date})
    when.text = correction.date
    when.tail = ". "
    append_html(etree.SubElement(item, "span", {"class": "fc-correction__note"}),
                render_inline(correction.note))
    if correction.previous_verdict:
        previous = etree.SubElement(item, "span", {"class": "fc-correction__previous"})
        previous.text = f" Verdict before: {VERDICTS[correction.previous_verdict][0]}."


def note(annotation: Annotation, number: int, claim_href: str | None = None) -> etree.Element:
    """The note for ``annotation``: a disclosure whose summary is its one-line card (number,
    label, claim or title); ``claim_href`` links to its own fact-check page."""
    attrib = {
        "class": f"fc-note fc-note--{annotation.style}",
        "id": note_id(annotation.id),
        "data-annotation": annotation.id,
        "data-kind": annotation.kind,
    }
    if annotation.verdict:
        attrib["data-verdict"] = annotation.verdict
    details = etree.Element("details", attrib)
    head = etree.SubElement(details, "summary", {"class": "fc-note__head"})
    number_element = etree.SubElement(head, "span", {"class": "fc-note__number"})
    number_element.text = str(number)
    number_element.tail = " "
    badge(head, annotation, annotation.label).tail = " "
    etree.SubElement(head, "span", {"class": "fc-note__claim"}).text = card_title(annotation)
    content = etree.SubElement(details, "div", {"class": "fc-note__content"})
    _html(content, "div", "fc-note__body", render_block(annotation.note))
    note_details(content, annotation)
    foot = etree.SubElement(content, "p", {"class": "fc-note__foot"})
    link = etree.SubElement(foot, "a", {"class": "fc-note__permalink",
                                        "href": f"#{note_id(annotation.id)}"})
    link.text = "Link to this note"
    link.tail = " · "
    back = etree.SubElement(foot, "a", {"class": "fc-note__back",
                                        "href": f"#{highlight_id(annotation.id)}"})
    back.text = "Back to the text"
    if claim_href:
        back.tail = " · "
        full = etree.SubElement(foot, "a", {"class": "fc-note__claim-page", "href": claim_href})
        full.text = "Full fact-check"
    return details


def notes_aside(paragraph_id: str, notes: list[etree.Element]) -> etree.Element:
    aside = etree.Element("aside", {
        "class": "fc-notes",
        "aria-label": f"Fact-check notes on paragraph {paragraph_id}",
        UI_ATTRIBUTE: "",
    })
    aside.extend(notes)
    return aside


def legend(annotations: list[Annotation], index_href: str | None = None) -> etree.Element:
    """The key to the verdicts above the essay, with the number of notes of each (shown once),
    and the reader's controls: which notes to show. The controls work only with the script,
    which the stylesheet shows them for; their place is kept from the first paint."""
    counts = verdict_counts(annotations)
    kinds = {kind: sum(1 for a in annotations if a.kind == kind) for kind in KIND_LABELS}
    box = etree.Element("section", {"class": "fc-legend", UI_ATTRIBUTE: "",
                                    "aria-label": "Key to the fact-check notes"})
    intro = etree.SubElement(box, "p", {"class": "fc-legend__intro"})
    intro.text = (f"{kinds['claim']} claims checked, with {kinds['context']} context and "
                  f"{kinds['editorial']} editorial notes. Each highlighted phrase has a numbered "
                  "note; its colour and label give our verdict:")
    filter_box = etree.SubElement(box, "fieldset", {"class": "fc-legend__list"})
    etree.SubElement(filter_box, "legend", {"class": "fc-controls"}).text = "Show:"
    entries = [(verdict, meaning, counts[verdict], "data-verdict")
               for verdict, (_, meaning, _) in VERDICTS.items()]
    entries += [("context", "background", kinds["context"], "data-kind"),
                ("editorial", "about the text itself", kinds["editorial"], "data-kind")]
    for key, meaning, count, attribute in entries:
        item = etree.SubElement(filter_box, "label", {"class": f"fc-legend__item fc-hl--{key}",
                                                      attribute: key, "title": meaning})
        etree.SubElement(item, "input", {"type": "checkbox", "name": "fc-verdict", "value": key,
                                         "checked": "checked", "class": "fc-controls"})
        badge(item, key).tail = " "
        etree.SubElement(item, "span", {"class": "fc-legend__count"}).text = str(count)
    show = etree.SubElement(box, "fieldset", {"class": "fc-controls fc-controls__show"})
    etree.SubElement(show, "legend").text = "Notes:"
    for value, text in (("all", "All"), ("claims", "Claims only"), ("none", "None (clean reading)")):
        label = etree.SubElement(show, "label")
        attributes = {"type": "radio", "name": "fc-show", "value": value}
        if value == "all":
            attributes["checked"] = "checked"
        etree.SubElement(label, "input", attributes).tail = " " + text
    status = etree.SubElement(box, "p", {"class": "fc-controls fc-controls__status", "role": "status"})
    status.text = " "
    if index_href:
        more = etree.SubElement(box, "p", {"class": "fc-legend__more"})
        link = etree.SubElement(more, "a", {"href": index_href})
        link.text = "All claims by verdict"
    return box


def quote_in_context(paragraph: Paragraph, annotation: Annotation) -> etree.Element:
    quote = etree.Element("blockquote", {"class": "fc-claim__context"})
    if paragraph.lang:
        quote.set("lang", paragraph.lang)
    text = etree.SubElement(quote, "p")
    anchor = annotation.anchor
    text.text = paragraph.text[: anchor.start]
    mark = etree.SubElement(text, "mark", {"class": f"fc-hl fc-hl--{annotation.style}"})
    mark.text = paragraph.text[anchor.start : anchor.end]
    mark.tail = paragraph.text[anchor.end :]
    return quote
