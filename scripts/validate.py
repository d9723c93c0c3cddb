#!/usr/bin/env python3
"""Check every annotation under annotations/ against the schema and the essay.

Usage: python scripts/validate.py [--strict]   (see --help)
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from needs import require  # noqa: E402

if __name__ == "__main__":
    main = require("factcheck.commands.validate", "validate.py").main
    sys.exit(main(["--root", str(ROOT), *sys.argv[1:]]))
