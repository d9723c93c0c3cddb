"""A rebuild under ``mkdocs serve`` re-checks only the annotation files that changed, and reports
exactly what a fresh load reports."""

from __future__ import annotations

from pathlib import Path

from factcheck.catalog import Project, load_catalog
from factcheck.load_cache import LoadCache


def _report(catalog) -> tuple[list[str], list[str]]:
    return [p.format() for p in catalog.problems], [a.id for a in catalog.annotations]


def _load(project: Project, cache: LoadCache):
    cached = load_catalog(project, cache)
    assert _report(cached) == _report(load_catalog(project))  # same as without the cache
    return cached


def test_only_changed_files_are_checked_again(fixture_site: Path):
    project = Project.at(fixture_site)
    files = sorted(project.annotations_dir.glob("*.yaml"))
    cache = LoadCache()
    assert _load(project, cache).ok and cache.misses == len(files) >= 3

    _load(project, cache)
    assert (cache.hits, cache.misses) == (len(files), 0)

    broken = project.annotations_dir / "real-projects.yaml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("verdict: opinion", "verdict: opinionated"), encoding="utf-8")
    catalog = _load(project, cache)
    assert cache.misses == 1
    assert [p.path for p in catalog.problems.errors] == ["annotations/real-projects.yaml"]
    assert "opinionated" in catalog.problems.errors[0].message

    _load(project, cache)  # still broken, now from the cache
    assert cache.misses == 0 and not load_catalog(project, cache).ok

    broken.write_text(good.replace("research culture", "research culture, fixed"), encoding="utf-8")
    assert _load(project, cache).ok and cache.misses == 1


def test_editing_the_essay_or_schema_checks_every_file_again(fixture_site: Path):
    project = Project.at(fixture_site)
    files = sorted(project.annotations_dir.glob("*.yaml"))
    cache = LoadCache()
    _load(project, cache)

    essay = project.essay
    essay.write_text(essay.read_text(encoding="utf-8").replace("*real* projects", "*true* projects"),
                     encoding="utf-8")
    catalog = _load(project, cache)
    assert cache.misses == len(files)
    assert any("quote not found" in p.message for p in catalog.problems.errors)

    _load(project, cache)
    assert cache.misses == 0
    project.schema.write_text(project.schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _load(project, cache)
    assert cache.misses == len(files)


def test_a_removed_file_is_forgotten(fixture_site: Path):
    project = Project.at(fixture_site)
    cache = LoadCache()
    before = _load(project, cache)
    (project.annotations_dir / "curse-data.yaml").unlink()
    after = _load(project, cache)
    assert len(after.annotations) == len(before.annotations) - 1
