"""Headless Chromium for browser tests: the built site served on loopback only.

Chromium runs as root on CI, so it needs ``--no-sandbox``; the other flags keep it from
reaching for the network in the background. On CI (``CI`` set) a missing Chromium fails the
browser tests instead of skipping them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
NOTE = "income-tax-cut-75-percent"  # the note the reading tests open: a claim mid-essay
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WIDE = {"viewport": {"width": 1280, "height": 900}}
WIDEST = {"viewport": {"width": 1920, "height": 1080}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 at a free port; yield the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(**context_options):
    """A Playwright browser context in headless Debian Chromium with a fresh profile."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            **context_options)
        try:
            yield context
        finally:
            context.close()


def watch_errors(page) -> list[str]:
    """Collect console errors and uncaught exceptions of ``page`` as they happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def rect(page, selector: str) -> dict:
    """The element's box in the viewport (top, bottom, left, right, height)."""
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; }""",
                         selector)


def in_viewport(page, selector: str, whole: bool = False) -> bool:
    """Some of the element (or all of it) is inside the viewport, below the fixed header."""
    return page.evaluate("""([s, whole]) => {
        const r = document.querySelector(s).getBoundingClientRect();
        const header = document.querySelector('.md-header');
        const top = header ? header.getBoundingClientRect().bottom : 0;
        if (r.height === 0) return false;
        return whole ? r.top >= top - 1 && r.bottom <= innerHeight + 1
                     : r.bottom > top && r.top < innerHeight; }""", [selector, whole])


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def layout_shift(page) -> float:
    """The page's cumulative layout shift since it started loading (shifts after input excluded)."""
    return page.evaluate("""() => new Promise(resolve => {
        let total = 0;
        new PerformanceObserver(list => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        }).observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve(total), 500); })""")


def ready(page) -> None:
    """Wait until the script has placed the notes (wide screens) and the fonts are in."""
    page.wait_for_function("""() => document.fonts.status === 'loaded' &&
        (!document.querySelector('.fc-essay') || !document.documentElement.classList.contains('fc-js')
         || document.documentElement.classList.contains('fc-loaded'))""")
    page.wait_for_function("""() => !location.hash.startsWith('#a-') ||
        !document.documentElement.classList.contains('fc-js') ||
        (document.getElementById(decodeURIComponent(location.hash.slice(1))) || {}).open""")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def save_screenshots(page, base: str, note: str, folder: Path, width: int, script: bool = True) -> list[Path]:
    """Full-page screenshots of the essay, an open note, the claims index and a claim page."""
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    page.emulate_media(color_scheme="light")
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")  # Material remembers the palette of an earlier visit
    suffix = "" if script else "-nojs"
    for label, path in (("essay", ""), ("note", f"#a-{note}"), ("claims", "claims/"),
                        ("claim", f"claims/{note}/")):
        page.goto(base + path, wait_until="load")
        if script:
            ready(page)
        target = folder / f"{label}-{width}{suffix}.png"
        # Transitions (the header's title swap, a marker's colour) are shown finished.
        page.screenshot(path=str(target), animations="disabled", full_page=label != "note")
        saved.append(target)
    return saved
