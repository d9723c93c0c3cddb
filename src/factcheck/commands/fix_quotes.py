"""``validate.py --fix-quotes``: repair quotes the essay's wording has drifted away from.

A quote is rewritten only when the closest passage of its paragraph is unambiguous and very
similar: similarity at least :data:`MIN_RATIO` and no other, non-overlapping passage within
:data:`MARGIN` of it. Only the quote's own characters in the file change; its quoting style is
kept, every other byte stays as it was. Block scalars and quotes written over several lines
are refused with an explanation. The site build never calls this module: a build must fail on
drift, never repair it.

Files are read as validation reads them (regular files only, never through a symbolic link,
at most 64 KiB) and written by replacing the file itself with a new one in the same folder, so
a link put in its place meanwhile is replaced, never followed.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..checking.catalog import Catalog
from ..checking.project import UnreadableFile, read_annotation_file
from ..checking.textmatch import locate, normalise, normalise_with_map
from ..checking.yaml_document import ScalarSpan, YamlDocument, YamlProblem
from ..checking.yaml_reader import decode, parse
from ..model import Paragraph

MIN_RATIO = 0.9
MARGIN = 0.02
BOM = "\ufeff"


@dataclass(frozen=True)
class Candidate:
    start: int  # in the paragraph's plain text
    end: int
    text: str
    ratio: float


@dataclass
class Outcome:
    """What happened to one drifted quote: a rewrite (``diff``) or a refusal (``reason``)."""

    shown: str
    line: int
    col: int
    diff: str = ""
    reason: str = ""


def ranked_passages(paragraph_text: str, quote: str) -> list[Candidate]:
    """Word-aligned passages about as long as the quote, most similar first."""
    norm, index = normalise_with_map(paragraph_text)
    target = normalise(quote)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", norm)]
    size = max(1, len(target.split()))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    found: dict[tuple[int, int], Candidate] = {}
    for width in {max(1, size - 1), size, size + 1}:
        for i in range(0, max(1, len(words) - width + 1)):
            j = min(len(words), i + width) - 1
            if not words:
                break
            lo, hi = _trim(norm, words[i][0], words[j][1], target)
            matcher.set_seq1(norm[lo:hi])
            if matcher.real_quick_ratio() < MIN_RATIO - MARGIN:
                continue
            start, end = index[lo], index[hi - 1] + 1
            text = re.sub(r"\s+", " ", paragraph_text[start:end])
            found[start, end] = Candidate(start, end, text, matcher.ratio())
    return sorted(found.values(), key=lambda c: (-c.ratio, c.start))


def _trim(text: str, lo: int, hi: int, target: str) -> tuple[int, int]:
    """Drop punctuation at either end of ``text[lo:hi]`` that the quote does not have there."""
    while hi - lo > 1 and not text[hi - 1].isalnum() and not target.endswith(text[hi - 1]):
        hi -= 1
    while hi - lo > 1 and not text[lo].isalnum() and not target.startswith(text[lo]):
        lo += 1
    return lo, hi


def choose(paragraph_text: str, quote: str) -> tuple[Candidate | None, str]:
    """The one passage the quote should become, or None and the reason there is none."""
    ranked = ranked_passages(paragraph_text, quote)
    if not ranked or ranked[0].ratio < MIN_RATIO:
        best = ranked[0].ratio if ranked else 0.0
        return None, (f"the closest passage is only {best:.0%} similar (at least "
                      f"{MIN_RATIO:.0%} needed); edit the quote by hand")
    best = ranked[0]
    for other in ranked[1:]:
        overlaps = other.start < best.end and best.start < other.end
        if not overlaps and best.ratio - other.ratio < MARGIN:
            return None, (f"two passages are about equally close (\"{best.text}\" and "
                          f"\"{other.text}\"); edit the quote by hand")
    return best, ""


def _written(value: str, style: str | None) -> tuple[str, str | None]:
    """``value`` as a YAML flow scalar in ``style``, falling back to double quotes."""
    if style is None and _reads_back(value, value):
        return value, None
    if style == "'":
        written = "'" + value.replace("'", "''") + "'"
        if _reads_back(written, value):
            return written, "'"
    return json.dumps(value, ensure_ascii=False), '"'


def _reads_back(written: str, value: str) -> bool:
    try:
        return parse(f"quote: {written}\n").data == {"quote": value}
    except YamlProblem:
        return False


def _refuse_span(span: ScalarSpan | None, text: str) -> str:
    if span is None:
        return "the quote is not a single text value"
    if span.style in ("|", ">"):
        return ("the quote is a block scalar ('|' or '>'); rewrite it as one quoted line first, "
                "then run --fix-quotes again")
    if "\n" in text[span.start : span.end]:
        return "the quote is written over several lines; put it on one line first"
    return ""


def fix_file(path: Path, shown: str, pages: dict[str, dict[str, Paragraph]],
             main_page: str) -> Outcome | None:
    """Rewrite the drifted quote of one annotation file; None when there is nothing to fix."""
    try:
        raw = read_annotation_file(path)
        text = decode(raw)
        document = parse(text)
    except (UnreadableFile, YamlProblem):
        return None  # the validator reports it; nothing safe to repair
    data = document.data
    if not isinstance(data, dict):
        return None
    page = data.get("page", main_page)
    paragraphs = pages.get(page) if isinstance(page, str) else None
    quote, slug = data.get("quote"), data.get("paragraph")
    if not paragraphs or not isinstance(quote, str) or slug not in paragraphs:
        return None
    paragraph = paragraphs[slug]
    if locate(paragraph.text, quote):
        return None
    at = document.position(("quote",))
    span = document.scalars.get(("quote",))
    refusal = _refuse_span(span, text)
    if refusal:
        return Outcome(shown, at.line, at.col, reason=refusal)
    candidate, reason = choose(paragraph.text, quote)
    if candidate is None:
        return Outcome(shown, at.line, at.col, reason=reason)
    reason = _occurrence_problem(document, paragraph, candidate)
    if reason:
        return Outcome(shown, at.line, at.col, reason=reason)
    written, style = _written(candidate.text, span.style)
    new_text = text[: span.start] + written + text[span.end :]
    bom = BOM if raw.startswith(BOM.encode("utf-8")) else ""
    _replace(path, (bom + new_text).encode("utf-8"))
    diff = "".join(difflib.unified_diff(
        text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=f"a/{shown}", tofile=f"b/{shown}"))
    if style != span.style:
        diff += f"# {shown}: the new quote cannot be written unquoted; it is now in double quotes\n"
    return Outcome(shown, at.line, at.col, diff=diff)


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` as a new file and move it over ``path`` (the name, never a link's target)."""
    mode = os.lstat(path).st_mode & 0o777
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".fix-quotes-", delete=False) as handle:
        handle.write(data)
    os.chmod(handle.name, mode)
    os.replace(handle.name, path)


def _occurrence_problem(document: YamlDocument, paragraph: Paragraph, candidate: Candidate) -> str:
    spans = locate(paragraph.text, candidate.text)
    position = spans.index((candidate.start, candidate.end)) + 1 if (
        (candidate.start, candidate.end) in spans) else 0
    occurrence = document.data.get("occurrence")
    if position == 0:
        return "the repaired quote would not anchor where expected; edit it by hand"
    if len(spans) > 1 and occurrence != position:
        return (f"the repaired quote would occur {len(spans)} times (this is occurrence "
                f"{position}); edit the quote and occurrence by hand")
    return ""


def fix_quotes(catalog: Catalog, display) -> list[Outcome]:
    """Try to repair every annotation file of ``catalog``; ``display`` shows a path."""
    outcomes = []
    main_page = getattr(catalog, "main_page", "") or next(iter(catalog.pages), "")
    pages = catalog.pages or {main_page: catalog.paragraphs}
    for path in catalog.files:
        outcome = fix_file(path, display(path), pages, main_page)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes
