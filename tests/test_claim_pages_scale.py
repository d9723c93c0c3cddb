"""Claim pages at scale: their navigation is rendered once and reused with identical output, and
a large site can turn the pages off."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

NAV_MARKS = ("<!--factcheck:site-nav",)
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


def _build(site: Path, out: Path, reuse_nav: bool = True) -> Path:
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins["factcheck"].reuse_nav = reuse_nav
    mkdocs_build(config)
    return out


def test_reused_navigation_gives_the_same_pages(fixture_site, tmp_path):
    (fixture_site / "annotations" / "plain-claim.yaml").write_text(SECOND_CLAIM, encoding="utf-8")
    rendered = _build(fixture_site, tmp_path / "rendered", reuse_nav=False)
    reused = _build(fixture_site, tmp_path / "reused")
    claim_pages = sorted(p.relative_to(rendered) for p in (rendered / "claims").glob("*/index.html"))
    assert len(claim_pages) >= 2
    for page in claim_pages:
        html = (reused / page).read_text(encoding="utf-8")
        assert html == (rendered / page).read_text(encoding="utf-8"), page
        assert 'data-md-type="navigation"' in html
        assert not any(mark in html for mark in NAV_MARKS)


def test_claim_pages_can_be_turned_off(fixture_site, tmp_path):
    config = fixture_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - factcheck\n" in text
    config.write_text(text.replace("  - factcheck\n", "  - factcheck:\n      claim_pages: false\n"),
                      encoding="utf-8")
    out = _build(fixture_site, tmp_path / "built")
    assert not list((out / "claims").glob("*/index.html"))
    index = (out / "claims" / "index.html").read_text(encoding="utf-8")
    assert 'class="fc-claim-item__claim"' in index
    assert "#a-" in index.split('class="fc-claim-item__claim"')[0].rsplit("<a", 1)[1]
    essay = (out / "index.html").read_text(encoding="utf-8")
    assert "claims/real-projects/" not in essay and "claims/real-projects/" not in index
