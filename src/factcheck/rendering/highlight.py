"""Wrap character ranges of an element's text in highlight elements.

ElementTree keeps text in ``.text`` and ``.tail`` attributes, which makes splitting awkward,
so the element's content is lifted into a small node tree with explicit text nodes, wrapped,
and lowered back. A range that crosses inline markup (``the <em>real</em> projects``) becomes
one highlight around the siblings when it can, and several fragments when it must (a range
that only partly overlaps another highlight).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from ..checking.essay import UI_ATTRIBUTE


class _Text:
    __slots__ = ("value",)

    def __init__(self, value: str):
        self.value = value


class _Node:
    __slots__ = ("tag", "attrib", "children", "length")

    def __init__(self, tag: str, attrib: dict, children: list):
        self.tag, self.attrib, self.children = tag, attrib, children


def _lift(element: etree.Element) -> list:
    children: list = []
    if element.text:
        children.append(_Text(element.text))
    for child in element:
        children.append(_Node(child.tag, dict(child.attrib), _lift(child)))
        if child.tail:
            children.append(_Text(child.tail))
    return children


def _length(node) -> int:
    if isinstance(node, _Text):
        return len(node.value)
    if node.attrib.get(UI_ATTRIBUTE) is not None:
        return 0
    return sum(_length(child) for child in node.children)


def _lower(children: list, into: etree.Element) -> None:
    last = None
    for node in children:
        if isinstance(node, _Text):
            if last is None:
                into.text = (into.text or "") + node.value
            else:
                last.tail = (last.tail or "") + node.value
            continue
        element = etree.SubElement(into, node.tag, node.attrib)
        _lower(node.children, element)
        last = element


def _wrap(children: list, start: int, end: int, make: Callable[[], _Node], pos: int) -> list:
    out: list = []
    group: list = []

    def flush():
        if group:
            wrapper = make()
            wrapper.children = list(group)
            out.append(wrapper)
            group.clear()

    for child in children:
        length = _length(child)
        child_start, child_end = pos, pos + length
        pos = child_end
        if length == 0:
            if group and child_start < end:
                group.append(child)
            else:
                flush()
                out.append(child)
        elif child_end <= start or child_start >= end:
            flush()
            out.append(child)
        elif start <= child_start and child_end <= end:
            group.append(child)
        elif isinstance(child, _Text):
            a, b = max(start, child_start) - child_start, min(end, child_end) - child_start
            if a:
                flush()
                out.append(_Text(child.value[:a]))
            group.append(_Text(child.value[a:b]))
            if b < length:
                flush()
                out.append(_Text(child.value[b:]))
        else:
            flush()
            child.children = _wrap(child.children, start, end, make, child_start)
            out.append(child)
    flush()
    return out


def wrap_ranges(element: etree.Element, ranges: list[tuple[int, int, str, dict]]) -> None:
    """Wrap each ``(start, end, tag, attributes)`` range of ``element``'s text, in place.

    Offsets count the text a reader sees (elements marked as ours count as empty). Ranges are
    applied longest-first among those starting at the same place, so nested ranges nest.
    """
    children = _lift(element)
    for start, end, tag, attrib in sorted(ranges, key=lambda r: (r[0], -r[1])):
        children = _wrap(children, start, end, lambda t=tag, a=attrib: _Node(t, dict(a), []), 0)
    tail = element.tail
    attrib = dict(element.attrib)
    element.clear()
    element.attrib.update(attrib)
    element.tail = tail
    _lower(children, element)
