"""The escape route: the same site builds with ProperDocs, the MkDocs 1.x continuation.

ProperDocs reads ``mkdocs.plugins`` entry points and redirects ``mkdocs.*`` imports to its own
modules while it runs, so our plugin, written against MkDocs' API, loads unchanged.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from factcheck.checking.catalog import Project, load_catalog

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("properdocs-site")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stderr


def test_properdocs_builds_the_site_with_every_annotation(properdocs_site):
    out, log = properdocs_site
    expected = len(load_catalog(Project.at(ROOT)).annotations)
    assert f"factcheck: {expected} annotations rendered and exported" in log
    html = (out / "index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<details\b[^>]*\bclass="fc-note[^"]*"[^>]*\bid="a-([a-z0-9-]+)"', html)
    notes += re.findall(r'<details\b[^>]*\bid="a-([a-z0-9-]+)"[^>]*\bclass="fc-note', html)
    assert len(set(notes)) == expected
    collection = json.loads((out / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["total"] == len(collection["first"]["items"]) == expected
    rows = (out / "claims.csv").read_text(encoding="utf-8").strip().splitlines()
    assert len(json.loads((out / "claims.json").read_text(encoding="utf-8"))) == expected
    assert rows[0].startswith("id,paragraph,kind,")

