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
from functools import cache
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


@cache
def _forbidden_in_basic_plane() -> tuple[int, ...]:
    return tuple(code for code in range(0x10000) if forbidden_reason(chr(code)))


@cache
def _suspects(allowed_controls: str) -> re.Pattern:
    """A pattern that finds every character :func:`forbidden_reason` refuses, every line break,
    tab and carriage return except ``allowed_controls``, and nothing else in the Basic
    Multilingual Plane; characters beyond it are all looked at. Built once from the same rules,
    so skipping what it does not find changes no result.
    """
    codes = set(_forbidden_in_basic_plane()) | {ord(c) for c in "\n\t\r" if c not in allowed_controls}
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in runs)
    return re.compile(f"[{ranges}\\U00010000-\\U0010ffff]")


def scan_source(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line, column, message)`` for every forbidden character in a file's text."""
    for match in _suspects("\n\t\r").finditer(text):
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
    """``(path, string)`` for every string in ``value``, depth first in document order."""
    found: list[tuple[tuple, str]] = []
    _collect_strings(value, path, found)
    return iter(found)


def _collect_strings(value, path: tuple, found: list) -> None:
    if isinstance(value, str):
        found.append((path, value))
        return
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if type(item) is str:  # most values: no call for them
            found.append((path + (key,), item))
        else:
            _collect_strings(item, path + (key,), found)


def _is_markdown(path: tuple) -> bool:
    return bool(path) and path[0] in MARKDOWN_FIELDS and len(path) <= 2


def check_string(path: tuple, value: str) -> list[str]:
    """Problems with one loaded string at ``path`` (a tuple of keys and list indices)."""
    markdown = _is_markdown(path)
    found = []
    for match in _suspects("\n\t" if markdown else "").finditer(value):
        char, offset = match.group(), match.start() + 1
        reason = forbidden_reason(char)
        if reason is None and char in "\n\t\r" and not markdown:
            what = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return"}[char]
            name = field_name(path)
            reason = (f"'{name}' is one line of plain text; only note, since and caveats may "
                      f"hold {what} (use a quoted string or '>-' instead of '|' or '>')")
            found.append(f"{what} at character {offset} of '{name}': {reason}")
            break
        if reason is None and char == "\r":
            reason = "carriage returns inside a value are not allowed"
        if reason:
            found.append(f"{character_name(char)} at character {offset} of '{field_name(path)}': "
                         f"{reason}")
            break
    return found


def check_strings(data) -> Iterator[tuple[tuple, str]]:
    """``(path, message)`` for every string value with a forbidden character."""
    in_line, in_markdown = _suspects(""), _suspects("\n\t")
    for path, value in iter_strings(data):
        if (in_markdown if _is_markdown(path) else in_line).search(value) is None:
            continue  # nothing check_string would look at
        for message in check_string(path, value):
            yield path, message


# Addresses that certainly pass every check of explain_url: http(s), a host of ASCII letters,
# digits and inner hyphens in dot-separated labels, no port or user name, then printable ASCII
# other than space and backslash. Anything else gets the full explanation.
_LABEL = r"[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*"
_PLAIN_URL = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})*\.?(?:[/?#][!-\[\]-~]*)?")


def explain_url(url: str) -> str | None:
    """Why ``url`` is not an acceptable source address, or None when it is.

    Only http and https with a host; no white space, control characters, backslashes or
    credentials (``user:pass@``), which browsers and Python read differently.
    """
    if _PLAIN_URL.fullmatch(url):
        return None  # what follows would find nothing
    return _explain_url_fully(url)


def _explain_url_fully(url: str) -> str | None:
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
