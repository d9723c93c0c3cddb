"""Read one annotation file: strict, safe YAML with the position of every value.

Only a strict subset of YAML is accepted: no anchors or aliases, no explicit tags, no merge
keys, no duplicate keys, bounded size and depth. Every problem names a line and column, and
the mistakes people make with quotation marks are explained with the fix.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..model import Position
from .hygiene import character_name
from .yaml_document import MAX_DEPTH, PathKey, ScalarSpan, YamlDocument, YamlProblem
from .yaml_events import read_events

EMPTY = "file is empty; an annotation needs at least paragraph, quote, kind, note, author, created"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Free-text fields: a " #" after an unquoted value there starts a comment, and the rest of the
# line would be dropped without a word.
FREE_TEXT_KEYS = frozenset({"quote", "claim", "title", "author", "publisher", "supports",
                            "locator", "note", "since"})


def _position(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors, aliases, explicit tags and deep nesting."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        where = _position(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem("aliases (*name) are not allowed; write the value out in full",
                              where.line, where.col)
        if getattr(event, "anchor", None) is not None:
            raise YamlProblem(f"anchors (&{event.anchor}) are not allowed; write the value out "
                              "in full", where.line, where.col)
        if getattr(event, "tag", None) is not None:
            raise YamlProblem(f"explicit tags ({event.tag}) are not allowed; remove the tag",
                              where.line, where.col)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels; annotations need at most 4",
                              where.line, where.col)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def decode(raw: bytes) -> str:
    """Decode UTF-8 strictly, naming the line and column of the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem("file is not valid UTF-8; save it as UTF-8", line, col) from None
    return text.removeprefix("\ufeff")


_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):[ \t]+(['"])""")


def _quoting_problem(text: str, line: int, col: int) -> YamlProblem | None:
    """Explain a quoted value that ends before its line does (an apostrophe in '…', a " in "…")."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1]
    match = _QUOTED_VALUE.match(source)
    if not match or col - 1 <= match.end():
        return None
    key, quote = match.group(2), match.group(3)
    close = _closing_quote(source, match.end(), quote)
    if close is None or close + 1 >= col:
        return None
    if quote == "'":
        fix = (f"the value of '{key}' is in single quotes, so the ' at column {close + 1} ends it "
               "early; write the value in double quotes instead, use a typographic apostrophe "
               "’, or double the apostrophe ('')")
    else:
        fix = (f"the value of '{key}' is in double quotes, so the \" at column {close + 1} ends it "
               "early; write \\\" for a quotation mark inside it, use typographic quotation "
               "marks “ ”, or put the value in single quotes")
    return YamlProblem(fix, line, close + 1)


def _closing_quote(source: str, start: int, quote: str) -> int | None:
    """The index of the quote that closes the string opened at ``start - 1``."""
    index = start
    while index < len(source):
        char = source[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and source[index + 1 : index + 2] == "'":
                index += 2  # '' is an escaped apostrophe
                continue
            return index
        index += 1
    return None


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    if "expected a single document" in str(exc.context):
        return YamlProblem("a file holds exactly one annotation; remove the '---' line and "
                           "everything after it, or move it to its own file", line, col)
    quoting = _quoting_problem(text, line, col)
    if quoting is not None:
        return quoting
    message = f"YAML syntax: {exc.context}: {problem}" if exc.context else f"YAML syntax: {problem}"
    if "'\\t'" in problem:
        message += "; YAML does not allow tabs for indentation, use spaces"
    elif "mapping values are not allowed" in problem:
        message += "; a value that holds ': ' must be in quotes"
    return YamlProblem(message, line, col)


def _is_blank(text: str) -> bool:
    return not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def parse(text: str) -> YamlDocument:
    """Parse YAML text into plain Python values plus their positions.

    Raises :class:`YamlProblem` for the first problem: YAML cannot recover from a syntax
    error, and a duplicate key makes the rest of the mapping ambiguous.
    """
    if _is_blank(text):
        raise YamlProblem(EMPTY)
    document = read_events(text) or _parse_strictly(text)
    _check_dropped_comments(document, text)
    return document


def _parse_strictly(text: str) -> YamlDocument:
    loader = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        raise YamlProblem(f"{character_name(char)} is not allowed in YAML; delete it",
                          line, col) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels") from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style):
        raise YamlProblem(EMPTY)
    document = YamlDocument(data=None)
    document.data = _construct(loader, node, (), document)
    return document


def _construct(loader: _StrictLoader, node: yaml.Node, path: PathKey, doc: YamlDocument) -> Any:
    doc.positions[path] = _position(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            where = _position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                raise YamlProblem("keys must be plain field names", where.line, where.col)
            key = key_node.value  # as written, also when YAML would read it as a number or date
            if key in result:
                first = doc.key_positions[path + (key,)]
                raise YamlProblem(
                    f"duplicate key '{key}' (first at line {first.line}); "
                    "YAML would silently keep only the last one, so remove one of them",
                    where.line, where.col)
            doc.key_positions[path + (key,)] = where
            result[key] = _construct(loader, value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, path + (index,), doc) for index, item in enumerate(node.value)]
    doc.scalars[path] = ScalarSpan(node.start_mark.index, node.end_mark.index,
                                   node.style or None,  # libyaml writes plain style as ""
                                   node.value)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        where = _position(node.start_mark)
        raise YamlProblem(f"YAML cannot read the unquoted value {node.value!r} ({exc}); "
                          "put it in quotes", where.line, where.col) from None


def _check_dropped_comments(document: YamlDocument, text: str) -> None:
    """Refuse an unquoted free-text value followed by `` #…``: YAML drops that part silently."""
    for path, span in document.scalars.items():
        if span.style is not None or not path or path[-1] not in FREE_TEXT_KEYS:
            continue
        line_end = text.find("\n", span.end)
        rest = text[span.end : len(text) if line_end < 0 else line_end]
        if rest.lstrip().startswith("#"):
            offset = span.end + len(rest) - len(rest.lstrip())
            line = text.count("\n", 0, offset) + 1
            raise YamlProblem(f"'{path[-1]}' is not in quotes, so YAML reads ' #' and what follows "
                              "as a comment and drops it; put the whole value in double quotes",
                              line, offset - text.rfind("\n", 0, offset))


def load_bytes(raw: bytes) -> YamlDocument:
    return parse(decode(raw))
