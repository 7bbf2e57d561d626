"""The data as Python objects, with every class generated from the declaration in schema.py.

Blank, Idea, Setting and Script have exactly the fields their files declare, in that order, so a
field added to schema.py is a field here too. Library is the loaded whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, make_dataclass
from functools import cached_property

from .schema import BLANK, BLANK_VARIANT, IDEA, PARTS, PREP_LINE, PREP_SHEET_FILE, REPLIES, SCRIPT_RECORDS, SETTING, DraftMarker, Number, Part, Record, RecordList, Reply, Spec, TextList
from .ui import Catalog, english_catalog

# How a blank is written in a text; the loader refuses every other use of braces in a text.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
TEXTS: tuple[Part | Reply, ...] = (*PARTS, *REPLIES)  # every text of a script, in file order


def placeholders(text: str) -> list[str]:
    """The blank ids a text refers to, in order."""
    return PLACEHOLDER.findall(text)


def _python_type(spec: Spec) -> type:
    return int if isinstance(spec, Number) else tuple if isinstance(spec, TextList | RecordList) else str


def _record_class(name: str, record: Record, doc: str, bases: tuple = ()):
    fields: list = [(key, _python_type(spec)) for key, spec in record.required.items()]
    fields += [(key, _python_type(spec) | None, field(default=None)) for key, spec in record.fields.items() if spec.optional]
    cls = make_dataclass(name, fields, bases=bases, frozen=True, namespace={"__doc__": doc})
    cls.__module__ = __name__
    return cls


def value_key(blank_id: str, settings: tuple[str, ...] = ()) -> str:
    """What a page and the reader's storage call a blank's value: its id, or `<id>.<first setting>` for a variant."""
    return f"{blank_id}.{settings[0].replace('-', '_')}" if settings else blank_id


@dataclass(frozen=True)
class BlankField:
    """A blank as the scripts of some settings use it: one value, under its value key."""

    id: str  # the value key: "next_step", or "next_step.phone" for a variant
    blank_id: str
    label: str
    hint: str
    example: str
    max_length: int  # the blank's, whatever the variant
    settings: tuple[str, ...]  # the settings a variant serves; () for the blank's own value


class _BlankMethods:
    """A blank's values: its own, and one per variant of data/blanks.yml's `by_setting`."""

    @cached_property  # every script of every setting asks
    def fields(self) -> tuple[BlankField, ...]:
        own = BlankField(self.id, self.id, self.label, self.hint, self.example, self.max_length, ())
        variants = tuple(
            BlankField(value_key(self.id, v.settings), self.id, v.label or self.label, v.hint or self.hint, v.example or self.example, self.max_length, v.settings)
            for v in self.by_setting or ()
        )
        return (own, *variants)

    def field_for(self, setting_id: str) -> BlankField:
        """The value the scripts of `setting_id` use: its variant's, or the blank's own."""
        return next((each for each in self.fields[1:] if setting_id in each.settings), self.fields[0])


class _ScriptMethods:
    """What the page, the card and Rehearse ask of a script, derived from PARTS and REPLIES."""

    def parts(self, kind: str) -> list[tuple[Part, str]]:
        """The parts this script has that a setting of `kind` shows, in file order, with their text."""
        return [(part, text) for part in PARTS if kind in part.labels and (text := getattr(self, part.key))]

    @property
    def replies(self) -> list[tuple[Reply, str]]:
        """Each answer the script prepares for, with what to say; empty for a message."""
        return [(reply, text) for reply in REPLIES if (text := getattr(self, reply.key))]

    @property
    def responses(self) -> list[tuple[str, str, str]]:
        """(key, label, text) for each answer the script prepares for."""
        return [(reply.key, reply.label, text) for reply, text in self.replies]

    @property
    def texts(self) -> list[str]:
        return [text for each in TEXTS if (text := getattr(self, each.key))]

    @cached_property  # every page's details panel asks again; the texts never change
    def blanks_used(self) -> tuple[str, ...]:
        return _blanks_in(self.texts)

    def longest_text(self) -> tuple[str, int, int]:
        """The key of the longest text, and where it is written: what to shorten first when the card is too full."""
        key = max((each.key for each in TEXTS), key=lambda key: len(getattr(self, key) or ""))
        return (key, *self.positions.get(key, (1, 1)))


def _blanks_in(texts: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for text in texts:
        seen.update(dict.fromkeys(placeholders(text)))
    return tuple(seen)


def _script_class():
    """A script of any kind: fields every kind requires first, then the rest (None where absent)."""
    records = SCRIPT_RECORDS.values()
    # A draft marker never reaches the model: the check refuses every file that has one.
    keys = list(dict.fromkeys(key for record in records for key, spec in record.fields.items() if not isinstance(spec, DraftMarker)))
    everywhere = [key for key in keys if all(key in record.required for record in records)]
    specs = {key: spec for record in records for key, spec in record.fields.items()}
    fields: list = [("id", str), ("setting", str), ("path", str)]
    fields += [(key, _python_type(specs[key])) for key in everywhere]
    fields += [(key, _python_type(specs[key]) | None, field(default=None)) for key in keys if key not in everywhere]
    # Where each key of the file is (line, col), so later checks point at it without reading the file again.
    fields.append(("positions", dict, field(default_factory=dict, compare=False, repr=False)))
    fields.append(("untranslated", bool, field(default=False, compare=False)))  # a translation's build shows it in English, with a note
    cls = make_dataclass("Script", fields, bases=(_ScriptMethods,), frozen=True, namespace={"__doc__": "One script file."})
    cls.__module__ = __name__
    return cls


class _PrepSheetMethods:
    """The prep sheet answers what a script's page, card and Rehearse card ask: its lines are its parts, and it has no replies."""

    replies: tuple = ()

    @property
    def setting(self) -> str:
        """The sheet is a group of its own: print.js and Rehearse group cards by this."""
        return self.id

    def parts(self, kind: str) -> list[tuple[Part, str]]:
        """Each line as a part of `kind` (PREP_SHEET_KIND), labelled by the data, so the script body renders it."""
        spec = PREP_LINE.fields["text"]
        return [(Part(f"line-{index}", spec, labels={kind: line.label}), line.text) for index, line in enumerate(self.lines, 1)]

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @cached_property
    def blanks_used(self) -> tuple[str, ...]:
        return _blanks_in(self.texts)

    def longest_text(self) -> tuple[str, int, int]:
        index = max(range(len(self.lines)), key=lambda at: len(self.lines[at].text))
        return (f"lines item {index + 1}", *self.positions.get(index, (1, 1)))


def _prep_sheet_class():
    """The prep sheet: its file's fields, then where it comes from and where each line's text is written."""
    fields: list = [("id", str), ("path", str)]
    fields += [(key, _python_type(spec)) for key, spec in PREP_SHEET_FILE.fields.items()]
    fields.append(("positions", dict, field(default_factory=dict, compare=False, repr=False)))  # line index -> (line, col) of its text
    fields.append(("untranslated", bool, field(default=False, compare=False)))
    cls = make_dataclass("PrepSheet", fields, bases=(_PrepSheetMethods,), frozen=True, namespace={"__doc__": "The prep sheet, data/prep-sheet.yml."})
    cls.__module__ = __name__
    return cls


Variant = _record_class("Variant", BLANK_VARIANT, "A blank's value for some settings.")
Blank = _record_class("Blank", BLANK, "One blank a reader fills in.", (_BlankMethods,))
Idea = _record_class("Idea", IDEA, "An idea the guide teaches.")
Setting = _record_class("Setting", SETTING, "An interview setting.")
Script = _script_class()
PrepLine = _record_class("PrepLine", PREP_LINE, "One line of the prep sheet.")
PrepSheet = _prep_sheet_class()


@dataclass(frozen=True)
class Library:
    blanks: tuple[Blank, ...]
    ideas: dict[str, Idea]
    settings: tuple[Setting, ...]
    scripts: dict[str, tuple[Script, ...]]  # setting id -> scripts in page order
    prep_sheet: PrepSheet | None = None  # None where data/prep-sheet.yml is absent
    ui: Catalog = field(default_factory=english_catalog, compare=False, repr=False)  # the interface's words: library.ui("panel.done")
    lang: str = "en"

    @cached_property  # every rendered script and card looks its blanks up by id
    def blanks_by_id(self) -> dict[str, Blank]:
        return {blank.id: blank for blank in self.blanks}

    @cached_property  # each setting's scripts look their blanks up here
    def _fields_by_setting(self) -> dict[str, dict[str, BlankField]]:
        return {setting.id: {blank.id: blank.field_for(setting.id) for blank in self.blanks} for setting in self.settings}

    @cached_property  # every page's details panel asks which blanks a setting's scripts use
    def _blank_ids_by_setting(self) -> dict[str, frozenset[str]]:
        return {setting.id: frozenset(b for script in self.scripts[setting.id] for b in script.blanks_used) for setting in self.settings}

    @cached_property  # what pages derive from the data, kept here by the renderers (render.py's script bodies): the data never changes once loaded
    def derived(self) -> dict[tuple, object]:
        return {}

    def blank_ids_used_in(self, setting_id: str) -> frozenset[str]:
        """The blank ids some script of `setting_id` uses."""
        return self._blank_ids_by_setting[setting_id]

    @cached_property
    def _own_fields(self) -> dict[str, BlankField]:
        return {blank.id: blank.fields[0] for blank in self.blanks}

    def blanks_for(self, setting_id: str) -> dict[str, BlankField]:
        """Blank id -> the value the scripts of `setting_id` fill it with; a group that is no setting (the prep sheet) gets each blank's own."""
        return self._fields_by_setting.get(setting_id) or self._own_fields

    def setting(self, setting_id: str) -> Setting:
        for setting in self.settings:
            if setting.id == setting_id:
                return setting
        raise KeyError(f"unknown setting '{setting_id}'; declared: {', '.join(s.id for s in self.settings)}")

    def all_scripts(self) -> list[Script]:
        return [script for setting in self.settings for script in self.scripts[setting.id]]
