"""Start a language, and date a translation: `make new-language LANG=pt`, `make translation-hashes LANG=es`.

new-language writes translations/<lang>/: data/ mirroring every English record with its `source` hash and
the English text as a draft (each file marked `draft: true`, so `make check` counts it missing until a
translator has written it), docs/ with a stub of every page (the English text, marked the same way) and the
`assets` link, and mkdocs.<lang>.yml beside mkdocs.yml. translation-hashes writes the current English hash
into each translated record's and page's `source`, once a translator has checked it against English:
nobody computes a hash by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from pathlib import Path

from .library import load_library
from .model import Library
from .problems import DataError
from .schema import PREP_SHEET_FILE, SCRIPT_RECORDS
from .strict_yaml import Mapping, Scalar, Sequence, read_yaml
from .translation_files import DRAFT_LINE, LIST_FILES, LIST_KEYS, TRANSLATIONS, english_pages, source_hash, source_hash_of_page, texts_of
from .translation_pages import front_matter, translated_pages

LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


class LanguageError(Exception):
    """A refusal, in one line, saying what to do instead."""


# --- make new-language ----------------------------------------------------------


def _value(key: str, value, indent: str) -> list[str]:
    """One `key: value` in YAML, the value in double quotes (JSON's, which YAML reads alike), lists as lists."""
    if isinstance(value, list):
        return [f"{indent}{key}:", *(f"{indent}  - {json.dumps(item, ensure_ascii=False)}" for item in value)]
    if len(indent) + len(key) + len(value) < 100:
        return [f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}"]
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in textwrap.wrap(value, 96 - len(indent), break_long_words=False, break_on_hyphens=False))]


def _record_lines(texts: dict, indent: str) -> list[str]:
    lines = []
    for key, value in texts.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for row in value:
                row_lines = _record_lines(row, indent + "    ")
                lines += [f"{indent}  - {row_lines[0].lstrip()}", *row_lines[1:]] if row_lines else []
        else:
            lines += _value(key, value, indent)
    return lines


def _draft_header(what: str, lang: str) -> list[str]:
    return [
        f"# {what}, to translate into '{lang}': every text below is still the English one.",
        "# Rewrite each text in your language (keep ids, settings and {blanks} as they are), then delete the draft line",
        f"# and run `make translation-hashes LANG={lang}` and `make check`.",
        DRAFT_LINE,
    ]


def _list_file(library: Library, name: str, lang: str) -> str:
    spec, _ = LIST_FILES[name]
    lines = [*_draft_header(f"data/{name}.yml", lang), f"{LIST_KEYS[name]}:"]
    for row in _english_rows(library, name):
        texts = texts_of(spec, row)
        if texts.get("by_setting"):  # a variant names its settings, which tie it to the English one
            texts["by_setting"] = [{"settings": list(variant.settings), **each} for variant, each in zip(row.by_setting, texts["by_setting"], strict=True)]
        lines += [f"  - id: {row.id}", *_record_lines({"source": source_hash(spec, row), **texts}, "    ")]
    return "\n".join(lines) + "\n"


def _english_rows(library: Library, name: str) -> list:
    """The English rows of a list file; the interface strings as rows with an id and a text."""
    rows = {"blanks": library.blanks, "settings": library.settings, "ideas": library.ideas.values()}.get(name)
    return list(rows) if rows is not None else [_String(key, text) for key, text in library.ui.strings.items()]


class _String:
    def __init__(self, string_id: str, text: str):
        self.id, self.text = string_id, text


def _record_file(spec, record, what: str, lang: str) -> str:
    return translation_file(spec, record, header=_draft_header(what, lang))


def translation_file(spec, record, texts: dict | None = None, header: list[str] | tuple[str, ...] = ()) -> str:
    """A script's or the prep sheet's translation file: `source` dated against the English `record`, then `texts` (by default the English ones)."""
    body = _record_lines({"source": source_hash(spec, record), **(texts_of(spec, record) if texts is None else texts)}, "")
    return "\n".join([*header, *body]) + "\n"


def _page_stub(page: Path, lang: str) -> str:
    """The English page under front matter that dates it and marks it a draft."""
    text = page.read_text(encoding="utf-8")
    meta, body = "", text
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4)
        meta, body = text[4:end + 1], text[end + 5:]
    return f"---\n{meta}source: {source_hash_of_page(page)}\n{DRAFT_LINE}\n---\n{body}"


def mkdocs_config(lang: str) -> str:
    """mkdocs.<lang>.yml: the English configuration, with this language's pages, folder, address and theme language."""
    env = f"NEXT_STEP_SITE_URL_{lang.upper().replace('-', '_')}"
    return (
        f"# The '{lang}' site, built into site/{lang}. Everything not set here comes from mkdocs.yml (INHERIT merges mappings;\n"
        "# lists such as nav, palette and plugins are replaced whole): translate nav's titles by adding a nav here.\n"
        "INHERIT: mkdocs.yml\n"
        f'site_url: !ENV [{env}, "https://next-step-guide.github.io/next-step/{lang}/"]\n'
        f"docs_dir: {TRANSLATIONS}/{lang}/docs\n"
        f"site_dir: site/{lang}\n"
        f"edit_uri: edit/main/{TRANSLATIONS}/{lang}/docs/\n"
        "theme:\n"
        f"  language: {lang}\n"
    )


def new_language(root: Path, lang: str) -> list[Path]:
    """Write translations/<lang>/ and mkdocs.<lang>.yml; refuses a language that exists. Returns what it wrote."""
    if not LANG.fullmatch(lang or ""):
        raise LanguageError(f"give the language as its ISO 639-1 code, like: make new-language LANG=pt (found '{lang}').")
    if lang == "en":
        raise LanguageError("English is the source language (data/ and docs/); choose another LANG.")
    base = root / TRANSLATIONS / lang
    if base.exists() or (root / f"mkdocs.{lang}.yml").exists():
        raise LanguageError(f"{TRANSLATIONS}/{lang} or mkdocs.{lang}.yml exists already; edit it, or remove it to start again.")
    library = load_library(root)
    files = {f"data/{name}.yml": _list_file(library, name, lang) for name in LIST_FILES}
    for script in library.all_scripts():
        spec = SCRIPT_RECORDS[library.setting(script.setting).kind]
        files[f"data/scripts/{script.setting}/{script.id}.yml"] = _record_file(spec, script, script.path, lang)
    if library.prep_sheet is not None:
        files["data/prep-sheet.yml"] = _record_file(PREP_SHEET_FILE, library.prep_sheet, library.prep_sheet.path, lang)
    for page in english_pages(root):
        files[f"docs/{page}"] = _page_stub(root / "docs" / page, lang)
    written = []
    for rel, text in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    os.symlink("../../../docs/assets", base / "docs" / "assets")  # the pages share the English assets
    config = root / f"mkdocs.{lang}.yml"
    config.write_text(mkdocs_config(lang), encoding="utf-8")
    return [*written, config]


# --- make translation-hashes ------------------------------------------------------


def _replace_at(text: str, scalar: Scalar, value: str) -> str:
    return text[: scalar.start] + value + text[scalar.end :]


def _file_sources(path: Path, rel: str, wanted) -> str | None:
    """The file with each record's `source` set to `wanted(row, is_top)` (None leaves it); None where unreadable."""
    yfile, _ = read_yaml(path, rel, max_bytes=256_000)
    if yfile is None or not isinstance(yfile.root, Mapping):
        return None
    edits = []
    rows = [yfile.root]
    for _, node in yfile.root.items.values():
        if isinstance(node, Sequence):
            rows += [row for row in node.items if isinstance(row, Mapping)]
    for row in rows:
        at = row.items.get("source", (None, None))[1]
        hash_ = wanted(row, row is yfile.root)
        if isinstance(at, Scalar) and hash_ and at.value != hash_:
            # Written as the file wrote it; a plain hash YAML would read as a number (12345678, 1e345678) gets quotes.
            quote = at.style if at.style in ("'", '"') else ('"' if re.fullmatch(r"[0-9]+(e[0-9]+)?", hash_) else "")
            edits.append((at, f"{quote}{hash_}{quote}"))
    text = yfile.source
    for at, hash_ in sorted(edits, key=lambda edit: -edit[0].start):
        text = _replace_at(text, at, hash_)
    return text


def update_hashes(root: Path, lang: str) -> list[str]:
    """Write the current English hash into every translated record's and page's `source`; returns the files changed."""
    library = load_library(root)
    base = root / TRANSLATIONS / lang
    if not base.is_dir():
        raise LanguageError(f"there is no {TRANSLATIONS}/{lang}; start it with make new-language LANG={lang}.")
    english = {f"data/{name}.yml": {row.id: source_hash(LIST_FILES[name][0], row) for row in _english_rows(library, name)} for name in LIST_FILES}
    changed = []

    def id_of(row: Mapping) -> str | None:
        node = row.items.get("id", (None, None))[1]
        return node.value if isinstance(node, Scalar) else None

    for rel, hashes in english.items():
        path = base / rel
        text = _file_sources(path, rel, lambda row, top, hashes=hashes: None if top else hashes.get(id_of(row))) if path.is_file() else None
        if text is not None and text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(root).as_posix())
    records = [(f"data/scripts/{s.setting}/{s.id}.yml", source_hash(SCRIPT_RECORDS[library.setting(s.setting).kind], s)) for s in library.all_scripts()]
    if library.prep_sheet is not None:
        records.append(("data/prep-sheet.yml", source_hash(PREP_SHEET_FILE, library.prep_sheet)))
    for rel, hash_ in records:
        path = base / rel
        text = _file_sources(path, rel, lambda row, top, hash_=hash_: hash_ if top else None) if path.is_file() else None
        if text is not None and text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(root).as_posix())
    for page in set(translated_pages(root, lang)) & set(english_pages(root)):
        path = base / "docs" / page
        text = path.read_text(encoding="utf-8")
        updated = _page_source(text, source_hash_of_page(root / "docs" / page))
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            changed.append(path.relative_to(root).as_posix())
    return sorted(changed)


def _page_source(text: str, hash_: str) -> str:
    """The page with `source: <hash>` in its front matter (replaced, or added at its end; front matter added where none)."""
    meta = front_matter(text)
    lines = text.split("\n")
    if "source" in meta:
        _, line, _ = meta["source"]
        lines[line - 1] = f"source: {hash_}"
        return "\n".join(lines)
    if meta or (lines and lines[0].rstrip() == "---" and front_matter(text + "\n---\n") == {}):
        end = next(index for index, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "..."))
        return "\n".join([*lines[:end], f"source: {hash_}", *lines[end:]])
    return f"---\nsource: {hash_}\n---\n{text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a language (make new-language LANG=pt), or date a translation (make translation-hashes LANG=es).")
    parser.add_argument("--lang", default="", help="the language's ISO 639-1 code, like pt")
    parser.add_argument("--hashes", action="store_true", help="write the current English hashes into translations/<lang>/")
    parser.add_argument("--root", default=".", help="the repository root (default: here)")
    args = parser.parse_args(argv)
    root, lang = Path(args.root), args.lang.strip()
    try:
        if args.hashes:
            changed = update_hashes(root, lang)
            print("\n".join(f"Updated source in {rel}" for rel in changed) or f"Every source in {TRANSLATIONS}/{lang} is current already.")
        else:
            written = new_language(root, lang)
            print(f"Wrote {len(written)} files under {TRANSLATIONS}/{lang}/ and mkdocs.{lang}.yml. Translate each file, delete its draft line, then run"
                  f" `make translation-hashes LANG={lang}` and `make check`.")
    except (LanguageError, DataError) as error:
        print(f"make: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
