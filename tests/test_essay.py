"""The published essay is the original, paragraph by paragraph, with every annotation on it."""

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, parse_page
from factcheck.checking.catalog import Project, load_catalog
from factcheck.model import VERDICTS

ORIGINAL = Path(__file__).parent / "data" / "essay-original.txt"
SHARED_ORIGINAL = ROOT.parent / "shared" / "essay" / "original.txt"


def original_paragraphs() -> list[str]:
    text = ORIGINAL.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def reader_text(paragraph: str) -> str:
    # The original marks emphasis the Markdown way (*real*); a reader sees the word in italics.
    return re.sub(r"(?<![*\w])\*(\w+)\*(?![*\w])", r"\1", paragraph)


@pytest.fixture(scope="module")
def essay_html(real_site) -> str:
    return (real_site / "index.html").read_text(encoding="utf-8")


def test_copy_of_the_original_is_current():
    if not SHARED_ORIGINAL.is_file():
        pytest.skip("the upstream copy of the essay is not beside this checkout")
    assert ORIGINAL.read_bytes() == SHARED_ORIGINAL.read_bytes()


def test_question_and_25_paragraphs_in_order_verbatim(essay_html):
    rendered = parse_page(essay_html).paragraphs
    expected = original_paragraphs()
    assert len(expected) == 26 and len(rendered) == 26
    for (slug, text), original in zip(rendered.items(), expected, strict=True):
        assert " ".join(text.split()) == reader_text(original), slug


def test_question_keeps_russian_language_and_has_our_translation(essay_html):
    assert re.search(r'<p [^>]*id="p-question"[^>]*lang="ru"|<p [^>]*lang="ru"[^>]*id="p-question"',
                     essay_html)
    translation = re.search(r'<p class="essay-translation" lang="en">(.*?)</p>', essay_html, re.S)
    assert translation and "Our translation" in translation.group(1)


def test_censored_word_and_emphasis_survive(essay_html):
    assert "usage ***** than" in parse_page(essay_html).paragraphs["chinese-law-data"]
    assert "<em>real</em>" in essay_html
    assert "<hr" not in essay_html.split('id="p-chinese-law-data"')[1].split("</p>")[0]


def test_every_annotation_renders_exactly_one_note_and_is_exported(real_site, essay_html):
    catalog = load_catalog(Project.at(ROOT))
    files = sorted(p.stem for p in (ROOT / "annotations").glob("*.yaml"))
    assert sorted(a.id for a in catalog.annotations) == files
    for name in files:
        assert essay_html.count(f'id="a-{name}"') == 1, name
    exported = json.loads((real_site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert exported["total"] == len(files) == len(exported["first"]["items"])


def test_verdict_counts_are_shown_once_in_the_key_and_findings_link_to_notes(essay_html):
    catalog = load_catalog(Project.at(ROOT))
    key = essay_html.split('class="fc-legend"', 1)[1].split("</section>", 1)[0]
    claims = [a for a in catalog.annotations if a.kind == "claim"]
    assert f"{len(claims)} claims checked" in key
    for verdict, (label, _, _) in VERDICTS.items():
        count = sum(a.verdict == verdict for a in claims)
        assert re.search(rf'data-verdict="{verdict}".*?>{label}</span> <span class="fc-legend__count">'
                         rf"{count}</span>", key, re.S), label
    assert essay_html.count('class="fc-legend__count"') == len(VERDICTS) + 2  # and two kinds
    summary = essay_html.split('class="fc-summary"', 1)[1].split("</div>", 1)[0]
    linked = re.findall(r'href="#a-([a-z0-9-]+)"', summary)
    assert len(linked) >= 3
    for name in linked:
        assert f'id="a-{name}"' in essay_html
