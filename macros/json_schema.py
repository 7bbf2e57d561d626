"""Generate schemas/*.schema.json from the definitions in schema.py, for editors.

`make schemas` writes them; `python -m macros.json_schema --check` only says
which are out of date. Ids declared in data/ (blanks, ideas) become enums and
patterns at generation time, so an editor completes and checks them as the
contributor types. Never edit the generated files by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .declarations import read_declarations
from .problems import DataError
from .schema import BLANK_ID, DATA_FILES, DraftMarker, Number, Record, RecordList, Spec, Text, TextList
from .validate import _HTML, Context

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"
GENERATED_BY = "Generated from macros/schema.py and data/ by `make schemas`. Do not edit by hand."
TITLES = {
    "blanks": "Next Step: the blanks (data/blanks.yml)",
    "settings": "Next Step: the interview settings (data/settings.yml)",
    "ideas": "Next Step: the ideas of the guide (data/ideas.yml)",
    "spoken-script": "Next Step: a spoken closing script (data/scripts/<spoken setting>/<name>.yml)",
    "written-script": "Next Step: a written follow-up script (data/scripts/<written setting>/<name>.yml)",
    "prep-sheet": "Next Step: the \"Before you go in\" prep sheet (data/prep-sheet.yml)",
}

# Declared ids, in file order, each with the words an editor shows beside it.
DeclaredIds = dict[str, dict[str, str]]


def schema_path(name: str) -> str:
    return f"{SCHEMA_DIR}/{name}.schema.json"


def declared_ids(root: Path) -> DeclaredIds:
    """The blank ids (with labels) and idea ids (with titles) in root/data/. Raises DataError."""
    context = Context()
    declarations = read_declarations(root, context)  # the loader's first stage, with its limits
    if context.problems:
        raise DataError(context.problems)
    return {
        "blanks": {blank.id: blank.label for blank in declarations.blanks},
        "ideas": {idea.id: idea.title for idea in declarations.ideas.values()},
    }


def generate_schemas(root: Path) -> dict[str, dict]:
    """Every data file's JSON Schema, keyed by name (blanks, settings, ideas, spoken-script, written-script)."""
    ids = declared_ids(root)
    return {name: _root_schema(name, spec, ids) for name, spec in DATA_FILES.items()}


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schemas(root: Path) -> list[str]:
    """Paths (relative to root) of committed schemas that differ from freshly generated ones."""
    return [
        schema_path(name)
        for name, schema in generate_schemas(root).items()
        if not (root / schema_path(name)).is_file() or (root / schema_path(name)).read_text(encoding="utf-8") != schema_text(schema)
    ]


def write_schemas(root: Path) -> list[str]:
    """Write every schema; returns the paths that changed."""
    changed = []
    for name, schema in generate_schemas(root).items():
        path = root / schema_path(name)
        text = schema_text(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(schema_path(name))
    return changed


def _root_schema(name: str, spec: Record, ids: DeclaredIds) -> dict:
    body = _schema(spec, ids)
    return {"$schema": DRAFT, "$comment": GENERATED_BY, "title": TITLES[name], **body}


def _schema(spec: Spec, ids: DeclaredIds) -> dict:
    if isinstance(spec, Text):
        return _text(spec, ids)
    if isinstance(spec, Number):
        return {
            "description": f"{spec.help} A whole number from {spec.minimum} to {spec.maximum}, without quotes.",
            "type": "integer",
            "minimum": spec.minimum,
            "maximum": spec.maximum,
        }
    if isinstance(spec, TextList):
        return {
            "description": f"{spec.help} A list: one line per item, each starting with '- '.",
            "type": "array",
            "minItems": spec.min_items,
            "maxItems": spec.max_items,
            "items": _text(spec.item, ids),
        }
    if isinstance(spec, DraftMarker):
        # Any value fails, so an editor underlines the marker just as `make check` refuses it.
        return {"description": spec.help, "not": {}}
    if isinstance(spec, RecordList):
        return {
            "description": f"{spec.help} A list: each item starts with '- '.",
            "type": "array",
            "minItems": spec.min_items,
            "items": _schema(spec.item, ids),
        }
    return {
        "description": spec.help,
        "type": "object",
        "properties": {key: _schema(field, ids) for key, field in spec.fields.items()},
        "required": list(spec.required),
        "additionalProperties": False,
    }


def _text(spec: Text, ids: DeclaredIds) -> dict:
    if spec.choices:
        return {"description": spec.help, "type": "string", "enum": list(spec.choices)}
    if spec.ids_from:
        declared = ids[spec.ids_from]
        listed = "; ".join(f"{key} ({words})" for key, words in declared.items())
        return {"description": f"{spec.help} One of: {listed}.", "type": "string", "enum": list(declared)}
    description = f"{spec.help} Plain text, at most {spec.max_length} characters."
    if spec.pattern:
        # The pattern already rules out emptiness, markup and braces.
        rules = [{"pattern": _around_spaces(spec.pattern), "patternErrorMessage": f"Expected {spec.pattern_hint}."}]
    else:
        rules = [
            {"pattern": r"\S", "patternErrorMessage": "Write some text here; it cannot be empty."},
            {"pattern": rf"^(?![\s\S]*{_HTML.pattern})", "patternErrorMessage": "Script text is plain text: leave out HTML tags such as <b>."},
            _braces_rule(spec, ids["blanks"]),
        ]
    if spec.placeholders and ids["blanks"]:
        listed = ", ".join(f"{{{key}}} ({label})" for key, label in ids["blanks"].items())
        description += f" Write a blank as {{blank_id}}. Blanks you can use: {listed}."
    return {"description": description, "type": "string", "maxLength": spec.max_length, "allOf": rules}


def _around_spaces(pattern: str) -> str:
    """A whole-value pattern that, like the loader, ignores spaces around the value.

    It also keeps Python and JavaScript alike: their `$` differ before a final newline.
    """
    body = pattern.removeprefix("^").removesuffix("$")
    return rf"^\s*(?:{body})\s*$"


def _braces_rule(spec: Text, blanks: dict[str, str]) -> dict:
    if not (spec.placeholders and blanks):
        return {"pattern": r"^[^{}]*$", "patternErrorMessage": "This field cannot hold blanks: remove every { and }."}
    for blank_id in blanks:
        if not re.fullmatch(BLANK_ID, blank_id):
            raise ValueError(f"blank id {blank_id!r} cannot go into a pattern")
    choices = "|".join(blanks)
    known = ", ".join(f"{{{key}}}" for key in blanks)
    return {
        "pattern": rf"^(?:[^{{}}]|\{{(?:{choices})\}})*$",
        "patternErrorMessage": f"Braces hold a blank and nothing else, with no spaces: one of {known}.",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write schemas/*.schema.json from macros/schema.py and data/.")
    parser.add_argument("root", nargs="?", default=".", help="the repository root (default: here)")
    parser.add_argument("--check", action="store_true", help="change nothing; fail when a schema is out of date")
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        if args.check:
            stale = stale_schemas(root)
            for path in stale:
                print(f"{path}:1:1: out of date with macros/schema.py or data/; run `make schemas` and commit the result.", file=sys.stderr)
            return 1 if stale else 0
        changed = write_schemas(root)
    except DataError as error:
        print(f"{error}\nThe schemas list the ids declared in data/, so fix these first.", file=sys.stderr)
        return 1
    print(f"Schemas are up to date ({len(changed)} rewritten): {', '.join(changed) or 'none changed'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
