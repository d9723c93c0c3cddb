"""Fact-check annotations for one essay: load, validate, anchor, render and export.

``checking`` reads and checks annotation files, ``rendering`` turns a checked catalog into the
site (a Python-Markdown extension for every generator, a thin MkDocs plugin), ``commands`` holds
the command-line tools. The engine never imports MkDocs; only ``rendering.mkdocs_plugin`` does.
"""

__version__ = "0.2.0"
