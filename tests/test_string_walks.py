"""The walks over a loaded annotation's strings, for the hygiene checks and the placeholder
check, visit every string in document order, as a plain recursive walk does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checking.hygiene import iter_strings
from factcheck.checking.placeholders import PLACEHOLDER, find_placeholders


def walk(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, path + (index,))


TEXTS = st.sampled_from(["", "TODO", "a TODO b", "TODOs", "XTODO", "todo", "TODO.", "(TODO)",
                         "TO DO", "_TODO", "TODO_", "é TODO", "TODO\n", "x"])
VALUES = st.recursive(
    st.one_of(TEXTS, st.text(max_size=6), st.integers(), st.none(), st.booleans(), st.floats()),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["quote", "note", "sources", "a"]),
                                            inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=500, deadline=None)
@given(VALUES, st.sampled_from([(), ("sources", 0)]))
def test_walks_match_a_recursive_walk(value, start):
    expected = list(walk(value, start))
    assert list(iter_strings(value, start)) == expected
    marker = re.compile(rf"\b{PLACEHOLDER}\b")
    assert list(find_placeholders(iter_strings(value))) == [
        (path, PLACEHOLDER) for path, text in walk(value) if marker.search(text)]


def test_placeholders_are_found_only_as_a_whole_word():
    data = {"quote": "TODO", "note": "see TODOs", "sources": [{"title": "x TODO."}, "_TODO"]}
    found = find_placeholders(iter_strings(data))
    assert [path for path, _ in found] == [("quote",), ("sources", 0, "title")]
