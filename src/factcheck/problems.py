"""Problems found while loading and validating, and how a field is named in messages."""

from __future__ import annotations

from dataclasses import dataclass

from . import sinks


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        """One line for a terminal or a log: ``path:line:col: severity: message``."""
        return sinks.terminal(f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}")

    def format_github(self) -> str:
        """A GitHub Actions workflow command that puts the problem on the file's line."""
        return sinks.github_annotation(self.severity, self.path, self.line, self.col, self.message)


class ProblemList(list):
    """A list of :class:`Problem` with helpers to add one at a position."""

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.append(Problem(path, line, col, message, "error"))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.append(Problem(path, line, col, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == "warning"]


def field_name(path: tuple) -> str:
    """``("sources", 0, "title")`` -> ``sources[1].title``: how every message names a field."""
    parts = [f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path]
    return "".join(parts).lstrip(".") or "the file"
