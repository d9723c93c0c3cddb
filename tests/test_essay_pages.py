"""Several essay pages: an annotation names its page with ``page:``; the main essay stays the
default, so single-essay projects work unchanged."""

import json

import pytest

from conftest import build, parse_page, run_validate, write
from factcheck.checking.catalog import Project, load_catalog

SECOND_PAGE = """
# Part two

The same words can appear on two pages: the *real* projects again.
{: #p-real-projects }

Only on the second page: a quiet sentence about data.
{: #p-second-only }
"""

ON_SECOND_PAGE = """
page: more/two.md
paragraph: real-projects
quote: "the real projects again"
kind: editorial
note: Same paragraph id as on the main essay, but another page.
author: Test author
created: "2026-11-26"
"""


@pytest.fixture
def two_pages(fixture_site):
    write(fixture_site / "docs" / "more" / "two.md", SECOND_PAGE)
    write(fixture_site / "annotations" / "second-page.yaml", ON_SECOND_PAGE)
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - factcheck\n", "  - factcheck:\n      essays: [more/*.md]\n"), encoding="utf-8")
    return fixture_site


def catalog_of(site, essays=("more/*.md",)):
    return load_catalog(Project.at(site, essays=essays))


def test_annotations_without_page_belong_to_the_main_essay(two_pages):
    catalog = catalog_of(two_pages)
    assert catalog.ok, catalog.problems
    assert list(catalog.pages) == ["index.md", "more/two.md"]
    assert catalog.main_page == "index.md"
    assert set(catalog.paragraphs) == {"real-projects", "curse", "plain"}
    pages = {a.id: a.page for a in catalog.annotations}
    assert pages["second-page"] == "more/two.md"
    assert {page for name, page in pages.items() if name != "second-page"} == {"index.md"}
    # reading order: every annotation of the main essay before those of the next page
    assert catalog.annotations[-1].id == "second-page"
    by_page = catalog.by_page()
    assert "second-page" not in {a.id for a in by_page["index.md"]}
    assert [(a.id, a.paragraph) for a in by_page["more/two.md"]] == [("second-page", "real-projects")]


def test_anchor_is_checked_against_its_own_page(two_pages):
    write(two_pages / "annotations" / "wrong-page.yaml", ON_SECOND_PAGE.replace(
        "page: more/two.md", "page: index.md"))
    catalog = catalog_of(two_pages)
    errors = [p.format() for p in catalog.problems.errors]
    assert len(errors) == 1
    assert errors[0].startswith("annotations/wrong-page.yaml:3:")
    assert "quote not found in paragraph 'real-projects'" in errors[0]


def test_unknown_page_names_the_pages_there_are(two_pages):
    write(two_pages / "annotations" / "no-such-page.yaml", ON_SECOND_PAGE.replace(
        "page: more/two.md", "page: more/three.md"))
    errors = [p.format() for p in catalog_of(two_pages).problems.errors]
    assert errors == ["annotations/no-such-page.yaml:1:7: error: unknown essay page 'more/three.md'; "
                      "essay pages: index.md, more/two.md"]


def test_page_outside_the_configured_essays_is_unknown(two_pages):
    errors = [p.format() for p in catalog_of(two_pages, essays=()).problems.errors]
    assert len(errors) == 1 and "unknown essay page 'more/two.md'" in errors[0]


def test_page_must_be_a_markdown_path(two_pages):
    write(two_pages / "annotations" / "bad-page.yaml", ON_SECOND_PAGE.replace(
        "page: more/two.md", "page: ../two.txt"))
    errors = [p.format() for p in catalog_of(two_pages).problems.errors]
    assert any("'page' must be the path of an essay page" in e for e in errors), errors


def test_validator_takes_essay_patterns(two_pages):
    both = run_validate("--root", str(two_pages), "--essays", "more/*.md")
    assert both.returncode == 0, both.stdout
    assert "5 paragraphs" in both.stderr
    main_only = run_validate("--root", str(two_pages))
    assert main_only.returncode == 1
    assert "unknown essay page 'more/two.md'" in main_only.stdout


def test_build_decorates_every_essay_page_and_exports_page_urls(two_pages):
    out = build(two_pages)
    main = (out / "index.html").read_text(encoding="utf-8")
    second = (out / "more" / "two" / "index.html").read_text(encoding="utf-8")
    assert 'data-annotation="second-page"' in second
    assert 'id="a-second-page"' in second
    assert 'data-annotation="second-page"' not in main
    assert 'id="a-curse-quote"' in main and 'id="a-curse-quote"' not in second
    assert parse_page(second).notes == ["second-page"]
    # note numbers start again at 1 on each page
    assert 'aria-label="Note 1: Editorial note"' in second
    assert 'href="#p-second-only"' in second
    exported = json.loads((out / "annotations.jsonld").read_text(encoding="utf-8"))
    targets = {item["id"].split("#")[1]: item["target"]["source"] for item in exported["first"]["items"]}
    assert targets["a-second-page"] == "more/two/"
    assert targets["a-curse-quote"] == "./"
    assert exported["total"] == 4
