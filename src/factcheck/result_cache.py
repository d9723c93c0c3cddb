"""Keep ``scripts/validate.py``'s results between runs, so checking unchanged files again is quick.

A file's result is reused only for the same bytes (SHA-256) at the same path, under the same
context: the engine's own source and the versions of the libraries it checks with, the schema,
the essay pages and the settings. A change to any of those discards every result.

The cache is JSON in the user's cache folder, outside the project: a pull request cannot ship
results that would skip its own checks, and loading it can run no code. CI does not use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

from .load_cache import FileKey, LoadCache
from .model import Anchor, Annotation, Paragraph, SourceRecord
from .problems import Problem

FORMAT = 1
LIBRARIES = ("markdown", "pyyaml", "nh3", "fastjsonschema", "jsonschema")


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
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


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
        try:
            if path.is_symlink():  # refused unread, whatever it points at
                return str(path), "symbolic link", 0
            return str(path), hashlib.sha256(path.read_bytes()).hexdigest(), 0
        except OSError:
            return None

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
            pages = {name: {p["id"]: Paragraph(**p) for p in paragraphs}
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
            "pages": {name: [_fields(p) for p in paragraphs.values()]
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


def _fields(record) -> dict:
    """A flat dataclass's fields (``asdict`` deep-copies, which is slow on 10,000 files)."""
    return dict(vars(record))


def _annotation_fields(annotation: Annotation | None) -> dict | None:
    if annotation is None:
        return None
    fields = _fields(annotation)
    fields["sources"] = [_fields(s) for s in annotation.sources]
    fields["anchor"] = _fields(annotation.anchor) if annotation.anchor else None
    fields["caveats"] = list(annotation.caveats)
    return fields


def _problem(problem: Problem) -> list:
    return [problem.path, problem.line, problem.col, problem.message, problem.severity]


def _annotation(data: dict | None) -> Annotation | None:
    if data is None:
        return None
    fields = dict(data)
    fields["sources"] = [SourceRecord(**s) for s in fields["sources"]]
    fields["anchor"] = Anchor(**fields["anchor"]) if fields["anchor"] else None
    return Annotation(**fields)
