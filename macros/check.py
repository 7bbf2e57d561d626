"""`make check`: validate every data file, then every translation under translations/, and print each problem as path:line:col: message."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .library import load_library
from .problems import DataError
from .translation_files import languages
from .translations import read_translation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the data files of Next Step, and each translation of them.")
    parser.add_argument("root", nargs="?", default=".", help="the repository root (default: here)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        library = load_library(root)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    scripts = library.all_scripts()
    print(f"All data is valid: {len(library.blanks)} blanks, {len(library.settings)} settings, {len(scripts)} scripts.")
    status = 0
    for lang in languages(root):
        # Stale and missing translations fail the check (the build shows them in English under a note); errors fail both.
        translation = read_translation(root, lang, library)
        problems = translation.errors + translation.notices
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            status = 1
            print(f"translation ({lang}): {len(translation.errors)} error(s), {len(translation.notices)} stale or missing.", file=sys.stderr)
        else:
            print(f"translation ({lang}): complete and current.")
    return status


if __name__ == "__main__":
    sys.exit(main())
