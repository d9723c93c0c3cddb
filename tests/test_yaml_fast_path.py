"""libyaml reads valid annotation files; PyYAML's own parser explains every problem."""

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from factcheck import yaml_loader

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")

FILES = [path for folder in ("annotations", "tests/fixtures/site/annotations",
                              "tests/adversarial/cases")
         for path in sorted((ROOT / folder).glob("*.yaml"))]


def pure_python(monkeypatch, raw: bytes):
    with monkeypatch.context() as patch:
        patch.setattr(yaml_loader, "_FastStrictLoader", None)
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
        node, loader = yaml_loader._fast_compose(yaml_loader.decode(path.read_bytes()))
        assert loader is not None and node is not None, path.name


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
