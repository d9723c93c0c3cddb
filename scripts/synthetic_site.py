"""Generate a synthetic annotated site for the benchmark: many essay pages, many annotations.

Deterministic for a given seed. Every page has ``paragraphs`` paragraphs of random words with
one emphasised word each; annotation quotes are word windows cut from the paragraph's reader
text, some of them overlapping the previous quote of the same paragraph. The result is valid:
every quote anchors, repeated quotes carry ``occurrence``, no two annotations share a span and
verdict. Annotations of the main essay (``index.md``) leave ``page:`` out.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from factcheck.checking.textmatch import locate

WORDS = (
    "model", "data", "research", "talent", "compute", "chip", "policy", "market", "lab",
    "paper", "patent", "city", "fund", "state", "startup", "cloud", "vision", "speech", "robot",
    "factory", "school", "student", "salary", "tax", "grant", "engineer", "league", "ranking",
    "survey", "report", "index", "province", "capital", "venture", "platform", "network",
    "privacy", "camera", "language", "benchmark", "dataset", "training", "inference", "server",
    "energy", "export", "import", "contract", "university", "province", "ministry", "program",
    "budget", "growth", "decade", "quarter", "yearly", "figure", "share", "estimate", "claim",
    "source", "review", "method", "sample", "result", "trend", "signal", "noise", "error",
    "margin",
)
VERDICT_CYCLE = ("accurate", "mostly-accurate", "mixed", "misleading", "inaccurate",
                 "unsupported", "opinion")

MKDOCS_YML = """\
site_name: Synthetic benchmark site
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - factcheck:
      essays: ["{pattern}"]
markdown_extensions:
  - attr_list
  - md_in_html
nav:
{nav}"""


@dataclass(frozen=True)
class SiteShape:
    pages: int = 100
    paragraphs: int = 40
    words: int = 60  # per paragraph
    annotations: int = 10_000
    seed: int = 2019


@dataclass
class SyntheticSite:
    root: Path
    config: Path
    pages: list[str]  # page names relative to docs/, main essay first
    annotations: int
    pattern: str = "pages/*.md"


def page_names(count: int) -> list[str]:
    return ["index.md"] + [f"pages/page-{n:03d}.md" for n in range(1, count)]


def _paragraph(rng: random.Random, words: int) -> tuple[str, str]:
    """Markdown of one paragraph and the text a reader sees."""
    chosen = [rng.choice(WORDS) for _ in range(words)]
    chosen[0] = chosen[0].capitalize()
    emphasised = rng.randrange(words)
    markdown = " ".join(f"*{w}*" if i == emphasised else w for i, w in enumerate(chosen)) + "."
    return markdown, " ".join(chosen) + "."


def _page_markdown(title: str, paragraphs: list[tuple[str, str]]) -> str:
    blocks = [f"# {title}"]
    for number, (markdown, _) in enumerate(paragraphs, 1):
        body = textwrap.fill(markdown, 100)
        blocks.append(f"{body}\n{{: #p-para-{number:02d} }}")
    return "\n\n".join(blocks) + "\n"


def _annotation_yaml(page: str | None, paragraph: int, quote: str, occurrence: int | None,
                     serial: int) -> str:
    kind = ("claim", "claim", "context", "editorial")[serial % 4]
    lines = []
    if page is not None:
        lines.append(f"page: {page}")
    lines += [f"paragraph: para-{paragraph:02d}", f'quote: "{quote}"']
    if occurrence is not None:
        lines.append(f"occurrence: {occurrence}")
    lines.append(f"kind: {kind}")
    if kind == "claim":
        lines += [f"verdict: {VERDICT_CYCLE[serial % len(VERDICT_CYCLE)]}",
                  f"claim: Synthetic claim number {serial} about the quoted words."]
    lines += ["note: |", f"  Synthetic note {serial}: the *quoted* words are checked against "
              "[a source](https://sources.example-agency.org/source).", "  A second sentence of the note."]
    if kind != "editorial":
        lines += ["sources:",
                  f'  - title: "Synthetic source {serial}"',
                  f"    url: https://sources.example-agency.org/source/{serial}",
                  "    publisher: Example publisher",
                  '    date: "2019-07"',
                  "    supports: What the source shows for this synthetic annotation."]
    lines += ["author: Benchmark", 'created: "2026-11-26"']
    return "\n".join(lines) + "\n"


def _pick_span(rng: random.Random, words: list[str], previous: tuple[int, int] | None,
               taken: set[tuple[int, int]]) -> tuple[int, int] | None:
    """A word window [i, j) not used yet; every third one overlaps the previous window."""
    for _ in range(50):
        width = rng.randint(3, 12)
        if previous is not None and rng.random() < 0.35:
            start = rng.randrange(previous[0], previous[1])  # overlaps or nests in the previous
        else:
            start = rng.randrange(0, max(1, len(words) - width))
        span = (start, min(len(words), start + width))
        if span[1] - span[0] >= 2 and span not in taken:
            taken.add(span)
            return span
    return None


def generate_site(root: Path, schema: Path, shape: SiteShape = SiteShape()) -> SyntheticSite:
    """Write mkdocs.yml, docs/ and annotations/ (with a copy of ``schema``) under ``root``."""
    rng = random.Random(shape.seed)
    docs, annotations_dir = root / "docs", root / "annotations"
    (docs / "pages").mkdir(parents=True, exist_ok=True)
    annotations_dir.mkdir(parents=True, exist_ok=True)
    (annotations_dir / "schema.json").write_text(schema.read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    pages = page_names(shape.pages)
    texts: dict[str, list[str]] = {}
    for number, page in enumerate(pages, 1):
        paragraphs = [_paragraph(rng, shape.words) for _ in range(shape.paragraphs)]
        (docs / page).write_text(_page_markdown(f"Synthetic page {number}", paragraphs),
                                 encoding="utf-8")
        texts[page] = [text for _, text in paragraphs]

    slots = [(page, index) for page in pages for index in range(shape.paragraphs)]
    state: dict[tuple[str, int], tuple[set, tuple[int, int] | None]] = {}
    written = 0
    while written < shape.annotations:
        page, index = slots[written % len(slots)]
        text = texts[page][index]
        words = text.split(" ")
        taken, previous = state.setdefault((page, index), (set(), None))
        span = _pick_span(rng, words, previous, taken)
        if span is None:
            raise ValueError(f"paragraphs of {shape.words} words cannot hold "
                             f"{shape.annotations} distinct quotes; use longer paragraphs")
        state[page, index] = (taken, span)
        quote = " ".join(words[span[0] : span[1]]).rstrip(".")
        start = len(" ".join(words[: span[0]])) + (1 if span[0] else 0)
        spans = locate(text, quote)
        occurrence = [s for s, _ in spans].index(start) + 1 if len(spans) > 1 else None
        name = f"{Path(page).stem}-{index + 1:02d}-{written:06d}"
        yaml_text = _annotation_yaml(None if page == "index.md" else page, index + 1, quote,
                                     occurrence, written)
        (annotations_dir / f"{name}.yaml").write_text(yaml_text, encoding="utf-8")
        written += 1
    config = root / "mkdocs.yml"
    nav = "".join(f"  - {page}\n" for page in pages)  # like the real site: the essay pages only
    config.write_text(MKDOCS_YML.format(pattern="pages/*.md", nav=nav), encoding="utf-8")
    return SyntheticSite(root, config, pages, written)
