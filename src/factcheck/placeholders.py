"""The ``TODO`` marker that ``scripts/new_annotation.py`` writes into an unfinished annotation.

The validator refuses any value that still holds it, so a draft cannot pass by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

PLACEHOLDER = "TODO"
_MARKER = re.compile(rf"\b{PLACEHOLDER}\b")


def field_name(path: tuple) -> str:
    """``("sources", 0, "title")`` -> ``sources[1].title``, as the other messages name fields."""
    parts = [f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in path]
    return "".join(parts).lstrip(".")


def find_placeholders(data: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every string value that still holds the placeholder."""
    if isinstance(data, str):
        if _MARKER.search(data):
            yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find_placeholders(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_placeholders(value, path + (index,))


def placeholder_message(path: tuple) -> str:
    return (f"'{field_name(path)}' still holds the {PLACEHOLDER} placeholder; "
            "replace it with the real value before opening a pull request")
