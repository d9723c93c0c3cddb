"""scripts/validate.py as contributors and CI run it."""

import shutil

from conftest import ROOT, write
from conftest import run_validate as run


def test_the_project_validates():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert " 0 errors" in result.stderr


def test_a_word_changed_in_the_essay_fails_naming_the_annotation(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "annotations", copy / "annotations")
    shutil.copytree(ROOT / "docs", copy / "docs")
    essay = copy / "docs" / "index.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("75% reduction", "57% reduction"),
                     encoding="utf-8")
    result = run("--root", str(copy))
    assert result.returncode == 1
    wanted = "quote not found in paragraph 'tax-benefits'"
    lines = [line for line in result.stdout.splitlines() if wanted in line]
    assert lines, result.stdout
    path, line, col, rest = lines[0].split(":", 3)
    assert path.startswith("annotations/") and path.endswith(".yaml")
    assert int(line) > 0 and int(col) > 0
    assert rest.startswith(" error: quote not found") and "closest:" in rest


def test_github_annotations_are_added_on_actions(fixture_site):
    write(fixture_site / "annotations" / "bad.yaml", "paragraph: curse\nquote: nothing like it\n")
    result = run("--root", str(fixture_site), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "annotations/bad.yaml:1:1: error: missing required field 'kind'" in result.stdout
    assert "::error file=annotations/bad.yaml,line=1,col=1::missing required field 'kind'" in result.stdout


def test_missing_essay_is_exit_status_2(tmp_path):
    (tmp_path / "annotations").mkdir()
    result = run("--root", str(tmp_path))
    assert result.returncode == 2
    assert "cannot run: essay file not found: docs/index.md" in result.stderr


def test_a_schema_that_is_not_json_is_exit_status_2(fixture_site):
    (fixture_site / "annotations" / "schema.json").write_text("{ not json", encoding="utf-8")
    result = run("--root", str(fixture_site))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot use schema annotations/schema.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_schema_the_meta_schema_refuses_is_exit_status_2_once_a_file_needs_explaining(fixture_site):
    schema = fixture_site / "annotations" / "schema.json"
    # "examples" must be a list: the compiled check ignores it, JSON Schema's meta-schema does not.
    schema.write_text(schema.read_text(encoding="utf-8").replace('"$schema"', '"examples": 5, "$schema"', 1),
                      encoding="utf-8")
    write(fixture_site / "annotations" / "bad.yaml", "paragraph: curse\nquote: nothing like it\n")
    result = run("--root", str(fixture_site))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot use schema annotations/schema.json" in result.stderr
    assert "Traceback" not in result.stderr
