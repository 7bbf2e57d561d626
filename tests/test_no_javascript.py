"""With JavaScript off, every page says only what works (scripts to read, blank cards to print with the browser's Print).

Words about the details panel, filters, Copy, the print and Rehearse controls, share links, Remember/Forget
and the offline copy's buttons sit in elements that site.css hides without the `ns-js` class, or are worded
so they hold without it; this walks every built page with JavaScript off and reads what is visible.
"""

from __future__ import annotations

import re

import pytest
from helpers import NOT_FOUND

# Names of controls that exist only where JavaScript runs, as a reader would meet them in a sentence.
JS_ONLY_CONTROLS = (
    "details panel", '"your details"', "fill in your details", "script shows your own words", "remember on this device", "forget my details",
    "share link", "copy button", "press copy", "print cards", "choose all", "card size", "scripts you choose", "tick the scripts",
    "filter", "rehearse this", "rehearse these", "start rehearsing", "start timer", "read it to me", "press record",
    "keep an offline copy", "remove offline copy", "the button below", "page reloads",
)
# My cards and Rehearse: owned by the print-flow work (issue 14, items 4, 5 and 7), with their own JavaScript-off tests.
# Performance: a report of what each feature costs, which names the controls it measures and asks the reader to do nothing.
ELSEWHERE = {"my-cards/", "rehearse/", "performance/"}


def js_only_mentions(text: str) -> list[str]:
    """Each phrase of JS_ONLY_CONTROLS that `text` mentions, with the words around it."""
    found = []
    for phrase in JS_ONLY_CONTROLS:
        for match in re.finditer(re.escape(phrase), text, re.I):
            found.append(f"{phrase!r} in '...{text[max(0, match.start() - 60):match.end() + 60]}...'".replace("\n", " "))
    return found


def test_the_phrase_check_finds_a_mention_and_passes_plain_words():
    assert js_only_mentions("Open the Details panel, then press Copy.") != []
    assert js_only_mentions('Type into "Your details" and tick the scripts to print.') != []
    assert js_only_mentions("Read the script aloud, then print blank cards with your browser's Print command.") == []


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_no_page_mentions_a_control_that_needs_javascript(no_js_page, deployed_url, all_pages):
    pages = [path for path in all_pages if path not in ELSEWHERE]
    assert NOT_FOUND in pages and "privacy/" in pages and any(path.startswith("scripts/") for path in pages)
    problems = []
    for path in pages:
        no_js_page.goto(deployed_url + path)
        # inner_text is what is rendered: text that CSS hides is left out.
        problems += [f"{path or 'home'}: {mention}" for mention in js_only_mentions(no_js_page.locator("body").inner_text())]
    assert not problems, "\n".join(problems)


def test_every_script_is_readable_without_javascript(no_js_page, deployed_url, all_pages, library):
    for setting in library.settings:
        labels = {blank_id: field.label for blank_id, field in library.blanks_for(setting.id).items()}  # a setting's own labels
        no_js_page.goto(f"{deployed_url}scripts/{setting.id}/")
        for script in library.scripts[setting.id]:
            block = no_js_page.locator(f'[data-script="{script.id}"]')
            assert block.is_visible(), f"{setting.id}/{script.id} is hidden"
            text = block.inner_text()
            assert script.title in text, f"{setting.id}/{script.id} shows no title"
            # Every text of the script, its blanks shown as their labels, is there to read.
            for each in script.texts:
                words = re.sub(r"\{([a-z_0-9]+)\}", lambda m, labels=labels: f"[{labels[m.group(1)]}]", each)
                assert " ".join(words.split()) in " ".join(text.split()), f"{setting.id}/{script.id} hides: {words[:60]}"
