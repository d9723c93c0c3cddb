"""The reading experience on a wide screen (1280 px): margin notes, linked emphasis, copy
links, permalinks, print endnotes, screenshots."""


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

WIDE = {"viewport": {"width": 1280, "height": 900}}


# One browser for the whole module (Playwright's sync API runs one at a time).
@pytest.fixture(scope="module")
def wide_context(base):
    with chromium(**WIDE) as context:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        yield context


@pytest.fixture
def page(wide_context):
    page = wide_context.new_page()
    yield page
    page.close()


def test_wide_screen_shows_notes_beside_their_paragraph_and_links_them(base, page):
    errors = watch_errors(page)
    page.goto(base, wait_until="load")
    paragraph = page.locator("#p-tax-benefits").bounding_box()
    aside = page.locator("#p-tax-benefits + aside.fc-notes").bounding_box()
    assert aside["x"] >= paragraph["x"] + paragraph["width"]  # in the margin
    assert abs(aside["y"] - paragraph["y"]) < 2  # beside, starting level with it
    boxes = page.eval_on_selector_all("aside.fc-notes", """els => els.map(e => {
        const r = e.getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY]; })""")
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:], strict=False))  # never overlap
    page.locator(f"mark#h-{NOTE}").hover()
    assert "fc-active" in page.locator(f"#a-{NOTE}").get_attribute("class")
    page.locator("h1").hover()
    assert "fc-active" not in page.locator(f"#a-{NOTE}").get_attribute("class")
    page.locator(f"#a-{NOTE}").hover()
    assert "fc-active" in page.locator(f"mark#h-{NOTE}").get_attribute("class")
    page.locator(f"#r-{NOTE}").click()
    assert page.evaluate("document.activeElement.id") == f"a-{NOTE}"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    assert errors == []


def test_copy_link_puts_the_note_url_on_the_clipboard(base, page):
    page.goto(base, wait_until="load")
    page.locator(f"#a-{NOTE} button.fc-copy").click()
    status = page.locator(f"#a-{NOTE} .fc-copy__status")
    status.wait_for(state="visible")
    assert status.text_content() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{base}#a-{NOTE}"


def test_print_shows_markers_and_endnotes_with_source_urls(base, page):
    page.goto(base, wait_until="load")
    page.emulate_media(media="print")
    assert page.locator(f"#r-{NOTE}").is_visible()
    assert not page.locator(f"#a-{NOTE}").is_visible()
    assert page.locator(".fc-endnotes").is_visible()
    endnotes = page.locator(".fc-endnote")
    assert endnotes.count() == page.locator("section.fc-note").count()
    numbers = endnotes.evaluate_all("items => items.map(i => i.value)")
    assert numbers == list(range(1, len(numbers) + 1))
    note = endnotes.nth(numbers.index(int(page.locator(f"#r-{NOTE}").inner_text())))
    text = note.inner_text()
    assert page.locator(f"#a-{NOTE} .fc-badge").inner_text() in text
    printed = note.locator("a.fc-source__title").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])")
    assert printed and all(href in after for href, after in printed)  # the address is printed in full
    assert page.evaluate("document.querySelectorAll('.fc-endnotes [id]').length") == 0
    assert not page.locator(".fc-legend").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS.parent / "essay.pdf"))


def test_permalinks_open_the_note_or_the_paragraph(base, page):
    check_permalinks(page, base, NOTE)


def test_screenshots(base, page):
    saved = save_screenshots(page, base, NOTE, SCREENSHOTS, 1280)
    assert all(p.stat().st_size > 10_000 for p in saved)


def test_pages_load_nothing_from_other_hosts_and_log_no_errors(base, page):
    errors = watch_errors(page)
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else foreign.append(r.url))
    for path in ("", "claims/", f"claims/{NOTE}/", "about/"):
        page.goto(base + path, wait_until="networkidle")
    assert foreign == []
    assert errors == []
