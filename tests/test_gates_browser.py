"""Quality gates in Chromium, on every page of the built site served as deployed (under /next-step/), in each language (Spanish under es/).

Accessibility (axe, both palettes, details empty and filled), content security (zero policy
violations and console errors while every feature runs), privacy (no foreign request, no
cookie, only documented storage keys) and the keyboard (every control reachable, ringed, usable).
"""

from __future__ import annotations

import re

import pytest
from helpers import (
    COPIED,
    LANGUAGES,
    NOT_FOUND,
    PRINT_STUB,
    ROOT,
    SEARCH_WORDS,
    axe_violations,
    details_values,
    exercise_copy,
    exercise_details,
    exercise_palette,
    exercise_print,
    exercise_rehearse,
    exercise_search,
    fill_details_storage,
    instant_navigate,
    open_every_disclosure,
    open_page,
    page_paths,
    set_scheme,
    settle,
)

pytestmark = pytest.mark.browser


# --- Every gate, for every language: each test runs on the English site, then on the Spanish one under es/ ---


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture
def deployed_url(deployed_url, language) -> str:
    """This language's site: the deployed address, or its folder below it."""
    return deployed_url if language == LANGUAGES[0] else f"{deployed_url}{language}/"


@pytest.fixture
def all_pages(deployed_site, language) -> list[str]:
    site = deployed_site[0]
    return page_paths(site if language == LANGUAGES[0] else site / language)

PRIVACY_PAGE = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")


# --- Accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
@pytest.mark.parametrize("filled", [False, True], ids=["details-empty", "details-filled"])
def test_axe_finds_nothing_on_any_page(watched, deployed_url, all_pages, library, scheme, filled):
    _, page, watch = watched()
    open_page(page, deployed_url)
    set_scheme(page, scheme)
    if filled:
        fill_details_storage(page, details_values(library))
    found = {}
    for path in all_pages:
        open_page(page, deployed_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == scheme, f"/{path}: the palette choice did not carry over"
        if filled and page.locator(".ns-blank").count():
            assert page.locator(".ns-blank:not(.is-filled)").count() == 0, f"/{path}: some blanks were not filled"
        open_every_disclosure(page)
        settle(page)
        violations = axe_violations(page)
        if violations:
            found[f"/{path}"] = violations
    assert found == {}
    assert watch.console_errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_axe_finds_nothing_on_any_page_on_a_phone(watched, deployed_url, all_pages, scheme):
    _, page, _ = watched(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    open_page(page, deployed_url)
    set_scheme(page, scheme)
    found = {}
    for path in all_pages:
        open_page(page, deployed_url + path)
        open_every_disclosure(page)
        settle(page)
        violations = axe_violations(page)
        if violations:
            found[f"/{path}"] = violations
    assert found == {}


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_axe_finds_nothing_with_search_open_and_results_shown(watched, deployed_url, language, scheme):
    _, page, _ = watched()
    open_page(page, deployed_url + "scripts/phone/")
    set_scheme(page, scheme)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(SEARCH_WORDS[language][0], delay=20)
    page.wait_for_selector(".md-search-result__item")
    settle(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_axe_finds_nothing_on_a_phone_with_the_menu_open(watched, deployed_url, scheme):
    _, page, _ = watched(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    open_page(page, deployed_url + "scripts/phone/")
    set_scheme(page, scheme)
    open_every_disclosure(page)
    settle(page)
    assert axe_violations(page) == []
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_selector(".md-sidebar--primary", state="visible")
    settle(page)
    assert axe_violations(page) == []


def test_axe_finds_nothing_on_a_page_reached_from_search_with_words_highlighted(watched, deployed_url, language):
    _, page, _ = watched()
    open_page(page, deployed_url + "scripts/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(SEARCH_WORDS[language][1], delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?h="))
    page.wait_for_selector("article mark", state="attached")
    for scheme in ("default", "slate"):
        set_scheme(page, scheme)
        assert axe_violations(page) == [], scheme


# --- Content security and privacy: every feature on every page ---------------------------------


def test_every_feature_on_every_page_runs_clean(watched, deployed_url, all_pages):
    """Search, palette, instant navigation, details, copy, share, print and rehearse: no policy
    violation, no console error, no request to another host, no cookie, only documented storage."""
    context, page, watch = watched(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(PRINT_STUB)
    instant = []
    exercised = {"details": 0, "copy": 0, "print": 0, "rehearse": 0}
    for path in all_pages:
        open_page(page, deployed_url + path)
        exercise_search(page)
        exercise_palette(page)
        for name, exercise, selector in (
            ("details", exercise_details, ".ns-details:not([hidden])"),
            ("copy", exercise_copy, ".ns-copy:visible"),
            ("print", exercise_print, ".ns-print:not([hidden])"),
            ("rehearse", exercise_rehearse, ".ns-rehearse__start:visible"),
        ):
            exercised[name] += bool(page.locator(selector).count())
            try:
                exercise(page)
            except Exception as error:  # name the page and the feature: a timeout alone says neither
                raise AssertionError(f"/{path}: {name}: {str(error).splitlines()[0]}") from error
        open_every_disclosure(page)
        # From the top, as a reader arrives: axe counts a control scrolled under the sticky header as too small.
        page.evaluate("() => window.scrollTo(0, 0)")
        settle(page)
        assert axe_violations(page) == [], f"/{path} after its features ran"
        instant.append((path, instant_navigate(page)))
    assert watch.violations == []
    assert watch.console_errors == []
    assert watch.foreign_requests() == []
    assert context.cookies() == []
    assert page.evaluate("() => document.cookie") == ""
    # The features really ran somewhere, and instant navigation really kept the document.
    assert all(exercised.values()), exercised
    assert [path for path, same_document in instant if same_document is False] == [], "full page loads instead of instant navigation"
    # Only the last page of the nav and the 404 page have no "Next" link.
    without_next = [path for path, same_document in instant if same_document is None]
    assert NOT_FOUND in without_next and len(without_next) == 2, without_next
    keys = page.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    for key in keys:
        if key.endswith(".__palette"):
            continue  # Material's light/dark choice, documented on the privacy page
        assert key.startswith("next-step:"), f"storage key {key!r} is not the project's"
        # A per-page key (next-step:print:phone) is explained once, as next-step:print:<page>.
        documented = f"`{key}`" in PRIVACY_PAGE or (key.startswith("next-step:print:") and "`next-step:print:<page>`" in PRIVACY_PAGE)
        assert documented, f"storage key {key!r} is not explained on the privacy page"


def test_the_watch_sees_a_blocked_inline_script(watched, deployed_url):
    """The gate above can fail: an inline script added at run time is refused and reported."""
    _, page, watch = watched()
    open_page(page, deployed_url)
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__ran") is None
    assert any("script-src" in line for line in watch.violations), watch.violations


# --- Keyboard ----------------------------------------------------------------------------------

# Every element a reader can operate, as the browser sees it: visible, enabled, not taken out of the tab order.
_CANDIDATES = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const all = [...document.querySelectorAll(selector)].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && !el.closest('[inert], [hidden]') &&
    (el.checkVisibility({visibilityProperty: true}) || el.matches('.md-option')) &&
    // A link inside a closed disclosure, or a menu off screen on this width, is not reachable yet.
    !el.closest('details:not([open]) > :not(summary)'));
  // A group of radio buttons is one tab stop: arrow keys move within it.
  all.forEach((el, index) => el.setAttribute('data-gates-control', el.type === 'radio' ? `radio:${el.name}` : String(index)));
  return [...new Set(all.map((el) => el.getAttribute('data-gates-control')))];
}"""

# What the reader sees on the focused element: its own outline, its label's for the palette radios, or its
# card's for a home-page way in (the link covers the whole card, so the card shows the ring).
_FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = el.matches('.md-option') ? el.nextElementSibling : el.matches('.ns-ways a') ? el.closest('li') : el;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    id: el.getAttribute('data-gates-control'),
    name: el.outerHTML.slice(0, 120),
    outline: parseFloat(style.outlineWidth) >= 2 && style.outlineStyle !== 'none' && style.outlineColor !== 'rgba(0, 0, 0, 0)',
    visible: box.width > 0 && box.height > 0,
  };
}"""


def tab_through(page, limit: int) -> list[dict]:
    """Press Tab until focus comes back round (or `limit` presses); what each press focused."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUS_RING)
        if stop is None:
            continue
        if stops and stop["id"] is not None and stop["id"] == stops[0]["id"]:
            break
        stops.append(stop)
    return stops


def test_every_control_on_every_page_is_reached_by_tab_with_a_visible_ring(watched, deployed_url, all_pages):
    _, page, _ = watched()
    missing, ringless = {}, {}
    for path in all_pages:
        open_page(page, deployed_url + path)
        controls = page.evaluate(_CANDIDATES)
        page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
        stops = tab_through(page, limit=len(controls) * 2 + 20)
        reached = {stop["id"] for stop in stops}
        unreached = [page.locator(f'[data-gates-control="{c}"]').first.evaluate("(el) => el.outerHTML.slice(0, 120)") for c in controls if c not in reached]
        if unreached:
            missing[f"/{path}"] = unreached
        no_ring = [stop["name"] for stop in stops if not (stop["outline"] and stop["visible"])]
        if no_ring:
            ringless[f"/{path}"] = no_ring
    assert missing == {}
    assert ringless == {}


def focus_by_tab(page, selector: str, limit: int = 200) -> None:
    """Press Tab from the top of the page until the element matching selector has focus."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement?.matches(selector) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_skip_link_on_every_page_shows_and_jumps_to_the_content(watched, deployed_url, all_pages):
    _, page, _ = watched()
    broken = {}
    for path in all_pages:
        open_page(page, deployed_url + path)
        page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
        page.keyboard.press("Tab")
        skip = page.locator(".md-skip")
        if not page.evaluate("() => document.activeElement?.matches('.md-skip') ?? false"):
            broken[f"/{path}"] = "the first Tab does not reach a skip link"
            continue
        settle(page)
        box = skip.bounding_box()
        if not (skip.evaluate("(el) => getComputedStyle(el).opacity") == "1" and box and box["y"] >= 0 and box["height"] >= 24):
            broken[f"/{path}"] = f"the focused skip link is not shown in full: {box}"
            continue
        target = skip.get_attribute("href").split("#")[1]
        page.keyboard.press("Enter")
        # :target follows a real jump to the fragment (which moves the Tab starting point), not a history entry.
        page.wait_for_function("(id) => document.querySelector(':target')?.id === id", arg=target)
        page.keyboard.press("Tab")
        if not page.evaluate("() => !!document.activeElement?.closest('.md-content')"):
            broken[f"/{path}"] = "after the skip link, Tab does not continue inside the page content"
    assert broken == {}


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_the_palette_switch_works_from_the_keyboard(watched, deployed_url, key):
    _, page, watch = watched()
    open_page(page, deployed_url + "scripts/phone/")
    focus_by_tab(page, ".md-option")
    page.keyboard.press(key)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate(_FOCUS_RING)["outline"], "focus ring lost after switching"
    page.keyboard.press(key)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    # A radio group: the arrow keys switch too.
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate("() => scrollY") == 0, "the key also scrolled the page"
    assert watch.console_errors == []


_PALETTE_STATE = """() => {
  const header = getComputedStyle(document.querySelector('[data-md-component=header]')).backgroundColor.match(/\\d+/g);
  return {
    scheme: document.body.dataset.mdColorScheme,
    shown: [...document.querySelectorAll('[data-ns-palette] label')].filter((label) => !label.hidden).map((label) => label.title),
    tint: document.querySelector('meta[name=theme-color]')?.content,
    header: '#' + header.slice(0, 3).map((value) => (+value).toString(16).padStart(2, '0')).join(''),
    root: getComputedStyle(document.documentElement).colorScheme,
    switching: document.body.hasAttribute('data-md-color-switching'),
  };
}"""


def test_the_palette_follows_the_device_then_the_reader_and_keeps_the_choice(watched, deployed_url):
    # core.js runs the switch in place of Material's palette code (which restyles every page three times as it
    # starts): a first visit takes the device's scheme, a press switches and is kept, the next page starts in it.
    _, page, watch = watched(color_scheme="dark")
    open_page(page, deployed_url + "scripts/phone/")
    first = page.evaluate(_PALETTE_STATE)
    assert first["scheme"] == "slate", "a device set to dark starts dark"
    assert len(first["shown"]) == 1 and first["shown"][0] == page.get_attribute("#__palette_1", "aria-label"), first
    assert first["root"] == "dark", "the page's own scrollbar and canvas follow the dark scheme"
    page.wait_for_function("() => !!document.querySelector('meta[name=theme-color]')?.content")
    assert page.evaluate(_PALETTE_STATE)["tint"] == first["header"], "the phone's bar takes the header's colour"
    assert page.locator("[data-md-component=palette]").count() == 0, "Material's own palette code would run again"

    page.locator("[data-ns-palette] label:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default' && !document.body.hasAttribute('data-md-color-switching')")
    switched = page.evaluate(_PALETTE_STATE)
    assert switched["root"] in ("normal", "light") and switched["tint"] == switched["header"], switched

    open_page(page, deployed_url + "guide/why-close/")
    again = page.evaluate(_PALETTE_STATE)
    assert again["scheme"] == "default", "the reader's choice outlasts the device's setting on the next page"
    assert again["shown"] == switched["shown"] and not again["switching"], again
    assert watch.console_errors == []


def test_search_works_from_the_keyboard_alone(watched, deployed_url, language):
    _, page, _ = watched()
    open_page(page, deployed_url + "scripts/phone/")
    focus_by_tab(page, ".md-search__input")
    page.keyboard.type(SEARCH_WORDS[language][2], delay=15)
    page.wait_for_selector(".md-search-result__item")
    # Material redraws the list as the last keystrokes are searched; a reader's next key comes after that.
    page.wait_for_function("""() => new Promise((done) => {
      const list = document.querySelector('.md-search-result__list');
      const before = list.innerHTML;
      setTimeout(() => done(list.innerHTML === before), 300);
    })""")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => !!document.activeElement?.closest('.md-search-result__item')")
    assert page.evaluate(_FOCUS_RING)["outline"]
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != before)


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_the_site_menu_sections_open_and_close_with_the_key(watched, deployed_url, key):
    _, page, _ = watched()
    open_page(page, deployed_url)
    focus_by_tab(page, "label.md-nav__link[for]")
    toggle = page.evaluate("() => document.activeElement.htmlFor")
    before = page.evaluate("(id) => document.getElementById(id).checked", toggle)
    page.keyboard.press(key)
    assert page.evaluate("(id) => document.getElementById(id).checked", toggle) is not before
    page.keyboard.press(key)
    assert page.evaluate("(id) => document.getElementById(id).checked", toggle) is before
    assert page.evaluate("() => scrollY") == 0, "the key also scrolled the page"


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_disclosures_and_buttons_work_with_enter_and_space(watched, deployed_url, all_pages, key):
    """Every <summary> on every page opens and closes with the key; a Copy button copies with it."""
    _, page, _ = watched(permissions=["clipboard-read", "clipboard-write"])
    stuck = {}
    for path in all_pages:
        open_page(page, deployed_url + path)
        for index in range(page.locator("article summary:visible").count()):
            summary = page.locator("article summary:visible").nth(index)
            summary.focus()
            before = summary.evaluate("(s) => s.parentElement.open")
            page.keyboard.press(key)
            if summary.evaluate("(s) => s.parentElement.open") is before:
                stuck.setdefault(f"/{path}", []).append(summary.inner_text().strip())
        # Roles without a native element would need their own key handling: there must be none.
        fake = page.locator("[role=button]:not(button), [role=link]:not(a)").evaluate_all("(els) => els.map((el) => el.outerHTML.slice(0, 80))")
        if fake:
            stuck.setdefault(f"/{path}", []).extend(fake)
    assert stuck == {}
    open_page(page, deployed_url + "scripts/phone/")
    page.locator(".ns-copy").first.focus()
    page.keyboard.press(key)
    # Blanks are empty here, so the first press lists them; "Copy anyway" is a button the same key presses.
    anyway = page.locator('.ns-copy__check [data-check="copy"]').first
    anyway.wait_for(state="visible", timeout=15_000)
    anyway.focus()
    page.keyboard.press(key)
    page.wait_for_function(f"() => {COPIED}")
    assert page.evaluate("() => navigator.clipboard.readText()").strip()
