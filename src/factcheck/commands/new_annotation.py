"""``scripts/new_annotation.py``: start an annotation file from a paragraph id and a quote.

The quote is checked first with the validator's own anchoring, and shown in its paragraph.
The file is written with ``TODO`` placeholders that the validator refuses, so a draft cannot
pass until every one is replaced.

Exit status, as for ``scripts/validate.py``: 0 file written, 1 bad input (quote not found,
id taken or malformed), 2 cannot run (no essay or schema, no author known).
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import re
import subprocess
import sys
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..checking.anchoring import AnchorProblem, anchor_quote
from ..checking.catalog import ID_PATTERN, MAX_ID_LENGTH, RESERVED_IDS, Project, load_catalog
from ..checking.essay import read_paragraphs
from ..checking.placeholders import PLACEHOLDER
from ..checking.project import SetupError
from ..checking.textmatch import closest_passage, locate
from ..model import KINDS, VERDICTS, Anchor, Annotation, Paragraph
from ..problems import ProblemList

SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"
ID_WORDS = 6  # words of the quote kept in a derived id
MARK_OPEN, MARK_CLOSE = "[[", "]]"


class ScaffoldError(Exception):
    """Something the contributor must fix; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Draft:
    id: str
    path: Path
    text: str
    paragraph: Paragraph
    anchor: Anchor
    overlaps: list[Annotation]  # existing annotations whose quotes share words with this one


def derive_id(quote: str, taken: set[str]) -> str:
    """A slug of the quote's first words, made unique against ``taken`` with -2, -3, ..."""
    ascii_text = unicodedata.normalize("NFKD", quote).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:ID_WORDS]
    base = "-".join(words)[:MAX_ID_LENGTH - 3].strip("-") or "annotation"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def check_id(annotation_id: str, taken: set[str]) -> None:
    if len(annotation_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(annotation_id):
        raise ScaffoldError(f"id '{annotation_id}' must be lowercase letters and digits joined by -, "
                            f"at most {MAX_ID_LENGTH} characters (for example 'income-tax-cut-75-percent')")
    if annotation_id in RESERVED_IDS:
        raise ScaffoldError(f"id '{annotation_id}' is reserved ({RESERVED_IDS[annotation_id]}); "
                            "choose another --id")
    if annotation_id in taken:
        raise ScaffoldError(f"annotations/{annotation_id}.yaml already exists; choose another --id "
                            "or edit that file")


def git_user_name(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    name = result.stdout.strip()
    return name if result.returncode == 0 and name else None


def _yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def render_draft(paragraph: str, quote: str, kind: str, author: str, today: str,
                 occurrence: int | None = None) -> str:
    todo = PLACEHOLDER
    lines = [
        SCHEMA_LINE,
        f"# Replace every {todo} below; the validator refuses this file while one is left.",
        f"paragraph: {paragraph}",
        f"quote: {_yaml_string(quote)}",
    ]
    if occurrence is not None:
        lines.append(f"occurrence: {occurrence}")
    lines.append(f"kind: {kind}")
    if kind == "claim":
        lines += [
            f"verdict: {todo}  # one of: {', '.join(VERDICTS)}",
            f'claim: "{todo}: the claim as checked, one sentence of at most 120 characters"',
        ]
    lines += [
        "note: |",
        f"  {todo}: what the evidence shows, in your own words (Markdown).",
        "# caveats:   # optional: limits of the evidence, one Markdown string each",
        '#   - "..."',
        "# since: |   # optional: what changed after the essay was written",
        "#   ...",
    ]
    if kind in ("claim", "context"):
        lines += [
            "sources:",
            f'  - title: "{todo}: the source\'s own title"',
            f"    url: https://{todo}.invalid/the-address-you-read",
            f'    publisher: "{todo}: who published it"',
            f'    date: "{todo}: YYYY, YYYY-MM or YYYY-MM-DD"',
            f'    supports: "{todo}: what this source shows for this annotation"',
            f'    accessed: "{today}"',
            "    # optional: author, locator (page or section), quote (at most 200 characters),",
            "    # archive_url (an archived copy)",
        ]
    lines += [f"author: {_yaml_string(author)}", f'created: "{today}"']
    return "\n".join(lines) + "\n"


def find_paragraph(paragraphs: dict[str, Paragraph], slug: str) -> Paragraph:
    if slug in paragraphs:
        return paragraphs[slug]
    guess = difflib.get_close_matches(slug, list(paragraphs), n=1, cutoff=0.5)
    hint = f"; did you mean '{guess[0]}'?" if guess else "; see the ¶ permalinks on the essay page"
    raise ScaffoldError(f"unknown paragraph '{slug}'{hint}")


def mark_in_context(paragraph: Paragraph, start: int, end: int, width: int = 100) -> str:
    text = paragraph.text
    marked = f"{text[:start]}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{text[end:]}"
    return textwrap.fill(" ".join(marked.split()), width=width, initial_indent="  ",
                         subsequent_indent="  ", break_on_hyphens=False)


def closest_in_context(paragraph: Paragraph, quote: str) -> str:
    passage, _ = closest_passage(paragraph.text, quote)
    flat = " ".join(paragraph.text.split())
    start = flat.find(passage) if passage else -1
    if start < 0:
        return textwrap.indent(textwrap.fill(flat, 98), "  ")
    return mark_in_context(Paragraph(paragraph.id, flat, paragraph.line), start, start + len(passage))


def prepare(project: Project, paragraph_id: str, quote: str, kind: str = "claim",
            annotation_id: str | None = None, author: str | None = None,
            occurrence: int | None = None, today: datetime.date | None = None) -> Draft:
    """Check everything and return the draft without writing it."""
    for what, path in (("essay", project.essay), ("schema", project.schema)):
        if not path.is_file():
            raise ScaffoldError(f"{what} file not found: {project.display(path)}", status=2)
    if not project.annotations_dir.is_dir():
        raise ScaffoldError(f"annotations folder not found: {project.display(project.annotations_dir)}",
                            status=2)
    problems = ProblemList()
    paragraphs = read_paragraphs(project.essay, project.display(project.essay), problems)
    paragraph = find_paragraph(paragraphs, paragraph_id)
    taken = {path.stem for path in project.annotations_dir.glob("*.yaml")}
    if annotation_id is None:
        annotation_id = derive_id(quote, taken)
    check_id(annotation_id, taken)
    author = author or git_user_name(project.root)
    if not author:
        raise ScaffoldError("git has no user.name here; pass --author \"Your name\" "
                            "(it is published with the annotation)", status=2)
    path = project.annotations_dir / f"{annotation_id}.yaml"
    day = (today or datetime.date.today()).isoformat()
    text = render_draft(paragraph.id, quote, kind, author, day, occurrence)
    try:
        anchor = anchor_quote(paragraph, quote, occurrence, paragraphs)
    except AnchorProblem as exc:
        reasons = exc.message.replace("add 'occurrence: N'", "pass --occurrence N")
        if not locate(paragraph.text, quote) and "it is in paragraph" not in reasons:
            reasons += (f"\nThe closest passage, marked {MARK_OPEN} {MARK_CLOSE}, in paragraph "
                        f"'{paragraph.id}':\n{closest_in_context(paragraph, quote)}")
        raise ScaffoldError(f"{reasons}\nNo file was written.") from None
    return Draft(annotation_id, path, text, paragraph, anchor, overlapping(project, anchor))


def overlapping(project: Project, anchor: Anchor) -> list[Annotation]:
    """The valid annotations of the main essay whose quotes share characters with ``anchor``."""
    try:
        catalog = load_catalog(project)
    except SetupError:
        return []
    return [a for a in catalog.annotations
            if a.page == catalog.main_page and a.paragraph == anchor.paragraph
            and a.anchor.start < anchor.end and anchor.start < a.anchor.end]


def next_steps(draft: Draft, project: Project) -> str:
    shown = project.display(draft.path)
    return textwrap.dedent(f"""\
        Next steps:
          1. Replace every {PLACEHOLDER} in {shown}
             (editors with the YAML language server complete fields from annotations/schema.json;
             read every source you cite: see CONTRIBUTING.md, "Source standards").
          2. Check it: make validate   (or: .venv/bin/python scripts/validate.py)
          3. Preview it: make serve, then open http://127.0.0.1:8000/#a-{draft.id}
          4. Commit only this file and open a pull request.""")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="new_annotation.py",
        description="Start a new annotation file: checks the quote against the essay first.",
    )
    parser.add_argument("--paragraph", required=True, help="paragraph id, e.g. tax-benefits")
    parser.add_argument("--quote", required=True, help="exact text of that paragraph to highlight")
    parser.add_argument("--kind", choices=KINDS, default="claim", help="default: claim")
    parser.add_argument("--id", dest="annotation_id",
                        help="the new file's name and permanent id (default: made from the quote)")
    parser.add_argument("--occurrence", type=int,
                        help="which occurrence, when the quote occurs more than once")
    parser.add_argument("--author", help="default: git config user.name")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder (default: the current folder)")
    return parser


def main(argv: list[str] | None = None, today: datetime.date | None = None) -> int:
    args = build_parser().parse_args(argv)
    project = Project.at(args.root)
    if args.occurrence is not None and args.occurrence < 1:
        print("new_annotation.py: error: --occurrence must be 1 or more", file=sys.stderr)
        return 1
    try:
        draft = prepare(project, args.paragraph, args.quote, args.kind, args.annotation_id,
                        args.author, args.occurrence, today)
    except ScaffoldError as exc:
        label = "cannot run" if exc.status == 2 else "error"
        print(f"new_annotation.py: {label}: {exc.message}", file=sys.stderr)
        return exc.status
    try:
        with draft.path.open("x", encoding="utf-8") as handle:
            handle.write(draft.text)
    except FileExistsError:
        print(f"new_annotation.py: error: {project.display(draft.path)} already exists", file=sys.stderr)
        return 1
    print(f"Quote found in paragraph '{draft.paragraph.id}', marked {MARK_OPEN} {MARK_CLOSE}:")
    print(mark_in_context(draft.paragraph, draft.anchor.start, draft.anchor.end))
    for other in draft.overlaps:
        print(f"warning: the quote overlaps annotation '{other.id}' ({other.path}: "
              f"\"{other.anchor.exact}\"); overlapping notes are allowed, but check that this is "
              "not the same claim", file=sys.stderr)
    print(f"\nWrote {project.display(draft.path)}\n")
    print(next_steps(draft, project))
    return 0
