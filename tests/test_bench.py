"""The benchmark's building blocks on tiny inputs: the synthetic site is valid and shaped as
asked, and the measuring helpers measure what they say. Nothing here is timed."""

import sys
from collections import Counter

import pytest
import yaml

from conftest import SCHEMA, load_script
from factcheck.checking.catalog import Project, load_catalog
from factcheck.checking.textmatch import normalise

synthetic_site = load_script("synthetic_site")
SiteShape, generate_site = synthetic_site.SiteShape, synthetic_site.generate_site

TINY = SiteShape(pages=3, paragraphs=4, words=30, annotations=60, seed=7)


bench = load_script("bench")


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    return generate_site(tmp_path_factory.mktemp("synthetic"), SCHEMA, TINY)


def test_synthetic_site_has_the_asked_shape_and_validates(tiny_site):
    assert tiny_site.pages == ["index.md", "pages/page-001.md", "pages/page-002.md"]
    catalog = load_catalog(Project.at(tiny_site.root, essays=[tiny_site.pattern]))
    assert catalog.problems.errors == []
    assert len(catalog.annotations) == TINY.annotations == tiny_site.annotations
    assert list(catalog.pages) == tiny_site.pages
    assert all(len(paragraphs) == TINY.paragraphs for paragraphs in catalog.pages.values())
    per_page = Counter(a.page for a in catalog.annotations)
    assert per_page == dict.fromkeys(tiny_site.pages, TINY.annotations // TINY.pages)
    assert {a.kind for a in catalog.annotations} == {"claim", "context", "editorial"}


def test_main_essay_annotations_leave_page_out(tiny_site):
    written = [yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((tiny_site.root / "annotations").glob("*.yaml"))]
    assert {w.get("page") for w in written} == {None, "pages/page-001.md", "pages/page-002.md"}


def test_some_quotes_overlap_and_quotes_are_cut_from_the_paragraph(tiny_site):
    catalog = load_catalog(Project.at(tiny_site.root, essays=[tiny_site.pattern]))
    overlapping = 0
    for page, paragraphs in catalog.by_page().items():
        spans: dict[str, list] = {}
        for a in paragraphs:
            text = catalog.pages[page][a.paragraph].text
            assert normalise(text[a.anchor.start : a.anchor.end]) == a.quote
            spans.setdefault(a.paragraph, []).append((a.anchor.start, a.anchor.end))
        for ranges in spans.values():
            overlapping += sum(1 for (s1, e1) in ranges for (s2, e2) in ranges
                               if (s1, e1) < (s2, e2) and s2 < e1)
    assert overlapping >= 5


def test_generator_is_deterministic(tmp_path, tiny_site):
    again = generate_site(tmp_path / "again", SCHEMA, TINY)
    for name in ("docs/index.md", "docs/pages/page-002.md", "mkdocs.yml"):
        assert (again.root / name).read_bytes() == (tiny_site.root / name).read_bytes()
    first = sorted(p.name for p in (tiny_site.root / "annotations").glob("*.yaml"))
    assert first == sorted(p.name for p in (again.root / "annotations").glob("*.yaml"))


def test_too_many_quotes_for_short_paragraphs_is_refused(tmp_path):
    with pytest.raises(ValueError, match="cannot hold"):
        generate_site(tmp_path, SCHEMA, SiteShape(pages=1, paragraphs=1, words=4, annotations=50))


def test_the_handwritten_twin_has_every_note_as_an_admonition_and_every_claim_page(tmp_path, tiny_site):
    twin = load_script("handwritten_twin").write_twin(tiny_site.config, tmp_path / "twin")
    data = yaml.safe_load(twin.read_text(encoding="utf-8"))
    assert data["plugins"] == ["search"] and "admonition" in data["markdown_extensions"]
    assert "factcheck" not in str(data)
    catalog = load_catalog(Project.at(tiny_site.root, essays=[tiny_site.pattern]))
    docs = tmp_path / "twin" / "docs"
    notes = sum((docs / page).read_text(encoding="utf-8").count("!!! note ") for page in catalog.pages)
    assert notes == len(catalog.annotations)
    claim_pages = list((docs / "claims").glob("*.md"))
    assert len(claim_pages) == sum(1 for a in catalog.annotations if a.verdict) + 1  # and the index
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(config_file=str(twin), site_dir=str(tmp_path / "site")))
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8").count('class="admonition note"')


def test_the_bare_config_leaves_the_plugin_and_the_extension_out(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: !ENV SITE_URL\nplugins:\n  - search\n"
                      "  - factcheck:\n      essay: index.md\n  - tags\nmarkdown_extensions:\n"
                      "  - attr_list\n  - factcheck\nwatch:\n  - annotations\n", encoding="utf-8")
    bare = load_script("handwritten_twin").write_bare(config, tmp_path / "bare")
    data = yaml.safe_load(bare.read_text(encoding="utf-8"))
    assert data["plugins"] == ["search", "tags"]
    assert data["markdown_extensions"] == ["attr_list"]
    assert data["docs_dir"] == str((tmp_path / "docs").resolve())


def test_worst_case_files_are_valid_and_as_large_as_the_typical_ones(tmp_path):
    worst = load_script("worst_cases")
    names = worst.write_cases(tmp_path, SCHEMA, files=8)
    assert "typical" in names and len(names) >= 12
    sizes = {}
    for name in names:
        catalog = load_catalog(Project.at(tmp_path / name))
        assert catalog.problems.errors == [], (name, catalog.problems[:2])
        assert len(catalog.annotations) == 8, name
        sizes[name] = sum(p.stat().st_size for p in (tmp_path / name / "annotations").glob("*.yaml"))
    assert max(sizes.values()) < 1.3 * sizes["typical"]
    assert min(sizes.values()) > 0.8 * sizes["typical"]


def test_alternate_interleaves_the_two_sides():
    calls = []
    a, b, c = bench.alternate([lambda: calls.append("A") or bench.Run(1.0, 1, 0),
                               lambda: calls.append("B") or bench.Run(2.0, 1, 0),
                               lambda: calls.append("C") or bench.Run(3.0, 1, 0)], 2)
    assert calls == ["A", "B", "C", "A", "B", "C"]
    assert len(a) == len(b) == len(c) == 2


def test_median_and_peak():
    runs = [bench.Run(s, m, 0) for s, m in ((3.0, 10), (1.0, 30), (2.0, 20))]
    assert bench.median_seconds(runs) == 2.0
    assert bench.peak_mib(runs) == 30


def test_child_peak_memory_is_the_childs_own(tmp_path):
    small_script = tmp_path / "small.py"
    small_script.write_text("pass\n")
    large_script = tmp_path / "large.py"
    large_script.write_text("b = bytearray(96 * 1024 * 1024)\nb[::4096] = b'x' * len(b[::4096])\n")
    ballast = bytearray(128 * 1024 * 1024)  # the parent's own memory must not count
    ballast[::4096] = b"x" * len(ballast[::4096])
    small = bench.run_child(bench.python_command(str(small_script)))
    large = bench.run_child(bench.python_command(str(large_script)))
    assert small.peak_mib < 64
    assert large.peak_mib - small.peak_mib > 80
    assert small.returncode == 0
    del ballast


def test_failing_child_is_reported():
    with pytest.raises(RuntimeError, match="failed"):
        bench.run_child([sys.executable, "-c", "import sys; sys.exit(3)"])


def test_page_weight_compares_gzip_sizes(tmp_path):
    with_site, without_site = tmp_path / "with", tmp_path / "without"
    (with_site / "assets" / "factcheck").mkdir(parents=True)
    without_site.mkdir()
    (with_site / "assets" / "factcheck" / "factcheck.css").write_bytes(b"a{color:red}" * 100)
    (with_site / "assets" / "factcheck" / "factcheck.js").write_bytes(bytes(range(256)) * 4)
    (with_site / "index.html").write_bytes(b"<p>text</p>" * 50)
    (without_site / "index.html").write_bytes(b"<p>text</p>")
    weight = bench.page_weight(with_site, without_site)
    assert weight["assets_gzip"]["factcheck.js"] > weight["assets_gzip"]["factcheck.css"]
    assert weight["page_with_assets_gzip"] == weight["page_html_gzip"] + weight["assets_gzip_total"]
    assert weight["plain_page_gzip"] == bench.gzip_size(b"<p>text</p>")
    assert weight["ratio"] > 1


def test_scaling_probe_times_a_fresh_load(tiny_site):
    seconds, loaded, errors = bench.time_load_catalog(tiny_site.root, [tiny_site.pattern])
    assert seconds > 0 and loaded == TINY.annotations and errors == 0


def test_report_marks_missed_targets():
    results = {"real": {"build": {"ratio": 1.3}}, "weight": {"assets_gzip_kib": 5.0}}
    assert bench.lookup(results, "real.build.ratio") == 1.3
    assert bench.lookup(results, "preview.median_s") is None


def test_cold_validation_skips_the_cache_and_warm_validation_uses_it(tiny_site, tmp_path,
                                                                      monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setitem(bench.ENV, "XDG_CACHE_HOME", str(home))
    cold = bench.validate_command(tiny_site.root, [tiny_site.pattern])
    warm = bench.validate_command(tiny_site.root, [tiny_site.pattern], cache=True)
    assert cold[-1] == "--no-cache" and "--no-cache" not in warm
    bench.run_child(cold)
    assert not home.exists()
    figures = bench.compare_validation(tiny_site.root, [tiny_site.pattern], repeats=1)
    assert list(home.glob("factcheck/validate-*.json"))
    assert figures["runs"] == 1 and figures["cold_s"] > 0 and figures["warm_s"] > 0
    assert "CI" not in bench.ENV
