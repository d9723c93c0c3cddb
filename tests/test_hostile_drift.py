"""When the essay changes under the annotations: every affected one fails with its position and
a suggestion, and ``validate.py --fix-quotes`` repairs only what is unambiguous."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import build, write
from factcheck.checking.catalog import Project, load_catalog
from factcheck.commands.validate import main, repair
from factcheck.rendering import mkdocs_plugin

ANNOTATION = """\
paragraph: {paragraph}
quote: {quote}
kind: editorial
note: About the wording.
author: A
created: "2026-11-26"
"""


def annotate(site: Path, name: str, paragraph: str, quote: str) -> Path:
    return write(site / "annotations" / f"{name}.yaml",
                 ANNOTATION.format(paragraph=paragraph, quote=quote))


def edit_essay(site: Path, old: str, new: str) -> None:
    essay = site / "docs" / "index.md"
    text = essay.read_text(encoding="utf-8")
    assert old in text
    essay.write_text(text.replace(old, new), encoding="utf-8")


def messages(site: Path) -> list[str]:
    return [p.format() for p in load_catalog(Project.at(site)).problems]


def test_a_changed_word_fails_with_file_line_paragraph_and_closest_passage(fixture_site):
    annotate(fixture_site, "toy", "real-projects", '"instead of the toy projects they worked on"')
    edit_essay(fixture_site, "the toy projects", "the sandbox projects")
    assert messages(fixture_site) == [
        "annotations/toy.yaml:2:8: error: quote not found in paragraph 'real-projects'; "
        'closest: "instead of the sandbox projects they worked on."']


def test_a_split_paragraph_fails_for_the_quote_that_moved(fixture_site):
    annotate(fixture_site, "toy", "real-projects", '"the toy projects they worked on"')
    edit_essay(fixture_site, "projects instead of the toy projects they worked on.\n",
               "projects.\n{: #p-real-projects }\n\nInstead of the toy projects they worked on.\n")
    edit_essay(fixture_site, "worked on.\n{: #p-real-projects }", "worked on.\n{: #p-toy-projects }")
    found = messages(fixture_site)
    assert len(found) == 1
    assert found[0] == ("annotations/toy.yaml:2:8: error: quote not found in paragraph "
                        "'real-projects'; it is in paragraph 'toy-projects': set "
                        "'paragraph: toy-projects'")


def test_a_merged_paragraph_names_every_annotation_that_pointed_at_its_id(fixture_site):
    edit_essay(fixture_site, "worked on.\n{: #p-real-projects }\n\nWe still", "worked on. We still")
    edit_essay(fixture_site, "{: #p-curse }", "{: #p-real-projects }")
    assert messages(fixture_site) == [
        "annotations/curse-data.yaml:2:12: error: unknown paragraph 'curse'; "
        "see the ¶ permalinks on the essay page",
        "annotations/curse-quote.yaml:2:12: error: unknown paragraph 'curse'; "
        "see the ¶ permalinks on the essay page",
        "docs/index.md:1:1: error: the essay has no paragraph 'p-curse' but 2 annotations point "
        "at it: annotations/curse-data.yaml, annotations/curse-quote.yaml; "
        "restore the id or update them",
    ]


def test_a_renamed_id_lists_each_annotation_and_a_summary(fixture_site):
    edit_essay(fixture_site, "{: #p-curse }", "{: #p-the-curse }")
    found = messages(fixture_site)
    assert [line.split(":")[0] for line in found] == [
        "annotations/curse-data.yaml", "annotations/curse-quote.yaml", "docs/index.md"]
    assert all("'curse'; did you mean 'the-curse'?" in line for line in found[:2])
    assert ("the essay has no paragraph 'p-curse' but 2 annotations point at it: "
            "annotations/curse-data.yaml, annotations/curse-quote.yaml") in found[2]


def test_a_removed_paragraph_fails_its_annotation(fixture_site):
    annotate(fixture_site, "plain-link", "plain", '"A paragraph with a link"')
    assert messages(fixture_site) == []
    edit_essay(fixture_site, "A paragraph with a [link to somewhere](https://www.example-agency.org/) and no "
               "annotation.\n{: #p-plain }\n", "")
    found = messages(fixture_site)
    assert found == ["annotations/plain-link.yaml:1:12: error: unknown paragraph 'plain'; "
                     "see the ¶ permalinks on the essay page"]


def test_the_build_fails_on_drift_and_never_repairs(fixture_site, caplog):
    path = annotate(fixture_site, "toy", "real-projects", '"the toy projects they worked on"')
    before = path.read_bytes()
    edit_essay(fixture_site, "the toy projects", "the toy project")
    with pytest.raises((PluginError, Abort)) as caught:
        build(fixture_site)
    assert "toy.yaml:2:8: error: quote not found" in str(caught.value) + caplog.text
    assert path.read_bytes() == before
    assert "fix_quotes" not in Path(mkdocs_plugin.__file__).read_text(encoding="utf-8")


# --fix-quotes ---------------------------------------------------------------------------------

def fix(site: Path) -> str:
    out = io.StringIO()
    repair(load_catalog(Project.at(site)), Project.at(site), out=out)
    return out.getvalue()


@pytest.mark.parametrize("written, repaired", [
    ('"the toy projects they worked on"', '"the toy project they worked on"'),
    ('"the toy projects  they worked"', '"the toy project they worked"'),
    ("'the toy projects they worked on'", "'the toy project they worked on'"),
    ("the toy projects they worked on", "the toy project they worked on"),
])
def test_fix_quotes_rewrites_only_the_quote_in_its_own_style(fixture_site, written, repaired):
    path = annotate(fixture_site, "toy", "real-projects", written)
    before = path.read_text(encoding="utf-8")
    edit_essay(fixture_site, "the toy projects", "the toy project")
    diff = fix(fixture_site)
    assert f"-quote: {written}\n+quote: {repaired}\n" in diff
    assert diff.startswith("--- a/annotations/toy.yaml\n+++ b/annotations/toy.yaml\n")
    assert path.read_text(encoding="utf-8") == before.replace(written, repaired)
    assert messages(fixture_site) == []


def test_fix_quotes_keeps_bom_crlf_and_comments_byte_for_byte(fixture_site):
    path = fixture_site / "annotations" / "toy.yaml"
    text = "\ufeff# keep me  \r\n" + ANNOTATION.format(
        paragraph="real-projects", quote='"the toy projects they worked on"  # trailing').replace(
        "\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    edit_essay(fixture_site, "the toy projects", "the toy project")
    fix(fixture_site)
    expected = text.replace('"the toy projects they worked on"', '"the toy project they worked on"')
    assert path.read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize("quote, reason", [
    ("|\n  the toy projects they worked on", "block scalar"),
    ('"the toy projects\n  they worked on"', "written over several lines"),
    ('"completely different words here"', "only"),
])
def test_fix_quotes_refuses_what_it_cannot_rewrite_safely(fixture_site, quote, reason):
    path = annotate(fixture_site, "toy", "real-projects", quote)
    edit_essay(fixture_site, "the toy projects", "the toy project")
    before = path.read_bytes()
    output = fix(fixture_site)
    assert output.startswith("annotations/toy.yaml:2:8: not fixed: ")
    assert reason in output
    assert path.read_bytes() == before


def test_fix_quotes_refuses_when_two_passages_are_equally_close(fixture_site):
    edit_essay(fixture_site, "{: #p-plain }", "{: #p-plain }\n\nalpha beta gamma delta, and alpha beta "
               "gamma delta.\n{: #p-twice }")
    path = annotate(fixture_site, "twice", "twice", '"alpha beta gamma deltx"')
    before = path.read_bytes()
    output = fix(fixture_site)
    assert "two passages are about equally close" in output
    assert path.read_bytes() == before


def test_validate_fix_quotes_repairs_then_reports_what_remains(fixture_site, capsys):
    annotate(fixture_site, "toy", "real-projects", '"the toy projects they worked on"')
    annotate(fixture_site, "lost", "real-projects", '"nothing like this at all"')
    edit_essay(fixture_site, "the toy projects", "the toy project")
    status = main(["--root", str(fixture_site), "--fix-quotes"])
    output = capsys.readouterr()
    assert status == 1
    assert "+quote: \"the toy project they worked on\"" in output.out
    assert "annotations/lost.yaml:2:8: not fixed:" in output.out
    assert "annotations/lost.yaml:2:8: error: quote not found" in output.out
    assert "annotations/toy.yaml:2:8: error" not in output.out
