"""Rehearse connected to the rest of the journey: "Rehearse these" on My cards and "Rehearse this" on a script run
exactly those cards, focus mode fits the card, the timer and the answers in the first screen, and only a card that was
answered or timed counts as practised."""

from __future__ import annotations

import json

import pytest
from helpers import storage_script
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CARD = ".ns-rehearse__card:not([hidden])"
KEY = "next-step:rehearse"


def queue(page) -> list[str]:
    """Every card of the running set, in order, by pressing Next through it (nothing chosen, so nothing counts)."""
    seen = []
    while page.locator(".ns-rehearse__done:not([hidden])").count() == 0:
        seen.append(page.locator(CARD).get_attribute("data-script"))
        page.locator(".ns-rehearse__next").click()
    return seen


def practised(page) -> list[str]:
    saved = page.evaluate(f"sessionStorage.getItem('{KEY}')")
    return json.loads(saved)["practised"] if saved else []


def test_rehearse_these_on_my_cards_runs_exactly_the_chosen_spoken_cards(page, site_url, library):
    spoken = [s for setting in library.settings if setting.kind == "spoken" for s in library.scripts[setting.id]]
    written = [s for setting in library.settings if setting.kind == "written" for s in library.scripts[setting.id]]
    picks = [spoken[4], spoken[0], written[0]]
    page.goto(f"{site_url}my-cards/")
    expect(page.locator(".ns-print.is-ready")).to_be_attached()
    expect(page.locator(".ns-print__rehearse")).to_be_hidden()  # nothing chosen yet
    for script in picks:
        page.get_by_role("checkbox", name=script.title, exact=True).check()
    expect(page.locator(".ns-print__rehearse-note")).to_contain_text("1 written message stays out of Rehearse")
    page.get_by_role("link", name="Rehearse these").click()
    expect(page.locator(".ns-rehearse__controls")).to_be_visible()
    expect(page.locator(CARD)).to_have_count(1)
    expect(page.locator(f"{CARD} h2")).to_be_focused()
    # The chosen cards in page order (My cards lists them in setting order), and nothing else.
    expected = [s.id for s in spoken if s.id in {spoken[0].id, spoken[4].id}]
    assert queue(page) == expected
    assert practised(page) == []  # Next alone counts nothing
    assert page.watch.console_errors == []


def test_rehearse_this_on_a_script_opens_that_card_alone(page, site_url, library):
    setting = next(s for s in library.settings if s.kind == "spoken")
    script = library.scripts[setting.id][2]
    page.goto(f"{site_url}scripts/{setting.id}/")
    page.locator(f'.ns-script[data-script="{script.id}"] .ns-script__rehearse a').click()
    expect(page.locator(".ns-rehearse__position")).to_have_text("Card 1 of 1")
    assert page.locator(CARD).get_attribute("data-script") == script.id
    written = next(s for s in library.settings if s.kind == "written")
    page.goto(f"{site_url}scripts/{written.id}/")
    expect(page.locator(".ns-script__rehearse")).to_have_count(0)


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["laptop", "phone"])
def test_focus_mode_fits_card_timer_and_answers_in_the_first_screen(browser, site_url, library, viewport):
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    values = {blank.id: blank.example for blank in library.blanks}
    page.add_init_script(storage_script(None, values))
    spoken = [s for setting in library.settings if setting.kind == "spoken" for s in library.scripts[setting.id]]
    for script in spoken:  # every card, filled with typical details
        page.goto(f"{site_url}rehearse/?cards={script.id}")
        expect(page.locator(CARD)).to_be_visible()
        assert page.evaluate("document.documentElement.classList.contains('ns-rehearse-focus')")
        boxes = [page.locator(CARD).bounding_box(), page.locator(".ns-rehearse__timer").bounding_box()]
        boxes += [button.bounding_box() for button in page.locator(".ns-rehearse__answer:visible").all()]
        assert len(boxes) >= 6
        for box in boxes:
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, (script.id, box)
        assert page.evaluate("scrollY") == 0
    # Leaving the set ends focus mode: the page's own text is back.
    page.locator(".ns-rehearse__next").click()
    expect(page.locator("h1")).to_be_visible()
    context.close()


def test_a_card_counts_as_practised_only_once_answered_or_timed(page, site_url, library):
    phone = library.scripts["phone"]
    ids = [s.id for s in phone[:3]]
    page.goto(f"{site_url}rehearse/?cards={','.join(ids)}")
    expect(page.locator(CARD)).to_be_visible()
    page.locator(".ns-rehearse__next").click()  # skipped
    page.keyboard.press("1")  # focus is on the card: answered
    page.locator(".ns-rehearse__next").click()
    page.locator(".ns-rehearse__timer-toggle").click()
    page.wait_for_timeout(1100)
    page.locator(".ns-rehearse__timer-toggle").click()  # timed
    assert practised(page) == [ids[1], ids[2]]
    page.locator(".ns-rehearse__next").click()
    tally = page.locator(".ns-rehearse__tally").inner_text()
    assert "Practised 2 of 3 cards" in tally
    assert page.locator(f'.ns-rehearse__log li[data-script="{ids[0]}"] .ns-rehearse__log-state').inner_text() == "not practised yet"
    assert page.watch.console_errors == []
