"""A fast reader for the common case: values and positions straight from libyaml's events.

libyaml is written in C and several times faster than PyYAML's own parser. This reader builds
the same :class:`YamlDocument` the strict pure-Python loader builds, for files that hold none
of what that loader refuses or words specially; for anything else it gives up (returns None)
and the pure-Python loader reads the file and explains the problem.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from ..model import Position
from .yaml_document import MAX_DEPTH, PathKey, ScalarSpan, YamlDocument

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


class _Reader:
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


def read_events(text: str) -> YamlDocument | None:
    """The document, or None when the pure-Python loader must read (and explain) the file."""
    if _CParser is None or yaml.SafeLoader.yaml_path_resolvers:
        return None
    if "\t" in text or "\ufeff" in text:
        # libyaml accepts tabs between tokens where PyYAML refuses them, and it counts a byte
        # order mark in columns but not at the start, where PyYAML does the opposite
        return None
    parser = _CParser(text)
    try:
        return _Reader(parser).read()
    except Exception:  # noqa: BLE001 - whatever it is, the pure-Python parser explains it
        return None
    finally:
        parser.dispose()
