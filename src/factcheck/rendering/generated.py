"""Every file the annotations add to a site: the generated pages (Markdown, inside docs_dir),
the data exports and our assets. The MkDocs plugin adds them to the build in memory; for
generators without plugins, ``scripts/generate.py`` writes them into docs_dir.
"""

from __future__ import annotations

from pathlib import Path

from ..checking.catalog import Catalog
from .claim_pages import generated_pages
from .exports import data_files
from .settings import ASSETS, ASSETS_DIR, CLAIMS_DIR, Settings

ASSET_FOLDER = Path(__file__).parent / "assets"
# What the generated files occupy inside docs_dir; nothing else may live there.
GENERATED_FOLDERS = (CLAIMS_DIR, ASSETS_DIR)


def generated_files(catalog: Catalog, settings: Settings) -> dict[str, str | Path]:
    """Path inside the site's sources -> text, or the packaged file to copy."""
    files: dict[str, str | Path] = {**generated_pages(catalog, settings),
                                    **data_files(catalog, settings)}
    for name in ASSETS:
        files[f"{ASSETS_DIR}/{name}"] = ASSET_FOLDER / name
    return files


def is_generated_place(src: str) -> bool:
    """True for a path inside a folder that only generated files may occupy."""
    return any(src == folder or src.startswith(folder + "/") for folder in GENERATED_FOLDERS)
