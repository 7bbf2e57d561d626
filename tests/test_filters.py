"""Audience and tone filters: the bar's markup (macros/filters.py), then in Chromium on a script page, My cards and Rehearse."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import pytest
from helpers import LANGUAGES, ROOT, PageWatch, axe_violations, read_pdf
from playwright.sync_api import expect

from macros.filters import EVERYONE, PAGES, render_filter_bar, used_choices
from macros.schema import AUDIENCE_LABELS, TONE_LABELS
from macros.ui import english_catalog

PAGE_HINTS = {page: english_catalog()(f"filters.hint.{page}") for page in PAGES}

SHOWN = ".md-content .ns-script:visible"
BAR_PAGES = ("scripts/{setting}/", "my-cards/", "rehearse/")


def script(audience: str, tone: str) -> SimpleNamespace:
    return SimpleNamespace(audience=audience, tone=tone)


def radios(html: str, group: str) -> list[str]:
    return re.findall(rf'name="ns-filter-{group}" value="([^"]*)"', html)


# --- the markup ---------------------------------------------------------------------------


def test_choices_are_the_declared_ones_the_scripts_use_in_declaration_order():
    declared = list(AUDIENCE_LABELS)
    used = [declared[3], declared[0], EVERYONE]
    html = render_filter_bar([script(audience, tone) for audience in used for tone in TONE_LABELS], "setting", "../")
    assert radios(html, "audience") == ["all"] + [a for a in declared if a in used]
    assert radios(html, "tone") == ["all", *TONE_LABELS]
    assert used_choices(AUDIENCE_LABELS, used) == [(a, AUDIENCE_LABELS[a]) for a in declared if a in used]
    for audience in used:
        assert f"> {AUDIENCE_LABELS[audience]}</label>" in html
    assert re.findall(r'value="all" checked', html) == ['value="all" checked'] * 2, "All is chosen first in each group"
    assert html.count("<legend>") == 2 and "<legend>Audience</legend>" in html and "<legend>Tone</legend>" in html
    assert f'data-filter="audience" data-everyone="{EVERYONE}"' in html
    assert f'data-said="{TONE_LABELS["soft"].lower()} tone"' in html
    assert html.startswith('<div class="ns-filters"') and "<script" not in html, "core.js loads filters.js when the bar is first used"
    assert 'role="status"' in html and "aria-live" not in html, "a polite status, not an alert"


def test_a_group_with_one_choice_is_left_out_and_nothing_to_filter_means_no_bar():
    one_audience = render_filter_bar([script("recruiter", "soft"), script("recruiter", "direct")], "setting", "")
    assert radios(one_audience, "audience") == [] and radios(one_audience, "tone") == ["all", "soft", "direct"]
    assert render_filter_bar([script("peer", "soft"), script("peer", "soft")], "setting", "") == ""
    assert render_filter_bar([], "my-cards", "") == ""


def test_the_bar_says_a_script_for_anyone_shows_under_every_audience_only_where_there_is_one():
    anyone = AUDIENCE_LABELS[EVERYONE].lower()
    with_any = render_filter_bar([script(EVERYONE, "soft"), script("recruiter", "direct")], "setting", "")
    without_any = render_filter_bar([script("panel", "soft"), script("recruiter", "direct")], "setting", "")
    assert f"Scripts for {anyone} show under every audience." in with_any
    assert "every audience" not in without_any
    tone_only = render_filter_bar([script(EVERYONE, "soft"), script(EVERYONE, "direct")], "setting", "")
    assert "every audience" not in tone_only, "no audience group, nothing to explain"


@pytest.mark.parametrize("page", sorted(PAGE_HINTS))
def test_each_page_says_what_filtering_does_there(page):
    html = render_filter_bar([script("recruiter", "soft"), script("peer", "direct")], page, "")
    assert PAGE_HINTS[page] in html
    assert ("Print" in PAGE_HINTS[page]) == (page != "rehearse"), "where cards print, the hint says filtering does not change what prints"


def test_filters_js_writes_text_only_and_keeps_nothing():
    source = (ROOT / "docs" / "assets" / "javascripts" / "filters.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "localStorage", "sessionStorage"):
        assert sink not in source, sink


def test_the_built_bar_is_on_script_pages_my_cards_and_rehearse_only(built_site, library):
    def filterable(scripts) -> bool:
        return len({s.audience for s in scripts}) > 1 or len({s.tone for s in scripts}) > 1

    with_bar = {f"scripts/{s.id}/" for s in library.settings if filterable(library.scripts[s.id])} | {"my-cards/", "rehearse/"}
    for page in sorted(built_site.rglob("index.html")):
        path = page.relative_to(built_site).as_posix().removesuffix("index.html")
        html = page.read_text(encoding="utf-8")
        same_page = next((path.removeprefix(f"{language}/") for language in LANGUAGES[1:] if path.startswith(f"{language}/")), path)  # es/my-cards/ is My cards
        expected = 1 if same_page in with_bar else 0
        assert html.count('class="ns-filters"') == expected, path
        assert "assets/javascripts/filters.js" not in html, path  # loaded on demand by core.js, never up front


# --- in Chromium ---------------------------------------------------------------------------

def matching(scripts, audience: str, tone: str) -> list:
    return [s for s in scripts if s.audience in (audience, EVERYONE) and s.tone == tone]


def best_filter(scripts) -> tuple[str, str]:
    """An audience and tone that keep some scripts and drop others, with a script for anyone among the kept where possible."""
    options = []
    for audience in sorted({s.audience for s in scripts} - {EVERYONE}):
        for tone in TONE_LABELS:
            kept = matching(scripts, audience, tone)
            if 0 < len(kept) < len(scripts):
                options.append((any(s.audience == EVERYONE for s in kept), len({s.audience for s in kept}), audience, tone))
    assert options, "the data offers no audience and tone that filter anything"
    return max(options)[2:]


@pytest.fixture(scope="module")
def busiest_setting(library):
    """The spoken setting whose scripts span the most audiences (ties: the first)."""
    spoken = [s for s in library.settings if s.kind == "spoken"]
    return max(spoken, key=lambda s: (len({x.audience for x in library.scripts[s.id]}), -spoken.index(s)))


def said(audience: str, tone: str) -> str:
    return f"{AUDIENCE_LABELS[audience].lower()}, {TONE_LABELS[tone].lower()} tone"


def shown_ids(page) -> list[str]:
    return page.locator(SHOWN).evaluate_all("els => els.map(e => e.dataset.script)")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def tab_to(page, name: str) -> None:
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    pytest.fail(f"Tab never reached {name}")


def arrow_to(page, value: str, key: str = "ArrowRight") -> None:
    """Arrow keys move through a radio group, choosing as they go (native radios)."""
    for _ in range(12):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.checked && document.activeElement.value") == value


def unfold(page) -> None:
    """On a script page the bar is folded to one line (the first script shows on the first screen): open it."""
    box = page.locator(".ns-filters__box")
    if box.count() and not box.evaluate("b => b.open"):
        box.locator("summary").click()


def choose_by_keyboard(page, audience: str, tone: str) -> None:
    if page.locator(".ns-filters__box").count():  # Enter on the folded bar's summary opens it
        page.locator(".ns-filters__box summary").focus()
        page.keyboard.press("Enter")
    tab_to(page, "ns-filter-audience")
    arrow_to(page, audience)
    page.keyboard.press("Tab")  # on to the tone group's chosen radio
    assert page.evaluate("document.activeElement.name") == "ns-filter-tone"
    arrow_to(page, tone)


@pytest.mark.browser
def test_a_script_page_filters_by_keyboard_announces_and_keeps_the_choice_in_the_address(page, site_url, library, busiest_setting):
    scripts = library.scripts[busiest_setting.id]
    audience, tone = best_filter(scripts)
    expected = [s.id for s in matching(scripts, audience, tone)]
    assert any(s.audience == audience for s in scripts if s.id in expected)
    page.goto(f"{site_url}scripts/{busiest_setting.id}/")
    assert shown_ids(page) == [s.id for s in scripts], "every script shows until a filter is chosen"
    status = page.locator(".ns-filters__status")
    assert status.get_attribute("role") == "status"
    choose_by_keyboard(page, audience, tone)
    assert shown_ids(page) == expected
    expect(status).to_have_text(f"Showing {len(expected)} of {len(scripts)} scripts: {said(audience, tone)}")
    assert query(page) == {"audience": [audience], "tone": [tone]}
    assert page.locator(".ns-filters__empty").is_hidden()

    page.reload()
    assert shown_ids(page) == expected, "the address restores the choice"
    assert page.locator(f'input[name="ns-filter-audience"][value="{audience}"]').is_checked()
    assert page.locator(f'input[name="ns-filter-tone"][value="{tone}"]').is_checked()

    page.evaluate("window.__same_document = true")
    page.locator("a.md-header__button.md-logo").click()  # leave by instant navigation, then come back through history
    page.wait_for_selector(".ns-filters", state="detached")
    page.go_back()
    page.wait_for_selector(f'input[name="ns-filter-tone"][value="{tone}"]:checked')
    assert page.evaluate("window.__same_document") is True, "Material navigated without a reload"
    assert shown_ids(page) == expected

    tab_to(page, "ns-filter-tone")  # back to All tones by keyboard
    arrow_to(page, "all", "ArrowLeft")
    assert query(page) == {"audience": [audience]}
    assert shown_ids(page) == [s.id for s in scripts if s.audience in (audience, EVERYONE)]
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


@pytest.mark.browser
def test_an_unknown_value_in_the_address_counts_as_all(page, site_url, library, busiest_setting):
    page.goto(f"{site_url}scripts/{busiest_setting.id}/?audience=%3Cb%3Enobody&tone=loud")
    assert len(shown_ids(page)) == len(library.scripts[busiest_setting.id])
    assert page.locator('input[name="ns-filter-audience"][value="all"]').is_checked()
    assert query(page) == {}
    assert page.watch.console_errors == []


@pytest.mark.browser
def test_my_cards_filters_only_what_shows_and_prints_every_chosen_card(page, site_url, library):
    everything = library.all_scripts()
    audience, tone = best_filter(everything)
    fits = [s for s in everything if s.audience == audience and s.tone == tone][0]
    others = [s for s in everything if s.audience not in (audience, EVERYONE) and s.tone != tone and s.setting != fits.setting][:2]
    chosen = [fits, *others]
    page.goto(f"{site_url}my-cards/")
    page.get_by_role("button", name="Clear all").click()
    for each in chosen:
        page.get_by_role("checkbox", name=each.title, exact=True).check()
    assert sorted(shown_ids(page)) == sorted(s.id for s in chosen)
    page.get_by_role("radio", name=AUDIENCE_LABELS[audience], exact=True).check()
    page.get_by_role("radio", name=TONE_LABELS[tone], exact=True).check()
    assert shown_ids(page) == [fits.id], "the chosen cards of another audience or tone hide; the others stay unchosen"
    expect(page.locator(".ns-filters__status")).to_have_text(f"Showing 1 of {len(chosen)} scripts: {said(audience, tone)}")
    headings = page.locator(".ns-my-cards__setting:visible").evaluate_all("els => els.map(e => e.id)")
    assert headings == [f"cards-{fits.setting}"], "a setting with nothing shown hides its heading"
    assert "Print prints every card ticked" in page.locator(".ns-filters__hint").inner_text()

    pages = read_pdf(page.pdf(prefer_css_page_size=True))
    assert len(pages) == len(chosen), "printing prints every chosen card, shown or filtered out"

    page.get_by_role("checkbox", name=fits.title, exact=True).uncheck()
    expect(page.locator(".ns-filters__empty")).to_be_visible()
    assert shown_ids(page) == []
    page.get_by_role("checkbox", name=fits.title, exact=True).check()
    expect(page.locator(".ns-filters__empty")).to_be_hidden()
    assert page.watch.console_errors == []


@pytest.mark.browser
def test_rehearse_runs_only_the_filtered_cards_by_keyboard(page, site_url, library):
    spoken = [s for setting in library.settings if setting.kind == "spoken" for s in library.scripts[setting.id]]
    audience, tone = best_filter(spoken)
    expected = [s.id for s in matching(spoken, audience, tone)]
    page.goto(f"{site_url}rehearse/")
    page.wait_for_selector(".ns-rehearse__setup:not([hidden])")
    choose_by_keyboard(page, audience, tone)
    expect(page.locator(".ns-filters__status")).to_have_text(f"Showing {len(expected)} of {len(spoken)} scripts: {said(audience, tone)}")
    count = page.locator('input[name="ns-rehearse-setting"][value="all"] ~ .ns-rehearse__count')
    in_all = len(expected) + 1  # the prep sheet's card is for every audience and tone: no filter leaves it out
    assert count.inner_text() == f"({in_all} cards)"
    assert f"of {in_all} card" in page.locator(".ns-rehearse__tally").inner_text()
    for _ in range(6):  # Tab on to the start button, then Space presses it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ns-rehearse__start')"):
            break
    page.keyboard.press("Space")
    seen = []
    while page.locator(".ns-rehearse__done:not([hidden])").count() == 0:
        seen.append(page.locator(".ns-rehearse__card:not([hidden])").get_attribute("data-script"))
        assert page.locator(".ns-rehearse__position").inner_text() == f"Card {len(seen)} of {in_all}"
        page.keyboard.press("ArrowRight")
    assert seen == [*expected, library.prep_sheet.id]
    assert page.watch.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path", BAR_PAGES)
def test_without_javascript_every_script_shows_and_nothing_mentions_filters(browser, site_url, library, busiest_setting, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + path.format(setting=busiest_setting.id) + f"?audience={EVERYONE}&tone=soft")
    scripts = page.locator(".md-content .ns-script")
    assert scripts.count() > 1 and scripts.count() == page.locator(SHOWN).count()
    assert page.locator(".ns-filters").count() == 1 and page.locator(".ns-filters").is_hidden()
    assert "filter" not in page.locator("body").inner_text().lower()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_filter_on_in_either_palette_and_targets_are_big_on_a_phone(browser, site_url, library, busiest_setting, scheme, width):
    phone = width == 360
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))
    audience, tone = best_filter(library.scripts[busiest_setting.id])
    for path in BAR_PAGES:
        page.goto(site_url + path.format(setting=busiest_setting.id))
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        unfold(page)
        page.get_by_role("radio", name=AUDIENCE_LABELS[audience], exact=True).check()
        page.get_by_role("radio", name=TONE_LABELS[tone], exact=True).check()
        expect(page.locator(".ns-filters__status")).not_to_be_empty()
        violations = axe_violations(page)
        assert violations == [], f"axe, {path}, {scheme}, {width} px:\n" + "\n".join(violations)
        if phone:
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
            sizes = page.locator(".ns-filters label").evaluate_all("els => els.map(e => [e.textContent.trim(), e.getBoundingClientRect().height])")
            assert sizes and [s for s in sizes if s[1] < 48] == [], f"touch targets under 48 px on {path}"
    assert page.watch.console_errors == []
    context.close()
