"""The MkDocs adapter: the only module that imports MkDocs. Its events only delegate."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import integrity, pages
from .catalog import Catalog, Project, SetupError, load_catalog
from .claimreview import ReviewUrls, claim_review
from .export import annotation_collection, claim_records, claims_csv, claims_json, readable_json
from .load_cache import LoadCache
from .mdext import FactcheckExtension
from .result_cache import ResultCache, cache_file
from .search_text import NotesForSearch
from .skeleton import LayoutReuse, token
from .summary import insert_counts

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"
CLAIM_TEMPLATE = "factcheck-claim.html"  # renders nothing: the plugin writes claim pages itself
PAGE_TEMPLATE = "main.html"
CSS = "assets/factcheck/factcheck.css"
JS = "assets/factcheck/factcheck.js"
EARLY_SCRIPT = '<script>document.documentElement.classList.add("fc-js")</script>'


class FactcheckConfig(Config):
    essay = c.Type(str, default="index.md")
    essays = c.ListOfItems(c.Type(str), default=[])  # glob patterns of further essay pages
    annotations_dir = c.Type(str, default="annotations")
    export = c.Type(str, default="annotations.jsonld")
    claims_title = c.Type(str, default="Claims")
    publisher = c.Optional(c.Type(str))  # the organisation behind the fact-checks; default site_name
    claim_pages = c.Type(bool, default=True)  # a page per claim; very large sites may turn it off


class ClaimPage(Page):
    """A page per claim. Its title, description and content come from the annotation, so it has
    no Markdown to read or convert; the plugin puts in the content (``on_page_content``)."""

    def __init__(self, file: File, config, annotation):
        super().__init__(None, file, config)  # also sets file.page, which MkDocs then uses
        self.annotation = annotation

    def read_source(self, config) -> None:
        self.markdown = ""
        self.meta = {**pages.claim_page_meta(self.annotation), "template": CLAIM_TEMPLATE}

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([{"level": 1, "id": pages.CLAIM_HEADING_ID, "name": "Fact-check",
                             "children": []}])
        self.present_anchor_ids = {pages.CLAIM_HEADING_ID}
        self.links_to_anchors = {}


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    def __init__(self):
        self.catalog: Catalog | None = None
        self.load_cache = LoadCache()  # unchanged annotation files are not checked again
        self.extension: FactcheckExtension | None = None
        self.rendered_notes: Counter = Counter()
        self.claim_pages: dict = {}  # generated page src_uri -> its claim annotation
        self.essay_urls: dict[str, str] = {}
        self.rendered_highlights: Counter = Counter()
        self.layout = LayoutReuse()  # claim pages from one render per shape (tests turn it off)
        self.env = None
        self.contexts: dict = {}  # claim page src_uri -> its template context
        self.search_notes: NotesForSearch | None = NotesForSearch()  # None: index the markup

    def on_startup(self, *, command, dirty):
        """Defined so that one instance serves every rebuild of ``mkdocs serve``."""

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        project = Project.at(root, essay=str(docs / self.config.essay),
                             annotations=self.config.annotations_dir,
                             essays=self.config.essays, docs=str(docs))
        try:
            catalog = load_catalog(project, self._cache_for(project))
            if isinstance(self.load_cache, ResultCache):
                self.load_cache.save()
        except SetupError as exc:
            raise PluginError(f"factcheck: {exc}") from None
        for problem in catalog.problems.warnings:
            log.warning(problem.format())
        if catalog.problems.errors:
            listing = "\n".join(p.format() for p in catalog.problems.errors)
            raise PluginError(
                f"factcheck: {len(catalog.problems.errors)} annotation problem(s); "
                f"run scripts/validate.py for the same list:\n{listing}"
            )
        self.catalog = catalog
        self.extension = FactcheckExtension(catalog)
        self.extension.active = False
        config.markdown_extensions.append(self.extension)
        for entry, target in ((CSS, config.extra_css), (JS, config.extra_javascript)):
            if entry not in target:
                target.append(entry)
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES))
        watch = str(project.annotations_dir)
        if watch not in config.watch:
            config.watch.append(watch)
        self.rendered_notes, self.rendered_highlights = Counter(), Counter()
        return config

    def _cache_for(self, project: Project) -> LoadCache:
        """Results kept by validate.py (and earlier builds) unless on CI or told not to."""
        if os.environ.get("CI") or os.environ.get("FACTCHECK_NO_CACHE"):
            if isinstance(self.load_cache, ResultCache):
                self.load_cache = LoadCache()
            return self.load_cache
        path = cache_file(project.root)
        if not isinstance(self.load_cache, ResultCache) or self.load_cache.path != path:
            self.load_cache = ResultCache(path)
        return self.load_cache

    def on_files(self, files, *, config):
        for name in ("factcheck.css", "factcheck.js"):
            files.append(File.generated(config, f"assets/factcheck/{name}",
                                        abs_src_path=str(ASSETS / name)))
        urls = {}
        for page in self.catalog.pages:
            essay = files.get_file_from_path(page)
            if essay is None:
                raise PluginError(f"factcheck: essay page '{page}' is not in docs_dir")
            urls[page] = essay.url or "./"
        collection = annotation_collection(self.catalog, config.site_url or "",
                                           urls[self.catalog.main_page], self.config.export,
                                           page_paths=urls)
        files.append(File.generated(config, self.config.export,
                                    content=readable_json(collection)))
        records = claim_records(self.catalog, config.site_url or "", urls[self.catalog.main_page],
                                page_paths=urls)
        files.append(File.generated(config, "claims.json", content=claims_json(records)))
        files.append(File.generated(config, "claims.csv", content=claims_csv(records)))
        self._add_claim_pages(files, config, urls)
        return files

    def _add_claim_pages(self, files, config, essay_urls: dict[str, str]) -> None:
        description = "Every checkable claim of the essay with its verdict, by verdict."
        files.append(File.generated(config, pages.CLAIMS_INDEX,
                                    content=pages.claims_index_markdown(self.config.claims_title,
                                                                        description)))
        self.claim_pages = {}
        self.layout.reset()
        self.annotations_by_id = {a.id: a for a in self.catalog.annotations}
        self.essay_urls = essay_urls
        if not self.config.claim_pages:
            return
        for annotation in pages.claims(self.catalog.annotations):
            uri = pages.claim_src_uri(annotation.id)
            file = File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            ClaimPage(file, config, annotation)
            files.append(file)
            self.claim_pages[uri] = annotation

    def _href(self, files, target_uri: str, from_url: str) -> str:
        """A link to the page built from ``target_uri``, relative to the page at ``from_url``."""
        target = files.get_file_from_path(target_uri).url
        href = get_relative_url(target, from_url)
        if (target == "" or target.endswith("/")) and not href.endswith("/"):
            href = "./" if href == "." else href + "/"
        return href

    def _claim_page(self, annotation, page, config, files) -> str:
        essay_uri = annotation.page or self.catalog.main_page
        essay_href = self._href(files, essay_uri, page.file.url)
        paragraph = self.catalog.pages.get(essay_uri, self.catalog.paragraphs)[annotation.paragraph]
        if config.site_url:
            base = config.site_url.rstrip("/") + "/"
            urls = ReviewUrls(review=base + page.file.url,
                              appearance=f"{base}{self.essay_urls[essay_uri].lstrip('./')}"
                                         f"#p-{annotation.paragraph}")
        else:
            urls = ReviewUrls(review=self._href(files, page.file.src_uri, page.file.url),
                              appearance=f"{essay_href}#p-{annotation.paragraph}")
        review = claim_review(annotation, urls, self.config.publisher or config.site_name)
        return pages.claim_page_html(annotation, paragraph, essay_href=essay_href,
                                     index_href=self._href(files, pages.CLAIMS_INDEX, page.file.url),
                                     review=review, heading_id=_first_heading_id(page))

    def on_page_markdown(self, markdown, *, page, config, files):
        self.extension.active = page.file.src_uri in self.catalog.pages
        self.extension.page = page.file.src_uri
        if self.extension.active:
            markdown = insert_counts(markdown, self.catalog)
            # Links in Markdown name source files; MkDocs turns them into URLs and checks them.
            here = page.file.src_uri
            self.extension.claim_hrefs = {
                a.id: get_relative_url(uri, here) for uri, a in self.claim_pages.items()}
            self.extension.index_href = get_relative_url(pages.CLAIMS_INDEX, here)
            hidden = page.meta.setdefault("hide", [])
            if "toc" not in hidden:
                hidden.append("toc")  # the margin notes need the table of contents' column
        return markdown

    def on_page_content(self, html, *, page, config, files):
        self.extension.active = False
        uri = page.file.src_uri
        if uri == pages.CLAIMS_INDEX:
            here = page.file.url
            return pages.claims_index_html(
                self.catalog.annotations, self.config.claims_title,
                page_href=(lambda i: self._href(files, pages.claim_src_uri(i), here))
                if self.config.claim_pages else (lambda i: self._note_href(files, i, here)),
                note_href=lambda i: self._note_href(files, i, here),
                essay_href=self._href(files, self.catalog.main_page, here),
                heading_id=_first_heading_id(page))
        if uri in self.claim_pages:
            return self._claim_page(self.claim_pages[uri], page, config, files)
        if uri in self.catalog.pages and self.search_notes is not None:
            return self.search_notes.lighten(uri, html)  # put back in on_post_page
        return html

    def _note_href(self, files, annotation_id: str, from_url: str) -> str:
        annotation = self.annotations_by_id[annotation_id]
        essay = self._href(files, annotation.page or self.catalog.main_page, from_url)
        return f"{essay}#a-{annotation_id}"

    def on_env(self, env, *, config, files):
        self.env = env
        return env

    def on_page_context(self, context, *, page, config, nav):
        if page.file.src_uri in self.claim_pages:
            self.contexts[page.file.src_uri] = context
        return context

    def _claim_page_output(self, page) -> str:
        """The theme's page for a claim: from the shape's skeleton once it is proven, else in full.

        All claim pages sit at the same depth, outside the nav, with the same table of contents,
        so the theme's output differs between them only in the values of ``_slot_values``.
        """
        context = self.contexts.pop(page.file.src_uri)
        key = (page.url.count("/"), str(page.toc))
        values = _slot_values(page)
        skeleton = self.layout.ready(key, values)
        if skeleton is not None:
            return skeleton.fill(values)
        template = self.env.get_template(PAGE_TEMPLATE)
        if self.layout.needs_skeleton(key):
            self.layout.add_skeleton(key, _render_with_tokens(template, context, page))
        full = template.render(context)
        self.layout.check(key, values, full)
        return full

    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self.claim_pages:
            output = self._claim_page_output(page)
        elif page.file.src_uri in self.catalog.pages and self.search_notes is not None:
            output = self.search_notes.restore(page.file.src_uri, output)
        # Styles for "JavaScript is on" apply from the first paint, not after a restyle at load.
        output = output.replace("</head>", f"{EARLY_SCRIPT}\n</head>", 1)
        if page.file.src_uri in self.catalog.pages:
            integrity.count_rendered(output, self.rendered_notes, self.rendered_highlights)
        return output

    def on_post_build(self, *, config):
        problems = list(self.extension.log.failures)
        problems += integrity.rendering_problems(self.catalog.annotations, self.rendered_notes,
                                                 self.rendered_highlights)
        site = Path(config.site_dir)
        problems += integrity.export_problems(site / self.config.export, self.catalog.annotations)
        for flat in ("claims.json", "claims.csv"):
            problems += integrity.flat_export_problems(site / flat, self.catalog.annotations)
        if problems:
            raise PluginError("factcheck: annotations were lost in the build:\n" + "\n".join(problems))
        log.info(f"{len(self.catalog.annotations)} annotations rendered and exported")


def _first_heading_id(page) -> str | None:
    """The id MkDocs gave the page's first heading (its skip link points there)."""
    return page.toc.items[0].id if page.toc.items else None


def _slot_values(page) -> dict[str, str]:
    values = {"title": page.title, "description": page.meta.get("description", ""),
              "content": page.content}
    if page.canonical_url:
        values["canonical"] = page.canonical_url
    return values


def _render_with_tokens(template, context, page) -> str:
    """Render ``page`` with a token in place of each value that differs between claim pages."""
    saved = (dict(page.meta), page.content, page.canonical_url)
    try:
        page.meta["title"], page.meta["description"] = token("title"), token("description")
        page.content = token("content")
        if page.canonical_url:
            page.canonical_url = token("canonical")
        return template.render(context)
    finally:
        page.meta.clear()
        page.meta.update(saved[0])
        page.content, page.canonical_url = saved[1], saved[2]
