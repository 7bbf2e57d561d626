"""core.js: the one shared JavaScript file. Helpers live there only, its events are all documented
and used, every page loads it before the feature scripts, and its helpers behave in Chromium."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

from macros.rehearse import clock

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
CORE = (SCRIPTS / "core.js").read_text(encoding="utf-8")
FEATURES = {path.name: path.read_text(encoding="utf-8") for path in sorted(SCRIPTS.glob("*.js")) if path.name != "core.js"}
# Functions a feature file declares directly inside its wrapping function (two spaces in).
TOP_LEVEL = re.compile(r"^  (?:const ([\w$]+) = (?:\(|[\w$]+ =>)|function ([\w$]+))", re.MULTILINE)
PROJECT_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/(\w+)\.js"( defer)?>')


def exported_names() -> set[str]:
    body = re.search(r"window\.nextStep = \{(.*?)\n  \};", CORE, re.DOTALL).group(1)
    return set(re.findall(r"^    ([\w$]+)", body, re.MULTILINE))


def test_core_exports_the_shared_helpers():
    assert {"$", "$$", "make", "on", "clock", "text", "storage", "remembered", "stores", "announcer", "onEveryPage"} <= exported_names()
    assert "document$.subscribe" in CORE


def test_no_helper_is_defined_in_two_files():
    exported = exported_names()
    seen: dict[str, str] = {}
    for name, source in FEATURES.items():
        assert "window.nextStep" in source, f"{name} does not take its helpers from core.js"
        assert "document$" not in source and "DOMContentLoaded" not in source, f"{name} runs itself instead of using onEveryPage"
        for declared in (arrow or function for arrow, function in TOP_LEVEL.findall(source)):
            assert declared not in exported, f"{name} defines its own {declared}, which core.js already shares"
            # Each feature's entry point is called init and handed to onEveryPage.
            if declared != "init":
                assert declared not in seen, f"{declared} is defined in both {seen[declared]} and {name}"
                seen[declared] = name


def test_every_event_is_documented_in_core_and_dispatched():
    every = CORE + "".join(FEATURES.values())
    dispatched = set(re.findall(r'new CustomEvent\("(next-step:[a-z-]+)"', every))
    listened = set(re.findall(r'addEventListener\("(next-step:[a-z-]+)"', every))
    header = CORE[: CORE.index("(() => {")]
    documented = set(re.findall(r'^//\s+"(next-step:[a-z-]+)"', header, re.MULTILINE))
    assert "next-step:forgotten" in documented
    assert dispatched == documented
    assert listened <= documented


def test_every_page_loads_core_before_the_feature_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        scripts = PROJECT_SCRIPT.findall(page.read_text(encoding="utf-8"))
        names = [name for name, _ in scripts]
        assert "core" in names, page
        # A deferred script (rehearse.js, inside the Rehearse page) runs after every plain one.
        plain = [name for name, deferred in scripts if not deferred]
        assert plain[0] == "core", f"{page}: {plain}"
        assert names.count("core") == 1


# --- the helpers in Chromium, on a page of their own (no Material, so no document$) ----------

ORIGIN = "http://core.test/"


@pytest.fixture
def core_page(browser):
    context = browser.new_context()
    context.route(f"{ORIGIN}**", lambda route: route.fulfill(
        content_type="text/html",
        body='<!doctype html><html lang="en"><title>core</title><p id="status" role="status"></p><div class="box"><button><span>in</span></button></div>',
    ))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(ORIGIN)
    page.add_script_tag(content=CORE)
    yield page
    assert errors == []
    context.close()


@pytest.mark.browser
def test_on_every_page_runs_each_feature_once_without_material(core_page):
    runs = core_page.evaluate("""() => {
        const runs = [];
        // true the first time only, so a feature adds its once-only listeners then (rehearse-record.js)
        runs.push(nextStep.onEveryPage("a", () => runs.push("a")));
        runs.push(nextStep.onEveryPage("a", () => runs.push("a again")));  // the same feature loaded twice
        runs.push(nextStep.onEveryPage("b", () => runs.push("b")));
        return runs;
    }""")
    assert runs == ["a", True, False, "b", True]


@pytest.mark.browser
def test_on_every_page_follows_materials_document_subject(core_page):
    runs = core_page.evaluate("""() => {
        const subscribers = [];
        window.document$ = { subscribe: (next) => subscribers.push(next) };
        const runs = [];
        nextStep.onEveryPage("c", () => runs.push("c"));
        nextStep.onEveryPage("c", () => runs.push("c again"));
        subscribers.forEach((next) => next(document));  // the first page
        subscribers.forEach((next) => next(document));  // an instant navigation
        return [subscribers.length, runs];
    }""")
    assert runs == [1, ["c", "c"]]


@pytest.mark.browser
def test_storage_follows_the_remember_flag_and_survives_refusal(core_page):
    where = """() => nextStep.stores().map((store) => store === null ? "null" : store === sessionStorage ? "session" : "local")"""
    assert core_page.evaluate(where) == ["session", "local"]
    core_page.evaluate("() => localStorage.setItem(nextStep.FLAG, '1')")
    assert core_page.evaluate("() => nextStep.remembered()") is True
    assert core_page.evaluate(where) == ["local", "session"]
    # A browser that refuses storage throws on access: the helpers answer null, never throw.
    core_page.evaluate("""() => Object.defineProperty(window, "localStorage", { get() { throw new DOMException("refused", "SecurityError"); } })""")
    assert core_page.evaluate("() => nextStep.storage('localStorage')") is None
    assert core_page.evaluate("() => nextStep.remembered()") is False
    assert core_page.evaluate(where) == ["session", "null"]


@pytest.mark.browser
def test_the_announcer_repeats_a_message_and_clears_it_when_asked(core_page):
    core_page.evaluate("() => { window.say = nextStep.announcer(() => document.getElementById('status'), 300); say('Saved.'); }")
    core_page.wait_for_function("() => document.getElementById('status').textContent === 'Saved.'")
    # The same message again is emptied first, so screen readers hear it twice.
    assert core_page.evaluate("() => { say('Saved.'); return document.getElementById('status').textContent; }") == ""
    core_page.wait_for_function("() => document.getElementById('status').textContent === 'Saved.'")
    core_page.wait_for_function("() => document.getElementById('status').textContent === ''")
    # Without clearAfter the message stays; a missing status element is not an error.
    core_page.evaluate("() => { nextStep.announcer(() => document.getElementById('status'))('Kept.'); nextStep.announcer(() => null)('Nowhere.'); }")
    core_page.wait_for_function("() => document.getElementById('status').textContent === 'Kept.'")


@pytest.mark.browser
def test_on_hands_the_matching_element_to_its_handler(core_page):
    core_page.evaluate("() => { window.got = []; nextStep.on('click', '.box button', (button, event) => got.push([button.tagName, event.type])); }")
    core_page.locator(".box span").click()
    core_page.locator("#status").dispatch_event("click")  # outside the selector: not handled
    assert core_page.evaluate("() => got") == [["BUTTON", "click"]]
    made = core_page.evaluate("() => { const node = nextStep.make('p', 'ns-x'); return [node.tagName, node.className]; }")
    assert made == ["P", "ns-x"]


@pytest.mark.browser
def test_clock_shows_seconds_as_the_rehearse_page_prints_them(core_page):
    whole = [0, 9, 59, 60, 65, 600, 3599]
    assert core_page.evaluate("(all) => all.map(nextStep.clock)", whole) == [clock(seconds) for seconds in whole]
    # The recorder's lengths are fractions: shown as the whole seconds already gone.
    assert core_page.evaluate("() => [9.99, 59.5, 60.01].map(nextStep.clock)") == ["0:09", "0:59", "1:00"]
