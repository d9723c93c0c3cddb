"""The check of a built site: a missing, doubled or half-rendered annotation, a lost claim page,
or an export that does not hold exactly the loaded annotations, is named with the ids involved."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import build
from factcheck.checking.catalog import Project, load_catalog
from factcheck.rendering.settings import read_settings
from factcheck.rendering.site_check import check_site


@pytest.fixture
def built(fixture_site):
    site = build(fixture_site)
    settings = read_settings(fixture_site / "mkdocs.yml")
    catalog = load_catalog(Project.at(fixture_site))  # real-projects, curse-quote, curse-data
    yield site, catalog, settings
    shutil.rmtree(site)


def edit(path, pattern: str, replacement: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=count, flags=re.S)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


def test_a_complete_site_passes(built):
    site, catalog, settings = built
    assert check_site(site, catalog, settings) == []


def test_a_lost_note_and_a_lost_highlight_are_named(built):
    site, catalog, settings = built
    essay = site / "index.html"
    edit(essay, r'<details class="fc-note[^>]*id="a-curse-data".*?</details>', "")
    edit(essay, r'<mark [^>]*data-annotation="curse-quote"[^>]*>', "<mark>")
    problems = check_site(site, catalog, settings)
    assert "annotations/curse-data.yaml: note rendered 0 times on index.md, expected once" in problems
    assert "highlight of 'curse-data' on index.md has no note" in problems


def test_doubled_notes_unknown_notes_and_repeated_ids_are_named(built):
    site, catalog, settings = built
    essay = site / "index.html"
    note = re.search(r'<details class="fc-note[^>]*id="a-real-projects".*?</details>',
                     essay.read_text(encoding="utf-8"), re.S).group(0)
    ghost = note.replace("real-projects", "ghost")
    edit(essay, r"</article>", note + ghost + "</article>")
    problems = check_site(site, catalog, settings)
    assert "annotations/real-projects.yaml: note rendered 2 times on index.md, expected once" in problems
    assert "note a-ghost on index.md has no annotation file" in problems
    assert "id 'a-real-projects' is used 2 times on index.md" in problems


def test_a_wrong_review_and_a_lost_claim_page_are_named(built):
    site, catalog, settings = built
    edit(site / "claims" / "real-projects" / "index.html", r'"claimReviewed": "[^"]*"',
         '"claimReviewed": "something else"')
    assert check_site(site, catalog, settings) == [
        "annotations/real-projects.yaml: the claim page must hold one ClaimReview of its claim "
        "(found 1)"]
    shutil.rmtree(site / "claims" / "real-projects")
    assert check_site(site, catalog, settings) == [
        "annotations/real-projects.yaml: claim page claims/real-projects/ was not built"]


def test_exports_must_hold_exactly_the_loaded_annotations(built):
    site, catalog, settings = built
    ids = [a.id for a in catalog.annotations]
    collection = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    items[1] = items[0]  # one lost, one doubled
    (site / "annotations.jsonld").write_text(json.dumps(collection), encoding="utf-8")
    records = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    (site / "claims.json").write_text(json.dumps(records[:-1]), encoding="utf-8")
    (site / "claims.csv").unlink()
    problems = check_site(site, catalog, settings)
    assert f"annotations.jsonld is missing: {ids[1]}" in problems
    assert f"annotations.jsonld repeats: {ids[0]}" in problems
    assert "claims.json holds 2 annotations, expected 3" in problems
    assert f"claims.json is missing: {ids[-1]}" in problems
    assert "claims.csv was not written" in problems
