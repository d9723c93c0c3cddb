#!/usr/bin/env python3
"""Check a built site against the annotations: every note once, claim pages, exports.

Usage: python scripts/check_site.py [site] [-f mkdocs.yml]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from needs import require  # noqa: E402

if __name__ == "__main__":
    sys.exit(require("factcheck.commands.site_tools", "check_site.py").check(sys.argv[1:]))
