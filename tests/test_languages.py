"""One site per language (English at the root, Spanish under es/), linked both ways: the switcher on every page,
hreflang alternates in every head and sitemap, each build's own language, interface words, search and offline copy.

The browser walk of every Spanish page through the gates is tests/test_gates_browser.py, run for each language.
"""

from __future__ import annotations

import json
import re
from html import escape as html_escape
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from helpers import CONFIG, LANGUAGES, NOT_FOUND, ROOT, meta, open_page, page_file, page_paths, read_head

from macros.ui import JS_GROUP_MARKERS

ALTERNATES = CONFIG["extra"]["alternate"]
ROOTS = {alternate["lang"]: alternate["link"] for alternate in ALTERNATES}  # each language's published address
LOCALES = {alternate["lang"]: alternate["locale"] for alternate in ALTERNATES}
DEFAULT = LANGUAGES[0]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# A form of "entrevista" that no page holds as written: found only through its stem.
INFLECTED, STEM_WORD = "entrevistaron", "entrevista"


def build_of(site: Path, language: str) -> Path:
    return site if language == DEFAULT else site / language


def expected_alternates(path: str) -> dict[str, str]:
    return {**{language: ROOTS[language] + path for language in LANGUAGES}, "x-default": ROOTS[DEFAULT] + path}


def head_alternates(html: str) -> dict[str, str]:
    found = {}
    for tag, attrs in read_head(html).tags:
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            assert attrs["hreflang"] not in found, f"hreflang {attrs['hreflang']} twice"
            found[attrs["hreflang"]] = attrs["href"]
    return found


def sitemap_alternates(site: Path) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} from a build's sitemap.xml."""
    tree = ElementTree.parse(site / "sitemap.xml")
    return {
        url.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link") if link.get("rel") == "alternate"}
        for url in tree.iter(f"{SITEMAP}url")
    }


def switcher_links(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<a ([^>]*\bns-language__link\b[^>]*)>", html)]


# --- Built files --------------------------------------------------------------------------------


def test_every_page_exists_in_every_language(production_site):
    english = page_paths(production_site)
    assert len(english) > 20
    for language in LANGUAGES[1:]:
        assert page_paths(build_of(production_site, language)) == english, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_build_speaks_its_own_language(production_site, language):
    site = build_of(production_site, language)
    for path in page_paths(site):
        html = page_file(site, path).read_text(encoding="utf-8")
        assert re.search(r"<html lang=\"([^\"]+)\"", html).group(1) == language, path
        head = read_head(html)
        assert meta(head, property="og:locale") == LOCALES[language], path
        assert {attrs["content"] for tag, attrs in head.tags if attrs.get("property") == "og:locale:alternate"} == {LOCALES[other] for other in LANGUAGES if other != language}, path
    assert json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))["lang"] == language
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == [language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_head_names_the_same_page_in_every_language_absolutely_and_both_ways(production_site, language):
    site = build_of(production_site, language)
    for path in page_paths(site):
        alternates = head_alternates(page_file(site, path).read_text(encoding="utf-8"))
        if path == NOT_FOUND:  # answers any address: it has no counterpart, and is not indexed
            assert alternates == {}
            continue
        assert alternates == expected_alternates(path), path
        assert all(href.startswith("https://") for href in alternates.values()), alternates
        for other in LANGUAGES:  # the page each alternate names exists, and names this page back
            counterpart = build_of(production_site, other)
            relative = alternates[other].removeprefix(ROOTS[other])
            assert head_alternates(page_file(counterpart, relative).read_text(encoding="utf-8")) == alternates, (path, other)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sitemap_names_the_same_alternates_as_the_heads_both_ways(production_site, language):
    site = build_of(production_site, language)
    listed = sitemap_alternates(site)
    pages = [path for path in page_paths(site) if path != NOT_FOUND]
    assert set(listed) == {ROOTS[language] + path for path in pages}
    for path in pages:
        assert listed[ROOTS[language] + path] == expected_alternates(path) == head_alternates(page_file(site, path).read_text(encoding="utf-8")), path
        for other in LANGUAGES:
            assert sitemap_alternates(build_of(production_site, other))[ROOTS[other] + path] == listed[ROOTS[language] + path], (path, other)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_on_every_page_links_its_counterpart_outside_instant_navigation(production_site, language):
    site = build_of(production_site, language)
    for path in page_paths(site):
        links = switcher_links(page_file(site, path).read_text(encoding="utf-8"))
        others = [other for other in LANGUAGES if other != language]
        assert [link["hreflang"] for link in links] == others, path
        for link, other in zip(links, others, strict=True):
            assert link["href"] == ROOTS[other] + ("" if path == NOT_FOUND else path), path
            # lang: a screen reader says the language's name in that language; target: a full page load, not Material's instant one.
            assert (link["lang"], link["target"]) == (other, "_self"), path


def test_robots_txt_points_to_every_languages_sitemap(production_site):
    robots = (production_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in robots if line.startswith("Sitemap:")] == [f"Sitemap: {ROOTS[language]}sitemap.xml" for language in LANGUAGES]


def test_the_scripts_get_the_interface_words_of_their_build_and_only_the_groups_their_page_uses(production_site):
    english = {entry["id"]: entry["text"] for entry in yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))["strings"]}
    for language in LANGUAGES:
        translated = {}
        if language != DEFAULT:
            path = ROOT / "translations" / language / "data" / "ui.yml"
            translated = {entry["id"]: entry["text"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["strings"]}
            assert translated, path
        every = {key: translated.get(key, text) for key, text in english.items() if key.startswith("js.")}
        site = build_of(production_site, language)
        seen = set()
        for path in ("", "guide/why-close/", "scripts/phone/", "rehearse/", "privacy/", NOT_FOUND):
            html = page_file(site, path).read_text(encoding="utf-8")
            block = re.search(r'<template id="ns-ui">(.*?)</template>', html, re.S).group(1)
            assert "<" not in block
            page_html = html[: html.index('id="ns-ui"')]
            expected = {key: text for key, text in every.items() if key.split(".")[1] not in JS_GROUP_MARKERS or JS_GROUP_MARKERS[key.split(".")[1]] in page_html}
            assert json.loads(block) == expected, (language, path, set(expected) ^ set(json.loads(block)))
            seen |= set(expected)
        assert seen == set(every)  # every group shows on some page: Rehearse's only on Rehearse
    rehearse_only = {key for key in every if key.startswith("js.rehearse.")}
    phone_page = page_file(build_of(production_site, DEFAULT), "scripts/phone/").read_text(encoding="utf-8")
    assert rehearse_only and not rehearse_only & set(json.loads(re.search(r'id="ns-ui">(.*?)</template>', phone_page, re.S).group(1)))
    assert translated["js.copy.done"] != english["js.copy.done"]


def test_each_language_keeps_its_own_offline_copy_with_its_own_search_files(production_site):
    english, spanish = production_site, build_of(production_site, "es")
    english_files = json.loads((english / "offline-files.json").read_text(encoding="utf-8"))["files"]
    spanish_files = json.loads((spanish / "offline-files.json").read_text(encoding="utf-8"))["files"]
    assert not [path for path in english_files if path.startswith("es/") or "/lunr/" in path]
    assert {"assets/javascripts/lunr/min/lunr.es.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/workers/search-stemming.js"} <= set(spanish_files)
    assert not [path for path in spanish_files if re.search(r"lunr\.(de|fr|ja)\.|tinyseg|wordcut", path)]
    # Each worker clears only its own language's old caches: the Spanish cache names carry "es-".
    assert 'OWN=PREFIX+""' in (english / "sw.js").read_text(encoding="utf-8")
    assert 'OWN=PREFIX+"es-"' in (spanish / "sw.js").read_text(encoding="utf-8")


def test_only_a_language_with_a_stemmer_swaps_in_the_stemming_search_worker(production_site):
    def worker(site: Path) -> str:
        html = (site / "index.html").read_text(encoding="utf-8")
        return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))["search"]

    assert re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", worker(production_site))
    spanish = build_of(production_site, "es")
    assert worker(spanish) == "assets/javascripts/workers/search-stemming.js"
    material = re.search(r'MATERIAL_WORKER="([^"]+)"', (spanish / worker(spanish)).read_text(encoding="utf-8")).group(1)
    assert (spanish / "assets/javascripts/workers" / material).is_file()


# --- In Chromium -------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_switcher_leads_every_page_to_its_counterpart_and_back_from_the_keyboard(watched, deployed_url, all_pages):
    _, page, watch = watched()
    roots = {language: deployed_url if language == DEFAULT else f"{deployed_url}{language}/" for language in LANGUAGES}
    wrong = {}
    for path in all_pages:
        here = roots[DEFAULT] + path
        for language in (*LANGUAGES[1:], DEFAULT):  # there, then back
            open_page(page, here)
            link = page.locator(f'.ns-language__link[hreflang="{language}"]')
            link.focus()
            page.keyboard.press("Enter")
            target = roots[language] + ("" if path == NOT_FOUND else path)
            page.wait_for_url(target)
            page.wait_for_load_state("load")
            if page.evaluate("document.documentElement.lang") != language:
                wrong[f"/{path} -> {language}"] = page.evaluate("document.documentElement.lang")
            here = target
    assert wrong == {}
    assert watch.console_errors == []
    assert watch.foreign_requests() == []


def results(page, url: str, word: str) -> int:
    """How many pages the search box lists for a word, once Material has searched the whole word."""
    open_page(page, url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(word, delay=15)
    page.wait_for_selector(".md-search-result__meta")
    # Material redraws the list as the last keystrokes are searched: count once it has stopped changing.
    page.wait_for_function("""() => new Promise((done) => {
      const list = document.querySelector('.md-search-result');
      const before = list.innerHTML;
      setTimeout(() => done(list.innerHTML === before), 400);
    })""")
    return page.locator(".md-search-result__item").count()


@pytest.mark.browser
def test_spanish_search_finds_a_page_by_another_form_of_a_word(watched, deployed_site, deployed_url):
    index = json.loads((deployed_site[0] / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = " ".join(f"{doc['title']} {doc['text']}" for doc in index["docs"]).lower()
    assert INFLECTED not in words and STEM_WORD in words, "pick a form no page holds as written, of a word pages hold"
    _, page, watch = watched()
    found = {word: results(page, f"{deployed_url}es/scripts/phone/", word) for word in (STEM_WORD, INFLECTED)}
    assert found[INFLECTED] == found[STEM_WORD] > 0, found
    # The English build keeps Material's worker, which matches a word only as typed or by its start:
    # "interviews" misses the pages that say only "interview", which the Spanish worker would find.
    english = {word: results(page, f"{deployed_url}scripts/phone/", word) for word in ("interview", "interviews")}
    assert 0 < english["interviews"] < english["interview"], english
    assert watch.console_errors == [] and watch.foreign_requests() == []


@pytest.mark.browser
def test_rehearse_reads_a_spanish_card_with_a_spanish_voice(watched, deployed_url):
    context, page, _ = watched()
    context.add_init_script(
        "window.__spoken = [];"
        "if (window.speechSynthesis) { speechSynthesis.speak = (u) => window.__spoken.push(u.lang); speechSynthesis.cancel = () => {}; }"
    )
    open_page(page, f"{deployed_url}es/rehearse/")
    page.locator(".ns-rehearse__start").click()
    page.locator('.ns-rehearse__controls [data-action="speak"]').click()
    assert page.evaluate("window.__spoken") == ["es"]


def test_a_page_reached_by_instant_navigation_brings_its_own_interface_words(watched, deployed_url):
    # A guide page carries no Rehearse words; Material swaps in Rehearse without a reload, and its words come with it.
    spanish = {entry["id"]: entry["text"] for entry in yaml.safe_load((ROOT / "translations/es/data/ui.yml").read_text(encoding="utf-8"))["strings"]}
    _, page, _ = watched()
    open_page(page, f"{deployed_url}es/guide/why-close/")
    assert page.evaluate("nextStep.t('js.rehearse.not_practised')") == "js.rehearse.not_practised"
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator('.md-nav--primary a.md-nav__link[href$="rehearse/"]').first.dispatch_event("click")
    page.wait_for_url("**/es/rehearse/")
    page.wait_for_selector(".ns-rehearse__start")
    assert page.evaluate("window.__sameDocument === true")
    assert page.evaluate("nextStep.t('js.rehearse.not_practised')") == spanish["js.rehearse.not_practised"]
    page.locator(".ns-rehearse__start").click()
    assert "js." not in page.locator(".ns-rehearse").inner_text()


def test_a_page_a_translation_lacks_shows_in_english_under_a_note_in_the_language(project, tmp_path):
    from helpers import build_site

    from macros.check import main as check_main
    from macros.translations import load_library

    (project / "translations/es/docs/privacy.md").unlink()  # in the Spanish nav, but never translated
    (project / "docs/new-page.md").write_text("---\ntitle: A brand new page\n---\n\n# Brand new\n\nOnly in English so far.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site, languages=("es",))
    assert result.returncode == 0, result.stderr[-3000:]
    note = html_escape(load_library(project, "es").ui("page.untranslated"))
    english_title = re.search(r"^# (.+)$", (project / "docs/privacy.md").read_text(encoding="utf-8"), re.M).group(1)
    for path, heading in (("privacy", english_title), ("new-page", "Brand new")):
        html = (site / "es" / path / "index.html").read_text(encoding="utf-8")
        assert '<html lang="es"' in html, path  # the page belongs to the Spanish site: its header, switcher and search
        article = html[html.index('class="md-content__inner'):]
        assert article.index(note) < article.index('<div lang="en">') < article.index(heading), path
    # A translated page has no such note; `make check` still lists the missing page, and fails on it when strict.
    assert note not in (site / "es/index.html").read_text(encoding="utf-8")
    assert check_main([str(project), "--strict-translations"]) == 1
