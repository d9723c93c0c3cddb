"""Worst-case valid annotation files, one folder per class, and typical files of the same size.

Each class fills its files with what costs the validator or Python-Markdown most while staying
valid: as many stray brackets and as deep nesting as allowed, runs of emphasis marks, backticks
and dashes, a hundred links, combining marks at their limit, character references, the longest
quote, the most caveats and sources allowed. ``scripts/bench.py`` times each class against the typical
files; tests use the same files to check that they are valid.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from factcheck.checking.notes_markdown import MAX_BLOCKS

FILES_PER_CLASS = 100
SIZE = 12_000  # bytes of each file, roughly: the typical files are padded to match the others
ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "tests" / "adversarial" / "essay.md"
_FIELDS = json.loads((ROOT / "annotations" / "schema.json").read_text(encoding="utf-8"))["properties"]
MAX_CAVEATS, MAX_SOURCES = _FIELDS["caveats"]["maxItems"], _FIELDS["sources"]["maxItems"]
LONG = ("This paragraph is deliberately long so that a quote copying all of it can be noticed: it "
        "talks about funding, about talent, about compute and about the data that every laboratory "
        "needs, and it keeps going well past two hundred characters.")
PROSE = ("The survey of 2019 found [a large share](https://stats.example-agency.org/2019) of "
         "*researchers* in the United States, and the **report** gives the method in `table 2`. ")
MKDOCS_YML = """site_name: Worst cases
theme:
  name: material
  font: false
plugins:
  - search
  - factcheck
markdown_extensions:
  - attr_list
  - md_in_html
"""


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _source(number: int, supports: str = "Shows the share of researchers by country.") -> str:
    return (f"  - title: {_yaml(f'Survey of researchers, part {number}')}\n"
            f"    url: https://stats.example-agency.org/survey/{number}\n"
            f"    publisher: Statistics agency\n    date: \"2019-07\"\n"
            f"    supports: {_yaml(supports)}\n")


def annotation(note: str, quote: str = "the real projects", caveats: list[str] = (),
               sources: int = 2, paragraph: str = "real-projects", since: str = "") -> str:
    text = (f"paragraph: {paragraph}\nquote: {_yaml(quote)}\nkind: claim\nverdict: mixed\n"
            f"claim: Projects in China are real and those elsewhere are toys.\n"
            f"note: {_yaml(note)}\n")
    if since:
        text += f"since: {_yaml(since)}\n"
    if caveats:
        text += "caveats:\n" + "".join(f"  - {_yaml(c)}\n" for c in caveats)
    text += "sources:\n" + "".join(_source(n) for n in range(1, sources + 1))
    return text + 'author: Benchmark\ncreated: "2026-11-26"\n'


def _fill(unit: str, length: int = 4900) -> str:
    return (unit * (length // len(unit) + 1))[:length].rstrip()


def _typical_padded(size: int) -> str:
    """A realistic file: prose note with links, caveats, then sources until ``size`` bytes."""
    caveats = [_fill(PROSE, 600), _fill(PROSE, 400)]
    text = annotation(_fill(PROSE), caveats=caveats, sources=2)
    sources = 2
    while len(text.encode()) < size:
        sources += 1
        text = annotation(_fill(PROSE), caveats=caveats, sources=sources)
    return text


def classes() -> dict[str, str]:
    """Class name -> the text of one file of that class."""
    combining = _fill("a\u0301\u0302\u0303\u0304 ", 4000)
    cases = {
        "stray-brackets": annotation("[" * 10 + " " + _fill("plain words ", 4800),
                                     caveats=["[" * 10 + " " + _fill("plain words ", 1900)] * 4),
        "deep-nesting": annotation("\n".join(["> - 1. > - 1. item of a deep list"] * MAX_BLOCKS)),
        "list-items": annotation("Items:\n\n" + "- a\n" * (MAX_BLOCKS - 1),
                                 caveats=["Items:\n\n" + "1. b\n" * (MAX_BLOCKS - 1)] * MAX_CAVEATS,
                                 since="Items:\n\n" + "> c\n\n" * (MAX_BLOCKS // 2 - 1)),
        "emphasis-runs": annotation(_fill("**a _b ***c __d ")),
        "backtick-runs": annotation(_fill("``a ```b ````c ")),
        "dash-runs": annotation(_fill("a - - - - - b -- c --- d ") + "\n\n" + "-" * 80 + " x"),
        "many-links": annotation(_fill("[word](https://stats.example-agency.org/a) ")),
        "autolinks": annotation(_fill("<https://stats.example-agency.org/abc> ")),
        "combining-marks": annotation(combining, caveats=[combining[:1900]] * 2),
        "character-references": annotation(_fill("&amp; &#169; &#x2014; &lt;x&gt; ")),
        "longest-quote": annotation(_fill(PROSE), quote=LONG, paragraph="long"),
        "many-caveats": annotation("Short note.", caveats=[_fill(PROSE, 900)] * MAX_CAVEATS, sources=1),
        "many-sources": annotation("Short note.", sources=MAX_SOURCES),
    }
    return {"typical": _typical_padded(SIZE), **{name: _pad(text) for name, text in cases.items()}}


def _pad(text: str) -> str:
    """``text`` with ordinary sources added (as many as allowed), then a comment, until the file
    is about SIZE bytes."""
    number = 100
    while len(text.encode()) < SIZE - 250 and text.count("\n  - title: ") < MAX_SOURCES:
        number += 1
        text = text.replace('author: Benchmark', _source(number).rstrip("\n") + "\nauthor: Benchmark")
    missing = SIZE - 250 - len(text.encode())
    if missing > 0:
        text += "".join(f"# padding to the typical file's size, line {n:04d}\n"
                        for n in range(missing // 48 + 1))
    return text


SHORT = ("Thirdly, those talents would be working on the real projects instead of the toy "
         "projects they worked on.")
_VERDICTS = ("accurate", "mostly-accurate", "mixed", "misleading", "inaccurate", "unsupported",
             "opinion")


def _spans(text: str, least: int) -> list[str]:
    """Distinct word windows of at least ``least`` words, longest first."""
    words = text.split()
    found = [" ".join(words[i:j]) for i in range(len(words))
             for j in range(len(words), i + least - 1, -1)]
    return list(dict.fromkeys(q.rstrip(".").replace("*", "") for q in found))


def write_cases(root: Path, schema: Path, files: int = FILES_PER_CLASS) -> list[str]:
    """One buildable project per class under ``root``; returns the class names. Files differ in
    verdict and quote, so that none is a duplicate of another."""
    made = classes()
    for name, text in made.items():
        project = root / name
        if project.exists():
            shutil.rmtree(project)
        (project / "docs").mkdir(parents=True)
        (project / "annotations").mkdir()
        shutil.copy(ESSAY, project / "docs" / "index.md")
        shutil.copy(schema, project / "annotations" / "schema.json")
        (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        long_quote = 'paragraph: long' in text
        quotes = _spans(LONG if long_quote else SHORT, 30 if long_quote else 3)
        for number in range(files):
            verdict, span = _VERDICTS[number % len(_VERDICTS)], number // len(_VERDICTS)
            quote = LONG if long_quote else "the real projects"
            body = text.replace("verdict: mixed", f"verdict: {verdict}").replace(
                f"quote: {_yaml(quote)}", f"quote: {_yaml(quotes[span + 1])}")
            # every value different, so nothing converted once is reused for the next file
            body = body.replace('note: "', f'note: "File {number}. ').replace('  - "', f'  - "{number} ')
            (project / "annotations" / f"{name}-{number:03d}.yaml").write_text(body, encoding="utf-8")
    return list(made)
