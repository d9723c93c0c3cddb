"""Without JavaScript the claims index is grouped by verdict with headings and counts."""

import pytest

from browser_support import chromium, serve_directory

pytestmark = pytest.mark.browser


def test_without_javascript_the_claims_index_is_grouped_by_verdict(real_site):
    with serve_directory(real_site) as base, chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(f"{base}claims/", wait_until="load")
        assert page.locator(".fc-claims__group h2").count() > 1
        items = page.locator(".fc-claim-item")
        assert items.count() > 0
        assert items.count() == page.locator(".fc-claim-item:visible").count()
        assert page.locator("ul.fc-counts").is_visible()
        assert page.locator(".fc-filter").count() == 0


def test_without_javascript_print_keeps_every_note_after_its_paragraph(real_site):
    with serve_directory(real_site) as base, chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(base, wait_until="load")
        page.emulate_media(media="print")
        notes = page.locator("section.fc-note")
        assert notes.count() > 0
        assert notes.count() == page.locator("section.fc-note:visible").count()
        printed = page.eval_on_selector(
            "a.fc-source__title", "a => getComputedStyle(a, '::after').content")
        assert "https://" in printed or "http://" in printed
        assert page.locator(".fc-endnotes").count() == 0
