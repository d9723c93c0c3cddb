"""``scripts/generate.py`` and ``scripts/check_site.py``: the engine's pages, data and checks
for a generator that ignores MkDocs plugins (Zensical), and for any built site.

``generate`` writes the generated pages, the data exports and our assets into docs_dir, where
every generator reads them (they are git-ignored); ``check-site`` checks a built site folder
as the MkDocs plugin does after its build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .. import sinks
from ..rendering.extension import FactcheckError, load_project, require_valid
from ..rendering.generated import GENERATED_FOLDERS, generated_files
from ..rendering.settings import Settings, SettingsError, read_settings
from ..rendering.site_check import check_site


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    return parser


def _load(config_file: Path, prog: str):
    """The settings and the checked catalog, or the exit status after printing why not."""
    try:
        settings = read_settings(config_file)
        return settings, require_valid(load_project(settings))
    except SettingsError as exc:
        print(sinks.terminal(f"{prog}: cannot run: {exc}"), file=sys.stderr)
        return None, 2
    except FactcheckError as exc:
        print(sinks.terminal_block(f"{prog}: {exc}"), file=sys.stderr)
        return None, exc.status


def write_generated(settings: Settings, catalog) -> list[Path]:
    """Write every generated file into docs_dir; remove what an earlier run left there."""
    docs = settings.root / settings.docs_dir
    files = generated_files(catalog, settings)
    for folder in GENERATED_FOLDERS:
        shutil.rmtree(docs / folder, ignore_errors=True)
    written = []
    for src, content in files.items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8", newline="")
        written.append(target)
    return written


def generate(argv: list[str] | None = None) -> int:
    args = _parser("generate.py", "Write the claim pages, the corrections page, the data exports "
                   "and the reading assets into docs_dir, for generators without the plugin "
                   "(Zensical).").parse_args(argv)
    settings, catalog = _load(args.config_file, "generate.py")
    if settings is None:
        return catalog
    written = write_generated(settings, catalog)
    print(f"generate.py: wrote {len(written)} files into {settings.docs_dir}/ for "
          f"{len(catalog.annotations)} annotations", file=sys.stderr)
    return 0


def check(argv: list[str] | None = None) -> int:
    parser = _parser("check_site.py", "Check a built site: every annotation rendered once, as "
                     "a highlight with its note; claim pages with their ClaimReview; complete "
                     "exports.")
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"),
                        help="the built site's folder (default: site)")
    args = parser.parse_args(argv)
    settings, catalog = _load(args.config_file, "check_site.py")
    if settings is None:
        return catalog
    if not args.site.is_dir():
        print(f"check_site.py: cannot run: {args.site} is not a folder", file=sys.stderr)
        return 2
    problems = check_site(args.site, catalog, settings)
    for problem in problems:
        print(sinks.terminal(problem))
    print(f"check_site.py: {len(catalog.annotations)} annotations, {len(problems)} problems in "
          f"{args.site}", file=sys.stderr)
    return 1 if problems else 0
