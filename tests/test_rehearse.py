"""The Rehearse page in Chromium: a full keyboard rehearsal, random answers, timer, voice, phone, no JS."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from helpers import PageWatch, axe_violations

from macros.rehearse import clock, target_seconds
from macros.schema import REPLIES

pytestmark = pytest.mark.browser
ANSWERS = {reply.shortcut: reply.key for reply in REPLIES}
HEARD = {reply.key: reply.heard for reply in REPLIES}
HEARD_LIST = ", ".join(reply.heard for reply in REPLIES[:-1]) + f" and {REPLIES[-1].heard}"
CARD = ".ns-rehearse__card:not([hidden])"
KEY = "next-step:rehearse"


@pytest.fixture(scope="module")
def blanks(library):
    return {blank.id: blank for blank in library.blanks}


@pytest.fixture(scope="module")
def phone(library):
    return library.scripts["phone"]


def shown(blanks, text: str, values: dict[str, str] | None = None) -> str:
    """Data text as the page shows it: each blank as the reader's value, or [label] when empty."""
    values = values or {}
    filled = re.sub(r"\{([a-z0-9_]+)\}", lambda m: values.get(m.group(1)) or f"[{blanks[m.group(1)].label}]", text)
    return " ".join(filled.split())


def squash(text: str) -> str:
    return " ".join(text.split())


def open_rehearse(page, site_url):
    page.goto(f"{site_url}rehearse/")
    page.wait_for_selector(".ns-rehearse__setup:not([hidden])")


def start(page, setting: str, shuffle: bool = False):
    page.check(f'input[name="ns-rehearse-setting"][value="{setting}"]')
    if shuffle:
        page.check('input[name="ns-rehearse-shuffle"]')
    page.click(".ns-rehearse__start")
    page.wait_for_selector(CARD)


def current_id(page) -> str:
    assert page.locator(CARD).count() == 1, "exactly one card shows at a time"
    return page.locator(CARD).get_attribute("data-script")


def visible_replies(page) -> dict[str, str]:
    return page.locator(f"{CARD} .ns-answer").evaluate_all(
        "els => Object.fromEntries(els.filter(e => e.checkVisibility()).map(e => [e.dataset.answer, e.querySelector('dd').textContent]))"
    )


def assert_axe_clean(page, state: str):
    violations = axe_violations(page)
    assert violations == [], f"axe, {state}:\n" + "\n".join(violations)


def test_keyboard_only_rehearsal_of_the_phone_set(page, site_url, library, blanks, phone):
    open_rehearse(page, site_url)
    assert_axe_clean(page, "initial")
    for _ in range(300):  # Tab through the page to the setting choice, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "ns-rehearse-setting":
            break
    else:
        pytest.fail("Tab never reached the setting choice")
    for _ in range(len(library.settings)):
        if page.evaluate("document.activeElement.value") == "phone":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.checked && document.activeElement.value") == "phone"
    page.keyboard.press("Enter")

    seen = []
    while page.locator(".ns-rehearse__done:not([hidden])").count() == 0:
        page.wait_for_selector(CARD)
        script_id = current_id(page)
        assert script_id not in seen, f"{script_id} came up twice"
        seen.append(script_id)
        source = next(s for s in phone if s.id == script_id)
        card = page.locator(CARD)
        assert squash(card.locator(".ns-part--opener .ns-part__text").inner_text()) == shown(blanks, source.opener)
        assert squash(card.locator(".ns-part--close .ns-part__text").inner_text()) == shown(blanks, source.close)
        assert page.locator(".ns-rehearse__position").inner_text() == f"Card {len(seen)} of {len(phone)}"
        assert visible_replies(page) == {}, "no reply shows before an answer is chosen"
        if len(seen) == 1:
            assert_axe_clean(page, "card shown")
        for key, answer in ANSWERS.items():
            page.keyboard.press(key)
            assert page.locator(f'button[data-answer="{answer}"]').get_attribute("aria-pressed") == "true"
            assert f"The interviewer says: {HEARD[answer]}." in page.locator(".ns-rehearse__heard").inner_text()
            assert visible_replies(page) == {}, "the reply waits for the reveal"
            page.keyboard.press("v")
            assert {k: squash(v) for k, v in visible_replies(page).items()} == {answer: shown(blanks, getattr(source, answer))}
            assert page.locator('button[data-action="reveal"]').get_attribute("aria-expanded") == "true"
            if len(seen) == 1 and answer == "if_not_sure":
                assert_axe_clean(page, "answer revealed")
        page.keyboard.press("ArrowRight")

    assert sorted(seen) == sorted(s.id for s in phone) and len(seen) == len(phone)
    assert seen == [s.id for s in phone], "unshuffled, the cards come in page order"
    assert page.locator(".ns-rehearse__card:visible").count() == 0
    assert page.evaluate("document.activeElement.id") == "ns-rehearse-done"
    assert f"You met every answer in this set: {HEARD_LIST}." in page.locator(".ns-rehearse__summary").inner_text()
    tally = page.locator(".ns-rehearse__tally").inner_text()
    assert f"Practised {len(phone)} of {len(phone)} cards" in tally and "Still to meet" not in tally
    assert_axe_clean(page, "finished")
    saved = json.loads(page.evaluate(f"sessionStorage.getItem('{KEY}')"))
    assert sorted(saved["practised"]) == sorted(seen)
    assert all(saved["met"][s] == [reply.key for reply in REPLIES] for s in seen)
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_shuffled_set_still_shows_each_card_once(page, site_url, library):
    open_rehearse(page, site_url)
    start(page, "all", shuffle=True)
    seen = []
    while page.locator(".ns-rehearse__done:not([hidden])").count() == 0:
        seen.append(current_id(page))
        page.locator(".ns-rehearse__next").click()
    spoken = [s.id for s in library.all_scripts() if library.setting(s.setting).kind == "spoken"]
    assert sorted(seen) == sorted(spoken) and len(set(seen)) == len(seen)
    assert page.watch.console_errors == []


def test_random_answers_meet_every_reply_and_show_it(page, site_url, blanks, phone):
    open_rehearse(page, site_url)
    start(page, "phone")
    source = next(s for s in phone if s.id == current_id(page))
    drawn = set()
    for _ in range(80):  # missing one of four answers in 80 fair draws: about 4 in 10 billion
        page.keyboard.press("r")
        answer = page.locator('button[data-answer][aria-pressed="true"]').get_attribute("data-answer")
        assert f"The interviewer says: {HEARD[answer]}." in page.locator(".ns-rehearse__heard").inner_text()
        drawn.add(answer)
    assert drawn == set(HEARD) and len(drawn) == len(REPLIES) == 4
    page.keyboard.press("v")
    ((answer, reply),) = visible_replies(page).items()
    assert squash(reply) == shown(blanks, getattr(source, answer))
    row = page.locator(f'.ns-rehearse__log li[data-script="{source.id}"] .ns-rehearse__log-state')
    assert row.inner_text() == f"practised; answers met: {HEARD_LIST}"
    assert page.watch.console_errors == []


def test_timer_starts_stops_and_resets_against_the_data_target(page, site_url, blanks, phone):
    page.clock.install(time=datetime(2025, 1, 6, 9, 0, 0))
    open_rehearse(page, site_url)
    start(page, "phone")
    page.clock.pause_at(datetime(2025, 1, 6, 9, 5, 0))
    source = next(s for s in phone if s.id == current_id(page))
    expected = target_seconds(source, blanks)
    assert page.locator(CARD).get_attribute("data-target-seconds") == str(expected)
    assert page.locator(".ns-rehearse__target-time").inner_text() == clock(expected)
    clock_face = page.locator(".ns-rehearse__clock")
    toggle = page.locator('button[data-action="timer"] .ns-rehearse__label')
    assert clock_face.inner_text() == "0:00" and toggle.inner_text() == "Start timer"

    page.keyboard.press("t")
    assert toggle.inner_text() == "Stop timer"
    page.clock.run_for(3_400)
    assert clock_face.inner_text() == "0:03"
    page.keyboard.press("t")
    page.clock.run_for(5_000)
    assert clock_face.inner_text() == "0:03", "a stopped timer stays put"
    assert toggle.inner_text() == "Start timer"
    assert page.locator(".ns-rehearse__status").inner_text() == f"Timer stopped at 0:03: {expected - 3} s under the target of {clock(expected)}."

    page.locator('button[data-action="timer"]').click()  # it goes on from where it stopped
    page.clock.run_for((expected - 3 + 1) * 1_000)
    assert clock_face.inner_text() == clock(expected + 1)
    assert "is-over" in clock_face.get_attribute("class")
    page.keyboard.press("0")
    page.clock.run_for(2_000)
    assert clock_face.inner_text() == "0:00" and toggle.inner_text() == "Start timer"
    assert "is-over" not in clock_face.get_attribute("class")
    assert page.watch.console_errors == []


def test_read_it_to_me_speaks_the_card_in_the_browser(browser, site_url, blanks, phone):
    context = browser.new_context()
    context.add_init_script(
        "window.__spoken = [];"
        "if (window.speechSynthesis) { speechSynthesis.speak = (u) => window.__spoken.push(u.text); speechSynthesis.cancel = () => {}; }"
    )
    page = context.new_page()
    page.goto(f"{site_url}")
    values = {"interviewer_name": "Ngozi", "role": "Data Lead", "company": "Acme & Co <b>"}
    page.evaluate("v => sessionStorage.setItem('next-step:details', JSON.stringify(v))", values)
    open_rehearse(page, site_url)
    start(page, "phone")
    source = next(s for s in phone if s.id == current_id(page))
    speak = page.locator('button[data-action="speak"]')
    assert speak.is_visible()
    page.keyboard.press("l")
    spoken = page.evaluate("window.__spoken")
    assert [squash(text) for text in spoken] == [f"{shown(blanks, source.opener, values)} {shown(blanks, source.close, values)}"]
    assert "Ngozi" in spoken[0], "the reader's own words are spoken"
    context.close()

    silent = browser.new_context()
    silent.add_init_script("window.SpeechSynthesisUtterance = undefined;")
    page = silent.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_rehearse(page, site_url)
    start(page, "phone")
    assert page.locator('button[data-action="speak"]').is_hidden()
    page.keyboard.press("l")
    assert errors == []
    silent.close()


def test_cards_show_the_readers_own_words(page, site_url, blanks, phone):
    values = {"interviewer_name": "Ngozi", "strength_a": "ten years in <script>alert(1)</script> support"}
    page.goto(site_url)
    page.evaluate("v => sessionStorage.setItem('next-step:details', JSON.stringify(v))", values)
    open_rehearse(page, site_url)
    start(page, "phone")
    source = next(s for s in phone if s.id == current_id(page))
    opener = page.locator(f"{CARD} .ns-part--opener .ns-part__text")
    assert squash(opener.inner_text()) == shown(blanks, source.opener, values)
    assert page.locator(f'{CARD} .ns-blank.is-filled[data-blank="interviewer_name"]').count() >= 1
    assert page.locator(f"{CARD} script").count() == 0
    assert page.watch.console_errors == []


def test_progress_lasts_for_the_tab_survives_instant_navigation_and_clears(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))
    page.goto(site_url)
    page.evaluate(f"sessionStorage.setItem('{KEY}', '{{not json')")
    open_rehearse(page, site_url)  # a broken saved value is ignored, not fatal
    start(page, "phone")
    first = current_id(page)
    page.keyboard.press("2")
    page.evaluate("window.__same_document = true")
    page.locator("a.md-header__button.md-logo").click()  # leave by instant navigation, then come back through history
    page.wait_for_selector(".ns-rehearse", state="detached")
    page.go_back()
    page.wait_for_selector(".ns-rehearse__setup:not([hidden])")  # re-initialised after instant navigation
    assert page.evaluate("window.__same_document") is True, "Material navigated without a reload"
    assert page.evaluate("window.location.pathname").endswith("/rehearse/")
    row = page.locator(f'.ns-rehearse__log li[data-script="{first}"] .ns-rehearse__log-state')
    assert row.inner_text() == "practised; answers met: not sure"
    assert "Practised 1 of" in page.locator(".ns-rehearse__tally").inner_text()
    page.locator('button[data-action="clear"]').click()
    assert row.inner_text() == "not practised yet"
    assert page.evaluate(f"sessionStorage.getItem('{KEY}')") is None
    project_keys = page.evaluate("Object.keys(sessionStorage).concat(Object.keys(localStorage)).filter(k => k.startsWith('next-step:'))")
    assert KEY not in project_keys
    assert page.watch.console_errors == []
    context.close()


def test_rehearsal_works_on_a_phone_without_overflow(phone_page, site_url, blanks, phone):
    page = phone_page
    open_rehearse(page, site_url)

    def overflow() -> int:
        return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow() <= 0
    page.locator('input[name="ns-rehearse-setting"][value="phone"]').tap()
    page.locator(".ns-rehearse__start").tap()
    for index in range(len(phone)):
        page.wait_for_selector(CARD)
        assert overflow() <= 0
        source = next(s for s in phone if s.id == current_id(page))
        page.locator('button[data-answer="if_no"]').tap()
        page.locator('button[data-action="reveal"]').tap()
        assert {k: squash(v) for k, v in visible_replies(page).items()} == {"if_no": shown(blanks, source.if_no)}
        if index == 0:
            assert overflow() <= 0
            sizes = page.locator(".ns-rehearse__controls button:visible").evaluate_all(
                "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })"
            )
            small = [s for s in sizes if s[1] < 44 or s[2] < 44]
            assert sizes and small == [], f"touch targets under 44 px: {small}"
        page.locator(".ns-rehearse__next").tap()
    page.wait_for_selector(".ns-rehearse__done:not([hidden])")
    assert overflow() <= 0
    assert "Still to meet" in page.locator(".ns-rehearse__tally").inner_text()
    assert page.watch.console_errors == []


def test_without_javascript_every_card_is_listed_in_full(browser, site_url, library):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}rehearse/")
    spoken = [s for s in library.all_scripts() if library.setting(s.setting).kind == "spoken"]
    cards = page.locator(".ns-rehearse__card")
    assert cards.count() == len(spoken)
    assert all(cards.nth(i).is_visible() for i in range(cards.count()))
    assert page.locator(".ns-rehearse .ns-answer").count() == len(REPLIES) * len(spoken)
    assert page.locator(".ns-rehearse .ns-answer").last.is_visible()
    for hidden in (".ns-rehearse__setup", ".ns-rehearse__controls", ".ns-rehearse__progress"):
        assert page.locator(hidden).is_hidden(), hidden
    context.close()


def test_axe_finds_nothing_in_the_dark_palette_either(browser, site_url, phone):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    open_rehearse(page, site_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert_axe_clean(page, "dark, initial")
    start(page, "phone")
    page.keyboard.press("3")
    page.keyboard.press("v")
    assert_axe_clean(page, "dark, answer revealed")
    for _ in phone:
        page.keyboard.press("ArrowRight")
    page.wait_for_selector(".ns-rehearse__done:not([hidden])")
    assert_axe_clean(page, "dark, finished")
    context.close()


def test_printing_mid_rehearsal_gives_every_card_and_no_controls(page, site_url, library):
    open_rehearse(page, site_url)
    start(page, "phone")
    page.keyboard.press("1")
    page.emulate_media(media="print")
    spoken = [s for s in library.all_scripts() if library.setting(s.setting).kind == "spoken"]
    assert page.locator(".ns-rehearse__card:visible").count() == len(spoken)
    assert page.locator(".ns-rehearse .ns-answer:visible").count() == len(REPLIES) * len(spoken)
    for control in (".ns-rehearse__controls", ".ns-rehearse__progress", ".ns-rehearse__position"):
        assert page.locator(control).is_hidden(), control


def test_only_the_rehearse_page_loads_the_player_and_it_starts_after_instant_navigation(page, site_url):
    loaded = []
    page.on("request", lambda request: "rehearse." in request.url and loaded.append(request.url))
    page.goto(f"{site_url}scripts/phone/")
    assert loaded == [], "script pages must not pay for the rehearse player"
    page.evaluate("window.__same_document = true")
    page.locator('.md-nav a[href$="rehearse/"]').first.evaluate("link => link.click()")  # the nav section may be folded
    page.wait_for_selector(".ns-rehearse__setup:not([hidden])")
    assert page.evaluate("window.__same_document") is True, "arrived by instant navigation"
    assert any(url.endswith("rehearse.js") for url in loaded) and any(url.endswith("rehearse.css") for url in loaded)
    start(page, "phone")
    assert page.locator(CARD).count() == 1
    assert page.watch.console_errors == []
