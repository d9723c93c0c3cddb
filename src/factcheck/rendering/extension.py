"""The Python-Markdown extension ``factcheck``: the one piece every generator runs.

On an essay page it adds the notes (see :mod:`essay_page`); on a generated page it replaces the
directive line (``[[factcheck claim <id>]]``, ``[[factcheck claims]]``,
``[[factcheck corrections]]``) with elements. MkDocs' plugin passes it the checked catalog.
Listed on its own under ``markdown_extensions`` (as Zensical needs), it reads the settings
from ``mkdocs.yml``, checks the project itself, and stops the build on any problem, listing
each one as the validator does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor

from ..checking.cache import ResultCache
from ..checking.catalog import Catalog, load_catalog
from ..checking.essay import PARAGRAPH_PREFIX, TREE_PRIORITY, paragraph_id
from ..checking.project import SetupError
from . import claim_pages
from .essay_page import decorate
from .fragment import freeze
from .settings import CLAIMS_INDEX, CORRECTIONS_PAGE, Settings, read_settings

DIRECTIVE = re.compile(r"\[\[factcheck (claim|claims|corrections)(?: ([a-z0-9-]+))?\]\]")
DIRECTIVE_PRIORITY = 95  # before every block processor but blank-line handling
STAND_IN = "data-factcheck-directive"


class FactcheckError(Exception):
    """The project has problems (``status`` 1), or the check cannot run at all (2)."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


_caches: dict[Path, ResultCache] = {}  # per project, kept between pages and rebuilds


def load_project(settings: Settings, jobs: int = 1) -> Catalog:
    """The project's catalog, valid annotations and problems alike; ``jobs`` processes check
    the files of a large project (see ``checking.parallel``)."""
    project = settings.project()
    try:
        return load_catalog(project, _caches.setdefault(project.root, ResultCache()), jobs)
    except SetupError as exc:
        raise FactcheckError(f"factcheck: cannot run: {exc}", status=2) from None


def require_valid(catalog: Catalog) -> Catalog:
    """``catalog``, or :class:`FactcheckError` listing every error as the validator does."""
    if catalog.problems.errors:
        listing = "\n".join(p.format() for p in catalog.problems.errors)
        raise FactcheckError(f"factcheck: {len(catalog.problems.errors)} annotation problem(s); "
                             f"scripts/validate.py lists the same:\n{listing}")
    return catalog


def _generator_page(md: markdown.Markdown):
    """The generator's own object for the page being converted, when it has one: MkDocs and
    ProperDocs give their link processor the page's file, Zensical registers a rendering
    context; None with plain Python-Markdown."""
    for processor in md.treeprocessors:
        file = getattr(processor, "file", None)
        if isinstance(getattr(file, "src_uri", None), str):
            return file
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if isinstance(getattr(page, "path", None), str):
            return page
    return None


def hide_table_of_contents(md: markdown.Markdown) -> None:
    """Ask the theme to leave out the page's table of contents: the notes need that column.
    Themes read ``hide`` from the page's metadata, which stays open while the page converts."""
    found = _generator_page(md)
    meta = getattr(getattr(found, "page", found), "meta", None)
    if isinstance(meta, dict):
        hidden = meta.get("hide") if isinstance(meta.get("hide"), list) else []
        if "toc" not in hidden:
            meta["hide"] = [*hidden, "toc"]


def current_page(md: markdown.Markdown) -> str | None:
    """The source path (inside docs_dir) of the page being converted, when the generator says:
    MkDocs and ProperDocs give their link processor the page's file, Zensical registers a
    rendering context."""
    for processor in md.treeprocessors:
        source = getattr(getattr(processor, "file", None), "src_uri", None)
        if isinstance(source, str) and source:
            return source
    for processor in md.preprocessors:
        path = getattr(getattr(processor, "page", None), "path", None)
        if isinstance(path, str) and path:
            return path.replace("\\", "/")
    return None


class DirectiveProcessor(BlockProcessor):
    """A block that is only a directive becomes a stand-in element; the tree processor fills it
    in after inline processing, so no Markdown ever reads the annotations' text."""

    def test(self, parent, block) -> bool:
        return DIRECTIVE.fullmatch(block.strip()) is not None

    def run(self, parent, blocks) -> None:
        name, argument = DIRECTIVE.fullmatch(blocks.pop(0).strip()).groups()
        etree.SubElement(parent, "div", {STAND_IN: f"{name} {argument or ''}".strip()})


class FactcheckTreeprocessor(Treeprocessor):
    """Fills in directives, then decorates the page if it is an essay page."""

    def __init__(self, md, extension: FactcheckExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = current_page(self.md)
        for parent in list(root.iter()):
            for index, child in reversed(list(enumerate(parent))):
                if child.get(STAND_IN) is not None:
                    name, _, argument = child.get(STAND_IN).partition(" ")
                    parent.remove(child)
                    for offset, element in enumerate(self.extension.directive(name, argument or None,
                                                                              page)):
                        parent.insert(index + offset, freeze(element))
        self.decorate(root, page)

    def decorate(self, root: etree.Element, page: str | None) -> None:
        page = self.extension.essay_page(root, page)
        if page is not None:
            hide_table_of_contents(self.md)
            catalog, settings = self.extension.loaded()
            decorate(root, page, catalog.by_page()[page], settings.claim_pages,
                     self.extension.problems(page), self.extension.drift)


class FactcheckExtension(markdown.Extension):
    """Decorates essay pages and fills in generated pages from one checked catalog."""

    def __init__(self, catalog: Catalog | None = None, settings: Settings | None = None, **kwargs):
        self.config = {"config_file": ["mkdocs.yml", "the site's mkdocs.yml, for its factcheck "
                                                      "plugin options (relative to the working folder)"]}
        super().__init__(**kwargs)
        self._catalog, self._settings = catalog, settings
        self.drift: list[str] | None = None  # given a list, drifted quotes are reported, not raised

    def loaded(self) -> tuple[Catalog, Settings]:
        if self._catalog is None:
            config_file = Path(self.getConfig("config_file"))
            if not config_file.is_file():
                raise FactcheckError(f"factcheck: cannot run: {config_file} not found; run the "
                                     "build from the project folder or set config_file", status=2)
            self._settings = read_settings(config_file)
            self._catalog = require_valid(load_project(self._settings))
        return self._catalog, self._settings

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Nothing is loaded here: MkDocs builds every listed extension once just to check that
        # it loads. The project is checked when the first page is converted.
        if "attr_list" not in md.treeprocessors:  # paragraph ids ({: #p-slug }) need it
            md.registerExtensions(["attr_list"], {})
        md.parser.blockprocessors.register(DirectiveProcessor(md.parser), "factcheck-directive",
                                           DIRECTIVE_PRIORITY)
        md.treeprocessors.register(FactcheckTreeprocessor(md, self), "factcheck", TREE_PRIORITY)

    def problems(self, page: str) -> tuple[list, dict]:
        """A preview's problems: all of them, and those of each paragraph of ``page``."""
        catalog, settings = self.loaded()
        if not catalog.problems.errors:
            return [], {}
        from .preview import problem_spots

        spots = problem_spots(catalog, settings.root)
        return catalog.problems.errors, {slug: found for (on, slug), found in spots.items()
                                         if on == page}

    def essay_page(self, root: etree.Element, page: str | None) -> str | None:
        """Which essay page ``root`` is: the page the generator names, or else the one whose
        paragraph ids these are. None for a page that is not an essay page."""
        catalog, _ = self.loaded()
        if page is not None:
            return page if page in catalog.pages else None
        ids = [slug for element in root.iter("p") if (slug := paragraph_id(element)) is not None]
        if not ids:
            return None
        matches = [name for name, paragraphs in catalog.pages.items() if list(paragraphs) == ids]
        if len(matches) != 1:
            raise FactcheckError(
                f"factcheck: a page with paragraph ids {PARAGRAPH_PREFIX}{ids[0]}… is not one of "
                "the checked essay pages (or matches several); check the 'essays' option")
        return matches[0]

    def directive(self, name: str, argument: str | None, page: str | None) -> list[etree.Element]:
        catalog, settings = self.loaded()
        if name == "claims":
            return claim_pages.claims_index(catalog, page or CLAIMS_INDEX, settings)
        if name == "corrections":
            return claim_pages.corrections_list(catalog, page or CORRECTIONS_PAGE)
        annotation = catalog.get(argument) if argument else None
        if annotation is None or not annotation.verdict:
            raise FactcheckError(f"factcheck: [[factcheck claim {argument}]] names no claim "
                                 "annotation")
        paragraph = catalog.pages[annotation.page][annotation.paragraph]
        here = page or f"claims/{annotation.id}.md"
        return claim_pages.claim_page(annotation, paragraph, here, settings)


def makeExtension(**kwargs) -> FactcheckExtension:  # noqa: N802 - Python-Markdown's name
    return FactcheckExtension(**kwargs)
