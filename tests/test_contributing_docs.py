"""The contributor's path: the guide matches the schema and the tools, editor support is in
every file, and the pre-commit, CI and GitHub files are well formed and run."""

import json
import os
import re
import shutil
import subprocess
import sys
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


def _documented_errors(after: str) -> list[str]:
    """The error lines of the first text block after ``after`` in the guide."""
    block = re.search(r"```text\n(.*?)```", guide()[guide().index(after):], re.S).group(1)
    return [line for line in block.splitlines() if ": error: " in line]


def test_the_finished_example_copied_unchanged_fails_exactly_as_documented(tmp_path):
    """The guide's finished file is a shape with stand-in values; copied as it is, it must fail
    with the errors the guide shows, so a copy can never be published by accident."""
    example = re.search(r"```yaml\n(.*?)```", guide()[guide().index("A finished file has this shape"):],
                        re.S).group(1)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "annotations", project / "annotations")
    shutil.copytree(ROOT / "docs", project / "docs")
    write(project / "annotations" / "catch-up-quickly-in-technologies.yaml", example)
    catalog = load_catalog(Project.at(project))
    found = [p.format() for p in catalog.problems]
    assert found == _documented_errors("A finished file has this shape")
    assert len(found) >= 5
    fixed = (example.replace("https://example.org/the-report", "https://www.example-agency.org/r")
             .replace("in your own words", "by us").replace("A limit of the evidence, such as", "A limit:")
             .replace("The source's own title", "A title").replace("Who published it", "An agency"))
    write(project / "annotations" / "catch-up-quickly-in-technologies.yaml", fixed)
    catalog = load_catalog(Project.at(project))
    assert catalog.problems == []
    summary_line = re.compile(r"\d+ annotation files, \d+ valid, 0 errors, 0 warnings, \d+ paragraphs")
    assert summary_line.search(guide()), "the guide shows the validator's summary line"
    assert summary_line.fullmatch(summary(catalog, list(catalog.problems)))


def test_the_worked_example_shows_the_real_messages(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "annotations", project / "annotations")
    shutil.copytree(ROOT / "docs", project / "docs")
    command = [sys.executable, str(ROOT / "scripts" / "new_annotation.py"), "--root", str(project),
               "--paragraph", "return-to-china", "--author", "A", "--quote"]
    miss = subprocess.run([*command, "catch up quickly in technology"], capture_output=True,
                          text=True, timeout=60)
    assert miss.returncode == 1
    assert miss.stderr.splitlines()[0] in guide()
    assert miss.stderr.splitlines()[1] in guide()
    hit = subprocess.run([*command, "catch up quickly in technologies"], capture_output=True,
                         text=True, timeout=60)
    assert hit.returncode == 0, hit.stderr
    assert hit.stdout.splitlines()[0] in guide()
    assert "warning: the quote overlaps" not in hit.stderr  # the example is a new claim
    draft = load_catalog(Project.at(project)).problems
    shown = [p.format() for p in draft][:2]
    assert shown == _documented_errors("**4. Fill it in.**")


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


def test_the_local_config_holds_only_local_hooks_that_run_the_validator():
    config = load_yaml(".pre-commit-config.yaml")
    assert {repo["repo"] for repo in config["repos"]} == {"local"}  # nothing to fetch: works offline
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    validator = hooks["factcheck-validate"]
    assert validator["pass_filenames"] is False and "validate" in validator["entry"]
    assert re.search(validator["files"], "annotations/x.yaml") and re.search(validator["files"],
                                                                             "docs/index.md")
    assert "docsync --check" in hooks["contributing-page"]["entry"]


def test_pre_commit_runs_every_hook_offline(tmp_path):
    """The hooks need no download: with an empty pre-commit home they all run and pass."""
    tool = BIN / "pre-commit"
    if not tool.exists():
        pytest.fail("pre-commit is not installed; run: make test (installs requirements/dev.lock)")
    result = subprocess.run([str(tool), "run", "--all-files"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300,
                            env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"),
                                 "GITHUB_ACTIONS": "false"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout and "contributing" in result.stdout
    assert not list((tmp_path / "home").glob("repo*"))  # no hook repository was fetched


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


def test_ci_runs_the_tests_the_checks_pre_commit_and_every_generator():
    data = workflow("ci.yml")
    assert {"pull_request", "push"} <= set(data["on"])
    assert data["permissions"] == {"contents": "read"}
    steps = all_steps(data)
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "bash .ci/run" in commands
    assert 'scripts/validate.py --summary "$GITHUB_STEP_SUMMARY"' in commands
    assert "pre-commit run --all-files" in commands
    assert "properdocs build --strict" in commands
    assert "make zensical-build" in commands
    published = [step for step in steps if "--published origin/main" in step.get("run", "")]
    assert len(published) == 1 and "pull_request" in published[0]["if"]
    assert "refs/remotes/origin/main" in published[0]["run"]  # fetched before it is compared


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
