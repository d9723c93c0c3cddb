"""Exact quote matching under the DESIGN.md rules, and suggestions when a quote is not found.

A quote matches when it equals a passage of the paragraph after white space is collapsed and
typographic quotes and dashes are folded to their ASCII forms. Nothing fuzzy ever counts as a
match: similarity is used only to suggest the closest passage in an error message.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")  # \s is exactly str.isspace for str patterns
_RUN_OR_EDGE = re.compile(r"\s\s|\A\s|\s\Z")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


@lru_cache(maxsize=1024)  # every annotation of a paragraph locates its quote in the same text
def normalise_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalise ``text`` and return, for each output character, its index in ``text``.

    A run of white space becomes one space, mapped to the run's first character.
    """
    folded = text.translate(_FOLD)  # one character for one: offsets are unchanged
    if not _RUN_OR_EDGE.search(folded):  # the usual case: every space is a single character
        return _SPACE.sub(" ", folded), tuple(range(len(folded)))
    out: list[str] = []
    index: list[int] = []
    previous_end = 0
    for word in _WORD.finditer(folded):
        if out:
            out.append(" ")
            index.append(previous_end)
        out.append(word.group())
        index.extend(range(word.start(), word.end()))
        previous_end = word.end()
    return "".join(out), tuple(index)


def find_all(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    starts = []
    at = haystack.find(needle)
    while at >= 0 and needle:
        starts.append(at)
        at = haystack.find(needle, at + 1)
    return starts


def locate(paragraph_text: str, quote: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` span of ``paragraph_text`` that matches ``quote``."""
    norm_quote = normalise(quote)
    if not norm_quote:
        return []
    norm_text, index = normalise_with_map(paragraph_text)
    spans = []
    for start in find_all(norm_text, norm_quote):
        last = start + len(norm_quote) - 1
        spans.append((index[start], index[last] + 1))
    return spans


def closest_passage(paragraph_text: str, quote: str) -> tuple[str, float]:
    """The passage of the paragraph most similar to ``quote``, and its similarity (0..1).

    Candidates are word-aligned windows about as long as the quote.
    """
    text = normalise(paragraph_text)
    target = normalise(quote)
    if not text or not target:
        return "", 0.0
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    size = max(1, len(target.split()))
    best, best_ratio = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    for width in {max(1, size - 1), size, size + 1}:
        for i in range(0, max(1, len(words) - width + 1)):
            j = min(len(words), i + width) - 1
            candidate = text[words[i][0] : words[j][1]]
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best, max(best_ratio, 0.0)
