"""Anchor a quote to its paragraph: exact matches only, and useful hints when there is none."""

from __future__ import annotations

from ..model import Anchor, Paragraph
from .textmatch import closest_passage, locate

CONTEXT_CHARS = 32  # length of TextQuoteSelector prefix and suffix
MAX_SUGGESTED_QUOTE = 400  # longer quotes get no closest-passage hint (it costs quadratic time)


class AnchorProblem(Exception):
    """The quote does not anchor; ``field`` is the field the message is about."""

    def __init__(self, message: str, field: str = "quote"):
        super().__init__(message)
        self.message = message
        self.field = field


def make_anchor(paragraph: Paragraph, start: int, end: int) -> Anchor:
    text = paragraph.text
    return Anchor(
        paragraph=paragraph.id,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def anchor_quote(paragraph: Paragraph, quote: str, occurrence: int | None,
                 others: dict[str, Paragraph] | None = None) -> Anchor:
    """The anchor of ``quote`` in ``paragraph``; ``others`` are the page's other paragraphs,
    searched only to say where a quote copied from the wrong paragraph really is."""
    spans = locate(paragraph.text, quote)
    if not spans:
        raise AnchorProblem(_not_found(paragraph, quote, others or {}))
    if occurrence is None and len(spans) > 1:
        raise AnchorProblem(f"quote occurs {len(spans)} times in paragraph '{paragraph.id}'; add "
                            f"'occurrence: N' (1 to {len(spans)}) or quote a longer passage")
    if occurrence is not None and occurrence > len(spans):
        times = "once" if len(spans) == 1 else f"{len(spans)} times"
        raise AnchorProblem(f"occurrence {occurrence} asked for, but the quote occurs {times} in "
                            f"paragraph '{paragraph.id}'", field="occurrence")
    start, end = spans[(occurrence or 1) - 1]
    return make_anchor(paragraph, start, end)


def _not_found(paragraph: Paragraph, quote: str, others: dict[str, Paragraph]) -> str:
    message = f"quote not found in paragraph '{paragraph.id}'"
    elsewhere = [slug for slug, other in others.items()
                 if slug != paragraph.id and locate(other.text, quote)]
    if elsewhere:
        where = " and ".join(f"'{slug}'" for slug in elsewhere[:3])
        return f"{message}; it is in paragraph {where}: set 'paragraph: {elsewhere[0]}'"
    if len(quote) > MAX_SUGGESTED_QUOTE:
        return f"{message}; copy a shorter passage from the page"
    passage, _ = closest_passage(paragraph.text, quote)
    return f'{message}; closest: "{passage}"'
