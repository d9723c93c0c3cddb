"""Editorial rules for the published annotations (the content, not the software)."""

import difflib
import itertools

import pytest

from conftest import ROOT
from factcheck.checking.catalog import Project, load_catalog
from factcheck.checking.textmatch import normalise


@pytest.fixture(scope="module")
def catalog():
    loaded = load_catalog(Project.at(ROOT))
    assert loaded.problems.errors == []
    return loaded


def claims(catalog):
    return [a for a in catalog.annotations if a.kind == "claim"]


def test_every_claim_has_verdict_sentence_and_a_supporting_source(catalog):
    for annotation in claims(catalog):
        assert annotation.verdict, annotation.id
        assert annotation.claim and annotation.claim.strip(), annotation.id
        assert any(source.supports.strip() for source in annotation.sources), annotation.id


def test_no_two_claims_check_the_same_statement(catalog):
    for a, b in itertools.combinations(claims(catalog), 2):
        similar = difflib.SequenceMatcher(None, normalise(a.claim).lower(), normalise(b.claim).lower())
        assert similar.ratio() < 0.85, f"{a.id} and {b.id} check nearly the same claim"
        same_span = a.paragraph == b.paragraph and (a.anchor.start, a.anchor.end) == (
            b.anchor.start, b.anchor.end)
        assert not same_span, f"{a.id} and {b.id} highlight the same words"


def test_the_texts_own_gaps_have_editorial_notes(catalog):
    editorial = {(a.paragraph, a.anchor.exact) for a in catalog.annotations if a.kind == "editorial"}
    paragraphs = {paragraph for paragraph, _ in editorial}
    assert "question" in paragraphs  # our translation of the Russian question
    assert "researcher-in-uk" in paragraphs  # the author's unverifiable self-description
    assert any(paragraph == "chinese-law-data" and "*****" in exact for paragraph, exact in editorial)
    assert any(paragraph == "cvpr-authors" and "link" in exact for paragraph, exact in editorial)


def test_the_questions_premise_is_checked(catalog):
    assert any(a.paragraph == "question" and a.kind == "claim" for a in catalog.annotations)


def test_sources_are_dated_and_linked_over_http(catalog):
    for annotation in catalog.annotations:
        for source in annotation.sources:
            assert source.url.startswith(("https://", "http://")), annotation.id
            assert source.date[:4].isdigit() and 1900 < int(source.date[:4]) <= 2026, annotation.id
