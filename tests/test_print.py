"""Printed cards in Chromium: page.pdf() is what a reader's printer would get, read back with pypdf."""

from __future__ import annotations

import json
import math

import pytest
from helpers import axe_violations, read_pdf, squeeze, storage_script
from playwright.sync_api import expect

from macros.card_metrics import CARD_SIZES, FLOOR_PT
from macros.card_model import card_blocks, card_height_pt, longest_script
from macros.cards import LAYOUTS
from macros.ui import english_catalog

pytestmark = pytest.mark.browser
SIZES = {size.id: size for size in CARD_SIZES}
LAYOUTS_BY_KEY = {key: english_catalog()(f"print.layout.{key}") for key in LAYOUTS}
# What the reader asks for, and what the paper must be: (width, height) in points; columns, rows.
SHEETS = {
    ("3x5", "letter"): ((792, 612), 2, 2),
    ("3x5", "a4"): ((841.89, 595.28), 2, 2),
    ("4x6", "letter"): ((612, 792), 1, 2),
    ("4x6", "a4"): ((595.28, 841.89), 1, 2),
    ("a6", "letter"): ((612, 792), 1, 2),
    ("a6", "a4"): ((595.28, 841.89), 1, 2),
}
CUT_LENGTH_PT = 18  # 0.25 in
# Text from everything around the cards: navigation, header, footer, panel, controls, meta.
NOT_ON_A_CARD = [
    "Print cards", "Scripts to print", "Choose all", "Card size", "Your details", "Remember on this device",
    "Forget my details", "Table of contents", "Made with", "CC BY 4.0", "Why close", "Anatomy of a close",
    "Questions people ask", "Contribute a script", "· Idea:", "Then listen, and react",
    "Skip to content", "Back to top",
]


@pytest.fixture(scope="module")
def scripts(library):
    """Every card My cards holds by id: every script of data/ in page order, then the prep sheet (card_blocks models both)."""
    return {**{script.id: script for script in library.all_scripts()}, library.prep_sheet.id: library.prep_sheet}


def max_length_values(library) -> dict[str, str]:
    """Every value key filled to exactly its max_length with ordinary words (its example, repeated)."""
    values = {}
    for blank in (field for each in library.blanks for field in each.fields):
        text = " ".join([blank.example] * (blank.max_length // len(blank.example) + 1))[: blank.max_length]
        values[blank.id] = text[:-1] + "s" if text.endswith(" ") else text
        assert len(values[blank.id]) == blank.max_length
    return values


def print_page_of(url: str) -> str:
    """The page key print.js stores a page's choice under: a script page's setting id, or "my-cards"."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def printed(page) -> list:
    return read_pdf(page.pdf(prefer_css_page_size=True))


def open_at(page, url: str, state: dict | None = None, details: dict | None = None) -> None:
    page.add_init_script(storage_script(state, details, print_page_of(url)))
    page.goto(url)
    expect(page.locator(".ns-print")).to_be_visible()
    if details:
        expect(page.locator(".ns-blank.is-filled").first).to_be_attached()


def open_box(page) -> None:
    """Opens "Print cards" (already open on My cards)."""
    box = page.locator(".ns-print__box")
    if not box.evaluate("box => box.open"):
        page.locator(".ns-print__title").click()
    expect(box).to_have_js_property("open", True)
    expect(page.locator(".ns-print.is-ready")).to_be_attached()  # print-ui.js and its styles are in


def card_ends(page, ids: list[str]) -> list[tuple[str, str]]:
    """First and last words of each card as the page shows them (the reader's details in place)."""
    return page.evaluate(
        """ids => ids.map(id => {
            const card = document.querySelector(`.ns-script[data-script="${id}"]:not(.ns-print-run *)`);
            const title = card.querySelector('h2').firstChild.textContent.trim().split(/\\s+/);
            const parts = card.querySelectorAll('.ns-part__text, .ns-answers dd');
            const last = parts[parts.length - 1].textContent.trim().split(/\\s+/);
            return [title.slice(0, 3).join(' '), last.slice(-3).join(' ')];
        })""",
        ids,
    )


def assert_size(page_, width: float, height: float) -> None:
    assert (round(page_.width), round(page_.height)) == (round(width), round(height)), (page_.width, page_.height)


def assert_clean(page) -> None:
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def assert_nothing_else(pages, extra: list[str] = ()) -> None:
    text = squeeze(" ".join(p.text for p in pages)).lower()
    for phrase in [*NOT_ON_A_CARD, *extra]:
        assert squeeze(phrase).lower() not in text, phrase


# --- one card a page, at each size ---------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_each_size_prints_the_chosen_cards_one_a_page(page, site_url, size, library):
    setting = library.settings[0]
    ids = [script.id for script in library.scripts[setting.id]]
    left_out = ids[1]
    open_at(page, f"{site_url}scripts/{setting.id}/", {"size": size, "layout": "single", "chosen": [i for i in ids if i != left_out]})
    chosen = [script_id for script_id in ids if script_id != left_out]
    ends = card_ends(page, chosen)
    pages = printed(page)
    assert len(pages) == len(chosen)
    for sheet, (first, last), script_id in zip(pages, ends, chosen, strict=True):
        assert_size(sheet, SIZES[size].width_pt, SIZES[size].height_pt)
        text = squeeze(sheet.text)
        assert squeeze(first) in text and squeeze(last) in text, script_id
        assert squeeze(setting.title).lower() in text.lower()
        assert min(sheet.font_sizes) >= FLOOR_PT
    assert squeeze(card_ends(page, [left_out])[0][0]) not in squeeze(" ".join(p.text for p in pages))
    assert_nothing_else(pages, [setting.summary[:40], f"{setting.title} scripts"])
    assert_clean(page)


@pytest.mark.parametrize("size", SIZES)
def test_longest_script_with_every_blank_at_max_length_is_one_page(page, site_url, size, library, scripts):
    longest = longest_script(library)
    values = max_length_values(library)
    open_at(page, f"{site_url}my-cards/", {"size": size, "layout": "single", "chosen": [longest.id]}, values)
    ((first, last),) = card_ends(page, [longest.id])
    pages = printed(page)
    assert len(pages) == 1
    assert_size(pages[0], SIZES[size].width_pt, SIZES[size].height_pt)
    text = squeeze(pages[0].text)
    assert squeeze(first) in text and squeeze(last) in text
    for blank_id in longest.blanks_used:
        assert squeeze(values[library.blanks_for(longest.setting)[blank_id].id]) in text, blank_id
    assert min(pages[0].font_sizes) >= FLOOR_PT
    assert_clean(page)


@pytest.mark.parametrize("filled", [True, False], ids=["blanks-at-max-length", "blanks-empty"])
@pytest.mark.parametrize("size", SIZES)
def test_no_card_needs_more_room_than_the_build_check_allows(page, site_url, size, filled, library, scripts):
    """Calibration: at the floor, each card's real text height is within the model the build trusts."""
    open_at(page, f"{site_url}my-cards/", {"size": size, "layout": "single", "chosen": list(scripts)}, max_length_values(library) if filled else None)
    page.emulate_media(media="print")
    expect(page.locator(".ns-print-run .ns-script")).to_have_count(len(scripts))
    measured = page.evaluate(
        """() => [...document.querySelectorAll('.ns-print-run .ns-script')].map(card => {
            const chosen = parseFloat(card.style.getPropertyValue('--ns-card-font'));
            const overfull = card.classList.contains('is-overfull');
            card.style.setProperty('--ns-card-font', '10pt');
            card.style.height = 'auto';
            const style = getComputedStyle(card);
            const text = card.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
            return [card.dataset.script, chosen, overfull, text * 0.75];
        })"""
    )
    for script_id, chosen, overfull, height in measured:
        model = card_height_pt(card_blocks(scripts[script_id], library, filled), SIZES[size], FLOOR_PT)
        assert height <= model + 0.75, f"{script_id}: {height:.1f} pt measured, the model allows {model:.1f} pt"
        assert model <= SIZES[size].text_height_pt
        assert not overfull and chosen >= FLOOR_PT, script_id
    assert_clean(page)


def test_print_styles_are_black_on_white_and_never_below_the_floor(page, site_url, scripts):
    open_at(page, f"{site_url}my-cards/", {"size": "3x5", "layout": "single", "chosen": list(scripts)})
    page.emulate_media(media="print")
    expect(page.locator(".ns-print-run .ns-script")).to_have_count(len(scripts))
    styles = page.evaluate(
        """() => [...document.querySelectorAll('.ns-print-run .ns-script, .ns-print-run .ns-script *')]
            .filter(el => getComputedStyle(el).display !== 'none')
            .map(el => { const s = getComputedStyle(el); return [s.color, parseFloat(s.fontSize), s.backgroundColor, s.opacity]; })"""
    )
    assert styles
    for color, size_px, background, opacity in styles:
        assert color == "rgb(0, 0, 0)" and opacity == "1"
        assert background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
        assert size_px * 0.75 >= FLOOR_PT - 0.01


# --- sheets with cut marks ---------------------------------------------------------------


@pytest.mark.parametrize(("size", "paper"), list(SHEETS))
def test_sheets_hold_several_cards_with_cut_marks(page, site_url, size, paper, scripts):
    (width, height), columns, rows = SHEETS[(size, paper)]
    per_sheet = columns * rows
    chosen = list(scripts)[: per_sheet + 1]  # one full sheet and one card over
    open_at(page, f"{site_url}my-cards/", {"size": size, "layout": paper, "chosen": chosen})
    ends = card_ends(page, chosen)
    pages = printed(page)
    assert len(pages) == math.ceil(len(chosen) / per_sheet)
    card_w, card_h = SIZES[size].width_pt, SIZES[size].height_pt
    grid = ((width - columns * card_w) / 2, (height - rows * card_h) / 2, (width + columns * card_w) / 2, (height + rows * card_h) / 2)
    for sheet in pages:
        assert_size(sheet, width, height)
        marks = [r for r in sheet.rules if _is_cut_mark(r, grid)]
        assert len(marks) == 2 * (columns + 1) + 2 * (rows + 1)
        assert min(sheet.font_sizes) >= FLOOR_PT
    text = squeeze(" ".join(sheet.text for sheet in pages))
    for first, last in ends:
        assert squeeze(first) in text and squeeze(last) in text
    assert_nothing_else(pages)
    assert_clean(page)


def _is_cut_mark(rule, grid) -> bool:
    """A short rule in the margin, lined up with the cards' edges."""
    x0, y0, x1, y1 = rule
    long_side, short_side = max(x1 - x0, y1 - y0), min(x1 - x0, y1 - y0)
    outside = x1 <= grid[0] + 0.5 or x0 >= grid[2] - 0.5 or y1 <= grid[1] + 0.5 or y0 >= grid[3] - 0.5
    return abs(long_side - CUT_LENGTH_PT) < 1 and short_side < 1.5 and outside


# --- the reader's whole errand ------------------------------------------------------------


def test_a_reader_fills_details_chooses_three_scripts_and_gets_three_3x5_cards(page, site_url, library):
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };")
    open_at(page, f"{site_url}my-cards/")
    values = {field.id: field.example for blank in library.blanks for field in blank.fields}
    expect(page.locator(".ns-details")).to_be_visible()
    if not page.locator(".ns-details__box").evaluate("box => box.open"):
        page.locator(".ns-details__summary").click()
    for blank_id, value in values.items():
        field = page.locator(f'.ns-details input[data-blank="{blank_id}"]')
        if field.count():
            field.fill(value)
    # Leaving the last field announces the change in the status message.
    page.keyboard.press("Tab")
    expect(page.locator(".ns-details__status")).to_contain_text("updated")
    open_box(page)
    page.get_by_role("button", name="Clear all").click()
    picks = [library.scripts[setting.id][0] for setting in library.settings if library.scripts[setting.id]][:3]
    for script in picks:
        page.get_by_role("checkbox", name=script.title, exact=True).check()
    page.get_by_role("radio", name=SIZES["3x5"].label).check()
    page.get_by_role("radio", name="One card a page").check()
    expect(page.locator(".ns-print__status")).to_have_text("3 cards chosen: 3 × 5 in, one a page.")
    expect(page.locator(".ns-my-cards .ns-script:visible")).to_have_count(3)
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.printCalls") == 1
    pages = printed(page)
    assert len(pages) == 3
    for sheet, script, (first, last) in zip(pages, picks, card_ends(page, [s.id for s in picks]), strict=True):
        assert_size(sheet, 360, 216)
        text = squeeze(sheet.text)
        assert squeeze(first) in text and squeeze(last) in text
        for blank_id in script.blanks_used:
            assert squeeze(values[library.blanks_for(script.setting)[blank_id].id]) in text, (script.id, blank_id)
        assert "[" not in sheet.text  # every blank shows the reader's words
    assert_nothing_else(pages)
    assert_clean(page)


def test_printing_with_nothing_chosen_is_refused_with_a_message(page, site_url, library):
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };")
    open_at(page, f"{site_url}scripts/{library.settings[0].id}/")
    open_box(page)
    page.get_by_role("button", name="Clear all").click()
    page.get_by_role("button", name="Print", exact=True).click()
    expect(page.locator(".ns-print__status")).to_have_text("No script chosen: choose at least one to print.")
    assert page.evaluate("window.printCalls") is None
    assert_clean(page)


def test_without_javascript_a_script_page_prints_blank_cards(browser, site_url, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    setting = library.settings[0]
    page.goto(f"{site_url}scripts/{setting.id}/")
    expect(page.locator(".ns-print")).to_be_hidden()
    scripts = library.scripts[setting.id]
    pages = printed(page)
    assert len(pages) == len(scripts)
    labels = {blank_id: field.label for blank_id, field in library.blanks_for(setting.id).items()}
    for sheet, script in zip(pages, scripts, strict=True):
        assert_size(sheet, 360, 216)
        text = squeeze(sheet.text)
        assert squeeze(script.title) in text
        for blank_id in script.blanks_used:
            assert squeeze(f"[{labels[blank_id]}]") in text, (script.id, blank_id)
        assert min(sheet.font_sizes) >= FLOOR_PT
        # an empty blank is a line to write on
        assert sum(1 for r in sheet.rules if r[3] - r[1] < 1.5 and r[2] - r[0] > 36) >= len(script.blanks_used)
    assert_nothing_else(pages, [setting.summary[:40], "To print blank cards"])
    context.close()


# --- the controls ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["scripts/phone/", "my-cards/"])
def test_print_controls_are_accessible(page, site_url, path):
    open_at(page, site_url + path)
    open_box(page)
    assert axe_violations(page, ".ns-print") == []
    assert_clean(page)


def test_print_controls_work_by_keyboard_on_a_phone(phone_page, site_url, library):
    setting = library.settings[0]
    open_at(phone_page, f"{site_url}scripts/{setting.id}/")
    summary = phone_page.locator(".ns-print__title")
    summary.focus()
    phone_page.keyboard.press("Enter")
    expect(phone_page.locator(".ns-print__box")).to_have_js_property("open", True)
    expect(phone_page.locator(".ns-print.is-ready")).to_be_attached()
    first = phone_page.locator('.ns-print input[name="ns-print-script"]').first
    first.focus()
    phone_page.keyboard.press("Space")
    count = len(library.scripts[setting.id]) - 1
    expect(phone_page.locator(".ns-print__status")).to_have_text(f"{count} card{'s' if count != 1 else ''} chosen: 3 × 5 in, one a page.")
    assert phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_clean(phone_page)


# --- each page keeps its own choice (Material's instant navigation between them) ----------------


def test_each_page_keeps_its_own_choice(page, site_url, library, scripts):
    setting = library.settings[0]
    dropped = library.scripts[setting.id][0]
    page.goto(f"{site_url}scripts/{setting.id}/")
    open_box(page)
    page.get_by_role("checkbox", name=dropped.title, exact=True).uncheck()
    page.get_by_role("radio", name=SIZES["4x6"].label).check()
    page.evaluate("() => { window.stillHere = true; }")
    page.locator("label.md-nav__link", has_text="Practise").first.click()
    page.locator('.md-nav a[href$="my-cards/"]:visible').first.click()
    expect(page.locator("h1")).to_contain_text("My cards")
    assert page.evaluate("window.stillHere") is True  # instant navigation, not a reload
    expect(page.locator(".ns-print__box")).to_have_js_property("open", True)  # printing is what this page is for
    # My cards starts with nothing ticked, in its own default size: the script page's choice stays there.
    expect(page.locator(".ns-print.is-ready")).to_be_attached()
    expect(page.locator('.ns-print input[name="ns-print-script"]:checked')).to_have_count(0)
    expect(page.get_by_role("radio", name=SIZES["3x5"].label)).to_be_checked()
    expect(page.locator(".ns-print__status")).to_have_text("No script chosen: choose at least one to print.")
    expect(page.locator(".ns-my-cards .ns-script:visible")).to_have_count(0)
    kept = library.scripts[setting.id][1]
    page.get_by_role("checkbox", name=kept.title, exact=True).check()
    expect(page.locator(".ns-print__status")).to_have_text("1 card chosen: 3 × 5 in, one a page.")
    pages = printed(page)
    assert len(pages) == 1 and squeeze(kept.title) in squeeze(pages[0].text)
    assert_size(pages[0], 360, 216)
    # Back on the script page, its own choice is as the reader left it, whatever My cards holds.
    page.go_back()
    expect(page.locator("h1")).not_to_contain_text("My cards")
    pages = printed(page)
    assert len(pages) == len(library.scripts[setting.id]) - 1
    assert_size(pages[0], 432, 288)
    assert squeeze(dropped.title) not in squeeze(" ".join(p.text for p in pages))
    assert_clean(page)


def test_choices_are_kept_where_the_details_are(page, site_url, library):
    page.add_init_script("localStorage.setItem('next-step:remember', '1');")
    open_at(page, f"{site_url}scripts/{library.settings[0].id}/")
    open_box(page)
    page.get_by_role("radio", name=SIZES["a6"].label).check()
    page.get_by_role("radio", name=LAYOUTS_BY_KEY["a4"]).check()
    key = f"next-step:print:{library.settings[0].id}"
    kept = page.evaluate("key => [localStorage.getItem(key), sessionStorage.getItem(key)]", key)
    assert kept[1] is None
    assert json.loads(kept[0]) == {"size": "a6", "layout": "a4", "chosen": [s.id for s in library.scripts[library.settings[0].id]]}
    page.evaluate("() => localStorage.removeItem('next-step:remember')")
    page.get_by_role("radio", name=SIZES["4x6"].label).check()
    kept = page.evaluate("key => [localStorage.getItem(key), sessionStorage.getItem(key)]", key)
    assert kept[0] is None and json.loads(kept[1])["size"] == "4x6"
    assert_clean(page)


def test_a_readers_words_print_as_text_never_as_markup(page, site_url, library, scripts):
    script = library.scripts[library.settings[0].id][0]
    blank_id = script.blanks_used[0]
    odd = '<b>Ann</b> & "Co"'
    open_at(page, f"{site_url}scripts/{script.setting}/", {"chosen": [script.id]}, {blank_id: odd})
    pages = printed(page)
    assert len(pages) == 1
    assert squeeze(odd) in squeeze(pages[0].text)
    assert_clean(page)
