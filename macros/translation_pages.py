"""A translation's pages: translations/<lang>/docs/ mirrors docs/, each page dated by `source:` in its front matter."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .problems import Problem
from .translation_files import DRAFT_KEY, TRANSLATIONS, english_pages, source_hash_of_page

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the same verdicts, a tenth of the time, every page of every build

_FRONT_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(.*?)[ \t]*$")


def front_matter(text: str) -> dict[str, tuple[str, int, int]]:
    """The front matter's top-level keys: key -> (value, line, column of the value); {} without front matter."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return {}
    found = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return found
        match = _FRONT_KEY.match(line)
        if match:
            found[match.group(1)] = (match.group(2).strip("'\""), number, match.start(2) + 1)
    return {}  # never closed: no front matter


def front_matter_error(text: str) -> tuple[int, int, str] | None:
    """Where the front matter stops being YAML, if it does: MkDocs then drops it whole, title and description with it, without a word."""
    match = re.match(r"---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.S)
    if not match:
        return None
    try:
        yaml.load(match.group(1), Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        return line, col, getattr(error, "problem", None) or "not valid YAML"
    return None


def translated_pages(root: Path, lang: str) -> list[str]:
    """The translation's pages, relative to its docs/ (its `assets` link to the English assets is no page)."""
    docs = root / TRANSLATIONS / lang / "docs"
    found = []
    for folder, subfolders, files in os.walk(docs):  # never into a linked folder
        here = Path(folder).relative_to(docs)
        if here == Path("."):
            subfolders[:] = [name for name in subfolders if name not in ("assets", "overrides")]
        found += [(here / name).as_posix() for name in files if name.endswith(".md")]
    return sorted(found)


def page_problems(root: Path, lang: str, errors: list[Problem]) -> list[Problem]:
    """Notices (missing, stale) for the pages of `lang`; a page with no English one, or unreadable, goes into `errors`."""
    notices = []
    base = f"{TRANSLATIONS}/{lang}/docs"
    english = english_pages(root)
    for page in english:
        rel = f"{base}/{page}"
        if not (root / rel).is_file():
            notices.append(Problem(f"docs/{page}", 1, 1, f"translation ({lang}) missing: the page has no translation; write {rel}."))
            continue
        raw = (root / rel).read_bytes()
        try:
            meta = front_matter(raw.decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            errors.append(Problem(rel, line, col, f"translation ({lang}): byte 0x{raw[error.start]:02x} is not UTF-8 text; save the page as UTF-8."))
            continue
        broken = front_matter_error(raw.decode("utf-8").removeprefix("\ufeff"))
        if broken:
            line, col, why = broken
            errors.append(Problem(rel, line, col, f"translation ({lang}): the front matter is not valid YAML ({why}), so the page would lose its title and description;"
                                                  " put a value that holds ': ' in double quotes."))
            continue
        wanted = source_hash_of_page(root / "docs" / page)
        if DRAFT_KEY in meta:
            _, line, _ = meta[DRAFT_KEY]
            notices.append(Problem(rel, line, 1, f"translation ({lang}) missing (draft): the page is a draft from `make new-language`; translate it, then delete the `{DRAFT_KEY}:` line."))
        elif "source" not in meta:
            notices.append(Problem(rel, 1, 1, f"translation ({lang}) stale: the front matter has no `source: {wanted}` (the English page's hash); add it once the page matches docs/{page}."))
        elif meta["source"][0] != wanted:
            value, line, col = meta["source"]
            notices.append(Problem(rel, line, col, f"translation ({lang}) stale: docs/{page} changed since this translation (source {value}, now {wanted});"
                                                   f" update the page, then run `make translation-hashes LANG={lang}`."))
    for page in sorted(set(translated_pages(root, lang)) - set(english)):
        errors.append(Problem(f"{base}/{page}", 1, 1, f"translation ({lang}): there is no English page docs/{page}; remove this page or fix its name."))
    return notices
