"""Sanitised HTML fragments placed as elements, never as text substituted into a page.

A note's Markdown is converted and sanitised to a small allow-list of tags (see
:mod:`factcheck.safe_markdown`). That HTML is parsed here into ElementTree elements and attached
to the page's tree, so the page's own serialiser escapes every text and attribute value. There
is no placeholder for a contributor to type: nothing is ever substituted into serialised HTML.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html.parser import HTMLParser

from markdown.util import AtomicString

VOID_TAGS = frozenset({"br"})


class _TreeBuilder(HTMLParser):
    def __init__(self, parent: etree.Element):
        super().__init__(convert_charrefs=True)
        self.stack = [parent]
        self.last: etree.Element | None = None  # the element whose tail takes the next text

    def handle_starttag(self, tag, attrs):
        element = etree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})
        if tag in VOID_TAGS:
            self.last = element
        else:
            self.stack.append(element)
            self.last = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                self.last = self.stack[depth]
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + data
        else:
            parent = self.stack[-1]
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + data
            else:
                parent.text = (parent.text or "") + data


def append_html(parent: etree.Element, html: str) -> etree.Element:
    """Parse sanitised ``html`` and append its content to ``parent``; returns ``parent``."""
    builder = _TreeBuilder(parent)
    builder.feed(html)
    builder.close()
    return parent


def freeze(element: etree.Element) -> etree.Element:
    """Mark the text inside ``element`` as final: Markdown processors that run after ours (such
    as smarty, which rewrites quotation marks) leave it alone. The element's own tail is the
    page's text and stays as it is."""
    for node in element.iter():
        if node.text:
            node.text = AtomicString(node.text)
        if node is not element and node.tail:
            node.tail = AtomicString(node.tail)
    return element
