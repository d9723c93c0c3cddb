"""Filling in a page skeleton, and when the plugin may trust one."""

from factcheck.skeleton import LayoutReuse, Skeleton, survives_filters, token

PAGE = "<title>{t} - Site</title><meta content=\"{d}\"><main>{c}</main><h2>{t}</h2>"


def render(title, description, content):
    return PAGE.format(t=title, d=description, c=content)


def values(title, content="<h1 id=x>Claim</h1><p>a &amp; b</p>"):
    return {"title": title, "description": f"About {title}", "content": content}


SKELETON_TEXT = render(token("title"), token("description"), token("content"))


def test_fill_puts_each_value_where_its_token_was():
    filled = Skeleton(SKELETON_TEXT).fill(values("One"))
    assert filled == render("One", "About One", "<h1 id=x>Claim</h1><p>a &amp; b</p>")


def test_text_values_a_filter_could_change_are_not_filled():
    assert survives_filters(values("The author's claim, ×3 – “quoted”"))
    for bad in ("R&D", "a <b>", 'say "x"', " padded", "two  spaces", "line\nbreak"):
        assert not survives_filters(values(bad)), bad
    assert not survives_filters(values("Fine", content="<p>no heading</p>"))


def test_a_skeleton_is_trusted_only_after_reproducing_full_renders():
    layout = LayoutReuse(proof=2)
    key = ("claims", 2)
    assert layout.needs_skeleton(key)
    layout.add_skeleton(key, SKELETON_TEXT)
    assert layout.ready(key, values("A")) is None
    layout.check(key, values("A"), render("A", "About A", values("A")["content"]))
    assert layout.ready(key, values("B")) is None
    layout.check(key, values("B"), render("B", "About B", values("B")["content"]))
    assert layout.ready(key, values("C")).fill(values("C")) == render("C", "About C",
                                                                        values("C")["content"])
    assert layout.filled == 1
    assert layout.ready(key, values("R&D")) is None  # rendered in full instead


def test_one_difference_means_full_renders_for_that_shape():
    layout = LayoutReuse(proof=2)
    key = ("claims", 2)
    layout.add_skeleton(key, SKELETON_TEXT)
    layout.check(key, values("A"), render("A", "About A", values("A")["content"]))
    # The theme printed something page-specific that the skeleton does not know about.
    layout.check(key, values("B"), render("B", "About B", values("B")["content"]) + "<!-- B -->")
    for title in ("C", "D", "E"):
        layout.check(key, values(title), render(title, f"About {title}", values(title)["content"]))
        assert layout.ready(key, values(title)) is None
    assert layout.filled == 0


def test_turned_off_it_never_fills():
    layout = LayoutReuse(enabled=False)
    assert not layout.needs_skeleton(("claims", 2))
    assert layout.ready(("claims", 2), values("A")) is None
