"""The search index reads the notes' words without their markup; the published page is the same."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from factcheck.search_text import NotesForSearch, words_of

PAGE = ('<p id="p-a">Text <mark>quoted</mark>.</p>\n'
        '<aside aria-label="Notes on a" class="fc-notes" data-fc-ui="">'
        '<section class="fc-note" id="a-x"><p>A <em>note</em> &amp; more.</p>'
        '<ol><li><a href="https://example.org/">Source title</a></li></ol></section></aside>\n'
        '<p id="p-b">More.</p>\n'
        '<aside class="fc-notes" data-fc-ui=""><section><p>Second</p></section></aside>')


def test_notes_become_their_words_and_come_back_unchanged():
    notes = NotesForSearch()
    light = notes.lighten("index.md", PAGE)
    assert light.count("<aside") == 2 and "<section" not in light and "<em>" not in light
    assert "A note &amp; more. Source title" in light
    assert "Text <mark>quoted</mark>." in light  # the essay itself keeps its markup
    rendered = f"<html><body>{light}</body></html>"  # the theme wraps the content
    assert notes.restore("index.md", rendered) == f"<html><body>{PAGE}</body></html>"


def test_restore_is_per_page_and_leaves_pages_without_notes_alone():
    notes = NotesForSearch()
    first, second = notes.lighten("a.md", PAGE), notes.lighten("b.md", PAGE.replace("Second", "Other"))
    assert notes.restore("b.md", second) == PAGE.replace("Second", "Other")
    assert notes.restore("a.md", first) == PAGE
    assert notes.restore("c.md", "<p>plain</p>") == "<p>plain</p>"


def test_words_of_collapses_markup_and_space():
    assert words_of("<p>One\n <b>two</b></p><p>three</p>") == "One two three"


def _build(site: Path, out: Path, lean: bool):
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out), strict=True)
    if not lean:
        config.plugins["factcheck"].search_notes = None
    mkdocs_build(config)
    return out


def test_published_pages_are_the_same_and_the_index_has_the_notes_words(fixture_site, tmp_path):
    config = fixture_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n"),
                      encoding="utf-8")
    lean = _build(fixture_site, tmp_path / "lean", lean=True)
    full = _build(fixture_site, tmp_path / "full", lean=False)
    for page in lean.rglob("*.html"):
        assert page.read_bytes() == (full / page.relative_to(lean)).read_bytes(), page
    assert "data-fc-stand-in" not in (lean / "index.html").read_text(encoding="utf-8")
    def essay_text(site: Path) -> str:
        docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        return " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] == "")

    lean_text, full_text = essay_text(lean), essay_text(full)
    for words in ("Background on data.", "Typographic quotes and dashes match their ASCII forms.",
                  "Example Publisher"):
        assert words in lean_text and words in full_text, words
    assert "<ol>" in full_text and "<ol>" not in lean_text  # the sources list, as markup
