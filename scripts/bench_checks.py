#!/usr/bin/env python3
"""Time the per-file checks of this working tree against those of an earlier commit.

Usage: python scripts/bench_checks.py --baseline REV [--site DIR] [--rounds N]

The engine as it was at commit REV (``git show REV:src/factcheck/...``) is loaded beside the
working tree's, in the same process, and every stage runs old, new, new, old, ... over the
same texts, so a busy machine slows both sides alike. Reported: the median seconds of each
side and the ratio old / new. The texts are the annotation files of a synthetic site (made
with ``factcheck.synthetic`` into a temporary folder unless ``--site`` names one).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import factcheck  # noqa: E402
from factcheck.synthetic import generate_site  # noqa: E402

PACKAGE = "src/factcheck"


def load_baseline(revision: str, folder: Path):
    """Import the engine of ``revision`` as the package ``factcheck_baseline``."""
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{revision}:{PACKAGE}"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.split()
    package = folder / "factcheck_baseline"
    package.mkdir()
    for name in names:
        if name.endswith(".py"):
            source = subprocess.run(["git", "show", f"{revision}:{PACKAGE}/{name}"], cwd=ROOT,
                                    check=True, capture_output=True).stdout
            (package / name).write_bytes(source)
    sys.path.insert(0, str(folder))
    return importlib.import_module("factcheck_baseline")


def stages(engine, texts: list[str], site: Path) -> dict[str, Callable[[], object]]:
    yaml_loader = importlib.import_module(f"{engine.__name__}.yaml_loader")
    hygiene = importlib.import_module(f"{engine.__name__}.hygiene")
    placeholders = importlib.import_module(f"{engine.__name__}.placeholders")
    schema = importlib.import_module(f"{engine.__name__}.schema")
    catalog = importlib.import_module(f"{engine.__name__}.catalog")
    documents = [factcheck_parse(text) for text in texts]
    urls = [source[key] for data in documents for source in data.get("sources", [])
            for key in ("url", "archive_url") if key in source]
    project = catalog.Project.at(site, essays=["pages/*.md"])
    return {
        "parse (yaml_loader.parse)": lambda: [yaml_loader.parse(text) for text in texts],
        "hidden characters (scan_source)": lambda: [list(hygiene.scan_source(t)) for t in texts],
        "string checks (check_strings)": lambda: [list(hygiene.check_strings(d)) for d in documents],
        f"addresses (explain_url, {len(urls)})": lambda: [hygiene.explain_url(u) for u in urls],
        "placeholders (find_placeholders)": lambda: [list(placeholders.find_placeholders(d))
                                                     for d in documents],
        "schema pre-check (_plain_json)": lambda: [schema._plain_json(d) for d in documents],
        "whole validation (load_catalog)": lambda: catalog.load_catalog(project),
    }


def factcheck_parse(text: str):
    from factcheck.yaml_loader import parse
    return parse(text).data


def measure(old: Callable[[], object], new: Callable[[], object], rounds: int):
    times: dict[str, list[float]] = {"old": [], "new": []}
    for index in range(rounds):
        order = [("old", old), ("new", new)]
        for side, run in order if index % 2 == 0 else reversed(order):
            start = time.perf_counter()
            run()
            times[side].append(time.perf_counter() - start)
    return statistics.median(times["old"]), statistics.median(times["new"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="the commit to compare with")
    parser.add_argument("--site", type=Path, help="a synthetic site made before (default: a new one)")
    parser.add_argument("--rounds", type=int, default=4, help="runs of each side per stage")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or generate_site(Path(scratch) / "site",
                                          ROOT / "annotations" / "schema.json").root
        texts = [path.read_text(encoding="utf-8")
                 for path in sorted((site / "annotations").glob("*.yaml"))]
        baseline = load_baseline(args.baseline, Path(scratch))
        old, new = stages(baseline, texts, site), stages(factcheck, texts, site)
        print(f"{len(texts)} annotation files; baseline {args.baseline}; median of {args.rounds} "
              "alternating runs each")
        print(f"{'stage':40} {'old s':>8} {'new s':>8} {'old/new':>8}")
        for name in new:
            before, after = measure(old[name], new[name], args.rounds)
            print(f"{name:40} {before:8.3f} {after:8.3f} {before / after:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
