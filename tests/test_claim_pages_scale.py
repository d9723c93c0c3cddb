"""Claim pages at scale: most are filled in from one render of the theme's page with identical
output, and a large site can turn the pages off."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

SECOND_CLAIM = """paragraph: plain
quote: "no annotation"
kind: claim
verdict: inaccurate
claim: The paragraph has no annotation.
note: It has this one.
sources:
  - title: "Example source"
    url: https://example.org/source
    publisher: Example Publisher
    date: "2019-05"
    supports: Shows an example.
author: Test author
created: "2026-11-26"
"""


def _build(site: Path, out: Path, reuse_layout: bool = True, site_url: str | None = None):
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out), strict=True,
                         **({"site_url": site_url} if site_url else {}))
    plugin = config.plugins["factcheck"]
    plugin.layout.enabled = reuse_layout
    mkdocs_build(config)
    return out, plugin


def _more_claims(site: Path) -> None:
    """Claims enough for filled pages, with titles a template filter would change."""
    claims = {"plain-claim": "The paragraph has no annotation.",
              "apostrophe-claim": "The paragraph's link isn't annotated.",
              "ampersand-claim": "Research & development is <not> \"quoted\" here.",
              "unicode-claim": "Ordinary – “typographic” words, ×3."}
    for number, (name, claim) in enumerate(claims.items()):
        text = SECOND_CLAIM.replace("The paragraph has no annotation.", claim)
        text = text.replace('quote: "no annotation"', 'quote: "no annotation"\noccurrence: 1')
        if number:
            text = text.replace("verdict: inaccurate", ("verdict: mixed", "verdict: opinion",
                                                         "verdict: accurate")[number - 1])
        (site / "annotations" / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("site_url", [None, "https://example.org/essay/"])
def test_filled_claim_pages_are_identical_to_full_renders(fixture_site, tmp_path, site_url):
    _more_claims(fixture_site)
    rendered, _ = _build(fixture_site, tmp_path / "rendered", reuse_layout=False, site_url=site_url)
    reused, plugin = _build(fixture_site, tmp_path / "reused", site_url=site_url)
    claim_pages = sorted(p.relative_to(rendered) for p in (rendered / "claims").glob("*/index.html"))
    assert len(claim_pages) == 5
    # Two pages prove the skeleton; of the other three, the one whose claim holds & < > " is
    # rendered in full because a filter in the theme could change those characters.
    assert plugin.layout.filled == 2
    for page in claim_pages:
        html = (reused / page).read_text(encoding="utf-8")
        assert html == (rendered / page).read_text(encoding="utf-8"), page
        assert 'data-md-type="navigation"' in html and "FCSLOT" not in html


def test_claim_pages_can_be_turned_off(fixture_site, tmp_path):
    config = fixture_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - factcheck\n" in text
    config.write_text(text.replace("  - factcheck\n", "  - factcheck:\n      claim_pages: false\n"),
                      encoding="utf-8")
    out, _ = _build(fixture_site, tmp_path / "built")
    assert not list((out / "claims").glob("*/index.html"))
    index = (out / "claims" / "index.html").read_text(encoding="utf-8")
    assert 'class="fc-claim-item__claim"' in index
    assert "#a-" in index.split('class="fc-claim-item__claim"')[0].rsplit("<a", 1)[1]
    essay = (out / "index.html").read_text(encoding="utf-8")
    assert "claims/real-projects/" not in essay and "claims/real-projects/" not in index
