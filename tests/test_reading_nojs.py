"""Without JavaScript: after each paragraph every note is a one-line summary, the whole note one
click (or Enter) away; the claims index is grouped by verdict; print shows every note; and when
the script fails to load, the page falls back to the same layout."""

import pytest

from browser_support import (
    NOTE,
    PHONE,
    SCREENSHOTS,
    WIDE,
    chromium,
    page_height,
    save_screenshots,
)

pytestmark = pytest.mark.browser
HEIGHT_RATIO = 3.0


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_every_note_is_one_step_away_after_its_paragraph(base, bare_base, viewport):
    with chromium(java_script_enabled=False, **viewport) as context:
        page = context.new_page()
        page.goto(bare_base, wait_until="load")
        plain = page_height(page)
        page.goto(base, wait_until="load")
        assert page_height(page) / plain <= HEIGHT_RATIO
        notes = page.locator("details.fc-note")
        assert notes.count() > 40
        for index in range(notes.count()):
            summary = notes.nth(index).locator("summary")
            assert summary.is_visible()
            assert notes.nth(index).get_attribute("open") is None
        assert page.locator(".fc-controls").first.is_hidden()  # the controls need the script
        ordered = page.eval_on_selector_all("details.fc-note", """els => els.every(e =>
            e.closest('aside').previousElementSibling.matches('p[id^=p-]'))""")
        assert ordered  # right after the paragraph it belongs to
        summary = page.locator(f"#a-{NOTE} > summary")
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator(f"#a-{NOTE} .fc-note__sources").is_visible()
        saved = save_screenshots(page, base, NOTE, SCREENSHOTS, viewport["viewport"]["width"],
                                 script=False)
        assert all(p.stat().st_size > 10_000 for p in saved)


@pytest.mark.parametrize("script", [True, False], ids=["js", "nojs"])
def test_no_page_scrolls_sideways_on_a_phone(base, script):
    with chromium(java_script_enabled=script, **PHONE) as context:
        page = context.new_page()
        for path in ("", "claims/", f"claims/{NOTE}/", "about/", "corrections/", "data/",
                     "contributing/"):
            page.goto(base + path, wait_until="load")
            wider = page.evaluate("document.documentElement.scrollWidth")
            assert wider <= 390, f"/{path} is {wider} px wide at 390 px"


def test_without_javascript_the_claims_index_is_grouped_by_verdict(base):
    with chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(f"{base}claims/", wait_until="load")
        assert page.locator(".fc-claims__group h2").count() > 1
        items = page.locator(".fc-claim-item")
        assert items.count() > 0
        assert items.count() == page.locator(".fc-claim-item:visible").count()
        assert page.locator("ul.fc-counts").is_visible()
        assert page.locator(".fc-filter").count() == 0


def test_without_javascript_print_shows_every_note_with_its_sources(base):
    with chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(base, wait_until="load")
        page.emulate_media(media="print")
        sources = page.locator("details.fc-note .fc-note__sources")
        assert sources.count() > 0
        assert sources.count() == page.locator("details.fc-note .fc-note__sources:visible").count()
        printed = page.eval_on_selector(
            "a.fc-source__title", "a => getComputedStyle(a, '::after').content")
        assert "https://" in printed or "http://" in printed
        assert page.locator(".fc-endnotes").count() == 0


def test_when_the_script_fails_the_page_falls_back_to_the_plain_layout(base):
    with chromium(**WIDE) as context:
        page = context.new_page()
        page.route("**/factcheck.js", lambda route: route.abort())
        page.goto(base, wait_until="load")
        page.wait_for_function("!document.documentElement.classList.contains('fc-js')",
                               timeout=10_000)
        notes = page.locator("details.fc-note")
        assert all(notes.nth(i).locator("summary").is_visible() for i in range(notes.count()))
