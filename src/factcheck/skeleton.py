"""Many pages of one shape from a single template render.

Claim pages differ only in a few values: title, description, canonical address and content.
The theme renders one of them with a token in place of each value, and every other page of the
same shape is that text with its own values put in. The caller checks the result against full
renders before trusting it (see ``LayoutReuse``), and renders in full any page whose values a
template filter could change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKENS = re.compile(r"FCSLOT([a-z]+)\[[^\]]*\]FCEND")
# Characters a template filter (escaping, striptags, whitespace trimming) could change.
_FILTERED = re.compile(r"[&<>\"\x00-\x1f\x7f]|^\s|\s$|\s\s")
# The content is HTML the theme prints as it is; it adds a heading of its own when the content
# has none, so the content's token holds one, and only content with a heading can fill it.
RAW_SLOTS = {"content": "<h1"}


def token(slot: str) -> str:
    return f"FCSLOT{slot}[{RAW_SLOTS.get(slot, '')}]FCEND"


def survives_filters(values: dict[str, str]) -> bool:
    """True when the theme would print every value as it is, so filling in gives its output."""
    for slot, value in values.items():
        if slot in RAW_SLOTS:
            if RAW_SLOTS[slot] not in value:
                return False
        elif _FILTERED.search(value):
            return False
    return True


class Skeleton:
    """A rendered page with slots: the text between tokens, and the slot of each token."""

    def __init__(self, rendered: str):
        parts = _TOKENS.split(rendered)
        self.literals = parts[0::2]
        self.slots = parts[1::2]

    def fill(self, values: dict[str, str]) -> str:
        out = [self.literals[0]]
        for slot, literal in zip(self.slots, self.literals[1:], strict=True):
            out.append(values[slot])
            out.append(literal)
        return "".join(out)


@dataclass
class _Shape:
    skeleton: Skeleton | None = None
    verified: int = 0  # full renders the skeleton reproduced exactly
    failed: bool = False


@dataclass
class LayoutReuse:
    """Decides, page by page, whether a skeleton may stand in for a full render.

    A shape's skeleton is trusted once it has reproduced ``proof`` full renders of different
    pages byte for byte; one difference and that shape is always rendered in full.
    """

    proof: int = 2
    enabled: bool = True
    shapes: dict[tuple, _Shape] = field(default_factory=dict)
    filled: int = 0  # pages given from a skeleton in this build

    def reset(self) -> None:
        self.shapes, self.filled = {}, 0

    def ready(self, key: tuple, values: dict[str, str]) -> Skeleton | None:
        """The trusted skeleton for a page of shape ``key`` with these values, if any."""
        shape = self.shapes.get(key)
        if (self.enabled and shape and shape.skeleton and not shape.failed
                and shape.verified >= self.proof and survives_filters(values)):
            self.filled += 1
            return shape.skeleton
        return None

    def needs_skeleton(self, key: tuple) -> bool:
        return self.enabled and key not in self.shapes

    def add_skeleton(self, key: tuple, rendered: str) -> None:
        self.shapes[key] = _Shape(Skeleton(rendered))

    def check(self, key: tuple, values: dict[str, str], full: str) -> None:
        """Compare a full render with what the skeleton would have given."""
        shape = self.shapes.get(key)
        if not shape or shape.failed or not survives_filters(values):
            return
        if shape.skeleton.fill(values) == full:
            shape.verified += 1
        else:
            shape.failed = True
