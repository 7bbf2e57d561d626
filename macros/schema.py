"""The shape of every data file, declared once.

Everything else is derived from here: the loader's checks (validate.py), the model's classes
(model.py), the editor schemas (json_schema.py), the scaffold and its drafts (scaffold.py), the
script pages, the printed cards and the Rehearse deck. A script's texts are PARTS (said or
written, each under a label that depends on the setting's kind) and REPLIES (what to say after
each kind of answer to the close). Adding an optional text or a new kind of reply is a change
here plus the data that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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
    optional: bool = False
    example: str = ""  # the scaffold's draft, which must pass the check as written
    translate: bool = False  # reader-facing words: a translation under translations/<lang>/ rewrites them


@dataclass(frozen=True)
class Number:
    help: str
    minimum: int
    maximum: int
    optional: bool = False


@dataclass(frozen=True)
class TextList:
    help: str
    item: Text
    min_items: int = 1
    max_items: int = 20
    optional: bool = False


@dataclass(frozen=True)
class Record:
    help: str
    fields: dict[str, Spec]  # in the order files write them
    optional: bool = False

    @property
    def required(self) -> dict[str, Spec]:
        return {key: spec for key, spec in self.fields.items() if not spec.optional}


@dataclass(frozen=True)
class RecordList:
    help: str
    item: Record
    min_items: int = 1
    optional: bool = False


@dataclass(frozen=True)
class DraftMarker:
    """A key only `make new-script` writes and the check always refuses, so a placeholder is never published."""

    help: str
    line: str  # the line the scaffold writes, which the contributor deletes
    optional: bool = True


Spec = Text | Number | TextList | Record | RecordList | DraftMarker


@dataclass(frozen=True)
class Part:
    """A text of a script the reader says or writes, shown under a label that depends on the setting's kind."""

    key: str
    text: Text
    labels: dict[str, str]  # setting kind -> label on the page and the card; kinds without it lack the part
    examples: dict[str, str] = field(default_factory=dict)  # setting kind -> scaffold draft, where it differs
    emphasis: bool = False  # set in bold on a printed card


@dataclass(frozen=True)
class Reply:
    """What to say after one kind of answer to the close; Rehearse offers it as a button."""

    key: str
    label: str  # on the page and the card
    button: str  # the Rehearse button
    shortcut: str  # the Rehearse button's key
    heard: str  # what the interviewer said, in a sentence: "The interviewer says: not sure."
    text: Text


# --- data/blanks.yml ---------------------------------------------------------

BLANK_VARIANT = Record(
    help="The blank as some settings ask for it, with one value of its own: its own label, hint and example.",
    fields={
        "settings": TextList(
            "The settings (ids from data/settings.yml) that share this variant's value; a setting is in at most one variant of a blank.",
            Text("A setting id.", 40, SLUG, "a setting id: lowercase words joined by hyphens, like face-to-face"),
        ),
        "label": Text("What the blank shows in these settings, if not the blank's label.", 40, optional=True, translate=True),
        "hint": Text("The hint for these settings, if not the blank's.", 160, optional=True, translate=True),
        "example": Text("The example for these settings, if not the blank's.", 80, optional=True, translate=True),
    },
)
BLANK = Record(
    help="One blank a reader fills in, such as the interviewer's name.",
    fields={
        "id": Text("The name scripts use for this blank, in braces: {interviewer_name}.", 40, BLANK_ID, "lowercase words joined by underscores, like interviewer_name"),
        "label": Text("What the blank shows until the reader fills it, e.g. \"interviewer's name\".", 40, translate=True),
        "hint": Text("One sentence that helps the reader fill it in.", 160, translate=True),
        "example": Text("A realistic example value.", 80, translate=True),
        "max_length": Number("The most characters a reader may type.", 1, 200),
        "by_setting": RecordList("Settings that ask for a value of their own (the blank's label, hint and example are for every other setting).", BLANK_VARIANT, optional=True),
    },
)
BLANKS_FILE = Record(
    help="Every blank a script can use, declared once.",
    fields={"blanks": RecordList("The blanks, in the order the details panel shows them.", BLANK)},
)

# --- data/settings.yml -------------------------------------------------------

@dataclass(frozen=True)
class ScriptKind:
    """What a setting's kind makes of its scripts: the record's help, and whether they prepare replies."""

    help: str
    called: str  # the scripts of this kind, in a sentence: "spoken scripts"
    replies_label: str | None  # the heading over the replies; None: scripts of this kind have none


SCRIPT_KINDS = {
    "spoken": ScriptKind("A closing script said aloud at the end of an interview.", "spoken scripts", "Then listen, and react"),
    "written": ScriptKind("A follow-up message that restates the close in writing.", "follow-up messages", None),
}
SETTING = Record(
    help="An interview setting, which gets its own page of scripts.",
    fields={
        "id": Text("The folder name under data/scripts/ and the page name.", 40, SLUG, "lowercase words joined by hyphens, like face-to-face"),
        "title": Text("The setting's name, e.g. \"Phone screen\".", 60, translate=True),
        "summary": Text("When this setting applies, in one or two sentences.", 400, translate=True),
        "kind": Text("spoken (said aloud, answered at once) or written (a message).", 10, choices=tuple(SCRIPT_KINDS)),
        "cues": TextList("The signs that it is time to close.", Text("One cue.", 200, translate=True)),
        "order": Number("Where the setting sits among the others (smaller first).", 1, 999),
    },
)
SETTINGS_FILE = Record(
    help="The interview settings.",
    fields={"settings": RecordList("The settings.", SETTING)},
)

# --- data/ideas.yml ----------------------------------------------------------

IDEA = Record(
    help="An idea the guide teaches, and where.",
    fields={
        "id": Text("The name scripts use in their `idea` key.", 40, SLUG, "lowercase words joined by hyphens, like ask-for-next-step"),
        "title": Text("The idea in a few words.", 80, translate=True),
        "page": Text("The guide page that teaches it, relative to docs/.", 80, r"^[a-z0-9/-]+\.md$", "a path like guide/why-close.md"),
        "anchor": Text("The heading id on that page.", 80, SLUG, "lowercase words joined by hyphens, like spoken-yes"),
    },
)
IDEAS_FILE = Record(
    help="The ideas of the guide.",
    fields={"ideas": RecordList("The ideas.", IDEA)},
)

# --- data/scripts/<setting>/<name>.yml ----------------------------------------

@dataclass(frozen=True)
class Audience:
    """Whom a script is for, as a filter shows it and as the script's meta line says it."""

    label: str  # "Hiring manager": a filter's choice
    meta: str  # "For a hiring manager": the script's meta line


AUDIENCES = {
    "recruiter": Audience("Recruiter", "For a recruiter"),
    "hiring-manager": Audience("Hiring manager", "For a hiring manager"),
    "peer": Audience("Peer interviewer", "For a peer interviewer"),
    "panel": Audience("Panel", "For a panel"),
    "executive": Audience("Executive", "For an executive"),
    "any": Audience("Anyone", "For anyone"),
}
AUDIENCE_LABELS = {key: audience.label for key, audience in AUDIENCES.items()}
TONE_LABELS = {"soft": "Soft", "direct": "Direct"}

# Every script's fields before its texts; the scaffold fills draft, title, order and idea itself.
SCRIPT_FIELDS = {
    "draft": DraftMarker(
        "Delete the line `draft: true` when your script is ready: `make check` refuses a file that still has it, so a placeholder is never published.",
        "draft: true  # delete this line when your script is ready",
    ),
    "title": Text("A short name for the script, shown as its heading.", 70, translate=True),
    "order": Number("Where the script sits on its page (smaller first).", 1, 999),
    "tone": Text("How boldly the close asks: soft invites their view, direct asks to book the step.", 10, choices=tuple(TONE_LABELS), example="direct"),
    "audience": Text(f"Whom the script is for, one of: {', '.join(AUDIENCES)} (any: it suits everyone).", 20, choices=tuple(AUDIENCES), example="any"),
    "idea": Text("Which idea of the guide the script applies (an id from data/ideas.yml).", 40, SLUG, "an idea id: lowercase words joined by hyphens, like three-reasons", ids_from="ideas"),
}

PARTS = (
    Part(
        "subject",
        Text("The message's subject line.", 90, placeholders=True, example="Thank you, and a next step for the {role} role"),
        labels={"written": "Subject"},
    ),
    Part(
        "opener",
        Text("Thanks and enthusiasm, then your three reasons; use blanks such as {strength_a}.", 420, placeholders=True),
        labels={"spoken": "Open with", "written": "Write"},
        examples={
            "spoken": "Thank you, {interviewer_name}. I'm even keener on the {role} job now, and I'm sure I'd do it well because of {strength_a}, {strength_b} and {strength_c}.",
            "written": (
                "Dear {interviewer_name}, thank you for talking with me about the {role} role at {company}."
                " I came away even more sure I can help, thanks to {strength_a}, {strength_b} and {strength_c}."
            ),
        },
    ),
    Part(
        "close",
        Text("The closing question: ask for the next step.", 240, placeholders=True),
        labels={"spoken": "Then ask", "written": "Then ask again"},
        examples={
            "spoken": "Would you be happy to set up {next_step} for {time_frame}?",
            "written": "Could we arrange {next_step} for {time_frame}? I look forward to hearing from you.",
        },
        emphasis=True,
    ),
    Part(
        "sign_off",
        Text("How the message ends, on its own line: a greeting and your name.", 80, placeholders=True, optional=True, example="Best wishes, {your_name}"),
        labels={"written": "Sign off"},
    ),
)

REPLIES = (
    Reply(
        "if_yes", label="If they say yes", button="Yes", shortcut="1", heard="yes",
        text=Text("What to say when they answer yes.", 240, placeholders=True, example="Great, thank you. Is there anything I should prepare?"),
    ),
    Reply(
        "if_not_sure", label="If they are not sure", button="Not sure", shortcut="2", heard="not sure",
        text=Text("What to say when they hesitate or are not sure.", 240, placeholders=True, example="That's fair. What would help you decide?"),
    ),
    Reply(
        "if_put_off", label="If they put it off", button="Put off", shortcut="3", heard="put it off",
        text=Text("What to say when they put the decision off (\"we'll be in touch\").", 240, placeholders=True, example="Of course. When should I expect to hear, and from whom?"),
    ),
    Reply(
        "if_no", label="If they say no", button="No", shortcut="4", heard="no",
        text=Text("What to say when they answer no.", 240, placeholders=True, example="Thank you for being honest. What is missing, in your view?"),
    ),
)

# --- data/prep-sheet.yml -------------------------------------------------------

# The prep sheet's lines are parts of this kind: the script body renders them under their labels.
PREP_SHEET_KIND = "prep-sheet"
PREP_LINE = Record(
    help="One line of the prep sheet: a label, then what it says.",
    fields={
        "label": Text("The line's label, shown before its text on the page and the card, e.g. \"They may doubt\".", 40, translate=True),
        "text": Text("What the line says; write the reader's own words as blanks, such as {doubt_a}.", 160, placeholders=True, translate=True),
    },
)
PREP_SHEET_FILE = Record(
    help="The \"Before you go in\" prep sheet: one card with the doubts you expect, your answers and your questions.",
    fields={
        "title": Text("The sheet's heading on its page, on My cards and on its card.", 70, translate=True),
        "group": Text("What the card's top line says, and the sheet's heading among the print choices, e.g. \"Before you go in\".", 40, translate=True),
        "practise": Text("How to practise the sheet out loud, in one sentence; shown on its Rehearse card.", 160, translate=True),
        "lines": RecordList("The sheet's lines, in order.", PREP_LINE),
    },
)

# --- data/ui.yml ---------------------------------------------------------------

# The interface's words; the labels declared above (parts, replies, tones, audiences) join them in macros/ui.py.
UI_STRING = Record(
    help="One interface string: a button, a heading, a message.",
    fields={
        "id": Text("Where the string is used, dotted: panel.title, print.button, js.copy.done.", 80, r"^[a-z0-9_-]+(\.[a-z0-9_-]+)+$", "dotted lowercase names, like panel.title"),
        "text": Text("The words; {name} marks a value the code fills in.", 400, placeholders=True, translate=True),
    },
)
UI_FILE = Record(help="The interface strings the pages and scripts show.", fields={"strings": RecordList("The strings.", UI_STRING)})

# --- Derived: each kind's script record, and every file's shape by schema name ---


def parts_of(kind: str) -> tuple[Part, ...]:
    return tuple(part for part in PARTS if kind in part.labels)


def replies_of(kind: str) -> tuple[Reply, ...]:
    return REPLIES if SCRIPT_KINDS[kind].replies_label else ()


def script_record(kind: str) -> Record:
    """The fields of a script in a setting of `kind`, in file order, each part with its draft for that kind; every part and reply is said, so translated."""
    parts = {part.key: replace(part.text, example=part.examples.get(kind, part.text.example), translate=True) for part in parts_of(kind)}
    replies = {reply.key: replace(reply.text, translate=True) for reply in replies_of(kind)}
    return Record(help=SCRIPT_KINDS[kind].help, fields={**SCRIPT_FIELDS, **parts, **replies})


SCRIPT_RECORDS = {kind: script_record(kind) for kind in SCRIPT_KINDS}
SPOKEN_SCRIPT = SCRIPT_RECORDS["spoken"]
WRITTEN_SCRIPT = SCRIPT_RECORDS["written"]
PART_LABELS = {kind: {part.key: part.labels[kind] for part in parts_of(kind)} for kind in SCRIPT_KINDS}

DATA_FILES = {
    "blanks": BLANKS_FILE,
    "settings": SETTINGS_FILE,
    "ideas": IDEAS_FILE,
    **{f"{kind}-script": record for kind, record in SCRIPT_RECORDS.items()},
    "prep-sheet": PREP_SHEET_FILE,
}
