"""Reading on a phone (390 × 844, touch): notes stay out of the way until a phrase is tapped, open
below its paragraph with the phrase kept on screen, work from the keyboard, and pass axe-core in
the light and the dark palette."""

import pytest

from browser_support import (
    NOTE,
    PHONE,
    SCREENSHOTS,
    chromium,
    in_viewport,
    layout_shift,
    page_height,
    ready,
    save_screenshots,
    watch_errors,
)

pytestmark = pytest.mark.browser
HEIGHT_RATIO = 1.3


@pytest.fixture(scope="module")
def phone_context(base):
    with chromium(**PHONE) as context:
        yield context


@pytest.fixture
def page(phone_context):
    page = phone_context.new_page()
    yield page
    page.close()


def test_the_essay_is_about_as_tall_as_without_notes(base, bare_base, page):
    page.goto(bare_base, wait_until="load")
    plain = page_height(page)
    page.goto(base, wait_until="load")
    ready(page)
    assert page_height(page) / plain <= HEIGHT_RATIO, (page_height(page), plain)
    assert layout_shift(page) == 0


def test_the_first_paragraph_starts_within_two_screens(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    top = page.evaluate("document.getElementById('p-question').getBoundingClientRect().top + scrollY")
    assert top < 2 * 844, top


def test_a_tap_opens_the_note_below_its_paragraph_and_keeps_the_phrase_on_screen(base, page):
    errors = watch_errors(page)
    page.goto(base, wait_until="load")
    ready(page)
    ids = page.eval_on_selector_all("details.fc-note", "els => els.map(e => e.dataset.annotation)")
    for note in ids[:: max(1, len(ids) // 10)]:
        card = page.locator(f"#a-{note}")
        assert not card.is_visible()
        page.locator(f"mark#h-{note}").tap()
        assert card.is_visible(), note
        assert in_viewport(page, f"#h-{note}"), note  # the tapped phrase is still there
        assert in_viewport(page, f"#a-{note} > summary"), note
        paragraph = page.evaluate(f"""document.getElementById('a-{note}').closest('aside')
            .previousElementSibling.getBoundingClientRect().bottom""")
        assert card.bounding_box()["y"] >= paragraph - 1  # below the text
        page.locator(f"mark#h-{note}").tap()
        assert not card.is_visible()
    assert errors == []


def test_every_note_link_shows_the_phrase_and_the_open_note_together(base, page):
    page.goto(base, wait_until="load")
    ids = page.eval_on_selector_all("details.fc-note", "els => els.map(e => e.dataset.annotation)")
    for note in ids:
        page.goto(f"{base}#a-{note}", wait_until="load")
        ready(page)
        assert page.locator(f"#a-{note}").is_visible(), note
        assert in_viewport(page, f"#h-{note}"), note
        assert in_viewport(page, f"#a-{note} > summary"), note


def test_keyboard_opens_with_enter_or_space_and_escape_returns_focus(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    order = page.eval_on_selector_all(
        "a.fc-ref__link", "els => els.map(e => [Number(e.textContent), e.tabIndex])")
    assert [n for n, _ in order] == list(range(1, len(order) + 1))
    assert all(index == 0 for _, index in order)
    marker, note = page.locator(f"#r-{NOTE}"), page.locator(f"#a-{NOTE}")
    assert page.locator(f"mark#h-{NOTE}").get_attribute("aria-details") == f"a-{NOTE}"
    assert marker.get_attribute("aria-controls") == f"a-{NOTE}"
    marker.focus()
    page.keyboard.press("Enter")
    assert note.is_visible()
    assert page.evaluate("document.activeElement.closest('details').id") == f"a-{NOTE}"
    page.keyboard.press("Escape")
    assert not note.is_visible()
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    page.keyboard.press("Space")
    assert note.is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


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


def test_claim_pages_show_caveats_since_and_sources_at_412_px(base, page, catalog_claims):
    page.set_viewport_size({"width": 412, "height": 915})
    for annotation in catalog_claims:
        page.goto(f"{base}claims/{annotation.id}/", wait_until="load")
        assert page.locator(".fc-note__body").is_visible(), annotation.id
        for part, present in ((".fc-note__caveats", annotation.caveats),
                              (".fc-note__since", annotation.since)):
            assert page.locator(part).is_visible() == bool(present), (annotation.id, part)
        links = page.locator(".fc-source__title")
        assert links.count() == len(annotation.sources)
        assert all(links.nth(i).is_visible() for i in range(links.count()))


AXE_PAGES = ["", "claims/", f"claims/{NOTE}/", "about/", "corrections/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations(base, page, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe, failures = Axe(), {}
    page.emulate_media(color_scheme=scheme)
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")  # Material remembers the palette of an earlier visit
    for path in AXE_PAGES:
        page.goto(base + path, wait_until="load")
        ready(page)
        if path == "":
            page.locator(f"#r-{NOTE}").click()  # one note open, as a reader would have it
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        results = axe.run(page)
        if results.violations_count:
            failures[path or "essay"] = [v["id"] for v in results.response["violations"]]
    assert failures == {}


def test_screenshots(base, page):
    saved = save_screenshots(page, base, NOTE, SCREENSHOTS, 390)
    assert all(p.stat().st_size > 10_000 for p in saved)
