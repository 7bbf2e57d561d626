"""`make check`: validate every data file and print each problem as path:line:col: message."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .library import load_library
from .problems import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the data files of Next Step.")
    parser.add_argument("root", nargs="?", default=".", help="the repository root (default: here)")
    args = parser.parse_args(argv)
    try:
        library = load_library(Path(args.root))
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    scripts = library.all_scripts()
    print(f"All data is valid: {len(library.blanks)} blanks, {len(library.settings)} settings, {len(scripts)} scripts.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
