"""The hygiene scans look only at characters outside printable ASCII; they must find exactly
what a character-by-character scan finds, at the same line and column."""

import random

import pytest

from factcheck.hygiene import character_name, check_string, forbidden_reason, scan_source

ALPHABET = "ab c\n\t\r\u2019\u201c\u00e9\u4e2d\u202e\u200b\u00ad\x07\x7f\ue000\u2028\ufdd0\U0001f600"


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
