"""The hygiene scans look only at characters outside printable ASCII; they must find exactly
what a character-by-character scan finds, at the same line and column."""

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checking.hygiene import (
    FLOOD,
    MAX_COMBINING,
    character_name,
    check_string,
    check_strings,
    forbidden_reason,
    iter_strings,
    scan_source,
)
from factcheck.problems import field_name

ALPHABET = "ab c\n\t\r\u2019\u201c\u00e9\u4e2d\u202e\u200b\u00ad\x07\x7f\ue000\u2028\ufdd0\U0001f600"


def first_flood(text):
    """Where the first run of more than MAX_COMBINING combining marks starts, or None."""
    run = 0
    for index, char in enumerate(text):
        is_mark = unicodedata.category(char) in ("Mn", "Me") and (
            forbidden_reason(char) is None)
        run = run + 1 if is_mark else 0
        if run == MAX_COMBINING + 1:
            return index - MAX_COMBINING
    return None


def scan_every_character(text):
    line, col = 1, 1
    for char in text:
        reason = forbidden_reason(char)
        if reason:
            yield line, col, f"{character_name(char)} found: {reason}; delete it"
        if char == "\n":
            line, col = line + 1, 1
        else:
            col += 1
    flood = first_flood(text)
    if flood is not None:
        yield text.count("\n", 0, flood) + 1, flood - text.rfind("\n", 0, flood), FLOOD


@pytest.mark.parametrize("seed", range(40))
def test_source_scan_matches_a_scan_of_every_character(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))
    assert list(scan_source(text)) == list(scan_every_character(text))


def test_first_problem_of_a_string_is_reported():
    assert check_string(("quote",), "plain ascii text") == []
    assert check_string(("note",), "two\nlines\tand a tab") == []
    [one_line] = check_string(("quote",), "caf\u00e9 line\nbreak")
    assert one_line.startswith("a line break at character 10 of 'quote'")
    [hidden] = check_string(("note",), "ok\u2019 then \u200b and \u202e")
    assert hidden.startswith("U+200B ZERO WIDTH SPACE at character 10 of 'note'")
    [carriage] = check_string(("note",), "a\r\nb")
    assert "at character 2 of 'note'" in carriage


def check_string_every_character(path, value):
    """The rules of check_string applied to every character outside printable ASCII."""
    markdown = bool(path) and path[0] in ("note", "since", "caveats") and len(path) <= 2
    name = field_name(path)
    for offset, char in enumerate(value, 1):
        if " " <= char <= "~":
            continue
        reason = forbidden_reason(char)
        if reason is None and char in "\n\t\r" and not markdown:
            what = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return"}[char]
            reason = (f"'{name}' is one line of plain text; only note, since and caveats may "
                      f"hold {what} (use a quoted string or '>-' instead of '|' or '>')")
            return [f"{what} at character {offset} of '{name}': {reason}"]
        if reason is None and char == "\r":
            reason = "carriage returns inside a value are not allowed"
        if reason:
            return [f"{character_name(char)} at character {offset} of '{name}': {reason}"]
    flood = first_flood(value)
    if flood is not None:
        return [f"at character {flood + 1} of '{name}': {FLOOD}"]
    reference = re.search(r"&(#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", value, re.IGNORECASE)
    if reference and not markdown:
        return [f"'{name}' holds the HTML character reference '{reference.group()}': plain text "
                "is shown as written, so write the character itself (or the words)"]
    return []


PATHS = [("quote",), ("note",), ("caveats", 0), ("sources", 1, "title"), ("since",),
         ("sources", 0, "url")]


def test_every_character_of_the_basic_plane_is_judged_like_the_full_check():
    for code in range(0x10000):
        char = chr(code)
        for path in (("quote",), ("note",)):
            text = f"ok {char} ok"
            assert check_string(path, text) == check_string_every_character(path, text), hex(code)
    assert list(scan_source("".join(map(chr, range(0x10000))))) == list(
        scan_every_character("".join(map(chr, range(0x10000)))))


TRICKY = ("\u202e\u2066\u200e\u061c\u200b\u200d\u2060\ufeff\u00ad\u180e\x00\x1b\x7f\x85\x9f"
          "\ud800\ue000\U000f0000\u2028\u2029\ufdd0\ufffe\U0001fffe\U000e0001\u0600\u06dd"
          "\u00a0\u3000\u2019\u00e9\U0001f600\n\t\r")


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(PATHS), st.text(st.sampled_from(ALPHABET + TRICKY) | st.characters(),
                                       max_size=30))
def test_string_checks_match_the_check_of_every_character(path, value):
    expected = check_string_every_character(path, value)
    assert check_string(path, value) == expected
    assert list(check_strings(iter_strings(nest(path, value)))) == [(path, message) for message in expected]


def nest(path, value):
    """A document holding ``value`` at ``path``, with empty mappings before a list index."""
    for part in reversed(path):
        value = [{}] * part + [value] if isinstance(part, int) else {part: value}
    return value


def test_check_strings_walks_nested_values_in_document_order():
    data = {"quote": "a\u200bb", "sources": [{"title": "t\nu", "url": "ok"}, "x\u202e"],
            "caveats": ["fine\n", "bad\u2028"], "occurrence": 2}
    found = list(check_strings(iter_strings(data)))
    assert [path for path, _ in found] == [("quote",), ("sources", 0, "title"), ("sources", 1),
                                           ("caveats", 1)]
    assert all(message == check_string_every_character(path, value)[0] for (path, message), value
               in zip(found, ["a\u200bb", "t\nu", "x\u202e", "bad\u2028"], strict=True))
