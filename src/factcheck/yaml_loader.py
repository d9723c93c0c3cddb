"""Load one annotation file with PyYAML's safe loader, keeping the position of every value.

Only a strict subset of YAML is accepted: no anchors or aliases, no explicit tags, no merge
keys, no duplicate keys, bounded size and depth. Every problem names a line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import yaml

from .hygiene import character_name
from .model import Position

MAX_FILE_BYTES = 64 * 1024
MAX_DEPTH = 12

PathKey = tuple  # a path into the document: keys and list indices


class ScalarSpan(NamedTuple):  # a named tuple: made for every value, and cheaply
    """Where a scalar value sits in the file text: ``text[start:end]``, and how it is written."""

    start: int
    end: int
    style: str | None  # None (plain), "'", '"', "|" or ">"
    source: str  # the value as written, before YAML typed it


@dataclass
class YamlDocument:
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)  # value positions
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    scalars: dict[PathKey, ScalarSpan] = field(default_factory=dict)

    def written_as(self, path: PathKey) -> str | None:
        """The source text of an unquoted scalar YAML read as something other than a string."""
        span = self.scalars.get(tuple(path))
        return span.source if span and span.style is None else None

    def position(self, path: PathKey) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(1, 1))


class YamlProblem(Exception):
    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


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
            raise YamlProblem(
                "aliases (*name) are not allowed; write the value out in full", where.line, where.col
            )
        if getattr(event, "anchor", None) is not None:
            raise YamlProblem(
                f"anchors (&{event.anchor}) are not allowed; write the value out in full",
                where.line,
                where.col,
            )
        if getattr(event, "tag", None) is not None:
            raise YamlProblem(
                f"explicit tags ({event.tag}) are not allowed; remove the tag", where.line, where.col
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlProblem(
                f"nesting deeper than {MAX_DEPTH} levels; annotations need at most 4",
                where.line,
                where.col,
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_CParser = yaml.cyaml.CParser if yaml.__with_libyaml__ else None
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _LeaveIt(Exception):
    """The fast reader met something it leaves to the pure-Python parser to explain."""


@lru_cache(maxsize=4096)
def _at(line: int, column: int) -> Position:
    return Position(line + 1, column + 1)  # Position is frozen, so one instance can be shared


def _plain_tag(value: str) -> str:
    """The tag SafeLoader's resolver gives an unquoted scalar (``Resolver.resolve``)."""
    resolvers = yaml.SafeLoader.yaml_implicit_resolvers
    for tag, regexp in resolvers.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    for tag, regexp in resolvers.get(None, ()):
        if regexp.match(value):
            return tag
    return _STR_TAG


class _FastReader:
    """Builds a :class:`YamlDocument` straight from libyaml's event stream.

    It does what ``_StrictLoader`` plus ``_construct`` do, without building nodes, for the
    files that have none of the things those refuse; anything else raises :class:`_LeaveIt`.
    """

    def __init__(self, parser):
        self.next_event = parser.get_event
        self.document = YamlDocument(data=None)
        self.positions, self.scalars = self.document.positions, self.document.scalars
        self.constructor: yaml.constructor.SafeConstructor | None = None

    def read(self) -> YamlDocument:
        kinds = [type(self.next_event()) for _ in range(2)]
        if kinds != [yaml.StreamStartEvent, yaml.DocumentStartEvent]:
            raise _LeaveIt
        root = self.next_event()
        if type(root) not in (_MAPPING_START, _SEQUENCE_START):
            raise _LeaveIt  # an empty or one-value file: the full path words the message
        self.document.data = self.value(root, (), 1)
        if [type(self.next_event()) for _ in range(2)] != [yaml.DocumentEndEvent,
                                                           yaml.StreamEndEvent]:
            raise _LeaveIt
        return self.document

    def value(self, event, path: PathKey, depth: int) -> Any:
        kind = type(event)
        if kind is _ALIAS or event.anchor is not None or event.tag is not None or depth > MAX_DEPTH:
            raise _LeaveIt
        mark = event.start_mark
        self.positions[path] = _at(mark.line, mark.column)
        if kind is _SCALAR:
            value, plain = event.value, event.implicit[0]
            if plain and not value:
                raise _LeaveIt  # libyaml places some empty values (in [ ] or { }, after ?) elsewhere
            self.scalars[path] = ScalarSpan(mark.index, event.end_mark.index, event.style or None,
                                            value)
            if not plain:
                return value  # quoted and block scalars are always strings
            tag = _plain_tag(value)
            return value if tag == _STR_TAG else self.construct(tag, event)
        if kind is not _MAPPING_START and kind is not _SEQUENCE_START or event.flow_style:
            raise _LeaveIt  # in [ ] and { } libyaml splits and places values unlike PyYAML
        return self.mapping(path, depth) if kind is _MAPPING_START else self.sequence(path, depth)

    def mapping(self, path: PathKey, depth: int) -> dict:
        result: dict[str, Any] = {}
        key_positions, next_event = self.document.key_positions, self.next_event
        while True:
            event = next_event()
            kind = type(event)
            if kind is _MAPPING_END:
                return result
            if (kind is not _SCALAR or depth >= MAX_DEPTH or event.anchor is not None
                    or event.tag is not None):
                raise _LeaveIt
            key = event.value
            if key in result or (event.implicit[0] and (not key or _plain_tag(key) == _MERGE_TAG)):
                raise _LeaveIt  # duplicates, merge keys (<<) and empty keys
            key_path = path + (key,)
            mark = event.start_mark
            key_positions[key_path] = _at(mark.line, mark.column)
            result[key] = self.value(next_event(), key_path, depth + 1)

    def sequence(self, path: PathKey, depth: int) -> list:
        result: list[Any] = []
        while True:
            event = self.next_event()
            if type(event) is _SEQUENCE_END:
                return result
            result.append(self.value(event, path + (len(result),), depth + 1))

    def construct(self, tag: str, event) -> Any:
        """A number, date, true/false or null, by SafeLoader's own constructors."""
        if self.constructor is None:
            self.constructor = yaml.constructor.SafeConstructor()
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.constructor.construct_object(node, deep=True)


def _fast_parse(text: str) -> YamlDocument | None:
    """Read a file with libyaml's parser, which is written in C: several times faster.

    Returns None on any problem, and the pure-Python parser then reads the file again, so
    that messages and positions are always those of PyYAML's own parser.
    """
    if _CParser is None or yaml.SafeLoader.yaml_path_resolvers:
        return None
    if "\t" in text or "\ufeff" in text:
        # libyaml accepts tabs between tokens where PyYAML refuses them, and it counts a byte
        # order mark in columns but not at the start, where PyYAML does the opposite
        return None
    parser = _CParser(text)
    try:
        return _FastReader(parser).read()
    except Exception:  # noqa: BLE001 - whatever it is, the pure-Python parser explains it
        return None
    finally:
        parser.dispose()


def decode(raw: bytes) -> str:
    """Decode UTF-8 strictly, naming the line and column of the first bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            f"file is {len(raw)} bytes, over the {MAX_FILE_BYTES}-byte limit; "
            "an annotation should be a few kilobytes"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem("file is not valid UTF-8; save it as UTF-8", line, col) from None
    return text.removeprefix("\ufeff")


EMPTY = "file is empty; an annotation needs at least paragraph, quote, kind, note, author, created"


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    if "expected a single document" in str(exc.context):
        return YamlProblem("a file holds exactly one annotation; remove the '---' line and "
                           "everything after it, or move it to its own file", line, col)
    message = f"YAML syntax: {exc.context}: {problem}" if exc.context else f"YAML syntax: {problem}"
    if "'\\t'" in problem:
        message += "; YAML does not allow tabs for indentation, use spaces"
    return YamlProblem(message, line, col)


def parse(text: str) -> YamlDocument:
    """Parse YAML text into plain Python values plus their positions.

    Raises :class:`YamlProblem` for the first problem: YAML cannot recover from a syntax
    error, and a duplicate key makes the rest of the mapping ambiguous.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem(EMPTY)
    fast = _fast_parse(text)
    if fast is not None:
        return fast
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
        raise _syntax_problem(exc) from None
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
                    where.line,
                    where.col,
                )
            doc.key_positions[path + (key,)] = where
            result[key] = _construct(loader, value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, path + (index,), doc) for index, item in enumerate(node.value)
        ]
    doc.scalars[path] = ScalarSpan(node.start_mark.index, node.end_mark.index,
                                   node.style or None,  # libyaml writes plain style as ""
                                   node.value)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        where = _position(node.start_mark)
        raise YamlProblem(f"YAML cannot read the unquoted value {node.value!r} ({exc}); "
                          "put it in quotes", where.line, where.col) from None


def load_bytes(raw: bytes) -> YamlDocument:
    return parse(decode(raw))
