"""The normalised text and its index map: one space per run of white space, mapped to the run's
first character; leading and trailing white space dropped."""

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checking.textmatch import normalise, normalise_with_map


def _by_character(text: str) -> tuple[str, tuple[int, ...]]:
    folded = normalise(text)  # folding only changes characters, never positions
    out, index, pending = [], [], -1
    source = text.translate(str.maketrans({c: " " for c in text if c.isspace()}))
    for i, char in enumerate(source):
        if char.isspace():
            if out and pending < 0:
                pending = i
            continue
        if pending >= 0:
            out.append(" ")
            index.append(pending)
            pending = -1
        out.append(char)
        index.append(i)
    assert len(out) == len(folded)
    return folded, tuple(index)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\n\u00a0\u2003\u2028\x1c\u2019\u201c—-")))
def test_the_map_points_at_the_source_characters(text):
    assert normalise_with_map(text) == _by_character(text)
