"""The post-build check: a missing, doubled or half-rendered annotation, or an export that does
not hold exactly the loaded annotations, fails the build naming the ids involved."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from conftest import build
from factcheck.catalog import Project, load_catalog
from factcheck.integrity import (
    count_rendered,
    export_problems,
    flat_export_problems,
    rendering_problems,
)

NOTE = '<section class="fc-note" id="a-{0}"></section>'
MARK = '<mark class="fc-hl" data-annotation="{0}">x</mark>'


@pytest.fixture
def loaded(fixture_site):
    return load_catalog(Project.at(fixture_site)).annotations  # real-projects, curse-quote, curse-data


def rendered(*fragments: str) -> tuple[Counter, Counter]:
    notes, highlights = Counter(), Counter()
    count_rendered("".join(fragments), notes, highlights)
    return notes, highlights


def page_for(annotations, skip_note=(), skip_mark=()):
    return [NOTE.format(a.id) for a in annotations if a.id not in skip_note] + [
        MARK.format(a.id) for a in annotations if a.id not in skip_mark]


def test_a_complete_page_passes(loaded):
    assert rendering_problems(loaded, *rendered(*page_for(loaded))) == []


def test_highlight_without_note_and_note_without_highlight_are_named(loaded):
    problems = rendering_problems(loaded, *rendered(*page_for(loaded, skip_note=["curse-data"],
                                                              skip_mark=["curse-quote"])))
    assert "annotations/curse-data.yaml: note rendered 0 times, expected once" in problems
    assert "annotations/curse-quote.yaml: highlight missing from the page" in problems
    assert "highlight of 'curse-data' has no note on the page" in problems
    assert "note a-curse-quote has no highlight on the page" in problems


def test_doubled_and_unknown_annotations_are_named(loaded):
    page = page_for(loaded) + [NOTE.format("real-projects"), NOTE.format("ghost"), MARK.format("spook")]
    problems = rendering_problems(loaded, *rendered(*page))
    assert "annotations/real-projects.yaml: note rendered 2 times, expected once" in problems
    assert "note a-ghost on the page has no annotation file" in problems
    assert "highlight of 'spook' on the page has no annotation file" in problems


def test_exports_must_hold_exactly_the_loaded_annotations(fixture_site, loaded):
    site = build(fixture_site)
    assert export_problems(site / "annotations.jsonld", loaded) == []
    assert flat_export_problems(site / "claims.json", loaded) == []
    assert flat_export_problems(site / "claims.csv", loaded) == []

    collection = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    items[1] = items[0]  # one lost, one doubled
    (site / "annotations.jsonld").write_text(json.dumps(collection), encoding="utf-8")
    problems = export_problems(site / "annotations.jsonld", loaded)
    assert any("is missing: " in p and loaded[1].id in p for p in problems)
    assert any("repeats: " in p and loaded[0].id in p for p in problems)

    records = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    (site / "claims.json").write_text(json.dumps(records[:-1]), encoding="utf-8")
    assert flat_export_problems(site / "claims.json", loaded) == [
        "claims.json holds 2 annotations, expected 3", f"claims.json is missing: {loaded[-1].id}"]

    lines = (site / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (site / "claims.csv").write_text("".join(lines[:2]), encoding="utf-8")
    assert "claims.csv holds 1 annotations, expected 3" in flat_export_problems(site / "claims.csv",
                                                                                loaded)
    (site / "claims.csv").unlink()
    assert flat_export_problems(site / "claims.csv", loaded) == ["claims.csv was not written"]
    shutil.rmtree(site)
