"""The MkDocs (and ProperDocs) plugin: the only module that imports MkDocs.

A thin layer over the engine: it checks the project once per build, gives the checked catalog
to the ``factcheck`` Markdown extension, adds the generated pages, data and assets to the
build, and checks the built site afterwards. Under ``mkdocs serve`` a problem does not stop the
preview: it is printed in full at every rebuild and shown at the top of the essay.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from ..checking.catalog import Catalog
from ..checking.parallel import available_cpus
from . import site_check
from .extension import FactcheckError, FactcheckExtension, load_project, require_valid
from .generated import generated_files, is_generated_place
from .settings import CLAIMS_INDEX, CORRECTIONS_PAGE, Settings, SettingsError, from_options

log = get_plugin_logger(__name__)


class FactcheckConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (the essay is then published without notes)."""
    essay = c.Type(str, default="index.md")
    """The main essay page, inside docs_dir."""
    essays = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (inside docs_dir) of further essay pages; annotations name them with 'page:'."""
    annotations_dir = c.Type(str, default="annotations")
    """The folder of annotation files, relative to mkdocs.yml."""
    export = c.Type(str, default="annotations.jsonld")
    """Where the W3C Web Annotation collection is published."""
    claims_title = c.Type(str, default="Claims")
    """The title of the claims index (claims/)."""
    publisher = c.Optional(c.Type(str))
    """The organisation named as author of each ClaimReview; default: site_name."""
    claim_pages = c.Type(bool, default=True)
    """A page per claim with its ClaimReview; very large sites may turn it off."""


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    def __init__(self):
        self.serving = False  # set once by on_startup; everything else is per build
        self.settings: Settings | None = None
        self.catalog: Catalog | None = None
        self.extension: FactcheckExtension | None = None

    def on_startup(self, *, command, dirty):
        """Remember whether this is ``mkdocs serve``: one plugin instance then serves every
        rebuild, so on_config starts each build afresh."""
        self.serving = command == "serve"

    @event_priority(50)  # before other plugins read the pages, the CSS or the JavaScript
    def on_config(self, config):
        """Check the project and give its catalog to the Markdown extension."""
        self.settings = self.catalog = self.extension = None
        if not self.config.enabled:
            return config
        options = {name: self.config[name] for name in self.config}
        try:
            self.settings = from_options(Path(config.config_file_path).parent, config, options)
        except SettingsError as exc:
            raise PluginError(f"factcheck: {exc}") from None
        try:
            self.catalog = load_project(self.settings, jobs=1 if self.serving else available_cpus())
            require_valid(self.catalog)
        except FactcheckError as exc:
            if not self.serving or self.catalog is None:
                raise PluginError(str(exc)) from None
            # The preview goes on with the valid annotations; the problems are printed in full
            # at every rebuild (MkDocs' log would drop a message repeated from the last one).
            print(f"\n{exc}\n", file=sys.stderr, flush=True)
        for problem in self.catalog.problems.warnings:
            log.warning(problem.format())
        extensions = config.markdown_extensions
        listed = [e for e in extensions if e == "factcheck" or isinstance(e, FactcheckExtension)]
        for entry in listed:
            extensions.remove(entry)
        config.mdx_configs.pop("factcheck", None)
        self.extension = FactcheckExtension(catalog=self.catalog, settings=self.settings)
        self.extension.drift = []
        extensions.append(self.extension)
        for entry, target in (("assets/factcheck/factcheck.css", config.extra_css),
                              ("assets/factcheck/factcheck.js", config.extra_javascript)):
            if entry not in target:
                target.append(entry)
        watch = str(self.settings.project().annotations_dir)
        if watch not in config.watch:
            config.watch.append(watch)
        return config

    def on_files(self, files, *, config):
        """Add the generated pages, the data exports and our assets."""
        if self.catalog is None:
            return files
        generated = generated_files(self.catalog, self.settings)
        for file in list(files):
            if file.src_uri in generated or is_generated_place(file.src_uri):
                files.remove(file)  # written for another generator; the build makes its own
        for src, content in generated.items():
            hidden = src not in (CLAIMS_INDEX, CORRECTIONS_PAGE) and src.endswith(".md")
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            if isinstance(content, Path):
                files.append(File.generated(config, src, abs_src_path=str(content),
                                            inclusion=inclusion))
            else:
                files.append(File.generated(config, src, content=content, inclusion=inclusion))
        return files

    def on_post_build(self, *, config):
        """Check the built site: every annotation rendered once, exports complete."""
        if self.catalog is None:
            return
        problems = self.extension.drift + site_check.check_site(Path(config.site_dir), self.catalog,
                                                                self.settings)
        if problems:
            raise PluginError("factcheck: annotations were lost in the build:\n" + "\n".join(problems))
        log.info(f"{len(self.catalog.annotations)} annotations rendered and exported")
