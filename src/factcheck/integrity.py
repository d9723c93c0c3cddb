"""The post-build check that nothing was lost: every loaded annotation is on the page exactly
once, as a highlight with its note, and the exports hold exactly the loaded annotations.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

from .model import Annotation

_NOTE_ID = re.compile(r'<section\b[^>]*\bid="a-([a-z0-9-]+)"')
_HIGHLIGHT = re.compile(r'<mark\b[^>]*\bdata-annotation="([a-z0-9-]+)"')
_ITEM_ID = re.compile(r"#a-([a-z0-9-]+)$")


def count_rendered(html: str, notes: Counter, highlights: Counter) -> None:
    """Add the notes (``<section id="a-…">``) and highlight fragments of one page."""
    notes.update(_NOTE_ID.findall(html))
    highlights.update(_HIGHLIGHT.findall(html))


def rendering_problems(annotations: list[Annotation], notes: Counter,
                       highlights: Counter) -> list[str]:
    """One line per annotation that is missing, doubled, or half-rendered."""
    problems = []
    loaded = {a.id for a in annotations}
    for annotation in annotations:
        count = notes.get(annotation.id, 0)
        if count != 1:
            problems.append(f"{annotation.path}: note rendered {count} times, expected once")
        if not highlights.get(annotation.id):
            problems.append(f"{annotation.path}: highlight missing from the page")
    for name in sorted(set(notes) - loaded):
        problems.append(f"note a-{name} on the page has no annotation file")
    for name in sorted(set(highlights) - loaded):
        problems.append(f"highlight of '{name}' on the page has no annotation file")
    for name in sorted(set(highlights) - set(notes)):
        problems.append(f"highlight of '{name}' has no note on the page")
    for name in sorted(set(notes) - set(highlights)):
        problems.append(f"note a-{name} has no highlight on the page")
    return problems


def export_problems(path: Path, annotations: list[Annotation]) -> list[str]:
    """The Web Annotation collection must hold exactly the loaded annotations, once each."""
    if not path.is_file():
        return [f"{path.name} was not written"]
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
        exported = [_ITEM_ID.search(item["id"]).group(1) for item in items]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return [f"{path.name} cannot be read back: {exc}"]
    return _compare(path.name, exported, annotations)


def flat_export_problems(path: Path, annotations: list[Annotation]) -> list[str]:
    """``claims.json`` (an array of records) or ``claims.csv`` must list every loaded id once."""
    if not path.is_file():
        return [f"{path.name} was not written"]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            if path.suffix == ".csv":
                exported = [row["id"] for row in csv.DictReader(handle)]
            else:
                exported = [record["id"] for record in json.load(handle)]
    except (ValueError, KeyError, TypeError, csv.Error) as exc:
        return [f"{path.name} cannot be read back: {exc}"]
    return _compare(path.name, exported, annotations)


def _compare(name: str, exported: list[str], annotations: list[Annotation]) -> list[str]:
    path = Path(name)
    problems = []
    if len(exported) != len(annotations):
        problems.append(f"{path.name} holds {len(exported)} annotations, expected {len(annotations)}")
    missing = sorted({a.id for a in annotations} - set(exported))
    extra = sorted(set(exported) - {a.id for a in annotations})
    doubled = sorted(name for name, n in Counter(exported).items() if n > 1)
    for label, names in (("is missing", missing), ("has unknown", extra), ("repeats", doubled)):
        if names:
            problems.append(f"{path.name} {label}: {', '.join(names)}")
    return problems
