"""What a build of the site reads, and a throw-away copy of it: one list for the tests and `make bench`."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "mkdocs.es.yml", "macros", "hooks", "data", "docs", "schemas", "translations")


def copy_sources(target: Path, root: Path = ROOT) -> Path:
    """Copy everything a build reads from `root` into `target` (a new folder)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target
