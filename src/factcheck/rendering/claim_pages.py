"""Pages generated from the annotations: the claims index, one page per claim with its
ClaimReview, and the corrections page.

Each page is a small Markdown file: front matter (title and description, made safe for themes
that print them unescaped) and one directive line, ``[[factcheck claim <id>]]``, that the
Markdown extension replaces with elements. Annotation text never enters a page's Markdown, so
nothing a contributor writes can be read as Markdown, HTML or a directive.
"""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as etree

from .. import sinks
from ..checking.catalog import Catalog
from ..model import VERDICTS, Annotation, Paragraph, claims, verdict_counts
from . import notes
from .claimreview import ReviewUrls, claim_review
from .fragment import append_html
from .settings import CLAIMS_INDEX, CORRECTIONS_PAGE, Settings, claim_src, link

CLAIM_HEADING_ID = "fact-check"


def directive(name: str, argument: str = "") -> str:
    return f"[[factcheck {name} {argument}]]".replace(" ]]", "]]")


def _page_markdown(title: str, description: str, body: str, search: bool = True) -> str:
    # JSON strings are YAML double-quoted scalars.
    front = [f"title: {json.dumps(sinks.theme_text(title), ensure_ascii=False)}",
             f"description: {json.dumps(sinks.theme_text(description), ensure_ascii=False)}"]
    if not search:
        front += ["search:", "  exclude: true"]
    return "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


def headline(annotation: Annotation) -> str:
    """The verdict first, then the claim as a quotation: never the bare claim as a headline."""
    claim = annotation.claim.rstrip().rstrip(".")
    return f"{annotation.verdict_label}: the claim “{claim}”"


def claim_page_markdown(annotation: Annotation) -> str:
    meaning = VERDICTS[annotation.verdict][1]
    description = (f"{annotation.verdict_label} ({meaning}): our fact-check of the claim "
                   f"“{annotation.claim.rstrip('.')}”, with the evidence and sources.")
    # Left out of the search index: the essay's own note holds the same text.
    return _page_markdown(headline(annotation), description,
                          directive("claim", sinks.file_name(annotation.id, "")), search=False)


def claims_index_markdown(title: str) -> str:
    return _page_markdown(title, "Every checkable claim of the essay with its verdict, by verdict.",
                          directive("claims"))


def corrections_markdown() -> str:
    return _page_markdown("Corrections", "Every correction to a published fact-check, newest first.",
                          directive("corrections"))


def relative_url(from_url: str, to_url: str) -> str:
    """``to_url`` relative to the page at ``from_url`` (both from the site's root)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + base) if to_url != base else "."
    if to_url.endswith("/") or not to_url:
        target = target.rstrip("/") + "/" if target != "." else "./"
    return target


def review_urls(annotation: Annotation, settings: Settings) -> ReviewUrls:
    page_url = settings.url(claim_src(annotation.id))
    essay_url = settings.url(annotation.page) + f"#p-{annotation.paragraph}"
    if settings.site_url:
        return ReviewUrls(review=settings.absolute(page_url), appearance=settings.absolute(essay_url))
    return ReviewUrls(review=relative_url(page_url, page_url),
                      appearance=relative_url(page_url, settings.url(annotation.page))
                      + f"#p-{annotation.paragraph}")


def _heading(text: str, level: str = "h1", heading_id: str | None = None) -> etree.Element:
    heading = etree.Element(level, {"id": heading_id} if heading_id else {})
    heading.text = text
    return heading


def claim_page(annotation: Annotation, paragraph: Paragraph, here: str,
               settings: Settings) -> list[etree.Element]:
    """The claim's own page: verdict, the claim, the quote in context, the finding, caveats,
    since, sources and corrections (all shown, whatever the width or script), and ClaimReview."""
    verdict = annotation.verdict
    meaning = VERDICTS[verdict][1]
    article = etree.Element("div", {"class": f"fc-claim fc-note--{verdict}",
                                    "data-verdict": verdict, "data-annotation": annotation.id})
    verdict_line = etree.SubElement(article, "p", {"class": "fc-claim__verdict"})
    etree.SubElement(verdict_line, "strong").text = "Our verdict: "
    notes.badge(verdict_line, annotation).tail = f" ({meaning})."
    article.append(_heading("The claim as checked", "h2"))
    etree.SubElement(article, "p", {"class": "fc-claim__claim"}).text = annotation.claim
    article.append(_heading("In the essay", "h2"))
    article.append(notes.quote_in_context(paragraph, annotation))
    where = etree.SubElement(article, "p", {"class": "fc-claim__links"})
    in_essay = etree.SubElement(where, "a", {"href": link(here, annotation.page, f"p-{paragraph.id}")})
    in_essay.text = "Read the paragraph in the essay"
    in_essay.tail = " · "
    note = etree.SubElement(where, "a", {"href": link(here, annotation.page,
                                                       notes.note_id(annotation.id))})
    note.text = "See the note beside the text"
    article.append(_heading("What we found", "h2"))
    from ..checking.notes_markdown import render_block

    append_html(etree.SubElement(article, "div", {"class": "fc-note__body"}),
                render_block(annotation.note))
    notes.note_details(article, annotation, heading="h2")
    meta = etree.SubElement(article, "p", {"class": "fc-claim__meta"})
    dates = f"published {annotation.created}"
    if annotation.last_changed != annotation.created:
        dates += f", last changed {annotation.last_changed}"
    meta.text = f"Checked by {annotation.author}; {dates}. "
    back = etree.SubElement(meta, "a", {"href": link(here, CLAIMS_INDEX)})
    back.text = "All claims"
    review = claim_review(annotation, review_urls(annotation, settings), settings.publisher_name)
    script = etree.Element("script", {"type": "application/ld+json"})
    script.text = sinks.json_ld(review)
    return [_heading(headline(annotation), heading_id=CLAIM_HEADING_ID), article, script]


def claims_index(catalog: Catalog, here: str, settings: Settings) -> list[etree.Element]:
    """Every claim with its verdict, grouped by verdict; JavaScript adds a filter."""
    listed = claims(catalog.annotations)
    counts = verdict_counts(catalog.annotations)
    heading = _heading(settings.claims_title)
    intro = etree.Element("p")
    intro.text = f"All {len(listed)} checkable claims of "
    essay = etree.SubElement(intro, "a", {"href": link(here, catalog.main_page)})
    essay.text = "the essay"
    essay.tail = (", grouped by our verdict. Each links to its full fact-check and to its note "
                  "beside the text.")
    summary = etree.Element("ul", {"class": "fc-counts", "aria-label": "Claims per verdict"})
    for verdict, count in counts.items():
        item = etree.SubElement(summary, "li", {"data-verdict": verdict})
        holder = etree.SubElement(item, "a", {"href": f"#verdict-{verdict}"}) if count else item
        notes.badge(holder, verdict)
        etree.SubElement(item, "span", {"class": "fc-counts__n"}).text = f" {count}"
    groups = etree.Element("div", {"class": "fc-claims", "data-fc-claims": ""})
    for verdict, (label, meaning, _) in VERDICTS.items():
        members = [a for a in listed if a.verdict == verdict]
        if not members:
            continue
        group = etree.SubElement(groups, "section", {"class": "fc-claims__group",
                                                      "data-verdict": verdict,
                                                      "aria-labelledby": f"verdict-{verdict}"})
        etree.SubElement(group, "h2", {"id": f"verdict-{verdict}"}).text = f"{label} ({len(members)})"
        etree.SubElement(group, "p", {"class": "fc-claims__meaning"}).text = meaning.capitalize() + "."
        items = etree.SubElement(group, "ul", {"class": "fc-claims__list"})
        for annotation in members:
            item = etree.SubElement(items, "li", {"class": f"fc-claim-item fc-note--{verdict}",
                                                  "data-verdict": verdict})
            notes.badge(item, annotation).tail = " "
            target = (claim_src(annotation.id) if settings.claim_pages else annotation.page)
            fragment = "" if settings.claim_pages else notes.note_id(annotation.id)
            claim = etree.SubElement(item, "a", {"href": link(here, target, fragment),
                                                 "class": "fc-claim-item__claim"})
            claim.text = annotation.claim
            claim.tail = " · "
            note = etree.SubElement(item, "a", {"href": link(here, annotation.page,
                                                             notes.note_id(annotation.id)),
                                                "class": "fc-claim-item__note"})
            note.text = "note in the essay"
    return [heading, intro, summary, groups]


def corrections_list(catalog: Catalog, here: str) -> list[etree.Element]:
    """Every correction of every annotation, newest first."""
    entries = sorted(((c, a) for a in catalog.annotations for c in a.corrections),
                     key=lambda pair: (pair[0].date, pair[1].id), reverse=True)
    heading = _heading("Corrections")
    intro = etree.Element("p")
    intro.text = ("When we change a verdict or a finding after publication, the note says so "
                  "with the date, what changed and why, and it is listed here.")
    if not entries:
        empty = etree.Element("p", {"class": "fc-corrections__none"})
        empty.text = "No corrections so far."
        return [heading, intro, empty]
    items = etree.Element("ul", {"class": "fc-corrections"})
    for correction, annotation in entries:
        lead = etree.Element("a", {"href": link(here, annotation.page, notes.note_id(annotation.id))})
        lead.text = notes.card_title(annotation)
        notes.correction_item(items, correction, lead)
    return [heading, intro, items]


def generated_pages(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """Every page the annotations add, as Markdown by its path inside docs_dir."""
    pages = {CLAIMS_INDEX: claims_index_markdown(settings.claims_title),
             CORRECTIONS_PAGE: corrections_markdown()}
    if settings.claim_pages:
        for annotation in claims(catalog.annotations):
            pages[claim_src(annotation.id)] = claim_page_markdown(annotation)
    return pages
