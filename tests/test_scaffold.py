"""scripts/new_annotation.py: check the quote, write a draft the validator refuses until finished."""

import datetime
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from factcheck.checking.catalog import Project, load_catalog
from factcheck.checking.placeholders import PLACEHOLDER
from factcheck.commands import new_annotation as scaffold

SCRIPT = ROOT / "scripts" / "new_annotation.py"
TODAY = datetime.date(2026, 11, 26)


def new(site, *args, today=TODAY):
    return scaffold.main(["--root", str(site), *args], today=today)


def errors_of(site):
    return [p for p in load_catalog(Project.at(site)).problems.errors]


def finish(text: str) -> str:
    """Replace every placeholder the way a contributor would."""
    replacements = {
        "verdict: TODO": "verdict: accurate",
        '"TODO: the claim as checked, one sentence of at most 120 characters"':
            "The essay says the curse is data.",
        "TODO: what the evidence shows, in your own words (Markdown).": "Our finding.",
        "\"TODO: the source's own title\"": "A title",
        "https://TODO.invalid/the-address-you-read": "https://www.example-agency.org/report",
        '"TODO: who published it"': "A publisher",
        '"TODO: YYYY, YYYY-MM or YYYY-MM-DD"': '"2019-07"',
        '"TODO: what this source shows for this annotation"': "What it shows.",
    }
    for old, new_text in replacements.items():
        text = re.sub(re.escape(old) + r"(  #.*)?$", new_text, text, flags=re.M)
    return text


def test_writes_a_draft_for_a_found_quote(fixture_site, capsys):
    status = new(fixture_site, "--paragraph", "curse", "--quote", "the curse", "--author", "Ann Author")
    out = capsys.readouterr().out
    assert status == 0
    path = fixture_site / "annotations" / "the-curse.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema.json"
    assert 'created: "2026-11-26"' in text
    assert 'author: "Ann Author"' in text
    assert "escape [[the curse]] that" in out
    assert "make validate" in out and "#a-the-curse" in out


def test_the_unfinished_draft_fails_only_on_placeholders_and_passes_once_filled(fixture_site):
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the curse", "--author", "A") == 0
    path = fixture_site / "annotations" / "the-curse.yaml"
    problems = [p for p in errors_of(fixture_site) if p.path == "annotations/the-curse.yaml"]
    assert problems, "an unfinished draft must not validate"
    fields = {"verdict", "claim", "note", "sources[1].title", "sources[1].url",
              "sources[1].publisher", "sources[1].date", "sources[1].supports"}
    named = {name for p in problems for name in fields if f"'{name}'" in p.message}
    assert named == fields
    assert all(PLACEHOLDER in p.message for p in problems)
    path.write_text(finish(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert errors_of(fixture_site) == []


@pytest.mark.parametrize("kind", ["context", "editorial"])
def test_other_kinds_have_no_verdict_and_editorial_needs_no_source(fixture_site, kind):
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the curse", "--kind", kind,
               "--id", f"a-{kind}", "--author", "A") == 0
    path = fixture_site / "annotations" / f"a-{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "verdict:" not in text and "claim:" not in text
    assert ("sources:" in text) == (kind == "context")
    path.write_text(finish(text), encoding="utf-8")
    assert errors_of(fixture_site) == []


def test_a_missed_quote_shows_the_closest_passage_and_writes_nothing(fixture_site, capsys):
    before = sorted(p.name for p in (fixture_site / "annotations").iterdir())
    status = new(fixture_site, "--paragraph", "curse", "--quote", "the curse of data", "--author", "A")
    err = capsys.readouterr().err
    assert status == 1
    assert "quote not found in paragraph 'curse'; closest:" in err
    assert "[[" in err and "No file was written." in err
    assert sorted(p.name for p in (fixture_site / "annotations").iterdir()) == before


def test_a_repeated_quote_asks_for_an_occurrence(fixture_site, capsys):
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the data", "--author", "A") == 1
    assert "occurs 3 times" in capsys.readouterr().err
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the data", "--occurrence", "2",
               "--author", "A") == 0
    text = (fixture_site / "annotations" / "the-data.yaml").read_text(encoding="utf-8")
    assert "occurrence: 2" in text


def test_an_unknown_paragraph_suggests_the_nearest_id(fixture_site, capsys):
    assert new(fixture_site, "--paragraph", "curses", "--quote", "the curse", "--author", "A") == 1
    assert "did you mean 'curse'?" in capsys.readouterr().err


def test_an_existing_id_is_refused(fixture_site, capsys):
    original = (fixture_site / "annotations" / "curse-quote.yaml").read_bytes()
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the curse", "--id", "curse-quote",
               "--author", "A") == 1
    assert "curse-quote.yaml already exists" in capsys.readouterr().err
    assert (fixture_site / "annotations" / "curse-quote.yaml").read_bytes() == original


def test_a_malformed_id_is_refused(fixture_site, capsys):
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the curse", "--id", "My_Id",
               "--author", "A") == 1
    assert "lowercase letters and digits" in capsys.readouterr().err


def test_derived_ids_are_slugs_and_never_collide():
    assert scaffold.derive_id("75% reduction", set()) == "75-reduction"
    assert scaffold.derive_id("“AI dominance” — the data!", set()) == "ai-dominance-the-data"
    assert scaffold.derive_id("75% reduction", {"75-reduction"}) == "75-reduction-2"
    assert scaffold.derive_id("Почему", set()) == "annotation"
    long = scaffold.derive_id(" ".join(["extraordinarily"] * 10), set())
    assert len(long) <= 64 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", long)


def test_quotes_with_yaml_special_characters_round_trip(fixture_site):
    quote = "can’t escape the curse that “AI dominance” is the data — the data"
    assert new(fixture_site, "--paragraph", "curse", "--quote", quote, "--kind", "context",
               "--id", "tricky", "--author", 'O\'Neil: "Ann"') == 0
    path = fixture_site / "annotations" / "tricky.yaml"
    path.write_text(finish(path.read_text(encoding="utf-8")), encoding="utf-8")
    catalog = load_catalog(Project.at(fixture_site))
    assert catalog.problems.errors == []
    loaded = next(a for a in catalog.annotations if a.id == "tricky")
    assert loaded.quote == quote and loaded.author == 'O\'Neil: "Ann"'


def test_without_a_git_name_the_author_is_required(fixture_site, capsys, monkeypatch):
    monkeypatch.setattr(scaffold, "git_user_name", lambda root: None)
    assert new(fixture_site, "--paragraph", "curse", "--quote", "the curse") == 2
    assert "pass --author" in capsys.readouterr().err
    assert not (fixture_site / "annotations" / "the-curse.yaml").exists()


def test_the_author_defaults_to_git_user_name(fixture_site):
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", str(fixture_site)], check=True, env=env)
    subprocess.run(["git", "-C", str(fixture_site), "config", "user.name", "Gita Name"], check=True,
                   env=env)
    assert scaffold.git_user_name(fixture_site) == "Gita Name"


def test_missing_essay_cannot_run(tmp_path, capsys):
    (tmp_path / "annotations").mkdir()
    assert new(tmp_path, "--paragraph", "x", "--quote", "y", "--author", "A") == 2
    assert "cannot run: essay file not found" in capsys.readouterr().err


def test_the_script_runs_against_the_real_essay_without_writing(tmp_path):
    """The real script on the real project: a miss exits 1 and leaves annotations/ untouched."""
    before = sorted(p.name for p in (ROOT / "annotations").iterdir())
    result = subprocess.run([sys.executable, str(SCRIPT), "--paragraph", "tax-benefits",
                             "--quote", "76% reduction", "--author", "A"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'closest: "75% reduction"' in result.stderr
    assert sorted(p.name for p in (ROOT / "annotations").iterdir()) == before
