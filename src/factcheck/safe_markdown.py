"""Render contributor Markdown (notes, caveats, ``since``) to HTML that cannot carry script.

A separate Markdown instance with raw HTML switched off and no attribute lists, then an
allow-list sanitiser on the result. Links may only go to full http, https or mailto
addresses; relative links, fragments and images are not allowed (a note is also published in
the JSON-LD export, away from this site, and an image would load from another host).
:func:`markdown_problems` tells the contributor what the sanitiser would drop, so nothing in a
note disappears silently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

from .hygiene import explain_url

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="nofollow noopener noreferrer ugc",
    strip_comments=True,
    url_relative="deny",
)

_REFUSED_TAGS = {
    "img": "images are not allowed; link to the image instead: [description](https://…)",
    "hr": "horizontal rules (---, ***) are not allowed",
    "table": "tables are not allowed",
}
for _level in range(1, 7):
    _REFUSED_TAGS[f"h{_level}"] = "headings (#) are not allowed; use **bold** text"


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_md = _markdown()


@lru_cache(maxsize=65536)  # the check, the page and the export all convert each note
def _to_html(text: str) -> str:
    return _md.reset().convert(text)


class _Inventory(HTMLParser):
    """The tags and link targets of an HTML fragment, with entities decoded as a browser would."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src"):
                self.hrefs.append(value or "")


def link_problem(href: str) -> str | None:
    """Why a Markdown link target is refused, or None."""
    if href.startswith("mailto:") and "@" in href and not any(c.isspace() for c in href):
        return None
    if href.startswith(("http:", "https:")):
        reason = explain_url(href)
        return f"link {href!r} {reason}" if reason else None
    return (f"link {href!r} is not allowed: links must be full http://, https:// or mailto: "
            "addresses")


# A link whose text has no brackets and whose target is a plain http(s) address: no spaces (so
# no title), no parentheses, quotes, angle brackets, backslashes or entities, so the href the
# page gets is exactly the text written here.
_SIMPLE_LINK = re.compile(r"\[([^\[\]]*)\]\((https?://[^\s()<>\[\]\"'\\&]+)\)")
# What could still make a refused tag or a link once the simple links are taken out: raw < (an
# autolink), #, a bracket or backslash, a control character other than tab and line feed (Markdown
# turns CR into a line break and drops its placeholder marks), and a line made only of container
# and rule marks (---, ***, ===, "> ---", "- ***", "1. ---": a horizontal rule or a setext heading).
_NEEDS_FULL_CHECK = re.compile(r"[<#\[\]\\\x00-\x08\x0b-\x1f\x7f]|^[ \t>0-9.)+*_=-]*[-*_=][ \t>0-9.)+*_=-]*$",
                               re.MULTILINE)


def certainly_clean(text: str) -> bool:
    """True only when :func:`markdown_problems` would certainly find nothing, without converting.

    Without raw HTML, Python-Markdown makes a tag outside the allow-list only from ``#``
    (headings), ``![`` (images) or rule and setext lines, and a link only from ``[`` or ``<``.
    """
    if "![" in text:
        return False
    for _, href in _SIMPLE_LINK.findall(text):
        if link_problem(href):
            return False
    return not _NEEDS_FULL_CHECK.search(_SIMPLE_LINK.sub(lambda m: m.group(1), text))


@lru_cache(maxsize=65536)
def markdown_problems(text: str) -> tuple[str, ...]:
    """What in this Markdown the published page would drop or refuse, one sentence each."""
    if certainly_clean(text):
        return ()
    return converted_markdown_problems(text)


def converted_markdown_problems(text: str) -> tuple[str, ...]:
    """:func:`markdown_problems` found the long way: convert, then list tags and links."""
    inventory = _Inventory()
    inventory.feed(_to_html(text))
    inventory.close()
    found: list[str] = []
    for tag in dict.fromkeys(inventory.tags):
        if tag not in ALLOWED_TAGS:
            found.append(_REFUSED_TAGS.get(tag, f"<{tag}> is not allowed"))
    for href in dict.fromkeys(inventory.hrefs):
        reason = link_problem(href)
        if reason:
            found.append(reason)
    return tuple(found)


@lru_cache(maxsize=65536)
def render_block(text: str) -> str:
    """Markdown (paragraphs, lists, emphasis, links) to sanitised HTML."""
    return _cleaner.clean(_to_html(text)).strip()


@lru_cache(maxsize=65536)
def render_inline(text: str) -> str:
    """Like :func:`render_block` for a one-line string, without the wrapping paragraph."""
    html = render_block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
