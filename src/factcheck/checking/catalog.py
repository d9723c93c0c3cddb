"""Load every annotation file, check it, and anchor it to the essay: one code path for the
validator, the Markdown extension, the MkDocs plugin and the tests.

Each file is checked on its own (:func:`check_file`), then across files (duplicates, essay
paragraphs that several annotations miss). Every problem is collected; nothing stops at the
first. A field the schema refuses is not looked at further, so a refused value costs nothing.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..model import Annotation, Correction, Paragraph, SourceRecord
from ..problems import Problem, ProblemList, field_name
from .cache import ResultCache, file_digest
from .parallel import map_in_processes
from .project import Project, SetupError, UnreadableFile, read_annotation_file

# Reading and checking a file needs YAML, Markdown and the schema; those modules are imported
# when a file is checked, not when results kept from an earlier run are reused (they take longer
# to import than such a whole run).

PAGES_IN_PROCESSES = 20  # a page takes as long to parse as some twenty annotation files to check
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 64
RESERVED_IDS = {"index": "the claims index is claims/index.md",
                "readme": "generators publish README.md as a folder's index page"}
UNKNOWN_PARAGRAPH = "unknown paragraph"
MAX_HIDDEN = 20  # hidden characters listed per file; a file full of them would flood the report
_UNKNOWN_PARAGRAPH = re.compile(UNKNOWN_PARAGRAPH + r" '([^']*)'")
_YAML_NAME = re.compile(r".*\.ya?ml", re.IGNORECASE)

__all__ = ["Catalog", "Project", "SetupError", "load_catalog", "check_file", "ID_PATTERN"]


@dataclass
class Catalog:
    paragraphs: dict[str, Paragraph]  # of the main essay page
    annotations: list[Annotation]  # valid ones, in reading order (page by page)
    problems: ProblemList
    files: list[Path] = field(default_factory=list)
    pages: dict[str, dict[str, Paragraph]] = field(default_factory=dict)  # every essay page
    main_page: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    def by_page(self) -> dict[str, list[Annotation]]:
        return self._by_page

    def get(self, annotation_id: str) -> Annotation | None:
        """The valid annotation with this id, or None."""
        return self._by_id.get(annotation_id)

    # A catalog is not changed once loaded, so these are worked out once.
    @cached_property
    def _by_page(self) -> dict[str, list[Annotation]]:
        grouped: dict[str, list[Annotation]] = {page: [] for page in self.pages}
        for annotation in self.annotations:
            grouped[annotation.page].append(annotation)
        return grouped

    @cached_property
    def _by_id(self) -> dict[str, Annotation]:
        return {annotation.id: annotation for annotation in self.annotations}


def load_catalog(project: Project, cache: ResultCache | None = None, jobs: int = 1) -> Catalog:
    """Read the essay pages and every annotation file; collect all problems.

    With a ``cache``, files whose bytes and context did not change are not checked again.
    With ``jobs`` above 1, many files are checked in that many forked processes.
    """
    for what, path in (("essay", project.essay), ("schema", project.schema)):
        if not path.is_file():
            raise SetupError(f"{what} file not found: {project.display(path)}")
    if not project.annotations_dir.is_dir():
        raise SetupError(f"annotations folder not found: {project.display(project.annotations_dir)}")
    problems = ProblemList()
    essay_pages = project.essay_pages()
    if cache is not None:
        cache.start(_context(project, essay_pages))
    pages = _read_pages(project, essay_pages, problems, cache, jobs)
    files = _list_files(project, problems)
    annotations = []
    for annotation, found in _check_files(files, project, pages, cache, jobs):
        problems.extend(found)
        if annotation is not None:
            annotations.append(annotation)
    if cache is not None:
        cache.forget_missing([str(path) for path in files])
    _check_duplicates(annotations, problems)
    _summarise_missing_paragraphs(problems, project.display(project.essay))
    order = {key: index for index, key in
             enumerate((page, slug) for page, paragraphs in pages.items() for slug in paragraphs)}
    # Reading order is the order of the notes' numbers in the text, which sit where each quote
    # ends: a quote nested in a longer one that ends at the same place is numbered first.
    annotations.sort(key=lambda a: (order[a.page, a.paragraph], a.anchor.end, -a.anchor.start, a.id))
    problems.sort()
    return Catalog(pages[project.main_page], annotations, problems, files, pages, project.main_page)


def _context(project: Project, essay_pages: dict[str, Path]) -> bytes:
    """The settings and the bytes of every essay page and of the schema."""
    def content(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError:
            return b""
    parts = [str(project.root), str(project.essay), str(project.annotations_dir),
             str(project.docs_dir), *project.more_essays]
    context = "\0".join(parts).encode()
    for name, path in [*essay_pages.items(), ("schema", project.schema)]:
        context += b"\0" + name.encode() + b"\0" + content(path)
    return context


def _list_files(project: Project, problems: ProblemList) -> list[Path]:
    """The ``*.yaml`` entries of the annotations folder; every other entry is reported."""
    files = []
    with os.scandir(project.annotations_dir) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = Path(entry.path)
            shown = project.display(path)
            if entry.name.endswith(".yaml"):
                files.append(path)
            elif path == project.schema or entry.name.startswith("."):
                continue
            elif _YAML_NAME.fullmatch(entry.name):
                problems.error(shown, 1, 1, f"annotation files end in .yaml in lowercase; rename "
                               f"it to {Path(entry.name).stem}.yaml, or it is never checked")
            elif entry.is_dir(follow_symlinks=False):
                nested = [p for p in Path(entry.path).rglob("*") if _YAML_NAME.fullmatch(p.name)]
                if nested:
                    problems.error(shown, 1, 1, f"this folder holds {len(nested)} YAML file(s), "
                                   "which are never checked; annotation files go directly in "
                                   "annotations/")
                else:
                    problems.warning(shown, 1, 1, "not an annotation file; it is ignored")
            else:
                problems.warning(shown, 1, 1, "not an annotation file (those are "
                                 "annotations/<id>.yaml); it is ignored")
    return files


def _read_pages(project: Project, essay_pages: dict[str, Path], problems: ProblemList,
                cache: ResultCache | None, jobs: int = 1) -> dict[str, dict[str, Paragraph]]:
    """Every essay page's paragraphs; a cache started with the pages' bytes already has them."""
    kept = cache.pages() if cache is not None else None
    if kept is None:
        from .essay import read_paragraphs

        def read(path: Path) -> tuple[dict[str, Paragraph], tuple]:
            own = ProblemList()
            return read_paragraphs(path, project.display(path), own), tuple(own)

        read_all = map_in_processes(read, list(essay_pages.values()), jobs,
                                    min_items=PAGES_IN_PROCESSES)
        kept = ({name: paragraphs for name, (paragraphs, _) in zip(essay_pages, read_all, strict=True)},
                tuple(problem for _, found in read_all for problem in found))
        if cache is not None:
            cache.keep_pages(*kept)
    problems.extend(kept[1])
    return kept[0]


def _check_files(files: list[Path], project: Project, pages: dict[str, dict[str, Paragraph]],
                 cache: ResultCache | None, jobs: int) -> list[tuple]:
    """Each file's annotation (or None) and problems, in the files' order."""
    results: list = [None] * len(files)
    todo: list[tuple[int, bytes | UnreadableFile, str | None]] = []
    for index, path in enumerate(files):
        try:
            raw: bytes | UnreadableFile = read_annotation_file(path)
        except UnreadableFile as exc:
            raw = exc
        digest = file_digest(raw) if isinstance(raw, bytes) else None
        kept = cache.lookup(str(path), digest) if cache is not None and digest else None
        if kept is not None:
            results[index] = kept
        else:
            todo.append((index, raw, digest))
    if not todo:
        return results
    from . import schema as schema_check

    unusable = f"cannot use schema {project.display(project.schema)}"
    try:
        schema_check.prepare(project.schema)
    except Exception as exc:  # an unreadable schema means nothing can be checked
        raise SetupError(f"{unusable}: {exc}") from None

    def check(item: tuple) -> tuple:
        index, raw, _ = item
        return check_file(files[index], project, pages, raw)

    try:
        checked = map_in_processes(check, todo, jobs)
    except schema_check.SchemaUnusable as exc:
        raise SetupError(f"{unusable}: {exc}") from None
    for (index, _, digest), found in zip(todo, checked, strict=True):
        results[index] = found
        if cache is not None and digest:
            cache.store(str(files[index]), digest, found)
    return results


class _FileCheck:
    """The problems of one file, at most one per position."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems = ProblemList()
        self._positions: set[tuple[int, int]] = set()

    def error(self, line: int, col: int, message: str, warning: bool = False) -> None:
        if (line, col) in self._positions and not warning:
            return
        if not warning:
            self._positions.add((line, col))
        (self.problems.warning if warning else self.problems.error)(self.shown, line, col, message)

    def result(self, annotation: Annotation | None) -> tuple[Annotation | None, tuple[Problem, ...]]:
        return (None if self.problems.errors else annotation), tuple(self.problems)


def check_file(path: Path, project: Project, pages: dict[str, dict[str, Paragraph]],
               raw: bytes | UnreadableFile | None = None) -> tuple[Annotation | None, tuple[Problem, ...]]:
    """Check one annotation file; the annotation comes back only when it has no errors."""
    from . import hygiene
    from . import schema as schema_check
    from .yaml_document import YamlProblem
    from .yaml_reader import decode, parse

    report = _FileCheck(project.display(path))
    annotation_id = path.stem
    if len(annotation_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(annotation_id):
        report.error(1, 1, f"file name '{path.name}' must be the annotation id: lowercase letters "
                     f"and digits joined by -, at most {MAX_ID_LENGTH} characters, then .yaml")
    elif annotation_id in RESERVED_IDS:
        report.error(1, 1, f"the id '{annotation_id}' is reserved ({RESERVED_IDS[annotation_id]}); "
                     "rename the file")
    if raw is None:
        try:
            raw = read_annotation_file(path)
        except UnreadableFile as exc:
            raw = exc
    if isinstance(raw, UnreadableFile):
        report.error(1, 1, str(raw))
        return report.result(None)
    try:
        text = decode(raw)
        hidden = list(itertools.islice(hygiene.scan_source(text), MAX_HIDDEN + 1))
        for line, col, message in hidden[:MAX_HIDDEN]:
            report.error(line, col, message)
        if len(hidden) > MAX_HIDDEN:
            report.error(hidden[-1][0], hidden[-1][1],
                         f"more hidden characters follow; only the first {MAX_HIDDEN} are listed")
        if hidden:
            return report.result(None)
        document = parse(text)
    except YamlProblem as exc:
        report.error(exc.line, exc.col, exc.message)
        return report.result(None)
    if not isinstance(document.data, dict):
        found = "a list" if isinstance(document.data, list) else "a single value"
        report.error(1, 1, f"the file must be a mapping of fields (paragraph:, quote:, ...), not {found}")
        return report.result(None)
    refused = schema_check.check(document, report.shown, project.schema, report.problems)
    for problem in report.problems:
        report._positions.add((problem.line, problem.col))
    _check_values(document, report, refused)
    page = _page(document, report, pages, refused)
    anchor = _anchor(document, report, pages.get(page, {}), refused) if page else None
    if report.problems.errors or anchor is None:
        return report.result(None)
    annotation = _build(annotation_id, report.shown, document.data, anchor)
    annotation.page = page
    return report.result(annotation)


def _is_refused(path: tuple, refused: set[tuple]) -> bool:
    return any(path[:length] in refused for length in range(1, len(path) + 1))


def _check_values(document, report: _FileCheck, refused: set[tuple]) -> None:
    """Dates, characters, Markdown, addresses and placeholders of every field not yet refused."""
    from . import hygiene
    from . import notes_markdown as notes
    from .placeholders import find_placeholders, placeholder_message
    from .schema import calendar_problems
    from .urls import explain_url

    def error(path: tuple, message: str, warning: bool = False) -> None:
        at = document.position(path)
        report.error(at.line, at.col, message, warning)
        if not warning:
            refused.add(path)

    for path, message in calendar_problems(document):
        if not _is_refused(path, refused):
            error(path, message)
    strings = hygiene.iter_strings(document.data)
    for path, message in hygiene.check_strings(strings):
        if not _is_refused(path, refused):
            error(path, message)
    for path, text in strings:
        if not hygiene.is_markdown(path) or _is_refused(path, refused):
            continue
        name = field_name(path)
        bounds = notes.bounds_problem(text)
        if bounds:
            error(path, f"'{name}' {bounds}")
            continue
        found = notes.inventory(text)
        for message in notes.markdown_problems(found):
            error(path, f"'{name}': {message}")
        decoded = hygiene.check_decoded(name, found.texts)
        if decoded:
            error(path, decoded)
        for url in notes.bare_urls(text):
            error(path, f"'{name}' holds the bare address {url}, which is shown as plain text that "
                  f"cannot be clicked; write <{url}> or [what it is]({url})", warning=True)
    for path, placeholder in find_placeholders(strings):
        if not _is_refused(path, refused):
            error(path, placeholder_message(path, placeholder))
    for index, source in enumerate(_list(document.data, "sources")):
        if not isinstance(source, dict):
            continue
        for key in ("url", "archive_url"):
            path, value = ("sources", index, key), source.get(key)
            reason = explain_url(value) if isinstance(value, str) else None
            if reason and not _is_refused(path, refused):
                error(path, f"'{field_name(path)}' {reason}")


def _page(document, report: _FileCheck, pages: dict[str, dict[str, Paragraph]],
          refused: set[tuple]) -> str | None:
    """The essay page the annotation is about: its ``page:`` field, or the main essay."""
    page = document.data.get("page", next(iter(pages)))
    if not isinstance(page, str) or ("page",) in refused:
        return None
    if page not in pages:
        at = document.position(("page",))
        report.error(at.line, at.col, f"unknown essay page '{page}'; essay pages: {', '.join(pages)}")
        return None
    return page


def _anchor(document, report: _FileCheck, paragraphs: dict[str, Paragraph], refused: set[tuple]):
    from .anchoring import AnchorProblem, anchor_quote
    from .hygiene import quote_warnings

    data = document.data
    slug, quote, occurrence = data.get("paragraph"), data.get("quote"), data.get("occurrence")
    if (not isinstance(slug, str) or not isinstance(quote, str)
            or {("paragraph",), ("quote",), ("occurrence",)} & refused):
        return None  # already reported
    if slug not in paragraphs:
        at = document.position(("paragraph",))
        guess = difflib.get_close_matches(slug, list(paragraphs), n=1, cutoff=0.5)
        hint = f"; did you mean '{guess[0]}'?" if guess else "; see the ¶ permalinks on the essay page"
        report.error(at.line, at.col, f"{UNKNOWN_PARAGRAPH} '{slug}'{hint}")
        return None
    paragraph = paragraphs[slug]
    try:
        anchor = anchor_quote(paragraph, quote, occurrence, paragraphs)
    except AnchorProblem as exc:
        at = document.position((exc.field,))
        report.error(at.line, at.col, exc.message)
        return None
    at = document.position(("quote",))
    for message in quote_warnings(quote, paragraph.text):
        report.error(at.line, at.col, message, warning=True)
    return anchor


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []  # anything else the schema check reported


def _summarise_missing_paragraphs(problems: ProblemList, essay: str) -> None:
    """One line naming all the annotations that point at the same paragraph id the essay lacks."""
    missing: dict[str, list[str]] = {}
    for problem in problems:
        match = _UNKNOWN_PARAGRAPH.match(problem.message)
        if match:
            missing.setdefault(match.group(1), []).append(problem.path)
    for slug, paths in sorted(missing.items()):
        if len(paths) > 1:  # a single one is already named by its own error
            problems.error(essay, 1, 1, f"the essay has no paragraph 'p-{slug}' but {len(paths)} "
                           f"annotations point at it: {', '.join(sorted(paths))}; "
                           "restore the id or update them")


def _build(annotation_id: str, shown: str, data: dict, anchor) -> Annotation:
    return Annotation(
        id=annotation_id,
        path=shown,
        paragraph=data["paragraph"],
        quote=data["quote"],
        kind=data["kind"],
        note=data["note"],
        author=data["author"],
        created=data["created"],
        occurrence=data.get("occurrence"),
        verdict=data.get("verdict"),
        claim=data.get("claim"),
        title=data.get("title"),
        caveats=list(data.get("caveats", [])),
        since=data.get("since"),
        sources=[SourceRecord(**source) for source in data.get("sources", [])],
        corrections=[Correction(**entry) for entry in data.get("corrections", [])],
        updated=data.get("updated"),
        anchor=anchor,
    )


def _check_duplicates(annotations: list[Annotation], problems: ProblemList) -> None:
    seen: dict[tuple, Annotation] = {}
    for annotation in sorted(annotations, key=lambda a: a.path):
        key = (annotation.page, annotation.paragraph, annotation.anchor.start, annotation.anchor.end,
               annotation.style)
        if key in seen:
            problems.error(annotation.path, 1, 1,
                           f"same quote and verdict as {seen[key].path} in paragraph "
                           f"'{annotation.paragraph}'; merge the two annotations")
        else:
            seen[key] = annotation
