"""Property-based tests: random bytes, text and YAML thrown at the loader, the validator and the
Markdown renderer end in clean problems with positions, never in an exception."""

from __future__ import annotations

import os
import re
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
    # YAML, like most editors, also breaks lines at a lone carriage return.
    text = raw.decode("utf-8", "replace")
    lines = len(re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text))
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


# Every output sink, fed values with every dangerous class of character or markup: a value is
# either refused with a clean, one-line problem in every report format, or it is built into a
# site in which no page, title, JSON-LD block, export, CSV cell or search entry can act.
DANGEROUS = st.sampled_from([
    "<script>window.__pwned=1</script>", "</title><script>", '" onmouseover="window.__pwned=1"',
    "' autofocus onfocus='x", "<!--", "]]>", "&#x202E;", "&#8203;", "&lt;b&gt;", "&amp;", "FCSTASH0X",
    "\x02wzxhzdk:0\x03", "[[factcheck claim x]]", "{{ page.title }}", "{% raw %}", "%0A::error::x",
    "\n::error file=x::forged", "::stop-commands::t", "\x1b]0;pwned\x07", "\x1b[2J", "=cmd|'/C calc'!A0",
    "+1", "-1", "@SUM(1)", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u3164", "\u2800",
    "\ufe0f", "\u034f", "\U000e0041", "\ud800", "\u2028", "a\u0301\u0302\u0303\u0304\u0305",
    "javascript:alert(1)", "[x](javascript:alert(1))", "![i](https://a.org/i.png)", "<https://a.org/>",
    "http://127.0.0.1/", "https://example.org/", "*", "_", "`", "#", "|", "\\", "\t", "\r\n",
])
DANGEROUS_TEXT = st.lists(st.one_of(DANGEROUS, st.text(max_size=5)), min_size=1,
                          max_size=5).map("".join)
SINK_FIELDS = ["claim", "note", ("caveats", 0), "since", "author", ("sources", 0, "title"),
               ("sources", 0, "publisher"), ("sources", 0, "supports"), ("sources", 0, "locator"),
               ("sources", 0, "quote"), ("sources", 0, "url"), ("sources", 0, "archive_url"),
               ("corrections", 0, "note"), "title"]
SITE_CONFIG = ("site_name: Sinks\ntheme:\n  name: material\n  font: false\n"
               "plugins:\n  - search\n  - factcheck\n")


def _document(field, value) -> dict:
    data = {**VALID, "quote": "the toy projects", "sources": [dict(VALID["sources"][0])],
            "corrections": [{"date": "2027-01-02", "note": "A correction."}]}
    data["sources"][0]["url"] = "https://stats.example-agency.org/survey"
    if field == "title":  # only context and editorial notes carry a title
        data = {k: v for k, v in data.items() if k not in ("verdict", "claim")}
        data["kind"] = "context"
    if isinstance(field, str):
        data[field] = value
    elif field[0] == "caveats":
        data["caveats"] = [value]
    else:
        data[field[0]][field[1]][field[2]] = value
    return data


def _check_reports(problems) -> None:
    for problem in problems:
        for line in (problem.format(), problem.format_github()):
            assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\x07" not in line
            assert line.isprintable(), repr(line)
        # one command at the start of the line: its properties hold no ':' or ',' of their own,
        # and every '%' is an escape, so nothing the value holds is read as a command
        command = re.fullmatch(r"::(error|warning) file=([^:,]*),line=\d+,col=\d+::(.*)",
                               problem.format_github())
        assert command, problem.format_github()
        assert re.fullmatch(r"(?:[^%]|%25|%0D|%0A)*", command.group(3)), command.group(3)


@settings(max_examples=int(os.environ.get("FC_SINK_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(SINK_FIELDS), DANGEROUS_TEXT)
def test_a_dangerous_value_in_any_field_is_refused_cleanly_or_inert_in_every_sink(field, value):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from adversarial.inert import sink_findings
    from factcheck.checking.catalog import load_catalog
    from factcheck.commands.validate import markdown_summary

    with tempfile.TemporaryDirectory(prefix="fc-sinks-") as scratch:
        root = make_project(Path(scratch) / "site", SCHEMA)
        (root / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
        raw = yaml.safe_dump(_document(field, value), allow_unicode=True)
        (root / "annotations" / "case.yaml").write_bytes(raw.encode("utf-8", "surrogatepass"))
        catalog = load_catalog(Project.at(root))
        _check_reports(catalog.problems)
        summary = markdown_summary(catalog, list(catalog.problems))
        for row in summary.splitlines():
            assert row.isprintable(), repr(row)
        if catalog.problems.errors:
            return
        out = Path(scratch) / "built"
        mkdocs_build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out)))
        for page in out.rglob("*.html"):
            assert scan(page.read_text(encoding="utf-8"), page.name)[0] == []
        assert sink_findings(out) == []
