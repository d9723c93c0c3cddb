"""Headless Chromium for browser tests: the built site served on loopback only.

Chromium runs as root on CI, so it needs ``--no-sandbox``; the other flags keep it from
reaching for the network in the background.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
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


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }""", selector)


def check_permalinks(page, base: str, note: str, paragraph: str = "baby-and-cat") -> None:
    """``#a-<id>`` opens its note in view; ``#p-<slug>`` scrolls to its paragraph."""
    page.goto(f"{base}#a-{note}", wait_until="load")
    assert page.locator(f"#a-{note}").is_visible()
    assert in_viewport(page, f"#a-{note}")
    page.goto(f"{base}claims/", wait_until="load")
    page.goto(f"{base}#p-{paragraph}", wait_until="load")
    assert in_viewport(page, f"#p-{paragraph}")


def save_screenshots(page, base: str, note: str, folder: Path, width: int) -> list[Path]:
    """Screenshots of the essay, an open note, the claims index and a claim page (light palette)."""
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    page.emulate_media(color_scheme="light")
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")  # Material remembers the palette of an earlier visit
    for label, path in (("essay", ""), ("note", f"#a-{note}"), ("claims", "claims/"),
                        ("claim", f"claims/{note}/")):
        page.goto(base + path, wait_until="load")
        target = folder / f"{label}-{width}.png"
        # Transitions (the header's title swap, a marker's colour) are shown finished.
        page.screenshot(path=str(target), animations="disabled")
        saved.append(target)
    return saved
