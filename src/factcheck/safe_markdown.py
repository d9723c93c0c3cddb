"""Render contributor Markdown (notes, caveats, ``since``) to HTML that cannot carry script.

A separate Markdown instance with raw HTML switched off and no attribute lists, then an
allow-list sanitiser on the result.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="nofollow noopener noreferrer ugc",
    strip_comments=True,
)


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_md = _markdown()


@lru_cache(maxsize=4096)
def render_block(text: str) -> str:
    """Markdown (paragraphs, lists, emphasis, links) to sanitised HTML."""
    html = _md.reset().convert(text)
    return _cleaner.clean(html).strip()


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """Like :func:`render_block` for a one-line string, without the wrapping paragraph."""
    html = render_block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
