"""Every case of the adversarial corpus ends in a clean problem at the expected position, or,
when it is valid input, renders inert in a real build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adversarial.corpus import all_cases, make_project, make_site
from adversarial.inert import CANARY, scan, sink_findings
from conftest import FIXTURE_SITE, SCHEMA, build, run_validate
from factcheck import sinks
from factcheck.checking.catalog import Project, load_catalog
from factcheck.checking.project import MAX_FILE_BYTES

CASES = all_cases()
INVALID = [case for case in CASES if not case.valid]
VALID = [case for case in CASES if case.valid]


def test_the_corpus_is_large_and_mixed():
    assert len(CASES) >= 40
    assert len(VALID) >= 10 and len(INVALID) >= 40
    assert all(case.at for case in INVALID), "every invalid case states where its problem is"


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.name)
def test_invalid_case_gives_its_problem_at_its_position(case, tmp_path):
    catalog = load_catalog(Project.at(make_project(tmp_path, SCHEMA, [case])))
    shown = f"annotations/{case.path.name}"
    # a message is compared as the terminal shows it, too (control characters as escapes)
    matching = [p for p in catalog.problems
                if case.expect in p.message or case.expect in sinks.terminal(p.message)]
    assert matching, [p.format() for p in catalog.problems]
    problem = matching[0]
    assert (problem.path, problem.line, problem.col) == (shown, *case.at), problem.format()
    assert problem.severity == case.severity
    if case.severity == "error":
        assert catalog.annotations == []
    else:
        assert [a.id for a in catalog.annotations] == [case.name]
        assert catalog.problems.errors == []


@pytest.mark.parametrize("case", VALID, ids=lambda c: c.name)
def test_valid_hostile_case_loads_without_problems(case, tmp_path):
    catalog = load_catalog(Project.at(make_project(tmp_path, SCHEMA, [case])))
    assert catalog.problems == []
    assert [a.id for a in catalog.annotations] == [case.name]


def _generated_problem(tmp_path: Path, name: str, raw: bytes):
    project = make_project(tmp_path, SCHEMA)
    (project / "annotations" / f"{name}.yaml").write_bytes(raw)
    catalog = load_catalog(Project.at(project))
    assert catalog.annotations == []
    assert len(catalog.problems) == 1
    return catalog.problems[0]


def test_oversized_file_is_refused_before_parsing(tmp_path):
    raw = b"note: |\n" + b"  lorem ipsum dolor sit amet\n" * (MAX_FILE_BYTES // 28 + 10)
    problem = _generated_problem(tmp_path, "huge", raw)
    assert "over the 65536-byte limit" in problem.message and (problem.line, problem.col) == (1, 1)


def test_thousands_of_nested_lists_are_refused_without_recursion(tmp_path):
    raw = b"note: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    problem = _generated_problem(tmp_path, "deep", raw)
    assert "nesting deeper than 12 levels" in problem.message and problem.line == 1


def test_a_file_full_of_hidden_characters_is_reported_briefly(tmp_path):
    project = make_project(tmp_path, SCHEMA)
    (project / "annotations" / "zw.yaml").write_text("note: " + "\u200b" * 20000 + "\n",
                                                     encoding="utf-8")
    problems = load_catalog(Project.at(project)).problems
    assert len(problems) == 21
    assert problems[0].format().startswith("annotations/zw.yaml:1:7: error: U+200B ZERO WIDTH SPACE")
    assert "only the first 20 are listed" in problems[-1].message


def test_thousands_of_unknown_keys_are_reported_not_crashed(tmp_path):
    raw = b"".join(b"k%d: v\n" % i for i in range(3000))
    project = make_project(tmp_path, SCHEMA)
    (project / "annotations" / "many.yaml").write_bytes(raw)
    catalog = load_catalog(Project.at(project))
    assert any("unknown field 'k0'" in p.message for p in catalog.problems)


def test_validator_reports_the_whole_corpus_in_one_run(tmp_path):
    project = make_project(tmp_path, SCHEMA, CASES)
    result = run_validate("--root", str(project))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    reported = {line.split(":", 1)[0] for line in result.stdout.splitlines()}
    assert {f"annotations/{case.path.name}" for case in INVALID} <= reported
    warned = sum(case.severity == "warning" for case in INVALID)  # valid, with a warning
    assert f"{len(CASES)} annotation files, {len(VALID) + warned} valid" in result.stderr


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture site's configuration with the corpus essay and every valid hostile case."""
    root = tmp_path_factory.mktemp("hostile")
    return build(make_site(root / "src", SCHEMA, FIXTURE_SITE / "mkdocs.yml", VALID), root / "built")


def test_valid_hostile_annotations_render_as_text_on_the_essay(hostile_site):
    page = (hostile_site / "index.html").read_text(encoding="utf-8")
    findings, text = scan(page, "index.html")
    assert findings == []
    # The payloads are on the page as text, so the check above had something to look at.
    assert f"<script>window.{CANARY}=1</script>" in text
    assert f"<img src=x onerror=\"window.{CANARY}=1\">" in text
    assert "{: onclick=" in text
    for case in VALID:
        assert page.count(f'id="a-{case.name}"') == 1, case.name
        assert f'data-annotation="{case.name}"' in page, case.name


def test_every_page_built_from_hostile_annotations_is_inert(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 1
    findings = [f for page in pages
                for f in scan(page.read_text(encoding="utf-8"), page.relative_to(hostile_site).as_posix())[0]]
    assert findings == []


def test_every_link_in_a_note_is_http_https_or_mailto_with_rel(hostile_site):
    page = (hostile_site / "index.html").read_text(encoding="utf-8")
    asides = [chunk.split("</aside>", 1)[0] for chunk in re.split(r'<aside[^>]*class="fc-notes"', page)[1:]]
    notes = "".join(asides)
    assert 'href="mailto:editor@example.org"' in notes
    for chunk in notes.split("<a ")[1:]:
        tag = chunk.split(">", 1)[0]
        href = tag.split('href="', 1)[1].split('"', 1)[0] if 'href="' in tag else ""
        assert href.startswith(("#", "https://", "http://", "mailto:", "claims/", "../")), tag
        if href.startswith(("https://", "http://", "mailto:")):
            assert 'rel="nofollow noopener noreferrer ugc"' in tag, tag


def test_every_other_sink_of_the_hostile_site_is_inert(hostile_site):
    assert sink_findings(hostile_site) == []
    rows = (hostile_site / "claims.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in rows and "'+cmd" in rows and "'@SUM" in rows  # neutralised, not lost
    records = json.loads((hostile_site / "claims.json").read_text(encoding="utf-8"))
    assert any(r["claim"] and r["claim"].startswith("=HYPERLINK") for r in records)  # exact in JSON


def test_export_carries_only_sanitised_notes(hostile_site):
    export = json.loads((hostile_site / "annotations.jsonld").read_text(encoding="utf-8"))
    items = export["first"]["items"]
    assert len(items) == len(VALID)
    for item in items:
        assert scan(item["body"][0]["value"], item["id"])[0] == []
