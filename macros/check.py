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
    parser.add_argument("--strict-translations", action="store_true", help="fail on a missing or stale translation too (a maintainer's gate before a release)")
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
        # Errors fail the check and the build. A missing or stale translation is listed but passes: the site shows that
        # record in English under a note, and an English contributor who writes no Spanish is not stopped by it.
        translation = read_translation(root, lang, library)
        for problem in translation.errors + translation.notices:
            print(problem, file=sys.stderr)
        if translation.errors:
            status = 1
            print(f"translation ({lang}): {len(translation.errors)} error(s), {len(translation.notices)} stale or missing.", file=sys.stderr)
        elif translation.notices:
            status = 1 if args.strict_translations else status
            print(f"translation ({lang}): {len(translation.notices)} stale or missing; the {lang} site shows them in English, under a note, until they are translated.", file=sys.stderr)
        else:
            print(f"translation ({lang}): complete and current.")
    return status


if __name__ == "__main__":
    sys.exit(main())
