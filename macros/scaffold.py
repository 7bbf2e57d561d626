"""Help a contributor start a script: `make new-script`, and the reference on the Contribute page.

`python -m macros.scaffold --setting phone --name my-close` writes
data/scripts/phone/my-close.yml: a draft with every field explained in comments
generated from schema.py and data/. Its texts pass `make check`, but its draft
marker does not, so the file cannot be published until someone deletes it.
"""

from __future__ import annotations

import argparse
import difflib
import json
import posixpath
import re
import sys
import textwrap
from pathlib import Path

from .declarations import Declarations, read_declarations
from .json_schema import schema_path
from .library import SCRIPT_SUFFIX
from .model import Library, Setting
from .render import markdown_text
from .schema import SCRIPT_KINDS, SCRIPT_RECORDS, SLUG, DraftMarker, Number, Spec, Text
from .validate import Context

MAX_NAME = 60
PREFERRED_IDEA = "ask-for-next-step"
class ScaffoldError(Exception):
    """A refusal, in one line, saying what to do instead."""


def read_data(root: Path) -> Declarations:
    """The declared settings, blanks and ideas (the loader's first stage); refuses while settings.yml has problems."""
    context = Context()
    declarations = read_declarations(root, context)
    rel = "data/settings.yml"
    if any(problem.path == rel for problem in context.problems) or not declarations.settings:
        raise ScaffoldError(f"{rel} has problems; run `make check` and fix them first.")
    return declarations


def new_script_path(declarations: Declarations, root: Path, setting_id: str, name: str) -> tuple[Path, Setting]:
    """Where the new script goes; raises ScaffoldError for a missing, unknown or taken name or setting."""
    usage = "make new-script SETTING=phone NAME=my-close"
    settings = declarations.settings
    known = [s.id for s in settings]
    if not setting_id:
        raise ScaffoldError(f"say which setting the script is for, like: {usage} (settings: {', '.join(known)}).")
    if not name:
        raise ScaffoldError(f"give the script a name, like: {usage}.")
    setting = next((s for s in settings if s.id == setting_id), None)
    if setting is None:
        guess = difflib.get_close_matches(setting_id, known, n=1)
        hint = f" Did you mean '{guess[0]}'?" if guess else ""
        raise ScaffoldError(f"unknown setting '{setting_id}'.{hint} Use one of: {', '.join(known)} (declared in data/settings.yml).")
    name = name.removesuffix(SCRIPT_SUFFIX)
    if not re.fullmatch(SLUG, name) or len(name) > MAX_NAME:
        fixed = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:MAX_NAME].strip("-") or "my-close"
        raise ScaffoldError(f"the name '{name}' must be lowercase words joined by hyphens, at most {MAX_NAME} characters; try NAME={fixed}.")
    scripts = root / "data" / "scripts"
    taken = sorted(scripts.glob(f"*/{name}{SCRIPT_SUFFIX}")) if scripts.is_dir() else []
    if taken:
        where = taken[0].relative_to(root).as_posix()
        raise ScaffoldError(f"a script named '{name}' already exists ({where}); script names are unique across all settings, so choose another NAME.")
    return scripts / setting.id / f"{name}{SCRIPT_SUFFIX}", setting


def next_order(folder: Path) -> int:
    """10 more than the largest order already used in the folder, so the new script comes last."""
    orders = [int(m.group(1)) for path in folder.glob(f"*{SCRIPT_SUFFIX}") for m in [re.search(r"(?m)^order:\s*([0-9]+)\s*$", path.read_text(encoding="utf-8", errors="replace"))] if m]
    return min(999, max(orders, default=0) + 10)


def script_template(declarations: Declarations, setting: Setting, name: str, order: int) -> str:
    """The new file's text: the schema line, a short guide, then each field with its explanation and draft."""
    spec = SCRIPT_RECORDS[setting.kind]
    blanks = {blank.id: blank.label for blank in declarations.blanks}
    ideas = {idea.id: idea.title for idea in declarations.ideas.values()}
    idea = PREFERRED_IDEA if PREFERRED_IDEA in ideas else next(iter(ideas), PREFERRED_IDEA)
    # Each field's draft is its declared example; title, order and idea come from the file's name and place.
    drafts = {key: field.example for key, field in spec.fields.items() if isinstance(field, Text)}
    values = {**drafts, "title": name.replace("-", " ").capitalize(), "order": order, "idea": idea}
    width = max((len(key) for key in blanks), default=0) + 2
    lines = [
        f"# yaml-language-server: $schema=../../../{schema_path(f'{setting.kind}-script')}",
        f"# {SCRIPT_KINDS[setting.kind].help.removesuffix('.')}, for the setting '{setting.title}'.",
        f"# The file name, {name}, is the script's id: its link will be scripts/{setting.id}/#{name}.",
        "# Every value below is a draft. Rewrite each one in your own words, delete",
        "# the line `draft: true`, run `make check`, then `make serve` to see the card.",
        "#",
        "# Text is plain: no HTML, no Markdown. Put a value in quotes if it starts",
        "# with { or [, or is just yes, no, on, off, a number or a date.",
        "# Write a blank as {blank_id}; the reader's own words replace it. Blanks:",
        *(f"#   {{{key}}}".ljust(width + 6) + f"{label}" for key, label in blanks.items()),
        "",
    ]
    for key, field in spec.fields.items():
        lines += [f"# {key}: {_explain(field, not field.optional)}", *_help_lines(field, ideas)]
        # An optional field without a draft is left out, commented, for the contributor to add.
        if isinstance(field, DraftMarker):
            lines.append(field.line)
        else:
            lines += _yaml_value(key, values[key]) if values.get(key) else [f"# {key}: "]
        lines.append("")
    return "\n".join(lines[:-1]) + "\n"


def write_new_script(root: Path, setting_id: str, name: str) -> Path:
    declarations = read_data(root)
    path, setting = new_script_path(declarations, root, setting_id, name)
    text = script_template(declarations, setting, path.stem, next_order(path.parent))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path


def _explain(field: Spec, required: bool) -> str:
    if isinstance(field, DraftMarker):
        return "only in a file `make new-script` wrote, and refused by `make check`."
    need = "required" if required else "optional"
    if isinstance(field, Number):
        return f"{need}, a whole number from {field.minimum} to {field.maximum}."
    if isinstance(field, Text) and field.choices:
        return f"{need}, one of: {', '.join(field.choices)}."
    if isinstance(field, Text) and field.ids_from:
        return f"{need}, one of the ids in data/{field.ids_from}.yml, listed below."
    if isinstance(field, Text):
        blanks = ", may hold blanks" if field.placeholders else ", no blanks"
        return f"{need}, text of at most {field.max_length} characters{blanks}."
    return need


def _help_lines(field: Spec, ideas: dict[str, str]) -> list[str]:
    lines = [f"#   {line}" for line in textwrap.wrap(field.help, 74)]
    if isinstance(field, Text) and field.ids_from == "ideas":
        width = max((len(key) for key in ideas), default=0) + 2
        lines += [f"#     {key.ljust(width)}{title}" for key, title in ideas.items()]
    return lines


def _yaml_value(key: str, value) -> list[str]:
    if isinstance(value, int):
        return [f"{key}: {value}"]
    if len(key) + len(value) < 76:
        return [f"{key}: {json.dumps(value, ensure_ascii=False)}"]
    # Folded: the loader joins the lines with single spaces.
    return [f"{key}: >-", *(f"  {line}" for line in textwrap.wrap(value, 76, break_long_words=False, break_on_hyphens=False))]


# --- The reference on docs/contribute.md ---------------------------------------


def render_contribute_reference(library: Library, part: str, page_dir: str = "") -> str:
    """One part of the contributor's reference (fields, blanks, ideas or settings), from the data."""
    if part == "fields":
        # The fields' help is declared once, in English, with the files' English keys: a translated page marks it so.
        return _field_list() if library.lang == "en" else f'<div lang="en" markdown>\n\n{_field_list()}\n</div>\n'
    if part == "blanks":
        for_example = markdown_text(library.ui("contribute.for_example"))
        return "\n".join(f"- `{{{b.id}}}`: {markdown_text(b.label)}, {for_example} *{markdown_text(b.example)}*" for b in library.blanks) + "\n"
    if part == "ideas":
        return "\n".join(
            f"- `{i.id}`: [{markdown_text(i.title)}]({posixpath.relpath(i.page, page_dir or '.')}#{i.anchor})" for i in library.ideas.values()
        ) + "\n"
    if part == "settings":
        return "\n".join(f"- `{s.id}` ({s.kind}): {markdown_text(s.title)}" for s in library.settings) + "\n"
    raise ValueError(f"contribute_reference: unknown part '{part}'; expected fields, blanks, ideas or settings")


def _field_list() -> str:
    """Every script field once, in file order, with the kinds of script that have it."""
    rows = []
    for key in dict.fromkeys(key for record in SCRIPT_RECORDS.values() for key in record.fields):
        kinds = [kind for kind, record in SCRIPT_RECORDS.items() if key in record.fields]
        field = SCRIPT_RECORDS[kinds[0]].fields[key]
        where = "every script" if len(kinds) == len(SCRIPT_RECORDS) else " and ".join(SCRIPT_KINDS[kind].called for kind in kinds)
        rows.append(f"- `{key}` ({where}; {_explain(field, True).removeprefix('required, ')[:-1]}): {markdown_text(field.help)}")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new script file: make new-script SETTING=phone NAME=my-close")
    parser.add_argument("--setting", default="", help="the setting id, a folder under data/scripts/")
    parser.add_argument("--name", default="", help="the script's file name without .yml, like my-close")
    parser.add_argument("--root", default=".", help="the repository root (default: here)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        path = write_new_script(root, args.setting.strip(), args.name.strip())
    except ScaffoldError as error:
        print(f"make new-script: {error}", file=sys.stderr)
        return 1
    except FileExistsError as error:
        print(f"make new-script: {error.filename} appeared while it was being written; choose another NAME.", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"Wrote {rel}. Edit it, run `make check`, then `make serve` and open http://127.0.0.1:8000/scripts/{path.parent.name}/#{path.stem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
