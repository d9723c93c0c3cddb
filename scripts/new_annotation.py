#!/usr/bin/env python3
"""Start a new annotation file after checking the quote against the essay.

Usage: python scripts/new_annotation.py --paragraph tax-benefits --quote "75% reduction"
       [--kind claim|context|editorial] [--id my-id] [--occurrence N] [--author "Name"]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from needs import require  # noqa: E402

if __name__ == "__main__":
    main = require("factcheck.commands.new_annotation", "new_annotation.py").main
    sys.exit(main(["--root", str(ROOT), *sys.argv[1:]]))
