"""``scripts/validate.py``: check every annotation against the schema and the essay.

Exit status: 0 when everything is valid, 1 when problems were found, 2 when the check could
not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import sinks
from ..checking.cache import ResultCache, cache_file
from ..checking.catalog import Catalog, Project, SetupError, load_catalog
from ..checking.parallel import available_cpus
from ..problems import Problem
from .published import verdict_changes


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
    parser.add_argument("--published", metavar="GIT_REF",
                        help="also require a 'corrections' entry for every verdict that differs "
                             "from the one published at GIT_REF (for example origin/main)")
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


def report(problems: list[Problem], strict: bool, out=None, github: bool = False) -> int:
    out = out or sys.stdout
    for problem in problems:
        print(problem.format(), file=out)
    if github:
        for problem in problems:
            print(problem.format_github(), file=out)
    failing = [p for p in problems if p.severity == "error" or strict]
    return 1 if failing else 0


def summary(catalog: Catalog, problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    return (f"{len(catalog.files)} annotation files, {len(catalog.annotations)} valid, "
            f"{errors} errors, {len(problems) - errors} warnings, "
            f"{sum(len(paragraphs) for paragraphs in catalog.pages.values())} paragraphs")


def markdown_summary(catalog: Catalog, problems: list[Problem]) -> str:
    """The whole list as a Markdown table, for a CI job's summary page."""
    lines = [f"### Annotation check: {summary(catalog, problems)}", ""]
    if not problems:
        return "\n".join(lines + ["Every annotation is valid.", ""])
    lines += ["| file | line | column | severity | message |", "|---|---|---|---|---|"]
    for p in problems:
        lines.append(f"| {sinks.markdown_cell(p.path)} | {p.line} | {p.col} | {p.severity} | "
                     f"{sinks.markdown_cell(p.message)} |")
    return "\n".join(lines + [""])


def repair(catalog: Catalog, project: Project, out=None) -> None:
    """Run ``--fix-quotes``: print a diff per rewritten quote, a note per refused one."""
    from .fix_quotes import fix_quotes  # only for --fix-quotes

    out = out or sys.stdout
    for outcome in fix_quotes(catalog, project.display):
        if outcome.diff:
            print(sinks.terminal_block(outcome.diff), end="", file=out)
        else:
            print(sinks.terminal(f"{outcome.shown}:{outcome.line}:{outcome.col}: not fixed: "
                                 f"{outcome.reason}"), file=out)


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
        problems = list(catalog.problems)
        if args.published:
            problems += verdict_changes(catalog, project, args.published)
    except SetupError as exc:
        print(sinks.terminal(f"validate.py: cannot run: {exc}"), file=sys.stderr)
        return 2
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    status = report(problems, args.strict, github=github)
    if args.summary:
        try:
            with args.summary.open("a", encoding="utf-8") as handle:
                handle.write(markdown_summary(catalog, problems))
        except OSError as exc:
            print(sinks.terminal(f"validate.py: cannot write the summary: {exc}"), file=sys.stderr)
            return 2
    if not args.quiet:
        print(summary(catalog, problems), file=sys.stderr)
    return status
