"""Load every data file into one Library, or fail once with every problem found.

Loading runs in stages, each adding to one list of problems:
1. declarations (blanks, ideas, settings): declarations.py;
2. scripts, checked against them, each keeping where its keys are written; then the prep sheet (prep_sheet.py);
3. cross-checks that compare files with each other and with the print model (card fit);
then one DataError lists every problem, or the Library is returned.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .card_fit import card_fit_problems
from .declarations import MAX_FILE_BYTES, Declarations, read_declarations, variant_nodes
from .model import Blank, Idea, Library, Script, Setting
from .prep_sheet import read_prep_sheet
from .problems import DataError, Problem
from .schema import SCRIPT_RECORDS, SLUG
from .ui import read_ui
from .validate import Context, read_record_file

__all__ = ["MAX_FILE_BYTES", "SCRIPT_SUFFIX", "Blank", "Idea", "Library", "Script", "Setting", "load_library"]
SCRIPT_SUFFIX = ".yml"


def load_library(root: Path, *, card_fit: bool = True) -> Library:
    """Read data/ under `root`. Raises DataError listing every problem in every file.

    `card_fit=False` leaves out the English cards' fit check: a translation's build checks the cards it prints, in its own words.
    """
    context = Context()
    declarations = read_declarations(root, context)
    scripts = read_scripts(root, declarations.settings, context)
    prep_sheet = read_prep_sheet(root, context)
    library = Library(declarations.blanks, declarations.ideas, declarations.settings, scripts, prep_sheet, read_ui(root, context))
    context.problems.extend(cross_check(root, declarations, library, card_fit=card_fit))
    if context.problems:
        raise DataError(context.problems)
    return library


# --- Stage 2: scripts ---------------------------------------------------------


def read_scripts(root: Path, settings: tuple[Setting, ...], context: Context) -> dict[str, tuple[Script, ...]]:
    """Every script under data/scripts/, by setting id, in page order; problems go into `context`."""
    folder = root / "data" / "scripts"
    by_id = {setting.id: setting for setting in settings}
    found: dict[str, list[Script]] = {setting_id: [] for setting_id in by_id}
    owners: dict[str, str] = {}
    for path, parts in files_under(folder):
        rel = f"data/scripts/{'/'.join(parts)}"
        if len(parts) != 2:
            context.problems.append(Problem(rel, 1, 1, f"scripts live one folder deep, in data/scripts/<setting>/; move this file into one of: {', '.join(by_id)}."))
            continue
        setting_id, name = parts
        if setting_id not in by_id:
            context.problems.append(Problem(rel, 1, 1, f"folder '{setting_id}' is not a declared setting; expected one of: {', '.join(by_id)} (settings are declared in data/settings.yml)."))
            continue
        stem = name[: -len(SCRIPT_SUFFIX)] if name.endswith(SCRIPT_SUFFIX) else None
        if stem is None or not re.fullmatch(SLUG, stem):
            message = f"script file names are lowercase words joined by hyphens and end in {SCRIPT_SUFFIX}, like my-close{SCRIPT_SUFFIX}; found '{name}'. Rename the file."
            context.problems.append(Problem(rel, 1, 1, message))
            continue
        if stem in owners:
            context.problems.append(Problem(rel, 1, 1, f"script id '{stem}' is already used by {owners[stem]}; script file names must be unique across all settings, so rename this file."))
            continue
        owners[stem] = rel
        script = read_script(path, rel, stem, by_id[setting_id], context)
        if script:
            found[setting_id].append(script)
    return {key: tuple(sorted(items, key=lambda s: (s.order, s.id))) for key, items in found.items()}


def files_under(folder: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """Every file under `folder` but hidden ones, with its path parts below `folder`, in path order.

    os.walk, not Path.rglob: listing a thousand scripts with pathlib took a tenth of the library's load.
    """
    found = []
    for here, subfolders, names in os.walk(folder):
        subfolders.sort()
        below = Path(here).relative_to(folder).parts
        found += [(Path(here, name), (*below, name)) for name in names if not name.startswith(".")]
    return sorted(found, key=lambda item: item[1])


def read_script(path: Path, rel: str, stem: str, setting: Setting, context: Context) -> Script | None:
    read = read_record_file(path, rel, SCRIPT_RECORDS[setting.kind], context, MAX_FILE_BYTES)
    if read is None:
        return None
    top, values = read
    positions = {key: (key_node.line, key_node.col) for key, (key_node, _) in top.items.items()}
    return Script(id=stem, setting=setting.id, path=rel, positions=positions, **values)


# --- Stage 3: checks across files ----------------------------------------------


def cross_check(root: Path, declarations: Declarations, library: Library, *, card_fit: bool = True) -> list[Problem]:
    """What no single file shows: an example longer than its blank allows, a missing guide page, a card that overflows."""
    problems = []
    for blank in declarations.blanks:
        if len(blank.example) > blank.max_length:
            message = f"blank '{blank.id}': the example is {len(blank.example)} characters, more than its max_length of {blank.max_length}; shorten the example or raise max_length."
            problems.append(Problem(*declarations.position("blanks", blank.id, "example"), message))
        for variant, node in zip(blank.by_setting or (), variant_nodes(declarations.rows, blank.id), strict=False):
            if variant.example and len(variant.example) > blank.max_length:
                at = node.items["example"][1]
                message = (f"blank '{blank.id}': the example for {', '.join(variant.settings)} is {len(variant.example)} characters,"
                           f" more than the blank's max_length of {blank.max_length}; shorten it or raise max_length.")
                problems.append(Problem(declarations.rows[("blanks", blank.id)][0], at.line, at.col, message))
    for idea in declarations.ideas.values():
        if not (root / "docs" / idea.page).is_file():
            message = f"idea '{idea.id}': the page docs/{idea.page} does not exist; give a page path relative to docs/, like guide/why-close.md."
            problems.append(Problem(*declarations.position("ideas", idea.id, "page"), message))
    if card_fit:
        problems.extend(card_fit_problems(root, library))
    return problems
