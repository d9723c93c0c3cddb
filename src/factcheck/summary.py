"""The verdict counts shown at the top of the essay, generated from the annotations."""

from __future__ import annotations

from collections import Counter

from .catalog import Catalog
from .model import VERDICTS

MARKER = "<!-- factcheck:verdict-counts -->"


def verdict_counts(catalog: Catalog) -> Counter:
    return Counter(a.verdict for a in catalog.annotations if a.kind == "claim")


def counts_markdown(catalog: Catalog) -> str:
    """A Markdown list: one line per verdict in scale order, then the other kinds."""
    counts = verdict_counts(catalog)
    kinds = Counter(a.kind for a in catalog.annotations)
    lines = [f"We checked **{kinds['claim']} claims** and added {kinds['context']} context notes "
             f"and {kinds['editorial']} editorial notes. Verdicts:", ""]
    for verdict, (label, meaning, _) in VERDICTS.items():
        if counts[verdict]:
            lines.append(f"- **{label}** ({meaning}): {counts[verdict]}")
    return "\n".join(lines) + "\n"


def insert_counts(markdown: str, catalog: Catalog) -> str:
    return markdown.replace(MARKER, counts_markdown(catalog), 1)
