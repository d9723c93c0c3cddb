"""Rendering the site from a checked catalog: the essay's notes, the claim pages, the data
exports, and the check of a built site. The Python-Markdown extension serves every generator;
the MkDocs plugin is a thin layer over the same pieces.
"""
