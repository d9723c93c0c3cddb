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
