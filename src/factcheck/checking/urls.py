"""Which addresses a source, an archive copy or a link in a note may point to.

Only http and https to a public host name: no white space, control characters, backslashes
or credentials (``user:pass@``), which browsers and Python read differently; no addresses on
the reader's own machine or network (``localhost``, ``127.0.0.1``, ``169.254.169.254``, a bare
number that browsers read as an IPv4 address, ``http://intranet/``); no placeholder domains
(``example.org``, ``*.invalid``, ``*.test``), which only ever mean "not filled in yet".
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .hygiene import character_name, forbidden_reason

_LOCAL_NAMES = ("localhost", "local", "internal", "intranet", "lan", "home.arpa", "corp")
_PLACEHOLDER_NAMES = ("example", "invalid", "test", "example.com", "example.net", "example.org")
_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_OUTSIDE_VISIBLE_ASCII = re.compile(r"[^!-~]")


def _under(host: str, names: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in names)


def explain_host(host: str) -> str | None:
    """Why ``host`` (lowercase, as urlsplit gives it) is not a public host name, or None."""
    if not all(c.isascii() and (c.isalnum() or c in ".-") for c in host):
        if ":" in host:
            return "must name a host, not an IP address"
        return "host must be written in ASCII letters, digits, dots and hyphens (use punycode)"
    name = host.rstrip(".")
    if not name or name.startswith((".", "-")) or name.endswith("-") or ".." in name:
        return "host name is malformed"
    if _NUMERIC_LABEL.fullmatch(name.rsplit(".", 1)[-1]):
        return ("must name a host, not a numeric address (browsers read it as an IP address "
                "such as 127.0.0.1)")
    if _under(name, _PLACEHOLDER_NAMES):
        return f"uses the placeholder domain '{name}'; give the real address of the source"
    if _under(name, _LOCAL_NAMES) or "." not in name:
        return (f"points at '{name}', which only exists on a local machine or network; give "
                "the source's public address")
    return None


def explain_url(url: str) -> str | None:
    """Why ``url`` is not an acceptable address, or None when it is."""
    for unusual in _OUTSIDE_VISIBLE_ASCII.finditer(url):
        char = unusual.group()
        if char.isspace():
            return "must not contain white space (write a space as %20)"
        if forbidden_reason(char) or unicodedata.category(char) == "Cc":
            return f"must not contain {character_name(char)}"
    if "\\" in url:
        return "must not contain a backslash; browsers read it as /"
    scheme, _, rest = url.partition(":")
    if scheme not in ("http", "https"):
        return f"must start with http:// or https:// (got scheme '{scheme}:')" if rest else (
            "must be a full address starting with http:// or https://")
    if not rest.startswith("//"):
        return "must be http:// or https:// followed by a host name"
    try:
        parts = urlsplit(url)
        if parts.port is not None and not 0 < parts.port < 65536:
            return "port must be between 1 and 65535"
    except ValueError as exc:
        return f"is not a valid address ({exc})"
    if "@" in parts.netloc:
        return "must not carry a user name or password (user:pass@host)"
    if parts.netloc.startswith("["):
        return "must name a host, not an IP address"
    if not parts.hostname:
        return "must name a host after http:// or https://"
    return explain_host(parts.hostname)
