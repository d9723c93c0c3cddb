"""Results of unchanged files are reused, in memory (mkdocs serve) and on disk
(scripts/validate.py), and a run reports exactly what a fresh check reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_validate
from factcheck.checking.cache import FORMAT, ResultCache, cache_file
from factcheck.checking.catalog import Project, load_catalog


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _report(catalog) -> tuple[list[str], list[str]]:
    return [p.format() for p in catalog.problems], [repr(a) for a in catalog.annotations]


def _run(project: Project) -> tuple[ResultCache, tuple]:
    """One validate.py run: read the cache, check, write it; compare with a check without it."""
    cache = ResultCache(cache_file(project.root))
    catalog = load_catalog(project, cache)
    cache.save()
    report = _report(catalog)
    assert report == _report(load_catalog(project))
    return cache, report


def _break_one(project: Project) -> None:
    broken = project.annotations_dir / "real-projects.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("verdict: opinion",
                                                                  "verdict: opinionated"),
                      encoding="utf-8")


def test_a_second_run_reuses_every_result_and_reports_the_same(fixture_site, cache_home):
    project = Project.at(fixture_site)
    _break_one(project)
    files = len(list(project.annotations_dir.glob("*.yaml")))
    first, report = _run(project)
    assert first.misses == files >= 3
    assert cache_file(project.root).is_file()
    second, again = _run(project)
    assert (second.hits, second.misses) == (files, 0)
    assert again == report and any("opinionated" in line for line in report[0])


def test_changed_files_essay_and_schema_are_checked_again(fixture_site, cache_home):
    project = Project.at(fixture_site)
    files = len(list(project.annotations_dir.glob("*.yaml")))
    _run(project)
    _break_one(project)
    cache, report = _run(project)
    assert cache.misses == 1 and any("opinionated" in line for line in report[0])

    essay = project.essay
    essay.write_text(essay.read_text(encoding="utf-8").replace("*real* projects", "*true* projects"),
                     encoding="utf-8")
    cache, report = _run(project)
    assert cache.misses == files and any("quote not found" in line for line in report[0])

    project.schema.write_text(project.schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cache, _ = _run(project)
    assert cache.misses == files


def test_results_of_another_engine_version_are_not_used(fixture_site, cache_home, monkeypatch):
    project = Project.at(fixture_site)
    _run(project)
    monkeypatch.setattr("factcheck.checking.cache.engine_fingerprint", lambda: b"another engine")
    cache, _ = _run(project)
    assert cache.hits == 0


def test_kept_in_memory_the_same_way(fixture_site):
    project = Project.at(fixture_site)
    cache = ResultCache()
    first = _report(load_catalog(project, cache))
    assert cache.hits == 0 and cache.misses == 3
    assert _report(load_catalog(project, cache)) == first
    assert (cache.hits, cache.misses) == (3, 0)
    _break_one(project)
    load_catalog(project, cache)
    assert (cache.hits, cache.misses) == (2, 1)


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 1}', ""])
def test_an_unreadable_cache_is_ignored_and_replaced(fixture_site, cache_home, content):
    project = Project.at(fixture_site)
    path = cache_file(project.root)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    cache, _ = _run(project)
    assert cache.hits == 0
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == FORMAT


def test_the_cache_lives_outside_the_project(fixture_site, cache_home):
    path = cache_file(Project.at(fixture_site).root)
    assert cache_home in path.parents and fixture_site not in path.parents


def _validate(site: Path, *args: str, **env: str):
    return run_validate("--root", str(site), *args, env=env)


def test_validate_py_output_is_the_same_from_the_cache(fixture_site, tmp_path):
    home = str(tmp_path / "home")
    _break_one(Project.at(fixture_site))
    cold = _validate(fixture_site, XDG_CACHE_HOME=home)
    warm = _validate(fixture_site, XDG_CACHE_HOME=home)
    assert list((tmp_path / "home" / "factcheck").glob("validate-*.json"))
    assert cold.returncode == warm.returncode == 1
    assert (cold.stdout, cold.stderr) == (warm.stdout, warm.stderr)


@pytest.mark.parametrize("args, env", [(("--no-cache",), {}), ((), {"CI": "true"})])
def test_no_cache_and_ci_neither_read_nor_write_it(fixture_site, tmp_path, args, env):
    home = tmp_path / "home"
    result = _validate(fixture_site, *args, XDG_CACHE_HOME=str(home), **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not home.exists()
