"""Print cards without a browser: the fit model, the build gate, and the controls' markup."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from conftest import ROOT, build_site
from macros.cards import (
    CARD_SIZES,
    CEILING_PT,
    FLOOR_PT,
    GAP_EM,
    LAYOUTS,
    LINE_HEIGHT,
    PADDING_PT,
    POINTS_PER_INCH,
    POINTS_PER_MM,
    WRITE_IN_EM,
    card_fit_problems,
    count_lines,
    longest_script,
    render_my_cards,
    render_print_controls,
    text_width_em,
    worst_height_pt,
)
from macros.library import Setting, load_library
from macros.problems import DataError

LIBRARY = load_library(ROOT)
PRINT_CSS = (ROOT / "docs/assets/stylesheets/print.css").read_text(encoding="utf-8")
PRINT_JS = (ROOT / "docs/assets/javascripts/print.js").read_text(encoding="utf-8")
# Within the schema's limits, but far too long for any card once its blanks are filled.
TOO_LONG = """\
title: Far too long for a card
order: 90
tone: direct
idea: {idea}
opener: >-
  {{interviewer_name}}, thank you for this conversation about the {{role}} job at
  {{company}}. I came in keen and I leave keener, and I would like to be plain
  about why I think I would do it well: {{strength_a}}, then {{strength_b}}, and
  above all {{strength_c}}. I also know {{interviewer_title}} work well, and
  I have prepared for {{next_step}} already, so I could start {{time_frame}}.
close: Could we agree on {{next_step}} with {{interviewer_title}} and the team at {{company}} for {{time_frame}}, {{interviewer_name}}?
if_yes: Thank you, {{interviewer_name}}. I will prepare for {{next_step}} and write to confirm {{time_frame}}, and bring notes on {{strength_a}}.
if_not_sure: I understand. What would you need to hear about {{strength_b}} or {{strength_c}} before {{next_step}} with {{company}}?
if_no: Thank you for saying so. What would {{company}} need to see, beyond {{strength_a}} and {{strength_b}}, for the {{role}} job?
"""


def spoken_setting() -> Setting:
    return next(setting for setting in LIBRARY.settings if setting.kind == "spoken")


def write_too_long(project) -> str:
    setting = spoken_setting()
    rel = f"data/scripts/{setting.id}/far-too-long.yml"
    (project / rel).write_text(TOO_LONG.format(idea=next(iter(LIBRARY.ideas))), encoding="utf-8")
    return rel


# --- the model ---------------------------------------------------------------------------


def test_widths_are_arial_metrics_and_an_unknown_character_counts_as_an_em():
    assert text_width_em("Hello") == pytest.approx((722 + 556 + 222 + 222 + 556) / 1000)
    assert text_width_em("Hello", bold=True) == pytest.approx((722 + 556 + 278 + 278 + 611) / 1000)
    assert text_width_em("\u00e9") == 1.0


def test_lines_wrap_greedily_at_spaces_and_a_long_word_breaks_anywhere():
    word, space = (1.0, False), (0.25, True)
    four_words = (word, space) * 3 + (word,)  # 4.75 em in all
    assert count_lines(four_words, 4.75) == 1
    assert count_lines(four_words, 4.7) == 2
    assert count_lines(four_words, 2.25) == 2
    assert count_lines(four_words, 2.2) == 4
    assert count_lines(((5.0, False),), 2.0) == 3


def test_every_script_fits_every_card_size_at_the_floor():
    assert card_fit_problems(ROOT, LIBRARY) == []
    for script in LIBRARY.all_scripts():
        for size in CARD_SIZES:
            assert worst_height_pt(script, LIBRARY, size) <= size.text_height_pt, (script.id, size.id)


def test_longer_blanks_make_a_card_taller_and_the_longest_script_is_the_tallest():
    small = CARD_SIZES[0]
    longest = longest_script(LIBRARY)
    tallest = worst_height_pt(longest, LIBRARY, small)
    assert all(worst_height_pt(script, LIBRARY, small) <= tallest for script in LIBRARY.all_scripts())
    wider = replace(LIBRARY, blanks=tuple(replace(blank, max_length=blank.max_length * 3) for blank in LIBRARY.blanks))
    assert worst_height_pt(longest, wider, small) > tallest


# --- the gate: a script that cannot fit fails make check and the build --------------------


def test_a_script_that_cannot_fit_fails_the_check_naming_its_file(project):
    rel = write_too_long(project)
    result = subprocess.run([sys.executable, "-m", "macros.check", str(project)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "does not fit" in line]
    assert len(lines) == 1
    assert re.match(rf"^{re.escape(rel)}:\d+:\d+: this script does not fit a printed card \(3 × 5 in", lines[0])
    assert "max_length" in lines[0] and "strength_a" in lines[0]


def test_a_script_that_cannot_fit_fails_the_build(project, tmp_path):
    rel = write_too_long(project)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(rf"{re.escape(rel)}:\d+:\d+: this script does not fit a printed card", result.stderr + result.stdout)


def test_raising_a_max_length_names_every_script_pushed_off_the_card(project):
    blanks = project / "data/blanks.yml"
    text = blanks.read_text(encoding="utf-8")
    blanks.write_text(re.sub(r"(- id: strength_a\n(?:    .*\n)*?    max_length: )\d+", r"\g<1>200", text), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_library(project)
    spoken = {setting.id for setting in LIBRARY.settings if setting.kind == "spoken"}
    users = {script.path: script.setting in spoken for script in LIBRARY.all_scripts() if "strength_a" in script.blanks_used}
    named = {problem.path for problem in raised.value.problems if "does not fit" in problem.message}
    # 145 more characters push every spoken card over; a message has no answers, so may still fit.
    assert {path for path, is_spoken in users.items() if is_spoken} <= named <= set(users)


# --- print.css and print.js agree with the model ------------------------------------------


def _length_pt(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(in|mm|pt)", value).groups()
    return float(number) * {"in": POINTS_PER_INCH, "mm": POINTS_PER_MM, "pt": 1}[unit]


def test_print_css_lays_cards_out_as_the_model_assumes():
    declared = dict(re.findall(r"(--ns-[a-z-]+):\s*([^;]+);", PRINT_CSS))
    assert _length_pt(declared["--ns-card-pad"]) == pytest.approx(PADDING_PT)
    assert float(declared["--ns-card-line"]) == LINE_HEIGHT
    assert declared["--ns-card-gap"] == f"{GAP_EM}em"
    assert _length_pt(declared["--ns-card-floor"]) == FLOOR_PT
    assert declared["--ns-write-in"] == f"{WRITE_IN_EM}em"
    for size in CARD_SIZES:
        width, height = re.search(rf"@page ns-card-{size.id} {{ size: (\S+) (\S+); margin: 0; }}", PRINT_CSS).groups()
        assert (_length_pt(width), _length_pt(height)) == pytest.approx((size.width_pt, size.height_pt))
        assert f'.ns-print-run[data-size="{size.id}"]' in PRINT_CSS


def test_print_js_uses_the_same_floor_and_no_html_sinks():
    assert re.search(rf"const FLOOR = {FLOOR_PT};", PRINT_JS)
    assert re.search(rf"const CEILING = {CEILING_PT};", PRINT_JS)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", PRINT_JS)
    assert "document$.subscribe(init)" in PRINT_JS
    for size in CARD_SIZES:
        assert re.search(rf'"?{size.id}"?: \{{ letter: ', PRINT_JS), size.id


# --- markup --------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Collect()
    parser.feed(html)
    return parser.tags


def test_print_controls_offer_every_size_and_layout_and_stay_hidden_without_javascript():
    tags = _tags(render_print_controls(LIBRARY))
    box = tags[0]
    assert box[0] == "div" and "hidden" not in box[1] and box[1]["class"] == "ns-print"
    css = (ROOT / "docs/assets/stylesheets/print.css").read_text(encoding="utf-8")
    assert "html:not(.ns-js) .ns-print," in css  # hidden by CSS when the page runs no script
    assert json.loads(box[1]["data-settings"]) == {setting.id: setting.title for setting in LIBRARY.settings}
    sizes = [attrs for tag, attrs in tags if tag == "input" and attrs.get("name") == "ns-print-size"]
    layouts = [attrs for tag, attrs in tags if tag == "input" and attrs.get("name") == "ns-print-layout"]
    assert [a["value"] for a in sizes] == [size.id for size in CARD_SIZES]
    assert [a["value"] for a in layouts] == [key for key, _ in LAYOUTS]
    assert ["checked" in a for a in sizes + layouts] == [True, False, False, True, False, False]
    assert any(tag == "noscript" for tag, _ in tags)


def test_print_controls_escape_setting_titles():
    odd = replace(LIBRARY.settings[0], title='Say "<b>hi</b>" & go')
    html = render_print_controls(replace(LIBRARY, settings=(odd,) + LIBRARY.settings[1:]))
    assert "<b>" not in html
    assert json.loads(_tags(html)[0][1]["data-settings"])[odd.id] == odd.title


def test_my_cards_holds_every_script_grouped_by_setting_in_order():
    markdown = render_my_cards(LIBRARY, "")
    assert re.findall(r'<section class="ns-script" data-script="([^"]+)"', markdown) == [s.id for s in LIBRARY.all_scripts()]
    groups = re.findall(r'class="ns-my-cards__group" data-setting="([^"]+)"', markdown)
    assert groups == [setting.id for setting in LIBRARY.settings if LIBRARY.scripts[setting.id]]


def test_my_cards_page_is_built_with_every_script(built_site):
    html = (built_site / "my-cards" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<section class="ns-script"', html)) == len(LIBRARY.all_scripts())
    assert html.count('class="ns-print"') == 1
    for setting in LIBRARY.settings:
        page = (built_site / "scripts" / setting.id / "index.html").read_text(encoding="utf-8")
        assert page.count('class="ns-print"') == 1, setting.id
