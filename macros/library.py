"""Load every data file into one Library, or fail once with every problem found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .problems import DataError, Problem
from .schema import BLANKS_FILE, IDEAS_FILE, SETTINGS_FILE, SLUG, SPOKEN_SCRIPT, WRITTEN_SCRIPT, Record
from .strict_yaml import Mapping, Sequence, read_yaml
from .validate import Context, check_file, placeholders

MAX_FILE_BYTES = 16_000
SCRIPT_SUFFIX = ".yml"
_NODE, _FILE = "__node__", "__file__"  # where a declarations row came from, for later messages
RESPONSES = (("if_yes", "If they say yes"), ("if_not_sure", "If they are not sure"), ("if_no", "If they say no"))


@dataclass(frozen=True)
class Blank:
    id: str
    label: str
    hint: str
    example: str
    max_length: int


@dataclass(frozen=True)
class Idea:
    id: str
    title: str
    page: str
    anchor: str


@dataclass(frozen=True)
class Setting:
    id: str
    title: str
    summary: str
    kind: str
    cues: tuple[str, ...]
    order: int


@dataclass(frozen=True)
class Script:
    id: str
    setting: str
    path: str
    title: str
    order: int
    tone: str
    idea: str
    opener: str
    close: str
    subject: str | None = None
    if_yes: str | None = None
    if_not_sure: str | None = None
    if_no: str | None = None

    @property
    def responses(self) -> list[tuple[str, str, str]]:
        """(key, label, text) for each answer the script prepares for; empty for a message."""
        return [(key, label, getattr(self, key)) for key, label in RESPONSES if getattr(self, key)]

    @property
    def texts(self) -> list[str]:
        return [t for t in (self.subject, self.opener, self.close, self.if_yes, self.if_not_sure, self.if_no) if t]

    @cached_property  # every page's details panel asks again; the texts never change
    def blanks_used(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for text in self.texts:
            seen.update(dict.fromkeys(placeholders(text)))
        return tuple(seen)


@dataclass(frozen=True)
class Library:
    blanks: tuple[Blank, ...]
    ideas: dict[str, Idea]
    settings: tuple[Setting, ...]
    scripts: dict[str, tuple[Script, ...]]  # setting id -> scripts in page order

    @cached_property  # every rendered script and card looks its blanks up by id
    def blanks_by_id(self) -> dict[str, Blank]:
        return {blank.id: blank for blank in self.blanks}

    def setting(self, setting_id: str) -> Setting:
        for setting in self.settings:
            if setting.id == setting_id:
                return setting
        raise KeyError(f"unknown setting '{setting_id}'; declared: {', '.join(s.id for s in self.settings)}")

    def all_scripts(self) -> list[Script]:
        return [script for setting in self.settings for script in self.scripts[setting.id]]


def load_library(root: Path) -> Library:
    """Read data/ under `root`. Raises DataError listing every problem in every file."""
    context = Context()
    data = root / "data"
    blank_rows = _load_list(root, data / "blanks.yml", BLANKS_FILE, "blanks", context)
    context.blanks = {row["id"] for row in blank_rows if row.get("id")}
    idea_rows = _load_list(root, data / "ideas.yml", IDEAS_FILE, "ideas", context)
    context.ideas = {row["id"] for row in idea_rows if row.get("id")}
    setting_rows = _load_list(root, data / "settings.yml", SETTINGS_FILE, "settings", context)

    blanks = tuple(Blank(**_fields(row)) for row in blank_rows if _complete(row, BLANKS_FILE, "blanks"))
    for blank in blanks:
        if len(blank.example) > blank.max_length:
            _report_at(blank_rows, blank.id, "example", f"blank '{blank.id}': the example is {len(blank.example)} characters, more than its max_length of {blank.max_length}; shorten the example or raise max_length.", context)
    ideas = {row["id"]: Idea(**_fields(row)) for row in idea_rows if _complete(row, IDEAS_FILE, "ideas")}
    for idea in ideas.values():
        if not (root / "docs" / idea.page).is_file():
            _report_at(idea_rows, idea.id, "page", f"idea '{idea.id}': the page docs/{idea.page} does not exist; give a page path relative to docs/, like guide/why-close.md.", context)
    settings = tuple(
        sorted(
            (Setting(**{**_fields(row), "cues": tuple(row["cues"])}) for row in setting_rows if _complete(row, SETTINGS_FILE, "settings")),
            key=lambda s: (s.order, s.id),
        )
    )
    scripts = _load_scripts(root, data / "scripts", {s.id: s for s in settings}, context)
    from .cards import card_fit_problems  # here, not at the top: cards.py builds on this module

    library = Library(blanks, ideas, settings, scripts)
    context.problems.extend(card_fit_problems(root, library))
    if context.problems:
        raise DataError(context.problems)
    return library


def _complete(row: dict, spec: Record, list_key: str) -> bool:
    item = spec.required[list_key].item
    return all(row.get(key) is not None for key in item.required)


def _load_list(root: Path, path: Path, spec: Record, list_key: str, context: Context) -> list[dict]:
    """Rows of a declarations file (blanks, ideas, settings), with duplicate ids reported."""
    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        context.problems.append(Problem(rel, 1, 1, f"this file is missing; it declares the site's {list_key}."))
        return []
    yfile, problems = read_yaml(path, rel, max_bytes=MAX_FILE_BYTES * 4)
    context.problems.extend(problems)
    if yfile is None or yfile.root is None:
        return []
    values = check_file(yfile, spec, context) or {}
    rows = []
    items = yfile.root.items.get(list_key) if isinstance(yfile.root, Mapping) else None
    nodes = items[1].items if items and isinstance(items[1], Sequence) else []
    for row, node in zip(values.get(list_key) or [], nodes):
        if row:
            rows.append({**row, _NODE: node, _FILE: rel})
    _report_duplicate_ids(yfile.root, list_key, rel, context)
    return rows


def _report_at(rows: list[dict], row_id: str, key: str, message: str, context: Context) -> None:
    """Report a cross-field problem at the line of `key` in the row whose id is `row_id`."""
    row = next(r for r in rows if r.get("id") == row_id)
    node = row[_NODE].items.get(key, (None, row[_NODE]))[1]
    context.problems.append(Problem(row[_FILE], node.line, node.col, message))


def _fields(row: dict) -> dict:
    return {key: value for key, value in row.items() if key not in (_NODE, _FILE)}


def _report_duplicate_ids(root, list_key: str, rel: str, context: Context) -> None:
    if not isinstance(root, Mapping) or list_key not in root.items:
        return
    items = root.items[list_key][1]
    if not isinstance(items, Sequence):
        return
    seen: dict[str, int] = {}
    for item in items.items:
        if isinstance(item, Mapping) and "id" in item.items:
            id_node = item.items["id"][1]
            value = getattr(id_node, "value", None)
            if value in seen:
                context.problems.append(Problem(rel, id_node.line, id_node.col, f"id '{value}' is declared twice (first on line {seen[value]}); ids must be unique."))
            elif value is not None:
                seen[value] = id_node.line


def _load_scripts(root: Path, folder: Path, settings: dict[str, Setting], context: Context) -> dict[str, tuple[Script, ...]]:
    found: dict[str, list[Script]] = {setting_id: [] for setting_id in settings}
    owners: dict[str, str] = {}
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []
    for path in paths:
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(folder).parts
        if len(parts) != 2:
            context.problems.append(Problem(rel, 1, 1, f"scripts live one folder deep, in data/scripts/<setting>/; move this file into one of: {', '.join(settings)}."))
            continue
        setting_id, name = parts
        if setting_id not in settings:
            context.problems.append(Problem(rel, 1, 1, f"folder '{setting_id}' is not a declared setting; expected one of: {', '.join(settings)} (settings are declared in data/settings.yml)."))
            continue
        stem = name[: -len(SCRIPT_SUFFIX)] if name.endswith(SCRIPT_SUFFIX) else None
        if stem is None or not re.fullmatch(SLUG, stem):
            context.problems.append(Problem(rel, 1, 1, f"script file names are lowercase words joined by hyphens and end in {SCRIPT_SUFFIX}, like my-close{SCRIPT_SUFFIX}; found '{name}'. Rename the file."))
            continue
        if stem in owners:
            context.problems.append(Problem(rel, 1, 1, f"script id '{stem}' is already used by {owners[stem]}; script file names must be unique across all settings, so rename this file."))
            continue
        owners[stem] = rel
        script = _load_script(path, rel, stem, settings[setting_id], context)
        if script:
            found[setting_id].append(script)
    return {key: tuple(sorted(items, key=lambda s: (s.order, s.id))) for key, items in found.items()}


def _load_script(path: Path, rel: str, stem: str, setting: Setting, context: Context) -> Script | None:
    spec = SPOKEN_SCRIPT if setting.kind == "spoken" else WRITTEN_SCRIPT
    yfile, problems = read_yaml(path, rel, max_bytes=MAX_FILE_BYTES)
    context.problems.extend(problems)
    if yfile is None or yfile.root is None:
        return None
    before = len(context.problems)
    values = check_file(yfile, spec, context)
    if values is None or len(context.problems) > before or any(values.get(k) is None for k in spec.required):
        return None
    return Script(id=stem, setting=setting.id, path=rel, **values)
