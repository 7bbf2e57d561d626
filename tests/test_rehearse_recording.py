"""Rehearse's recorder in Chromium with a fake microphone: record, play back, talk time and pace;
nothing leaves the page; Delete and Forget leave nothing; a refused microphone breaks nothing else."""

from __future__ import annotations

import math
import re
import struct
import time
import wave
from pathlib import Path

import pytest
from helpers import CHROMIUM_FLAGS, Watch, axe_violations, chromium_path, set_scheme
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

RATE = 48_000
LOOP_SECONDS = 10
TONE_SPANS = ((0, 3), (5, 8))  # two 2-second silences: Chromium loops the file, so any 10 s of it holds 6 s of tone
TONE_SECONDS = sum(end - start for start, end in TONE_SPANS)
CARD = ".ns-rehearse__card:not([hidden])"
# Every blob: URL the page makes and has not revoked yet.
BLOB_WATCH = """
window.__liveBlobs = new Set();
const made = URL.createObjectURL, revoked = URL.revokeObjectURL;
URL.createObjectURL = (object) => { const url = made(object); window.__liveBlobs.add(url); return url; };
URL.revokeObjectURL = (url) => { window.__liveBlobs.delete(url); revoked(url); };
"""
SPEECH_STUB = (
    "window.__spoken = [];"
    "if (window.speechSynthesis) { speechSynthesis.speak = (u) => window.__spoken.push(u.text); speechSynthesis.cancel = () => {}; }"
)


def write_tone(path: Path) -> Path:
    """10 s of 440 Hz at half scale, silent from 3 to 5 s and from 8 to 10 s, as 16-bit mono PCM."""
    samples = bytearray()
    for index in range(RATE * LOOP_SECONDS):
        t = index / RATE
        on = any(start <= t < end for start, end in TONE_SPANS)
        samples += struct.pack("<h", round(0.5 * 32767 * math.sin(2 * math.pi * 440 * t)) if on else 0)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(samples))
    return path


@pytest.fixture(scope="module")
def microphone_browser(browser, tmp_path_factory):
    """Chromium whose microphone plays the tone file and whose permission prompt always says yes."""
    tone = write_tone(tmp_path_factory.mktemp("audio") / "tone.wav")
    flags = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", f"--use-file-for-fake-audio-capture={tone}"]
    # A second browser from the session's Playwright: two Playwright instances cannot share a thread.
    launched = browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS + flags)
    yield launched
    launched.close()


def watched_page(browser, site_url: str, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    watch = Watch(context, site_url.rstrip("/"))
    return context, context.new_page(), watch


def open_card(page, site_url: str) -> None:
    page.goto(f"{site_url}rehearse/")
    page.wait_for_selector(".ns-rehearse__setup:not([hidden])")
    page.check('input[name="ns-rehearse-setting"][value="phone"]')
    page.click(".ns-rehearse__start")
    page.wait_for_selector(CARD)
    page.wait_for_selector(".ns-recorder:not([hidden])")


def assert_axe_clean_in_both_palettes(page, state: str, context: str | None = ".ns-rehearse") -> None:
    """axe on the player (the part that changes; a whole-page run outlasts a short playback) in light and dark."""
    for scheme in ("default", "slate"):
        set_scheme(page, scheme)
        violations = axe_violations(page, context)
        assert violations == [], f"axe, {state}, {scheme}:\n" + "\n".join(violations)
    set_scheme(page, "default")


def press_in_player(page, key: str) -> None:
    """A shortcut, pressed with the focus inside the player, where shortcuts work."""
    page.locator(".ns-recorder__record").focus()
    page.keyboard.press(key)


def record(page, seconds: float) -> float:
    """Record for about `seconds`; the time between the recording's start and the Stop press."""
    press_in_player(page, "m")
    page.wait_for_selector(".ns-recorder.is-recording")
    started = time.monotonic()
    page.wait_for_timeout(seconds * 1000)
    press_in_player(page, "m")
    length = time.monotonic() - started
    page.wait_for_selector(".ns-recorder__result:not([hidden])")
    return length


def recording_url(page) -> str:
    return page.locator(".ns-recorder__audio").evaluate("audio => audio.src")


def status(page, expected: str | None = None) -> str:
    """The recorder's announcement; with `expected`, the one that replaces what it said before (announced 50 ms late)."""
    try:
        page.wait_for_function("(expected) => { const said = document.querySelector('.ns-recorder__status').textContent; return expected ? said === expected : said !== ''; }",
                               arg=expected, timeout=5000)
    except PlaywrightTimeout:
        pass  # the assertion below shows what it says instead
    return page.locator(".ns-recorder__status").inner_text()


def test_a_recording_plays_back_with_its_length_talk_time_and_pace(microphone_browser, site_url):
    context, page, watch = watched_page(microphone_browser, site_url, permissions=["microphone"])
    open_card(page, site_url)
    assert page.locator(".ns-recorder__note").inner_text().startswith("Your browser asks for the microphone when you first press Record.")
    buttons = page.locator(".ns-recorder button:visible").evaluate_all("els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])")
    assert buttons and all(width >= 47.5 and height >= 47.5 for width, height in buttons), f"touch targets under 48 px: {buttons}"
    assert_axe_clean_in_both_palettes(page, "ready to record", context=None)

    press_in_player(page, "m")
    page.wait_for_selector(".ns-recorder.is-recording")
    assert status(page).startswith("Recording.")
    assert page.locator(".ns-recorder__record .ns-recorder__label").inner_text() == "Stop"
    assert_axe_clean_in_both_palettes(page, "recording")
    press_in_player(page, "m")
    page.wait_for_selector(".ns-recorder__result:not([hidden])")
    assert page.locator(".ns-recorder__record .ns-recorder__label").inner_text() == "Record again"

    # Recorded again, for one whole loop of the file, with nothing else keeping the page busy.
    length = record(page, LOOP_SECONDS)
    result = page.locator(".ns-recorder__result")

    # The page measured the tone, not the silences, against the card's own target and word count.
    card = page.locator(CARD)
    target, words = int(card.get_attribute("data-target-seconds")), int(card.get_attribute("data-target-words"))
    talk = float(result.get_attribute("data-talk-seconds"))
    assert abs(talk - TONE_SECONDS) <= 0.1 * TONE_SECONDS, f"talk time {talk} s for {TONE_SECONDS} s of tone"
    text = result.inner_text()
    assert f"You spoke for {round(talk)} s; aim for about {target} s." in text
    pace = int(re.search(r"about (\d+) words a minute", text).group(1))
    assert abs(pace - words * 60 / talk) <= 1, text
    assert status(page).startswith("Recording stopped at 0:10.")

    # The player knows the recording's length (a fresh webm reports Infinity until it is sought).
    page.wait_for_function("() => Number.isFinite(document.querySelector('.ns-recorder__audio').duration)")
    duration = page.locator(".ns-recorder__audio").evaluate("audio => audio.duration")
    assert abs(duration - length) <= 0.1 * length, f"plays {duration} s of a {length:.2f} s recording"
    assert page.locator(".ns-recorder__audio").evaluate("audio => audio.currentTime") == 0

    press_in_player(page, "b")
    page.wait_for_function("() => { const a = document.querySelector('.ns-recorder__audio'); return !a.paused && a.currentTime > 0.5; }")
    assert page.locator(".ns-recorder__play .ns-recorder__label").inner_text() == "Stop playing"
    press_in_player(page, "b")
    assert page.locator(".ns-recorder__audio").evaluate("audio => audio.paused")
    assert page.locator(".ns-recorder__play .ns-recorder__label").inner_text() == "Play back"
    assert_axe_clean_in_both_palettes(page, "recorded")
    press_in_player(page, "b")
    page.wait_for_function("() => !document.querySelector('.ns-recorder__audio').paused")
    assert_axe_clean_in_both_palettes(page, "playing back")
    assert watch.console_errors == []
    context.close()


def test_nothing_leaves_the_page_while_recording_or_playing(microphone_browser, site_url):
    context, page, watch = watched_page(microphone_browser, site_url, permissions=["microphone"])
    open_card(page, site_url)
    icon = page.evaluate("document.querySelector('link[rel~=icon]').href")
    before = len(watch.requests)
    record(page, 3)
    url = recording_url(page)
    page.wait_for_function("() => Number.isFinite(document.querySelector('.ns-recorder__audio').duration)")
    page.locator(".ns-recorder__audio").evaluate("audio => audio.addEventListener('ended', () => (window.__played = true))")
    press_in_player(page, "b")
    page.wait_for_function("() => window.__played === true", timeout=15_000)
    assert page.locator(".ns-recorder__play .ns-recorder__label").inner_text() == "Play back"
    during = watch.requests[before:]
    assert url.startswith("blob:") and url in during, "the player reads the recording from memory"
    # Chromium fetches the tab's icon again when the tab starts or stops making sound: the page asks for nothing.
    assert [request for request in during if request not in (url, icon)] == []
    assert watch.violations == []
    assert watch.console_errors == []
    context.close()


def test_delete_and_forget_leave_no_recording_reachable(microphone_browser, site_url):
    context, page, watch = watched_page(microphone_browser, site_url, permissions=["microphone"])
    context.add_init_script(BLOB_WATCH)
    open_card(page, site_url)

    def reachable(url: str) -> bool:
        # Read as media, which the policy allows from blob: (a fetch() would be refused by connect-src anyway).
        return page.evaluate("""url => new Promise((done) => {
          const probe = new Audio();
          probe.onloadedmetadata = () => done(true);
          probe.onerror = () => done(false);
          probe.src = url;
        })""", url)

    def assert_nothing_left(url: str, how: str) -> None:
        # No source, and nothing loaded (currentSrc may keep the revoked address as a string: it points nowhere).
        holding = "[...document.querySelectorAll('audio, video')].filter(m => m.hasAttribute('src') || m.srcObject || m.querySelector('source') || m.networkState || m.readyState)"
        try:  # the player empties itself at once; its states settle within a few tasks
            page.wait_for_function(f"{holding}.length === 0", timeout=3000)
        except PlaywrightTimeout:
            pass
        assert page.evaluate(f"{holding}.map(m => [m.className, m.getAttribute('src'), m.networkState, m.readyState])") == [], how
        assert page.evaluate("[...window.__liveBlobs]") == [], f"{how}: a blob URL is still alive"
        assert page.locator(".ns-recorder__result").is_hidden() and page.locator(".ns-recorder__play").is_hidden(), how
        assert page.locator(".ns-recorder__record .ns-recorder__label").inner_text() == "Record", how
        assert not reachable(url), f"{how}: the recording can still be fetched"

    record(page, 2)
    deleted = recording_url(page)
    assert page.evaluate("[...window.__liveBlobs]") == [deleted] and reachable(deleted), "the probes can see a live recording"
    page.locator(".ns-recorder__delete").click()
    assert page.evaluate("document.activeElement.dataset.record") == "record", "focus goes back to Record"
    assert status(page, "Recording deleted.") == "Recording deleted."
    errors_before_probe = list(watch.console_errors)
    assert_nothing_left(deleted, "after Delete")

    record(page, 2)
    forgotten = recording_url(page)
    assert forgotten != deleted and reachable(forgotten)
    # Focus mode hides the details panel while a card is up, so Forget is pressed the only way left: in script.
    # What is tested is the wiring: the Forget action drops the recording held in memory.
    page.locator(".ns-details__forget").dispatch_event("click")
    assert_nothing_left(forgotten, "after Forget my details")
    assert errors_before_probe == []
    assert watch.violations == []
    context.close()


def test_a_refused_microphone_leaves_the_timer_answers_and_read_aloud_working(browser, site_url):
    # A microphone exists, but no fake prompt answers for it and the context grants nothing: the browser refuses.
    refusing = browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS + ["--use-fake-device-for-media-stream"])
    try:
        context, page, watch = watched_page(refusing, site_url)
        context.add_init_script(SPEECH_STUB)
        open_card(page, site_url)
        page.keyboard.press("m")  # the focus is on the card, inside the player
        problem = page.locator(".ns-recorder__problem")
        problem.wait_for(state="visible")
        assert problem.inner_text().startswith("The microphone was not allowed, so nothing was recorded.")
        assert status(page) == problem.inner_text()
        assert page.locator(".ns-recorder__record").is_visible() and page.locator(".ns-recorder__play").is_hidden()
        assert_axe_clean_in_both_palettes(page, "microphone refused")

        page.locator(CARD).locator("h2").focus()
        page.keyboard.press("t")
        page.wait_for_function("() => document.querySelector('.ns-rehearse__clock').textContent !== '0:00'")
        page.keyboard.press("t")
        assert page.locator('button[data-action="timer"] .ns-rehearse__label').inner_text() == "Start timer"
        page.keyboard.press("l")
        said = " ".join(page.locator(f"{CARD} .ns-part--{part} .ns-part__text").inner_text() for part in ("opener", "close"))
        assert [" ".join(text.split()) for text in page.evaluate("window.__spoken")] == [" ".join(said.split())]
        page.keyboard.press("2")
        assert page.locator('button[data-answer="if_not_sure"]').get_attribute("aria-pressed") == "true"
        page.keyboard.press("v")
        assert page.locator(f'{CARD} .ns-answer[data-answer="if_not_sure"]').is_visible()
        assert watch.console_errors == []
        assert watch.violations == []
        context.close()
    finally:
        refusing.close()
