"""Import an engine command, or say in one line how to set up and exit 2 (cannot run)."""

import importlib
import sys

SETUP = "make validate (it creates .venv from the lock), then run it with .venv/bin/python"
# What the engine imports when it checks a file (some of it only then).
LIBRARIES = ("yaml", "markdown", "nh3", "fastjsonschema", "jsonschema")


def require(module: str, prog: str):
    try:
        for library in LIBRARIES:
            importlib.import_module(library)
        return importlib.import_module(module)
    except ImportError as exc:
        missing = exc.name or str(exc)
        print(f"{prog}: cannot run: the Python package '{missing}' is not installed here; "
              f"set up with: {SETUP}", file=sys.stderr)
        sys.exit(2)
