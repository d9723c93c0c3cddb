"""The reading experience on a phone (390 px, touch): notes by tap and keyboard, permalinks,
the claims filter, axe-core in light and dark palettes, screenshots."""


import pytest

from browser_support import (
    NOTE,
    SCREENSHOTS,
    check_permalinks,
    chromium,
    save_screenshots,
    watch_errors,
)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}


# One browser for the whole module (Playwright's sync API runs one at a time).
@pytest.fixture(scope="module")
def phone_context(base):
    with chromium(**PHONE) as context:
        yield context


@pytest.fixture
def page(phone_context):
    page = phone_context.new_page()
    yield page
    page.close()


def test_phone_tap_opens_and_closes_a_note_in_place(base, page):
    errors = watch_errors(page)
    page.goto(base, wait_until="load")
    note = page.locator(f"#a-{NOTE}")
    assert not note.is_visible()
    page.locator(f"mark#h-{NOTE}").tap()
    assert note.is_visible()
    marker = page.locator(f"#r-{NOTE}")
    assert marker.get_attribute("aria-expanded") == "true"
    note_box, paragraph_box = note.bounding_box(), page.locator("#p-tax-benefits").bounding_box()
    assert note_box["y"] >= paragraph_box["y"] + paragraph_box["height"] - 1  # below the text
    marker.tap()
    assert not note.is_visible()
    assert marker.get_attribute("aria-expanded") == "false"
    marker.tap()
    assert note.is_visible()
    assert errors == []


def test_keyboard_opens_with_enter_or_space_and_escape_returns_focus(base, page):
    page.goto(base, wait_until="load")
    order = page.eval_on_selector_all(
        "a.fc-ref__link", "els => els.map(e => [Number(e.textContent), e.tabIndex])")
    assert [n for n, _ in order] == list(range(1, len(order) + 1))
    assert all(index == 0 for _, index in order)
    marker, note = page.locator(f"#r-{NOTE}"), page.locator(f"#a-{NOTE}")
    assert page.locator(f"mark#h-{NOTE}").get_attribute("aria-details") == f"a-{NOTE}"
    marker.focus()
    page.keyboard.press("Enter")
    assert note.is_visible()
    assert page.evaluate("document.activeElement.id") == f"a-{NOTE}"
    page.keyboard.press("Escape")
    assert not note.is_visible()
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    page.keyboard.press("Space")
    assert note.is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_claims_index_filters_by_verdict(base, page):
    errors = watch_errors(page)
    page.goto(f"{base}claims/", wait_until="load")
    page.get_by_role("button", name="Misleading").click()
    visible = page.eval_on_selector_all(
        ".fc-claims__group", "gs => gs.filter(g => !g.hidden).map(g => g.dataset.verdict)")
    assert visible == ["misleading"]
    assert page.get_by_role("status").first.text_content().startswith("Showing ")
    page.get_by_role("button", name="All").click()
    assert page.locator(".fc-claims__group:visible").count() > 1
    page.locator(".fc-claim-item__claim").first.click()
    page.wait_for_url("**/claims/*/")
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert errors == []


AXE_PAGES = ["", "claims/", "claims/income-tax-cut-75-percent/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations(base, page, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe, failures = Axe(), {}
    page.emulate_media(color_scheme=scheme)
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")  # Material remembers the palette of an earlier visit
    for path in AXE_PAGES:
        page.goto(base + path, wait_until="load")
        if path == "":
            page.locator(f"#r-{NOTE}").click()  # one note open, as a reader would have it
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        results = axe.run(page)
        if results.violations_count:
            failures[path or "essay"] = [v["id"] for v in results.response["violations"]]
    assert failures == {}


def test_permalinks_open_the_note_or_the_paragraph(base, page):
    check_permalinks(page, base, NOTE)


def test_screenshots(base, page):
    saved = save_screenshots(page, base, NOTE, SCREENSHOTS, 390)
    assert all(p.stat().st_size > 10_000 for p in saved)


def test_a_note_opened_before_the_deferred_decoration_is_decorated_on_the_spot(base, phone_context):
    # Notes get their buttons and ARIA state after the first paint; hold that back for good
    # (no animation frame ever runs) and open a note straight away.
    page = phone_context.new_page()
    page.add_init_script("window.requestAnimationFrame = function () { return 0; };")
    try:
        page.goto(base, wait_until="load")
        assert page.locator("button.fc-copy").count() == 0
        page.locator(f"#r-{NOTE}").tap()
        note = page.locator(f"#a-{NOTE}")
        assert note.is_visible()
        assert page.evaluate("document.activeElement.id") == f"a-{NOTE}"
        assert page.locator(f"#r-{NOTE}").get_attribute("aria-controls") == f"a-{NOTE}"
        assert note.locator("button.fc-copy").count() == 1
    finally:
        page.close()


def test_every_note_is_decorated_soon_after_load(base, page):
    page.goto(base, wait_until="load")
    page.wait_for_function("""() => document.querySelectorAll('section.fc-note').length ===
        document.querySelectorAll('section.fc-note[tabindex="-1"] button.fc-copy').length""")
    notes = page.locator("section.fc-note").count()
    assert notes > 40
    assert page.locator("a.fc-ref__link[aria-expanded='false']").count() == notes
