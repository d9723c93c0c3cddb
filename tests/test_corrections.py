"""Corrections: a published verdict changes only with a dated correction, and readers see it in
the note, on the claim page, on the corrections page and in the data."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, SCHEMA, build, run_validate

NOTE = "real-projects"
CORRECTION = """corrections:
  - date: "2027-01-02"
    note: "The verdict was *mixed*; a source we had missed settles it."
    previous_verdict: mixed
"""


def git(site: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                          cwd=site, capture_output=True, text=True, check=True).stdout


def set_verdict(site: Path, verdict: str, correction: str = "") -> None:
    path = site / "annotations" / f"{NOTE}.yaml"
    text = re.sub(r"^verdict: .*$", f"verdict: {verdict}", path.read_text(encoding="utf-8"),
                  flags=re.M)
    text = re.sub(r"^corrections:\n(  .*\n)+", "", text, flags=re.M)
    path.write_text(text.replace("author: ", correction + "author: "), encoding="utf-8")


@pytest.fixture
def published_site(fixture_site: Path) -> Path:
    """The fixture site as a git repository whose last commit published the verdict 'mixed'."""
    set_verdict(fixture_site, "mixed")
    git(fixture_site, "init", "-q", "-b", "main")
    git(fixture_site, "add", "-A")
    git(fixture_site, "commit", "-q", "-m", "published")
    return fixture_site


def test_a_changed_verdict_without_a_correction_is_refused(published_site):
    set_verdict(published_site, "opinion")
    result = run_validate("--root", str(published_site), "--published", "main")
    assert result.returncode == 1
    assert (f"annotations/{NOTE}.yaml:1:1: error: the verdict changed from 'mixed' (published at "
            "main) to 'opinion'; add a corrections entry") in result.stdout
    assert "previous_verdict: mixed" in result.stdout


def test_a_changed_verdict_with_its_correction_passes(published_site):
    set_verdict(published_site, "opinion", CORRECTION)
    result = run_validate("--root", str(published_site), "--published", "main")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_correction_naming_another_previous_verdict_does_not_count(published_site):
    set_verdict(published_site, "opinion", CORRECTION.replace("previous_verdict: mixed",
                                                              "previous_verdict: accurate"))
    result = run_validate("--root", str(published_site), "--published", "main")
    assert result.returncode == 1
    assert "the verdict changed from 'mixed'" in result.stdout


def test_an_unchanged_verdict_and_a_new_file_need_nothing(published_site):
    new = published_site / "annotations" / "curse-copy.yaml"
    new.write_text((published_site / "annotations" / "curse-data.yaml").read_text(encoding="utf-8")
                   .replace("curse-data", "curse-copy"), encoding="utf-8")
    result = run_validate("--root", str(published_site), "--published", "main")
    assert "verdict changed" not in result.stdout, result.stdout


def test_an_unknown_revision_cannot_run_and_says_so_in_one_line(published_site):
    result = run_validate("--root", str(published_site), "--published", "no-such-branch")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no-such-branch" in result.stderr or "git" in result.stderr


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("corrected") / "site-src"
    shutil.copytree(FIXTURE_SITE, site)
    shutil.copy(SCHEMA, site / "annotations" / "schema.json")
    set_verdict(site, "opinion", CORRECTION)
    return build(site)


def test_readers_see_the_correction_in_the_note_and_on_the_claim_page(corrected_site):
    for page in ("index.html", f"claims/{NOTE}/index.html"):
        html = (corrected_site / page).read_text(encoding="utf-8")
        assert "2027-01-02" in html, page
        assert "a source we had missed settles it" in html, page
        assert "<em>mixed</em>" in html, page  # the correction's Markdown is rendered


def test_the_corrections_page_lists_it_with_a_link_to_the_note(corrected_site):
    html = (corrected_site / "corrections" / "index.html").read_text(encoding="utf-8")
    listing = html[html.index('class="fc-corrections"'):]
    assert "2027-01-02" in listing and "a source we had missed settles it" in listing
    assert f'href="../#a-{NOTE}"' in listing
    assert "No corrections so far" not in html


def test_without_corrections_the_page_says_so(fixture_site):
    html = (build(fixture_site) / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "No corrections so far." in html


def test_the_data_counts_corrections_and_the_review_is_dated_by_the_last(corrected_site):
    records = {r["id"]: r for r in json.loads((corrected_site / "claims.json").read_text("utf-8"))}
    assert records[NOTE]["corrections"] == 1
    assert records[NOTE]["updated"] == "2027-01-02"
    assert all(r["corrections"] == 0 for key, r in records.items() if key != NOTE)
    page = (corrected_site / "claims" / NOTE / "index.html").read_text(encoding="utf-8")
    review = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                                  re.S).group(1))
    assert review["dateModified"] == "2027-01-02"
