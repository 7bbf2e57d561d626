"""The script pages in Chromium: every script and its blanks are there, and nothing leaks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.per_data("setting", lambda library: [s.id for s in library.settings])
def test_script_page_shows_every_script_and_blank(page, site_url, library, setting):
    page.goto(f"{site_url}scripts/{setting}/")
    scripts = library.scripts[setting]
    assert page.locator(".ns-script").count() == len(scripts)
    for script in scripts:
        card = page.locator(f'.ns-script[data-script="{script.id}"]')
        assert card.locator("h2").evaluate("h => h.firstChild.textContent") == script.title
        shown = card.locator(".ns-blank").evaluate_all("els => els.map(e => e.dataset.blank)")
        keys = library.blanks_for(setting)  # each blank shows its setting's value key (next_step.phone)
        assert set(shown) == {keys[blank_id].id for blank_id in script.blanks_used}
        assert card.locator(".ns-blank").first.inner_text().startswith("[")
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_script_page_fits_a_phone_screen(phone_page, site_url):
    phone_page.goto(f"{site_url}scripts/phone/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert phone_page.watch.console_errors == []


def test_instant_navigation_is_live_in_the_test_build(page, site_url):
    """The shared build names the test server in its sitemap, so Material navigates without reloads."""
    page.goto(f"{site_url}scripts/phone/")
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-content a[href$="guide/why-close/"]').first.click()
    page.wait_for_url("**/guide/why-close/")
    assert page.evaluate("window.__sameDocument === true")
