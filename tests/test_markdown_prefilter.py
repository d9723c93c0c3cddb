"""The cheap test that lets the Markdown safety check skip its conversion is never wrong: when it
says a text is clean, converting it finds no refused tag and no refused link."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adversarial.corpus import CASES
from conftest import ROOT
from factcheck.safe_markdown import certainly_clean, converted_markdown_problems, markdown_problems
from factcheck.yaml_loader import YamlProblem, decode, parse


def _markdown_fields(folder) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.yaml")):
        with contextlib.suppress(YamlProblem):
            data = parse(decode(path.read_bytes())).data
            if isinstance(data, dict):
                caveats = data.get("caveats") if isinstance(data.get("caveats"), list) else []
                texts += [t for t in (data.get("note"), data.get("since"), *caveats)
                          if isinstance(t, str)]
    return texts


CORPUS = _markdown_fields(CASES)
REAL = _markdown_fields(ROOT / "annotations")


@pytest.mark.parametrize("text", CORPUS + REAL)
def test_a_clean_verdict_matches_the_conversion(text):
    if certainly_clean(text):
        assert converted_markdown_problems(text) == ()
    assert markdown_problems(text) == converted_markdown_problems(text)


def test_the_prefilter_spares_most_real_notes_the_conversion():
    assert sum(map(certainly_clean, REAL)) >= len(REAL) // 2


@pytest.mark.parametrize("text", [
    "# Heading", "Title\n=====", "Title\n-", "a\n\n---", "> ***", "- ___", "1. ---", "a\r---",
    "![x](https://example.org/a.png)", "<https://example.org>", "[x](/admin)", "[x][ref]\n\n[ref]: /a",
    "[x](javascript:alert(1))", "[x](https://example.org/a b)", "[a\n# h\n](https://example.org)",
    "-\x02--",
])
def test_every_refused_construct_goes_to_the_full_check(text):
    assert not certainly_clean(text)


TOKENS = st.sampled_from([
    "x", "word", " ", "  ", "\n", "\n\n", "\t", "    ", "\r", "\x02", "\x03", "#", "-", "---", "*", "**",
    "_", "=", "==", ">", "> ", "- ", "1. ", "+ ", "`", "!", "![", "[", "]", "(", ")", "<", ">", "&", "\\",
    "'", '"', "[a](https://example.org/x)", "[a](https://example.org/x#f)", "](", "https://",
    "http://localhost/", "mailto:a@example.org", "javascript:", "/rel", "&#91;", "[*b*](https://e.org)",
])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, max_size=14).map("".join))
@example("[a](https://example.org/x)\n---")
@example("> [a](https://example.org/x)\n> ===")
def test_a_clean_verdict_is_never_wrong_on_generated_markdown(text):
    if certainly_clean(text):
        assert converted_markdown_problems(text) == (), repr(text)
