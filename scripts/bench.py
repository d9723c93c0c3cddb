#!/usr/bin/env python3
"""What the plugin costs, measured side by side on this machine.

Usage: python scripts/bench.py [--quick] [--repeats N] [--json FILE] [--skip-100k] [--no-preview]

The yardstick is what a user would do without the plugin: the same notes written by hand as
Material admonitions after their paragraphs, and the same claim pages as Markdown files
(scripts/handwritten_twin.py). The ratio against the bare essay, with no notes at all, is shown
too: it measures what the content costs, not what the plugin costs.

Every comparison alternates its sides (A, B, C, A, B, C, ...) and reports medians, so a busy
machine slows every side alike. Builds and validations run as child processes; their peak memory
is the child's own high-water resident set size (VmHWM in /proc/self/status, read as it exits).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from handwritten_twin import write_bare, write_twin  # noqa: E402
from synthetic_site import SiteShape, generate_site  # noqa: E402
from worst_cases import write_cases  # noqa: E402

BIN = Path(sys.executable).parent
SCHEMA = ROOT / "annotations" / "schema.json"
# validate.py's result cache is measured on purpose (cold and warm), in a folder of the benchmark's
# own; CI would turn it off.
ENV = {**{k: v for k, v in os.environ.items() if k != "CI"}, "NO_MKDOCS_2_WARNING": "1"}
OUR_ASSETS = ("assets/factcheck/factcheck.css", "assets/factcheck/factcheck.js")
GZIP_LEVEL = 6  # what web servers commonly use


@dataclass
class Run:
    seconds: float
    peak_mib: float
    returncode: int


# Runs a Python script or module and, at exit, writes its peak resident memory (VmHWM, KiB) to
# the file named in FACTCHECK_BENCH_PEAK. Linux's ru_maxrss of a child would also count the
# parent's memory image copied before exec.
PEAK_PROBE = """
import atexit, os, runpy, sys
def record():
    with open("/proc/self/status") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    with open(os.environ["FACTCHECK_BENCH_PEAK"], "w") as out:
        out.write(peak)
if os.path.exists("/proc/self/status"):
    atexit.register(record)
if sys.argv[1] == "-m":
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def python_command(*args: str) -> list[str]:
    """``python <script> args`` or ``python -m <module> args``, with the peak-memory probe."""
    return [sys.executable, "-c", PEAK_PROBE, *args]


def run_child(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run ``command``; wall time and the child's own peak resident memory."""
    with tempfile.NamedTemporaryFile(prefix="peak-", delete=False) as handle:
        peak_file = Path(handle.name)
    try:
        started = time.perf_counter()
        child = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**ENV, **(env or {}), "FACTCHECK_BENCH_PEAK": str(peak_file)})
        seconds = time.perf_counter() - started
        peak = peak_file.read_text().strip() if peak_file.exists() else ""
    finally:
        peak_file.unlink(missing_ok=True)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n"
                           f"{child.stderr.decode(errors='replace')[-2000:]}")
    return Run(seconds, int(peak or 0) / 1024, child.returncode)


def alternate(sides: list[Callable[[], Run]], repeats: int) -> list[list[Run]]:
    """Run each side in turn, ``repeats`` times: A, B, C, A, B, C, ..."""
    runs: list[list[Run]] = [[] for _ in sides]
    for _ in range(repeats):
        for index, side in enumerate(sides):
            runs[index].append(side())
    return runs


def median_seconds(runs: list[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def peak_mib(runs: list[Run]) -> float:
    return max(run.peak_mib for run in runs)


def build_command(config: Path, site_dir: Path) -> list[str]:
    return python_command("-m", "mkdocs", "build", "--quiet", "--clean", "--config-file",
                          str(config), "--site-dir", str(site_dir))


def compare_builds(config: Path, work: Path, repeats: int) -> dict:
    """The site with the plugin, its hand-written twin and the bare essay, alternating."""
    twin = write_twin(config, work / "twin")
    bare = write_bare(config, work / "bare")
    sides = [(config, work / "site-plugin"), (twin, work / "site-twin"), (bare, work / "site-bare")]
    plugin, handwritten, essay = alternate(
        [lambda c=c, s=s: run_child(build_command(c, s), cwd=c.parent) for c, s in sides], repeats)
    return {
        "plugin_s": median_seconds(plugin), "twin_s": median_seconds(handwritten),
        "bare_s": median_seconds(essay),
        "ratio": median_seconds(plugin) / median_seconds(handwritten),
        "content_ratio": median_seconds(plugin) / median_seconds(essay),
        "plugin_peak_mib": peak_mib(plugin), "twin_peak_mib": peak_mib(handwritten),
        "bare_peak_mib": peak_mib(essay), "runs": repeats,
        "site_plugin": str(work / "site-plugin"), "site_bare": str(work / "site-bare"),
    }


ZENSICAL_BIN = ROOT / ".venv-zensical" / "bin"


def compare_generators(work: Path, repeats: int) -> dict | None:
    """The real site built by MkDocs, ProperDocs and Zensical (generate.py, then its build),
    each in its own copy of the project, alternating."""
    if not (ZENSICAL_BIN / "zensical").exists():
        return None
    copies = {}
    for name in ("mkdocs", "properdocs", "zensical"):
        copies[name] = work / name
        shutil.copytree(ROOT, copies[name], ignore=shutil.ignore_patterns(
            ".git", ".venv*", "site", "tests", "__pycache__", ".*cache", "test-output"))

    def zensical() -> Run:
        generate = run_child([str(ZENSICAL_BIN / "python"), "scripts/generate.py"], cwd=copies["zensical"])
        build = run_child([str(ZENSICAL_BIN / "zensical"), "build", "--clean", "-f", "mkdocs.yml"],
                          cwd=copies["zensical"])
        return Run(generate.seconds + build.seconds, max(generate.peak_mib, build.peak_mib), 0)

    runs = alternate([
        lambda: run_child(python_command("-m", "mkdocs", "build", "--quiet"), cwd=copies["mkdocs"]),
        lambda: run_child(python_command("-m", "properdocs", "build", "--quiet", "-f", "mkdocs.yml"),
                          cwd=copies["properdocs"]),
        zensical], repeats)
    return {name: median_seconds(side) for name, side in zip(copies, runs, strict=True)}


def validate_command(root: Path, essays: list[str], cache: bool = False) -> list[str]:
    """validate.py checking every file (cold), or reusing its results for unchanged files."""
    command = python_command(str(ROOT / "scripts" / "validate.py"), "--root", str(root), "--quiet")
    for pattern in essays:
        command += ["--essays", pattern]
    return command if cache else command + ["--no-cache"]


def compare_validation(root: Path, essays: list[str], repeats: int) -> dict:
    """Cold runs (``--no-cache``) alternating with runs that find every result kept."""
    run_child(validate_command(root, essays, cache=True))  # fills the cache
    cold, warm = alternate([lambda: run_child(validate_command(root, essays)),
                            lambda: run_child(validate_command(root, essays, cache=True))], repeats)
    return {"cold_s": median_seconds(cold), "warm_s": median_seconds(warm),
            "cold_peak_mib": peak_mib(cold), "warm_peak_mib": peak_mib(warm), "runs": repeats}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_weight(with_site: Path, without_site: Path, page: str = "index.html") -> dict:
    """Gzip sizes: our CSS and JS, and the essay page with them vs the plain Material page."""
    ours = {Path(name).name: gzip_size((with_site / name).read_bytes()) for name in OUR_ASSETS}
    html = gzip_size((with_site / page).read_bytes())
    plain = gzip_size((without_site / page).read_bytes())
    assets = sum(ours.values())
    return {"assets_gzip": ours, "assets_gzip_total": assets, "assets_gzip_kib": assets / 1024,
            "page_html_gzip": html, "page_with_assets_gzip": html + assets,
            "plain_page_gzip": plain, "ratio": (html + assets) / plain}


SCALING_PROBE = """
import sys, time
from pathlib import Path
from factcheck.checking.catalog import Project, load_catalog
project = Project.at(Path(sys.argv[1]), essays=sys.argv[2:])
started = time.perf_counter()
catalog = load_catalog(project)
print(time.perf_counter() - started, len(catalog.annotations), len(catalog.problems.errors))
"""


def time_load_catalog(root: Path, patterns: list[str]) -> tuple[float, int, int]:
    """``load_catalog`` timed in a fresh interpreter: no warm caches, no start-up time."""
    out = subprocess.run([sys.executable, "-c", SCALING_PROBE, str(root), *patterns], env=ENV,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def validate_scaling(work: Path, sizes: list[int], repeats: int) -> list[dict]:
    """Generate a site per size and time ``load_catalog`` on it."""
    rows = []
    for size in sizes:
        site = generate_site(work / f"scale-{size}", SCHEMA, SiteShape(annotations=size))
        times = []
        for _ in range(repeats if size <= 10_000 else 1):
            seconds, loaded, errors = time_load_catalog(site.root, [site.pattern])
            if errors or loaded != size:
                raise RuntimeError(f"synthetic site of {size} annotations does not validate")
            times.append(seconds)
        row = {"annotations": size, "seconds": statistics.median(times), "runs": len(times)}
        if rows:
            row["growth"] = row["seconds"] / rows[-1]["seconds"]
        rows.append(row)
        shutil.rmtree(site.root)
    return rows


def worst_case_ratios(work: Path, repeats: int) -> dict:
    """Each class of worst-case valid file (many of them, as large as allowed) against typical
    files of the same size: validation (load_catalog) and a build, alternating."""
    root = work / "worst"
    classes = write_cases(root, SCHEMA)
    results = {}
    for name in classes:
        typical = ["typical"] * 1
        seconds = alternate([
            lambda n=name: Run(time_load_catalog(root / n, [])[0], 0, 0),
            lambda t=typical[0]: Run(time_load_catalog(root / t, [])[0], 0, 0)], repeats)
        builds = alternate([
            lambda n=name: run_child(build_command(root / n / "mkdocs.yml", root / n / "site"),
                                     cwd=root / n),
            lambda: run_child(build_command(root / "typical" / "mkdocs.yml",
                                            root / "typical" / "site"), cwd=root / "typical")],
            max(1, repeats // 2))
        if name == "typical":
            continue
        results[name] = {"validate_ratio": median_seconds(seconds[0]) / median_seconds(seconds[1]),
                         "build_ratio": median_seconds(builds[0]) / median_seconds(builds[1])}
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, predicate: Callable[[str], bool], seconds: float, poll: float = 0.02) -> float:
    """Poll ``url`` until ``predicate(html)``; return the time it took."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        html = fetch(url)
        if html is not None and predicate(html):
            return time.perf_counter() - started
        time.sleep(poll)
    raise RuntimeError(f"{url} did not show the change within {seconds} s")


def copy_project(target: Path) -> Path:
    """The project's site sources in a scratch folder, so edits never touch the real files."""
    ignore = shutil.ignore_patterns(".git", ".venv*", "site", "tests", "__pycache__", ".*cache",
                                    "test-output", "*.egg-info")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def preview_latency(project: Path, repeats: int) -> dict:
    """Seconds from saving an annotation file to the served page showing the change."""
    path = sorted((project / "annotations").glob("*.yaml"))[0]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(url, lambda html: f'id="a-{path.stem}"' in html, 120, poll=0.2)
        times = []
        for attempt in range(repeats):
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            marker = f"benchedit{attempt}x{port}"
            edited = {**data, "note": f"{data['note'].rstrip()} {marker}"}
            path.write_text(yaml.safe_dump(edited, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
            times.append(wait_for(url, lambda html, m=marker: m in html, 60))
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"median_s": statistics.median(times), "max_s": max(times), "runs": repeats}


def machine() -> dict:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "load_average": os.getloadavg()}


TARGETS = {
    "real build / hand-written twin": ("real.build.ratio", 1.10),
    "synthetic build / hand-written twin": ("synthetic.build.ratio", 1.10),
    "100,000 vs 10,000 validation": ("scaling_100k_over_10k", 12.0),
    "worst-case file / typical, validate": ("worst_validate", 3.0),
    "worst-case file / typical, build": ("worst_build", 3.0),
    "preview rebuild (s)": ("preview.median_s", 1.5),
    "our CSS + JS gzip (KiB)": ("weight.assets_gzip_kib", 15.0),
}


def lookup(results: dict, dotted: str):
    value = results
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _build_lines(label: str, build: dict) -> list[str]:
    return [
        label,
        f"  with the plugin                    {build['plugin_s']:7.2f} s, "
        f"peak {build['plugin_peak_mib']:.0f} MiB",
        f"  hand-written twin (yardstick)      {build['twin_s']:7.2f} s, "
        f"peak {build['twin_peak_mib']:.0f} MiB",
        f"  bare essay, no notes               {build['bare_s']:7.2f} s, "
        f"peak {build['bare_peak_mib']:.0f} MiB",
        f"  plugin / twin                      {build['ratio']:7.2f}   (what the plugin costs)",
        f"  plugin / bare essay                {build['content_ratio']:7.2f}   (what the content costs)",
    ]


def report(results: dict) -> str:
    m, real, syn = results["machine"], results["real"], results["synthetic"]
    lines = [
        f"Machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}, "
        f"load average at start {m['load_average'][0]:.2f}",
        f"Medians of {real['build']['runs']} alternating runs per side.", "",
        *_build_lines("Real site", real["build"]),
        f"  scripts/validate.py                {real['validate']['cold_s']:7.2f} s checking every "
        f"file, {real['validate']['warm_s']:.2f} s with results kept", "",
        *_build_lines(f"Synthetic site ({syn['pages']} pages x {syn['paragraphs']} paragraphs, "
                      f"{syn['annotations']:,} annotations)", syn["build"]),
        f"  scripts/validate.py, every file    {syn['validate']['cold_s']:7.2f} s, "
        f"peak {syn['validate']['cold_peak_mib']:.0f} MiB",
        f"  same, files unchanged since a run  {syn['validate']['warm_s']:7.2f} s", "",
        "Validation scaling (load_catalog in a fresh interpreter, start-up excluded)",
    ]
    for row in results["scaling"]:
        growth = f"  x{row['growth']:.1f}" if "growth" in row else ""
        lines.append(f"  {row['annotations']:>7,} annotations   {row['seconds']:7.2f} s{growth}")
    if results.get("generators"):
        g = results["generators"]
        lines += ["", "The real site from each generator (Zensical: generate.py, then its build)",
                  f"  MkDocs {g['mkdocs']:.2f} s, ProperDocs {g['properdocs']:.2f} s, "
                  f"Zensical {g['zensical']:.2f} s"]
    if results.get("worst"):
        lines += ["", "Worst-case valid files against typical files of the same size (ratios)"]
        for name, row in results["worst"].items():
            lines.append(f"  {name:<28} validate x{row['validate_ratio']:.2f}, "
                         f"build x{row['build_ratio']:.2f}")
    if "preview" in results:
        p = results["preview"]
        lines += ["", f"Live preview (real site): save -> rebuilt page served  median "
                      f"{p['median_s']:.2f} s, worst {p['max_s']:.2f} s ({p['runs']} edits)"]
    w = results["weight"]
    assets = ", ".join(f"{name} {size / 1024:.1f} KiB" for name, size in w["assets_gzip"].items())
    lines += [
        "", f"Page weight of the essay page (gzip level {GZIP_LEVEL})",
        f"  our assets: {assets}; total {w['assets_gzip_kib']:.1f} KiB",
        f"  essay HTML {w['page_html_gzip'] / 1024:.1f} KiB + our assets = "
        f"{w['page_with_assets_gzip'] / 1024:.1f} KiB vs the bare essay page "
        f"{w['plain_page_gzip'] / 1024:.1f} KiB (x{w['ratio']:.1f})",
        "", "Targets",
    ]
    for label, (dotted, limit) in TARGETS.items():
        value = lookup(results, dotted)
        if value is None:
            lines.append(f"  {label:<38} not measured")
        else:
            verdict = "met" if value <= limit else "MISSED"
            lines.append(f"  {label:<38} {value:8.2f}  (target <= {limit})  {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 2 repetitions, 1,000 synthetic annotations, no 100,000 step")
    parser.add_argument("--repeats", type=int, default=None, help="runs per side (default 5)")
    parser.add_argument("--skip-100k", action="store_true", help="leave out the 100,000 step")
    parser.add_argument("--no-preview", action="store_true", help="leave out the live preview")
    parser.add_argument("--no-worst", action="store_true", help="leave out the worst-case files")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 5)
    annotations = 1_000 if args.quick else 10_000
    sizes = [1_000, 10_000] if (args.quick or args.skip_100k) else [1_000, 10_000, 100_000]

    results: dict = {"machine": machine(), "command": " ".join(["scripts/bench.py", *sys.argv[1:]])}
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as scratch:
        work = Path(scratch)
        ENV["XDG_CACHE_HOME"] = str(work / "cache-home")
        print("real site ...", file=sys.stderr)
        real_build = compare_builds(ROOT / "mkdocs.yml", work / "real", repeats)
        results["real"] = {"build": real_build, "validate": compare_validation(ROOT, [], repeats)}
        results["weight"] = page_weight(Path(real_build["site_plugin"]), Path(real_build["site_bare"]))
        results["generators"] = compare_generators(work / "generators", repeats)

        print(f"synthetic site of {annotations:,} annotations ...", file=sys.stderr)
        shape = SiteShape(annotations=annotations)
        site = generate_site(work / "synthetic", SCHEMA, shape)
        results["synthetic"] = {
            "pages": shape.pages, "paragraphs": shape.paragraphs, "annotations": annotations,
            "validate": compare_validation(site.root, [site.pattern], repeats),
            "build": compare_builds(site.config, work / "synthetic-builds", repeats),
        }
        print(f"validation scaling {sizes} ...", file=sys.stderr)
        results["scaling"] = validate_scaling(work, sizes, repeats)
        by_size = {row["annotations"]: row["seconds"] for row in results["scaling"]}
        if 100_000 in by_size:
            results["scaling_100k_over_10k"] = by_size[100_000] / by_size[10_000]
        if not args.no_worst:
            print("worst-case files ...", file=sys.stderr)
            results["worst"] = worst_case_ratios(work, repeats)
            results["worst_validate"] = max(r["validate_ratio"] for r in results["worst"].values())
            results["worst_build"] = max(r["build_ratio"] for r in results["worst"].values())
        if not args.no_preview:
            print("live preview ...", file=sys.stderr)
            results["preview"] = preview_latency(copy_project(work / "preview"), repeats)
    for side in (results["real"]["build"], results["synthetic"]["build"]):
        side.pop("site_plugin"), side.pop("site_bare")
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
