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
