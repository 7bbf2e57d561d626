"""The "Before you go in" prep sheet: its data file, its card, its page, and the reader's words on it everywhere."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from helpers import ROOT, Tree, axe_violations, build_site, open_panel, read_pdf, set_scheme, squeeze, storage_script
from playwright.sync_api import expect

from macros.card_fit import card_fit_problems
from macros.card_metrics import CARD_SIZES, FLOOR_PT
from macros.card_model import card_blocks, card_height_pt
from macros.card_quickfit import QuickFit
from macros.check import main as check_main
from macros.panel import blanks_in_use, render_details_panel
from macros.prep_sheet import PREP_SHEET_PATH, render_prep_cards_group, render_prep_sheet
from macros.rehearse import render_rehearse_deck

SHEET_BLANKS = {"doubt_a", "answer_a", "doubt_b", "answer_b", "question_a", "question_b"}


def write_sheet(project, text: str) -> None:
    (project / PREP_SHEET_PATH).write_text(text, encoding="utf-8")


def check_lines(project, capsys) -> list[str]:
    assert check_main([str(project)]) == 1
    return capsys.readouterr().err.splitlines()


# --- the data -------------------------------------------------------------------------------


def test_the_sheet_uses_the_six_new_blanks_and_each_has_help(library):
    assert set(library.prep_sheet.blanks_used) == SHEET_BLANKS
    for blank in library.blanks:
        if blank.id in SHEET_BLANKS:
            assert blank.hint and blank.example and len(blank.example) <= blank.max_length, blank.id


def test_the_sheet_is_declared_once_with_its_own_schema_line():
    first = (ROOT / PREP_SHEET_PATH).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/prep-sheet.schema.json"
    assert (ROOT / "schemas" / "prep-sheet.schema.json").is_file()


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("title: My doubts and questions", "titel: My doubts and questions", "4:1", "unknown key 'titel'. Did you mean 'title'?"),
        ('text: "{doubt_a}"', 'text: "{dout_a}"', "9:12", "'text': unknown blank '{dout_a}'. Did you mean 'doubt_a'?"),
        ("label: I answer\n    text: \"{answer_a}\"", "label: I answer", "10:5", "lines item 2: missing required key 'text'"),
        ("group: Before you go in", "group: '{{ 7*7 }}'", "5:9", "'group' contains '{{'"),
    ],
    ids=["unknown key", "unknown blank", "missing text", "jinja"],
)
def test_a_bad_sheet_is_refused_at_path_line_col(project, capsys, old, new, where, message):
    text = (project / PREP_SHEET_PATH).read_text(encoding="utf-8")
    assert old in text
    write_sheet(project, text.replace(old, new))
    lines = check_lines(project, capsys)
    assert any(line.startswith(f"{PREP_SHEET_PATH}:{where}: ") and message in line for line in lines), lines


def test_every_problem_of_the_sheet_and_the_scripts_comes_at_once(project, capsys):
    text = (project / PREP_SHEET_PATH).read_text(encoding="utf-8")
    write_sheet(project, text.replace("title:", "titel:").replace("{question_b}", "{Question}"))
    (project / "data" / "scripts" / "phone" / "broken.yml").write_text("title: x\n", encoding="utf-8")
    lines = check_lines(project, capsys)
    assert sum(line.startswith(f"{PREP_SHEET_PATH}:") for line in lines) == 3, lines  # titel, so no title, and {Question}
    assert any(line.startswith("data/scripts/phone/broken.yml:") for line in lines), lines
    assert "Traceback" not in "\n".join(lines)


# --- the card fits, or the build says where ---------------------------------------------------


def test_the_sheet_fits_every_card_with_every_blank_full_and_empty(library):
    for size in CARD_SIZES:
        for filled in (True, False):
            height = card_height_pt(card_blocks(library.prep_sheet, library, filled), size, FLOOR_PT)
            assert height <= size.text_height_pt, (size.id, filled, height)
    assert QuickFit(library).fits(library.prep_sheet) is True
    assert not [p for p in card_fit_problems(ROOT, library) if p.path == PREP_SHEET_PATH]


def test_a_sheet_too_long_for_its_card_is_refused_at_its_longest_line(library):
    big = replace(library, blanks=tuple(replace(b, max_length=200) if b.id in SHEET_BLANKS else b for b in library.blanks))
    problems = [p for p in card_fit_problems(ROOT, big) if p.path == PREP_SHEET_PATH]
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.line, problem.col) in library.prep_sheet.positions.values()  # at one of its lines' text
    assert "this prep sheet does not fit a printed card" in problem.message
    assert "doubt_a" in problem.message and "question_b" in problem.message


def test_the_build_fails_with_path_line_col_when_the_sheet_would_not_fit(project, tmp_path):
    blanks = project / "data" / "blanks.yml"
    text = blanks.read_text(encoding="utf-8")
    marker = "  - id: doubt_a\n"  # the sheet's blanks come last: give each the most a blank may hold
    head, tail = text.split(marker)
    blanks.write_text(head + marker + re.sub(r"max_length: \d+", "max_length: 200", tail), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(rf"{PREP_SHEET_PATH}:\d+:\d+: this prep sheet does not fit a printed card", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


# --- rendering --------------------------------------------------------------------------------


def test_the_sheet_renders_in_the_script_markup_with_its_own_id(library):
    html = render_prep_sheet(library)
    (section,) = Tree(html).find("ns-prep-sheet")
    attrs = section[1]
    assert "ns-script" in attrs["class"].split() and attrs["data-script"] == "prep-sheet" == attrs["data-setting"]
    assert attrs["data-group-title"] == library.prep_sheet.group
    assert "{ #prep-sheet }" in html
    labels = [line.label for line in library.prep_sheet.lines]
    tree = Tree(html)
    assert [tree_text for tree_text in labels if f">{tree_text}</p>" in html] == labels
    assert {a["data-blank"] for _, a, _ in tree.find("ns-blank")} == SHEET_BLANKS
    assert not tree.find("ns-answers"), "the sheet has no replies"


def test_contributor_text_on_the_sheet_is_escaped(library):
    sheet = library.prep_sheet
    tricky = replace(library, prep_sheet=replace(sheet, title="A <b>bold</b> *title*", lines=(replace(sheet.lines[0], label="<i>x</i>"),)))
    html = render_prep_sheet(tricky)
    assert "<b>" not in html and "<i>" not in html and "&lt;i&gt;x&lt;/i&gt;" in html


def test_my_cards_and_rehearse_each_hold_the_sheet_once(library):
    group = render_prep_cards_group(library)
    assert 'data-setting="prep-sheet"' in group and "{ #cards-prep-sheet .ns-my-cards__setting }" in group
    deck = Tree(render_rehearse_deck(library, ""))
    cards = deck.find("ns-rehearse__card")
    assert cards[-1][1]["data-script"] == "prep-sheet" and int(cards[-1][1]["data-target-seconds"]) > 0
    assert sum(card[1]["data-script"] == "prep-sheet" for card in cards) == 1
    rows = [a["data-script"] for tag, a, _ in deck.elements if tag == "li" and "data-script" in a]
    assert rows[-1] == "prep-sheet"


def test_without_a_sheet_nothing_changes(library):
    bare = replace(library, prep_sheet=None)
    assert render_prep_cards_group(bare) == ""
    assert 'data-script="prep-sheet"' not in render_rehearse_deck(bare, "")


def test_the_panel_holds_the_sheets_blanks_only_where_the_sheet_is(library):
    assert not SHEET_BLANKS & {b.id for b in blanks_in_use(library)}
    assert SHEET_BLANKS <= {b.id for b in blanks_in_use(library, with_prep_sheet=True)}
    fields = {a["data-blank"] for tag, a, _ in Tree(render_details_panel(library, with_prep_sheet=True)).elements if tag == "input" and "data-blank" in a}
    assert SHEET_BLANKS <= fields


def test_the_prep_page_has_the_panel_the_controls_and_the_sheet_and_is_linked():
    page = (ROOT / "docs" / "prep-sheet.md").read_text(encoding="utf-8")
    assert page.index("{{ details_panel(with_prep_sheet=True) }}") < page.index("{{ print_controls() }}") < page.index("{{ prep_sheet() }}")
    for rel, target in [("index.md", "prep-sheet.md"), ("guide/doubts.md", "../prep-sheet.md"), ("guide/questions-to-ask.md", "../prep-sheet.md"), ("guide/anatomy.md", "../prep-sheet.md")]:
        assert f"]({target})" in (ROOT / "docs" / rel).read_text(encoding="utf-8"), rel
    assert "Before you go in: prep-sheet.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_built_prep_page_holds_the_sheet_and_the_sheets_fields(built_site):
    html = (built_site / "prep-sheet" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="ns-script ns-prep-sheet"') == 1
    for blank_id in SHEET_BLANKS:
        assert f'id="ns-field-{blank_id}"' in html
    phone = (built_site / "scripts" / "phone" / "index.html").read_text(encoding="utf-8")
    assert 'id="ns-field-doubt_a"' not in phone, "pages without the sheet keep the shorter panel"


# --- in Chromium ------------------------------------------------------------------------------

DOUBT = "I have never run a night shift"


@pytest.mark.browser
def test_a_doubt_typed_on_the_prep_page_shows_on_the_sheet_my_cards_and_rehearse(page, site_url):
    page.goto(f"{site_url}prep-sheet/")
    open_panel(page)
    field = page.locator("#ns-field-doubt_a")
    field.fill(DOUBT)
    expect(page.locator('.ns-prep-sheet .ns-blank[data-blank="doubt_a"]')).to_have_text(DOUBT)

    page.goto(f"{site_url}my-cards/")
    card = page.locator('.ns-my-cards .ns-script[data-script="prep-sheet"]')
    expect(card.locator('.ns-blank[data-blank="doubt_a"]')).to_have_text(DOUBT)
    expect(page.locator('.ns-print input[name="ns-print-script"][value="prep-sheet"]')).to_be_attached()  # a choice, unticked like every card at first
    expect(page.locator(".ns-print__group legend").first).to_have_text("Before you go in")

    page.goto(f"{site_url}rehearse/")
    page.wait_for_selector(".ns-rehearse__setup:not([hidden])")
    page.click(".ns-rehearse__start")
    for _ in range(200):
        if page.locator('.ns-rehearse__card[data-script="prep-sheet"]:not([hidden])').count():
            break
        page.locator(".ns-rehearse__next").click()
    shown = page.locator('.ns-rehearse__card[data-script="prep-sheet"]')
    expect(shown).to_be_visible()
    expect(shown.locator('.ns-blank[data-blank="doubt_a"]')).to_have_text(DOUBT)
    expect(page.locator(".ns-rehearse__reply")).to_be_hidden()
    page.keyboard.press("r")  # no answer to pick on this card: nothing breaks
    expect(page.locator(".ns-rehearse__heard")).to_be_hidden()
    assert page.watch.console_errors == []


@pytest.mark.browser
def test_the_prep_card_prints_with_the_readers_words(page, site_url, library):
    page.add_init_script(storage_script({"size": "3x5", "layout": "single", "chosen": [library.prep_sheet.id]}, {"doubt_a": DOUBT, "question_a": "Who would I work with most?"}))
    page.goto(f"{site_url}my-cards/")
    expect(page.locator(".ns-blank.is-filled").first).to_be_attached()
    pages = read_pdf(page.pdf(prefer_css_page_size=True))
    assert len(pages) == 1
    text = squeeze(pages[0].text)
    for words in (DOUBT, "Who would I work with most?", library.prep_sheet.title, library.prep_sheet.lines[1].label):
        assert squeeze(words) in text, words
    assert squeeze("Before you go in").lower() in text.lower()
    assert min(pages[0].font_sizes) >= FLOOR_PT
    assert page.watch.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_prep_page_is_axe_clean_in_both_palettes(page, site_url, scheme):
    page.goto(f"{site_url}prep-sheet/")
    open_panel(page)
    page.locator("#ns-field-answer_a").fill("True, but I led twelve people")
    set_scheme(page, scheme)
    page.evaluate("document.querySelectorAll('article details').forEach((d) => { d.open = true; })")
    assert axe_violations(page) == []
