"""Print cards without a browser: the fit model, the build gate, and the controls' markup."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from helpers import ROOT, build_site

from macros.card_fit import card_fit_problems
from macros.card_metrics import (
    CARD_SIZES,
    CEILING_PT,
    FLOOR_PT,
    GAP_EM,
    LINE_HEIGHT,
    PADDING_PT,
    POINTS_PER_INCH,
    POINTS_PER_MM,
    WRAP_SLACK,
    WRITE_IN_EM,
    CardSize,
    text_width_em,
)
from macros.card_model import card_blocks, card_height_pt, count_lines, longest_script, worst_height_pt
from macros.card_quickfit import QUICK_FIT_EXACT, QuickFit, count_lines_milli, line_limit_milli, sizes_that_decide
from macros.cards import LAYOUTS, render_my_cards, render_print_controls
from macros.library import Setting, load_library
from macros.problems import DataError

PRINT_CSS = (ROOT / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8")
PRINT_JS = (ROOT / "docs/assets/javascripts/print.js").read_text(encoding="utf-8")
# Within the schema's limits, but far too long for any card once its blanks are filled.
TOO_LONG = """\
title: Far too long for a card
order: 90
tone: direct
audience: any
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
if_put_off: Of course. Who should I ask about {{next_step}}, and when will {{company}} decide?
if_no: Thank you for saying so. What would {{company}} need to see, beyond {{strength_a}} and {{strength_b}}, for the {{role}} job?
"""


def spoken_setting(library) -> Setting:
    return next(setting for setting in library.settings if setting.kind == "spoken")


def write_too_long(project, library) -> str:
    setting = spoken_setting(library)
    rel = f"data/scripts/{setting.id}/far-too-long.yml"
    (project / rel).write_text(TOO_LONG.format(idea=next(iter(library.ideas))), encoding="utf-8")
    return rel


# --- the model ---------------------------------------------------------------------------


def test_widths_are_arial_metrics_and_an_unknown_character_counts_as_an_em():
    assert text_width_em("Hello") == pytest.approx((722 + 556 + 222 + 222 + 556) / 1000)
    assert text_width_em("Hello", bold=True) == pytest.approx((722 + 556 + 278 + 278 + 611) / 1000)
    assert text_width_em("\u00e9") == text_width_em("e")  # an accented letter is as wide as its base letter
    assert text_width_em("\u4e2d") == 1.0  # a character outside the table counts as an em


def test_lines_wrap_greedily_at_spaces_and_a_long_word_breaks_anywhere():
    word, space = (1.0, False), (0.25, True)
    four_words = (word, space) * 3 + (word,)  # 4.75 em in all
    assert count_lines(four_words, 4.75) == 1
    assert count_lines(four_words, 4.7) == 2
    assert count_lines(four_words, 2.25) == 2
    assert count_lines(four_words, 2.2) == 4
    assert count_lines(((5.0, False),), 2.0) == 3


def test_every_script_fits_every_card_size_at_the_floor(library):
    assert card_fit_problems(ROOT, library) == []
    for script in library.all_scripts():
        for size in CARD_SIZES:
            assert worst_height_pt(script, library, size) <= size.text_height_pt, (script.id, size.id)


def test_longer_blanks_make_a_card_taller_and_the_longest_script_is_the_tallest(library):
    small = CARD_SIZES[0]
    longest = longest_script(library)
    tallest = worst_height_pt(longest, library, small)
    assert all(worst_height_pt(script, library, small) <= tallest for script in library.all_scripts())
    wider = replace(library, blanks=tuple(replace(blank, max_length=blank.max_length * 3) for blank in library.blanks))
    assert worst_height_pt(longest, wider, small) > tallest


# --- the gate: a script that cannot fit fails make check and the build --------------------


def test_a_script_that_cannot_fit_fails_the_check_naming_its_file(project, library):
    rel = write_too_long(project, library)
    result = subprocess.run([sys.executable, "-m", "macros.check", str(project)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "does not fit" in line]
    assert len(lines) == 1
    assert re.match(rf"^{re.escape(rel)}:\d+:\d+: this script does not fit a printed card \(3 × 5 in", lines[0])
    assert "max_length" in lines[0] and "strength_a" in lines[0]


def test_a_script_that_cannot_fit_fails_the_build(project, tmp_path, library):
    rel = write_too_long(project, library)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(rf"{re.escape(rel)}:\d+:\d+: this script does not fit a printed card", result.stderr + result.stdout)


def test_raising_a_max_length_names_every_script_pushed_off_the_card(project, library):
    blanks = project / "data/blanks.yml"
    text = blanks.read_text(encoding="utf-8")
    blanks.write_text(re.sub(r"(- id: next_step\n(?:    .*\n)*?    max_length: )\d+", r"\g<1>200", text), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_library(project)
    named = {problem.path for problem in raised.value.problems if "does not fit" in problem.message}
    # The model, asked directly about each script with the longer blank, says which cards overflow.
    longer = replace(library, blanks=tuple(replace(b, max_length=200) if b.id == "next_step" else b for b in library.blanks))
    pushed = {s.path for s in longer.all_scripts() if any(worst_height_pt(s, longer, size) > size.text_height_pt for size in CARD_SIZES)}
    assert len(pushed) >= 5, "raise the blank further: the test needs several cards pushed off at once"
    assert pushed <= {s.path for s in library.all_scripts() if "next_step" in s.blanks_used}
    assert named == pushed


# --- QuickFit, the fast path of the gate, gives the model's verdicts -----------------------

WORDS = (
    "a I we it to of in on at my be so do go up us as if or no by the and you for can say ask job way team "
    "week next call time role plan help work more step well sure glad talk hear from your what when with this "
    "that would could thank about really start choose forward between interview yesterday responsibilities "
    "café naïve résumé 👍 MMMMMMMM WWWWW iiiiiiii 2026 9:30 e-mail"
).split()
PUNCTUATION = ("", "", "", "", ",", ".", "?", "'s", ":", ";", "!", ")")


def _generated_text(rng: random.Random, words: int, blank_share: float, blank_ids: list[str]) -> str:
    """Words, punctuation and blanks, joined the awkward ways real text can: "{company}'s", "({role})", "{a}{b}"."""
    out = []
    for _ in range(words):
        token = f"{{{rng.choice(blank_ids)}}}" if rng.random() < blank_share else rng.choice(WORDS)
        if rng.random() < 0.05:
            token = "(" + token
        if rng.random() < 0.04:
            token += f"{{{rng.choice(blank_ids)}}}"  # a blank glued to what comes before it
        out.append(token + rng.choice(PUNCTUATION))
    separator = "  " if rng.random() < 0.1 else " "  # a double space now and then
    text = separator.join(out)
    if rng.random() < 0.01:
        text += " " + "x" * rng.randint(70, 200)  # a word wider than any line: overflow-wrap
    if rng.random() < 0.05:
        text = " " + text + " "
    return text


def generated_scripts(library, rng: random.Random, count: int) -> list:
    """Short, long and blank-heavy scripts of both kinds, most within sight of the card's edge."""
    spoken = next(s for s in library.all_scripts() if s.if_yes)
    written = next(s for s in library.all_scripts() if s.subject)
    blank_ids = [blank.id for blank in library.blanks]
    scripts = []
    for index in range(count):
        profile = rng.choice(("short", "long", "blanks", "mixed"))
        size = {"short": (3, 25), "long": (25, 70), "blanks": (6, 30), "mixed": (10, 55)}[profile]
        share = 0.6 if profile == "blanks" else rng.choice((0.0, 0.08, 0.2))

        def text(scale=1.0, size=size, share=share):
            return _generated_text(rng, max(1, int(rng.randint(*size) * scale)), share, blank_ids)

        base = rng.choice((spoken, written))
        fields = {"opener": text(), "close": text(0.5)}
        if base is spoken:
            fields.update(if_yes=text(0.5), if_not_sure=text(0.5), if_put_off=text(0.5), if_no=text(0.4) if rng.random() < 0.9 else None)
        else:
            fields.update(subject=text(0.2))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9)))
        scripts.append(replace(base, id=f"gen-{index}", path=f"data/scripts/{base.setting}/gen-{index}.yml", title=title, **fields))
    return scripts


def reference_fits(script, library) -> bool:
    """The model, plainly: every size, blanks at max_length and empty, floats and all."""
    return all(
        card_height_pt(card_blocks(script, library, filled), size, FLOOR_PT) <= size.text_height_pt
        for size in CARD_SIZES
        for filled in (True, False)
    )


def library_with_max_lengths(library, lengths: list[int]):
    """Each blank gets the next length, round again when there are more blanks than lengths."""
    return replace(library, blanks=tuple(replace(blank, max_length=lengths[index % len(lengths)]) for index, blank in enumerate(library.blanks)))


def libraries(library) -> list:
    return [
        library,
        library_with_max_lengths(library, [1, 7, 8, 9, 16, 17, 24, 55, 80, 3]),  # every remainder of FILL_WORD, below and above it
        library_with_max_lengths(library, [30, 40, 40, 40, 120, 55, 5, 40, 30, 200]),
    ]


@pytest.mark.per_data("library", libraries, ids=["blanks.yml", "odd-max-lengths", "long-max-lengths"])
def test_quick_fit_gives_the_models_verdict_for_every_generated_script(library):
    assert QUICK_FIT_EXACT
    scripts = generated_scripts(library, random.Random(f"cards-{library.blanks[1].max_length}"), 400)
    quick = QuickFit(library)
    verdicts = {True: 0, False: 0, None: 0}
    for script in scripts:
        expected = reference_fits(script, library)
        answer = quick.fits(script)
        assert answer in (None, expected), (script.id, answer, expected)
        verdicts[answer] += 1
    # Not vacuous: QuickFit itself decides nearly every script, and both verdicts occur often.
    assert verdicts[None] <= 0.1 * len(scripts), verdicts
    assert verdicts[True] >= 0.2 * len(scripts) and verdicts[False] >= 0.2 * len(scripts), verdicts


def _write_script_file(root, script) -> None:
    keys = ("title", "subject", "opener", "close", "if_yes", "if_not_sure", "if_put_off", "if_no")
    path = root / script.path
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}: {json.dumps(getattr(script, key), ensure_ascii=False)}" for key in keys if getattr(script, key)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_gate_names_the_same_scripts_with_the_same_messages_with_or_without_quick_fit(tmp_path, library):
    scripts = generated_scripts(library, random.Random("gate"), 300)
    for script in scripts:
        _write_script_file(tmp_path, script)
    settings = {script.setting for script in scripts}
    generated = replace(
        library,
        scripts={setting.id: tuple(s for s in scripts if s.setting == setting.id) if setting.id in settings else () for setting in library.settings},
    )
    quick = card_fit_problems(tmp_path, generated)
    assert quick == card_fit_problems(tmp_path, generated, quick=False)
    assert len(quick) >= 60 and len(quick) <= 240, len(quick)  # both outcomes, many times over
    assert all(re.match(r"this script does not fit a printed card \(", problem.message) for problem in quick)
    assert any(problem.line > 1 for problem in quick)  # the message points at the longest part's key


def test_line_counts_in_milli_em_match_the_model_or_step_aside():
    rng = random.Random("lines")
    line_em = WRAP_SLACK * CARD_SIZES[0].text_width_pt / FLOOR_PT
    fit, tie = line_limit_milli(line_em)
    decided = 0
    for _ in range(3000):
        words = [rng.choice((0, 191, 278, 556, 1000, 2224, 4400, 7335, 12000)) + rng.randint(0, 3) * 111 for _ in range(rng.randint(1, 40))]
        spaces = [rng.choice((278, 550, 500, 556)) for _ in words[:-1]] + [rng.choice((0, 278))]
        pieces = []
        for word, space in zip(words, spaces, strict=True):
            pieces += [(word / 1000, False)] + ([(space / 1000, True)] if space else [])
        answer = count_lines_milli(words, spaces, fit, tie)
        assert answer in (None, count_lines(tuple(pieces), line_em))
        decided += answer is not None
    assert decided > 2900
    # A line whose content is exactly the line's width: float rounding decides, so QuickFit does not.
    exact = round(line_em * 1000)
    assert abs(line_em * 1000 - exact) < 1e-4 and (fit, tie) == (exact - 1, exact)
    assert count_lines_milli([16000, exact - 16000 - 278], [278, 0], fit, tie) is None
    assert count_lines_milli([16000, exact - 16000 - 279], [278, 0], fit, tie) == 1
    assert count_lines_milli([16000, exact - 16000 - 277], [278, 0], fit, tie) == 2
    assert count_lines_milli([exact + 5], [0], fit, tie) is None  # wider than a line: the model's overflow rule


def test_a_card_laid_out_on_the_smallest_size_stands_for_the_larger_ones(library):
    small, large, a6 = CARD_SIZES
    assert sizes_that_decide(CARD_SIZES) == [small]
    # Greedy wrapping on a wider line never takes more lines: checked on every block of the generated scripts.
    for script in generated_scripts(library, random.Random("wider"), 150):
        for filled in (True, False):
            for block in card_blocks(script, library, filled):
                lines = [count_lines(block.pieces, WRAP_SLACK * size.text_width_pt / FLOOR_PT) for size in (small, a6, large)]
                assert lines == sorted(lines, reverse=True), (script.id, lines)
    # A size narrower but taller than another is not covered by it: both are laid out.
    tall = CardSize("tall", "tall", small.width_pt - 20, small.height_pt + 200)
    sizes = (small, large, tall)
    assert sizes_that_decide(sizes) == [tall, small]
    quick = QuickFit(library, sizes)
    for script in generated_scripts(library, random.Random("tall"), 150):
        expected = all(
            card_height_pt(card_blocks(script, library, filled), size, FLOOR_PT) <= size.text_height_pt for size in sizes for filled in (True, False)
        )
        assert quick.fits(script) in (None, expected), script.id


# --- site.css (its print section) and print.js agree with the model ------------------------------------------


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
    ui = (ROOT / "docs/assets/javascripts/print-ui.js").read_text(encoding="utf-8")
    for source in (PRINT_JS, ui):
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", source)
    assert 'onEveryPage("print", wake)' in PRINT_JS and 'onEveryPage("print-ui", init)' in ui
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


def test_print_controls_offer_every_size_and_layout_and_stay_hidden_without_javascript(library):
    setting = library.settings[0]
    tags = _tags(render_print_controls(library, library.scripts[setting.id], setting.id, "../../"))
    box = tags[0]
    assert box[0] == "div" and "hidden" not in box[1] and box[1]["class"] == "ns-print"
    assert box[1]["data-page"] == setting.id and box[1]["data-root"] == "../../"
    css = (ROOT / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert "html:not(.ns-js) :is(.ns-print," in css  # hidden by CSS when the page runs no script
    assert json.loads(box[1]["data-settings"]) == {setting.id: setting.title for setting in library.settings}
    sizes = [attrs for tag, attrs in tags if tag == "input" and attrs.get("name") == "ns-print-size"]
    layouts = [attrs for tag, attrs in tags if tag == "input" and attrs.get("name") == "ns-print-layout"]
    assert [a["value"] for a in sizes] == [size.id for size in CARD_SIZES]
    assert [a["value"] for a in layouts] == list(LAYOUTS)
    assert ["checked" in a for a in sizes + layouts] == [True, False, False, True, False, False]
    assert any(tag == "noscript" for tag, _ in tags)
    # A script page's box starts with every one of its scripts ticked; My cards' with none.
    boxes = [attrs for tag, attrs in tags if tag == "input" and attrs.get("name") == "ns-print-script"]
    assert [(a["value"], "checked" in a) for a in boxes] == [(s.id, True) for s in library.scripts[setting.id]]
    mine = [attrs for tag, attrs in _tags(render_my_cards(library, "")) if tag == "input" and attrs.get("name") == "ns-print-script"]
    cards = [library.prep_sheet.id, *(s.id for s in library.all_scripts())]  # the prep sheet's card first, as My cards shows it
    assert [a["value"] for a in mine] == cards and not any("checked" in a for a in mine)


def test_print_controls_escape_setting_titles(library):
    odd = replace(library.settings[0], title='Say "<b>hi</b>" & go')
    html = render_print_controls(replace(library, settings=(odd,) + library.settings[1:]), library.all_scripts(), "my-cards", "")
    assert "<b>" not in html
    assert json.loads(_tags(html)[0][1]["data-settings"])[odd.id] == odd.title


def test_my_cards_holds_every_script_grouped_by_setting_in_order(library):
    markdown = render_my_cards(library, "")
    assert re.findall(r'<section class="ns-script" data-script="([^"]+)"', markdown) == [s.id for s in library.all_scripts()]
    groups = re.findall(r'class="ns-my-cards__group" data-setting="([^"]+)"', markdown)
    # The prep sheet's card comes first: it is what you read before any close.
    assert groups == [library.prep_sheet.id, *(setting.id for setting in library.settings if library.scripts[setting.id])]


def test_my_cards_page_is_built_with_every_script(built_site, library):
    html = (built_site / "my-cards" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<section class="ns-script"', html)) == len(library.all_scripts())
    assert html.count('class="ns-print"') == 1
    for setting in library.settings:
        page = (built_site / "scripts" / setting.id / "index.html").read_text(encoding="utf-8")
        assert page.count('class="ns-print"') == 1, setting.id
