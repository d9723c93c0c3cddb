"""The same fact-check from every generator: MkDocs with the plugin, ProperDocs (MkDocs'
continuation, the same plugin) and Zensical (no plugins: the Markdown extension, with the pages
and data written first by scripts/generate.py). Each publishes every note, the same claim pages
and byte-identical data files, and each fails on a broken annotation, naming file and line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, load_script, parse_page

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
ZENSICAL_BIN = ROOT / ".venv-zensical" / "bin"
DATA = ("annotations.jsonld", "claims.json", "claims.csv")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_CLAIM = re.compile(r'<h1 id="fact-check">.*?</script>', re.S)


def zensical(name: str) -> Path:
    tool = ZENSICAL_BIN / name
    if not tool.exists():
        pytest.fail("Zensical is not installed; run: make test (it sets up .venv-zensical)")
    return tool


def project_copy(target: Path) -> Path:
    """The project's tracked files (no generated files, no built site) in ``target``."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
                           ).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=ENV)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The project built by each generator, each from its own copy."""
    sites = {}
    mkdocs = project_copy(tmp_path_factory.mktemp("mkdocs"))
    assert run([BIN / "mkdocs", "build", "--strict"], mkdocs).returncode == 0
    sites["mkdocs"] = mkdocs / "site"
    properdocs = project_copy(tmp_path_factory.mktemp("properdocs"))
    result = run([BIN / "properdocs", "build", "--strict", "-f", "mkdocs.yml"], properdocs)
    assert result.returncode == 0, result.stderr
    sites["properdocs"] = properdocs / "site"
    zensical_project = project_copy(tmp_path_factory.mktemp("zensical"))
    for step in ([zensical("python"), "scripts/generate.py"],
                 [zensical("zensical"), "build", "--clean", "-f", "mkdocs.yml"],
                 [zensical("python"), "scripts/check_site.py", "site"]):
        result = run(step, zensical_project)
        assert result.returncode == 0, result.stdout + result.stderr
    sites["zensical"] = zensical_project / "site"
    return sites


def catalog_ids() -> list[str]:
    from factcheck.checking.catalog import Project, load_catalog

    return [a.id for a in load_catalog(Project.at(ROOT)).annotations]


@pytest.mark.parametrize("generator", ["mkdocs", "properdocs", "zensical"])
def test_every_generator_publishes_every_note_claim_page_and_export(built, generator):
    site = built[generator]
    essay = (site / "index.html").read_text(encoding="utf-8")
    ids = catalog_ids()
    assert sorted(parse_page(essay).notes) == sorted(ids)
    for name in ids:
        assert essay.count(f'id="a-{name}"') == 1
        assert re.search(rf'<mark [^>]*data-annotation="{name}"', essay), name
    claim_pages = sorted(p.parent.name for p in (site / "claims").glob("*/index.html"))
    from factcheck.checking.catalog import Project, load_catalog
    from factcheck.model import claims

    assert claim_pages == sorted(a.id for a in claims(load_catalog(Project.at(ROOT)).annotations))
    assert (site / "claims" / "index.html").is_file() and (site / "corrections" / "index.html").is_file()
    for name in DATA:
        assert (site / name).stat().st_size > 1000
    assert 'data-md-type="toc" hidden' in essay  # the notes have the table of contents' column


def test_the_data_files_are_byte_identical_from_every_generator(built):
    for name in DATA:
        reference = (built["mkdocs"] / name).read_bytes()
        for generator in ("properdocs", "zensical"):
            assert (built[generator] / name).read_bytes() == reference, (generator, name)


def test_the_claim_pages_say_the_same_from_every_generator(built):
    for page in sorted((built["mkdocs"] / "claims").glob("*/index.html")):
        relative = page.relative_to(built["mkdocs"])
        reference = _CLAIM.search(page.read_text(encoding="utf-8")).group(0)
        for generator in ("properdocs", "zensical"):
            other = (built[generator] / relative).read_text(encoding="utf-8")
            assert _CLAIM.search(other).group(0) == reference, (generator, relative)


def test_the_essay_notes_are_the_same_from_every_generator(built):
    def notes(site: Path) -> str:
        html = (site / "index.html").read_text(encoding="utf-8")
        return "".join(re.findall(r'<aside [^>]*class="fc-notes".*?</aside>', html, re.S))

    reference = notes(built["mkdocs"])
    assert reference.count("<details") == len(catalog_ids())
    assert notes(built["properdocs"]) == reference
    assert notes(built["zensical"]) == reference


def _break(project: Path) -> None:
    note = project / "annotations" / "income-tax-cut-75-percent.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("a 75% reduction", "a 57% reduction"),
                    encoding="utf-8")


PROBLEM = "annotations/income-tax-cut-75-percent.yaml:3:8: error: quote not found"


def test_a_broken_annotation_fails_every_build_naming_file_and_line(tmp_path):
    project = project_copy(tmp_path / "broken")
    _break(project)
    for command in ([BIN / "mkdocs", "build", "--strict"],
                    [BIN / "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
                    [zensical("python"), "scripts/generate.py"],
                    [zensical("zensical"), "build", "-f", "mkdocs.yml"]):
        result = run(command, project)
        assert result.returncode != 0, command
        assert PROBLEM in result.stdout + result.stderr, command


def test_zensical_serve_shows_an_edited_note(tmp_path):
    bench = load_script("bench")
    project = project_copy(tmp_path / "serve")
    assert run([zensical("python"), "scripts/generate.py"], project).returncode == 0
    port = bench.free_port()
    server = subprocess.Popen([str(zensical("zensical")), "serve", "-f", "mkdocs.yml", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        bench.wait_for(url, lambda html: 'id="a-income-tax-cut-75-percent"' in html, 60)
        time.sleep(1)
        note = project / "annotations" / "income-tax-cut-75-percent.yaml"
        note.write_text(note.read_text(encoding="utf-8").replace("note: |", "note: |\n  Edited live.",
                                                                 1), encoding="utf-8")
        bench.wait_for(url, lambda html: "Edited live." in html, 60)
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["1280", "390"])
def test_the_zensical_essay_opens_a_note_in_a_browser(built, viewport):
    from browser_support import NOTE, chromium, in_viewport, ready, serve_directory, watch_errors

    with serve_directory(built["zensical"]) as base, chromium(viewport=viewport) as context:
        page = context.new_page()
        errors = watch_errors(page)
        page.goto(base, wait_until="load")
        ready(page)
        page.locator(f"#r-{NOTE}").click()
        assert page.locator(f"#a-{NOTE}").get_attribute("open") is not None
        assert page.locator(f"#a-{NOTE} .fc-note__sources").is_visible()
        assert in_viewport(page, f"#h-{NOTE}")
        page.goto(f"{base}claims/{NOTE}/", wait_until="load")
        assert page.locator(".fc-note__sources").is_visible()
        assert errors == []
