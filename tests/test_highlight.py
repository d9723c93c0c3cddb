import xml.etree.ElementTree as etree

from factcheck.checking.essay import element_text
from factcheck.rendering.highlight import wrap_ranges


def wrap(html: str, *quotes: tuple[str, str]) -> str:
    element = etree.fromstring(html)
    text = element_text(element)
    ranges = []
    for name, quote in quotes:
        start = text.index(quote)
        ranges.append((start, start + len(quote), "mark", {"data-annotation": name}))
    wrap_ranges(element, ranges)
    assert element_text(element) == text  # wrapping never changes the text
    return etree.tostring(element, encoding="unicode")


def test_range_across_emphasis_becomes_one_highlight():
    assert wrap('<p>on the <em>real</em> projects now</p>', ("a", "the real projects")) == (
        '<p>on <mark data-annotation="a">the <em>real</em> projects</mark> now</p>')


def test_range_inside_emphasis_stays_inside():
    assert wrap("<p>the <em>very real</em> thing</p>", ("a", "real")) == (
        '<p>the <em>very <mark data-annotation="a">real</mark></em> thing</p>')


def test_nested_ranges_nest():
    assert wrap("<p>one two three four</p>", ("outer", "two three four"), ("inner", "three")) == (
        '<p>one <mark data-annotation="outer">two <mark data-annotation="inner">three</mark>'
        " four</mark></p>")


def test_overlapping_ranges_split_into_fragments():
    html = wrap("<p>one two three four</p>", ("a", "one two three"), ("b", "three four"))
    assert html == ('<p><mark data-annotation="a">one two <mark data-annotation="b">three</mark>'
                    '</mark><mark data-annotation="b"> four</mark></p>')


def test_our_own_elements_do_not_count_as_text():
    html = wrap('<p>alpha<sup data-fc-ui="">1</sup> beta</p>', ("a", "alpha beta"))
    assert html == '<p><mark data-annotation="a">alpha<sup data-fc-ui="">1</sup> beta</mark></p>'
