"""The claims index, one page per claim with its ClaimReview, and the essay's links to them."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from factcheck.checking.catalog import Project, load_catalog
from factcheck.model import VERDICTS, Annotation, claims
from factcheck.rendering.claim_pages import headline
from factcheck.rendering.claimreview import ReviewUrls, claim_review


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(Project.at(ROOT))


def make_claim(verdict: str, kind: str = "claim") -> Annotation:
    return Annotation(id="x", path="annotations/x.yaml", paragraph="p", quote="q", kind=kind,
                      note="n", author="A", created="2026-11-26", verdict=verdict,
                      claim="Something happened." if kind == "claim" else None)


URLS = ReviewUrls(review="https://www.example-agency.org/claims/x/", appearance="https://www.example-agency.org/#p-p")


@pytest.mark.parametrize("verdict", [v for v, (_, _, value) in VERDICTS.items() if value])
def test_rated_verdicts_give_a_numeric_rating_on_the_design_scale(verdict):
    review = claim_review(make_claim(verdict), URLS, "Org")
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": VERDICTS[verdict][2],
                                      "bestRating": 5, "worstRating": 1,
                                      "alternateName": VERDICTS[verdict][0]}
    assert review["itemReviewed"] == {"@type": "Claim", "appearance": {
        "@type": "CreativeWork", "url": "https://www.example-agency.org/#p-p"}}
    assert review["author"] == {"@type": "Organization", "name": "Org"}
    assert review["url"] == URLS.review
    assert review["claimReviewed"] == "Something happened."
    assert review["datePublished"] == "2026-11-26"


@pytest.mark.parametrize("verdict", ["unsupported", "opinion"])
def test_verdicts_off_the_scale_give_the_label_only(verdict):
    rating = claim_review(make_claim(verdict), URLS, "Org")["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": VERDICTS[verdict][0]}


def test_only_claims_have_a_claim_review():
    with pytest.raises(ValueError, match="annotations/x.yaml"):
        claim_review(make_claim(None, kind="context"), URLS, "Org")


def test_a_correction_dates_the_review_as_modified():
    from factcheck.model import Correction

    annotation = make_claim("mixed")
    assert "dateModified" not in claim_review(annotation, URLS, "Org")
    annotation.corrections = [Correction("2027-01-15", "The verdict was inaccurate.", "inaccurate")]
    assert claim_review(annotation, URLS, "Org")["dateModified"] == "2027-01-15"


def test_headlines_lead_with_the_verdict_and_quote_the_claim():
    assert headline(make_claim("inaccurate")) == "Inaccurate: the claim “Something happened”"


class Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.ids: set[str] = set()
        self.h2: list[str] = []
        self.h1: list[str] = []
        self._in_script = self._in_h2 = False
        self._heading = self.h2

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self._in_script = tag == "script" and attrs.get("type") == "application/ld+json"
        if self._in_script:
            self.scripts.append("")
        self._in_h2 = tag in ("h1", "h2")
        if self._in_h2:
            (self.h1 if tag == "h1" else self.h2).append("")
            self._heading = self.h1 if tag == "h1" else self.h2

    def handle_endtag(self, tag):
        self._in_script = self._in_h2 = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._in_h2:
            self._heading[-1] += data


def scan(path) -> Scan:
    parser = Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site, page_dir: str, href: str):
    """The built file and fragment a relative link points to."""
    url = urljoin(f"http://site/{page_dir}", href)
    path, _, fragment = url.removeprefix("http://site/").partition("#")
    target = site / path
    return (target / "index.html" if path == "" or path.endswith("/") else target), fragment


def test_claims_index_lists_every_claim_grouped_by_verdict(real_site, catalog):
    index = scan(real_site / "claims" / "index.html")
    listed = claims(catalog.annotations)
    assert listed, "the real essay has claims"
    for annotation in listed:
        assert f"{annotation.id}/" in index.links
        assert f"../#a-{annotation.id}" in index.links
    expected = [f"{label} ({sum(a.verdict == v for a in listed)})"
                for v, (label, _, _) in VERDICTS.items() if any(a.verdict == v for a in listed)]
    assert index.h2 == expected
    assert index.scripts == []


def test_each_claim_page_has_one_claim_review_matching_its_annotation(real_site, catalog):
    essay_ids = scan(real_site / "index.html").ids
    for annotation in claims(catalog.annotations):
        page = real_site / "claims" / annotation.id / "index.html"
        parsed = scan(page)
        assert len(parsed.scripts) == 1, page
        review = json.loads(parsed.scripts[0])
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == annotation.claim
        assert review["reviewRating"]["alternateName"] == annotation.verdict_label
        assert review["reviewRating"].get("ratingValue") == annotation.rating_value
        target, fragment = resolve(real_site, f"claims/{annotation.id}/",
                                   review["itemReviewed"]["appearance"]["url"])
        assert target == real_site / "index.html" and fragment == f"p-{annotation.paragraph}"
        assert resolve(real_site, f"claims/{annotation.id}/", review["url"])[0] == page
        assert parsed.h1 == [headline(annotation)]
        assert annotation.claim in page.read_text(encoding="utf-8")
        for source in annotation.sources:
            assert source.url in parsed.links
        assert f"../../#a-{annotation.id}" in parsed.links
        assert f"a-{annotation.id}" in essay_ids


def test_essay_notes_of_claims_link_to_their_pages(real_site, catalog):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    for annotation in catalog.annotations:
        note = re.search(rf'<details [^>]*id="a-{annotation.id}".*?</details>', html, re.S).group(0)
        link = f'href="claims/{annotation.id}/"'
        if annotation.kind == "claim":
            assert link in note and "Full fact-check" in note
        else:
            assert "Full fact-check" not in note


def test_essay_has_a_verdict_legend_above_the_text(real_site):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    legend = re.search(r'<section [^>]*class="fc-legend".*?</section>', html, re.S).group(0)
    for label, _, _ in VERDICTS.values():
        assert f">{label}</span>" in legend
    assert 'href="claims/"' in legend
    assert html.index('class="fc-legend"') < html.index('id="p-')


def test_claims_index_is_in_the_navigation_and_claim_pages_are_not(real_site):
    html = (real_site / "about" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)
    assert 'href="../claims/"' in nav
    assert "claims/" not in re.sub(r'href="\.\./claims/"', "", nav)
