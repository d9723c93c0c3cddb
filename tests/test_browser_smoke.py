"""The essay opens in headless Chromium with every note readable, with and without JavaScript."""

import pytest

from browser_support import chromium, serve_directory

pytestmark = pytest.mark.browser


def test_essay_loads_without_errors_or_foreign_requests(real_site):
    errors, foreign = [], []
    with serve_directory(real_site) as base, chromium() as context:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(base) else foreign.append(r.url))
        page.goto(base, wait_until="load")
        assert page.locator("p#p-tax-benefits").is_visible()
        notes = page.locator("details.fc-note").count()
        assert notes > 0
    assert errors == []
    assert foreign == []


def test_without_javascript_every_note_is_visible(real_site):
    with serve_directory(real_site) as base, chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(base, wait_until="load")
        notes = page.locator("details.fc-note > summary")
        assert notes.count() > 0
        for index in range(notes.count()):
            assert notes.nth(index).is_visible()
