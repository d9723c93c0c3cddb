#!/usr/bin/env python3
"""Write the claim pages, data exports and reading assets into docs/ for Zensical.

Usage: python scripts/generate.py [-f mkdocs.yml]   (MkDocs and ProperDocs do not need it)
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from needs import require  # noqa: E402

if __name__ == "__main__":
    sys.exit(require("factcheck.commands.site_tools", "generate.py").generate(sys.argv[1:]))
