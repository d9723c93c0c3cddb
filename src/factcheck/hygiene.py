"""Text hygiene: characters and values that must not reach the published page.

Three layers, each reported with a position:

* :func:`scan_source` looks at the raw text of an annotation file, so a hidden character
  typed into any value, key or comment is named with its exact line and column;
* :func:`check_strings` looks at every loaded string, which also catches characters written
  as YAML escapes (``"\\u202e"``) and line breaks in fields that must be one line;
* :func:`explain_url` says why a source address is refused.

Which fields may hold line breaks and tabs: only the Markdown fields ``note``, ``since`` and
the items of ``caveats``. Every other field (quote, claim, author, dates, and in sources
title, publisher, supports, author, locator, quote, url, archive_url) is one line of plain
text. No field may hold a zero-width or bidirectional control character: the essay contains
none, so a quote never needs one, and in any other field they only hide or reorder text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

from .textmatch import normalise

MARKDOWN_FIELDS = frozenset({"note", "since", "caveats"})
SHORT_QUOTE = 4  # characters; shorter quotes get a warning
LONG_PARAGRAPH = 200  # a quote equal to a whole paragraph longer than this gets a warning

BIDI_CONTROLS = {
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
    0x200E: "LEFT-TO-RIGHT MARK",
    0x200F: "RIGHT-TO-LEFT MARK",
    0x061C: "ARABIC LETTER MARK",
}
ZERO_WIDTH = {
    0x200B: "ZERO WIDTH SPACE",
    0x200C: "ZERO WIDTH NON-JOINER",
    0x200D: "ZERO WIDTH JOINER",
    0x2060: "WORD JOINER",
    0xFEFF: "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
    0x00AD: "SOFT HYPHEN",
    0x180E: "MONGOLIAN VOWEL SEPARATOR",
}


def character_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its name, for messages."""
    code = ord(char)
    name = BIDI_CONTROLS.get(code) or ZERO_WIDTH.get(code) or unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "control character"
    return f"U+{code:04X} {name}".rstrip()


def forbidden_reason(char: str) -> str | None:
    """Why ``char`` may not appear in an annotation file, or None when it may."""
    code = ord(char)
    if code in BIDI_CONTROLS:
        return "bidirectional control characters can reorder the text readers see"
    if code in ZERO_WIDTH:
        return "invisible characters make text look the same while differing"
    category = unicodedata.category(char)
    if category == "Cc" and char not in "\n\t\r":
        return "control characters are not allowed"
    if category == "Cs":
        return "lone surrogates are not valid text"
    if category == "Cf":
        return "invisible formatting characters are not allowed"
    if category == "Co":
        return "private-use characters show as nothing or a box; use the real character"
    if category in ("Zl", "Zp"):
        return "Unicode line and paragraph separators are not allowed; use a plain line break"
    if code in (0xFFFE, 0xFFFF) or 0xFDD0 <= code <= 0xFDEF:
        return "Unicode non-characters are not allowed"
    return None


# Printable ASCII, line breaks and tabs are always allowed: only the other characters are looked at.
_SUSPECT_IN_SOURCE = re.compile(r"[^\x20-\x7e\n\t]")
_SUSPECT_IN_MARKDOWN = _SUSPECT_IN_SOURCE
_SUSPECT_IN_LINE = re.compile(r"[^\x20-\x7e]")


def scan_source(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line, column, message)`` for every forbidden character in a file's text."""
    for match in _SUSPECT_IN_SOURCE.finditer(text):
        char = match.group()
        reason = forbidden_reason(char)
        if reason:
            at = match.start()
            line = text.count("\n", 0, at) + 1
            col = at - text.rfind("\n", 0, at)
            yield line, col, f"{character_name(char)} found: {reason}; delete it"


def field_name(path: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def iter_strings(value, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, path + (index,))


def check_string(path: tuple, value: str) -> list[str]:
    """Problems with one loaded string at ``path`` (a tuple of keys and list indices)."""
    markdown = bool(path) and path[0] in MARKDOWN_FIELDS and len(path) <= 2
    name = field_name(path)
    found = []
    for match in (_SUSPECT_IN_MARKDOWN if markdown else _SUSPECT_IN_LINE).finditer(value):
        char, offset = match.group(), match.start() + 1
        reason = forbidden_reason(char)
        if reason is None and char in "\n\t\r" and not markdown:
            what = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return"}[char]
            reason = (f"'{name}' is one line of plain text; only note, since and caveats may "
                      f"hold {what} (use a quoted string or '>-' instead of '|' or '>')")
            found.append(f"{what} at character {offset} of '{name}': {reason}")
            break
        if reason is None and char == "\r":
            reason = "carriage returns inside a value are not allowed"
        if reason:
            found.append(f"{character_name(char)} at character {offset} of '{name}': {reason}")
            break
    return found


def check_strings(data) -> Iterator[tuple[tuple, str]]:
    """``(path, message)`` for every string value with a forbidden character."""
    for path, value in iter_strings(data):
        for message in check_string(path, value):
            yield path, message


def explain_url(url: str) -> str | None:
    """Why ``url`` is not an acceptable source address, or None when it is.

    Only http and https with a host; no white space, control characters, backslashes or
    credentials (``user:pass@``), which browsers and Python read differently.
    """
    for char in url:
        if char.isspace():
            return "must not contain white space (write a space as %20)"
        if forbidden_reason(char) or unicodedata.category(char) == "Cc":
            return f"must not contain {character_name(char)}"
    if "\\" in url:
        return "must not contain a backslash; browsers read it as /"
    scheme, _, rest = url.partition(":")
    if scheme not in ("http", "https"):
        return f"must start with http:// or https:// (got scheme '{scheme}:')" if rest else (
            "must be a full address starting with http:// or https://")
    if not rest.startswith("//"):
        return "must be http:// or https:// followed by a host name"
    try:
        parts = urlsplit(url)
        if parts.port is not None and not 0 < parts.port < 65536:
            return "port must be between 1 and 65535"
    except ValueError as exc:
        return f"is not a valid address ({exc})"
    if "@" in parts.netloc:
        return "must not carry a user name or password (user:pass@host)"
    if not parts.hostname:
        return "must name a host after http:// or https://"
    host = parts.hostname
    if not all(c.isascii() and (c.isalnum() or c in ".-") for c in host):
        return "host must be written in ASCII letters, digits, dots and hyphens (use punycode)"
    if host.startswith((".", "-")) or host.endswith("-") or ".." in host:
        return "host name is malformed"
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
