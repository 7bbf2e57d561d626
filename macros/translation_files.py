"""The shape of a translation's files, derived from schema.py's `translate` flags, and the hashes that date them.

translations/<lang>/data/ mirrors data/ with the same ids and only the translatable texts: each record
(a script, a blank, a setting, an idea, the prep sheet, an interface string) carries `source`, the short
hash of the English texts it translates, so the check can tell when English moved on (stale).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

from .schema import BLANKS_FILE, IDEAS_FILE, PREP_SHEET_FILE, SCRIPT_RECORDS, SETTINGS_FILE, UI_FILE, Record, RecordList, Spec, Text, TextList

TRANSLATIONS = "translations"
HASH_LENGTH = 8
SOURCE = Text(
    "The short hash of the English texts this translates; `make translation-hashes LANG=<lang>` writes it once you have checked the translation against English.",
    HASH_LENGTH, r"^[0-9a-f]{8}$", "8 lowercase hex digits, as `make translation-hashes` writes them",
)
DRAFT_KEY = "draft"  # `make new-language` marks each file it writes; the check counts its records as missing until the line goes
DRAFT_LINE = "draft: true  # delete this line once every text below is in your language"
ROW_KEYS = ("id", "settings")  # what ties a translated row to its English one: kept, never translated


def translatable(spec: Spec) -> bool:
    """Whether a field holds words a translation rewrites (a text, a list of texts, or rows holding some)."""
    if isinstance(spec, Text):
        return spec.translate
    if isinstance(spec, TextList):
        return spec.item.translate
    if isinstance(spec, RecordList):
        return any(translatable(field) for field in spec.item.fields.values())
    return False


def translated(spec: Record, with_source: bool) -> Record:
    """The translation of `spec`: its row keys, `source` (for a record that is dated), then each translatable field, optional.

    The translatable fields a translation must have are the ones its English record has, checked against that record.
    """
    fields: dict[str, Spec] = {key: field for key, field in spec.fields.items() if key in ROW_KEYS}
    if with_source:
        fields["source"] = SOURCE
    for key, field in spec.fields.items():
        if key in ROW_KEYS or not translatable(field):
            continue
        fields[key] = replace(field, item=translated(field.item, False), optional=True) if isinstance(field, RecordList) else replace(field, optional=True)
    return Record(help=f"A translation: {spec.help}", fields=fields)


def _list_file(spec: Record, list_key: str) -> Record:
    rows = spec.fields[list_key]
    return Record(help=f"A translation: {spec.help}", fields={list_key: replace(rows, item=translated(rows.item, True))})


# translations/<lang>/data/<name>.yml for each list file: (list key, English file's shape, translation's shape)
LIST_FILES = {
    "blanks": (BLANKS_FILE.fields["blanks"].item, _list_file(BLANKS_FILE, "blanks")),
    "settings": (SETTINGS_FILE.fields["settings"].item, _list_file(SETTINGS_FILE, "settings")),
    "ideas": (IDEAS_FILE.fields["ideas"].item, _list_file(IDEAS_FILE, "ideas")),
    "ui": (UI_FILE.fields["strings"].item, _list_file(UI_FILE, "strings")),
}
LIST_KEYS = {"blanks": "blanks", "settings": "settings", "ideas": "ideas", "ui": "strings"}
SCRIPT_TRANSLATIONS = {kind: translated(record, True) for kind, record in SCRIPT_RECORDS.items()}
PREP_SHEET_TRANSLATION = translated(PREP_SHEET_FILE, True)


_TEXT_FIELDS: dict[int, tuple] = {}  # by id(): the shapes are module constants, read thousands of times a build


def text_fields(spec: Record) -> tuple[tuple[str, Spec], ...]:
    """A record's fields that a translation rewrites, (key, field) in declaration order, row keys left out."""
    found = _TEXT_FIELDS.get(id(spec))
    if found is None or found[1] is not spec:
        found = _TEXT_FIELDS[id(spec)] = (tuple((key, field) for key, field in spec.fields.items() if key not in ROW_KEYS and translatable(field)), spec)
    return found[0]


def texts_of(spec: Record, values) -> dict:
    """A record's translatable texts in declaration order ({key: text}, lists as lists), from a dict or a model object."""
    texts: dict = {}
    for key, field in text_fields(spec):
        value = values.get(key) if isinstance(values, dict) else getattr(values, key, None)
        if value is None:
            continue
        if isinstance(field, RecordList):
            texts[key] = [texts_of(field.item, row) for row in value]
        elif isinstance(field, TextList):
            texts[key] = list(value)
        else:
            texts[key] = value
    return texts


def source_hash(spec: Record, values) -> str:
    """The `source` of a translation of this English record: the first 8 hex digits of sha256 over its texts as JSON."""
    text = json.dumps(texts_of(spec, values), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


# A block a tool rewrites (`make bench`'s figures on the Performance page): translations link to it rather than copy it.
GENERATED_BLOCK = re.compile(rb"<!-- bench:start -->.*?<!-- bench:end -->", re.S)


def source_hash_of_page(path: Path) -> str:
    """The `source` of a translated page: the first 8 hex digits of sha256 over the English page file's bytes, less any generated block.

    So a new run of `make bench` does not make every translation of the Performance page stale.
    """
    return hashlib.sha256(GENERATED_BLOCK.sub(b"<!-- bench -->", Path(path).read_bytes())).hexdigest()[:HASH_LENGTH]


def languages(root: Path) -> list[str]:
    """The languages translated under translations/, one folder each, in name order."""
    folder = root / TRANSLATIONS
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.is_dir() else []


def english_pages(root: Path) -> list[str]:
    """Every guide page, relative to docs/ (its theme overrides and assets are no pages)."""
    docs = root / "docs"
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] not in ("assets", "overrides"))
