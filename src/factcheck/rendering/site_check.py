"""The check of a built site, whichever generator built it: nothing was lost or doubled.

Every loaded annotation is on its essay page exactly once as a note, with at least one
highlight; no highlight lacks its note; no id is used twice on a page; every claim has its page
with its ClaimReview; the claims index is there; and each export holds exactly the loaded
annotations.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from collections import Counter
from html import unescape
from pathlib import Path

from ..checking.catalog import Catalog
from ..model import claims
from .settings import CLAIMS_INDEX, Settings, claim_src

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_ATTRIBUTE = re.compile(r'([^\s="\'<>/]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'=<>`]+)))?')
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


class _PageScan:
    """The notes, highlights, ids and JSON-LD blocks of a built page, read from its start tags
    (a full HTML parse of every page would cost more than the rest of the check)."""

    def __init__(self, html: str, tags: bool = True):
        self.notes: Counter = Counter()
        self.highlights: Counter = Counter()
        self.ids: Counter = Counter()
        self.json_ld = _JSON_LD.findall(html)
        for tag, attributes in _START_TAG.findall(html) if tags else ():
            attrs = {name.lower(): unescape(quoted or single or bare or "")
                     for name, quoted, single, bare in _ATTRIBUTE.findall(attributes)}
            if attrs.get("id"):
                self.ids[attrs["id"]] += 1
            annotation = attrs.get("data-annotation")
            if annotation and tag in ("details", "section") and attrs.get("id") == f"a-{annotation}":
                self.notes[annotation] += 1
            if annotation and tag == "mark":
                self.highlights[annotation] += 1


def _scan(path: Path, tags: bool = True) -> _PageScan | None:
    """The page's scan; without ``tags``, only its JSON-LD blocks."""
    return _PageScan(path.read_text(encoding="utf-8"), tags) if path.is_file() else None


def built_path(site: Path, settings: Settings, src: str) -> Path:
    url = settings.url(src)
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def check_site(site: Path, catalog: Catalog, settings: Settings) -> list[str]:
    """One line per thing missing, doubled or unreadable; an empty list when all is there."""
    problems: list[str] = []
    by_page = catalog.by_page()
    for page, on_page in by_page.items():
        scan = _scan(built_path(site, settings, page))
        if scan is None:
            problems.append(f"essay page {page} was not built")
            continue
        problems += _page_problems(page, scan, on_page)
    if not built_path(site, settings, CLAIMS_INDEX).is_file():
        problems.append(f"the claims index ({CLAIMS_INDEX}) was not built")
    if settings.claim_pages:
        for annotation in claims(catalog.annotations):
            problems += _claim_page_problems(site, settings, annotation)
    expected = [a.id for a in catalog.annotations]
    problems += _compare(settings.export, _collection_ids(site / settings.export), expected)
    problems += _compare("claims.json", _json_ids(site / "claims.json"), expected)
    problems += _compare("claims.csv", _csv_ids(site / "claims.csv"), expected)
    return problems


def _page_problems(page: str, scan: _PageScan, annotations) -> list[str]:
    problems = []
    loaded = {a.id for a in annotations}
    for annotation in annotations:
        count = scan.notes[annotation.id]
        if count != 1:
            problems.append(f"{annotation.path}: note rendered {count} times on {page}, expected once")
        if not scan.highlights[annotation.id]:
            problems.append(f"{annotation.path}: highlight missing from {page}")
    for name in sorted(set(scan.notes) - loaded):
        problems.append(f"note a-{name} on {page} has no annotation file")
    for name in sorted(set(scan.highlights) - set(scan.notes)):
        problems.append(f"highlight of '{name}' on {page} has no note")
    for name, count in sorted(scan.ids.items()):
        if count > 1:
            problems.append(f"id '{name}' is used {count} times on {page}")
    return problems


def _claim_page_problems(site: Path, settings: Settings, annotation) -> list[str]:
    src = claim_src(annotation.id)
    scan = _scan(built_path(site, settings, src), tags=False)
    if scan is None:
        return [f"{annotation.path}: claim page {posixpath.dirname(src)}/{annotation.id}/ was not built"]
    reviews = []
    for text in scan.json_ld:
        try:
            data = json.loads(text)
        except ValueError:
            return [f"{annotation.path}: the claim page holds JSON-LD that is not JSON"]
        if isinstance(data, dict) and data.get("@type") == "ClaimReview":
            reviews.append(data)
    if len(reviews) != 1 or reviews[0].get("claimReviewed") != annotation.claim:
        return [f"{annotation.path}: the claim page must hold one ClaimReview of its claim "
                f"(found {len(reviews)})"]
    return []


def _collection_ids(path: Path) -> list[str] | str:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["first"]["items"]
        return [item["id"].rsplit("#a-", 1)[1] for item in items]
    except FileNotFoundError:
        return "was not written"
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        return f"cannot be read back ({exc})"


def _json_ids(path: Path) -> list[str] | str:
    try:
        return [record["id"] for record in json.loads(path.read_text(encoding="utf-8"))]
    except FileNotFoundError:
        return "was not written"
    except (ValueError, KeyError, TypeError) as exc:
        return f"cannot be read back ({exc})"


def _csv_ids(path: Path) -> list[str] | str:
    try:
        text = path.read_text(encoding="utf-8")
        return [row["id"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    except FileNotFoundError:
        return "was not written"
    except (ValueError, KeyError, csv.Error) as exc:
        return f"cannot be read back ({exc})"


def _compare(name: str, exported: list[str] | str, expected: list[str]) -> list[str]:
    if isinstance(exported, str):
        return [f"{name} {exported}"]
    problems = []
    if len(exported) != len(expected):
        problems.append(f"{name} holds {len(exported)} annotations, expected {len(expected)}")
    missing = sorted(set(expected) - set(exported))
    extra = sorted(set(exported) - set(expected))
    doubled = sorted(n for n, count in Counter(exported).items() if count > 1)
    for label, names in (("is missing", missing), ("has unknown", extra), ("repeats", doubled)):
        if names:
            problems.append(f"{name} {label}: {', '.join(names)}")
    return problems
