"""A parsed annotation file: plain Python values plus where each one was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..model import Position

MAX_DEPTH = 12
PathKey = tuple  # a path into the document: keys and list indices


class ScalarSpan(NamedTuple):
    """Where a scalar value sits in the file text: ``text[start:end]``, and how it is written."""

    start: int
    end: int
    style: str | None  # None (plain), "'", '"', "|" or ">"
    source: str  # the value as written, before YAML typed it


@dataclass
class YamlDocument:
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)  # value positions
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    scalars: dict[PathKey, ScalarSpan] = field(default_factory=dict)

    def written_as(self, path: PathKey) -> str | None:
        """The source text of an unquoted scalar YAML read as something other than a string."""
        span = self.scalars.get(tuple(path))
        return span.source if span and span.style is None else None

    def position(self, path: PathKey) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(1, 1))


class YamlProblem(Exception):
    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
