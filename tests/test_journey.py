"""The reader's journey (issue 14) in Chromium: the words first, nothing cut silently, nothing floating over a field."""

from __future__ import annotations

import re

import pytest
from helpers import PageWatch, axe_violations, details_values, set_scheme
from playwright.sync_api import expect

from macros.panel import fields_by_use

pytestmark = pytest.mark.browser
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
PUNCTUATION = ",.;:!?"

# Every blank followed straight by punctuation: the gap from its last letter to that mark, by text ranges.
GAPS = """() => [...document.querySelectorAll('.ns-script .ns-blank')].flatMap((blank) => {
  const next = blank.nextSibling;
  const own = blank.firstChild;
  if (!own || !next || next.nodeType !== Node.TEXT_NODE || !/^[,.;:!?]/.test(next.data)) return [];
  const range = (node, start) => { const r = document.createRange(); r.setStart(node, start); r.setEnd(node, start + 1); return r.getBoundingClientRect(); };
  const last = range(own, own.data.length - 1);
  const mark = range(next, 0);
  if (Math.abs(last.top - mark.top) > 2) return [];  // wrapped onto the next line: no gap to measure
  return [[blank.dataset.blank, blank.textContent, next.data[0], mark.left - last.right]];
})"""


def settings(library) -> list[str]:
    return [setting.id for setting in library.settings if library.scripts[setting.id]]


def new_page(browser, site_url, size="phone", **options):
    phone = size == "phone"
    context = browser.new_context(viewport=SIZES[size], is_mobile=phone, has_touch=phone, **options)
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))
    return context, page


def in_first_screen(page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("(e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_first_script_heading_is_inside_the_first_screen_on_every_script_page(browser, site_url, library, size):
    context, page = new_page(browser, site_url, size)
    for setting in settings(library):
        page.goto(f"{site_url}scripts/{setting}/")
        expect(page.locator(".ns-details")).to_be_visible()
        assert page.evaluate("scrollY") == 0
        assert in_first_screen(page, ".ns-script h2"), f"{setting} at {size}: {page.locator('.ns-script h2').first.bounding_box()}"
    assert page.watch.console_errors == []
    context.close()


def test_the_three_ways_in_fit_a_phone_screen_and_each_whole_card_is_one_tap(browser, site_url):
    context, page = new_page(browser, site_url)
    page.goto(site_url)
    cards = page.locator(".ns-ways > ul > li")
    assert cards.count() == 3
    for n in range(3):
        card = cards.nth(n)
        box = card.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        links = card.locator("a")
        assert links.count() == 1, "one link, so one accessible name per card"
        href = links.first.get_attribute("href")
        # Every corner of the card, far from the link's text, lands on the link.
        for x, y in [(box["x"] + 4, box["y"] + 4), (box["x"] + box["width"] - 4, box["y"] + 4), (box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)]:
            assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')", [x, y]) == href
    links = cards.nth(0).locator("a")
    links.focus()
    outline = cards.nth(0).evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid", "the card shows the focus ring of its link"
    assert page.watch.console_errors == []
    context.close()


def test_home_to_a_personalised_phone_close_in_three_taps_without_scrolling_past_a_form(browser, site_url, library):
    context, page = new_page(browser, site_url)
    page.goto(site_url)
    taps = 0
    card = page.locator(".ns-ways > ul > li").first
    box = card.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 10, box["y"] + 10)  # the card, not its link text
    taps += 1
    page.wait_for_url(re.compile(r"/scripts/phone/$"))
    # While the form is open, the lowest its end ever sits in the view: the reader never goes past it (the browser only
    # brings each field into view), and "Done" is what takes her to the scripts.
    page.evaluate("""() => {
      window.nsFormEnd = Infinity;
      addEventListener('scroll', () => {
        const form = document.querySelector('.ns-details__box[open]');
        if (form) nsFormEnd = Math.min(nsFormEnd, form.getBoundingClientRect().bottom);
      });
    }""")
    page.locator(".ns-details__summary").tap()
    taps += 1
    values = {field.id: field.example for field, _ in fields_by_use(library, "phone")}
    order = page.locator(".ns-details input[data-blank]").evaluate_all("els => els.map(e => e.dataset.blank)")
    page.wait_for_function("id => document.activeElement.id === id", arg=f"ns-field-{order[0].replace('.', '-')}")
    for n, key in enumerate(order):  # the phone keyboard's "next" key moves from field to field
        if n:
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.blank") == key
        page.keyboard.type(values[key])
    page.locator(".ns-details__done").tap()
    taps += 1
    assert taps <= 3
    heading = page.locator(".ns-script h2").first
    expect(heading).to_be_focused()
    assert in_first_screen(page, ".ns-script h2")
    assert page.evaluate("nsFormEnd") > 0  # no scroll past the form (Infinity: the view never moved while it was open)
    first = page.locator(".ns-script").first
    shown = first.locator(".ns-blank").evaluate_all("els => els.map(e => [e.dataset.blank, e.textContent, e.classList.contains('is-filled')])")
    assert shown and all(filled and text == values[key] for key, text, filled in shown)
    expect(page.locator(".ns-details__box")).not_to_have_attribute("open", "")
    assert page.watch.console_errors == []
    context.close()


def test_nothing_with_text_covers_the_field_being_typed_in(browser, site_url, library):
    context, page = new_page(browser, site_url)
    page.goto(f"{site_url}scripts/phone/")
    page.locator(".ns-details__summary").click()
    covered = []
    for field in page.locator(".ns-details input[data-blank]").all():
        field.click()
        for character in "Dana, 2,000 a second":
            page.keyboard.type(character)
            covered += field.evaluate(
                """(input) => { const r = input.getBoundingClientRect(); const hits = [];
                for (const [x, y] of [[r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + r.width / 2, r.top + r.height / 2], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3]]) {
                  const top = document.elementFromPoint(x, y);
                  if (top !== input && top && top.textContent.trim()) hits.push(top.outerHTML.slice(0, 80));
                } return hits; }"""
            )
        field.press("Tab")  # change: one polite announcement, in the flow
    assert covered == []
    expect(page.locator(".ns-details__status")).to_contain_text("updated in")
    assert page.locator(".ns-details__status").evaluate("e => getComputedStyle(e).position") == "static"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_70_character_reason_is_kept_whole_flagged_marked_and_listed_before_copy(browser, site_url, library, scheme):
    context, page = new_page(browser, site_url, "laptop", color_scheme=scheme, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}scripts/phone/")
    page.locator(".ns-details__summary").click()
    reason = "Cut support wait times by half while handling 2,000 requests a second."
    assert len(reason) == 70
    limit = library.blanks_by_id["strength_a"].max_length
    field = page.locator("#ns-field-strength_a")
    field.fill(reason[:50])
    expect(page.locator("#ns-error-strength_a")).to_have_text(f"50 of {limit}")  # the counter, near the limit
    field.fill(reason)
    expect(field).to_have_value(reason)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ns-error-strength_a")).to_have_text(f"{70 - limit} characters over {limit}: shorten it to fit a card.")
    blanks = page.locator('.ns-script .ns-blank[data-blank="strength_a"]')
    assert blanks.count()
    for blank in blanks.all():
        expect(blank).to_have_text(reason)
        expect(blank).to_have_class(re.compile(r"\bis-too-long\b"))
        expect(blank).to_have_attribute("data-over", str(70 - limit))
        style = blank.evaluate("e => { const s = getComputedStyle(e); return [s.textDecorationStyle, s.outlineStyle]; }")
        assert style == ["wavy", "dashed"], "marked by shape, not by colour alone"
    script = page.locator(".ns-script", has=page.locator('.ns-blank[data-blank="strength_a"]')).first
    script.locator(".ns-copy").click()
    check = script.locator(".ns-copy__check")
    expect(check).to_contain_text(f"{70 - limit} characters too long")
    link = check.locator('a[href="#ns-field-strength_a"]')
    expect(link).to_have_count(1)
    page.locator(".ns-details__done").click()
    link.click()  # the list's link opens the panel at the field
    page.wait_for_function("() => document.activeElement.id === 'ns-field-strength_a'")
    script.locator(".ns-copy").click()
    expect(script.locator(".ns-copy")).to_contain_text("Copied")
    assert reason in page.evaluate("navigator.clipboard.readText()")
    assert page.watch.console_errors == []
    context.close()


def test_blanks_sit_against_the_punctuation_after_them_on_every_script_page(browser, site_url, library):
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        measured = 0
        for values in ({}, details_values(library)):
            page.goto(site_url)
            page.evaluate("v => sessionStorage.setItem('next-step:details', JSON.stringify(v))", values)
            for setting in settings(library):
                page.goto(f"{site_url}scripts/{setting}/")
                page.wait_for_selector(".ns-blank.is-filled" if values else ".ns-details", state="attached")
                gaps = page.evaluate(GAPS)
                measured += len(gaps)
                assert [gap for gap in gaps if gap[3] >= 1] == [], f"{setting}, {width} px, {'filled' if values else 'empty'}"
                assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, f"{setting} at {width} px"
        assert measured > 20, "too few blanks before punctuation to say anything"
        context.close()


def test_the_open_or_closed_choice_is_kept_and_forget_removes_it(browser, site_url):
    context, page = new_page(browser, site_url, "laptop")
    page.goto(f"{site_url}scripts/phone/")
    box = page.locator(".ns-details__box")
    expect(box).not_to_have_attribute("open", "")
    page.locator(".ns-details__summary").click()
    page.goto(f"{site_url}scripts/final-round/")
    expect(box).to_have_attribute("open", "")
    page.locator(".ns-details__summary").click()
    page.reload()
    expect(page.locator(".ns-details")).to_be_visible()
    expect(box).not_to_have_attribute("open", "")
    page.locator(".ns-details__summary").click()
    page.get_by_role("button", name="Forget my details").click()
    assert page.evaluate("Object.keys(sessionStorage).concat(Object.keys(localStorage)).filter(k => k.startsWith('next-step:'))") == []
    page.reload()
    expect(page.locator(".ns-details")).to_be_visible()
    expect(box).not_to_have_attribute("open", "")
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_form_closed_and_open(browser, site_url, size, scheme):
    context, page = new_page(browser, site_url, size, color_scheme=scheme)
    page.goto(f"{site_url}scripts/phone/")
    expect(page.locator(".ns-details")).to_be_visible()
    set_scheme(page, "slate" if scheme == "dark" else "default")
    assert axe_violations(page) == [], "closed"
    page.locator(".ns-details__summary").click()
    page.locator("#ns-field-strength_a").fill("x" * 60)  # too long: its message and the marked blanks
    page.locator("#ns-field-strength_b").fill("x" * 50)  # near the limit: the counter
    assert axe_violations(page) == [], "open"
    assert page.watch.console_errors == []
    context.close()
