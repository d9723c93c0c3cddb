"""The mistakes contributors make, run through the real commands: each gets one message that
names the place and says how to fix it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_validate, write

GOOD = """paragraph: real-projects
quote: "the real projects"
kind: claim
verdict: opinion
claim: Projects in China are real.
note: A judgement about the work.
sources:
  - title: "Survey of researchers"
    url: https://stats.example-agency.org/survey
    publisher: Statistics agency
    date: "2019-07"
    supports: Shows the share of researchers by country.
author: A
created: "2026-11-26"
"""


def lines_for(site: Path, text: str, name: str = "case") -> list[str]:
    write(site / "annotations" / f"{name}.yaml", text)
    result = run_validate("--root", str(site), "--no-cache")
    assert "Traceback" not in result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(f"annotations/{name}.yaml")]


def test_an_apostrophe_inside_single_quotes_names_the_column_and_the_fix(fixture_site):
    text = GOOD.replace('claim: Projects in China are real.', "claim: 'The author's view is real.'")
    [line] = lines_for(fixture_site, text)
    assert line.startswith("annotations/case.yaml:5:19: error: the value of 'claim' is in single quotes")
    assert "double quotes" in line and "’" in line and "('')" in line


def test_a_quotation_mark_inside_double_quotes_names_the_column_and_the_fix(fixture_site):
    text = GOOD.replace('quote: "the real projects"', 'quote: "the "real" projects"')
    [line] = lines_for(fixture_site, text)
    assert line.startswith("annotations/case.yaml:2:13: error: the value of 'quote' is in double quotes")
    assert '\\"' in line and "“ ”" in line


def test_a_yes_no_value_where_a_verdict_was_meant_gets_one_message_with_the_value_as_written(fixture_site):
    [line] = lines_for(fixture_site, GOOD.replace("verdict: opinion", "verdict: true"))
    assert line == ("annotations/case.yaml:4:10: error: 'verdict' must be one of: accurate, "
                    "mostly-accurate, mixed, misleading, inaccurate, unsupported, opinion; got "
                    "'true', which YAML reads as true/false")


def test_an_unquoted_date_gets_one_message_with_the_value_as_written(fixture_site):
    [line] = lines_for(fixture_site, GOOD.replace('created: "2026-11-26"', "created: 2026-11-26"))
    assert "'2026-11-26'" in line and "put it in quotes" in line


def test_a_quote_from_another_paragraph_names_the_paragraph_that_has_it(fixture_site):
    text = GOOD.replace('quote: "the real projects"', 'quote: "the curse"')
    [line] = lines_for(fixture_site, text)
    assert line.endswith("quote not found in paragraph 'real-projects'; it is in paragraph 'curse': "
                         "set 'paragraph: curse'")


def test_a_bare_address_in_a_note_gets_a_warning_with_the_markdown_to_use(fixture_site):
    text = GOOD.replace("note: A judgement about the work.",
                        "note: See https://stats.example-agency.org/table for the figures.")
    [line] = lines_for(fixture_site, text)
    assert line.startswith("annotations/case.yaml:6:7: warning: 'note' holds the bare address "
                           "https://stats.example-agency.org/table")
    assert "<https://stats.example-agency.org/table>" in line


@pytest.mark.parametrize("change, expected", [
    (("https://stats.example-agency.org/survey", "https://example.org/survey"),
     "uses the placeholder domain 'example.org'"),
    (("https://stats.example-agency.org/survey", "https://www.example.com/x"),
     "uses the placeholder domain 'www.example.com'"),
    (("A judgement about the work.", "What it shows, in your own words."),
     "'note' holds example text ('in your own words')"),
    (("Statistics agency", "Who published it"), "'sources[1].publisher' holds example text"),
    (("A judgement about the work.", "TODO"), "'note' still holds the TODO placeholder"),
    (("claim: Projects in China are real.", "claim: China is the #1 country."),
     "'claim' is not in quotes, so YAML reads ' #' and what follows as a comment"),
])
def test_placeholders_and_silent_truncation_are_refused(fixture_site, change, expected):
    [line] = lines_for(fixture_site, GOOD.replace(*change))
    assert expected in line, line


def test_the_scaffolder_warns_when_a_new_quote_overlaps_an_existing_annotation(fixture_site):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_annotation.py"),
                             "--root", str(fixture_site), "--paragraph", "real-projects",
                             "--quote", "real projects instead", "--author", "A"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "warning: the quote overlaps annotation 'real-projects'" in result.stderr


def test_validate_py_without_its_packages_says_how_to_set_up_and_exits_2(tmp_path):
    bare = tmp_path / "bare-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    result = subprocess.run([str(bare / "bin" / "python"), str(ROOT / "scripts" / "validate.py")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("validate.py: cannot run: the Python package '")
    assert "make validate" in line
