"""The ``TODO`` marker that ``scripts/new_annotation.py`` writes into an unfinished annotation.

The validator refuses any value that still holds it, so a draft cannot pass by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .hygiene import iter_strings

PLACEHOLDER = "TODO"
_MARKER = re.compile(rf"\b{PLACEHOLDER}\b")


def field_name(path: tuple) -> str:
    """``("sources", 0, "title")`` -> ``sources[1].title``, as the other messages name fields."""
    parts = [f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path]
    return "".join(parts).lstrip(".")


def find_placeholders(data: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every string value that still holds the placeholder."""
    for at, value in iter_strings(data, path):
        if PLACEHOLDER in value and _MARKER.search(value):  # no match without the word itself
            yield at


def placeholder_message(path: tuple) -> str:
    return (f"'{field_name(path)}' still holds the {PLACEHOLDER} placeholder; "
            "replace it with the real value before opening a pull request")
