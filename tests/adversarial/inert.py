"""What "inert" means for a built page: nothing a contributor wrote can run or load."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

CANARY = "__pwned"  # every hostile payload in the corpus sets window.__pwned
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "form", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
THEME_SEARCH_FORM = "md-search__form"


class _Scanner(HTMLParser):
    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.findings: list[str] = []
        self.in_script = False
        self.in_json_ld = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "form" and dict(attrs).get("class") == THEME_SEARCH_FORM:
            return  # the theme's own search box
        if tag in FORBIDDEN_TAGS:
            self.findings.append(f"{self.name}: <{tag}> element")
        for attr, value in attrs:
            value = value or ""
            if attr.startswith("on"):
                self.findings.append(f"{self.name}: <{tag} {attr}=…> event handler")
            squeezed = "".join(value.split()).lower()
            if attr in URL_ATTRIBUTES and squeezed.startswith(BAD_SCHEMES):
                self.findings.append(f"{self.name}: <{tag} {attr}={value!r}>")
            if tag == "meta" and attr == "http-equiv" and value.lower() == "refresh":
                self.findings.append(f"{self.name}: <meta http-equiv=refresh>")
            if attr == "style" and CANARY in value:
                self.findings.append(f"{self.name}: contributor style attribute")
        if tag == "script":
            self.in_script = True
            # A JSON-LD block is data the browser never runs; it is checked as data below.
            self.in_json_ld = dict(attrs).get("type") == "application/ld+json"
        if tag == "style":
            self.in_script = True  # a contributor's <style> would be just as bad

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.in_script = self.in_json_ld = False

    def handle_data(self, data):
        if self.in_script and self.in_json_ld:
            if "<" in data or ">" in data:
                self.findings.append(f"{self.name}: markup characters inside a JSON-LD block")
            try:
                json.loads(data)
            except ValueError:
                self.findings.append(f"{self.name}: a JSON-LD block that is not JSON")
        elif self.in_script and (CANARY in data or "display:none" in data):
            self.findings.append(f"{self.name}: contributor text inside <script> or <style>")
        self.text.append(data)


def scan(html: str, name: str = "page") -> tuple[list[str], str]:
    """Executable or loading markup in ``html``, and the page's visible text."""
    scanner = _Scanner(name)
    scanner.feed(html)
    scanner.close()
    return scanner.findings, "".join(scanner.text)


def scan_site(site: Path) -> tuple[list[str], str]:
    findings, texts = [], []
    for page in sorted(site.rglob("*.html")):
        found, text = scan(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix())
        findings += found
        texts.append(text)
    return findings, "\n".join(texts)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def sink_findings(site: Path) -> list[str]:
    """Everything a hostile value could do outside the page bodies: page titles and meta tags,
    JSON-LD, the data exports, the CSV cells and the search index."""
    import csv
    import io
    import re

    findings: list[str] = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        for title in re.findall(r"<title>(.*?)</title>", head, re.S):
            if re.search(r"[<>]|&(?!amp;|lt;|gt;|quot;|#)", title):
                findings.append(f"{name}: markup in <title>: {title[:80]!r}")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            if "<" in block or "\u2028" in block:
                findings.append(f"{name}: JSON-LD holds < or a line separator")
            try:
                json.loads(block)
            except ValueError:
                findings.append(f"{name}: JSON-LD that is not JSON")
    for export in ("annotations.jsonld", "claims.json"):
        try:
            json.loads((site / export).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            findings.append(f"{export}: {exc}")
    rows = list(csv.reader(io.StringIO((site / "claims.csv").read_text(encoding="utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row:
            if cell.startswith(FORMULA_START):
                findings.append(f"claims.csv: a cell a spreadsheet would run: {cell[:40]!r}")
    index = site / "search" / "search_index.json"
    if index.exists():
        for entry in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            for key in ("title", "text"):
                found, _ = scan(entry.get(key, ""), f"search index {entry.get('location')}")
                findings += found
    return findings
