"""The contributor's path: the guide matches the schema and the tools, editor support is in
every file, and the pre-commit, CI and GitHub files are well formed and run."""

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SCHEMA, write
from factcheck.checking.catalog import Project, load_catalog
from factcheck.commands import docsync
from factcheck.commands.validate import main as validate_main
from factcheck.commands.validate import summary
from factcheck.model import VERDICTS

GUIDE = ROOT / "CONTRIBUTING.md"
SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"
BIN = Path(sys.executable).parent


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(r"^#{1,6} [A-Z]", text[start:], re.M)  # not a "# comment" in a code block
    return text[start : start + following.start() if following else None]


def table(text: str) -> dict[str, list[str]]:
    """Rows of a Markdown table whose first cell is a `code` name: name -> the other cells."""
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\|\s*`([^`]+)`\s*\|(.*)\|\s*$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


# -- the guide and the site page ---------------------------------------------------------------

def test_the_site_page_is_generated_from_contributing_md():
    page = (ROOT / docsync.PAGE).read_text(encoding="utf-8")
    assert page == docsync.site_page(guide()), (
        "docs/contributing.md is out of date; run: .venv/bin/python -m factcheck.commands.docsync")


def test_the_site_page_rewrites_links_into_docs():
    assert docsync.site_page("See [About](docs/about.md).") == docsync.HEADER + "See [About](about.md)."


@pytest.mark.parametrize("heading, schema_part", [
    ("### Annotation fields", lambda s: s),
    ("### Source fields", lambda s: s["properties"]["sources"]["items"]),
    ("### Correction fields", lambda s: s["properties"]["corrections"]["items"]),
])
def test_the_field_reference_names_exactly_the_schema_fields(heading, schema_part):
    documented = table(section(guide(), heading))
    part = schema_part(schema())
    assert set(documented) == set(part["properties"]), (
        f"missing from CONTRIBUTING.md: {sorted(set(part['properties']) - set(documented))}; "
        f"not in the schema: {sorted(set(documented) - set(part['properties']))}")
    always = {name for name, cells in documented.items() if cells[0] == "yes"}
    assert always == set(part["required"])


def test_the_field_reference_check_catches_a_missing_field():
    documented = table(section(guide(), "### Annotation fields"))
    documented.pop("since")
    assert set(documented) != set(schema()["properties"])


def test_the_verdict_table_is_the_scale():
    documented = table(section(guide(), "### Verdicts"))
    assert {name: cells[0] for name, cells in documented.items()} == \
        {name: meaning for name, (_, meaning, _) in VERDICTS.items()}
    assert list(documented) == list(VERDICTS)


def test_the_schema_describes_every_field_with_examples_for_free_text():
    data = schema()
    for part in (data, data["properties"]["sources"]["items"],
                 data["properties"]["corrections"]["items"]):
        for name, spec in part["properties"].items():
            assert spec.get("description"), f"{name} has no description"
    assert data["properties"]["kind"]["enum"] and data["properties"]["verdict"]["enum"] == list(VERDICTS)


def test_the_worked_example_passes_the_validator(tmp_path):
    """The finished file shown in the guide really validates against the real essay."""
    example = re.search(r"```yaml\n(.*?)```", section(guide(), "## A worked example, from paragraph "
                                                      "to passing check"), re.S).group(1)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "annotations", project / "annotations")
    shutil.copytree(ROOT / "docs", project / "docs")
    write(project / "annotations" / "insanely-high-salary.yaml", example)
    catalog = load_catalog(Project.at(project))
    assert catalog.problems.errors == []
    assert any(a.id == "insanely-high-salary" for a in catalog.annotations)
    summary_line = re.compile(r"\d+ annotation files, \d+ valid, 0 errors, 0 warnings, \d+ paragraphs")
    assert summary_line.search(guide()), "the guide shows the validator's summary line"
    assert summary_line.fullmatch(summary(catalog))


def test_the_worked_example_shows_the_real_miss_message(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "new_annotation.py"),
                             "--paragraph", "tax-benefits", "--quote", "insanely high salaries",
                             "--author", "A"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    first_line = result.stderr.splitlines()[0]
    assert first_line in guide()


# -- editor support ---------------------------------------------------------------------------

def test_every_annotation_file_starts_with_the_schema_line():
    files = sorted((ROOT / "annotations").glob("*.yaml"))
    assert files
    lacking = [path.name for path in files
               if path.read_text(encoding="utf-8").splitlines()[:1] != [SCHEMA_LINE]]
    assert lacking == [], f"add '{SCHEMA_LINE}' as the first line of: {', '.join(lacking)}"


# -- pre-commit -------------------------------------------------------------------------------

def load_yaml(relative: str):
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def test_the_published_hook_is_a_python_hook_with_a_console_script():
    [hook] = load_yaml(".pre-commit-hooks.yaml")
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'{hook["entry"]} = "factcheck.commands.validate:main"' in pyproject
    assert re.search(hook["files"], "annotations/foo.yaml")
    assert re.search(hook["files"], "docs/index.md")


def test_the_local_config_runs_the_validator_and_a_pinned_schema_check():
    config = load_yaml(".pre-commit-config.yaml")
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    repo, validator = hooks["factcheck-validate"]
    assert repo["repo"] == "local" and validator["pass_filenames"] is False
    assert re.search(validator["files"], "annotations/x.yaml") and re.search(validator["files"],
                                                                             "docs/index.md")
    repo, schema_hook = hooks["check-jsonschema"]
    assert repo["rev"] == version("check-jsonschema"), "keep the rev equal to dev.lock's version"
    assert schema_hook["args"] == ["--schemafile", "annotations/schema.json"]
    assert re.search(schema_hook["files"], "annotations/x.yaml")
    assert not re.search(schema_hook["files"], "annotations/schema.json")


def test_pre_commit_accepts_both_files():
    tool = BIN / "pre-commit"
    if not tool.exists():
        pytest.fail("pre-commit is not installed; run: make test (installs requirements/dev.lock)")
    for command, path in (("validate-config", ".pre-commit-config.yaml"),
                          ("validate-manifest", ".pre-commit-hooks.yaml")):
        result = subprocess.run([str(tool), command, path], cwd=ROOT, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr


def run_tool(name: str, *args, cwd=ROOT):
    tool = BIN / name
    if not tool.exists():
        pytest.fail(f"{name} is not installed in the virtual environment; run: make test")
    return subprocess.run([str(tool), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GITHUB_ACTIONS": "false"})


def test_the_schema_hook_entry_passes_our_files_and_fails_a_bad_one(tmp_path):
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "annotations").glob("*.yaml"))
    good = run_tool("check-jsonschema", "--schemafile", "annotations/schema.json", *files)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = write(tmp_path / "bad.yaml", "paragraph: x\nquote: y\nkind: claim\nnote: n\nauthor: a\n"
                                       "created: '2026-11-26'\n")
    result = run_tool("check-jsonschema", "--schemafile", "annotations/schema.json", str(bad))
    assert result.returncode == 1 and "'verdict' is a required property" in result.stdout


def test_the_validator_hook_entries_pass_here_and_fail_on_a_bad_file(fixture_site):
    local = subprocess.run(["make", "-s", "validate"], cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert local.returncode == 0, local.stdout + local.stderr
    published = run_tool("factcheck-validate", cwd=fixture_site)  # no --root: the current folder
    assert published.returncode == 0, published.stdout + published.stderr
    write(fixture_site / "annotations" / "bad.yaml", "paragraph: curse\nquote: not there\n")
    failing = run_tool("factcheck-validate", cwd=fixture_site)
    assert failing.returncode == 1 and "annotations/bad.yaml:1:1: error" in failing.stdout


# -- GitHub -----------------------------------------------------------------------------------

def workflow(name: str) -> dict:
    data = load_yaml(f".github/workflows/{name}")
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def all_steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_version():
    for name in ("ci.yml", "pages.yml"):
        for step in all_steps(workflow(name)):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), step


def test_ci_runs_the_tests_the_validator_with_a_summary_and_properdocs():
    data = workflow("ci.yml")
    assert {"pull_request", "push"} <= set(data["on"])
    assert data["permissions"] == {"contents": "read"}
    commands = "\n".join(step.get("run", "") for step in all_steps(data))
    assert "bash .ci/run" in commands
    assert 'scripts/validate.py --summary "$GITHUB_STEP_SUMMARY"' in commands
    assert "properdocs build --strict" in commands


def test_pages_builds_strictly_and_deploys_with_least_privilege():
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["group"]
    uses = [step["uses"].split("@")[0] for step in all_steps(data) if "uses" in step]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    build_commands = "\n".join(step.get("run", "") for step in data["jobs"]["build"]["steps"])
    assert "make build" in build_commands
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_workflows_pass_the_zizmor_linter():
    result = run_tool("zizmor", "--offline", "--no-progress", ".github/workflows/")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_issue_form_is_well_formed():
    form = load_yaml(".github/ISSUE_TEMPLATE/report-error.yml")
    assert {"name", "description", "body"} <= set(form)
    ids = []
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "markdown":
            assert element["attributes"]["value"]
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"]
        if element["type"] in ("dropdown", "checkboxes"):
            assert element["attributes"]["options"]
    assert len(ids) == len(set(ids))
    assert isinstance(load_yaml(".github/ISSUE_TEMPLATE/config.yml")["blank_issues_enabled"], bool)


def test_the_pull_request_template_has_the_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", template, re.M)
    assert len(items) >= 5
    assert any("make validate" in item for item in items)
    assert any("own words" in item for item in items)


def test_the_validator_summary_lists_every_problem_as_a_table(fixture_site, tmp_path):
    write(fixture_site / "annotations" / "bad.yaml", "paragraph: curse\nquote: the curse\na|b: 1\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    assert validate_main(["--root", str(fixture_site), "--summary", str(summary)]) == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### Annotation check: ")
    rows = [line for line in text.splitlines() if line.startswith("| ` annotations/bad.yaml ` |")]
    problems = load_catalog(Project.at(fixture_site)).problems
    assert len(rows) == len(problems) >= 2
    assert all(row.count(" | ") == 4 for row in rows)  # a | inside a message is escaped
    assert any("'a\\|b'" in row for row in rows)
    assert all(row.split(" | ")[4].startswith("` ") for row in rows)  # messages are code spans
