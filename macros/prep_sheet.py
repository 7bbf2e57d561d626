"""The "Before you go in" prep sheet: data/prep-sheet.yml, loaded and rendered like a script.

Its shape is declared in schema.py (PREP_SHEET_FILE), so the loader's checks, the editor schema
and the model's class come from there. Its lines are parts of PREP_SHEET_KIND, so the one script
body (render.py) renders it on its page, on My cards (and so on a printed card) and in Rehearse
(rehearse.py's render_prep_card);
the card-fit gate (card_fit.py) checks it like every script.
"""

from __future__ import annotations

from pathlib import Path

from .declarations import MAX_FILE_BYTES
from .model import Library, PrepLine, PrepSheet
from .render import attr, english_lang, markdown_text, render_script_body, untranslated_note
from .schema import PREP_SHEET_FILE, PREP_SHEET_KIND
from .strict_yaml import Mapping, Sequence
from .validate import Context, read_record_file

PREP_SHEET_PATH = "data/prep-sheet.yml"
PREP_SHEET_ID = "prep-sheet"  # its section's data-script and data-setting, and its heading's id


def read_prep_sheet(root: Path, context: Context) -> PrepSheet | None:
    """The checked prep sheet, or None where the file is absent or has problems (each one goes into `context`)."""
    path = root / PREP_SHEET_PATH
    if not path.is_file():
        return None
    read = read_record_file(path, PREP_SHEET_PATH, PREP_SHEET_FILE, context, MAX_FILE_BYTES)
    if read is None:
        return None
    top, values = read
    lines_node = top.items["lines"][1]
    positions = {}
    for index, node in enumerate(lines_node.items if isinstance(lines_node, Sequence) else []):
        if isinstance(node, Mapping) and "text" in node.items:
            key_node = node.items["text"][0]
            positions[index] = (key_node.line, key_node.col)
    lines = tuple(PrepLine(**line) for line in values["lines"])
    return PrepSheet(id=PREP_SHEET_ID, path=PREP_SHEET_PATH, title=values["title"], group=values["group"], practise=values["practise"], lines=lines, positions=positions)


def _sheet(library: Library) -> PrepSheet:
    if library.prep_sheet is None:
        raise ValueError(f"{PREP_SHEET_PATH} is missing; the page asks for the prep sheet, so add the file (see macros/schema.py, PREP_SHEET_FILE).")
    return library.prep_sheet


def render_prep_section(sheet: PrepSheet, library: Library) -> str:
    """The sheet as a script-style section (Markdown heading, HTML body): details.js fills it, print.js prints it as a card."""
    body = render_script_body(library, sheet, PREP_SHEET_KIND)
    return (
        f'<section class="ns-script ns-prep-sheet" data-script="{attr(sheet.id)}" data-setting="{attr(sheet.id)}"'
        f' data-group-title="{attr(sheet.group)}"{english_lang(sheet)} markdown>\n\n'
        f"## {markdown_text(sheet.title)} {{ #{sheet.id} }}\n\n"
        f"{untranslated_note(sheet, library.ui)}"
        f"{body}\n\n"
        "</section>\n"
    )


def render_prep_sheet(library: Library) -> str:
    """The prep sheet on its own page."""
    return render_prep_section(_sheet(library), library)


def render_prep_cards_group(library: Library) -> str:
    """The sheet as a group of My cards, beside the settings' groups; "" where there is no sheet."""
    sheet = library.prep_sheet
    if sheet is None:
        return ""
    return (
        f'<div class="ns-my-cards__group" data-setting="{attr(sheet.id)}" markdown>\n\n'
        f"## {markdown_text(sheet.group)} {{ #cards-{sheet.id} .ns-my-cards__setting }}\n\n"
        f"{render_prep_section(sheet, library)}\n</div>\n"
    )


def prep_sheets(library: Library) -> list[PrepSheet]:
    """The sheet in a list, to add to a list of scripts (Rehearse's progress log); empty where there is none."""
    return [library.prep_sheet] if library.prep_sheet is not None else []
