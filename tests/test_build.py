"""Fixture-site builds: the HTML contract, the export, and failures that must stop a build."""

import json
import re

import pytest
from mkdocs.exceptions import Abort, PluginError

import factcheck.rendering.essay_page
from conftest import build, parse_page, write


@pytest.fixture
def built(fixture_site):
    return build(fixture_site)


def page(built) -> str:
    return (built / "index.html").read_text(encoding="utf-8")


def test_each_annotation_has_one_note_with_its_id_and_verdict(built):
    html = page(built)
    for name in ("real-projects", "curse-quote", "curse-data"):
        assert html.count(f'id="a-{name}"') == 1
        assert f'data-annotation="{name}"' in html
    note = re.search(r'<details [^>]*id="a-real-projects"[^>]*>', html).group(0)
    assert 'data-verdict="opinion"' in note
    assert 'data-verdict' not in re.search(r'<details [^>]*id="a-curse-data"[^>]*>', html).group(0)


def test_highlight_spans_emphasis_and_text_is_unchanged(built):
    html = page(built)
    highlight = r'<mark [^>]*data-annotation="real-projects"[^>]*>the <em>real</em> projects</mark>'
    assert re.search(highlight, html)
    parsed = parse_page(html)
    assert parsed.paragraphs["real-projects"] == (
        "Thirdly, those talents would be working on the real projects instead of the toy "
        "projects they worked on.")


def test_notes_follow_their_paragraph_and_paragraphs_have_permalinks(built):
    html = page(built)
    for slug in ("real-projects", "curse", "plain"):
        assert f'<p id="p-{slug}">' in html
        assert f'href="#p-{slug}"' in html
    after = html.split('<p id="p-curse">', 1)[1]
    assert after.index('id="a-curse-quote"') < after.index('<p id="p-plain">')
    assert after.index('id="a-curse-data"') < after.index('<p id="p-plain">')


def test_note_markdown_is_rendered(built):
    assert "A judgement about <em>research culture</em>, not a checkable fact." in page(built)


def test_assets_are_published_and_linked(built):
    html = page(built)
    assert (built / "assets/factcheck/factcheck.css").is_file()
    assert (built / "assets/factcheck/factcheck.js").is_file()
    assert "assets/factcheck/factcheck.css" in html and "assets/factcheck/factcheck.js" in html


def test_web_annotation_export_shape(built):
    data = json.loads((built / "annotations.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == 3
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage" and len(items) == 3
    by_id = {item["id"]: item for item in items}
    item = by_id["./#a-curse-data"]
    assert item["type"] == "Annotation" and item["motivation"] == "commenting"
    selector = item["target"]["selector"]
    assert selector == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": "p-curse",
        "refinedBy": {
            "type": "TextQuoteSelector",
            "exact": "the data",
            "prefix": "at “AI dominance” is the data — ",
            "suffix": " — and the data.",
        },
    }
    assert any(body.get("purpose") == "classifying" and body["value"] == "Opinion"
               for body in by_id["./#a-real-projects"]["body"])


def build_error(site, caplog) -> str:
    """Build ``site``, expect it to stop, and return what it logged."""
    with pytest.raises((PluginError, Abort)) as caught:
        build(site)
    return str(caught.value) + "\n" + caplog.text


def test_broken_quote_stops_the_build_with_file_line_and_column(fixture_site, caplog):
    essay = fixture_site / "docs" / "index.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("the *real* projects", "the *big* projects"),
                     encoding="utf-8")
    assert ("annotations/real-projects.yaml:3:8: error: quote not found in paragraph 'real-projects'; "
            'closest: "the big projects"') in build_error(fixture_site, caplog)


def test_annotation_lost_during_rendering_fails_the_build(fixture_site, monkeypatch, caplog):
    monkeypatch.setattr(factcheck.rendering.essay_page, "locate", lambda text, quote: [])
    message = build_error(fixture_site, caplog)
    assert "annotations were lost in the build" in message
    assert "annotations/curse-data.yaml: note rendered 0 times on index.md, expected once" in message


def test_extension_that_changes_paragraph_text_is_caught(fixture_site, caplog):
    # The validator reads the essay with plain Markdown; pymdownx.tilde turns ~~x~~ into <del>x</del>.
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text() + "  - pymdownx.tilde\n")
    write(fixture_site / "docs" / "index.md", """\
        # Essay

        They said it was ~~fine~~ and left.
        {: #p-only }
        """)
    for old in (fixture_site / "annotations").glob("*.yaml"):
        old.unlink()
    write(fixture_site / "annotations" / "struck.yaml", """\
        paragraph: only
        quote: "was ~~fine~~ and"
        kind: editorial
        note: The validator sees the tildes; the build does not.
        author: A
        created: "2026-11-26"
        """)
    assert ("annotations/struck.yaml: quote no longer anchors in the rendered paragraph 'only'"
            in build_error(fixture_site, caplog))


def test_extension_that_runs_after_us_keeps_highlights(fixture_site):
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text() + "  - smarty\n")
    html = (build(fixture_site) / "index.html").read_text(encoding="utf-8")
    assert 'data-annotation="curse-quote"' in html
    assert "&ldquo;" in html or "“" in html
