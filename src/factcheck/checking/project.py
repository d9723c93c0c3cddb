"""Where a project's files are, and how annotation files are read safely."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

MAX_FILE_BYTES = 64 * 1024
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class SetupError(Exception):
    """The check could not run at all (missing essay, schema or folder): exit status 2."""


class UnreadableFile(Exception):
    """An annotation file that must not or cannot be read; the message says what to do."""


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
    docs_dir: Path
    more_essays: tuple[str, ...] = ()

    @classmethod
    def at(cls, root: Path, essay: str = "docs/index.md", annotations: str = "annotations",
           schema: str | None = None, essays: tuple[str, ...] | list[str] = (),
           docs: str | None = None) -> Project:
        root = Path(root).resolve()
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

    @cached_property
    def _annotations_shown(self) -> str | None:
        """How messages show the annotations folder, with a final slash, when it is inside root."""
        if not self.annotations_dir.is_relative_to(self.root):
            return None
        return self.annotations_dir.relative_to(self.root).as_posix() + "/"

    @property
    def main_page(self) -> str:
        return self.essay.relative_to(self.docs_dir).as_posix()

    def essay_pages(self) -> dict[str, Path]:
        """Every essay page by its name relative to ``docs_dir``, the main essay first."""
        pages = {self.main_page: self.essay}
        for pattern in self.more_essays:
            for path in sorted(self.docs_dir.glob(pattern), key=str):
                if path.is_file() and path.suffix == ".md":
                    pages.setdefault(path.relative_to(self.docs_dir).as_posix(), path.resolve())
        return pages

    def display(self, path: Path) -> str:
        """``path`` as messages show it: relative to the project, a link where it is."""
        if path.parent == self.annotations_dir and self._annotations_shown:
            return self._annotations_shown + path.name
        absolute = path if path.is_absolute() else Path.cwd() / path
        parent = absolute.parent.resolve()  # the folder may be reached through a link; not the file
        try:
            return (parent / absolute.name).relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()


def read_annotation_file(path: Path) -> bytes:
    """The bytes of an annotation file, which must be a regular file of at most 64 KiB.

    The file is opened without following a symbolic link (in a pull request a link could point
    at any file of the machine that checks it) and read only up to the limit, so an endless
    device or a huge file costs nothing.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if os.path.islink(path):
            raise UnreadableFile("annotation files must be files, not symbolic links; put the "
                                 "annotation itself in annotations/") from None
        raise UnreadableFile(f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("this is a folder, not a file; annotation files are "
                                 "annotations/<id>.yaml")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file; annotation files are plain text files")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableFile(f"file is over the {MAX_FILE_BYTES}-byte limit; an annotation "
                             "should be a few kilobytes")
    return raw
