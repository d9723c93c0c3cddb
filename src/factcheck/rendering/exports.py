"""Exports other tools understand: a W3C Web Annotation collection (JSON-LD), and flat
``claims.json`` and ``claims.csv`` tables for data users.

Every generator publishes the same bytes: the exports depend only on the catalog and the
settings (the site's URL and the pages' addresses).
"""

from __future__ import annotations

import csv
import io
import json

from .. import sinks
from ..checking.catalog import Catalog
from ..checking.notes_markdown import plain_text, render_block
from ..model import Annotation
from .notes import note_id
from .settings import Settings

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_MOTIVATION = {"claim": "assessing", "context": "commenting", "editorial": "commenting"}
DATA_FILES = ("claims.json", "claims.csv")


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
        "id": f"{page_url}#{note_id(annotation.id)}",
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
    if annotation.last_changed != annotation.created:
        item["modified"] = annotation.last_changed
    return item


def annotation_collection(catalog: Catalog, settings: Settings,
                          label: str = "Fact-check annotations") -> dict:
    """All annotations as one ``AnnotationCollection`` with a single page.

    Without a site URL the IRIs are relative to the export file, which sits at the site root.
    """
    collection_id = settings.absolute(settings.export)
    items = [web_annotation(a, settings.absolute(settings.url(a.page))) for a in catalog.annotations]
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    }


# Flat tables for data users: one row per annotation (every kind; filter on "kind" for claims).
CLAIMS_COLUMNS = ("id", "paragraph", "kind", "verdict", "rating_value", "claim", "quote",
                  "note_text", "sources", "url", "created", "updated", "corrections")


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
        "url": f"{page_url}#{note_id(annotation.id)}",
        "created": annotation.created,
        "updated": annotation.last_changed if annotation.last_changed != annotation.created else None,
        "corrections": len(annotation.corrections),
    }


def claim_records(catalog: Catalog, settings: Settings) -> list[dict]:
    """Every annotation in reading order. URLs are relative to the site root without a site URL."""
    return [claim_record(a, settings.absolute(settings.url(a.page))) for a in catalog.annotations]


def claims_json(records: list[dict]) -> str:
    """A JSON array of records, keys in ``CLAIMS_COLUMNS`` order; empty values are null."""
    return readable_json([{column: record[column] for column in CLAIMS_COLUMNS}
                          for record in records]) + "\n"


def claims_csv(records: list[dict]) -> str:
    """RFC 4180 CSV with a header row; source URLs joined by a space, empty values empty.
    A cell a spreadsheet would run as a formula starts with an apostrophe (see ``sinks``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CLAIMS_COLUMNS)
    for record in records:
        row = []
        for column in CLAIMS_COLUMNS:
            value = record[column]
            if column == "sources":
                value = " ".join(value)
            row.append("" if value is None else sinks.csv_cell(value) if isinstance(value, str)
                       else value)
        writer.writerow(row)
    return out.getvalue()


def readable_json(value) -> str:
    """JSON with a line per key of the top object and per item of its lists: as easy to read and
    diff as an indented file, and written by the standard library's C encoder, which ``indent``
    turns off (ten times slower on a large export)."""
    if isinstance(value, list):
        return "[\n" + ",\n".join(map(_compact, value)) + "\n]" if value else "[]"
    if isinstance(value, dict):
        return "{\n" + ",\n".join(
            f"{_compact(key)}: {readable_json(item) if isinstance(item, list) else _compact(item)}"
            for key, item in value.items()) + "\n}"
    return _compact(value)


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def data_files(catalog: Catalog, settings: Settings) -> dict[str, str]:
    """The exports by their path in the built site."""
    records = claim_records(catalog, settings)
    return {settings.export: readable_json(annotation_collection(catalog, settings)) + "\n",
            "claims.json": claims_json(records), "claims.csv": claims_csv(records)}
