"""The Rehearse recorder's markup, without MkDocs: hidden until its script runs, inside the player, keys that clash with nothing."""

from __future__ import annotations

import re

from helpers import ROOT, Tree

from macros.rehearse import SPEAKING_PACE_WPM, render_controls, render_rehearse_deck
from macros.rehearse_recorder import RECORDER_BUTTONS, RECORDER_SCRIPT, render_recorder, render_recorder_script

# Material's own keys outside a text field: search (f, s, /), previous page (p, ,) and next page (n, .).
MATERIAL_KEYS = set("fs/p,n.")


def test_the_recorder_stays_hidden_until_its_script_reveals_it():
    tree = Tree(render_recorder(150))
    (group,) = tree.find("ns-recorder")
    assert "hidden" in group[1], "without JavaScript (or without the script) no dead buttons show"
    assert group[1]["role"] == "group" and group[1]["aria-labelledby"] == "ns-recorder-label"
    assert any(attrs.get("id") == "ns-recorder-label" for _, attrs, _ in tree.elements)
    (status,) = tree.find("ns-recorder__status")
    assert status[1]["role"] == "status", "start and stop are announced politely"
    for name in ("ns-recorder__result", "ns-recorder__problem", "ns-recorder__audio", "ns-recorder__clock"):
        (element,) = tree.find(name)
        assert "hidden" in element[1], name


def test_only_record_shows_before_there_is_a_recording():
    tree = Tree(render_recorder(150))
    buttons = [attrs for tag, attrs, _ in tree.elements if tag == "button"]
    assert [b["data-record"] for b in buttons] == [action for action, _ in RECORDER_BUTTONS]
    assert all(b["type"] == "button" for b in buttons)
    assert ["hidden" in b for b in buttons] == [False, True, True]


def test_the_pace_the_targets_assume_is_handed_to_the_script():
    (group,) = Tree(render_recorder(SPEAKING_PACE_WPM)).find("ns-recorder")
    assert group[1]["data-pace-wpm"] == str(SPEAKING_PACE_WPM)


def test_its_keys_clash_with_neither_the_players_nor_materials():
    keys = re.findall(r'aria-keyshortcuts="([^"]+)"', render_controls())  # the player's buttons, the recorder's among them
    recorder = [key for _, key in RECORDER_BUTTONS if key]
    assert recorder == ["m", "b"] and set(recorder) <= set(keys)
    assert len(keys) == len(set(keys)), f"a key does two things: {keys}"
    assert not set(recorder) & MATERIAL_KEYS


def test_the_deck_holds_the_recorder_among_the_controls_and_loads_its_script_after_the_players(library):
    html = render_rehearse_deck(library, "../")
    tree = Tree(html)
    (group,) = tree.find("ns-recorder")
    assert any("ns-rehearse__controls" in (attrs.get("class") or "").split() for _, attrs in group[2]), "it shows and hides with the controls"
    scripts = [attrs["src"] for tag, attrs, _ in tree.elements if tag == "script"]
    # After the player, whose card changes it listens to (the filter bar's script may sit between them).
    assert scripts[0] == "../assets/javascripts/rehearse.js" and scripts[-1] == f"../{RECORDER_SCRIPT}" and scripts.count(f"../{RECORDER_SCRIPT}") == 1
    assert render_recorder_script('"><x') == f'<script src="&quot;&gt;&lt;x{RECORDER_SCRIPT}" defer></script>\n'
    assert (ROOT / "docs" / RECORDER_SCRIPT).is_file()
