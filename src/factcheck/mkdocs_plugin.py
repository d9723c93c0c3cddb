"""The MkDocs adapter: the only module that imports MkDocs. Its events only delegate."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from . import integrity
from .catalog import Catalog, Project, SetupError, load_catalog
from .export import annotation_collection, claim_records, claims_csv, claims_json
from .mdext import FactcheckExtension
from .summary import insert_counts

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
CSS = "assets/factcheck/factcheck.css"
JS = "assets/factcheck/factcheck.js"


class FactcheckConfig(Config):
    essay = c.Type(str, default="index.md")
    essays = c.ListOfItems(c.Type(str), default=[])  # glob patterns of further essay pages
    annotations_dir = c.Type(str, default="annotations")
    export = c.Type(str, default="annotations.jsonld")


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    def __init__(self):
        self.catalog: Catalog | None = None
        self.extension: FactcheckExtension | None = None
        self.rendered_notes: Counter = Counter()
        self.rendered_highlights: Counter = Counter()

    def on_startup(self, *, command, dirty):
        """Defined so that one instance serves every rebuild of ``mkdocs serve``."""

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        project = Project.at(root, essay=str(docs / self.config.essay),
                             annotations=self.config.annotations_dir,
                             essays=self.config.essays, docs=str(docs))
        try:
            catalog = load_catalog(project)
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
        watch = str(project.annotations_dir)
        if watch not in config.watch:
            config.watch.append(watch)
        self.rendered_notes, self.rendered_highlights = Counter(), Counter()
        return config

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
                                    content=json.dumps(collection, ensure_ascii=False, indent=1)))
        records = claim_records(self.catalog, config.site_url or "", urls[self.catalog.main_page],
                                page_paths=urls)
        files.append(File.generated(config, "claims.json", content=claims_json(records)))
        files.append(File.generated(config, "claims.csv", content=claims_csv(records)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        self.extension.active = page.file.src_uri in self.catalog.pages
        self.extension.page = page.file.src_uri
        if self.extension.active:
            markdown = insert_counts(markdown, self.catalog)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        self.extension.active = False
        return html

    def on_post_page(self, output, *, page, config):
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
