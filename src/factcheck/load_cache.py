"""Remember each annotation file's load-and-check result between rebuilds of ``mkdocs serve``.

A file's result is reused while the file keeps its size and modification time and nothing it
was checked against changed: the essay pages' text, the schema file and the project settings.
Any change to those forgets every result. Checks across files (duplicates, missing paragraphs)
always run again.
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import Annotation, Paragraph
from .problems import Problem

FileKey = tuple  # (path, st_mtime_ns, st_size) here; (path, sha256, 0) in the result cache


class LoadCache:
    def __init__(self):
        self._context: tuple | None = None
        self._results: dict[str, tuple[FileKey, Annotation | None, tuple[Problem, ...]]] = {}
        self._pages: tuple[dict[str, dict[str, Paragraph]], tuple[Problem, ...]] | None = None
        self.hits = 0
        self.misses = 0

    def start(self, context: tuple) -> None:
        """Begin a load; ``context`` is everything a file's check depends on besides the file."""
        if context != self._context:
            self._context = context
            self._results.clear()
            self._pages = None
        self.hits = self.misses = 0

    @staticmethod
    def file_key(path: Path) -> FileKey | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None  # unreadable: load it, so the problem is reported
        return str(path), stat.st_mtime_ns, stat.st_size

    def get(self, key: FileKey | None) -> tuple[Annotation | None, tuple[Problem, ...]] | None:
        found = self._results.get(key[0]) if key else None
        if found is None or found[0] != key:
            self.misses += 1
            return None
        self.hits += 1
        return found[1], found[2]

    def put(self, key: FileKey | None, annotation: Annotation | None,
            problems: tuple[Problem, ...]) -> None:
        if key:
            self._results[key[0]] = (key, annotation, problems)

    def pages(self) -> tuple[dict[str, dict[str, Paragraph]], tuple[Problem, ...]] | None:
        """The essay pages' paragraphs and problems, read under this same context."""
        return self._pages

    def keep_pages(self, pages: dict[str, dict[str, Paragraph]],
                   problems: tuple[Problem, ...]) -> None:
        self._pages = (pages, problems)

    def forget_missing(self, paths: list[Path]) -> None:
        keep = {str(path) for path in paths}
        for stale in set(self._results) - keep:
            del self._results[stale]


def context_key(project, essay_paths: list[Path], schema: Path) -> tuple:
    """The project settings and the bytes of every essay page and of the schema."""
    def content(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError:
            return b""
    settings = (str(project.root), str(project.essay), str(project.annotations_dir),
                str(project.docs_dir), tuple(project.more_essays))
    return settings, tuple((str(p), content(p)) for p in essay_paths), content(schema)
