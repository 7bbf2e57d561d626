"""The Rehearse deck as HTML, from the Library, without MkDocs."""

from __future__ import annotations

import re

from helpers import ROOT, Tree

from macros.library import Blank, Idea, Library, Script, Setting
from macros.rehearse import (
    SPEAKING_PACE_WPM,
    clock,
    rehearsable_settings,
    render_rehearse_deck,
    spoken_words,
    target_seconds,
    target_words,
)
from macros.schema import REPLIES


def blank(blank_id: str, example: str) -> Blank:
    return Blank(blank_id, blank_id.replace("_", " "), "hint", example, 90)


def script(script_id: str, setting: str, **texts) -> Script:
    fields = dict(title="A title", order=1, tone="soft", audience="any", idea="an-idea", opener="Hello.", close="Next?", if_yes="Y.", if_not_sure="M.", if_put_off="P.", if_no="N.")
    fields.update(texts)
    return Script(id=script_id, setting=setting, path=f"data/scripts/{setting}/{script_id}.yml", **fields)


def small_library(*scripts: Script) -> Library:
    settings = (
        Setting("phone", "Phone screen", "s", "spoken", ("c",), 10),
        Setting("panel", "Panel", "s", "spoken", ("c",), 20),
        Setting("follow-up", "Follow-up", "s", "written", ("c",), 30),
    )
    grouped = {s.id: tuple(x for x in scripts if x.setting == s.id) for s in settings}
    return Library(
        (blank("interviewer_name", "Dana"), blank("strength_a", "five years leading a team of twelve")),
        {"an-idea": Idea("an-idea", "An idea", "guide/why-close.md", "x")},
        settings,
        grouped,
    )


def test_a_blank_counts_as_many_words_as_its_example():
    blanks = {"interviewer_name": blank("interviewer_name", "Dana Lee"), "strength_a": blank("strength_a", "ten years")}
    assert spoken_words("Thanks, {interviewer_name}. I'd bring {strength_a}!", blanks) == 7
    assert spoken_words("well-known, don't — stop", {}) == 3


def test_target_time_is_the_opener_and_close_at_a_natural_pace():
    blanks = {"strength_a": blank("strength_a", "one two three four five")}
    card = script("s", "phone", opener=" ".join(["word"] * 100) + " {strength_a}", close=" ".join(["ask"] * 45) + "?", if_yes="ignored " * 50)
    assert target_words(card, blanks) == 150
    assert target_seconds(card, blanks) == round(150 * 60 / SPEAKING_PACE_WPM) == 60
    assert target_seconds(script("t", "phone", opener="Hi.", close="Ok?"), {}) == 1  # never zero
    assert clock(0) == "0:00" and clock(75) == "1:15" and clock(600) == "10:00"


def script_cards(tree: Tree) -> list:
    """The deck's cards of scripts: every card but the prep sheet's (tests/test_prep_sheet.py covers that one)."""
    return [card for card in tree.find("ns-rehearse__card") if "ns-prep-sheet" not in card[1]["class"].split()]


def test_every_spoken_script_is_a_card_once_and_written_ones_are_not(library):
    tree = Tree(render_rehearse_deck(library, ""))
    cards = script_cards(tree)
    spoken = [s for setting in rehearsable_settings(library) for s in library.scripts[setting.id]]
    assert spoken, "the library has spoken scripts"
    assert [attrs["data-script"] for _, attrs, _ in cards] == [s.id for s in spoken]
    written = [s.id for s in library.all_scripts() if library.setting(s.setting).kind == "written"]
    assert not set(written) & {attrs["data-script"] for _, attrs, _ in cards}
    for (_, attrs, _), source in zip(cards, spoken, strict=True):
        blanks = library.blanks_for(source.setting)  # a blank's example is its setting's
        assert "ns-script" in attrs["class"].split()
        assert attrs["data-setting"] == source.setting and attrs["data-tone"] == source.tone and attrs["data-audience"] == source.audience
        assert int(attrs["data-target-seconds"]) == target_seconds(source, blanks)


def test_cards_keep_the_script_markup_contract(library):
    html = render_rehearse_deck(library, "")
    tree = Tree(html)
    first = library.scripts[rehearsable_settings(library)[0].id][0]
    headings = [attrs for tag, attrs, parents in tree.elements if tag == "h2" and any(a.get("data-script") == first.id for _, a in parents)]
    assert [h["id"] for h in headings] == [first.id]
    for part in ("ns-part--opener", "ns-part--close", "ns-part--answers", "ns-answers"):
        assert len(tree.find(part)) == len(script_cards(tree)), part
    for part in ("ns-script__meta", "ns-script__body"):  # the prep sheet's card has them too
        assert len(tree.find(part)) == len(tree.find("ns-rehearse__card")), part
    answers = [attrs["data-answer"] for _, attrs, _ in tree.find("ns-answer")]
    assert answers[: len(REPLIES)] == [reply.key for reply in REPLIES]
    used = {attrs["data-blank"] for _, attrs, _ in tree.find("ns-blank")}
    spoken_blanks = {library.blanks_for(s.setting)[b].id for s in library.all_scripts() if library.setting(s.setting).kind == "spoken" for b in s.blanks_used}
    assert used == spoken_blanks | set(library.prep_sheet.blanks_used)  # the prep sheet's blanks have no per-setting values


def test_without_javascript_the_cards_show_and_the_player_stays_hidden(library):
    tree = Tree(render_rehearse_deck(library, ""))
    for name in ("ns-rehearse__setup", "ns-rehearse__controls", "ns-rehearse__done", "ns-rehearse__progress", "ns-rehearse__position"):
        (element,) = tree.find(name)
        assert "hidden" in element[1], name
    for name in ("ns-rehearse__deck", "ns-rehearse__card", "ns-part--answers", "ns-answer"):
        assert all("hidden" not in attrs for _, attrs, _ in tree.find(name)), name
    (status,) = tree.find("ns-rehearse__status")
    assert status[1].get("role") == "status" and "hidden" not in status[1]


def test_the_deck_is_one_raw_html_block(library):
    html = render_rehearse_deck(library, "")
    assert "\n\n" not in html.strip()  # a blank line would hand the rest back to Markdown
    lines = html.splitlines()
    assert lines[0] == '<link rel="stylesheet" href="assets/stylesheets/rehearse.css">'
    assert lines[1] == '<script src="assets/javascripts/rehearse.js" defer></script>'
    assert lines[2] == '<div class="ns-rehearse" data-search-exclude>'
    assert render_rehearse_deck(library, "../").splitlines()[1] == '<script src="../assets/javascripts/rehearse.js" defer></script>'


def test_the_setting_choice_counts_cards_per_setting():
    lib = small_library(script("a", "phone"), script("b", "phone"), script("c", "panel"), script("d", "follow-up", if_yes=None, if_not_sure=None, if_put_off=None, if_no=None, subject="S"))
    assert [s.id for s in rehearsable_settings(lib)] == ["phone", "panel"]
    tree = Tree(render_rehearse_deck(lib, ""))
    radios = [attrs["value"] for tag, attrs, _ in tree.elements if tag == "input" and attrs.get("type") == "radio"]
    assert radios == ["all", "phone", "panel"]
    html = render_rehearse_deck(lib, "")
    assert "All settings <span class=\"ns-rehearse__count\">(3 cards)" in html
    assert "Panel <span class=\"ns-rehearse__count\">(1 card)" in html


def test_contributor_text_is_escaped_never_markup():
    hostile = script("x", "phone", title="<script>alert(1)</script> {{ 7*7 }}", opener="Hi {interviewer_name} <img src=x onerror=alert(1)> & more", if_no="</dd></dl>")
    html = render_rehearse_deck(small_library(hostile), "")
    assert "<script>" not in html and "<img" not in html and "</dd></dl></dd>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in html
    Tree(html)  # still well formed


def test_no_spoken_script_means_no_deck():
    assert render_rehearse_deck(small_library(), "") == ""


def test_rehearse_js_writes_text_only_and_keeps_to_its_key():
    source = (ROOT / "docs/assets/javascripts/rehearse.js").read_text(encoding="utf-8")
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "localStorage", "fetch(", "XMLHttpRequest"):
        assert forbidden not in source, forbidden
    keys = set(re.findall(r'(?<!addEventListener\()"(next-step:[^"]*)"', source))  # an event's name is no storage key
    assert keys == {"next-step:rehearse"}
    assert 'onEveryPage("rehearse", init)' in source
