"""Text that only ever means "not written yet": the ``TODO`` marker that
``scripts/new_annotation.py`` writes into a draft, and the stand-in prose of the examples.

The validator refuses any value that still holds one, so a draft or a copied example cannot
pass by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problems import field_name

PLACEHOLDER = "TODO"
_MARKERS = re.compile(r"\b(TODO|TBD|FIXME)\b")
# Stand-in prose from the scaffolder, the contributing guide's example, and the usual filler.
STAND_IN_PHRASES = (
    "in your own words",
    "the source's own title",
    "a limit of the evidence, such as",
    "lorem ipsum",
)
STAND_IN_VALUES = ("who published it",)  # only as the whole value


def _phrase(text: str) -> str:
    return r"\s+".join(re.escape(word).replace("'", "['’]") for word in text.split())


_STAND_IN = re.compile("|".join(map(_phrase, STAND_IN_PHRASES))
                       + "|" + "|".join(rf"\A\s*{_phrase(v)}\.?\s*\Z" for v in STAND_IN_VALUES),
                       re.IGNORECASE)


def find_placeholders(strings: list[tuple[tuple, str]]) -> Iterator[tuple[tuple, str]]:
    """``(path, placeholder)`` for every string (from ``hygiene.iter_strings``) that still holds
    one."""
    for at, value in strings:
        marker = _MARKERS.search(value)
        if marker:
            yield at, marker.group()
            continue
        phrase = _STAND_IN.search(value)
        if phrase:
            yield at, " ".join(phrase.group().split())


def placeholder_message(path: tuple, placeholder: str) -> str:
    if placeholder in ("TODO", "TBD", "FIXME"):
        return (f"'{field_name(path)}' still holds the {placeholder} placeholder; "
                "replace it with the real value before opening a pull request")
    return (f"'{field_name(path)}' holds example text ('{placeholder}'); replace it with what "
            "you found, in your own sentence")
