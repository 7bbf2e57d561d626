"""The Rehearse player's recorder: record the current card, play it back, see the talk time.

Only markup lives here; rehearse-record.js records, in memory only, and reveals the group,
which stays `hidden` without JavaScript (or when the script never arrives).
"""

from __future__ import annotations

from html import escape

from .render import attr
from .ui import Catalog, english_catalog

RECORDER_SCRIPT = "assets/javascripts/rehearse-record.js"
# One toggle records, stops and records again, so the focus stays on it while its label changes; each labelled by recorder.<action>.
RECORDER_BUTTONS = (("record", "m"), ("play", "b"), ("delete", ""))


def _button(action: str, label: str, key: str) -> str:
    shortcut = f' aria-keyshortcuts="{key}"' if key else ""
    hint = f' <kbd aria-hidden="true">{key}</kbd>' if key else ""
    hidden = "" if action == "record" else " hidden"
    return (
        f'<button type="button" class="md-button ns-recorder__{action}" data-record="{action}"{shortcut}{hidden}>'
        f'<span class="ns-recorder__label">{escape(label)}</span>{hint}</button>'
    )


def render_recorder(pace_wpm: int, ui: Catalog | None = None) -> str:
    """The recorder group, placed among the player's controls.

    `pace_wpm` is the pace the cards' targets assume, so the reader's pace is compared with the same figure.
    """
    ui = ui or english_catalog()
    return (
        f'<div class="ns-recorder" role="group" aria-labelledby="ns-recorder-label" data-pace-wpm="{int(pace_wpm)}" hidden>'
        f'<p class="ns-rehearse__clock-line"><span id="ns-recorder-label">{escape(ui("recorder.title"))}</span> '
        '<span class="ns-recorder__clock" role="timer" hidden>0:00</span></p>'
        f'<p class="ns-recorder__note">{escape(ui("recorder.note"))}</p>'
        f"{''.join(_button(action, ui(f'recorder.{action}'), key) for action, key in RECORDER_BUTTONS)}"
        '<audio class="ns-recorder__audio" preload="metadata" hidden></audio>'
        '<p class="ns-recorder__result" hidden></p>'
        '<p class="ns-recorder__problem" hidden></p>'
        '<p class="ns-recorder__status" role="status"></p>'
        "</div>"
    )


def render_recorder_script(site_root: str) -> str:
    """Loaded by the Rehearse page alone, after rehearse.js, whose card changes it follows."""
    return f'<script src="{attr(site_root)}{RECORDER_SCRIPT}" defer></script>\n'
