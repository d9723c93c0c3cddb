"""Keep ``scripts/validate.py``'s results between runs, so checking unchanged files again is quick.

A file's result is reused only for the same bytes (SHA-256) at the same path, under the same
context: the engine's own source and the versions of the libraries it checks with, the schema,
the essay pages and the settings. A change to any of those discards every result.

The cache is JSON in the user's cache folder, outside the project: a pull request cannot ship
results that would skip its own checks, and loading it can run no code. CI does not use it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import astuple, fields
from pathlib import Path

from .load_cache import FileKey, LoadCache
from .model import Anchor, Annotation, Paragraph, SourceRecord
from .problems import Problem

FORMAT = 2
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Records are stored as lists in field order, which JSON reads faster than objects; a change to
# the model changes the engine's fingerprint and so discards them.
_ANNOTATION = [f.name for f in fields(Annotation)]
_SOURCE = [f.name for f in fields(SourceRecord)]
_ANCHOR_FIELDS = [f.name for f in fields(Anchor)]
_SOURCES, _ANCHOR, _CAVEATS = (_ANNOTATION.index(n) for n in ("sources", "anchor", "caveats"))
LIBRARIES = ("markdown", "pyyaml", "nh3", "fastjsonschema", "jsonschema")  # as in dist-info names


def cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"


def cache_file(root: Path) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache_home() / f"validate-{digest}.json"


def engine_fingerprint() -> str:
    """The engine's source and the versions of the libraries whose behaviour results depend on."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(" ".join(installed_versions()).encode())
    return digest.hexdigest()


def installed_versions() -> list[str]:
    """The ``name-version.dist-info`` folders of LIBRARIES on sys.path, found by listing folders
    (importlib.metadata would take longer to import than a whole run that finds every result)."""
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += [name for name in names
                  if name.endswith(".dist-info") and name.split("-", 1)[0].lower() in LIBRARIES]
    return sorted(found)


class ResultCache(LoadCache):
    """A :class:`LoadCache` keyed by content, read from and written to one JSON file."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._fingerprint = engine_fingerprint()
        self._stored_context: str | None = None
        self._read_context: str | None = None
        self._dropped = False
        self._read()

    @staticmethod
    def file_key(path: Path) -> FileKey | None:
        try:  # a link is refused unread, whatever it points at
            descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW)
        except OSError as exc:
            return (str(path), "symbolic link", 0) if exc.errno == errno.ELOOP else None
        with open(descriptor, "rb") as handle:
            return str(path), hashlib.sha256(handle.read()).hexdigest(), 0

    def start(self, context: tuple) -> None:
        digest = hashlib.sha256(repr((self._fingerprint, context)).encode()).hexdigest()
        if digest == self._stored_context:
            self._context = context  # what was read from disk holds for this context
        self._stored_context = digest
        super().start(context)

    def forget_missing(self, paths: list[Path]) -> None:
        before = len(self._results)
        super().forget_missing(paths)
        self._dropped = self._dropped or len(self._results) < before

    def _read(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("engine") != self._fingerprint:
                return
            results = {path: ((path, sha, 0), _annotation(found), tuple(Problem(*p) for p in problems))
                       for path, (sha, found, problems) in data["files"].items()}
            pages = {name: {p[0]: Paragraph(*p) for p in paragraphs}
                     for name, paragraphs in data["pages"].items()}
            page_problems = tuple(Problem(*p) for p in data["page_problems"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # no cache, or one this version cannot read: check everything
        self._stored_context = self._read_context = data.get("context")
        self._results, self._pages = results, (pages, page_problems)

    def save(self) -> None:
        """Write the results atomically; a cache that cannot be written is simply not kept."""
        if not self.misses and not self._dropped and self._stored_context == self._read_context:
            return  # every result came from the file as it is
        pages, page_problems = self._pages or ({}, ())
        data = {
            "format": FORMAT, "engine": self._fingerprint, "context": self._stored_context,
            "pages": {name: [astuple(p) for p in paragraphs.values()]
                      for name, paragraphs in pages.items()},
            "page_problems": [_problem(p) for p in page_problems],
            "files": {path: [key[1], _annotation_fields(found), [_problem(p) for p in problems]]
                      for path, (key, found, problems) in self._results.items()},
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # C encoder
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent,
                                             suffix=".tmp", delete=False) as handle:
                handle.write(text)
            os.replace(handle.name, self.path)
        except OSError:
            pass


def _annotation_fields(annotation: Annotation | None) -> list | None:
    if annotation is None:
        return None
    values = [getattr(annotation, name) for name in _ANNOTATION]
    values[_SOURCES] = [[getattr(source, name) for name in _SOURCE] for source in annotation.sources]
    anchor = annotation.anchor
    values[_ANCHOR] = [getattr(anchor, name) for name in _ANCHOR_FIELDS] if anchor else None
    values[_CAVEATS] = list(annotation.caveats)
    return values


def _problem(problem: Problem) -> list:
    return [problem.path, problem.line, problem.col, problem.message, problem.severity]


def _annotation(values: list | None) -> Annotation | None:
    if values is None:
        return None
    values = list(values)
    values[_SOURCES] = [SourceRecord(*source) for source in values[_SOURCES]]
    values[_ANCHOR] = Anchor(*values[_ANCHOR]) if values[_ANCHOR] else None
    return Annotation(*values)
