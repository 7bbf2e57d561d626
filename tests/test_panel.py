"""The "Your details" panel HTML, built from a Library without MkDocs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
from helpers import ROOT

from macros.library import Blank, Library, Script, Setting, load_library
from macros.model import Variant
from macros.panel import fields_by_use, render_details_panel

HOSTILE = '<img src=x onerror=alert(1)> "quoted" & {{7*7}} </script>'


class Tree(HTMLParser):
    """Every start tag with its attributes, and the text each element with an id holds."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_by_id: dict[str, str] = {}
        self._open_ids: list[str | None] = []
        self._void = {"input", "br", "img", "meta", "link", "hr"}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in self._void:
            self._open_ids.append(attributes.get("id"))
            if attributes.get("id"):
                self.text_by_id[attributes["id"]] = ""

    def handle_endtag(self, tag):
        if tag not in self._void and self._open_ids:
            self._open_ids.pop()

    def handle_data(self, data):
        for element_id in self._open_ids:
            if element_id:
                self.text_by_id[element_id] += data

    def inputs(self) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == "input" and "data-blank" in attrs]


def blank(blank_id: str, label: str = "a label", hint: str = "A hint.", example: str = "an example", max_length: int = 30) -> Blank:
    return Blank(id=blank_id, label=label, hint=hint, example=example, max_length=max_length)


def library_with(blanks: list[Blank], texts: list[str]) -> Library:
    """A one-setting library whose scripts use exactly the placeholders in `texts`."""
    setting = Setting(id="phone", title="Phone", summary="S.", kind="spoken", cues=("c",), order=1)
    scripts = tuple(
        Script(id=f"script-{n}", setting="phone", path=f"data/scripts/phone/script-{n}.yml", title="T", order=n, tone="soft", audience="any", idea="i", opener=text, close="Close?")
        for n, text in enumerate(texts)
    )
    return Library(blanks=tuple(blanks), ideas={}, settings=(setting,), scripts={"phone": scripts})


def test_one_field_per_used_blank_most_used_first_with_its_max_length():
    blanks = [blank("role", max_length=60), blank("company", max_length=45), blank("unused"), blank("your_name", max_length=12)]
    library = library_with(blanks, ["{your_name} wants {role}", "At {company}, {your_name}", "{your_name}, {company}", "{role}"])
    fields = Tree(render_details_panel(library)).inputs()
    assert [f["data-blank"] for f in fields] == ["your_name", "role", "company"]  # 3 scripts, then 2 and 2 in data order
    assert [f["data-max-length"] for f in fields] == ["12", "60", "45"]
    assert all("maxlength" not in f for f in fields), "the limit is data: a browser's maxlength would cut the reader's words"


def test_every_field_has_a_visible_label_a_hint_and_an_error_slot():
    library = library_with([blank("role", label="role", hint="The job's name.", example="Support Team Lead")], ["{role}"])
    tree = Tree(render_details_panel(library))
    field = tree.inputs()[0]
    labels = [attrs for tag, attrs in tree.tags if tag == "label" and attrs.get("for") == field["id"]]
    assert len(labels) == 1
    assert tree.text_by_id[field["id"].replace("field", "hint")] == "The job's name. For example: Support Team Lead"
    described = field["aria-describedby"].split()
    assert all(element_id in tree.text_by_id for element_id in described)
    assert any(tree.text_by_id[element_id] == "" for element_id in described)  # the error slot, empty until refused


def test_labels_start_with_a_capital():
    html = render_details_panel(library_with([blank("role", label="interviewer's name")], ["{role}"]))
    assert ">Interviewer&#x27;s name</label>" in html


def test_ids_are_unique_and_every_reference_resolves():
    library = load_library(ROOT)
    tree = Tree(render_details_panel(library))
    ids = [attrs["id"] for _, attrs in tree.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))
    for tag, attrs in tree.tags:
        for reference in (attrs.get("aria-describedby") or "").split() + ([attrs["for"]] if tag == "label" else []):
            assert reference in ids, f"{tag} points at a missing id {reference}"


def test_contributor_text_is_escaped_everywhere():
    hostile = blank("role", label=HOSTILE, hint=HOSTILE, example=HOSTILE)
    html = render_details_panel(library_with([hostile], ["{role}"]))
    assert "<img" not in html and "</script>" not in html and '"quoted"' not in html
    tree = Tree(html)
    assert [tag for tag, _ in tree.tags if tag in ("img", "script")] == []
    assert tree.inputs()[0]["data-label"] == HOSTILE
    assert HOSTILE in tree.text_by_id["ns-hint-role"]


def test_panel_is_laid_out_before_scripts_run_hidden_by_css_without_them_and_kept_out_of_search():
    html = render_details_panel(load_library(ROOT))
    opening, box = Tree(html).tags[:2]
    assert opening[0] == "div" and "hidden" not in opening[1] and "data-search-exclude" in opening[1]
    assert box[0] == "details" and "open" not in box[1]  # a one-line strip on a first visit: the scripts come first
    css = (ROOT / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert "html:not(.ns-js) .ns-details { display: none; }" in css


def test_panel_is_one_raw_html_block_that_markdown_leaves_alone():
    html = render_details_panel(load_library(ROOT))
    assert "\n\n" not in html.strip()
    rendered = markdown.markdown(f"Before.\n\n{html}\nAfter.\n", extensions=["attr_list", "md_in_html"])
    assert html.strip() in rendered


def test_a_library_whose_scripts_use_no_blank_gets_no_panel():
    assert render_details_panel(library_with([blank("role")], ["No blank here."])) == ""


def test_real_panel_offers_every_value_key_the_real_scripts_use():
    library = load_library(ROOT)
    used = {library.blanks_for(script.setting)[blank_id].id for script in library.all_scripts() for blank_id in script.blanks_used}
    fields = Tree(render_details_panel(library)).inputs()
    assert {f["data-blank"] for f in fields} == used
    assert [f.id for f, _ in fields_by_use(library)] == [f["data-blank"] for f in fields]
    for field, (data, _) in zip(fields, fields_by_use(library), strict=True):
        assert field["data-max-length"] == str(data.max_length) == str(library.blanks_by_id[data.blank_id].max_length)
        assert re.fullmatch(r"ns-field-[a-z0-9_]+(-[a-z0-9_]+)?", field["id"])
        assert re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)?", field["data-blank"])


# --- Per-setting values (issue 13) ---------------------------------------------------------


def variant(settings: tuple[str, ...], **texts) -> Variant:
    return Variant(settings=settings, **texts)


def two_setting_library(next_step: Blank) -> Library:
    """Phone and follow-up scripts that both ask for {next_step}, and a face-to-face script that does not."""
    settings = tuple(Setting(id=i, title=t, summary="S.", kind="spoken", cues=("c",), order=n) for n, (i, t) in enumerate(
        (("phone", "Phone screen"), ("video-call", "Video call"), ("face-to-face", "Face-to-face interview")), 1))
    def script(n, setting, text):
        return Script(id=f"s{n}", setting=setting, path=f"data/scripts/{setting}/s{n}.yml", title="T", order=1, tone="soft", audience="any", idea="i", opener=text, close="Close?")
    scripts = {"phone": (script(1, "phone", "Ask for {next_step}."),), "video-call": (script(2, "video-call", "Book {next_step}."),), "face-to-face": (script(3, "face-to-face", "Hi {role}."),)}
    return Library(blanks=(next_step, blank("role")), ideas={}, settings=settings, scripts=scripts)


NEXT_STEP = Blank(
    id="next_step", label="next step", hint="The step.", example="a meeting", max_length=40,
    by_setting=(
        variant(("phone", "video-call"), hint="The first meeting.", example="a call with the manager"),
        variant(("face-to-face",), label="next round", hint="The next round."),
    ),
)


def test_a_variant_value_key_is_the_blank_and_its_first_setting_with_underscores():
    assert [field.id for field in NEXT_STEP.fields] == ["next_step", "next_step.phone", "next_step.face_to_face"]
    assert NEXT_STEP.field_for("video-call").id == "next_step.phone"
    assert NEXT_STEP.field_for("follow-up").id == "next_step"
    face = NEXT_STEP.field_for("face-to-face")
    assert (face.label, face.hint, face.example, face.max_length) == ("next round", "The next round.", "a meeting", 40)  # falls back to the blank's


def test_a_setting_page_asks_for_its_own_variant_with_its_hint_and_example():
    library = two_setting_library(NEXT_STEP)
    tree = Tree(render_details_panel(library, "video-call"))
    (field,) = tree.inputs()
    assert field["data-blank"] == "next_step.phone" and field["id"] == "ns-field-next_step-phone"
    assert tree.text_by_id["ns-hint-next_step-phone"] == "The first meeting. For example: a call with the manager"
    assert ">Next step</label>" in render_details_panel(library, "video-call")
    assert [f["data-blank"] for f in Tree(render_details_panel(library, "face-to-face")).inputs()] == ["role"]


def test_a_page_of_many_settings_shows_every_value_labelled_with_the_settings_it_serves():
    library = two_setting_library(NEXT_STEP)
    html = render_details_panel(library)
    assert [f["data-blank"] for f in Tree(html).inputs()] == ["next_step.phone", "role"]
    assert ">Next step: phone screen and video call</label>" in html
    assert '&quot;next_step.phone&quot;:40' in html  # every value key's limit, for share links opened on any page


def test_script_blanks_carry_their_settings_value_key_and_label(library):
    from macros.card_model import card_blocks
    from macros.render import render_script

    for script in library.all_scripts():
        markup = render_script(script, library, "scripts")
        for blank_id in script.blanks_used:
            field = library.blanks_by_id[blank_id].field_for(script.setting)
            assert f'data-blank="{field.id}" data-label="{field.label.replace(chr(39), "&#x27;")}"' in markup, (script.id, blank_id)
        assert card_blocks(script, library, False)  # the card model finds every blank of the setting
    keys = {field.id for s in library.all_scripts() for field in map(library.blanks_for(s.setting).get, s.blanks_used)}
    assert {"next_step.phone", "next_step.face_to_face", "next_step.final_round", "next_step.follow_up", "time_frame.final_round"} <= keys


def test_the_card_model_uses_each_variants_label_for_an_empty_blank():
    from macros.card_model import card_blocks

    short = Blank(id="next_step", label="x", hint="h", example="e", max_length=40, by_setting=(variant(("phone",), label="a far longer label for the phone " * 2),))
    wide = card_blocks(two_setting_library(short).scripts["phone"][0], two_setting_library(short), False)
    narrow = card_blocks(two_setting_library(short).scripts["video-call"][0], two_setting_library(short), False)
    width = lambda blocks: sum(w for block in blocks for w, _ in block.pieces)  # noqa: E731
    assert width(wide) > width(narrow) + 10
