"""Text hygiene rules stated in hygiene.py, and warnings that --strict turns into errors."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import build, write
from factcheck.checking.hygiene import check_string
from factcheck.checking.urls import explain_url
from factcheck.commands.validate import main


@pytest.mark.parametrize("url", [
    "https://www.example-agency.org", "http://www.example-agency.org:8080/a?b=c#d", "https://xn--exmple-cua.org/path",
    "https://web.archive.org/web/2019/https://www.example-agency.org/a%20b",
])
def test_ordinary_addresses_are_accepted(url):
    assert explain_url(url) is None


@pytest.mark.parametrize("url, reason", [
    ("https://www.example-agency.org:99999/", "Port out of range"),
    ("https://-bad.example/", "malformed"),
    ("https://a..b/", "malformed"),
    ("https:///path-only", "must name a host"),
    ("https:example.org", "followed by a host name"),
    ("HTTPS://www.example-agency.org", "must start with http:// or https://"),
    ("https://www.example-agency.org/\x7f", "U+007F"),
    ("https://user@example.org/", "user name or password"),
])
def test_unsafe_addresses_are_refused_with_a_reason(url, reason):
    assert reason in explain_url(url)


def test_only_markdown_fields_may_hold_line_breaks_and_tabs():
    for path in [("note",), ("since",), ("caveats", 0)]:
        assert check_string(path, "one\n\ttwo\n") == []
    for path in [("quote",), ("claim",), ("author",), ("sources", 0, "title"),
                 ("sources", 0, "supports")]:
        assert check_string(path, "one\ntwo"), path
    assert check_string(("note",), "a\u200db")  # no field may hold a zero-width joiner


def test_short_quote_warns_and_strict_modes_fail(fixture_site, capsys, caplog):
    write(fixture_site / "annotations" / "ai.yaml", """\
        paragraph: curse
        quote: "AI"
        kind: editorial
        note: A two-letter quote.
        author: A
        created: "2026-11-26"
        """)
    assert main(["--root", str(fixture_site)]) == 0
    warning = "annotations/ai.yaml:2:8: warning: quote 'AI' is shorter than 4 characters"
    assert warning in capsys.readouterr().out
    assert main(["--root", str(fixture_site), "--strict"]) == 1
    with pytest.raises((PluginError, Abort)):
        build(fixture_site)  # conftest builds with --strict
    assert warning in caplog.text
