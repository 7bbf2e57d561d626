"""The print flow of the reader's journey: My cards starts empty with its count and Print always in view, a script
page's own browser print follows its controls, blanks are checked before Print, and a written message's sign-off
stands on its own line (PDFs from Chromium, read back with pypdf)."""

from __future__ import annotations

import io
import re

import pytest
from helpers import axe_violations, details_values, read_pdf, squeeze, storage_script
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def pdf_lines(page) -> list[list[str]]:
    """Each printed page's lines of text, spaces squeezed out."""
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    return [[squeeze(line) for line in sheet.extract_text().splitlines() if line.strip()] for sheet in reader.pages]


def open_print_box(page) -> None:
    box = page.locator(".ns-print__box")
    if not box.evaluate("box => box.open"):
        page.locator(".ns-print__title").click()
    expect(page.locator(".ns-print.is-ready")).to_be_attached()


def spoken_and_written(library):
    spoken = next(s for s in library.settings if s.kind == "spoken")
    written = next(s for s in library.settings if s.kind == "written")
    return spoken, written


# --- a script page's own browser print -------------------------------------------------------


def test_a_script_pages_browser_print_prints_what_its_controls_say(page, site_url, library):
    setting = library.settings[0]
    ids = [script.id for script in library.scripts[setting.id]]
    page.goto(f"{site_url}scripts/{setting.id}/")
    # Untouched, the controls say: every card of the page, 3 x 5 in, one a page; so does Ctrl+P.
    first = read_pdf(page.pdf(prefer_css_page_size=True))
    assert len(first) == len(ids)
    assert all((round(p.width), round(p.height)) == (360, 216) for p in first)
    open_print_box(page)
    expect(page.locator('.ns-print input[name="ns-print-script"]:checked')).to_have_count(len(ids))
    expect(page.get_by_role("radio", name="3 × 5 in", exact=False).first).to_be_checked()
    expect(page.locator(".ns-print__status")).to_have_text(f"{len(ids)} cards chosen: 3 × 5 in, one a page.")
    text = squeeze(" ".join(p.text for p in first))
    assert all(squeeze(script.title) in text for script in library.scripts[setting.id])
    # One untick, and the browser's own print follows at once.
    dropped = library.scripts[setting.id][0]
    page.get_by_role("checkbox", name=dropped.title, exact=True).uncheck()
    page.get_by_role("radio", name="Several on A4 paper, with cut marks").check()
    after = read_pdf(page.pdf(prefer_css_page_size=True))
    assert (round(after[0].width), round(after[0].height)) == (842, 595)
    text = squeeze(" ".join(p.text for p in after))
    assert squeeze(dropped.title) not in text
    for script in library.scripts[setting.id][1:]:
        assert squeeze(script.title) in text, script.id
    assert page.watch.console_errors == []


def test_my_cards_choice_never_shows_on_a_script_page(page, site_url, library):
    setting = library.settings[0]
    page.add_init_script(storage_script({"chosen": []}, None, "my-cards"))
    page.goto(f"{site_url}scripts/{setting.id}/")
    open_print_box(page)
    count = len(library.scripts[setting.id])
    expect(page.locator(".ns-print__status")).to_have_text(f"{count} cards chosen: 3 × 5 in, one a page.")
    assert len(read_pdf(page.pdf(prefer_css_page_size=True))) == count


# --- My cards: nothing ticked, the count and Print always in view -------------------------------


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["phone", "laptop"])
def test_my_cards_starts_empty_with_count_and_print_always_in_view(browser, site_url, library, viewport):
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.goto(f"{site_url}my-cards/")
    expect(page.locator(".ns-print.is-ready")).to_be_attached()
    expect(page.locator('.ns-print input[name="ns-print-script"]:checked')).to_have_count(0)
    expect(page.locator(".ns-my-cards .ns-script:visible")).to_have_count(0)
    bar = page.locator(".ns-print__bar")
    status, go = page.locator(".ns-print__status"), page.locator(".ns-print__go")
    expect(status).to_have_text("No script chosen: choose at least one to print.")
    picks = library.all_scripts()[:3]
    for script in picks:
        page.get_by_role("checkbox", name=script.title, exact=True).check()
    expect(status).to_contain_text("3 cards chosen")
    for where in ("top", "middle", "bottom"):
        page.evaluate("where => window.scrollTo(0, {top: 0, middle: document.body.scrollHeight / 2, bottom: document.body.scrollHeight}[where])", where)
        for element in (status, go):
            box = element.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (where, box)
        assert go.bounding_box()["height"] >= 47.5  # a 48 px target
    # Space is reserved: whatever the keyboard reaches scrolls clear of the bar.
    padding = page.evaluate("parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom)")
    assert padding >= bar.bounding_box()["height"]
    # At the very end of the page, the last card and the footer's links clear the bar.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    for element in (page.locator(".ns-my-cards .ns-script:visible").last, page.locator(".md-footer-meta").last):
        box, strip = element.bounding_box(), bar.bounding_box()
        assert box["y"] + box["height"] <= strip["y"] + 0.5, "the bar covers the end of the page"
    # The reader's choice stays for the next visit to My cards.
    page.reload()
    expect(page.locator('.ns-print input[name="ns-print-script"]:checked')).to_have_count(3)
    expect(page.locator(".ns-my-cards .ns-script:visible")).to_have_count(3)
    context.close()


# --- before Print: empty and too-long blanks --------------------------------------------------


def test_before_print_empty_and_too_long_blanks_are_listed_with_links(page, site_url, library):
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };")
    script = next(s for s in library.all_scripts() if len(s.blanks_used) >= 2)
    filled, empty = script.blanks_used[0], script.blanks_used[1]
    page.add_init_script(storage_script({"chosen": [script.id]}, {filled: "Dana"}, "my-cards"))
    page.goto(f"{site_url}my-cards/")
    expect(page.locator(".ns-print.is-ready")).to_be_attached()
    expect(page.locator(f'.ns-my-cards .ns-blank.is-filled[data-blank="{filled}"]').first).to_be_attached()
    # The details panel marks a value over its limit like this (DOM contract with details.js).
    page.evaluate(
        "key => document.querySelectorAll(`.ns-blank[data-blank='${key}']`).forEach(b => { b.classList.add('is-too-long'); b.dataset.over = '15'; })",
        filled,
    )
    page.locator(".ns-print__go").click()
    check = page.locator(".ns-print__check")
    expect(check).to_be_visible()
    expect(check).to_be_focused()
    assert page.evaluate("window.printCalls") is None
    labels = {blank.id: blank.label for blank in library.blanks}
    items = check.locator("li")
    expect(items).to_have_count(len(script.blanks_used))
    expect(check).to_contain_text("15 characters too long")
    expect(check).to_contain_text("empty; it prints as a line to write on")
    expect(check.get_by_role("group")).to_have_count(0)
    assert check.get_attribute("role") == "group" and check.get_attribute("aria-labelledby")
    # Each link takes the keyboard to its field.
    link = check.get_by_role("link", name=labels[empty][:1].upper() + labels[empty][1:], exact=True)
    link.focus()
    page.keyboard.press("Enter")
    field = page.locator(f'.ns-details input[data-blank="{empty}"]')
    expect(field).to_be_focused()
    # "Print anyway" prints, with nothing filled in on the reader's behalf.
    page.locator(".ns-print__go").click()
    page.get_by_role("button", name="Print anyway").click()
    assert page.evaluate("window.printCalls") == 1
    # "Fill them in first" goes to the first field listed.
    page.locator(".ns-print__go").click()
    page.get_by_role("button", name="Fill them in first").click()
    expect(check).to_be_hidden()
    expect(page.locator(".ns-details input[data-blank]:focus")).to_have_count(1)
    assert page.evaluate("window.printCalls") == 1
    assert page.watch.console_errors == []


def test_with_every_blank_filled_print_goes_straight_to_the_browser(page, site_url, library):
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };")
    script = library.all_scripts()[0]
    page.add_init_script(storage_script({"chosen": [script.id]}, details_values(library), "my-cards"))  # per-setting value keys too
    page.goto(f"{site_url}my-cards/")
    expect(page.locator(".ns-print.is-ready")).to_be_attached()
    page.locator(".ns-print__go").click()
    assert page.evaluate("window.printCalls") == 1
    expect(page.locator(".ns-print__check")).to_be_hidden()


# --- a written message's sign-off --------------------------------------------------------------


def test_the_sign_off_is_its_own_line_on_the_card_and_in_the_copied_text(browser, site_url, library):
    _, written = spoken_and_written(library)
    script = next(s for s in library.scripts[written.id] if s.sign_off)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    values = {blank.id: blank.example for blank in library.blanks}
    page.add_init_script(storage_script({"chosen": [script.id]}, values, written.id))
    page.goto(f"{site_url}scripts/{written.id}/")
    sign_off = script.sign_off.replace("{your_name}", values["your_name"])
    part = page.locator(f'.ns-script[data-script="{script.id}"] .ns-part--sign_off .ns-part__text')
    expect(part).to_have_text(sign_off)
    (lines,) = pdf_lines(page)
    assert any(line.endswith(squeeze(sign_off)) and len(line) <= len(squeeze(f"Sign off: {sign_off}")) for line in lines), lines
    close_end = squeeze(script.close)[-12:]
    assert not any(close_end in line and squeeze(sign_off) in line for line in lines)
    page.locator(f'.ns-script[data-script="{script.id}"] .ns-copy').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert sign_off in copied.split("\n"), copied
    context.close()


# --- accessibility and JavaScript off -------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", ["my-cards/", "rehearse/"])
def test_my_cards_and_rehearse_pass_axe(browser, site_url, library, path, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.add_init_script(storage_script({"chosen": [s.id for s in library.all_scripts()[:2]]}, None, "my-cards"))
    page.goto(site_url + path)
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    if path == "my-cards/":
        expect(page.locator(".ns-print.is-ready")).to_be_attached()
        page.locator(".ns-print__go").click()
        expect(page.locator(".ns-print__check")).to_be_visible()
    else:
        page.locator(".ns-rehearse__start").click()
        expect(page.locator(".ns-rehearse__controls")).to_be_visible()
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("path", ["my-cards/", "rehearse/"])
def test_without_javascript_my_cards_and_rehearse_say_only_what_works(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + path)
    shown = page.locator("article").inner_text()
    for missing in ("tick", "Print cards", "Rehearse these", "Rehearse this", "Start rehearsing", "shortcuts?", "Fill in your details", "press", "Record"):
        assert not re.search(rf"\b{missing}\b", shown, re.IGNORECASE), missing
    assert "browser's Print" in shown or "cover it, say it out loud" in shown
    if path == "rehearse/":
        expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    context.close()
