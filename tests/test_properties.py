"""Property-based tests: random bytes, text and YAML thrown at the loader, the validator and the
Markdown renderer end in clean problems with positions, never in an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adversarial.corpus import make_project
from adversarial.inert import scan
from conftest import SCHEMA
from factcheck.checking.catalog import Project, check_file
from factcheck.checking.essay import read_paragraphs
from factcheck.checking.notes_markdown import (
    inventory,
    markdown_problems,
    render_block,
    render_inline,
)
from factcheck.commands.fix_quotes import choose
from factcheck.problems import ProblemList

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROJECT_DIR = Path(tempfile.mkdtemp(prefix="fc-properties-"))
PROJECT = Project.at(make_project(PROJECT_DIR, SCHEMA))
PAGES = {PROJECT.main_page: read_paragraphs(PROJECT.essay, "docs/index.md", ProblemList())}
FIELDS = ["paragraph", "quote", "occurrence", "kind", "verdict", "claim", "note", "caveats", "since",
          "sources", "author", "created", "updated", "title", "url", "publisher", "date", "supports"]
VALID = {
    "paragraph": "real-projects", "quote": "the real projects", "kind": "claim",
    "verdict": "opinion", "claim": "Projects in China are real.", "note": "A judgement.",
    "sources": [{"title": "T", "url": "https://www.example-agency.org/t", "publisher": "P", "date": "2019",
                 "supports": "S"}],
    "author": "A", "created": "2026-11-26",
}
TEXT_FIELDS = ["quote", "claim", "note", "since", "author", ("sources", "title"),
               ("sources", "publisher"), ("sources", "supports"), ("sources", "url"),
               ("sources", "locator"), ("sources", "quote"), ("caveats",)]
# Markdown-ish and hostile fragments mixed into random text, so the examples reach the parsers.
FRAGMENTS = st.sampled_from([
    "<script>", "</p>", "[x](", "javascript:", "](data:", "![i](", "{: onclick=x }", "&#106;",
    "\n\n", "    ", "*", "`", "<", ">", '"', "'", ":", "#", "- ", "\u202e", "\u200b", "\x00", "\t",
    "https://", "@", "\\", "---", "&", "|", "%", "\r\n",
])
HOSTILE_TEXT = st.lists(st.one_of(st.text(max_size=8), FRAGMENTS), max_size=12).map("".join)


def load(raw: bytes) -> ProblemList:
    path = PROJECT.annotations_dir / "case.yaml"
    path.write_bytes(raw)
    annotation, found = check_file(path, PROJECT, PAGES)
    problems = ProblemList(found)
    lines = raw.count(b"\n") + 1
    for problem in problems:
        assert problem.path == "annotations/case.yaml"
        assert 1 <= problem.line <= lines + 1 and problem.col >= 1, problem.format()
        assert problem.message and "Traceback" not in problem.message
        problem.format()
        problem.format_github()
    assert (annotation is None) == bool(problems.errors)
    return problems


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_give_problems_not_exceptions(raw):
    load(raw)


@SETTINGS
@given(HOSTILE_TEXT)
def test_random_text_gives_problems_not_exceptions(text):
    load(text.encode("utf-8", "surrogatepass"))


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=5), children, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), YAML_VALUES, max_size=8))
@example({"sources": True})  # crashed the URL check once
@example({"caveats": True})  # crashed the Markdown check once
@example({"sources": [{"url": ["x"]}], "note": {"a": 1}, "occurrence": 1.0})
def test_random_yaml_documents_give_problems_not_exceptions(document):
    load(yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass"))


def _with(field, value) -> dict:
    data = {**VALID, "sources": [dict(VALID["sources"][0])]}
    if isinstance(field, str):
        data[field] = value
    elif field == ("caveats",):
        data["caveats"] = [value]
    else:
        data["sources"][0][field[1]] = value
    return data


@SETTINGS
@given(st.sampled_from(TEXT_FIELDS), HOSTILE_TEXT)
def test_any_text_in_any_field_is_refused_cleanly_or_renders_inert(field, value):
    raw = yaml.safe_dump(_with(field, value), allow_unicode=True).encode("utf-8", "surrogatepass")
    problems = load(raw)
    if not problems.errors and field in ("note", "since", ("caveats",)):
        assert scan(render_block(value))[0] == []


@SETTINGS
@given(HOSTILE_TEXT)
def test_rendered_markdown_never_carries_executable_markup(text):
    for html in (render_block(text), render_inline(text)):
        findings, _ = scan(html)
        assert findings == []
        assert "<img" not in html and "<script" not in html
    markdown_problems(inventory(text))


@SETTINGS
@given(HOSTILE_TEXT, HOSTILE_TEXT)
def test_choosing_a_repair_never_raises(paragraph, quote):
    candidate, reason = choose(paragraph, quote)
    assert (candidate is None) == bool(reason)
    if candidate is not None:
        assert candidate.ratio >= 0.9
