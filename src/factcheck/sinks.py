"""Every place a value from an annotation file can end up, and how it is made safe there.

Each sink has one function here, and nothing else escapes for it. The map:

=====================  ===================================================================
sink                   how a value is made safe
=====================  ===================================================================
HTML text, HTML        ElementTree elements, serialised by the page's Markdown instance
attributes             (``<``, ``>``, ``&``, ``"`` escaped). Plain fields may not hold HTML
                       character references (the serialiser keeps those as references), and
                       the validator checks decoded text; see ``checking.hygiene``.
Note HTML              Markdown without raw HTML, sanitised to an allow-list (``nh3``), then
                       parsed into elements (``rendering.fragment``): never substituted as text.
URLs (``href``)        http(s) only, public host, no white space, control characters,
                       backslashes or credentials (``checking.urls``); attribute-escaped.
JSON-LD in <script>    :func:`json_ld`: JSON with ``<``, ``>``, ``&`` and line separators
                       written as ``\\u`` escapes, so the data can never close the element.
JSON exports           ``json.dumps``: any string is data.
CSV export             :func:`csv_cell`: cells a spreadsheet would run as a formula get a
                       leading apostrophe; the csv module quotes the rest.
Page title and meta    :func:`theme_text`: themes print these without escaping (and some
                       through ``striptags``, which decodes entities), so markup characters
                       become look-alikes.
Search index           the theme's own indexer (Material escapes text); our notes reach it
                       only as escaped page HTML, claim pages are left out of it.
Terminal               :func:`terminal`: control, format and separator characters and lone
                       surrogates shown as escapes; one problem is always one line.
CI annotations         :func:`github_annotation`: GitHub's workflow-command escaping on top of
                       :func:`terminal`, so a value can neither end the line nor start a command.
Markdown summary       :func:`markdown_cell`: each cell is a code span, so nothing in it is
                       Markdown, HTML, a link or a mention.
File paths             only annotation ids (a checked slug) name files we write
                       (:func:`file_name`).
=====================  ===================================================================
"""

from __future__ import annotations

import json
import re
import unicodedata

# Characters a terminal could act on or that hide text: escape sequences, BEL, line endings,
# bidirectional and zero-width controls, line and paragraph separators, lone surrogates.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _visible(char: str) -> str:
    if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return char


def terminal(text: str) -> str:
    """``text`` as one printable line: every invisible or control character as an escape."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(map(_visible, text))


def terminal_block(text: str) -> str:
    """Several lines (a diff) for a terminal: each line made safe by :func:`terminal`."""
    lines = text.split("\n")
    return "\n".join(terminal(line) for line in lines)


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(severity: str, path: str, line: int, col: int, message: str) -> str:
    """``::error file=…,line=…,col=…::message`` with every value escaped for its place."""
    command = "error" if severity == "error" else "warning"
    return (f"::{command} file={_command_property(terminal(path))},line={int(line)},"
            f"col={int(col)}::{_command_data(terminal(message))}")


def markdown_cell(text: str) -> str:
    """A table cell of a Markdown summary that shows ``text`` literally, as code."""
    text = terminal(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text (OWASP's advice for formula injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_ld(data) -> str:
    """JSON for the inside of ``<script type="application/ld+json">``: it cannot end the
    element, open a comment or break a line, and it parses to exactly ``data``."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_UNSAFE)


_THEME_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", '"': "”", "'": "’", "&": "＆",
                                   "\n": " ", "\r": " ", "\t": " "})


def theme_text(text: str) -> str:
    """Text for a page title or description: themes print these unescaped."""
    return " ".join(terminal(text).translate(_THEME_LOOKALIKES).split())


_FILE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def file_name(annotation_id: str, suffix: str) -> str:
    """The name of a file generated for an annotation; only a checked id can make one."""
    if not _FILE_NAME.fullmatch(annotation_id):
        raise ValueError(f"not an annotation id: {annotation_id!r}")
    return annotation_id + suffix
