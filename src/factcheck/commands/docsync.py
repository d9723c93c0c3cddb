"""Keep the site's contributing page a copy of ``CONTRIBUTING.md``.

GitHub shows ``CONTRIBUTING.md`` on pull requests; the site shows ``docs/contributing.md``. The
page is generated: links into ``docs/`` lose that prefix, everything else is copied as is.

Usage: python -m factcheck.commands.docsync [--check] [--root DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SOURCE = "CONTRIBUTING.md"
PAGE = "docs/contributing.md"
HEADER = ("<!-- Generated from CONTRIBUTING.md by `python -m factcheck.commands.docsync`. "
          "Edit CONTRIBUTING.md, not this file. -->\n\n")
_DOCS_LINK = re.compile(r"\]\(docs/")


def site_page(contributing: str) -> str:
    return HEADER + _DOCS_LINK.sub("](", contributing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck.commands.docsync",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether the page is current")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    args = parser.parse_args(argv)
    source, page = args.root / SOURCE, args.root / PAGE
    if not source.is_file():
        print(f"docsync: cannot run: {SOURCE} not found in {args.root}", file=sys.stderr)
        return 2
    wanted = site_page(source.read_text(encoding="utf-8"))
    current = page.read_text(encoding="utf-8") if page.is_file() else None
    if current == wanted:
        return 0
    if args.check:
        print(f"docsync: {PAGE} is out of date; run: python -m factcheck.commands.docsync", file=sys.stderr)
        return 1
    page.write_text(wanted, encoding="utf-8")
    print(f"docsync: wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
