"""Fact-check annotations for one essay: load, validate, anchor, render and export.

The engine never imports MkDocs; only :mod:`factcheck.mkdocs_plugin` does.
"""

__version__ = "0.1.0"
