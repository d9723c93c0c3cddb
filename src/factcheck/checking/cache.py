"""Keep each annotation file's check result, so files that did not change are not checked again.

One scheme for ``mkdocs serve`` (kept in memory between rebuilds) and for
``scripts/validate.py`` (kept on disk between runs): a result is reused only for the same bytes
(SHA-256) at the same path, under the same context. The context is everything else a check
depends on: the engine's own checking code, the Python and Unicode versions, the versions of
the libraries it checks with, the schema, the essay pages and the project's settings. Any change
to it discards every result.

On disk the results are JSON in the user's cache folder, outside the project: a pull request
cannot ship results that would skip its own checks, and loading them can run no code. CI does
not use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import unicodedata
from dataclasses import fields
from pathlib import Path

from ..model import Anchor, Annotation, Correction, Paragraph, SourceRecord
from ..problems import Problem

FORMAT = 3
LIBRARIES = ("markdown", "pyyaml", "nh3", "fastjsonschema", "jsonschema")
_ENGINE = Path(__file__).resolve().parent
Result = tuple  # (Annotation | None, tuple[Problem, ...])


def cache_file(root: Path) -> Path:
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factcheck"
    return home / f"validate-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]}.json"


def _library_versions() -> list[str]:
    """The ``name-version.dist-info`` folders of LIBRARIES on sys.path, found by listing folders
    (importlib.metadata takes longer to import than a run that finds every result kept)."""
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += [name for name in names
                  if name.endswith(".dist-info") and name.split("-", 1)[0].lower() in LIBRARIES]
    return sorted(found)


def engine_fingerprint() -> bytes:
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {unicodedata.unidata_version}".encode())
    for source in [*sorted(_ENGINE.glob("*.py")), _ENGINE.parent / "model.py",
                   _ENGINE.parent / "problems.py"]:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(" ".join(_library_versions()).encode())
    return digest.digest()


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class ResultCache:
    """Results by file path and content digest; on disk at ``path``, or in memory if None."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._context: str | None = None
        self._files: dict[str, tuple[str, Result]] = {}
        self._pages: tuple | None = None
        self._changed = False
        self.hits = self.misses = 0
        if path is not None:
            self._read()

    def start(self, context: bytes) -> None:
        """Begin a load; ``context`` is everything a file's check depends on besides the file."""
        digest = hashlib.sha256(engine_fingerprint() + context).hexdigest()
        if digest != self._context:
            self._context, self._files, self._pages, self._changed = digest, {}, None, True
        self.hits = self.misses = 0

    def lookup(self, path: str, digest: str) -> Result | None:
        kept = self._files.get(path)
        if kept is None or kept[0] != digest:
            self.misses += 1
            return None
        self.hits += 1
        return kept[1]

    def store(self, path: str, digest: str, result: Result) -> None:
        self._files[path] = (digest, result)
        self._changed = True

    def pages(self) -> tuple | None:
        """The essay pages' paragraphs and problems, read under this same context."""
        return self._pages

    def keep_pages(self, pages: dict, problems: tuple) -> None:
        self._pages, self._changed = (pages, problems), True

    def forget_missing(self, paths: list[str]) -> None:
        for stale in set(self._files) - set(paths):
            del self._files[stale]
            self._changed = True

    def _read(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["format"] != FORMAT:
                return
            files = {path: (digest, (_annotation(found), tuple(Problem(*p) for p in problems)))
                     for path, (digest, found, problems) in data["files"].items()}
            pages = ({name: {p[0]: Paragraph(*p) for p in paragraphs}
                      for name, paragraphs in data["pages"].items()},
                     tuple(Problem(*p) for p in data["page_problems"]))
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return  # no cache, or one this version cannot read: check everything
        self._context, self._files, self._pages = data["context"], files, pages

    def save(self) -> None:
        """Write the results atomically; a cache that cannot be written is simply not kept."""
        if self.path is None or not self._changed:
            return
        pages, page_problems = self._pages or ({}, ())
        data = {
            "format": FORMAT, "context": self._context,
            "pages": {name: [_values(p) for p in paragraphs.values()]
                      for name, paragraphs in pages.items()},
            "page_problems": [_values(p) for p in page_problems],
            "files": {path: [digest, _annotation_values(found), [_values(p) for p in problems]]
                      for path, (digest, (found, problems)) in self._files.items()},
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent,
                                             suffix=".tmp", delete=False) as handle:
                json.dump(data, handle, separators=(",", ":"))  # ASCII: lone surrogates survive
            os.replace(handle.name, self.path)
            self._changed = False
        except OSError:
            pass


# Records are stored as lists in field order; a change to the model changes the engine's
# fingerprint and so discards them.
def _values(record) -> list:
    return [getattr(record, f.name) for f in fields(record)]


def _annotation_values(annotation: Annotation | None) -> list | None:
    if annotation is None:
        return None
    values = {f.name: getattr(annotation, f.name) for f in fields(Annotation)}
    values["sources"] = [_values(s) for s in annotation.sources]
    values["corrections"] = [_values(c) for c in annotation.corrections]
    values["anchor"] = _values(annotation.anchor) if annotation.anchor else None
    return list(values.values())


def _annotation(values: list | None) -> Annotation | None:
    if values is None:
        return None
    record = dict(zip([f.name for f in fields(Annotation)], values, strict=True))
    record["sources"] = [SourceRecord(*s) for s in record["sources"]]
    record["corrections"] = [Correction(*c) for c in record["corrections"]]
    record["anchor"] = Anchor(*record["anchor"]) if record["anchor"] else None
    return Annotation(**record)
