"""Translations as data: translations/<lang>/ checked against English at path:line:col, a fallback to English, and the Spanish text's readability.

Each test starts from `make new-language` in a throw-away copy (every record a draft with a current hash),
then edits a few files the way a translator would, so the hashes never go out of date with data/.
"""

from __future__ import annotations

import re
import shutil

import pytest
from helpers import ROOT, line_col, undraft

from macros.check import main as check_main
from macros.new_language import update_hashes
from macros.readability import READABLE, fernandez_huerta, page_text, script_text
from macros.render import render_script
from macros.schema import SCRIPT_RECORDS
from macros.translation_files import english_pages, source_hash, source_hash_of_page
from macros.translations import load_library, read_translation

SCRIPT = "data/scripts/phone/all-you-need.yml"
XX = "translations/pt"
QUOTED_HASH = '"0badbeef"'  # a quoted value starts at its quote
QUOTED_TEXT = '"Obrigado'


def test_a_new_language_reports_every_record_and_page_as_a_draft(scaffold):
    english = load_library(scaffold)
    translation = read_translation(scaffold, "pt", english)
    assert translation.errors == []
    drafts = [p for p in translation.notices if "translation (pt) missing (draft):" in p.message]
    records = len(english.blanks) + len(english.settings) + len(english.ideas) + len(english.ui.strings) + len(english.all_scripts()) + 1
    assert len(drafts) == len(translation.notices) == records + len(english_pages(scaffold))
    assert (scaffold / XX / "docs" / "assets").resolve() == (scaffold / "docs" / "assets").resolve()
    assert "theme:\n  language: pt\n" in (scaffold / "mkdocs.pt.yml").read_text(encoding="utf-8")


def test_every_problem_kind_is_reported_at_once_with_its_position(scaffold, capsys):
    data = scaffold / XX / "data"
    script = data / "scripts/phone/all-you-need.yml"
    undraft(script, if_no='"Obrigado, {role}."')
    script.write_text(script.read_text(encoding="utf-8") + "bogus: x\n", encoding="utf-8")
    (data / "scripts/phone/no-such-script.yml").write_text("source: abcdef12\ntitle: Nada\n", encoding="utf-8")
    (data / "scripts/panel").mkdir(exist_ok=True)  # a translation in another setting's folder
    (data / "scripts/panel/all-you-need.yml").write_text("source: abcdef12\ntitle: Nada\n", encoding="utf-8")
    (data / "scripts/phone/who-do-i-meet-next.yml").unlink()
    undraft(data / "ideas.yml")
    ideas = data / "ideas.yml"
    ideas.write_text(ideas.read_text(encoding="utf-8") + '  - id: no-such-idea\n    source: "00000000"\n    title: "Nada"\n', encoding="utf-8")
    settings = data / "settings.yml"
    undraft(settings)
    first_source = re.search(r'source: "([0-9a-f]{8})"', settings.read_text(encoding="utf-8")).group(1)
    settings.write_text(settings.read_text(encoding="utf-8").replace(first_source, "0badbeef", 1), encoding="utf-8")
    (data / "prep-sheet.yml").write_bytes(b"source: abc\ntitle: caf\xe9\n")
    page = scaffold / XX / "docs/guide/why-close.md"
    undraft(page)
    page.write_text(page.read_text(encoding="utf-8").replace("source: ", "source: 1", 1), encoding="utf-8")
    broken = scaffold / XX / "docs/guide/anatomy.md"  # an unquoted ': ' in a value: MkDocs would drop the whole front matter
    undraft(broken)
    broken.write_text(broken.read_text(encoding="utf-8").replace("---\n", "---\ndescription: Tres partes: entusiasmo y motivos\n", 1), encoding="utf-8")

    assert check_main([str(scaffold)]) == 1
    lines = capsys.readouterr().err.splitlines()
    expected = {
        f"{XX}/data/scripts/phone/all-you-need.yml:{line_col(script, QUOTED_TEXT)}: translation (pt): script 'all-you-need' 'if_no': its blanks must be the English text's",
        f"{XX}/data/scripts/phone/all-you-need.yml:{line_col(script, 'bogus')}: translation (pt): unknown key 'bogus'",
        f"{XX}/data/scripts/phone/no-such-script.yml:1:1: translation (pt): there is no English script 'no-such-script'",
        f"{XX}/data/scripts/panel/all-you-need.yml:1:1: translation (pt): script 'all-you-need' is in data/scripts/phone/; move this file to {XX}/data/scripts/phone/.",
        "data/scripts/phone/who-do-i-meet-next.yml:1:1: translation (pt) missing: script 'who-do-i-meet-next' has no translation",
        f"{XX}/data/ideas.yml:{line_col(ideas, 'no-such-idea')}: translation (pt): unknown id 'no-such-idea'",
        f"{XX}/data/settings.yml:{line_col(settings, QUOTED_HASH)}: translation (pt) stale: setting ",
        f"{XX}/data/prep-sheet.yml:2:11: translation (pt): byte 0xe9 is not UTF-8 text",
        f"{XX}/docs/guide/why-close.md:{line_col(page, 'source: 1').split(':')[0]}:9: translation (pt) stale: docs/guide/why-close.md changed",
        f"{XX}/docs/guide/anatomy.md:2:25: translation (pt): the front matter is not valid YAML",
    }
    for start in expected:
        assert any(line.startswith(start) for line in lines), f"expected a line starting {start!r} in:\n" + "\n".join(lines)
    assert all(re.match(r"^[^:]+:\d+:\d+: translation \(pt\)", line) for line in lines[:-1]), lines


def test_a_missing_or_stale_record_falls_back_to_english_with_a_note_and_a_translated_one_shows(scaffold):
    data = scaffold / XX / "data"
    undraft(data / "scripts/phone/all-you-need.yml", title='"Tem tudo de que precisa?"')
    english = load_library(scaffold)
    library = load_library(scaffold, "pt")  # drafts and missing records never stop the build
    scripts = {script.id: script for script in library.all_scripts()}
    translated, draft = scripts["all-you-need"], scripts["who-do-i-meet-next"]
    assert (translated.title, translated.untranslated, translated.path) == ("Tem tudo de que precisa?", False, f"{XX}/data/scripts/phone/all-you-need.yml")
    assert draft.untranslated and draft.title == next(s.title for s in english.all_scripts() if s.id == "who-do-i-meet-next")
    note = library.ui("script.untranslated")
    assert note in render_script(draft, library, "scripts") and 'lang="en"' in render_script(draft, library, "scripts")
    assert note not in render_script(translated, library, "scripts") and "Tem tudo de que precisa?" in render_script(translated, library, "scripts")
    assert note not in render_script(english.all_scripts()[0], english, "scripts")


def test_a_translated_card_that_overflows_is_reported_at_the_translation(scaffold):
    script = scaffold / XX / "data/scripts/phone/all-you-need.yml"
    words = "Extraordinariamente " * 18  # within each text's max_length, with the English text's blanks
    undraft(script, opener=f'"{words}{{interviewer_name}} {{strength_a}} {{strength_b}}."', close=f'"{words[:200]}{{next_step}}?"')
    translation = read_translation(scaffold, "pt", load_library(scaffold), pages=False)
    assert any(p.path == f"{XX}/data/scripts/phone/all-you-need.yml" and "does not fit a printed card" in p.message for p in translation.errors), translation.errors
    with pytest.raises(Exception, match="does not fit a printed card"):
        load_library(scaffold, "pt")


def test_translation_hashes_date_a_checked_translation(scaffold):
    data = scaffold / XX / "data"
    settings = data / "settings.yml"
    undraft(settings)
    settings.write_text(re.sub(r'source: "[0-9a-f]{8}"', 'source: "0badbeef"', settings.read_text(encoding="utf-8")), encoding="utf-8")
    page = scaffold / XX / "docs/index.md"
    undraft(page)
    page.write_text(re.sub(r"source: \w+", "source: 0badbeef", page.read_text(encoding="utf-8")), encoding="utf-8")
    stale = [p for p in read_translation(scaffold, "pt", load_library(scaffold)).notices if "stale" in p.message]
    assert {p.path for p in stale} == {f"{XX}/data/settings.yml", f"{XX}/docs/index.md"}
    assert set(update_hashes(scaffold, "pt")) >= {f"{XX}/data/settings.yml", f"{XX}/docs/index.md"}
    assert not [p for p in read_translation(scaffold, "pt", load_library(scaffold)).notices if "stale" in p.message]


def test_a_hash_follows_the_texts_not_their_layout():
    spec = SCRIPT_RECORDS["spoken"]
    base = {"title": "A", "opener": "Hello {role}.", "close": "Next?", "order": 10, "tone": "soft"}
    assert source_hash(spec, base) == source_hash(spec, {**base, "order": 20, "tone": "direct"})  # not a text: not translated
    assert source_hash(spec, base) != source_hash(spec, {**base, "close": "Next step?"})
    assert re.fullmatch(r"[0-9a-f]{8}", source_hash(spec, base))
    assert source_hash_of_page(ROOT / "docs/index.md") != source_hash_of_page(ROOT / "docs/privacy.md")


# --- the real Spanish translation: the maintainers' gate (make check-translations), so main never ships English under Spanish notes ---


def spanish_library():
    assert (ROOT / "translations" / "es").is_dir(), "translations/es/ is missing: the Spanish translation has not landed"
    return load_library(ROOT, "es")


def test_the_spanish_translation_is_complete_and_current():
    translation = read_translation(ROOT, "es", load_library(ROOT)) if (ROOT / "translations/es").is_dir() else None
    assert translation is not None, "translations/es/ is missing: the Spanish translation has not landed"
    problems = translation.errors + translation.notices
    assert not problems, "translate these (or ask in the pull request for someone who can):\n" + "\n".join(map(str, problems))


def test_every_spanish_script_and_page_reads_easily():
    library = spanish_library()
    scores = {script.path: fernandez_huerta(script_text(script, library)) for script in library.all_scripts()}
    docs = ROOT / "translations" / "es" / "docs"
    scores |= {f"translations/es/docs/{page}": fernandez_huerta(page_text(docs / page)) for page in english_pages(ROOT) if (docs / page).is_file()}
    missing = [page for page in english_pages(ROOT) if not (docs / page).is_file()]
    hard = {path: round(score, 1) for path, score in scores.items() if score < READABLE}
    assert not hard and not missing, f"Fernández Huerta under {READABLE}: {hard}; pages missing: {missing}"


def test_translated_interface_strings_show_and_keep_their_values(scaffold):
    ui = scaffold / XX / "data/ui.yml"
    undraft(ui)
    text = ui.read_text(encoding="utf-8").replace('text: "If they say yes"', 'text: "Se sim"')
    ui.write_text(text, encoding="utf-8")
    library = load_library(scaffold, "pt")
    script = next(s for s in library.all_scripts() if s.replies)
    assert library.ui("reply.if_yes.label") == "Se sim" and "<dt>Se sim</dt>" in render_script(script, library, "scripts")
    assert library.ui("panel.done") == load_library(scaffold).ui("panel.done")  # a draft string: English still

    ui.write_text(text.replace('text: "For example: {example}"', 'text: "Por exemplo"'), encoding="utf-8")
    errors = read_translation(scaffold, "pt", load_library(scaffold), pages=False).errors
    at = line_col(ui, '"Por exemplo')
    expected = f"{XX}/data/ui.yml:{at}: translation (pt): string 'panel.for_example' 'text': its blanks must be the English text's ({{example}}); found none."
    assert [str(p) for p in errors] == [expected]


def test_a_hash_of_digits_alone_is_still_a_hash(scaffold):
    script = scaffold / XX / "data/scripts/phone/all-you-need.yml"
    undraft(script)
    script.write_text(re.sub(r'(?m)^source: .*$', "source: 12345678", script.read_text(encoding="utf-8")), encoding="utf-8")
    translation = read_translation(scaffold, "pt", load_library(scaffold), pages=False)
    assert not [p for p in translation.errors if p.path.endswith("all-you-need.yml")], translation.errors
    assert [p.line for p in translation.notices if p.path.endswith("all-you-need.yml") and "stale" in p.message] == [4]
    update_hashes(scaffold, "pt")
    assert re.search(r'(?m)^source: "?[0-9a-f]{8}"?$', script.read_text(encoding="utf-8"))
    assert not [p for p in read_translation(scaffold, "pt", load_library(scaffold), pages=False).notices if p.path.endswith("all-you-need.yml")]


def test_an_english_edit_that_swaps_a_blank_makes_the_translation_stale_not_an_error(scaffold):
    # A translator's current Portuguese, then an English contributor swaps a blank: the build must not stop on the old translation.
    undraft(scaffold / XX / "data/scripts/phone/all-you-need.yml", title='"Tem tudo de que precisa?"')
    english_file = scaffold / SCRIPT
    english_file.write_text(english_file.read_text(encoding="utf-8").replace("move me on to {next_step}?", "move me on to {role}?"), encoding="utf-8")
    translation = read_translation(scaffold, "pt", load_library(scaffold), pages=False)
    assert not [p for p in translation.errors if p.path.endswith("all-you-need.yml")], translation.errors
    assert [p for p in translation.notices if p.path.endswith("all-you-need.yml") and "stale" in p.message]
    shown = next(s for s in load_library(scaffold, "pt").all_scripts() if s.id == "all-you-need")
    assert shown.untranslated and "{role}" in shown.close


def test_a_missing_translation_is_listed_but_passes_the_check_unless_strict(scaffold, capsys):
    # An English contributor's new script has no Spanish yet: `make check` names it and still passes; the maintainers' strict gate fails.
    for language in (scaffold / "translations").iterdir():
        if language.name != "pt":
            shutil.rmtree(language)
    for path in (scaffold / XX).rglob("*"):
        if path.is_file() and path.suffix in (".yml", ".md") and not path.is_symlink():
            undraft(path)
    (scaffold / XX / "data/scripts/phone/all-you-need.yml").unlink()
    assert check_main([str(scaffold)]) == 0
    err = capsys.readouterr().err
    assert "data/scripts/phone/all-you-need.yml:1:1: translation (pt) missing: script 'all-you-need'" in err and "shows them in English" in err
    assert check_main([str(scaffold), "--strict-translations"]) == 1


def test_a_new_bench_run_leaves_the_performance_pages_translation_current(tmp_path):
    page = tmp_path / "performance.md"
    page.write_text("Intro.\n\n<!-- bench:start -->\n\n| a | 1 |\n<!-- bench:end -->\n\nMore prose.\n", encoding="utf-8")
    before = source_hash_of_page(page)
    page.write_text(page.read_text(encoding="utf-8").replace("| a | 1 |", "| a | 2 |"), encoding="utf-8")
    assert source_hash_of_page(page) == before  # new figures: the translation links to them, it does not copy them
    page.write_text(page.read_text(encoding="utf-8").replace("More prose.", "Other prose."), encoding="utf-8")
    assert source_hash_of_page(page) != before
