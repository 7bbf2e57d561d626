"""The interface's words, one catalog per language: data/ui.yml plus the labels schema.py declares.

A page asks `library.ui("panel.done")`; a string with `{name}` gets its values as keywords:
`library.ui("rehearse.cards_many", count=3)`. The labels of parts, replies, tones, audiences and
script kinds stay declared once, in schema.py, and join the catalog here under derived ids
(`part.opener.spoken`, `reply.if_yes.label`, `tone.soft`, `audience.peer.meta`, `kind.spoken.replies_label`),
so a new part or reply needs no edit of data/ui.yml; a translation gives them in its own ui.yml like any string.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from .problems import DataError, Problem
from .schema import AUDIENCES, PARTS, REPLIES, SCRIPT_KINDS, TONE_LABELS, UI_FILE
from .strict_yaml import Mapping, Scalar, Sequence, read_yaml
from .validate import Context, check_file

UI_PATH = "data/ui.yml"
MAX_UI_BYTES = 64_000
_VALUE = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_HERE = Path(__file__).resolve().parent.parent


def schema_strings() -> dict[str, str]:
    """The labels schema.py declares, under their catalog ids, in declaration order."""
    strings = {f"part.{part.key}.{kind}": label for part in PARTS for kind, label in part.labels.items()}
    for reply in REPLIES:
        strings.update({f"reply.{reply.key}.label": reply.label, f"reply.{reply.key}.button": reply.button, f"reply.{reply.key}.heard": reply.heard})
    strings.update({f"tone.{tone}": label for tone, label in TONE_LABELS.items()})
    for key, audience in AUDIENCES.items():
        strings.update({f"audience.{key}.label": audience.label, f"audience.{key}.meta": audience.meta})
    strings.update({f"kind.{kind}.replies_label": each.replies_label for kind, each in SCRIPT_KINDS.items() if each.replies_label})
    return strings


def values_in(text: str) -> set[str]:
    """The `{name}` values a string expects; a translation must expect the same ones."""
    return set(_VALUE.findall(text))


class Catalog:
    """One language's interface strings by id; calling it returns one, its `{name}` values filled in."""

    def __init__(self, strings: dict[str, str], lang: str = "en"):
        self.strings = dict(strings)
        self.lang = lang

    def __call__(self, string_id: str, **values) -> str:
        try:
            text = self.strings[string_id]
        except KeyError:
            raise KeyError(f"interface string '{string_id}' is not in {UI_PATH}; add it there (strings: - id: {string_id}, text: ...)") from None
        return _VALUE.sub(lambda match: str(values[match.group(1)]) if match.group(1) in values else match.group(), text)

    def __contains__(self, string_id: str) -> bool:
        return string_id in self.strings

    def part_label(self, part, kind: str) -> str:
        """A part's label for a setting of `kind`: the catalog's, or the part's own where it comes from the data (the prep sheet's lines)."""
        return self.strings.get(f"part.{part.key}.{kind}", part.labels[kind])

    def subset(self, prefix: str) -> dict[str, str]:
        """The strings whose ids start with `prefix` (e.g. "js."), for code that needs them all: a page's JSON for its script."""
        return {key: text for key, text in self.strings.items() if key.startswith(prefix)}

    def with_strings(self, strings: dict[str, str], lang: str) -> Catalog:
        """This catalog with `strings` laid over it: a translation keeps the English of every string it lacks."""
        return Catalog({**self.strings, **strings}, lang)


def read_ui_rows(path: Path, rel: str, context: Context) -> list[tuple[dict, Mapping]]:
    """The checked rows of a ui file ({id, text} or a translation's shape), each with its YAML node; problems go into `context`."""
    yfile, problems = read_yaml(path, rel, max_bytes=MAX_UI_BYTES)
    context.problems.extend(problems)
    if yfile is None or yfile.root is None:
        return []
    own = Context()  # no blank ids: a string's {name} values are the code's, not the reader's blanks
    values = check_file(yfile, UI_FILE, own) or {}
    context.problems.extend(own.problems)
    items = yfile.root.items.get("strings") if isinstance(yfile.root, Mapping) else None
    nodes = items[1].items if items and isinstance(items[1], Sequence) else []
    return [(row, node) for row, node in zip(values.get("strings") or [], nodes, strict=False) if row and row.get("id") and row.get("text")]


def read_ui(root: Path, context: Context) -> Catalog:
    """The English catalog: schema.py's labels, then data/ui.yml's strings; each problem goes into `context`."""
    strings = schema_strings()
    path = root / UI_PATH
    if not path.is_file():
        context.problems.append(Problem(UI_PATH, 1, 1, "this file is missing; it holds the interface strings (strings: a list of {id, text})."))
        return Catalog(strings)
    declared = set(strings)
    seen: dict[str, int] = {}
    for row, node in read_ui_rows(path, UI_PATH, context):
        string_id = row["id"]
        at = node.items["id"][1]
        if string_id in declared:
            context.problems.append(Problem(UI_PATH, at.line, at.col, f"string '{string_id}' is declared in macros/schema.py already; remove it here."))
        elif string_id in seen:
            context.problems.append(Problem(UI_PATH, at.line, at.col, f"string '{string_id}' appears twice (first on line {seen[string_id]}); keep one."))
        else:
            seen[string_id] = at.line if isinstance(at, Scalar) else node.line
            strings[string_id] = row["text"]
    return Catalog(strings)


@cache
def english_catalog() -> Catalog:
    """This checkout's English catalog: the default of a Library built without load_library (tests, tools)."""
    context = Context()
    catalog = read_ui(_HERE, context)
    if context.problems:
        raise DataError(context.problems)
    return catalog


# The page-script strings (js.<group>.*) a page carries: a group listed here only where the page's HTML holds its
# feature's class, every other group on every page. Rehearse's words, say, then weigh on one page, not on thirty,
# nor thirty times in the offline copy. core.js reads the block again after each instant navigation.
JS_GROUP_MARKERS = {"check": "ns-script", "print": "ns-print", "filters": "ns-filters", "rehearse": "ns-rehearse", "record": "ns-rehearse"}


def js_word_groups(catalog: Catalog) -> dict[str, str]:
    """Each group of js.* strings as the members of a JSON object ('"id":"text",...'), with <, > and & escaped so no text can end the element it sits in."""
    groups: dict[str, dict[str, str]] = {}
    for string_id, text in catalog.subset("js.").items():
        groups.setdefault(string_id.split(".")[1], {})[string_id] = text
    return {
        group: json.dumps(words, ensure_ascii=False, separators=(",", ":"))[1:-1].replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        for group, words in groups.items()
    }
