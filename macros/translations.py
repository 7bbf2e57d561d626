"""A translation of the data: translations/<lang>/data/ read over the English Library, every problem located.

`load_library(root, lang)` is the build's entry: English for "en"; for another language, the English
Library with each translated text swapped in (ids, order, tones, blanks' lengths stay English).
Two sorts of problem, each `path:line:col: message`:
- errors (`translation (<lang>): ...`): an unknown id, key or script, a text whose blanks differ from
  English, a card that overflows in the language; they fail `make check` and the build.
- notices (`translation (<lang>) stale: ...`, `... missing: ...`): English changed since the translation
  (its `source` hash differs), or a record or page has none (a `draft:` file counts as none). They fail
  `make check` but not the build, which shows that record in English under a note (`script.untranslated`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .card_fit import card_fit_problems
from .library import files_under
from .library import load_library as load_english
from .model import Library, PrepLine, placeholders
from .problems import DataError, Problem
from .schema import PREP_SHEET_FILE, SCRIPT_RECORDS, Record, RecordList, Text
from .strict_yaml import Mapping, Node, Scalar, Sequence, read_yaml
from .translation_files import DRAFT_KEY, LIST_FILES, LIST_KEYS, PREP_SHEET_TRANSLATION, SCRIPT_TRANSLATIONS, TRANSLATIONS, source_hash, text_fields, texts_of
from .translation_pages import page_problems
from .ui import UI_PATH
from .validate import Context, check_file

MAX_FILE_BYTES = 64_000
__all__ = ["Translation", "load_library", "read_translation"]


def load_library(root: Path, lang: str = "en") -> Library:
    """The Library in `lang`: English for "en". Raises DataError listing every error (notices never stop the build)."""
    # A translation's build prints its own cards (English ones where a translation is missing, under its labels), so
    # those are the cards it checks; the English cards are the English build's, and `make check`'s, to check.
    english = load_english(root, card_fit=lang == "en")
    if lang == "en":
        return english
    translation = read_translation(root, lang, english)
    if translation.errors:
        raise DataError(translation.errors)
    return translation.library


@dataclass
class Translation:
    library: Library | None = None
    errors: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # stale and missing: `make check` fails on them, the build does not


def read_translation(root: Path, lang: str, english: Library, pages: bool = True) -> Translation:
    """Every file of translations/<lang>/ checked against `english`; the translated Library, whatever the problems."""
    reader = _Reader(root, lang, english)
    blanks = reader.rows("blanks", english.blanks)
    settings = reader.rows("settings", english.settings)
    ideas = reader.rows("ideas", english.ideas.values())
    strings = reader.ui_strings()
    scripts = {setting_id: tuple(reader.script(script) for script in scripts) for setting_id, scripts in english.scripts.items()}
    reader.unknown_scripts()
    sheet = reader.prep_sheet()
    library = Library(
        tuple(blanks), {idea.id: idea for idea in ideas}, tuple(settings), scripts, sheet,
        english.ui.with_strings(strings, lang), lang,
    )
    reader.errors.extend(Problem(p.path, p.line, p.col, f"translation ({lang}): {p.message}") for p in card_fit_problems(root, library))
    if pages:
        reader.notices.extend(page_problems(root, lang, reader.errors))
    return Translation(library, sorted(set(reader.errors)), sorted(set(reader.notices)))


class _Reader:
    def __init__(self, root: Path, lang: str, english: Library):
        self.root, self.lang, self.english = root, lang, english
        self.base = f"{TRANSLATIONS}/{lang}/data"
        self.errors: list[Problem] = []
        self.notices: list[Problem] = []
        self.blank_ids = {blank.id for blank in english.blanks}

    # --- reporting ---

    def error(self, rel: str, at, message: str) -> None:
        self.errors.append(Problem(rel, at.line, at.col, f"translation ({self.lang}): {message}"))

    def notice(self, kind: str, rel: str, line: int, col: int, message: str) -> None:
        self.notices.append(Problem(rel, line, col, f"translation ({self.lang}) {kind}: {message}"))

    # --- files ---

    def read(self, rel: str, spec: Record, blanks: bool = True) -> tuple[Mapping, dict, Node | None] | None:
        """A translation file checked against its shape: (top mapping, values, the draft key or None); None where absent or unreadable."""
        path = os.path.join(self.root, rel)  # a string: a thousand scripts through pathlib cost a build about 30 ms
        try:  # opened straight away: a file that is there (nearly all) costs no separate look first
            yfile, problems = read_yaml(path, rel, max_bytes=MAX_FILE_BYTES)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        self.errors.extend(Problem(p.path, p.line, p.col, f"translation ({self.lang}): {p.message}") for p in problems)
        if yfile is None or not isinstance(yfile.root, Mapping):
            if yfile is not None and yfile.root is not None:
                self.error(rel, yfile.root, "expected a set of keys (key: value lines) at the top of the file.")
            return None
        draft = yfile.root.items.pop(DRAFT_KEY, (None, None))[0]
        _hashes_as_text(yfile.root)
        context = Context(blanks=self.blank_ids if blanks else None)  # an interface string's {values} are the code's, not blanks
        values = check_file(yfile, spec, context) or {}
        self.errors.extend(Problem(p.path, p.line, p.col, f"translation ({self.lang}): {p.message}") for p in context.problems)
        return yfile.root, values, draft

    def dated(self, rel: str, node: Mapping, values: dict, spec: Record, english, draft: Node | None, what: str) -> bool:
        """Whether a translated record may replace its English one: current, complete, with English's blanks and not a draft."""
        # Stale first: a translation is only compared with the English text it was written from, so an English edit
        # (a new key, a new blank) makes it stale, shown in English, not an error that stops the build.
        wanted = source_hash(spec, english)
        if draft is None and values.get("source") != wanted:
            at = node.items.get("source", (None, node))[1]
            self.notice("stale", rel, at.line, at.col, f"{what}: the English text changed since this translation (source {values.get('source')}, now {wanted});"
                        f" update the translation, then run `make translation-hashes LANG={self.lang}`.")
            return False
        before = len(self.errors)
        self.compare(rel, node, values, spec, english, what)
        if len(self.errors) > before:
            return False
        if draft is not None:
            self.notice("missing (draft)", rel, draft.line, draft.col, f"{what} is a draft from `make new-language`; translate it, then delete the `{DRAFT_KEY}:` line.")
            return False
        return True

    def compare(self, rel: str, node: Mapping, values: dict, spec: Record, english, what: str) -> None:
        """The translated keys are the English record's, and each text keeps the English text's blanks."""
        for key, spec_field in text_fields(spec):
            theirs = english.get(key) if isinstance(english, dict) else getattr(english, key, None)
            ours = values.get(key)
            if theirs is None:
                if key in node.items:
                    self.error(rel, node.items[key][0], f"{what}: the English has no '{key}', so the translation has none either; remove it.")
                continue
            if key not in node.items:
                self.error(rel, node, f"{what}: missing key '{key}', which the English has; add its translation.")
                continue
            at = node.items[key][1]
            if isinstance(spec_field, RecordList):
                self.compare_rows(rel, at, ours, spec_field.item, theirs, f"{what} {key}")
            elif isinstance(spec_field, Text) and spec_field.placeholders and isinstance(ours, str):
                self.same_blanks(rel, at, ours, theirs, f"{what} '{key}'")

    def compare_rows(self, rel: str, at: Node, ours, item: Record, theirs, what: str) -> None:
        rows = at.items if isinstance(at, Sequence) else []
        if ours is None or len(rows) != len(theirs):
            self.error(rel, at, f"{what}: the English has {len(theirs)} item(s), this has {len(rows)}; translate each, in the English order.")
            return
        for number, (row, node, english_row) in enumerate(zip(ours, rows, theirs, strict=True), 1):
            if not row or not isinstance(node, Mapping):
                continue
            english_settings = list(getattr(english_row, "settings", None) or [])
            if english_settings and list(row.get("settings") or []) != english_settings:
                self.error(rel, node.items.get("settings", (None, node))[1], f"{what} item {number}: settings must be the English ones, {', '.join(english_settings)}.")
            self.compare(rel, node, row, item, english_row, f"{what} item {number}")

    def same_blanks(self, rel: str, at: Node, ours: str, theirs: str, what: str) -> None:
        if "{" not in ours and "{" not in theirs:  # neither has a blank: nothing to compare (and two searches saved)
            return
        if set(placeholders(ours)) != set(placeholders(theirs)):
            english = ", ".join(f"{{{b}}}" for b in dict.fromkeys(placeholders(theirs))) or "none"
            found = ", ".join(f"{{{b}}}" for b in dict.fromkeys(placeholders(ours))) or "none"
            self.error(rel, at, f"{what}: its blanks must be the English text's ({english}); found {found}.")

    # --- each kind of record ---

    def rows(self, name: str, english_rows) -> list:
        """blanks, settings or ideas in the language: each translated row that is complete and current, else its English one."""
        english_rows = list(english_rows)
        spec, shape = LIST_FILES[name]
        translated = self._rows(name, shape, {row.id: row for row in english_rows}, spec)
        result = []
        for row in english_rows:
            texts = translated.get(row.id)
            if texts is not None and name == "blanks":
                variants = tuple(replace(v, **t) for v, t in zip(row.by_setting or (), texts.pop("by_setting", []), strict=True))
                texts["by_setting"] = variants or row.by_setting
            elif texts is not None and name == "settings":
                texts["cues"] = tuple(texts["cues"])
            result.append(row if texts is None else replace(row, **texts))
        return result

    def _rows(self, name: str, shape: Record, english: dict, spec: Record) -> dict[str, dict]:
        """{id: translated texts} of one list file's good rows; reports the rest, and each English row it lacks."""
        rel = f"{self.base}/{name}.yml"
        list_key = LIST_KEYS[name]
        read = self.read(rel, shape, blanks=name != "ui")
        found: dict[str, dict] = {}
        seen: set[str] = set()
        if read is not None:
            top, values, draft = read
            nodes = top.items.get(list_key, (None, None))[1]
            for row, node in zip(values.get(list_key) or [], nodes.items if isinstance(nodes, Sequence) else [], strict=False):
                if not row or not isinstance(node, Mapping) or not row.get("id"):
                    continue
                row_id, id_node = row["id"], node.items["id"][1]
                if row_id not in english:
                    self.error(rel, id_node, f"unknown id '{row_id}': data/{name}.yml has no such {list_key[:-1]}; remove the entry or fix its id.")
                    continue
                if row_id in seen:
                    self.error(rel, id_node, f"id '{row_id}' is translated twice; keep one.")
                    continue
                seen.add(row_id)
                what = f"{list_key[:-1]} '{row_id}'"
                if self.dated(rel, node, row, spec, english[row_id], draft, what):
                    found[row_id] = texts_of(spec, row)
                    self.blank_lengths(rel, node, name, english[row_id], found[row_id])
        missing = [row_id for row_id in english if row_id not in seen]
        # Where each English row starts, read again only when a row lacks its translation (a complete one needs none).
        english_at = _english_positions(self.root / ("data/ui.yml" if name == "ui" else f"data/{name}.yml"), list_key) if missing else {}
        for row_id in missing:
            where, line, col = (UI_PATH if name == "ui" else f"data/{name}.yml", *english_at[row_id]) if row_id in english_at else (rel, 1, 1)
            self.notice("missing", where, line, col, f"{list_key[:-1]} '{row_id}' has no translation in {rel}.")
        return found

    def blank_lengths(self, rel: str, node: Mapping, name: str, blank, texts: dict) -> None:
        """A translated example must fit its blank's max_length, as the English one does."""
        if name != "blanks" or len(texts.get("example", "")) <= blank.max_length:
            return
        self.error(rel, node.items["example"][1], f"blank '{blank.id}': the example is {len(texts['example'])} characters, more than its max_length of {blank.max_length}; shorten it.")

    def ui_strings(self) -> dict[str, str]:
        strings = {string_id: {"id": string_id, "text": text} for string_id, text in self.english.ui.strings.items()}
        spec = LIST_FILES["ui"][0]
        translated = self._rows("ui", LIST_FILES["ui"][1], {key: _Row(**row) for key, row in strings.items()}, spec)
        return {string_id: texts["text"] for string_id, texts in translated.items()}

    def script(self, script):
        rel = f"{self.base}/scripts/{script.setting}/{script.id}.yml"
        kind = self.english.setting(script.setting).kind
        read = self.read(rel, SCRIPT_TRANSLATIONS[kind])
        if read is None:
            if not (self.root / rel).is_file():
                self.notice("missing", script.path, 1, 1, f"script '{script.id}' has no translation; write {rel}.")
            return replace(script, untranslated=True)
        top, values, draft = read
        if not self.dated(rel, top, values, SCRIPT_RECORDS[kind], script, draft, f"script '{script.id}'"):
            return replace(script, untranslated=True)
        positions = {key: (key_node.line, key_node.col) for key, (key_node, _) in top.items.items()}
        return replace(script, **texts_of(SCRIPT_RECORDS[kind], values), path=rel, positions=positions)

    def unknown_scripts(self) -> None:
        """A file under translations/<lang>/data/scripts/ for no English script, or in another setting's folder."""
        folder = self.root / self.base / "scripts"
        where = {script.id: script.setting for script in self.english.all_scripts()}
        for _, parts in files_under(folder) if folder.is_dir() else []:
            if not parts[-1].endswith(".yml"):
                continue
            rel = "/".join((self.base, "scripts", *parts))
            setting_id, stem = (parts[-2] if len(parts) > 1 else ""), parts[-1].removesuffix(".yml")
            if stem not in where:
                self.errors.append(Problem(rel, 1, 1, f"translation ({self.lang}): there is no English script '{stem}' (data/scripts/*/{stem}.yml); remove this file or fix its name."))
            elif where[stem] != setting_id or len(parts) != 2:
                self.errors.append(Problem(rel, 1, 1, f"translation ({self.lang}): script '{stem}' is in data/scripts/{where[stem]}/; move this file to {self.base}/scripts/{where[stem]}/."))

    def prep_sheet(self):
        sheet = self.english.prep_sheet
        if sheet is None:
            return None
        rel = f"{self.base}/prep-sheet.yml"
        read = self.read(rel, PREP_SHEET_TRANSLATION)
        if read is None:
            if not (self.root / rel).is_file():
                self.notice("missing", sheet.path, 1, 1, f"the prep sheet has no translation; write {rel}.")
            return replace(sheet, untranslated=True)
        top, values, draft = read
        if not self.dated(rel, top, values, PREP_SHEET_FILE, sheet, draft, "the prep sheet"):
            return replace(sheet, untranslated=True)
        texts = texts_of(PREP_SHEET_FILE, values)
        lines_node = top.items["lines"][1]
        positions = {index: node.items["text"][0] for index, node in enumerate(lines_node.items) if isinstance(node, Mapping) and "text" in node.items}
        return replace(sheet, **{**texts, "lines": tuple(PrepLine(**line) for line in texts["lines"])}, path=rel,
                       positions={index: (at.line, at.col) for index, at in positions.items()})


def _hashes_as_text(node: Node) -> None:
    """A hash of digits only (12345678, or 1e345678) is still a hash: YAML would read it as a number, so it is read as written."""
    if isinstance(node, Sequence):
        for item in node.items:
            _hashes_as_text(item)
    elif isinstance(node, Mapping):
        for key, (_, value) in node.items.items():
            if key == "source" and isinstance(value, Scalar) and not value.style:
                value.style = "'"
            else:
                _hashes_as_text(value)


@dataclass(frozen=True)
class _Row:
    """An interface string as a row, so it is read like the other lists' rows."""

    id: str
    text: str


def _english_positions(path: Path, list_key: str) -> dict[str, tuple[int, int]]:
    """Where each row of an English list file starts, by id (for a missing translation's message); {} where unreadable."""
    if not path.is_file():
        return {}
    yfile, _ = read_yaml(path, path.name, max_bytes=MAX_FILE_BYTES * 4)
    rows = yfile.root.items.get(list_key, (None, None))[1] if yfile is not None and isinstance(yfile.root, Mapping) else None
    found = {}
    for node in rows.items if isinstance(rows, Sequence) else []:
        id_node = node.items.get("id", (None, None))[1] if isinstance(node, Mapping) else None
        if isinstance(id_node, Scalar):
            found.setdefault(id_node.value, (id_node.line, id_node.col))
    return found

