"""What the site search reads of the notes: their words, without their markup.

Material's search plugin parses each page's HTML tag by tag, and the notes hold several times as
many tags as the essay around them. Before the index is made, each notes block is swapped for
one element holding the same words; after the theme has rendered the page, the block is put
back, so the published page is unchanged.
"""

from __future__ import annotations

import re

_NOTES = re.compile(r'<aside\b[^>]*\bclass="fc-notes"[^>]*>.*?</aside>', re.S)
_TAG = re.compile(r"<[^>]*>")
_STAND_IN = re.compile(r'<aside data-fc-stand-in="(\d+)">[^<]*</aside>')


def words_of(html: str) -> str:
    """The text of an HTML fragment, entities left as they are, white space collapsed."""
    return " ".join(_TAG.sub(" ", html).split())


class NotesForSearch:
    """Swaps notes blocks for their words, page by page, and puts them back."""

    def __init__(self):
        self._blocks: dict[str, list[str]] = {}

    def lighten(self, page: str, html: str) -> str:
        blocks: list[str] = []

        def stand_in(match: re.Match) -> str:
            blocks.append(match.group(0))
            return f'<aside data-fc-stand-in="{len(blocks) - 1}">{words_of(match.group(0))}</aside>'

        lightened = _NOTES.sub(stand_in, html)
        self._blocks[page] = blocks
        return lightened

    def restore(self, page: str, html: str) -> str:
        blocks = self._blocks.pop(page, None)
        if not blocks:
            return html
        return _STAND_IN.sub(lambda match: blocks[int(match.group(1))], html)
