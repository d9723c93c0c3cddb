"""Exports other tools understand: a W3C Web Annotation collection (JSON-LD), and flat
``claims.json`` and ``claims.csv`` tables for data users."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from .catalog import Catalog
from .model import Annotation
from .safe_markdown import render_block

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_MOTIVATION = {"claim": "assessing", "context": "commenting", "editorial": "commenting"}


def _iri(base: str, path: str) -> str:
    return f"{base.rstrip('/')}/{path}" if base else path


def web_annotation(annotation: Annotation, page_url: str) -> dict:
    anchor = annotation.anchor
    bodies: list[dict] = [{
        "type": "TextualBody",
        "purpose": _MOTIVATION[annotation.kind],
        "format": "text/html",
        "language": "en",
        "value": render_block(annotation.note),
    }]
    if annotation.verdict:
        bodies.append({"type": "TextualBody", "purpose": "classifying",
                       "value": annotation.verdict_label})
    if annotation.claim:
        bodies.append({"type": "TextualBody", "purpose": "describing", "value": annotation.claim})
    bodies.extend(
        {"id": source.url, "type": "Text", "purpose": "linking", "title": source.title}
        for source in annotation.sources
    )
    item = {
        "id": f"{page_url}#a-{annotation.id}",
        "type": "Annotation",
        "motivation": _MOTIVATION[annotation.kind],
        "created": annotation.created,
        "creator": {"name": annotation.author},
        "body": bodies,
        "target": {
            "source": page_url,
            "selector": {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                "value": f"p-{anchor.paragraph}",
                "refinedBy": {
                    "type": "TextQuoteSelector",
                    "exact": anchor.exact,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                },
            },
        },
    }
    if annotation.updated:
        item["modified"] = annotation.updated
    return item


def annotation_collection(catalog: Catalog, site_url: str = "", page_path: str = "",
                          export_path: str = "annotations.jsonld",
                          label: str = "Fact-check annotations",
                          page_paths: dict[str, str] | None = None) -> dict:
    """All annotations as one ``AnnotationCollection`` with a single page.

    ``page_path`` is the main essay's URL path; ``page_paths`` gives the others by page name.
    Without a ``site_url`` the IRIs are relative to the export file, which sits at the site
    root next to the essay page.
    """
    page_paths = page_paths or {}
    collection_id = _iri(site_url, export_path)
    items = [web_annotation(a, _iri(site_url, page_paths.get(a.page, page_path)))
             for a in catalog.annotations]
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {
            "id": f"{collection_id}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


# Flat tables for data users: one row per annotation (every kind; filter on "kind" for claims).
CLAIMS_COLUMNS = ("id", "paragraph", "kind", "verdict", "rating_value", "claim", "quote",
                  "note_text", "sources", "url", "created", "updated")


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
    """A Markdown note as one line of plain text: what a reader sees, without markup."""
    parser = _TextOnly()
    parser.feed(render_block(markdown_text))
    parser.close()
    return " ".join("".join(parser.parts).split())


def claim_record(annotation: Annotation, page_url: str) -> dict:
    """One annotation as a flat record; ``sources`` is the list of source URLs."""
    return {
        "id": annotation.id,
        "paragraph": annotation.paragraph,
        "kind": annotation.kind,
        "verdict": annotation.verdict,
        "rating_value": annotation.rating_value,
        "claim": annotation.claim,
        "quote": annotation.quote,
        "note_text": plain_text(annotation.note),
        "sources": [source.url for source in annotation.sources],
        "url": f"{page_url}#a-{annotation.id}",
        "created": annotation.created,
        "updated": annotation.updated,
    }


def claim_records(catalog: Catalog, site_url: str = "", page_path: str = "",
                  page_paths: dict[str, str] | None = None) -> list[dict]:
    """Every annotation in reading order. URLs are relative to the site root without ``site_url``."""
    page_paths = page_paths or {}
    return [claim_record(a, _iri(site_url, page_paths.get(a.page, page_path)))
            for a in catalog.annotations]


def claims_json(records: list[dict]) -> str:
    """A JSON array of records, keys in ``CLAIMS_COLUMNS`` order; empty values are null."""
    ordered = [{column: record[column] for column in CLAIMS_COLUMNS} for record in records]
    return readable_json(ordered) + "\n"


def claims_csv(records: list[dict]) -> str:
    """RFC 4180 CSV with a header row; source URLs joined by a space, empty values empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CLAIMS_COLUMNS)
    for record in records:
        row = []
        for column in CLAIMS_COLUMNS:
            value = record[column]
            if column == "sources":
                value = " ".join(value)
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue()


def readable_json(value) -> str:
    """JSON with a line per key of the top object and per item of its lists.

    As easy to read and diff as an indented file, and written by the standard library's C
    encoder, which ``indent`` turns off (ten times slower on a large export).
    """
    if isinstance(value, list):
        return "[\n" + ",\n".join(map(_compact, value)) + "\n]" if value else "[]"
    if isinstance(value, dict):
        return "{\n" + ",\n".join(
            f"{_compact(key)}: {readable_json(item) if isinstance(item, list) else _compact(item)}"
            for key, item in value.items()) + "\n}"
    return _compact(value)


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False)
