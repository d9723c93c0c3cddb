"""The data model shared by the loader, the validator, the renderer and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("claim", "context", "editorial")

# verdict -> (label, meaning, ClaimReview ratingValue or None)
VERDICTS: dict[str, tuple[str, str, int | None]] = {
    "accurate": ("Accurate", "the evidence supports it", 5),
    "mostly-accurate": ("Mostly accurate", "right in substance, wrong in a detail", 4),
    "mixed": ("Mixed", "part right, part wrong", 3),
    "misleading": ("Misleading", "contains truth but leaves a false impression", 2),
    "inaccurate": ("Inaccurate", "the evidence contradicts it", 1),
    "unsupported": ("Unsupported", "no evidence found either way", None),
    "opinion": ("Opinion", "a judgement, not checkable", None),
}

KIND_LABELS = {"claim": "Claim", "context": "Context", "editorial": "Editorial note"}


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int = 1
    col: int = 1


@dataclass(frozen=True)
class SourceRecord:
    title: str
    url: str
    publisher: str
    date: str
    supports: str
    author: str | None = None
    locator: str | None = None
    quote: str | None = None
    archive_url: str | None = None
    accessed: str | None = None


@dataclass(frozen=True)
class Correction:
    """A dated change to a published annotation: what changed and why (Markdown)."""

    date: str
    note: str
    previous_verdict: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the essay as a reader sees it."""

    id: str
    text: str
    line: int  # line of the paragraph in the essay's Markdown source
    lang: str | None = None


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in its paragraph's plain text: ``text[start:end]``."""

    paragraph: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass
class Annotation:
    id: str
    path: str  # as shown to contributors, e.g. "annotations/foo.yaml"
    paragraph: str
    quote: str
    kind: str
    note: str
    author: str
    created: str
    occurrence: int | None = None
    verdict: str | None = None
    claim: str | None = None
    title: str | None = None
    caveats: list[str] = field(default_factory=list)
    since: str | None = None
    sources: list[SourceRecord] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    updated: str | None = None
    anchor: Anchor | None = None
    page: str = ""  # the essay page, relative to the docs folder; the catalog fills it in

    @property
    def verdict_label(self) -> str | None:
        return VERDICTS[self.verdict][0] if self.verdict else None

    @property
    def rating_value(self) -> int | None:
        return VERDICTS[self.verdict][2] if self.verdict else None

    @property
    def label(self) -> str:
        """The verdict's label for a claim, the kind's label for other notes."""
        return self.verdict_label or KIND_LABELS[self.kind]

    @property
    def style(self) -> str:
        """The verdict, or the kind for notes without one: what colours the note."""
        return self.verdict or self.kind

    @property
    def last_changed(self) -> str:
        """The latest of ``created``, ``updated`` and the corrections' dates (ISO strings)."""
        return max([self.created, self.updated or "", *(c.date for c in self.corrections)])


def claims(annotations: list[Annotation]) -> list[Annotation]:
    return [a for a in annotations if a.kind == "claim" and a.verdict]


def verdict_counts(annotations: list[Annotation]) -> dict[str, int]:
    """Claims per verdict, every verdict of the scale present, in scale order."""
    counts = dict.fromkeys(VERDICTS, 0)
    for annotation in claims(annotations):
        counts[annotation.verdict] += 1
    return counts
