"""``mkdocs serve --livereload`` rebuilds when an annotation file changes."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import load_script

pytestmark = pytest.mark.slow


bench = load_script("bench")  # its free_port and fetch serve this test too


def wait_for(url: str, predicate, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = bench.fetch(url)
        if html is not None and predicate(html):
            return html
        time.sleep(0.2)
    raise AssertionError(f"{url} did not reach the expected state within {seconds}s")


def test_editing_an_annotation_rebuilds_the_served_page(fixture_site: Path):
    port = bench.free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen(
        [str(mkdocs), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=fixture_site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        first = wait_for(url, lambda html: "research culture" in html)
        assert "livereload" in first  # the reload script is injected
        note = fixture_site / "annotations" / "real-projects.yaml"
        note.write_text(note.read_text(encoding="utf-8").replace(
            "research culture", "edited while serving"), encoding="utf-8")
        wait_for(url, lambda html: "edited while serving" in html)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_broken_annotation_is_shown_in_the_preview_and_printed_at_every_rebuild(fixture_site):
    port = bench.free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    log = fixture_site / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [str(mkdocs), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=fixture_site, stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for(url, lambda html: "research culture" in html)
            note = fixture_site / "annotations" / "real-projects.yaml"
            good = note.read_text(encoding="utf-8")
            broken = good.replace('quote: "the', 'quote: "the missing')
            for attempt in range(2):  # the same mistake saved twice is reported twice
                note.write_text(broken + f"# save {attempt}\n", encoding="utf-8")
                page = wait_for(url, lambda html, a=attempt: 'class="fc-problems"' in html
                                and log.read_text(encoding="utf-8").count("quote not found") > a)
            assert "annotations/real-projects.yaml:3:8: error: quote not found" in page
            assert page.count('class="fc-problems"') == 2  # at the top, and at the paragraph
            assert 'id="a-curse-quote"' in page  # the valid annotations are still there
            assert log.read_text(encoding="utf-8").count(
                "annotations/real-projects.yaml:3:8: error: quote not found") >= 2
            note.write_text(good, encoding="utf-8")
            page = wait_for(url, lambda html: 'class="fc-problems"' not in html
                            and 'id="a-real-projects"' in html)
        finally:
            server.terminate()
            server.wait(timeout=10)
