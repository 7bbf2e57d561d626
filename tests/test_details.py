"""The "Your details" panel in Chromium: fill once, every script personalised, privately."""

from __future__ import annotations

import functools
import json
import re
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import quote, unquote, urlparse

import pytest
from helpers import ROOT, PageWatch, QuietHandler, axe_violations, build_site, open_panel
from playwright.sync_api import expect

from macros.panel import blanks_in_use, fields_by_use
from macros.schema import PART_LABELS, REPLIES

pytestmark = pytest.mark.browser
FORBIDDEN_SINKS = re.compile(r"\.\s*(?:innerHTML|outerHTML)\b|\binsertAdjacentHTML\b|\bdocument\s*\.\s*write(?:ln)?\b")



def dom(key: str) -> str:
    """A value key as the panel writes it in element ids: "next_step.phone" -> "next_step-phone"."""
    return key.replace(".", "-")


def settings_with_scripts(library) -> list[str]:
    return [setting.id for setting in library.settings if library.scripts[setting.id]]


@pytest.fixture(scope="module")
def all_blanks(library):
    """Every value key some page fills (a blank's, or a per-setting variant's), with its label and limits."""
    return {blank.id: blank for blank in blanks_in_use(library)}


@pytest.fixture(scope="module")
def blanks(library, first_setting):
    """The values the first setting's page asks for, by value key."""
    return {blank.id: blank for blank in blanks_in_use(library, first_setting)}


@pytest.fixture(scope="module")
def sample_values(blanks) -> dict[str, str]:
    """A value per field of the first setting's page, each within its max_length: the data's own examples."""
    return {blank_id: blank.example for blank_id, blank in blanks.items()}


@pytest.fixture(scope="module")
def first_setting(library) -> str:
    return (settings_with_scripts(library) * 2)[0]


@pytest.fixture(scope="module")
def second_setting(library) -> str:
    return (settings_with_scripts(library) * 2)[1]


def script_url(site_url: str, setting: str) -> str:
    return f"{site_url}scripts/{setting}/"


def blanks_on(page) -> list[dict]:
    return page.locator(".ns-blank").evaluate_all(
        "els => els.map(e => ({id: e.dataset.blank, text: e.textContent, filled: e.classList.contains('is-filled')}))"
    )


def assert_blanks_show(blanks, page, values: dict[str, str]) -> None:
    """Every blank on the page shows its value when it has one, else its label in brackets."""
    shown = blanks_on(page)
    assert shown, "the page has no blank to check"
    for blank in shown:
        value = values.get(blank["id"])
        expected = value if value else f"[{blanks[blank['id']].label}]"
        assert (blank["text"], blank["filled"]) == (expected, bool(value)), blank["id"]


def fill_panel(page, values: dict[str, str]) -> None:
    """Fill the fields the page asks for; a value key of another setting has no field here."""
    open_panel(page)
    for blank_id, value in values.items():
        field = page.locator(f'.ns-details input[data-blank="{blank_id}"]')
        if field.count():
            field.fill(value)


def storage_keys(page) -> dict[str, dict[str, str]]:
    return page.evaluate(
        "() => Object.fromEntries(['localStorage', 'sessionStorage'].map(n => [n, Object.fromEntries(Object.entries(window[n]))]))"
    )


def assert_clean(page) -> None:
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def new_watched_page(context, site_url: str):
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))
    return page


@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory):
    """The site built for the address it is served at: Material's instant navigation only
    follows links found in sitemap.xml, port included, so the shared build never uses it."""
    site_dir = tmp_path_factory.mktemp("instant-site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = build_site(ROOT, site_dir, site_url=url)  # every language's address, so the language links stay on this server
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.fixture
def instant_page(browser, instant_site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield new_watched_page(context, instant_site_url)
    context.close()


@pytest.fixture
def instant_phone_page(browser, instant_site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield new_watched_page(context, instant_site_url)
    context.close()


# --- the panel and live filling ----------------------------------------------------------


def test_without_javascript_every_blank_is_labelled_and_no_panel_shows(all_blanks, browser, site_url, blanks, first_setting):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(script_url(site_url, first_setting))
    assert page.locator(".ns-details").count() == 1
    expect(page.locator(".ns-details")).to_be_hidden()
    assert page.locator(".ns-copy").count() == 0
    assert_blanks_show(all_blanks, page, {})
    context.close()


def test_panel_lists_every_used_blank_with_label_hint_example_and_max_length(page, site_url, blanks, first_setting, library):
    page.goto(script_url(site_url, first_setting))
    expect(page.locator(".ns-details")).to_be_visible()
    open_panel(page)
    fields = page.locator(".ns-details input[data-blank]")
    assert fields.evaluate_all("els => els.map(e => e.dataset.blank)") == [field.id for field, _ in fields_by_use(library, first_setting)]
    for blank_id, blank in blanks.items():
        field = page.locator(f"#ns-field-{dom(blank_id)}")
        expect(field).to_be_visible()
        assert field.get_attribute("maxlength") is None, "a browser's maxlength cuts the reader's words silently"
        assert field.get_attribute("data-max-length") == str(blank.max_length)
        label = page.locator(f'label[for=\"ns-field-{dom(blank_id)}\"]')
        expect(label).to_be_visible()
        assert label.inner_text().lower() == blank.label.lower()
        hint = page.locator(f"#ns-hint-{dom(blank_id)}")
        assert blank.hint in hint.inner_text() and blank.example in hint.inner_text()
        assert f"ns-hint-{dom(blank_id)}" in field.get_attribute("aria-describedby").split()
    assert_clean(page)


def test_typing_updates_every_blank_on_the_page_without_reload(all_blanks, page, site_url, blanks, sample_values, first_setting):
    page.goto(script_url(site_url, first_setting))
    page.evaluate("() => { window.stillTheSamePage = true; window.changes = 0; document.addEventListener('next-step:details-changed', () => window.changes++); }")
    assert_blanks_show(all_blanks, page, {})
    open_panel(page)
    typed: dict[str, str] = {}
    for blank_id, value in sample_values.items():
        page.locator(f"#ns-field-{dom(blank_id)}").fill(value)
        typed[blank_id] = value
        assert_blanks_show(all_blanks, page, typed)
    expect(page.locator(".ns-details__count")).to_have_text(f"{len(sample_values)} of {len(sample_values)} filled")
    # Emptying a field brings its label back.
    emptied = next(iter(sample_values))
    page.locator(f"#ns-field-{dom(emptied)}").fill("   ")
    assert_blanks_show(all_blanks, page, {**typed, emptied: ""})
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.evaluate("window.changes") >= len(sample_values) + 1
    assert_clean(page)


def test_values_follow_instant_navigation_and_a_reload(all_blanks, instant_page, instant_site_url, blanks, sample_values, first_setting, second_setting):
    page, site_url = instant_page, instant_site_url
    page.goto(script_url(site_url, first_setting))
    fill_panel(page, sample_values)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    page.locator(f'.md-sidebar--primary a.md-nav__link[href$="/{second_setting}/"]').click()
    page.wait_for_url(re.compile(rf"/scripts/{second_setting}/(#.*)?$"))
    expect(page.locator(".ns-details")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True, "expected Material's instant navigation, not a page load"
    assert_blanks_show(all_blanks, page, sample_values)
    shared = [key for key in sample_values if page.locator(f"#ns-field-{dom(key)}").count()]
    assert len(shared) >= 3, "settings share most details: a reader is not asked again"
    for blank_id in shared:
        expect(page.locator(f"#ns-field-{dom(blank_id)}")).to_have_value(sample_values[blank_id])
    # The reader opened the panel and left it open: it stays open on the next page.
    assert page.locator(".ns-details__box").evaluate("b => b.open") is True
    page.reload()
    expect(page.locator(".ns-details")).to_be_visible()
    assert_blanks_show(all_blanks, page, sample_values)
    assert_clean(page)


def test_phone_fill_then_next_page_is_personalised(all_blanks, instant_phone_page, instant_site_url, blanks, sample_values, first_setting, second_setting):
    page, site_url = instant_phone_page, instant_site_url
    page.goto(script_url(site_url, first_setting))
    fill_panel(page, sample_values)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    for element in page.locator(".ns-details input:visible, .ns-details button:visible, .ns-details summary").all():
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, element.evaluate("e => e.outerHTML.slice(0, 80)")
    next_link = page.locator("a.md-footer__link--next")
    assert next_link.get_attribute("href").rstrip("/").endswith(second_setting)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    next_link.click()
    page.wait_for_url(re.compile(rf"/scripts/{second_setting}/(#.*)?$"))
    expect(page.locator(".ns-details")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    assert_blanks_show(all_blanks, page, sample_values)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_clean(page)


# --- storage: tab, remember, forget --------------------------------------------------------


def test_a_new_tab_starts_empty_without_remember(all_blanks, page, site_url, blanks, sample_values, first_setting):
    page.goto(script_url(site_url, first_setting))
    fill_panel(page, sample_values)
    assert json.loads(storage_keys(page)["sessionStorage"]["next-step:details"]) == sample_values
    assert "next-step:details" not in storage_keys(page)["localStorage"]
    page.reload()
    assert_blanks_show(all_blanks, page, sample_values)
    other_tab = new_watched_page(page.context, site_url)
    other_tab.goto(script_url(site_url, first_setting))
    expect(other_tab.locator(".ns-details")).to_be_visible()
    assert_blanks_show(all_blanks, other_tab, {})
    for blank_id in sample_values:
        expect(other_tab.locator(f"#ns-field-{dom(blank_id)}")).to_have_value("")
    assert_clean(other_tab)


def test_remember_keeps_values_for_a_new_tab_and_unticking_takes_them_back(all_blanks, page, site_url, blanks, sample_values, first_setting, second_setting):
    page.goto(script_url(site_url, first_setting))
    fill_panel(page, sample_values)
    page.locator("#ns-remember").check()
    keys = storage_keys(page)
    assert keys["localStorage"]["next-step:remember"] == "1"
    assert json.loads(keys["localStorage"]["next-step:details"]) == sample_values
    assert "next-step:details" not in keys["sessionStorage"]
    page.close()
    reopened = new_watched_page(page.context, site_url)
    reopened.goto(script_url(site_url, second_setting))
    expect(reopened.locator(".ns-details")).to_be_visible()
    assert_blanks_show(all_blanks, reopened, sample_values)
    open_panel(reopened)
    expect(reopened.locator("#ns-remember")).to_be_checked()
    reopened.locator("#ns-remember").uncheck()
    keys = storage_keys(reopened)
    assert not any(key.startswith("next-step:") for key in keys["localStorage"])
    assert json.loads(keys["sessionStorage"]["next-step:details"]) == sample_values
    assert_blanks_show(all_blanks, reopened, sample_values)
    assert_clean(reopened)


def test_forget_removes_exactly_the_projects_keys(all_blanks, page, site_url, blanks, sample_values, first_setting):
    page.goto(script_url(site_url, first_setting))
    others = {
        "localStorage": {"/.__palette": '{"index":1}', "__palette": '{"index":0}', "/.__consent": "x"},
        "sessionStorage": {"/.__tabs": "[]", "someone-else:key": "kept"},
    }
    page.evaluate(
        "others => { for (const [n, items] of Object.entries(others)) for (const [k, v] of Object.entries(items)) window[n].setItem(k, v); "
        "localStorage.setItem('next-step:print-size', 'a6'); sessionStorage.setItem('next-step:rehearse-position', '2'); }",
        others,
    )
    fill_panel(page, sample_values)
    page.locator("#ns-remember").check()
    # Other features (Rehearse recordings) listen for this event to delete what they keep elsewhere.
    page.evaluate(
        "() => { window.forgotten = []; document.addEventListener('next-step:forgotten', () => window.forgotten.push("
        "[localStorage, sessionStorage].flatMap((store) => Object.keys(store)).filter((key) => key.startsWith('next-step:')))); }"
    )
    page.get_by_role("button", name="Forget my details").click()
    assert page.evaluate("window.forgotten") == [[]], "expected one next-step:forgotten event, after the keys were gone"
    keys = storage_keys(page)
    for name, items in others.items():
        assert {k: v for k, v in keys[name].items() if not k.startswith("next-step:")} == items
        assert [k for k in keys[name] if k.startswith("next-step:")] == []
    assert_blanks_show(all_blanks, page, {})
    for blank_id in sample_values:
        expect(page.locator(f"#ns-field-{dom(blank_id)}")).to_have_value("")
    expect(page.locator("#ns-remember")).not_to_be_checked()
    expect(page.locator(".ns-details__status")).to_contain_text("forgotten")
    other_tab = new_watched_page(page.context, site_url)
    other_tab.goto(script_url(site_url, first_setting))
    expect(other_tab.locator(".ns-details")).to_be_visible()
    assert_blanks_show(all_blanks, other_tab, {})
    assert_clean(page)


# --- copy ----------------------------------------------------------------------------------


def expected_copy(blanks, script, values: dict[str, str]) -> str:
    """The plain text a script should copy as, built from the data, not from the page; `blanks` are its setting's (Library.blanks_for)."""

    def filled(text: str) -> str:
        text = re.sub(r"\{([a-z0-9_]+)\}", lambda m: values.get(blanks[m.group(1)].id) or f"[{blanks[m.group(1)].label}]", text)
        return " ".join(text.split())

    first = f"{PART_LABELS['written']['subject']}: {filled(script.subject)}" if script.subject else script.title
    paragraphs = [first, filled(script.opener), filled(script.close)] + ([filled(script.sign_off)] if script.sign_off else [])  # the sign-off: its own line
    labels = {reply.key: reply.label for reply in REPLIES}
    answers = [f"{labels[key]}: {filled(text)}" for key, _, text in script.responses]
    if answers:
        paragraphs.append("\n".join(answers))
    return "\n\n".join(paragraphs)


@pytest.mark.per_data("setting", settings_with_scripts)
def test_copy_puts_the_filled_script_on_the_clipboard_and_says_so(browser, site_url, setting, library):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = new_watched_page(context, site_url)
    page.goto(script_url(site_url, setting))
    values = {field.id: field.example for field in blanks_in_use(library, setting)}
    partial = dict(list(values.items())[:-1])  # one blank left empty: it copies as its label
    fill_panel(page, partial)
    for script in library.scripts[setting]:
        button = page.locator(f'.ns-script[data-script="{script.id}"] .ns-copy')
        expect(button).to_have_accessible_name(f"Copy “{script.title}”")
        button.click()
        empty = [blank for blank in dict.fromkeys(library.blanks_for(setting)[b].id for b in script.blanks_used) if blank not in partial]
        if empty:  # never copied unknowingly: the empty blanks are listed first, each linked to its field
            check = page.locator(f'.ns-script[data-script="{script.id}"] .ns-copy__check')
            expect(check).to_contain_text("still empty")
            assert check.locator("a").evaluate_all("els => els.map(e => e.hash)") == [f"#ns-field-{dom(key)}" for key in empty]
            button.click()
        expect(button).to_contain_text("Copied")
        expect(page.locator(".ns-details__status")).to_contain_text(script.title)
        expect(page.locator(".ns-details__status")).to_contain_text("still empty" if empty else "with your details")
        assert page.evaluate("navigator.clipboard.readText()") == expected_copy(library.blanks_for(setting), script, partial)
    assert_clean(page)
    context.close()


# --- share link ----------------------------------------------------------------------------


def test_share_link_holds_values_only_after_the_hash_and_fills_the_panel(all_blanks, browser, page, site_url, blanks, sample_values, first_setting):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(unquote(request.url)))
    page.goto(script_url(site_url, first_setting))
    fill_panel(page, sample_values)
    share_box = page.locator(".ns-share")
    expect(share_box).to_be_hidden()
    assert page.locator("#ns-share-link").input_value() == ""
    page.get_by_role("button", name="Make a share link").click()
    expect(share_box).to_be_visible()
    expect(page.locator(".ns-share__warning")).to_contain_text("contains your details")
    link = page.locator("#ns-share-link").input_value()
    parsed = urlparse(link)
    assert parsed.query == "" and "?" not in link
    assert parsed.path == urlparse(page.url).path
    before_hash = unquote(link.split("#", 1)[0])
    for value in sample_values.values():
        assert value not in before_hash
        assert value in unquote(parsed.fragment)
    # A changed value makes the old link stale: it is taken away.
    page.locator(f"#ns-field-{dom(next(iter(sample_values)))}").fill("Changed")
    expect(share_box).to_be_hidden()

    context = browser.new_context()
    opened = new_watched_page(context, site_url)
    opened.on("request", lambda request: requested.append(unquote(request.url)))
    opened.goto(link)
    expect(opened.locator(".ns-details__status")).to_contain_text(f"Filled in {len(sample_values)}")
    for blank_id, value in sample_values.items():
        expect(opened.locator(f"#ns-field-{dom(blank_id)}")).to_have_value(value)
    assert_blanks_show(all_blanks, opened, sample_values)
    assert opened.evaluate("location.hash") == "", "the values should leave the address bar once used"
    assert json.loads(storage_keys(opened)["sessionStorage"]["next-step:details"]) == sample_values
    # No server ever saw a value: the fragment is never part of a request.
    for url in requested:
        assert not any(value in url for value in sample_values.values()), url
    assert_clean(opened)
    # Opened in the tab already on that page, where only the fragment changes, it fills too.
    page.get_by_role("button", name="Forget my details").click()
    page.goto(link)
    for blank_id, value in sample_values.items():
        expect(page.locator(f"#ns-field-{dom(blank_id)}")).to_have_value(value)
    assert_blanks_show(all_blanks, page, sample_values)
    assert_clean(page)
    context.close()


def test_a_damaged_share_link_fills_nothing_and_says_so(all_blanks, page, site_url, blanks, first_setting):
    page.goto(script_url(site_url, first_setting) + "#details=%7Bnot-json")
    expect(page.locator(".ns-details__status")).to_contain_text("damaged")
    assert_blanks_show(all_blanks, page, {})
    assert_clean(page)


# --- hostile values ------------------------------------------------------------------------

HOSTILE = {
    "markup": "<img src=x onerror=alert(1)>",
    "template": "{{7*7}}",
    "script-end": "</script><script>alert(2)</script>",
    "long": "x" * 2000,
    "emoji": "Dana 🎉👩🏽‍💻",
    "right-to-left": "دانا כהן",
    "lone-surrogate": "\ud800",
}
# Set from JavaScript, so nothing on the way (Python, JSON) can repair the broken character.
SET_VALUE = """([id, value, surrogate]) => {
  const field = document.getElementById(id);
  field.value = surrogate ? "Dana\\uD800" : value;
  field.dispatchEvent(new Event("input", {bubbles: true}));
  field.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def outcome(page, blank_id: str) -> dict:
    field = page.locator(f"#ns-field-{dom(blank_id)}")
    return {
        "value": field.input_value(),
        "invalid": field.get_attribute("aria-invalid") == "true",
        "refused": page.locator(f"#ns-error-{dom(blank_id)}").inner_text().startswith("Not used"),
        "message": page.locator(f"#ns-error-{dom(blank_id)}").inner_text(),
        "blanks": page.locator(f'.ns-blank[data-blank="{blank_id}"]').evaluate_all("els => els.map(e => [e.textContent, e.classList.contains('is-filled')])"),
    }


def assert_literal_or_refused(blanks, page, blank_id: str) -> dict:
    result = outcome(page, blank_id)
    too_long = len(utf16(result["value"].strip())) // 2 > blanks[blank_id].max_length
    if result["refused"]:
        assert result["invalid"]
        assert all(blank == [f"[{blanks[blank_id].label}]", False] for blank in result["blanks"])
    else:
        # Too long: kept whole and flagged, never cut; within the limit, no error (at most a counter "48 of 55").
        assert result["invalid"] == too_long and ("over" in result["message"]) == too_long, result
        assert result["message"] == "" or too_long or re.fullmatch(r"\d+ of \d+", result["message"]), result["message"]
        value = result["value"].strip()
        expected = [value, True] if value else [f"[{blanks[blank_id].label}]", False]
        assert all(blank == expected for blank in result["blanks"])
    return result


def utf16(value: str) -> bytes:
    """The browser measures text in UTF-16 code units, as maxlength does."""
    return value.encode("utf-16-le", "surrogatepass")


def refusal_expected(blanks, value: str, blank_id: str) -> bool:
    """Only a broken character is refused: a value past its limit is kept whole and flagged."""
    return "\ud800" in value


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_values_show_literally_or_are_refused_never_run(page, site_url, name, blanks, first_setting):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(script_url(site_url, first_setting))
    open_panel(page)
    blank_id = max(blanks, key=lambda b: blanks[b].max_length)  # the widest field, to show as much as can be
    count_elements = "() => ({img: document.images.length, script: document.scripts.length, nodes: document.querySelectorAll('.ns-script *').length})"
    before = page.evaluate(count_elements)
    value = HOSTILE[name]
    surrogate = name == "lone-surrogate"

    # Typed (nothing cuts it short)...
    if not surrogate:
        page.locator(f"#ns-field-{dom(blank_id)}").fill(value)
        typed = assert_literal_or_refused(blanks, page, blank_id)
        assert not typed["refused"]
        assert typed["value"] == value
    # ...and set directly, as a paste or a script could.
    page.evaluate(SET_VALUE, [f"ns-field-{dom(blank_id)}", value, surrogate])
    direct = assert_literal_or_refused(blanks, page, blank_id)
    assert direct["refused"] == refusal_expected(blanks, "Dana\ud800" if surrogate else value, blank_id)
    if direct["refused"]:
        expect(page.locator(".ns-details__status")).to_contain_text("Not used")
    else:
        assert direct["blanks"][0][0] == value
    if name == "long":
        assert f"{2000 - blanks[blank_id].max_length} characters over {blanks[blank_id].max_length}" in direct["message"]
        expect(page.locator(".ns-details__status")).to_contain_text("characters over")
    page.reload()
    expect(page.locator(".ns-details")).to_be_visible()
    assert_literal_or_refused(blanks, page, blank_id)
    assert page.evaluate(count_elements) == before
    assert dialogs == []
    assert_clean(page)


def test_hostile_values_in_a_share_link_are_shown_literally_or_refused(page, site_url, blanks, sample_values, first_setting):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ids = list(sample_values)
    values = [v for k, v in HOSTILE.items() if k != "lone-surrogate"] + ["Dana\ud800"]
    assert len(ids) >= len(values), "this test spreads one hostile value per field"
    shared = dict(zip(ids, values, strict=False))  # more fields than hostile values: the rest stay empty
    # ensure_ascii writes the lone surrogate as a JSON escape, the only way a link can carry it.
    fragment = quote(json.dumps(shared, ensure_ascii=True))
    page.goto(script_url(site_url, first_setting) + "#details=" + fragment)
    expect(page.locator(".ns-details__status")).to_contain_text("could not be used")
    for blank_id, value in shared.items():
        result = assert_literal_or_refused(blanks, page, blank_id)
        assert result["refused"] == refusal_expected(blanks, value, blank_id), blank_id
        if not result["refused"]:
            assert result["blanks"] == [[value, True]] * len(result["blanks"])
    assert page.evaluate("document.images.length") == 0 or page.evaluate("[...document.images].every(i => !i.closest('.ns-script, .ns-details'))")
    assert dialogs == []
    assert_clean(page)


# --- keyboard, accessibility, static safety ------------------------------------------------


def tab_until(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def assert_focus_visible(page) -> None:
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] != "none" and style[1] != "0px", style


def test_keyboard_alone_fills_every_field(all_blanks, page, site_url, blanks, sample_values, first_setting):
    page.goto(script_url(site_url, first_setting))
    expect(page.locator(".ns-details")).to_be_visible()
    tab_until(page, ".ns-details__summary")
    assert_focus_visible(page)
    page.keyboard.press("Enter")  # opening the strip starts at its first field
    order = page.locator(".ns-details input[data-blank]").evaluate_all("els => els.map(e => e.dataset.blank)")
    page.wait_for_function("id => document.activeElement.id === id", arg=f"ns-field-{dom(order[0])}")
    for n, blank_id in enumerate(order):
        if n:
            tab_until(page, f"#ns-field-{dom(blank_id)}", limit=3)
        assert_focus_visible(page)
        page.keyboard.type(sample_values[blank_id])
    tab_until(page, "#ns-remember", limit=3)
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(page.locator("#ns-remember")).to_be_checked()
    tab_until(page, ".ns-details__forget", limit=2)
    assert_focus_visible(page)
    tab_until(page, ".ns-details__share", limit=2)
    page.keyboard.press("Enter")
    expect(page.locator(".ns-share")).to_be_visible()
    assert_blanks_show(all_blanks, page, sample_values)
    # Left open, it opens again; Enter on the summary folds it back to a strip.
    page.reload()
    expect(page.locator(".ns-details__box")).to_have_attribute("open", "")
    tab_until(page, ".ns-details__summary")
    page.keyboard.press("Enter")
    expect(page.locator(".ns-details__box")).not_to_have_attribute("open", "")
    tab_until(page, ".ns-copy")
    assert_focus_visible(page)
    assert_clean(page)


@pytest.mark.per_data("setting", lambda library: [setting.id for setting in library.settings])
def test_axe_finds_nothing_on_the_script_page_empty_and_filled(page, site_url, setting, sample_values):
    page.goto(script_url(site_url, setting))
    expect(page.locator(".ns-details")).to_be_visible()
    assert axe_violations(page) == []
    fill_panel(page, sample_values)
    first_field = page.locator(".ns-details input[data-blank]").first.get_attribute("id")
    page.evaluate(SET_VALUE, [first_field, "x" * 500, False])  # one refused value and its message
    page.get_by_role("button", name="Make a share link").click()
    expect(page.locator(".ns-share")).to_be_visible()
    assert axe_violations(page) == []
    assert_clean(page)


def test_axe_finds_nothing_in_the_panel_in_dark_mode(browser, site_url, sample_values, first_setting):
    context = browser.new_context(color_scheme="dark")
    page = new_watched_page(context, site_url)
    page.goto(script_url(site_url, first_setting))
    fill_panel(page, sample_values)
    page.evaluate(SET_VALUE, [f"ns-field-{dom(next(iter(sample_values)))}", "x" * 500, False])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert axe_violations(page, ".ns-details") == []
    assert axe_violations(page, ".ns-script") == []
    context.close()


def forbidden_sinks(source: str) -> list[str]:
    return FORBIDDEN_SINKS.findall(source)


def test_the_sink_scan_catches_each_forbidden_call():
    for line in ["el.innerHTML = x", "el . outerHTML=x", "el.insertAdjacentHTML('beforeend', x)", "document.write(x)", "document.writeln(x)"]:
        assert forbidden_sinks(line), line
    assert forbidden_sinks("el.textContent = x; el.append(x)") == []


def test_no_project_script_writes_html():
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
    assert scripts
    for path in scripts:
        assert forbidden_sinks(path.read_text(encoding="utf-8")) == [], path.name


# --- per-setting values (issue 13) ------------------------------------------------------------


def spans(page, selector: str) -> list[list]:
    return page.locator(selector).evaluate_all("els => els.map(e => [e.dataset.blank, e.textContent, e.classList.contains('is-filled')])")


def test_a_per_setting_next_step_stays_with_its_settings(page, site_url, library):
    phone_key = library.blanks_for("phone")["next_step"].id
    final_key = library.blanks_for("final-round")["next_step"].id
    assert phone_key == "next_step.phone" and final_key == "next_step.final_round"
    value = "a meeting with Dana's manager"
    page.goto(script_url(site_url, "phone"))
    open_panel(page)
    field = page.locator(f'.ns-details input[data-blank="{phone_key}"]')
    expect(page.locator(f'label[for="{field.get_attribute("id")}"]')).to_have_text("Next step")
    assert library.blanks_for("phone")["next_step"].hint in page.locator(f"#ns-hint-{dom(phone_key)}").inner_text()
    field.fill(value)
    phone_spans = spans(page, '.ns-blank[data-blank^="next_step"]')
    assert phone_spans and all(span == [phone_key, value, True] for span in phone_spans)

    page.goto(script_url(site_url, "final-round"))
    expect(page.locator(".ns-details")).to_be_visible()
    assert value not in page.locator("main").inner_text()
    final_spans = spans(page, '.ns-blank[data-blank^="next_step"]')
    label = library.blanks_for("final-round")["next_step"].label
    assert final_spans and all(span == [final_key, f"[{label}]", False] for span in final_spans)
    assert page.locator(f'.ns-details input[data-blank="{phone_key}"]').count() == 0
    expect(page.locator(f'.ns-details input[data-blank="{final_key}"]')).to_have_value("")

    page.goto(f"{site_url}my-cards/")
    expect(page.locator(".ns-details")).to_be_visible()
    for setting in ("phone", "video-call"):  # video-call shares the phone screen's value
        shown = spans(page, f'.ns-script[data-setting="{setting}"] .ns-blank[data-blank^="next_step"]')
        assert shown and all(span == [phone_key, value, True] for span in shown), setting
    shown = spans(page, '.ns-script[data-setting="final-round"] .ns-blank[data-blank^="next_step"]')
    assert shown and all(span == [final_key, f"[{label}]", False] for span in shown)
    phone_label = page.locator(f'label[for="ns-field-{dom(phone_key)}"]')
    expect(phone_label).to_have_text("Next step: phone screen and video call")
    expect(page.locator(f"#ns-field-{dom(phone_key)}")).to_have_value(value)
    assert_clean(page)


def test_a_share_link_from_one_setting_carries_every_settings_values(browser, page, site_url, library):
    values = {"next_step.phone": "a call with the manager", "next_step.final_round": "your decision", "interviewer_name": "Dana"}
    page.goto(script_url(site_url, "final-round"))
    page.evaluate("v => sessionStorage.setItem('next-step:details', JSON.stringify(v))", values)
    page.reload()
    open_panel(page)
    page.get_by_role("button", name="Make a share link").click()
    link = page.locator("#ns-share-link").input_value()
    assert json.loads(unquote(urlparse(link).fragment).removeprefix("details=")) == values

    context = browser.new_context()
    opened = new_watched_page(context, site_url)
    opened.goto(script_url(site_url, "phone") + "#" + urlparse(link).fragment)  # on another setting's page
    expect(opened.locator(".ns-details__status")).to_contain_text(f"Filled in {len(values)}")
    assert json.loads(storage_keys(opened)["sessionStorage"]["next-step:details"]) == values
    opened.goto(f"{site_url}my-cards/")
    shown = spans(opened, '.ns-script[data-setting="final-round"] .ns-blank[data-blank="next_step.final_round"]')
    assert shown and all(text == "your decision" for _, text, _ in shown)

    opened.goto(script_url(site_url, "phone"))
    open_panel(opened)
    opened.get_by_role("button", name="Forget my details").click()
    assert "next-step:details" not in storage_keys(opened)["sessionStorage"]
    opened.goto(f"{site_url}my-cards/")
    assert all(not filled for _, _, filled in spans(opened, ".ns-blank"))
    assert_clean(opened)
    context.close()
