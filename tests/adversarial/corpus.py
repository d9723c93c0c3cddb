"""The adversarial corpus: hostile or careless annotation files and what each must produce.

Each ``cases/<name>.yaml`` starts with comments that state its expectation:

    # expect: <a substring of the one problem it must cause>   or   # expect: valid
    # at: <line>:<col>          (where that problem must be reported; default: any position)
    # severity: warning         (default: error)

Cases are checked against ``essay.md`` (three paragraphs: real-projects, curse, long) by the
same engine the validator and the build use.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
CASES = HERE / "cases"
ESSAY = HERE / "essay.md"
_HEADER = re.compile(rb"^#\s*(expect|at|severity):\s*(.*?)\s*$", re.M)


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    expect: str  # "valid" or a message substring
    at: tuple[int, int] | None
    severity: str

    @property
    def valid(self) -> bool:
        return self.expect == "valid"


def read_case(path: Path) -> Case:
    head = path.read_bytes()[:2000].removeprefix(b"\xef\xbb\xbf")
    fields = {key.decode(): value.decode("utf-8") for key, value in _HEADER.findall(head)}
    at = tuple(int(n) for n in fields["at"].split(":")) if "at" in fields else None
    return Case(path.stem, path, fields["expect"], at, fields.get("severity", "error"))


def all_cases() -> list[Case]:
    return [read_case(path) for path in sorted(CASES.glob("*.yaml"))]


def make_site(root: Path, schema: Path, config: Path, cases: list[Case]) -> Path:
    """A buildable site (``config`` is an mkdocs.yml) holding the given cases."""
    make_project(root, schema, cases)
    shutil.copy(config, root / "mkdocs.yml")
    return root


def make_project(root: Path, schema: Path, cases: list[Case] = ()) -> Path:
    """A tiny project: the corpus essay, the real schema and the given case files."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    shutil.copy(ESSAY, root / "docs" / "index.md")
    shutil.copy(schema, root / "annotations" / "schema.json")
    for case in cases:
        shutil.copy(case.path, root / "annotations" / case.path.name)
    return root
