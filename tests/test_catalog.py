"""Cross-checks against the essay: paragraphs, quotes, occurrences, ids, duplicates."""

from pathlib import Path

import pytest

from conftest import write
from factcheck.checking.catalog import Project, SetupError, load_catalog

ANNOTATION = """\
paragraph: {paragraph}
quote: "{quote}"
{extra}kind: context
note: Background.
sources:
  - title: T
    url: https://www.example-agency.org/t
    publisher: P
    date: "2019"
    supports: S
author: A
created: "2026-11-26"
"""


def annotate(site: Path, name: str, paragraph: str, quote: str, extra: str = "") -> None:
    write(site / "annotations" / f"{name}.yaml",
          ANNOTATION.format(paragraph=paragraph, quote=quote, extra=extra))


def messages(site: Path) -> list[str]:
    return [p.format() for p in load_catalog(Project.at(site)).problems]


def test_fixture_site_is_valid(fixture_site):
    catalog = load_catalog(Project.at(fixture_site))
    assert catalog.problems == []
    # in the order of their numbers in the text: curse-data ("the data", nested at the end of
    # curse-quote) has its number first
    assert [a.id for a in catalog.annotations] == ["real-projects", "curse-data", "curse-quote"]


def test_quote_not_found_names_file_line_column_and_closest_passage(fixture_site):
    annotate(fixture_site, "typo", "real-projects", "the toy projekts they worked")
    assert messages(fixture_site) == [
        "annotations/typo.yaml:2:8: error: quote not found in paragraph 'real-projects'; "
        'closest: "the toy projects they worked"'
    ]


def test_quote_spanning_emphasis_anchors(fixture_site):
    annotate(fixture_site, "across", "real-projects", "on the real projects instead")
    catalog = load_catalog(Project.at(fixture_site))
    assert catalog.problems == []
    anchor = next(a for a in catalog.annotations if a.id == "across").anchor
    assert anchor.exact == "on the real projects instead"
    assert anchor.prefix.endswith("would be working ")


def test_repeated_quote_needs_occurrence_and_occurrence_must_exist(fixture_site):
    annotate(fixture_site, "ambiguous", "curse", "the data")
    annotate(fixture_site, "too-far", "curse", "the data", extra="occurrence: 4\n")
    found = messages(fixture_site)
    assert ("annotations/ambiguous.yaml:2:8: error: quote occurs 3 times in paragraph 'curse'; "
            "add 'occurrence: N' (1 to 3) or quote a longer passage") in found
    assert ("annotations/too-far.yaml:3:13: error: occurrence 4 asked for, but the quote occurs "
            "3 times in paragraph 'curse'") in found


def test_unknown_paragraph_suggests_an_id(fixture_site):
    annotate(fixture_site, "lost", "real-project", "the real projects")
    assert messages(fixture_site) == [
        "annotations/lost.yaml:1:12: error: unknown paragraph 'real-project'; did you mean 'real-projects'?"
    ]


def test_file_name_must_be_a_slug(fixture_site):
    annotate(fixture_site, "Bad_Name", "real-projects", "the toy projects")
    assert any("annotations/Bad_Name.yaml:1:1: error: file name 'Bad_Name.yaml' must be" in m
               for m in messages(fixture_site))


def test_all_problems_in_all_files_are_reported(fixture_site):
    annotate(fixture_site, "one", "real-projects", "nowhere to be seen")
    annotate(fixture_site, "two", "nope", "x")
    write(fixture_site / "annotations" / "three.yaml", "paragraph: [\n")
    found = messages(fixture_site)
    assert len(found) == 3
    assert [m.split(":")[0] for m in found] == [
        "annotations/one.yaml", "annotations/three.yaml", "annotations/two.yaml"]


def test_same_quote_and_verdict_twice_in_a_paragraph_is_an_error(fixture_site):
    annotate(fixture_site, "twin", "curse", "the data", extra="occurrence: 2\n")
    assert any("same quote and verdict as annotations/curse-data.yaml" in m
               for m in messages(fixture_site))


def test_overlapping_and_nested_quotes_are_allowed(fixture_site):
    annotate(fixture_site, "outer", "real-projects", "working on the real projects instead of the toy")
    annotate(fixture_site, "overlap", "real-projects", "projects instead of the toy projects they")
    assert messages(fixture_site) == []


def test_missing_essay_or_folder_cannot_run(tmp_path):
    with pytest.raises(SetupError):
        load_catalog(Project.at(tmp_path))
