"""Optional compiled build: `POLEMOS_COMPILE=1 pip install --no-build-isolation .` (mypy installed).

The project is configured in pyproject.toml; this file only adds, on request, C extensions that mypyc
compiles from the modules pyproject's [tool.polemos] `compiled` names (the per-sentence Python work
after the spaCy parse), which then run about twice as fast. They behave as the Python modules do:
bench/compiled_same.py codes the benchmark corpus with both builds and compares. Without
POLEMOS_COMPILE the install is plain Python, as the development install (`pip install -e .`) must be:
an extension module next to its .py file would shadow it, and edits to the .py would not run.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup

SRC = Path("src")


def compiled_modules() -> list[str]:
    """The source files to compile, from pyproject.toml's [tool.polemos] `compiled` globs."""
    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    patterns: list[str] = config["tool"]["polemos"]["compiled"]
    return sorted({str(p) for pattern in patterns for p in SRC.glob(pattern) if p.name != "__init__.py"})


def ext_modules() -> list[object]:
    if os.environ.get("POLEMOS_COMPILE", "") not in ("1", "true", "yes"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        raise SystemExit(
            "POLEMOS_COMPILE=1 needs mypy's compiler in the build environment: install mypy and build with "
            "`pip install --no-build-isolation`"
        ) from exc
    return list(mypycify(["--config-file", "pyproject.toml", *compiled_modules()], opt_level="3"))


setup(ext_modules=ext_modules())
