"""Hostile-but-valid annotations in a real browser: no dialog, no injected script runs, no request
leaves the site's own origin, on the essay and on every other page built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from adversarial.corpus import all_cases, make_site
from adversarial.inert import CANARY
from browser_support import chromium, serve_directory
from conftest import FIXTURE_SITE, SCHEMA, build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-browser")
    valid = [case for case in all_cases() if case.valid]
    return build(make_site(root / "src", SCHEMA, FIXTURE_SITE / "mkdocs.yml", valid), root / "built")


def visit(site: Path, pages: list[str], bare: bool = False) -> dict[str, list]:
    """Open each page, open every note, hover and focus everything inside the notes, and report
    what happened. ``bare``: without any stylesheet and in print media, where a handler hidden by
    the styles would be in reach."""
    seen: dict[str, list] = {"dialogs": [], "foreign": [], "pwned": [], "errors": []}
    with serve_directory(site) as base, chromium() as context:
        context.add_init_script(f"window.{CANARY} = undefined;")
        page = context.new_page()
        if bare:
            page.route("**/*.css", lambda route: route.abort())
            page.emulate_media(media="print")
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.on("request", lambda r: None if r.url.startswith(base) else seen["foreign"].append(r.url))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        for path in pages:
            page.goto(base + path, wait_until="load")
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            targets = page.locator(".fc-notes a, .fc-notes code, .fc-notes li, mark.fc-hl, "
                                   ".fc-claim a, h1")
            for index in range(min(targets.count(), 40)):
                target = targets.nth(index)
                if target.is_visible():
                    target.hover()
                    target.focus()
            if page.evaluate(f"window.{CANARY} !== undefined"):
                seen["pwned"].append(path)
    return seen


def test_hostile_annotations_do_nothing_on_any_page(hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix().removesuffix("index.html")
                   for p in hostile_site.rglob("index.html"))
    assert "" in pages and len(pages) > 1  # the essay and the pages built from its claims
    seen = visit(hostile_site, pages)
    assert seen == {"dialogs": [], "foreign": [], "pwned": [], "errors": []}


def test_hostile_annotations_do_nothing_without_styles_and_in_print(hostile_site):
    pages = sorted(p.relative_to(hostile_site).as_posix().removesuffix("index.html")
                   for p in hostile_site.rglob("index.html"))
    seen = visit(hostile_site, pages, bare=True)
    assert {key: value for key, value in seen.items() if key != "errors"} == {
        "dialogs": [], "foreign": [], "pwned": []}
