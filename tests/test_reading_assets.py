"""Our stylesheet and script stay small, dependency-free and on the site's own origin."""

import gzip
import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "src" / "factcheck" / "rendering" / "assets"
BUDGET = 15 * 1024  # bytes, gzip, CSS and JS together


def test_css_and_js_fit_the_weight_budget():
    total = sum(len(gzip.compress(p.read_bytes(), 9)) for p in (ASSETS / "factcheck.css",
                                                                  ASSETS / "factcheck.js"))
    assert 0 < total < BUDGET, f"{total} bytes gzip"


def test_assets_fetch_nothing_and_import_nothing():
    css = (ASSETS / "factcheck.css").read_text(encoding="utf-8")
    js = (ASSETS / "factcheck.js").read_text(encoding="utf-8")
    assert not re.search(r"@import|url\(", css)
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\s*\(|require\s*\()", js)
    assert not re.search(r"https?://", css + js)
