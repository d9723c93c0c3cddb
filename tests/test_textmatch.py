from factcheck.checking.textmatch import closest_passage, locate, normalise


def test_typographic_quotes_dashes_and_space_fold_to_ascii():
    assert normalise("can’t  “escape”\n— the\tcurse") == "can't \"escape\" - the curse"


def test_straight_quote_matches_curly_text_and_returns_original_span():
    text = "we still can’t escape the “curse” — really"
    spans = locate(text, "can't escape the \"curse\" - really")
    assert len(spans) == 1
    start, end = spans[0]
    assert text[start:end] == "can’t escape the “curse” — really"


def test_matching_is_otherwise_exact():
    text = "China holding a huge amount of data"
    assert locate(text, "china holding") == []  # case matters
    assert locate(text, "huge amount of date") == []  # no fuzzy match
    assert locate(text, "a huge  amount\nof data") == [(14, 35)]


def test_every_occurrence_is_found_including_overlapping_ones():
    assert locate("the data, the data and the data", "the data") == [(0, 8), (10, 18), (23, 31)]
    assert locate("aaaa", "aa") == [(0, 2), (1, 3), (2, 4)]


def test_empty_quote_matches_nothing():
    assert locate("anything", "   ") == []


def test_closest_passage_suggests_the_likely_intended_text():
    text = "Secondly, talents working in the AI field enjoy a 75% reduction in their personal income tax"
    passage, ratio = closest_passage(text, "a 57% reduction in personal income tax")
    assert passage == "a 75% reduction in their personal income tax"
    assert 0.8 < ratio < 1
