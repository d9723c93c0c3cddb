"""The project's settings, read once from the same place by every generator.

The options live under the ``factcheck`` plugin in ``mkdocs.yml``. MkDocs and ProperDocs pass
them to the plugin; Zensical ignores plugins, so the Markdown extension and the commands read the
same entry from the file themselves (:func:`read_settings`).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from ..checking.project import Project

CLAIMS_DIR = "claims"
CLAIMS_INDEX = f"{CLAIMS_DIR}/index.md"
CORRECTIONS_PAGE = "corrections.md"
ASSETS_DIR = "assets/factcheck"
ASSETS = ("factcheck.css", "factcheck.js")


class SettingsError(Exception):
    """The configuration cannot be read or names something that does not exist."""


@dataclass(frozen=True)
class Settings:
    """Where things are and what to publish. Paths are relative to ``root`` or ``docs_dir``."""

    root: Path
    docs_dir: str = "docs"
    essay: str = "index.md"  # the main essay page, inside docs_dir
    essays: tuple[str, ...] = ()  # glob patterns of further essay pages, inside docs_dir
    annotations_dir: str = "annotations"
    export: str = "annotations.jsonld"
    claims_title: str = "Claims"
    publisher: str | None = None  # who publishes the fact-checks; default: the site's name
    claim_pages: bool = True
    site_url: str = ""
    site_name: str = ""
    use_directory_urls: bool = True
    options: dict = field(default_factory=dict, compare=False)

    def project(self) -> Project:
        docs = self.root / self.docs_dir
        return Project.at(self.root, essay=str(docs / self.essay), annotations=self.annotations_dir,
                          essays=self.essays, docs=str(docs))

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.site_name

    def url(self, src: str) -> str:
        """The URL path, from the site's root, of the page built from ``src`` (as MkDocs and
        Zensical make it)."""
        stem, _ = posixpath.splitext(src)
        folder, name = posixpath.split(stem)
        if name in ("index", "README"):
            return f"{folder}/" if folder else ""
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def absolute(self, path: str) -> str:
        """``path`` (from the site's root) as an absolute IRI when the site's URL is known, else
        as a reference relative to the site's root (``./`` for the root page itself)."""
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{path}"
        return path or "./"


def claim_src(annotation_id: str) -> str:
    return f"{CLAIMS_DIR}/{annotation_id}.md"


def link(from_src: str, to_src: str, fragment: str = "") -> str:
    """A Markdown-source link from one page to another; generators turn it into a URL and check
    that the page and the fragment exist."""
    href = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{href}#{fragment}" if fragment else href


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs' own tags: ``!ENV`` is resolved, Python names are kept
    as text (they are never run)."""


def _env(loader: _ConfigLoader, node: yaml.Node):
    names = ([loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode)
             else [str(v) for v in loader.construct_sequence(node)])
    *variables, default = names if len(names) > 1 else (names + [None])
    for name in variables:
        if os.environ.get(name):
            return os.environ[name]
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(config: dict) -> dict | None:
    """The ``factcheck`` plugin's options in a parsed mkdocs.yml, or None when it is not listed."""
    for entry in config.get("plugins") or []:
        if entry == "factcheck":
            return {}
        if isinstance(entry, dict) and "factcheck" in entry:
            return dict(entry["factcheck"] or {})
    return None


OPTION_NAMES = ("essay", "essays", "annotations_dir", "export", "claims_title", "publisher",
                "claim_pages")


def from_options(root: Path, config: dict, options: dict) -> Settings:
    known = {f.name for f in fields(Settings)}
    values = {name: options[name] for name in OPTION_NAMES if name in options}
    if "essays" in values:
        values["essays"] = tuple(values["essays"])
    unknown = sorted(set(options) - set(OPTION_NAMES) - {"enabled"})
    if unknown:
        raise SettingsError(f"unknown factcheck option(s): {', '.join(unknown)}")
    return Settings(root=root, docs_dir=str(config.get("docs_dir") or "docs"),
                    site_url=str(config.get("site_url") or ""),
                    site_name=str(config.get("site_name") or ""),
                    use_directory_urls=bool(config.get("use_directory_urls", True)),
                    options=options, **{k: v for k, v in values.items() if k in known})


def read_settings(config_file: Path) -> Settings:
    """The settings in ``config_file`` (an mkdocs.yml), for generators without the plugin."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"cannot read {config_file}: {exc}") from None
    if not isinstance(config, dict):
        raise SettingsError(f"{config_file} is not a mapping of settings")
    return from_options(config_file.resolve().parent, config, plugin_options(config) or {})
