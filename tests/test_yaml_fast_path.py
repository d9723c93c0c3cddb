"""libyaml reads valid annotation files; PyYAML's own parser explains every problem."""

from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SCHEMA, load_script
from factcheck.checking import yaml_events
from factcheck.checking import yaml_reader as yaml_loader

synthetic_site = load_script("synthetic_site")
SiteShape, generate_site = synthetic_site.SiteShape, synthetic_site.generate_site

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")

FILES = [path for folder in ("annotations", "tests/fixtures/site/annotations",
                              "tests/adversarial/cases")
         for path in sorted((ROOT / folder).glob("*.yaml"))]


def pure_python(monkeypatch, raw: bytes):
    with monkeypatch.context() as patch:
        patch.setattr(yaml_events, "_CParser", None)
        return yaml_loader.load_bytes(raw)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fast_path_gives_the_same_values_and_positions(path: Path, monkeypatch):
    raw = path.read_bytes()
    try:
        slow = pure_python(monkeypatch, raw)
    except yaml_loader.YamlProblem as problem:
        with pytest.raises(yaml_loader.YamlProblem) as fast_problem:
            yaml_loader.load_bytes(raw)
        assert (fast_problem.value.message, fast_problem.value.line, fast_problem.value.col) == (
            problem.message, problem.line, problem.col)
        return
    fast = yaml_loader.load_bytes(raw)
    assert fast.data == slow.data
    assert fast.positions == slow.positions
    assert fast.key_positions == slow.key_positions
    assert fast.scalars == slow.scalars


def test_libyaml_reads_the_project_files():
    project = [path for path in FILES if "adversarial" not in path.parts]
    assert len(project) > 3
    for path in project:
        assert yaml_events.read_events(yaml_loader.decode(path.read_bytes())) is not None, path.name


@pytest.mark.parametrize("text", [
    "paragraph: &a x\nquote: *a\n",
    "paragraph: !!str x\n",
    "paragraph: x\nparagraph: y\n",
    "paragraph: [x\n",
    "quote: \"unterminated\n",
])
def test_problems_are_reported_by_the_pure_python_parser(text, monkeypatch):
    with pytest.raises(yaml_loader.YamlProblem) as fast:
        yaml_loader.load_bytes(text.encode())
    with pytest.raises(yaml_loader.YamlProblem) as slow:
        pure_python(monkeypatch, text.encode())
    assert (fast.value.message, fast.value.line, fast.value.col) == (
        slow.value.message, slow.value.line, slow.value.col)


def read_both_ways(text: str):
    """What the fast reader and the pure-Python path make of ``text``; asserts they agree."""
    def outcome():
        try:
            document = yaml_loader.parse(text)
        except yaml_loader.YamlProblem as problem:
            return "problem", problem.message, problem.line, problem.col
        return ("document", repr(document.data), document.positions, document.key_positions,
                document.scalars)

    fast = outcome()
    with mock.patch.object(yaml_events, "_CParser", None):
        slow = outcome()
    assert fast == slow, text
    return fast


@pytest.fixture(scope="module")
def synthetic_texts(tmp_path_factory):
    site = generate_site(tmp_path_factory.mktemp("synthetic"), SCHEMA,
                         SiteShape(pages=3, paragraphs=10, annotations=150))
    return [path.read_text(encoding="utf-8")
            for path in sorted((site.root / "annotations").glob("*.yaml"))]


def test_synthetic_annotations_are_read_fast_and_the_same(synthetic_texts):
    assert len(synthetic_texts) == 150
    for text in synthetic_texts:
        assert yaml_events.read_events(text) is not None
        assert read_both_ways(text)[0] == "document"


TRICKY_VALUES = [
    "yes", "no", "on", "off", "Yes", "NO", "true", "False", "y", "n", "~", "null", "Null", "",
    "1e3", "1.0e+3", "0x1F", "0o17", "017", "0b101", "-0", "+12", "1_000", "190:20:30", "12:30",
    "2026-11-26", "2026-11-26 12:30:00", "2026-11-26T12:30:00Z", "2026-1-2", "2026-11",
    ".inf", "-.Inf", ".nan", ".NaN", "1.5", "3.", ".5", "6.8523015e+5", "=", "<<",
    "'1'", '"2026-11-26"', "'yes'", '"~"', "'it''s'", '"tab\\there \\u00e9 \\U0001F600"',
    "café ’quoted’ 中文", "a # not a comment? no", "http://www.example-agency.org/a?b=c#d",
    "text with: colon", "- not a list", "key:value", "@at", "`tick",
]


@pytest.mark.parametrize("value", TRICKY_VALUES)
def test_tricky_scalars_as_values_items_and_flow(value):
    for text in (f"a: {value}\nb: x\n", f"items:\n  - {value}\n  - z\n"):
        if read_both_ways(text)[0] == "document" and value:  # empty values are left to PyYAML
            assert yaml_events.read_events(text) is not None, text
    for text in (f"flow: [{value}, 1]\n", f"m: {{k: {value}}}\n"):  # always left to PyYAML
        read_both_ways(text)
        assert yaml_events.read_events(text) is None


BLOCKS = [
    "note: |\n  line one\n  line two\n", "note: >\n  folded\n  text\n\n  para\n",
    "note: |-\n  kept\n", "note: >-\n  a\n  b\n", "note: |+\n  trail\n\n", "note: |2\n   indented\n",
    "quote: plain words\n  continued on\n  more lines\nnext: 1\n",
    "quote: 'single\n  quoted lines'\n", 'quote: "double\\\n  escaped"\n',
    "empty: ~\nalso: ''\nnone: null\n", "list:\n- a\n- ''\n- ~\n",
    "sources:\n  - title: T\n    url: https://x.org\n  - title: U\n    tags:\n      - a\n",
    "deep:\n  - - - a: 1\n        b:\n          - c\n", "'quoted key': 1\n\"dq\": 2\n",
    "a: 1 # comment\n# comment\nb: 2\n", "--- \na: 1\n...\n", "%YAML 1.1\n---\na: 1\n",
    "\u00e9t\u00e9: caf\u00e9\nz: \U0001F600 smile\n", "a:   spaced value   \n",
    "- a\n- b: 1\n  c: 2\n",
]


@pytest.mark.parametrize("text", BLOCKS)
def test_block_scalars_multiline_values_and_nesting(text):
    assert read_both_ways(text)[0] == "document"
    assert yaml_events.read_events(text) is not None


REFUSED = [
    "a: &x 1\n", "a: *x\n", "a: !!str 1\n", "a: ! x\n", "a: !local x\n", "<<: {b: 1}\n",
    "a: 1\na: 2\n", "empty:\nb: 1\n", "list:\n- a\n-\n", "? a\n", "f: [a, , b]\n",
    "f: [http://x.org/a?b, 1]\n", "\ufeffa: 1\n", "=: x\n", "2026-13-45: x\n",
    "a: b\t\n", "- a\t# c\n", "a: \tb\n", "a: 'q'\t\n", "note: |\n  x\ty\n", "a\ufeff: a\n",
    "1: x\n", "true: x\n", "~: x\n", ": x\n", "? [a]\n: 1\n", "? {a: 1}\n: 1\n",
    "a: 1\n---\nb: 2\n", "a: 2026-13-45\n", "x: =\n", "y: <<\n", "just a value\n", "---\n",
    "a: [1, 2\n", "a:\n\t- b\n", "a: \"\\q\"\n", "a: b: c\n", "- a\nb: 1\n",
    "a: " + "[" * 13 + "]" * 13 + "\n", "a: " + "[" * 11 + "]" * 11 + "\n",
    "k:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 13)) + "  " * 13 + "v\n",
]


@pytest.mark.parametrize("text", REFUSED)
def test_refused_and_odd_files_give_the_pure_python_answer(text):
    read_both_ways(text)


FRAGMENTS = ["a", "key", ": ", ":", "- ", "\n", "  ", " ", "'", '"', "|", ">", "-", "#", "&x ",
             "*x", "!!str ", "! ", "~", "yes", "1e3", "0x1F", "2026-11-26", "12:30", ".inf",
             "{", "}", "[", "]", ", ", "? ", "\t", "\u00e9", "\u2019", "---\n", "...\n", "<<",
             "\\", "%", "@", "`", "=", "\r\n", "\r", "\u0085", "\u2028", "\u2029", "\x0c",
             "\U0001F600", "\ufeff", "\u00a0", "\u3000"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_fragments_of_yaml_read_the_same_both_ways(text):
    if text.strip():
        read_both_ways(text)


KEYS = st.sampled_from(["paragraph", "quote", "note", "sources", "url", "k", "ключ", "a b"])
SCALARS = st.one_of(
    st.sampled_from(TRICKY_VALUES),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).map(
        lambda s: "'" + s.replace("'", "''") + "'"),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12).map(
        lambda s: '"' + s.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'),
)


def render(value, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{render(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {render(item) if item else '[]'}\n")
        return "".join(lines)
    if isinstance(value, list):
        return "".join(f"{pad}- {render(item).strip() if not isinstance(item, (dict, list)) else ''}\n"
                       if not isinstance(item, (dict, list)) or not item
                       else f"{pad}-\n{render(item, indent + 2)}" for item in value)
    return value


DOCUMENTS = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, DOCUMENTS, min_size=1, max_size=4))
def test_generated_documents_read_the_same_both_ways(document):
    read_both_ways(render(document))


REAL_TEXTS = [path.read_text(encoding="utf-8") for path in FILES
              if "adversarial" not in path.parts]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(REAL_TEXTS), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3),
                                                       st.sampled_from(FRAGMENTS)), max_size=3))
def test_edited_real_annotations_read_the_same_both_ways(text, edits):
    for where, removed, fragment in edits:
        at = int(where * len(text))
        text = text[:at] + fragment + text[at + removed:]
    read_both_ways(text)
