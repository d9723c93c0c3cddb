"""Load every annotation file, check it, and anchor it to the essay: one code path for the
validator script, the MkDocs plugin and the tests.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import hygiene
from .load_cache import LoadCache, context_key
from .model import Anchor, Annotation, Paragraph, SourceRecord
from .parallel import map_in_processes
from .placeholders import find_placeholders, placeholder_message
from .problems import ProblemList
from .textmatch import closest_passage, locate

if TYPE_CHECKING:
    from .yaml_loader import YamlDocument

# Reading and checking a file needs YAML, Markdown and the schema; those modules are imported
# when a file is checked, not when results kept from an earlier run are reused (they take longer
# to import than such a whole run).

PAGES_IN_PROCESSES = 20  # a page takes as long to parse as some twenty annotation files to check
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 64
CONTEXT_CHARS = 32  # length of TextQuoteSelector prefix and suffix
UNKNOWN_PARAGRAPH = "unknown paragraph"
MAX_HIDDEN = 20  # hidden characters listed per file; a file full of them would flood the report
_UNKNOWN_PARAGRAPH = re.compile(UNKNOWN_PARAGRAPH + r" '([^']*)'")


class SetupError(Exception):
    """The validator could not run at all (missing essay, schema or folder): exit status 2."""


@dataclass
class Project:
    """Where things are. Paths are absolute; ``root`` is what messages are relative to.

    ``essay`` is the main essay page. ``more_essays`` are glob patterns, relative to
    ``docs_dir``, of further essay pages; an annotation names its page with ``page:``.
    """

    root: Path
    essay: Path
    annotations_dir: Path
    schema: Path
    docs_dir: Path | None = None  # what page names are relative to; default: the essay's folder
    more_essays: tuple[str, ...] = ()

    @classmethod
    def at(cls, root: Path, essay: str = "docs/index.md", annotations: str = "annotations",
           schema: str | None = None, essays: tuple[str, ...] | list[str] = (),
           docs: str | None = None) -> Project:
        root = root.resolve()
        annotations_dir = (root / annotations).resolve()
        essay_path = (root / essay).resolve()
        return cls(
            root=root,
            essay=essay_path,
            annotations_dir=annotations_dir,
            schema=(root / schema).resolve() if schema else annotations_dir / "schema.json",
            docs_dir=(root / docs).resolve() if docs else essay_path.parent,
            more_essays=tuple(essays),
        )

    @property
    def main_page(self) -> str:
        return self.essay.relative_to(self.docs_dir or self.essay.parent).as_posix()

    def essay_pages(self) -> dict[str, Path]:
        """Every essay page by its name relative to ``docs_dir``, the main essay first."""
        docs = self.docs_dir or self.essay.parent
        pages = {self.main_page: self.essay}
        for pattern in self.more_essays:
            for path in sorted(docs.glob(pattern), key=str):
                if path.is_file() and path.suffix == ".md":
                    pages.setdefault(path.relative_to(docs).as_posix(), path.resolve())
        return pages

    def display(self, path: Path) -> str:
        if path.parent == self.annotations_dir:
            # Listed from the resolved folder: resolving again (a system call per part) is moot,
            # and a link is shown where it is, not where it points.
            shown, root = path.as_posix(), self.root.as_posix().rstrip("/") + "/"
            return shown[len(root):] if shown.startswith(root) else shown
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


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

    def by_paragraph(self, page: str | None = None) -> dict[str, list[Annotation]]:
        """The annotations of one essay page (default: the main one), grouped by paragraph."""
        page = self.main_page if page is None else page
        grouped: dict[str, list[Annotation]] = {}
        for annotation in self.annotations:
            if annotation.page == page:
                grouped.setdefault(annotation.paragraph, []).append(annotation)
        return grouped

    def by_page(self) -> dict[str, list[Annotation]]:
        grouped: dict[str, list[Annotation]] = {page: [] for page in self.pages}
        for annotation in self.annotations:
            grouped[annotation.page].append(annotation)
        return grouped


def load_catalog(project: Project, cache: LoadCache | None = None, jobs: int = 1) -> Catalog:
    """Read the essay and every ``*.yaml`` annotation; collect all problems.

    With a ``cache`` (kept across rebuilds), unchanged files are not read and checked again.
    With ``jobs`` above 1, many files are checked in that many forked processes (see parallel).
    """
    for what, path in (("essay", project.essay), ("schema", project.schema)):
        if not path.is_file():
            raise SetupError(f"{what} file not found: {project.display(path)}")
    if not project.annotations_dir.is_dir():
        raise SetupError(f"annotations folder not found: {project.display(project.annotations_dir)}")
    problems = ProblemList()
    main_page = project.main_page
    essay_pages = project.essay_pages()
    if cache is not None:
        cache.start(context_key(project, list(essay_pages.values()), project.schema))
    pages = _read_pages(project, essay_pages, problems, cache, jobs)
    files = sorted(project.annotations_dir.glob("*.yaml"), key=str)  # faster than Path order, same
    for stray in sorted(project.annotations_dir.glob("*.yml")):
        problems.error(project.display(stray), 1, 1, "annotation files must end in .yaml; rename it")
    annotations = []
    for annotation, found in _check_files(files, project, pages, cache, jobs):
        problems.extend(found)
        if annotation is not None:
            annotations.append(annotation)
    if cache is not None:
        cache.forget_missing(files)
    _check_duplicates(annotations, problems)
    _summarise_missing_paragraphs(problems, project.display(project.essay))
    order = {(page, slug): index for index, (page, slug) in
             enumerate((page, slug) for page, paragraphs in pages.items() for slug in paragraphs)}
    annotations.sort(key=lambda a: (order[a.page, a.paragraph], a.anchor.start, -a.anchor.end, a.id))
    problems.sort()
    return Catalog(pages[main_page], annotations, problems, files, pages, main_page)


def _read_pages(project: Project, essay_pages: dict[str, Path], problems: ProblemList,
                cache: LoadCache | None, jobs: int = 1) -> dict[str, dict[str, Paragraph]]:
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
                 cache: LoadCache | None, jobs: int) -> list[tuple[Annotation | None, tuple]]:
    """Each file's annotation (or None) and problems, in the files' order."""
    keys = [cache.file_key(path) for path in files] if cache is not None else [None] * len(files)
    results = [cache.get(key) if cache is not None else None for key in keys]
    todo = [index for index, found in enumerate(results) if found is None]

    def check(path: Path) -> tuple[Annotation | None, tuple]:
        own = ProblemList()
        return load_annotation(path, project, pages, own), tuple(own)

    if not todo and files and cache is not None:
        return results  # the schema's bytes are part of the cache's key: it was usable
    from . import schema as schema_check

    unusable = f"cannot use schema {project.display(project.schema)}"
    try:
        schema_check.prepare(project.schema)
    except Exception as exc:  # an unreadable schema means nothing can be checked
        raise SetupError(f"{unusable}: {exc}") from None
    try:
        checked = map_in_processes(check, [files[i] for i in todo], jobs)
    except schema_check.SchemaUnusable as exc:
        raise SetupError(f"{unusable}: {exc}") from None
    for index, found in zip(todo, checked, strict=True):
        results[index] = found
        if cache is not None:
            cache.put(keys[index], *found)
    return results


def load_annotation(path: Path, project: Project, pages: dict[str, dict[str, Paragraph]],
                    problems: ProblemList) -> Annotation | None:
    """Load and check one file. Returns the annotation only when it has no errors.

    ``pages`` maps each essay page name to its paragraphs; the main essay comes first.
    """
    from . import schema as schema_check
    from .yaml_loader import YamlProblem, decode, parse

    shown = project.display(path)
    before = len(problems.errors)
    annotation_id = path.stem
    if len(annotation_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(annotation_id):
        problems.error(shown, 1, 1, f"file name '{path.name}' must be the annotation id: lowercase "
                       f"letters and digits joined by -, at most {MAX_ID_LENGTH} characters, then .yaml")
    if path.is_symlink():
        problems.error(shown, 1, 1, "annotation files must be files, not symbolic links; "
                       "put the annotation itself in annotations/")
        return None  # never read: the link could point anywhere on the machine that checks it
    try:
        text = decode(path.read_bytes())
        hidden = list(itertools.islice(hygiene.scan_source(text), MAX_HIDDEN + 1))
        for line, col, message in hidden[:MAX_HIDDEN]:
            problems.error(shown, line, col, message)
        if len(hidden) > MAX_HIDDEN:
            problems.error(shown, hidden[-1][0], hidden[-1][1],
                           f"more hidden characters follow; only the first {MAX_HIDDEN} are listed")
        if hidden:
            return None
        document = parse(text)
    except YamlProblem as exc:
        problems.error(shown, exc.line, exc.col, exc.message)
        return None
    except OSError as exc:
        problems.error(shown, 1, 1, f"cannot read file: {exc.strerror}")
        return None
    if not isinstance(document.data, dict):
        found = "a list" if isinstance(document.data, list) else "a single value"
        problems.error(shown, 1, 1, f"the file must be a mapping of fields (paragraph:, quote:, ...), "
                       f"not {found}")
        return None
    schema_check.check(document, shown, project.schema, problems)
    _check_text(document, shown, problems)
    reported = {(p.path, p.line, p.col) for p in problems}  # one message per value
    for placeholder in find_placeholders(document.data):
        at = document.position(placeholder)
        if (shown, at.line, at.col) not in reported:
            problems.error(shown, at.line, at.col, placeholder_message(placeholder))
    page = _page(document, shown, pages, problems)
    anchor = _anchor(document, shown, pages.get(page, {}), problems) if page else None
    if len(problems.errors) > before or anchor is None:
        return None
    annotation = _build(annotation_id, shown, document.data, anchor)
    annotation.page = page
    return annotation


def _page(document: YamlDocument, shown: str, pages: dict[str, dict[str, Paragraph]],
          problems: ProblemList) -> str | None:
    """The essay page the annotation is about: its ``page:`` field, or the main essay."""
    page = document.data.get("page", next(iter(pages)))
    if not isinstance(page, str):
        return None  # the schema check has reported it
    if page not in pages:
        at = document.position(("page",))
        listing = ", ".join(pages)
        problems.error(shown, at.line, at.col, f"unknown essay page '{page}'; essay pages: {listing}")
        return None
    return page


def _anchor(document: YamlDocument, shown: str, paragraphs: dict[str, Paragraph],
            problems: ProblemList) -> Anchor | None:
    data = document.data
    slug, quote = data.get("paragraph"), data.get("quote")
    if not isinstance(slug, str) or not isinstance(quote, str):
        return None  # the schema check has reported it
    if slug not in paragraphs:
        at = document.position(("paragraph",))
        guess = difflib.get_close_matches(slug, list(paragraphs), n=1, cutoff=0.5)
        hint = f"; did you mean '{guess[0]}'?" if guess else "; see the ¶ permalinks on the essay page"
        problems.error(shown, at.line, at.col, f"{UNKNOWN_PARAGRAPH} '{slug}'{hint}")
        return None
    return anchor_quote(paragraphs[slug], quote, data.get("occurrence"), document, shown, problems)


def anchor_quote(paragraph: Paragraph, quote: str, occurrence, document: YamlDocument, shown: str,
                 problems: ProblemList) -> Anchor | None:
    at = document.position(("quote",))
    spans = locate(paragraph.text, quote)
    if not spans:
        passage, _ = closest_passage(paragraph.text, quote)
        problems.error(shown, at.line, at.col,
                       f"quote not found in paragraph '{paragraph.id}'; closest: \"{passage}\"")
        return None
    if not isinstance(occurrence, int) or isinstance(occurrence, bool):
        occurrence = None
    if occurrence is None and len(spans) > 1:
        problems.error(shown, at.line, at.col,
                       f"quote occurs {len(spans)} times in paragraph '{paragraph.id}'; add "
                       f"'occurrence: N' (1 to {len(spans)}) or quote a longer passage")
        return None
    if occurrence is not None and occurrence > len(spans):
        where = document.position(("occurrence",))
        times = "once" if len(spans) == 1 else f"{len(spans)} times"
        problems.error(shown, where.line, where.col,
                       f"occurrence {occurrence} asked for, but the quote occurs {times} in "
                       f"paragraph '{paragraph.id}'")
        return None
    start, end = spans[(occurrence or 1) - 1]
    for message in hygiene.quote_warnings(quote, paragraph.text):
        problems.warning(shown, at.line, at.col, message)
    return make_anchor(paragraph, start, end)


def _check_text(document: YamlDocument, shown: str, problems: ProblemList) -> None:
    """Hidden characters in any string value, line breaks in one-line fields, unsafe URLs."""
    from .safe_markdown import markdown_problems

    for path, message in hygiene.check_strings(document.data):
        at = document.position(path)
        problems.error(shown, at.line, at.col, message)
    data = document.data
    markdown = [(("note",), data.get("note")), (("since",), data.get("since"))]
    markdown += [(("caveats", i), c) for i, c in enumerate(_list(data, "caveats"))]
    for path, text in markdown:
        if isinstance(text, str):
            at = document.position(path)
            for message in markdown_problems(text):
                problems.error(shown, at.line, at.col, f"'{hygiene.field_name(path)}': {message}")
    reported = {(p.path, p.line, p.col) for p in problems}
    for index, source in enumerate(_list(data, "sources")):
        if not isinstance(source, dict):
            continue
        for key in ("url", "archive_url"):
            value = source.get(key)
            reason = hygiene.explain_url(value) if isinstance(value, str) else None
            at = document.position(("sources", index, key))
            if reason and (shown, at.line, at.col) not in reported:
                problems.error(shown, at.line, at.col, f"'sources[{index + 1}].{key}' {reason}")


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


def make_anchor(paragraph: Paragraph, start: int, end: int) -> Anchor:
    text = paragraph.text
    return Anchor(
        paragraph=paragraph.id,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _build(annotation_id: str, shown: str, data: dict, anchor: Anchor) -> Annotation:
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
        updated=data.get("updated"),
        anchor=anchor,
    )


def _check_duplicates(annotations: list[Annotation], problems: ProblemList) -> None:
    seen: dict[tuple, Annotation] = {}
    for annotation in sorted(annotations, key=lambda a: a.path):
        key = (annotation.page, annotation.paragraph, annotation.anchor.start, annotation.anchor.end,
               annotation.verdict or annotation.kind)
        if key in seen:
            problems.error(annotation.path, 1, 1,
                           f"same quote and verdict as {seen[key].path} in paragraph "
                           f"'{annotation.paragraph}'; merge the two annotations")
        else:
            seen[key] = annotation
