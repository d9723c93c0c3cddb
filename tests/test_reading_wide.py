"""Reading on a wide screen (1280 and 1920 px): the essay reads as continuous text, its notes are
compact cards in the margin that never overlap and never move the text, every note is one step
away, and the reader can choose which notes to show."""

import pytest

from browser_support import (
    NOTE,
    SCREENSHOTS,
    WIDE,
    WIDEST,
    chromium,
    in_viewport,
    layout_shift,
    page_height,
    ready,
    rect,
    save_screenshots,
    watch_errors,
)

pytestmark = pytest.mark.browser
HEIGHT_RATIO = 1.3  # the essay with its notes against the same pages without them


@pytest.fixture(scope="module", params=[WIDE, WIDEST], ids=["1280", "1920"])
def wide_context(request, base):
    with chromium(**request.param) as context:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        yield context


@pytest.fixture
def page(wide_context):
    page = wide_context.new_page()
    yield page
    page.close()


def note_ids(page) -> list[str]:
    return page.eval_on_selector_all("details.fc-note", "els => els.map(e => e.dataset.annotation)")


def test_the_essay_is_about_as_tall_as_without_notes(base, bare_base, page):
    errors = watch_errors(page)
    page.goto(bare_base, wait_until="load")
    plain = page_height(page)
    page.goto(base, wait_until="load")
    ready(page)
    annotated = page_height(page)
    assert annotated / plain <= HEIGHT_RATIO, (annotated, plain)
    assert layout_shift(page) == 0
    assert errors == []


def test_cards_sit_in_the_margin_beside_their_highlight_and_never_overlap(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    cards = page.eval_on_selector_all("details.fc-note", """els => els.map(e => {
        const r = e.getBoundingClientRect(), id = e.dataset.annotation;
        const m = document.getElementById('h-' + id).getBoundingClientRect();
        const text = document.querySelector('.fc-essay > p[id^=p-]').getBoundingClientRect();
        return {id, top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left,
                mark: m.top + scrollY, textRight: text.right}; })""")
    assert len(cards) > 40
    for card in cards:
        assert card["left"] >= card["textRight"], card  # in the margin, not over the text
        assert card["top"] >= card["mark"] - 2, card  # never above its highlight
    for first, second in zip(cards, cards[1:], strict=False):
        assert first["bottom"] <= second["top"], (first, second)
    level = sum(abs(c["top"] - c["mark"]) < 4 for c in cards)
    assert level >= len(cards) // 3  # where there is room, a card is level with its phrase


@pytest.mark.parametrize("how", ["marker", "highlight", "card"])
def test_opening_and_closing_a_note_never_moves_the_text(base, page, how):
    page.goto(base, wait_until="load")
    ready(page)
    # a phrase inside another one opens its own note: click phrases that hold no other phrase
    ids = page.eval_on_selector_all("details.fc-note", """els => els.map(e => e.dataset.annotation)
        .filter(id => !document.getElementById('h-' + id).querySelector('mark'))""")
    for note in ids[:: max(1, len(ids) // 8)]:
        page.locator(f"#h-{note}").scroll_into_view_if_needed()
        before = rect(page, f"#h-{note}")["top"]
        target = {"marker": f"#r-{note}", "highlight": f"mark#h-{note}",
                  "card": f"#a-{note} > summary"}[how]
        page.locator(target).click()
        card = page.locator(f"#a-{note}")
        assert card.get_attribute("open") is not None
        assert abs(rect(page, f"#h-{note}")["top"] - before) <= 2, note
        assert in_viewport(page, f"#h-{note}") and in_viewport(page, f"#a-{note} > summary"), note
        assert card.locator(".fc-note__sources, .fc-note__body").first.is_visible()
        page.keyboard.press("Escape")
        assert card.get_attribute("open") is None
        assert abs(rect(page, f"#h-{note}")["top"] - before) <= 2, note


def test_an_open_card_aligns_with_its_highlight_and_pushes_only_other_cards(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    page.locator(f"#r-{NOTE}").scroll_into_view_if_needed()
    paragraph = rect(page, "#p-tax-benefits")
    page.locator(f"#r-{NOTE}").click()
    card, mark = rect(page, f"#a-{NOTE}"), rect(page, f"#h-{NOTE}")
    assert abs(card["top"] - mark["top"]) < 4
    assert rect(page, "#p-tax-benefits") == paragraph
    boxes = page.eval_on_selector_all("details.fc-note", """els => els.map(e => {
        const r = e.getBoundingClientRect(); return [r.top, r.bottom]; })""")
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:], strict=False))


def test_every_note_link_shows_the_phrase_and_the_open_note_together(base, page):
    page.goto(base, wait_until="load")
    for note in note_ids(page):
        page.goto(f"{base}#a-{note}", wait_until="load")
        ready(page)
        assert page.locator(f"#a-{note}").get_attribute("open") is not None, note
        assert in_viewport(page, f"#h-{note}"), note
        assert in_viewport(page, f"#a-{note} > summary"), note


def test_keyboard_opens_a_note_and_escape_returns_focus(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    marker = page.locator(f"#r-{NOTE}")
    marker.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"#a-{NOTE}").get_attribute("open") is not None
    assert page.evaluate("document.activeElement.closest('details').id") == f"a-{NOTE}"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    page.keyboard.press("Space")
    assert page.locator(f"#a-{NOTE}").get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == f"r-{NOTE}"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_highlight_and_card_light_each_other_up(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    page.locator(f"mark#h-{NOTE}").hover()
    assert "fc-active" in page.locator(f"#a-{NOTE}").get_attribute("class")
    page.locator("h1").hover()
    assert "fc-active" not in page.locator(f"#a-{NOTE}").get_attribute("class")


def test_copy_link_puts_the_note_url_on_the_clipboard(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    page.locator(f"#r-{NOTE}").click()
    page.locator(f"#a-{NOTE} button.fc-copy").click()
    status = page.locator(f"#a-{NOTE} .fc-copy__status")
    status.wait_for(state="visible")
    assert status.text_content() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{base}#a-{NOTE}"


def test_reader_controls_show_claims_only_none_or_some_verdicts_and_remember(base, page):
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="load")
    ready(page)
    total = page.locator("details.fc-note").count()
    claims = page.locator("details.fc-note[data-kind=claim]").count()
    page.get_by_label("Claims only").check()
    assert page.locator("details.fc-note:visible").count() == claims < total
    status = page.locator(".fc-controls__status")
    assert status.get_attribute("role") == "status"
    assert status.text_content() == f"Showing {claims} of {total} notes"
    assert page.locator("mark.fc-hl--context.fc-off").count() > 0
    page.get_by_label("None (clean reading)").check()
    assert page.locator("details.fc-note:visible").count() == 0
    assert page.locator("sup.fc-ref:visible").count() == 0
    assert status.text_content() == "Clean reading: no notes shown"
    page.reload(wait_until="load")
    ready(page)
    assert page.get_by_label("None (clean reading)").is_checked()
    assert page.locator("details.fc-note:visible").count() == 0
    page.get_by_label("All", exact=True).check()
    page.locator("label.fc-legend__item[data-verdict=opinion] input").uncheck()
    assert page.locator("details.fc-note[data-verdict=opinion]:visible").count() == 0
    assert page.locator("details.fc-note:visible").count() > claims
    page.goto(f"{base}#a-{NOTE}", wait_until="load")  # a link to a note shows it, whatever is set
    page.evaluate("localStorage.clear()")


def test_reader_controls_work_from_the_keyboard(base, page):
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="load")
    ready(page)
    page.get_by_label("All", exact=True).focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_label("Claims only").is_checked()
    assert page.locator(".fc-controls__status").text_content().startswith("Showing ")
    page.evaluate("localStorage.clear()")


def test_print_gives_markers_and_endnotes_with_source_urls(base, page):
    page.goto(base, wait_until="load")
    ready(page)
    page.emulate_media(media="print")
    page.wait_for_function("document.documentElement.classList.contains('fc-endnotes-built')")
    assert page.locator(f"#r-{NOTE}").is_visible()
    assert not page.locator(f"#a-{NOTE}").is_visible()
    assert page.locator(".fc-endnotes").is_visible()
    endnotes = page.locator(".fc-endnote")
    assert endnotes.count() == page.locator("details.fc-note").count()
    numbers = endnotes.evaluate_all("items => items.map(i => i.value)")
    assert numbers == list(range(1, len(numbers) + 1))
    note = endnotes.nth(numbers.index(int(page.locator(f"#r-{NOTE}").inner_text())))
    assert page.locator(f"#a-{NOTE} .fc-badge").inner_text() in note.inner_text()
    printed = note.locator("a.fc-source__title").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])")
    assert printed and all(href in after for href, after in printed)
    assert page.evaluate("document.querySelectorAll('.fc-endnotes [id]').length") == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS.parent / "essay.pdf"))


def test_claim_pages_show_the_whole_fact_check(base, page, catalog_claims):
    for annotation in catalog_claims:
        page.goto(f"{base}claims/{annotation.id}/", wait_until="load")
        heading = page.locator("h1").inner_text()
        assert heading.startswith(annotation.verdict_label + ": the claim “"), heading
        for part in (".fc-claim__claim", ".fc-note__body"):
            assert page.locator(part).is_visible(), (annotation.id, part)
        for part, present in ((".fc-note__caveats", annotation.caveats),
                              (".fc-note__since", annotation.since)):
            assert page.locator(part).is_visible() == bool(present), (annotation.id, part)
        links = page.locator(".fc-source__title")
        assert links.count() == len(annotation.sources)
        for index in range(links.count()):
            assert links.nth(index).is_visible()


def test_screenshots(base, wide_context):
    page = wide_context.new_page()
    width = page.viewport_size["width"]
    saved = save_screenshots(page, base, NOTE, SCREENSHOTS, width)
    page.close()
    assert all(p.stat().st_size > 10_000 for p in saved)


def test_pages_load_nothing_from_other_hosts_and_log_no_errors(base, page):
    errors = watch_errors(page)
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else foreign.append(r.url))
    for path in ("", "claims/", f"claims/{NOTE}/", "about/", "corrections/"):
        page.goto(base + path, wait_until="networkidle")
    assert foreign == []
    assert errors == []
