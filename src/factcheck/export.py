"""Exports other tools understand: a W3C Web Annotation collection (JSON-LD)."""

from __future__ import annotations

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
