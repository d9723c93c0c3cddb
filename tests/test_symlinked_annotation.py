"""An annotation file that is a symbolic link is refused without being read: in a pull request
it could point at any file of the machine that checks it."""

from __future__ import annotations

import pytest

from conftest import run_validate

SECRET = "SECRET-TOKEN-1234"


@pytest.mark.parametrize("cache", [False, True])
def test_a_linked_file_is_refused_and_its_target_never_shown(fixture_site, tmp_path, cache):
    outside = tmp_path / "outside.yaml"
    outside.write_text(f'paragraph: curse\nquote: "{SECRET}"\nkind: context\n{SECRET}: 1\n',
                       encoding="utf-8")
    (fixture_site / "annotations" / "leak.yaml").symlink_to(outside)
    args = [] if cache else ["--no-cache"]
    result = run_validate("--root", str(fixture_site), *args)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "annotations/leak.yaml:1:1: error: annotation files must be files, not symbolic links; "
        "put the annotation itself in annotations/"]
    assert SECRET not in result.stdout + result.stderr


def test_a_link_to_an_endless_device_does_not_hang(fixture_site):
    (fixture_site / "annotations" / "zero.yaml").symlink_to("/dev/zero")
    result = run_validate("--root", str(fixture_site))
    assert result.returncode == 1
    assert "annotations/zero.yaml:1:1: error: annotation files must be files" in result.stdout


def _drifted_link(fixture_site, tmp_path, target):
    """A linked annotation whose quote the essay has drifted from, for --fix-quotes."""
    essay = fixture_site / "docs" / "index.md"
    essay.write_text(essay.read_text(encoding="utf-8").replace("the toy projects", "the toy project"),
                     encoding="utf-8")
    (fixture_site / "annotations" / "linked.yaml").symlink_to(target)


def test_fix_quotes_never_writes_through_a_link(fixture_site, tmp_path):
    outside = tmp_path / "outside.yaml"
    text = ('paragraph: real-projects\nquote: "the toy projects they worked on"\nkind: editorial\n'
            'note: A note.\nauthor: A\ncreated: "2026-11-26"\n')
    outside.write_text(text, encoding="utf-8")
    _drifted_link(fixture_site, tmp_path, outside)
    result = run_validate("--root", str(fixture_site), "--fix-quotes")
    assert outside.read_text(encoding="utf-8") == text  # the file outside is untouched
    assert (fixture_site / "annotations" / "linked.yaml").is_symlink()
    assert "annotations/linked.yaml:1:1: error: annotation files must be files" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_fix_quotes_reads_no_endless_device_and_no_folder(fixture_site, tmp_path):
    _drifted_link(fixture_site, tmp_path, "/dev/zero")
    (fixture_site / "annotations" / "folder.yaml").mkdir()
    result = run_validate("--root", str(fixture_site), "--fix-quotes")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "annotations/folder.yaml:1:1: error: this is a folder, not a file" in result.stdout
    assert "annotations/linked.yaml:1:1: error: annotation files must be files" in result.stdout


def test_stray_files_and_folders_in_annotations_are_reported(fixture_site):
    folder = fixture_site / "annotations"
    (folder / "upper.YAML").write_text("x: 1\n", encoding="utf-8")
    (folder / "short.yml").write_text("x: 1\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.yaml").write_text("x: 1\n", encoding="utf-8")
    (folder / "notes.txt").write_text("scratch\n", encoding="utf-8")
    (folder / ".hidden-editor-file").write_text("x\n", encoding="utf-8")
    result = run_validate("--root", str(fixture_site))
    lines = result.stdout.splitlines()
    assert "annotations/upper.YAML:1:1: error: annotation files end in .yaml in lowercase; rename it " \
           "to upper.yaml, or it is never checked" in lines
    assert any(line.startswith("annotations/short.yml:1:1: error: annotation files end in .yaml")
               for line in lines)
    assert any(line.startswith("annotations/sub:1:1: error: this folder holds 1 YAML file(s)")
               for line in lines)
    assert "annotations/notes.txt:1:1: warning: not an annotation file (those are " \
           "annotations/<id>.yaml); it is ignored" in lines
    assert not any(".hidden-editor-file" in line for line in lines)
