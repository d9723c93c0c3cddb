import pytest

from factcheck.checking.yaml_reader import YamlProblem, load_bytes
from factcheck.model import Position


def problem(raw: bytes) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        load_bytes(raw)
    return caught.value


def test_positions_of_values_are_one_based_lines_and_columns():
    doc = load_bytes(b"# comment\nparagraph: tax\nsources:\n  - title: T\n    url: https://x.org\n")
    assert doc.data == {"paragraph": "tax", "sources": [{"title": "T", "url": "https://x.org"}]}
    assert doc.position(("paragraph",)) == Position(2, 12)
    assert doc.position(("sources", 0, "url")) == Position(5, 10)
    assert doc.position(("sources", 0, "missing")) == Position(4, 5)  # nearest ancestor


def test_duplicate_key_is_an_error_at_the_second_key():
    error = problem(b"quote: a\nnote: b\nquote: c\n")
    assert (error.line, error.col) == (3, 1)
    assert "duplicate key 'quote' (first at line 1)" in error.message


def test_anchors_aliases_and_tags_are_refused():
    assert "anchors" in problem(b"a: &x 1\nb: *x\n").message
    assert "explicit tags" in problem(b"a: !!python/object:os.system x\n").message
    assert "explicit tags" in problem(b"a: !custom x\n").message


def test_syntax_error_names_its_line():
    error = problem(b"paragraph: a\nquote: [unclosed\nnote: x\n")
    assert error.message.startswith("YAML syntax:")
    assert error.line >= 2


def test_empty_and_comment_only_files_are_errors():
    assert "empty" in problem(b"").message
    assert "empty" in problem(b"# just a comment\n").message


def test_invalid_utf8_names_line_and_column_of_the_bad_byte():
    error = problem(b"paragraph: a\nquote: caf\xe9\n")
    assert (error.line, error.col) == (2, 11)
    assert "UTF-8" in error.message


def test_oversized_file_is_refused_unread(tmp_path):
    import pytest

    from factcheck.checking.project import UnreadableFile, read_annotation_file

    path = tmp_path / "big.yaml"
    path.write_bytes(b"note: " + b"x" * 70_000)
    with pytest.raises(UnreadableFile, match="limit"):
        read_annotation_file(path)


def test_keys_are_kept_as_written_even_when_yaml_cannot_read_them_as_a_value():
    doc = load_bytes(b"=: x\n2026-13-45: y\n1: z\n")
    assert doc.data == {"=": "x", "2026-13-45": "y", "1": "z"}
    assert doc.key_positions[("2026-13-45",)] == Position(2, 1)
