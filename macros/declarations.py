"""Loading, stage 1: the declarations every script is checked against (blanks, ideas, settings).

`make check` and the build go on to the scripts (library.py); `make schemas` and
`make new-script` need only this stage.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .model import Blank, Idea, Setting, Variant
from .problems import Problem
from .schema import BLANKS_FILE, IDEAS_FILE, SETTINGS_FILE, Record
from .strict_yaml import Mapping, Scalar, Sequence, read_yaml
from .validate import Context, check_file

MAX_FILE_BYTES = 16_000  # a script file; a declarations file may be four times as big
DECLARATION_FILES = (("blanks", BLANKS_FILE, Blank), ("ideas", IDEAS_FILE, Idea), ("settings", SETTINGS_FILE, Setting))


@dataclass(frozen=True)
class Declarations:
    blanks: tuple[Blank, ...]  # in file order
    ideas: dict[str, Idea]
    settings: tuple[Setting, ...]  # in page order
    rows: dict[tuple[str, str], tuple[str, Mapping]]  # (list key, id) -> (file, the row's YAML node)

    def position(self, list_key: str, row_id: str, key: str) -> tuple[str, int, int]:
        """Where `key` of the row `row_id` is written, for a message about it."""
        rel, node = self.rows[(list_key, row_id)]
        at = node.items.get(key, (None, node))[1]
        return rel, at.line, at.col


def read_declarations(root: Path, context: Context) -> Declarations:
    """Read and check blanks, ideas and settings; each problem goes into `context`, which then knows the ids."""
    found: dict[str, list] = {}
    rows: dict[tuple[str, str], tuple[str, Mapping]] = {}
    for list_key, spec, cls in DECLARATION_FILES:
        values = _read_list(root, list_key, spec, context, rows)
        item = spec.fields[list_key].item
        found[list_key] = [cls(**_plain(values_row)) for values_row in values if _complete(values_row, item) and _variants_complete(values_row)]
        if list_key == "blanks":
            context.blanks = {row["id"] for row in values if row.get("id")}
        elif list_key == "ideas":
            context.ideas = {row["id"] for row in values if row.get("id")}
    settings = tuple(sorted(found["settings"], key=lambda s: (s.order, s.id)))
    _check_variant_settings(found["blanks"], {setting.id for setting in found["settings"]}, rows, context)
    return Declarations(tuple(found["blanks"]), {idea.id: idea for idea in found["ideas"]}, settings, rows)


def _complete(row: dict, item: Record) -> bool:
    return all(row.get(key) is not None for key in item.required)


def _variants_complete(row: dict) -> bool:
    """Whether every per-setting variant of a blank was read (a refused one is reported already)."""
    return all(variant and variant.get("settings") and None not in variant["settings"] for variant in row.get("by_setting") or [])


def _plain(row: dict) -> dict:
    plain = {key: tuple(value) if isinstance(value, list) else value for key, value in row.items()}
    if row.get("by_setting"):
        plain["by_setting"] = tuple(Variant(**{**variant, "settings": tuple(variant["settings"])}) for variant in row["by_setting"])
    return plain


def variant_nodes(rows: dict, blank_id: str) -> list[Mapping]:
    """The YAML nodes of a blank's per-setting variants, in file order."""
    node = rows[("blanks", blank_id)][1]
    variants = node.items.get("by_setting", (None, None))[1]
    return [each for each in variants.items if isinstance(each, Mapping)] if isinstance(variants, Sequence) else []


def _check_variant_settings(blanks: list[Blank], setting_ids: set[str], rows: dict, context: Context) -> None:
    """Each variant names declared settings, and no setting is in two variants of one blank."""
    for blank in blanks:
        if not blank.by_setting or ("blanks", blank.id) not in rows:
            continue
        rel = rows[("blanks", blank.id)][0]
        first_seen: dict[str, int] = {}
        for number, variant in enumerate(variant_nodes(rows, blank.id), start=1):
            listed = variant.items.get("settings", (None, None))[1]
            for scalar in listed.items if isinstance(listed, Sequence) else []:
                if not isinstance(scalar, Scalar):
                    continue
                setting_id = scalar.value
                if setting_id not in setting_ids:
                    guess = difflib.get_close_matches(setting_id, sorted(setting_ids), n=1)
                    hint = f" Did you mean '{guess[0]}'?" if guess else ""
                    message = f"blank '{blank.id}': unknown setting '{setting_id}' in by_setting.{hint} Settings are declared in data/settings.yml: {', '.join(sorted(setting_ids))}."
                    context.problems.append(Problem(rel, scalar.line, scalar.col, message))
                elif setting_id in first_seen:
                    message = (f"blank '{blank.id}': setting '{setting_id}' is already in variant {first_seen[setting_id]} (line {variants_line(rows, blank.id, first_seen[setting_id])});"
                               " a setting takes its value from one variant only, so remove it from one of them.")
                    context.problems.append(Problem(rel, scalar.line, scalar.col, message))
                else:
                    first_seen[setting_id] = number


def variants_line(rows: dict, blank_id: str, number: int) -> int:
    return variant_nodes(rows, blank_id)[number - 1].line


def _read_list(root: Path, list_key: str, spec: Record, context: Context, rows: dict) -> list[dict]:
    """The checked rows of one declarations file, with duplicate ids reported and each row's node kept."""
    rel = f"data/{list_key}.yml"
    path = root / rel
    if not path.is_file():
        context.problems.append(Problem(rel, 1, 1, f"this file is missing; it declares the site's {list_key}."))
        return []
    yfile, problems = read_yaml(path, rel, max_bytes=MAX_FILE_BYTES * 4)
    context.problems.extend(problems)
    if yfile is None or yfile.root is None:
        return []
    values = check_file(yfile, spec, context) or {}
    items = yfile.root.items.get(list_key) if isinstance(yfile.root, Mapping) else None
    nodes = items[1].items if items and isinstance(items[1], Sequence) else []
    checked = []
    # Fewer values than nodes where the list itself is refused.
    for row, node in zip(values.get(list_key) or [], nodes, strict=False):
        if row:
            checked.append(row)
            if row.get("id"):
                rows.setdefault((list_key, row["id"]), (rel, node))
    _report_duplicate_ids(yfile.root, list_key, rel, context)
    return checked


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
