"""The package as users get it: ``pip install`` of this project into a clean virtual environment,
with only the dependencies pyproject.toml declares (not the lock files), runs the validator and
builds a site with the plugin. Needs the package index, as CI has."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT, SCHEMA

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh venv holding this project, installed from a copy of its source
    (so the checkout gains no build folders)."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if name.startswith(("src/", "pyproject.toml", "README.md")) and (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("PIP_", "PYTHON"))}
    result = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                             "--disable-pip-version-check", str(source)],
                            capture_output=True, text=True, timeout=900, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    return venv / "bin"


@pytest.fixture
def plain_site(tmp_path) -> Path:
    """The fixture site on MkDocs' own theme: nothing installed beyond the package."""
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURE_SITE, site)
    shutil.copy(SCHEMA, site / "annotations" / "schema.json")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: mkdocs"),
                      encoding="utf-8")
    return site


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("CI", None)
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=environment)


def test_the_installed_validator_checks_a_project(installed, plain_site):
    passing = run([str(installed / "factcheck-validate")], plain_site)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "3 annotation files, 3 valid" in passing.stdout + passing.stderr
    broken = plain_site / "annotations" / "real-projects.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("the real projects", "the fake"),
                      encoding="utf-8")
    failing = run([str(installed / "factcheck-validate")], plain_site)
    assert failing.returncode == 1
    assert "annotations/real-projects.yaml:" in failing.stdout and "Traceback" not in failing.stderr


def test_the_installed_plugin_builds_the_site_with_its_notes_assets_and_data(installed, plain_site):
    built = run([str(installed / "mkdocs"), "build", "--strict", "--site-dir", "out"], plain_site)
    assert built.returncode == 0, built.stdout + built.stderr
    out = plain_site / "out"
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count('class="fc-note') >= 3
    assert (out / "assets" / "factcheck" / "factcheck.css").is_file()  # package data installed
    for name in ("annotations.jsonld", "claims.json", "claims.csv"):
        assert (out / name).is_file(), name
    assert (out / "claims" / "real-projects" / "index.html").is_file()
