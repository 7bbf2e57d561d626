"""The shape of every data file, declared once.

The loader validates against these definitions, and `schemas/*.schema.json`
(for editors) is generated from them, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLANK_ID = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
SLUG = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Text:
    help: str
    max_length: int = 200
    pattern: str | None = None
    pattern_hint: str = ""
    choices: tuple[str, ...] | None = None
    placeholders: bool = False  # may hold {blank_id} placeholders
    ids_from: str | None = None  # must be an id declared in data/<ids_from>.yml


@dataclass(frozen=True)
class Number:
    help: str
    minimum: int
    maximum: int


@dataclass(frozen=True)
class TextList:
    help: str
    item: Text
    min_items: int = 1
    max_items: int = 20


@dataclass(frozen=True)
class Record:
    help: str
    required: dict[str, "Spec"]
    optional: dict[str, "Spec"] = field(default_factory=dict)

    @property
    def fields(self) -> dict[str, "Spec"]:
        return {**self.required, **self.optional}


@dataclass(frozen=True)
class RecordList:
    help: str
    item: Record
    min_items: int = 1


Spec = Text | Number | TextList | Record | RecordList

# --- data/blanks.yml ---------------------------------------------------------

BLANK = Record(
    help="One blank a reader fills in, such as the interviewer's name.",
    required={
        "id": Text("The name scripts use for this blank, in braces: {interviewer_name}.", 40, BLANK_ID, "lowercase words joined by underscores, like interviewer_name"),
        "label": Text("What the blank shows until the reader fills it, e.g. \"interviewer's name\".", 40),
        "hint": Text("One sentence that helps the reader fill it in.", 160),
        "example": Text("A realistic example value.", 80),
        "max_length": Number("The most characters a reader may type.", 1, 200),
    },
)
BLANKS_FILE = Record(
    help="Every blank a script can use, declared once.",
    required={"blanks": RecordList("The blanks, in the order the details panel shows them.", BLANK)},
)

# --- data/settings.yml -------------------------------------------------------

SETTING = Record(
    help="An interview setting, which gets its own page of scripts.",
    required={
        "id": Text("The folder name under data/scripts/ and the page name.", 40, SLUG, "lowercase words joined by hyphens, like face-to-face"),
        "title": Text("The setting's name, e.g. \"Phone screen\".", 60),
        "summary": Text("When this setting applies, in one or two sentences.", 400),
        "kind": Text("spoken (said aloud, answered at once) or written (a message).", 10, choices=("spoken", "written")),
        "cues": TextList("The signs that it is time to close.", Text("One cue.", 200)),
        "order": Number("Where the setting sits among the others (smaller first).", 1, 999),
    },
)
SETTINGS_FILE = Record(
    help="The interview settings.",
    required={"settings": RecordList("The settings.", SETTING)},
)

# --- data/ideas.yml ----------------------------------------------------------

IDEA = Record(
    help="An idea the guide teaches, and where.",
    required={
        "id": Text("The name scripts use in their `idea` key.", 40, SLUG, "lowercase words joined by hyphens, like ask-for-next-step"),
        "title": Text("The idea in a few words.", 80),
        "page": Text("The guide page that teaches it, relative to docs/.", 80, r"^[a-z0-9/-]+\.md$", "a path like guide/why-close.md"),
        "anchor": Text("The heading id on that page.", 80, SLUG, "lowercase words joined by hyphens, like spoken-yes"),
    },
)
IDEAS_FILE = Record(
    help="The ideas of the guide.",
    required={"ideas": RecordList("The ideas.", IDEA)},
)

# --- data/scripts/<setting>/<name>.yml ----------------------------------------

_SCRIPT_COMMON = {
    "title": Text("A short name for the script, shown as its heading.", 70),
    "order": Number("Where the script sits on its page (smaller first).", 1, 999),
    "tone": Text("How boldly the close asks: soft invites their view, direct asks to book the step.", 10, choices=("soft", "direct")),
    "idea": Text("Which idea of the guide the script applies (an id from data/ideas.yml).", 40, SLUG, "an idea id: lowercase words joined by hyphens, like three-reasons", ids_from="ideas"),
    "opener": Text("Thanks and enthusiasm, then your three reasons; use blanks such as {strength_a}.", 420, placeholders=True),
    "close": Text("The closing question: ask for the next step.", 240, placeholders=True),
}
SPOKEN_SCRIPT = Record(
    help="A closing script said aloud at the end of an interview.",
    required={
        **_SCRIPT_COMMON,
        "if_yes": Text("What to say when they answer yes.", 240, placeholders=True),
        "if_not_sure": Text("What to say when they hesitate or are not sure.", 240, placeholders=True),
        "if_no": Text("What to say when they answer no.", 240, placeholders=True),
    },
)
WRITTEN_SCRIPT = Record(
    help="A follow-up message that restates the close in writing.",
    required={
        **_SCRIPT_COMMON,
        "subject": Text("The message's subject line.", 90, placeholders=True),
    },
)

DATA_FILES = {
    "blanks": BLANKS_FILE,
    "settings": SETTINGS_FILE,
    "ideas": IDEAS_FILE,
    "spoken-script": SPOKEN_SCRIPT,
    "written-script": WRITTEN_SCRIPT,
}
