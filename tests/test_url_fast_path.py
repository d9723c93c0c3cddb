"""Plain http(s) addresses skip the full explanation of explain_url; the full explanation
must find nothing wrong with any address the quick test lets through."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from factcheck import hygiene
from factcheck.yaml_loader import YamlProblem, decode, parse

TRICKY = [
    "https://example.org", "http://example.org/", "https://example.org./a", "https://EXAMPLE.org",
    "https://xn--exmple-cua.org/path", "https://a-b--c.example/", "https://a-.example/",
    "https://-a.example/", "https://a..b/", "https://.a/", "https://a/-", "https://a-/",
    "https://exаmple.org/",  # Cyrillic a
    "https://example.org:8080/", "https://example.org:0/", "https://example.org:99999/",
    "https://example.org:/", "https://example.org:x/", "https://user@example.org/",
    "https://user:pass@example.org/", "https://example.org/@user", "https://example.org/a@b?c=@",
    "https://127.0.0.1/", "http://localhost/", "http://[::1]/", "http://[::1/", "https://a]/",
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "mailto:a@b.org",
    "//example.org/", "example.org", "https:example.org", "https:/example.org", "https://",
    "https:///path", "https://example.org/a b", "https://example.org/a\tb", " https://a.org",
    "https://a.org ", "https://a.org/\n", "https://a.org\\@evil.org", "https://a.org/\\",
    "https://a.org/\u202e", "https://a.org/\u200b", "https://a.org/\x7f", "https://a.org/\x00",
    "https://a.org/\u00a0", "https://a.org/caf\u00e9", "https://a.org/\U0001f600",
    "https://a.org/x.", "https://a.org/x,", "https://a.org/x)", "https://a.org/(x)",
    "https://a.org?q", "https://a.org#f", "https://a.org/?a=[1]&b={2}", "https://a.org/%20",
    "https://a.org/~user/'q'/\"d\"/<t>/`b`/|/^", "http://a.b.c.d.e.f/", "https://1.2.3.4:443/",
    "https://0x7f.1/", "https://a.org/" + "x" * 2000,
]


def check(url: str) -> None:
    full = hygiene._explain_url_fully(url)
    assert hygiene.explain_url(url) == full, url
    if hygiene._PLAIN_URL.fullmatch(url):
        assert full is None, url


@pytest.mark.parametrize("url", TRICKY)
def test_tricky_addresses_get_the_full_explanation(url):
    check(url)


def test_the_quick_test_lets_ordinary_addresses_through():
    for url in ("https://example.org/source/1", "https://web.archive.org/web/2019/https://a.org/x",
                "http://www.example.co.uk/a?b=c&d=e#f", "https://xn--bcher-kva.example/"):
        assert hygiene._PLAIN_URL.fullmatch(url), url


def test_addresses_of_the_real_annotations():
    urls = []
    for path in sorted((ROOT / "annotations").glob("*.yaml")):
        try:
            data = parse(decode(path.read_bytes())).data
        except YamlProblem:
            continue
        urls += [source[key] for source in data.get("sources", []) if isinstance(source, dict)
                 for key in ("url", "archive_url") if isinstance(source.get(key), str)]
    assert len(urls) >= 10
    for url in urls:
        check(url)


URL_PIECES = ["http", "https", "HTTP", ":", "//", "/", "a", "Z", "0", "9", ".", "..", "-", "--",
              "@", "user:pw@", ":80", ":0", ":99999", "?", "#", "&", "=", "%20", "%", "[", "]",
              "\\", " ", "\t", "\n", "\x7f", "\u00e9", "\u0430", "\u202e", "\u200b", "\u2028",
              "\U0001f600", "xn--", "localhost", "127.0.0.1", "::1", "javascript:", "~", "'", '"']


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=14).map("".join))
def test_pieced_addresses_get_the_same_answer(url):
    check(url)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["http://", "https://"]), st.from_regex(r"[a-z0-9.-]{0,12}", fullmatch=True),
       st.text(st.characters(max_codepoint=0x7f), max_size=12))
def test_addresses_that_start_well_get_the_same_answer(scheme, host, rest):
    check(scheme + host + rest)
    check(scheme + host + "/" + rest)
