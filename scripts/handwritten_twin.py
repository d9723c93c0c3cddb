"""The yardstick for the plugin's cost: the same site written by hand, without it.

What a user would do without the plugin: each note written as a Material admonition after its
paragraph, and each claim page written as a Markdown file (heading, verdict, the quote, the note,
caveats, sources and the ClaimReview as a script block), plus a claims index. Built with the same
theme and the search plugin, without factcheck.

Usage (the benchmark calls it): python scripts/handwritten_twin.py SITE_DIR OUT_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from factcheck.checking.catalog import load_catalog  # noqa: E402
from factcheck.model import VERDICTS, Annotation, claims  # noqa: E402
from factcheck.rendering.claim_pages import headline, review_urls  # noqa: E402
from factcheck.rendering.claimreview import claim_review  # noqa: E402
from factcheck.rendering.settings import claim_src, read_settings  # noqa: E402

PLUGIN = "factcheck"


class _KeepTags(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs' own tags (kept as text; MkDocs resolves them itself)."""


_KeepTags.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                                if isinstance(node, yaml.ScalarNode) else None)


def _indent(text: str) -> str:
    return textwrap.indent(text.strip(), "    ")


def _sources_markdown(annotation: Annotation) -> str:
    items = []
    for number, source in enumerate(annotation.sources, 1):
        details = ", ".join(d for d in (source.author, source.publisher, source.date, source.locator) if d)
        items.append(f"{number}. [{source.title}]({source.url}). {details}. {source.supports}")
    return "\n".join(items)


def note_markdown(annotation: Annotation, number: int) -> str:
    """One note as an admonition, as someone would write it after the paragraph."""
    label = annotation.verdict_label or annotation.kind.capitalize()
    title = annotation.claim or annotation.title or ""
    parts = [annotation.note]
    if annotation.caveats:
        parts.append("**Caveats**\n\n" + "\n".join(f"- {c}" for c in annotation.caveats))
    if annotation.since:
        parts.append("**Since the essay was written**\n\n" + annotation.since)
    if annotation.sources:
        parts.append("**Sources**\n\n" + _sources_markdown(annotation))
    body = "\n\n".join(parts)
    heading = json.dumps(f"{number} · {label}: {title}".replace('"', "'"), ensure_ascii=False)
    return f'!!! note {heading}\n\n{_indent(body)}\n'


def claim_page_markdown(annotation: Annotation, paragraph_text: str, review: dict) -> str:
    label, meaning, _ = VERDICTS[annotation.verdict]
    parts = [f"# {headline(annotation)}", f"**Our verdict:** {label} ({meaning}).",
             "## The claim as checked", annotation.claim,
             "## In the essay", "> " + paragraph_text,
             "## What we found", annotation.note]
    if annotation.caveats:
        parts += ["## Caveats", "\n".join(f"- {c}" for c in annotation.caveats)]
    if annotation.since:
        parts += ["## Since the essay was written", annotation.since]
    if annotation.sources:
        parts += ["## Sources", _sources_markdown(annotation)]
    script = json.dumps(review, ensure_ascii=False).replace("<", "\\u003c")
    parts.append(f'<script type="application/ld+json">{script}</script>')
    return "\n\n".join(parts) + "\n"


def write_twin(config_file: Path, out: Path) -> Path:
    """Write the hand-written twin of the site of ``config_file`` into ``out``; return its
    mkdocs.yml."""
    settings = read_settings(config_file)
    catalog = load_catalog(settings.project())
    if catalog.problems.errors:
        raise SystemExit(f"{config_file}: the site has annotation problems; fix them first")
    docs = out / "docs"
    shutil.copytree(settings.root / settings.docs_dir, docs, dirs_exist_ok=True)
    numbers: dict[str, int] = {}
    for page, on_page in catalog.by_page().items():
        for number, annotation in enumerate(on_page, 1):
            numbers[annotation.id] = number
        path = docs / page
        text = path.read_text(encoding="utf-8")
        by_paragraph: dict[str, list[Annotation]] = {}
        for annotation in on_page:
            by_paragraph.setdefault(annotation.paragraph, []).append(annotation)
        for slug, notes in by_paragraph.items():
            marker = f"{{: #p-{slug}"
            line_end = text.index("\n", text.index(marker))
            block = "\n\n" + "\n".join(note_markdown(a, numbers[a.id]) for a in notes)
            text = text[: line_end + 1] + block + text[line_end + 1:]
        path.write_text(text, encoding="utf-8")
    listed = claims(catalog.annotations)
    (docs / "claims").mkdir(exist_ok=True)
    index = ["# Claims", ""] + [f"- **{a.verdict_label}**: [{a.claim}]({a.id}.md)" for a in listed]
    (docs / "claims" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    (docs / "corrections.md").write_text("# Corrections\n\nNo corrections so far.\n", encoding="utf-8")
    for annotation in listed:
        paragraph = catalog.pages[annotation.page][annotation.paragraph]
        review = claim_review(annotation, review_urls(annotation, settings), settings.publisher_name)
        (docs / claim_src(annotation.id)).write_text(
            claim_page_markdown(annotation, paragraph.text, review), encoding="utf-8")
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags) or {}
    data["docs_dir"] = str(docs)
    data["plugins"] = [p for p in data.get("plugins", ["search"])
                       if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    extensions = [e for e in data.get("markdown_extensions", [])
                  if e != PLUGIN and not (isinstance(e, dict) and PLUGIN in e)]
    data["markdown_extensions"] = extensions + ["admonition"]
    for key in ("extra_css", "extra_javascript", "watch", "site_url"):
        data.pop(key, None)
    data["strict"] = False
    twin = out / "mkdocs.yml"
    twin.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return twin


def write_bare(config_file: Path, out: Path) -> Path:
    """The same essay pages without any notes: what the content itself costs, for comparison."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags) or {}
    data["docs_dir"] = str((config_file.parent / data.get("docs_dir", "docs")).resolve())
    data["plugins"] = [p for p in data.get("plugins", ["search"])
                       if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    data["markdown_extensions"] = [e for e in data.get("markdown_extensions", [])
                                   if e != PLUGIN and not (isinstance(e, dict) and PLUGIN in e)]
    for key in ("extra_css", "extra_javascript", "watch", "nav", "site_url"):
        data.pop(key, None)
    data["strict"] = False
    bare = out / "mkdocs-bare.yml"
    out.mkdir(parents=True, exist_ok=True)
    bare.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return bare


if __name__ == "__main__":
    print(write_twin(Path(sys.argv[1]) / "mkdocs.yml", Path(sys.argv[2])))
