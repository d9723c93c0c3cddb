"""``scripts/validate.py``: check every annotation against the schema and the essay.

Exit status: 0 when everything is valid, 1 when problems were found, 2 when the check could
not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .catalog import Catalog, Project, SetupError, load_catalog
from .parallel import available_cpus
from .problems import Problem
from .result_cache import ResultCache, cache_file


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="validate.py",
        description="Check that every annotation is well formed and anchors to the essay.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder (default: the current folder)")
    parser.add_argument("--essay", default="docs/index.md", help="the essay, relative to --root")
    parser.add_argument("--essays", action="append", default=[], metavar="PATTERN",
                        help="glob pattern of further essay pages, relative to the essay's folder "
                             "(repeatable); annotations name their page with 'page:'")
    parser.add_argument("--annotations", default="annotations",
                        help="the annotations folder, relative to --root")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--quiet", action="store_true", help="print problems only")
    parser.add_argument("--fix-quotes", action="store_true",
                        help="rewrite quotes the essay has drifted from when the closest passage "
                             "is unambiguous and at least 90%% similar; print each change as a diff")
    parser.add_argument("--no-cache", action="store_true",
                        help="check every file again instead of reusing the results of earlier "
                             "runs for unchanged files (never reused when CI is set)")
    parser.add_argument("--jobs", type=int, default=available_cpus(), metavar="N",
                        help="check files in N processes when there are many "
                             "(default: the CPUs available, %(default)s here)")
    parser.add_argument("--summary", type=Path, metavar="FILE",
                        help="also append a Markdown table of the problems to FILE "
                             "(on GitHub Actions: $GITHUB_STEP_SUMMARY)")
    return parser


def report(catalog: Catalog, strict: bool, out=None, github: bool = False) -> int:
    out = out or sys.stdout
    problems: list[Problem] = list(catalog.problems)
    for problem in problems:
        print(problem.format(), file=out)
    if github:
        for problem in problems:
            print(problem.format_github(), file=out)
    errors = len(catalog.problems.errors)
    warnings = len(catalog.problems.warnings)
    failing = errors + (warnings if strict else 0)
    return 1 if failing else 0


def summary(catalog: Catalog) -> str:
    return (
        f"{len(catalog.files)} annotation files, {len(catalog.annotations)} valid, "
        f"{len(catalog.problems.errors)} errors, {len(catalog.problems.warnings)} warnings, "
        f"{sum(len(paragraphs) for paragraphs in catalog.pages.values())} paragraphs"
    )


def markdown_summary(catalog: Catalog) -> str:
    """The whole list as a Markdown table, for a CI job's summary page."""
    lines = [f"### Annotation check: {summary(catalog)}", ""]
    if not catalog.problems:
        return "\n".join(lines + ["Every annotation is valid.", ""])
    lines += ["| file | line | column | severity | message |", "|---|---|---|---|---|"]
    for p in catalog.problems:
        message = p.message.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{p.path}` | {p.line} | {p.col} | {p.severity} | {message} |")
    return "\n".join(lines + [""])


def repair(catalog: Catalog, project: Project, out=None) -> None:
    """Run ``--fix-quotes``: print a diff per rewritten quote, a note per refused one."""
    from .fix_quotes import fix_quotes  # only for --fix-quotes

    out = out or sys.stdout
    for outcome in fix_quotes(catalog, project.display):
        if outcome.diff:
            print(outcome.diff, end="", file=out)
        else:
            print(f"{outcome.shown}:{outcome.line}:{outcome.col}: not fixed: {outcome.reason}",
                  file=out)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        project = Project.at(args.root, args.essay, args.annotations, essays=args.essays)
        cache = None if args.no_cache or os.environ.get("CI") else ResultCache(
            cache_file(project.root))
        catalog = load_catalog(project, cache, args.jobs)
        if args.fix_quotes:
            repair(catalog, project)
            catalog = load_catalog(project, cache, args.jobs)
        if cache is not None:
            cache.save()
    except SetupError as exc:
        print(f"validate.py: cannot run: {exc}", file=sys.stderr)
        return 2
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    status = report(catalog, args.strict, github=github)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as handle:
            handle.write(markdown_summary(catalog))
    if not args.quiet:
        print(summary(catalog), file=sys.stderr)
    return status
