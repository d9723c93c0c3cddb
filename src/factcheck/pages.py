"""Pages and page parts generated from the annotations: the verdict legend of the essay, the
claims index, and one page per claim with its ClaimReview.

Everything here is plain HTML built from the catalog; links are passed in already relative to
the page that shows them, so this module knows nothing about the site generator.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from . import render
from .claimreview import script_tag
from .essay import UI_ATTRIBUTE
from .fragment import append_html
from .model import VERDICTS, Annotation, Paragraph
from .safe_markdown import render_block

CLAIMS_DIR = "claims"
CLAIMS_INDEX = f"{CLAIMS_DIR}/index.md"
Href = Callable[[str], str]  # annotation id -> link


def claim_src_uri(annotation_id: str) -> str:
    return f"{CLAIMS_DIR}/{annotation_id}.md"


def claims(annotations: list[Annotation]) -> list[Annotation]:
    return [a for a in annotations if a.kind == "claim" and a.verdict]


def verdict_counts(annotations: list[Annotation]) -> dict[str, int]:
    counts = dict.fromkeys(VERDICTS, 0)
    for annotation in claims(annotations):
        counts[annotation.verdict] += 1
    return counts


def _badge(parent: etree.Element, verdict: str) -> etree.Element:
    badge = etree.SubElement(parent, "span", {"class": f"fc-badge fc-badge--{verdict}"})
    badge.text = VERDICTS[verdict][0]
    return badge


# The essay page ---------------------------------------------------------------------------

def legend(annotations: list[Annotation], index_href: str | None = None) -> etree.Element:
    """A visible key to the verdict colours, placed above the essay."""
    counts = verdict_counts(annotations)
    box = etree.Element("div", {"class": "fc-legend", UI_ATTRIBUTE: "", "role": "note",
                                "aria-label": "Key to the verdicts"})
    intro = etree.SubElement(box, "p", {"class": "fc-legend__intro"})
    intro.text = ("Highlighted phrases are checked. The colour and the numbered marker after each "
                  "one give our verdict:")
    items = etree.SubElement(box, "ul", {"class": "fc-legend__list"})
    for verdict, (_, meaning, _) in VERDICTS.items():
        item = etree.SubElement(items, "li", {"class": f"fc-legend__item fc-hl--{verdict}"})
        _badge(item, verdict).tail = f" {meaning} ({counts[verdict]})"
    for kind, text in (("context", "background"), ("editorial", "about the text itself")):
        item = etree.SubElement(items, "li", {"class": f"fc-legend__item fc-hl--{kind}"})
        badge = etree.SubElement(item, "span", {"class": f"fc-badge fc-badge--{kind}"})
        badge.text = render.KIND_LABELS[kind]
        badge.tail = f" {text}"
    if index_href:
        more = etree.SubElement(box, "p", {"class": "fc-legend__more"})
        link = etree.SubElement(more, "a", {"href": index_href})
        link.text = "All claims by verdict"
    return box


# The claims index -------------------------------------------------------------------------

def claims_index_markdown(title: str, description: str) -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n"


def _heading(text: str, heading_id: str | None) -> etree.Element:
    """The page's h1; ``heading_id`` is what the theme's skip link and contents point to."""
    heading = etree.Element("h1", {"id": heading_id} if heading_id else {})
    heading.text = text
    return heading


def claims_index_html(annotations: list[Annotation], title: str, page_href: Href,
                      note_href: Href, essay_href: str, heading_id: str | None = None) -> str:
    """Every claim with its verdict, grouped by verdict; JavaScript adds a filter."""
    listed = claims(annotations)
    counts = verdict_counts(annotations)
    heading = _heading(title, heading_id)
    intro = etree.Element("p")
    intro.text = f"All {len(listed)} checkable claims of "
    essay = etree.SubElement(intro, "a", {"href": essay_href})
    essay.text = "the essay"
    essay.tail = (", grouped by our verdict. Each links to its full fact-check and to its note "
                  "beside the text.")
    summary = etree.Element("ul", {"class": "fc-counts", "aria-label": "Claims per verdict"})
    for verdict, count in counts.items():
        item = etree.SubElement(summary, "li", {"data-verdict": verdict})
        holder = etree.SubElement(item, "a", {"href": f"#verdict-{verdict}"}) if count else item
        _badge(holder, verdict)
        count_text = etree.SubElement(item, "span", {"class": "fc-counts__n"})
        count_text.text = f" {count}"
    groups = etree.Element("div", {"class": "fc-claims", "data-fc-claims": ""})
    for verdict, (label, meaning, _) in VERDICTS.items():
        members = [a for a in listed if a.verdict == verdict]
        if not members:
            continue
        group = etree.SubElement(groups, "section", {"class": "fc-claims__group",
                                                      "data-verdict": verdict,
                                                      "aria-labelledby": f"verdict-{verdict}"})
        title_el = etree.SubElement(group, "h2", {"id": f"verdict-{verdict}"})
        title_el.text = f"{label} ({len(members)})"
        etree.SubElement(group, "p", {"class": "fc-claims__meaning"}).text = meaning.capitalize() + "."
        items = etree.SubElement(group, "ul", {"class": "fc-claims__list"})
        for annotation in members:
            item = etree.SubElement(items, "li", {"class": f"fc-claim-item fc-note--{verdict}",
                                                  "data-verdict": verdict})
            _badge(item, verdict).tail = " "
            link = etree.SubElement(item, "a", {"href": page_href(annotation.id),
                                                "class": "fc-claim-item__claim"})
            link.text = annotation.claim
            link.tail = " · "
            note = etree.SubElement(item, "a", {"href": note_href(annotation.id),
                                                "class": "fc-claim-item__note"})
            note.text = "note in the essay"
    return "\n".join(etree.tostring(e, encoding="unicode", method="html")
                     for e in (heading, intro, summary, groups))


# One page per claim -----------------------------------------------------------------------

# The theme prints page titles and descriptions without escaping them (in <title>, in the
# header, in <meta content="…">), so text from annotations loses the characters that could
# open a tag or close an attribute there.
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", '"': "”", "\n": " ", "\r": " ", "\t": " "})


def safe_title_text(text: str) -> str:
    return " ".join(text.translate(_TITLE_SAFE).split())


def claim_page_title(annotation: Annotation) -> str:
    return f"Fact-check: {safe_title_text(annotation.claim)}"


CLAIM_HEADING_ID = "fact-check"  # the theme's skip link and the table of contents point here


def claim_page_meta(annotation: Annotation) -> dict:
    """The page's metadata for the theme; the plugin supplies the content."""
    description = safe_title_text(
        f"{annotation.verdict_label}: {annotation.claim} Our verdict, evidence and sources.")
    # Left out of the search index: the essay's own note holds the same text.
    return {"title": claim_page_title(annotation), "description": description,
            "search": {"exclude": True}}


def _context(paragraph: Paragraph, annotation: Annotation) -> etree.Element:
    quote = etree.Element("blockquote", {"class": "fc-claim__context"})
    if paragraph.lang:
        quote.set("lang", paragraph.lang)
    text = etree.SubElement(quote, "p")
    anchor = annotation.anchor
    text.text = paragraph.text[: anchor.start]
    mark = etree.SubElement(text, "mark", {"class": f"fc-hl fc-hl--{annotation.verdict}"})
    mark.text = paragraph.text[anchor.start : anchor.end]
    mark.tail = paragraph.text[anchor.end :]
    return quote


def claim_page_html(annotation: Annotation, paragraph: Paragraph, *, essay_href: str,
                    index_href: str, review: dict, heading_id: str | None = None) -> str:
    """The claim's own page: quote in context, verdict, note, caveats, since, sources, JSON-LD."""
    verdict = annotation.verdict
    label, meaning, _ = VERDICTS[verdict]
    heading = _heading(annotation.claim, heading_id)
    article = etree.Element("div", {"class": f"fc-claim fc-note fc-note--{verdict}",
                                    "data-verdict": verdict, "data-annotation": annotation.id})
    verdict_line = etree.SubElement(article, "p", {"class": "fc-claim__verdict"})
    etree.SubElement(verdict_line, "strong").text = "Verdict: "
    _badge(verdict_line, verdict).tail = f" {meaning}."
    etree.SubElement(article, "h2").text = "In the essay"
    article.append(_context(paragraph, annotation))
    where = etree.SubElement(article, "p", {"class": "fc-claim__links"})
    para = etree.SubElement(where, "a", {"href": f"{essay_href}#p-{paragraph.id}"})
    para.text = "Read the paragraph in the essay"
    para.tail = " · "
    note = etree.SubElement(where, "a", {"href": f"{essay_href}#a-{annotation.id}"})
    note.text = "See the note beside the text"
    etree.SubElement(article, "h2").text = "What we found"
    append_html(etree.SubElement(article, "div", {"class": "fc-note__body"}),
                render_block(annotation.note))
    render.note_details(article, annotation)
    meta = etree.SubElement(article, "p", {"class": "fc-claim__meta"})
    dates = f"published {annotation.created}"
    if annotation.updated:
        dates += f", updated {annotation.updated}"
    meta.text = f"Checked by {annotation.author}; {dates}. Verdict: {label}. "
    back = etree.SubElement(meta, "a", {"href": index_href})
    back.text = "All claims"
    html = "\n".join(etree.tostring(e, encoding="unicode", method="html") for e in (heading, article))
    return html + "\n" + script_tag(review)
