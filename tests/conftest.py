"""Shared test helpers: project paths, temporary projects and fixture-site builds."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
SCHEMA = ROOT / "annotations" / "schema.json"
VALIDATE = ROOT / "scripts" / "validate.py"


def load_script(name: str):
    """A script of scripts/ as a module (the benchmark's helpers are tested and reused)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def run_validate(*args: str, env: dict | None = None, without: tuple[str, ...] = ("CI",)):
    """scripts/validate.py as a contributor runs it: not on CI or Actions unless ``env`` says so."""
    environment = {key: value for key, value in os.environ.items() if key not in without}
    environment.update({"GITHUB_ACTIONS": "false", **(env or {})})
    return subprocess.run([sys.executable, str(VALIDATE), *args], capture_output=True, text=True,
                          env=environment, timeout=300)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_cache_home(tmp_path_factory):
    """validate.py keeps results in the user's cache folder; the tests use their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))
        yield


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A copy of the small fixture site, with the project's real schema."""
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURE_SITE, site)
    shutil.copy(SCHEMA, site / "annotations" / "schema.json")
    return site


def build(site: Path, out: Path | None = None) -> Path:
    """Build ``site`` in-process with ``--strict`` semantics; return the output folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    out = out or site.parent / "built"
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(out), strict=True)
    mkdocs_build(config)
    return out


class ParagraphText(HTMLParser):
    """Collect the reader-visible text of every ``<p id="p-…">``, leaving out our own UI."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: dict[str, str] = {}
        self.notes: list[str] = []
        self._current: str | None = None
        self._depth = 0
        self._skip_depth = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and (attrs.get("id") or "").startswith("a-"):
            self.notes.append(attrs["id"][2:])
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            return
        self._stack.append(tag)
        if self._current is None and tag == "p" and (attrs.get("id") or "").startswith("p-"):
            self._current = attrs["id"][2:]
            self.paragraphs[self._current] = ""
            self._depth = len(self._stack)
        elif self._current and "data-fc-ui" in attrs and not self._skip_depth:
            self._skip_depth = len(self._stack)

    def handle_endtag(self, tag):
        if not self._stack:
            return
        depth = len(self._stack)
        self._stack.pop()
        if self._skip_depth == depth:
            self._skip_depth = 0
        if self._current and depth == self._depth:
            self._current = None

    def handle_data(self, data):
        if self._current and not self._skip_depth:
            self.paragraphs[self._current] += data


def parse_page(html: str) -> ParagraphText:
    parser = ParagraphText()
    parser.feed(html)
    return parser


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The project's own site, built once per test session."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("real-site")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True)
    mkdocs_build(config)
    return out


@pytest.fixture(scope="session")
def base(real_site) -> str:
    """The project's own site served on 127.0.0.1 for the whole session; the URL ends in /."""
    from browser_support import serve_directory

    with serve_directory(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def bare_site(tmp_path_factory) -> Path:
    """The same essay pages built without the plugin: the yardstick for the page's height."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    twin = load_script("handwritten_twin")
    out = tmp_path_factory.mktemp("bare-site")
    config = load_config(config_file=str(twin.write_bare(ROOT / "mkdocs.yml", out / "config")),
                         site_dir=str(out / "site"))
    mkdocs_build(config)
    return out / "site"


@pytest.fixture(scope="session")
def bare_base(bare_site) -> str:
    from browser_support import serve_directory

    with serve_directory(bare_site) as url:
        yield url


@pytest.fixture(scope="session")
def catalog_claims():
    """The claim annotations of the project itself."""
    from factcheck.checking.catalog import Project, load_catalog
    from factcheck.model import claims

    return claims(load_catalog(Project.at(ROOT)).annotations)
