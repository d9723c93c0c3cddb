"""The data files the site publishes, each checked against its own specification.

- annotations.jsonld: the W3C Web Annotation Data Model (AnnotationCollection of Annotations).
- claims/<id>/: schema.org ClaimReview JSON-LD with the properties Google requires.
- claims.json and claims.csv: one record per annotation, columns in a fixed order.
"""

import csv
import io
import json
import re

import pytest

from conftest import ROOT
from factcheck import sinks
from factcheck.checking.catalog import Project, load_catalog
from factcheck.checking.notes_markdown import plain_text
from factcheck.model import VERDICTS
from factcheck.rendering.exports import CLAIMS_COLUMNS, claim_records, claims_csv, claims_json
from factcheck.rendering.settings import Settings

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# The 13 oa:Motivation instances of the Web Annotation Vocabulary; body purposes use the same list.
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
               "highlighting", "identifying", "linking", "moderating", "questioning", "replying",
               "tagging"}
SELECTOR_REQUIRED = {
    "TextQuoteSelector": {"exact"},
    "FragmentSelector": {"value"},
    "TextPositionSelector": {"start", "end"},
    "CssSelector": {"value"},
}
_LD_JSON = re.compile(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', re.S)


@pytest.fixture(scope="module")
def catalog():
    catalog = load_catalog(Project.at(ROOT))
    assert catalog.annotations
    return catalog


def check_selector(selector: dict) -> None:
    assert selector["type"] in SELECTOR_REQUIRED, selector
    assert SELECTOR_REQUIRED[selector["type"]] <= set(selector), selector
    if "refinedBy" in selector:
        check_selector(selector["refinedBy"])


def check_web_annotation(item: dict) -> None:
    """Model section 3.1: id (one IRI), type Annotation, at least one target; bodies typed."""
    assert isinstance(item["id"], str) and item["id"]
    assert item["type"] == "Annotation"
    assert item["motivation"] in MOTIVATIONS
    targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
    assert targets
    for target in targets:
        assert isinstance(target, str) or {"source", "selector"} <= set(target)
        if isinstance(target, dict):
            check_selector(target["selector"])
    bodies = item.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, str):
            continue
        if body.get("type") == "TextualBody":
            assert isinstance(body["value"], str) and body["value"]
        else:
            assert body.get("id"), f"an external body needs an id: {body}"
        if "purpose" in body:
            assert body["purpose"] in MOTIVATIONS, body
    for date_key in ("created", "modified"):
        if date_key in item:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item[date_key])


def test_annotations_jsonld_is_a_web_annotation_collection(real_site, catalog):
    data = json.loads((real_site / "annotations.jsonld").read_text(encoding="utf-8"))
    context = data["@context"]
    assert ANNO_CONTEXT in (context if isinstance(context, list) else [context])
    assert data["type"] == "AnnotationCollection" and data["id"]
    page = data["first"]
    assert page["type"] == "AnnotationPage"
    items = page["items"]
    assert data["total"] == len(items) == len(catalog.annotations)
    for item in items:
        check_web_annotation(item)
    assert len({item["id"] for item in items}) == len(items), "annotation ids must be unique"


def test_a_broken_annotation_fails_the_web_annotation_check(real_site):
    data = json.loads((real_site / "annotations.jsonld").read_text(encoding="utf-8"))
    item = data["first"]["items"][0]
    broken = {key: value for key, value in item.items() if key != "target"}
    with pytest.raises(KeyError):
        check_web_annotation(broken)
    with pytest.raises(AssertionError):
        check_web_annotation({**item, "motivation": "fact-checking"})


def claim_reviews(site) -> dict[str, list[dict]]:
    found = {}
    for page in sorted((site / "claims").glob("*/index.html")):
        blocks = [json.loads(block) for block in _LD_JSON.findall(page.read_text(encoding="utf-8"))]
        found[page.parent.name] = [b for b in blocks if b.get("@type") == "ClaimReview"]
    return found


def test_every_claim_page_has_a_claimreview_with_googles_required_properties(real_site, catalog):
    pytest.importorskip("factcheck.rendering.claimreview", reason="the ClaimReview pages are not built yet")
    reviews = claim_reviews(real_site)
    claims = [a for a in catalog.annotations if a.kind == "claim"]
    assert sorted(reviews) == sorted(a.id for a in claims)
    for annotation in claims:
        [review] = reviews[annotation.id]
        assert review["@context"] in ("https://schema.org", "http://schema.org")
        # Google's required properties: claimReviewed, reviewRating (with alternateName), url.
        assert review["claimReviewed"] == annotation.claim
        assert review["url"]
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == VERDICTS[annotation.verdict][0]
        if annotation.rating_value is None:
            assert "ratingValue" not in rating
        else:
            assert rating["ratingValue"] == annotation.rating_value
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["itemReviewed"]["@type"] in ("Claim", "CreativeWork")


def test_claims_csv_has_the_stable_header_and_one_row_per_annotation(real_site, catalog):
    raw = (real_site / "claims.csv").read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert tuple(rows[0]) == CLAIMS_COLUMNS
    assert CLAIMS_COLUMNS == ("id", "paragraph", "kind", "verdict", "rating_value", "claim", "quote",
                              "note_text", "sources", "url", "created", "updated", "corrections")
    body = rows[1:]
    assert len(body) == len(catalog.annotations)
    assert all(len(row) == len(CLAIMS_COLUMNS) for row in body)
    by_id = {row[0]: dict(zip(CLAIMS_COLUMNS, row, strict=True)) for row in body}
    for annotation in catalog.annotations:
        row = by_id[annotation.id]
        assert row["quote"] == sinks.csv_cell(annotation.quote)
        assert row["kind"] == annotation.kind
        assert row["verdict"] == (annotation.verdict or "")
        assert row["rating_value"] == ("" if annotation.rating_value is None
                                       else str(annotation.rating_value))
        assert row["sources"].split() == [s.url for s in annotation.sources]
        assert row["url"].endswith(f"#a-{annotation.id}")
        assert "<" not in row["note_text"] and "\n" not in row["note_text"]


def test_claims_json_holds_the_same_records_as_the_csv(real_site, catalog):
    records = json.loads((real_site / "claims.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [a.id for a in catalog.annotations]
    assert all(tuple(record) == CLAIMS_COLUMNS for record in records)
    rows = list(csv.DictReader(io.StringIO((real_site / "claims.csv").read_text(encoding="utf-8"),
                                           newline="")))
    for record, row in zip(records, rows, strict=True):
        for column in CLAIMS_COLUMNS:
            value = record[column]
            expected = (" ".join(value) if column == "sources"
                        else "" if value is None else sinks.csv_cell(value) if isinstance(value, str)
                        else str(value))
            assert row[column] == expected, (record["id"], column)


def test_note_text_is_the_plain_text_a_reader_sees():
    assert plain_text("A **bold** [link](https://www.example-agency.org/) and `code`.\n\n- one\n- two") == \
        "A bold link and code. one two"
    # Raw HTML is shown as text on the page (it is never rendered), so the plain text keeps it.
    assert plain_text("Tom &amp; Jerry <b>x</b>") == "Tom & Jerry <b>x</b>"


def test_csv_quotes_commas_quotes_and_line_breaks(fixture_site):
    catalog = load_catalog(Project.at(fixture_site))
    settings = Settings(root=fixture_site, site_url="https://www.example-agency.org/essay/")
    records = claim_records(catalog, settings)
    records[0]["quote"] = 'a "quoted", comma\nand a line break'
    parsed = list(csv.DictReader(io.StringIO(claims_csv(records), newline="")))
    assert parsed[0]["quote"] == 'a "quoted", comma\nand a line break'
    assert parsed[0]["url"] == f"https://www.example-agency.org/essay/#a-{records[0]['id']}"
    assert json.loads(claims_json(records))[0]["quote"] == records[0]["quote"]
