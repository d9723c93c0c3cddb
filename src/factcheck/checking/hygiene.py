"""Text hygiene: characters and values that must not reach the published page.

Checked with a position, in three layers:

* :func:`scan_source`: the raw text of a file, so a hidden character typed into any value, key
  or comment is named with its exact line and column;
* :func:`check_strings`: every loaded string, which also catches characters written as YAML
  escapes (``"\\u202e"``), line breaks in one-line fields, and HTML character references in
  plain fields;
* :func:`check_decoded`: the text a reader gets from a Markdown field once Markdown and HTML
  character references are decoded (``&#x202E;`` in a note is a hidden character too).

Refused everywhere: control characters other than line feed and tab (which only the Markdown
fields ``note``, ``since``, ``caveats`` and a correction's ``note`` may hold), format characters
(bidirectional controls, zero-width characters including the zero-width joiner, which emoji
sequences would need: annotations need no emoji), every default-ignorable code point (variation
selectors, the combining grapheme joiner, Hangul fillers, tags), the braille blank, private-use,
unassigned and non-characters, lone surrogates, line and paragraph separators, and runs of more
than four combining marks on one letter. The essay contains none of these, so a quote never
needs one; anywhere else they only hide, reorder or smear text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..problems import field_name
from .textmatch import normalise

SHORT_QUOTE = 4  # characters; shorter quotes get a warning
LONG_PARAGRAPH = 200  # a quote equal to a whole paragraph longer than this gets a warning
MAX_COMBINING = 4  # combining marks in a row

_NAMES = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE", 0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
    0x061C: "ARABIC LETTER MARK", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
}
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E,
         0x200F, 0x061C}
# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt), and letters that show as
# nothing: the braille blank and the Hangul fillers.
_IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
              (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
              (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
              (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
              (0xE0000, 0xE0FFF))
_BLANK_LETTERS = {0x2800}
MARKDOWN_FIELDS = frozenset({"note", "since", "caveats"})
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.IGNORECASE)


def character_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its name, for messages."""
    code = ord(char)
    name = _NAMES.get(code) or unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "control character"
    return f"U+{code:04X} {name}".rstrip()


def _ignorable(code: int) -> bool:
    return code in _BLANK_LETTERS or any(low <= code <= high for low, high in _IGNORABLE)


def forbidden_reason(char: str) -> str | None:
    """Why ``char`` may not appear in an annotation file, or None when it may."""
    code = ord(char)
    if code in _BIDI:
        return "bidirectional control characters can reorder the text readers see"
    category = unicodedata.category(char)
    if category == "Cc" and char not in "\n\t\r":
        return "control characters are not allowed"
    if category == "Cs":
        return "lone surrogates are not valid text"
    if code in (0xFFFE, 0xFFFF) or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "Unicode non-characters are not allowed"
    if _ignorable(code) or category == "Cf":
        return "invisible characters make text look the same while differing"
    if category == "Co":
        return "private-use characters show as nothing or a box; use the real character"
    if category == "Cn":
        return "unassigned code points are not characters; delete it"
    if category in ("Zl", "Zp"):
        return "Unicode line and paragraph separators are not allowed; use a plain line break"
    return None


# Every character outside printable ASCII is looked at; judging one is a dictionary lookup
# after the first time, and annotation text is mostly ASCII.
_OUTSIDE_PRINTABLE_ASCII = re.compile(r"[^ -~]")
_reason = lru_cache(maxsize=4096)(forbidden_reason)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _findings(text: str, allowed: str) -> Iterator[tuple[int, str, str | None]]:
    """``(offset, char, reason)`` for each character outside printable ASCII that is forbidden,
    or a line break, tab or carriage return not in ``allowed`` (reason None); then the offset
    of the first run of more than MAX_COMBINING combining marks, if any (char ``""``)."""
    run, last, flood = 0, -2, None
    for match in _OUTSIDE_PRINTABLE_ASCII.finditer(text):
        char, at = match.group(), match.start()
        reason = _reason(char)
        if reason or (char in "\n\t\r" and char not in allowed):
            yield at, char, reason
        elif flood is None and _is_mark(char):
            run = run + 1 if at == last + 1 else 1
            last = at
            if run > MAX_COMBINING:
                flood = at - MAX_COMBINING
    if flood is not None:
        yield flood, "", FLOOD


FLOOD = (f"more than {MAX_COMBINING} combining marks in a row pile up over one letter and "
         "smear the text; delete the extra marks")


def scan_source(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line, column, message)`` for every forbidden character in a file's text."""
    for at, char, reason in _findings(text, "\n\t\r"):
        message = FLOOD if not char else f"{character_name(char)} found: {reason}; delete it"
        yield _line(text, at), at - text.rfind("\n", 0, at), message


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def iter_strings(value, path: tuple = ()) -> list[tuple[tuple, str]]:
    """``(path, string)`` for every string in ``value``, depth first in document order."""
    found: list[tuple[tuple, str]] = []
    _collect(value, path, found)
    return found


def _collect(value, path: tuple, found: list) -> None:
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, path + (key,), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, path + (index,), found)


def is_markdown(path: tuple) -> bool:
    """``note``, ``since``, each of ``caveats``, and a correction's ``note``."""
    if len(path) == 3 and path[0] == "corrections" and path[2] == "note":
        return True
    return bool(path) and path[0] in MARKDOWN_FIELDS and len(path) <= 2


def check_string(path: tuple, value: str) -> list[str]:
    """Problems with one loaded string at ``path`` (a tuple of keys and list indices)."""
    markdown = is_markdown(path)
    name = field_name(path)
    for at, char, reason in _findings(value, "\n\t" if markdown else ""):
        offset = at + 1
        if not char:
            return [f"at character {offset} of '{name}': {FLOOD}"]
        if reason is None and char in "\n\t\r" and not markdown:
            what = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return"}[char]
            return [f"{what} at character {offset} of '{name}': '{name}' is one line of plain "
                    f"text; only note, since and caveats may hold {what} (use a quoted string "
                    "or '>-' instead of '|' or '>')"]
        if reason is None:
            reason = "carriage returns inside a value are not allowed"
        return [f"{character_name(char)} at character {offset} of '{name}': {reason}"]
    if not markdown:
        reference = _CHARACTER_REFERENCE.search(value)
        if reference:
            return [f"'{name}' holds the HTML character reference '{reference.group()}': plain "
                    "text is shown as written, so write the character itself (or the words)"]
    return []


def check_strings(strings: list[tuple[tuple, str]]) -> Iterator[tuple[tuple, str]]:
    """``(path, message)`` for every string (from :func:`iter_strings`) with a problem."""
    for path, value in strings:
        for message in check_string(path, value):
            yield path, message


def check_decoded(name: str, texts: Iterable[str]) -> str | None:
    """A problem with the decoded text of a Markdown field (its words and link attributes)."""
    for text in texts:
        for _, char, reason in _findings(text, "\n\t\r"):
            if not char:
                return f"'{name}', once decoded: {FLOOD}"
            return (f"'{name}' holds {character_name(char)} once its HTML character references "
                    f"are decoded: {reason}; delete it")
    return None


def quote_warnings(quote: str, paragraph_text: str) -> list[str]:
    """Warnings for quotes that anchor but are unlikely to be what the author meant."""
    quote_norm, paragraph_norm = normalise(quote), normalise(paragraph_text)
    warnings = []
    if len(quote_norm) < SHORT_QUOTE:
        warnings.append(f"quote {quote_norm!r} is shorter than {SHORT_QUOTE} characters; "
                        "quote the words the claim is about")
    if quote_norm == paragraph_norm and len(paragraph_norm) > LONG_PARAGRAPH:
        warnings.append(f"quote is the whole paragraph ({len(paragraph_norm)} characters); "
                        "quote only the words the note is about")
    return warnings
