"""The real site builds strictly, and a build refuses bad data without a traceback."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pathspec
import yaml
from helpers import ROOT, build_site

from macros.translation_files import TRANSLATIONS
from macros.translation_pages import front_matter
from tools.site_build import LANGUAGES, ConfigLoader

GOOD_EXTRA = """\
title: A brand new close
order: 99
tone: direct
audience: recruiter
idea: three-reasons
opener: Thanks, {interviewer_name}. I'd love to join {company}.
close: Shall we book {next_step}?
if_yes: Wonderful.
if_not_sure: What would help you decide?
if_put_off: Of course. When will you know?
if_no: Thank you for being honest.
"""


def test_every_page_is_built(built_site):
    for page in ("index.html", "scripts/phone/index.html", "scripts/face-to-face/index.html", "guide/why-close/index.html"):
        assert (built_site / page).is_file(), page


def test_no_page_refers_to_another_host_for_fonts_or_scripts(built_site):
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", text):
            # Absolute addresses only name pages, never load anything: the canonical one and the other languages' (hreflang).
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or re.search(r'rel="(canonical|alternate)"', tag), (html, tag)


def test_a_new_valid_script_file_appears_on_its_page_with_no_other_edit(project, tmp_path):
    (project / "data" / "scripts" / "phone" / "brand-new-close.yml").write_text(GOOD_EXTRA, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "scripts" / "phone" / "index.html").read_text(encoding="utf-8")
    assert 'id="brand-new-close"' in page
    assert "A brand new close" in page
    assert page.index('data-script="picture-me-in-the-role"') < page.index('data-script="brand-new-close"')


def test_the_build_refuses_bad_data_with_every_problem_and_no_traceback(project, tmp_path):
    bad = GOOD_EXTRA.replace("tone: direct", "tone: no").replace("Shall we book", "Shall we {{ 7*7 }} book")
    (project / "data" / "scripts" / "phone" / "broken.yml").write_text(bad, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "data/scripts/phone/broken.yml:3:7: 'tone': YAML reads no as a yes/no value" in result.stderr
    assert "data/scripts/phone/broken.yml:7:17: 'close' contains '{{'" in result.stderr
    assert not (tmp_path / "site" / "scripts" / "phone" / "index.html").exists()


def test_contributor_text_is_printed_literally_never_templated(project, tmp_path):
    """Markdown and HTML specials in a title are shown as typed, not interpreted."""
    tricky = GOOD_EXTRA.replace("A brand new close", "'Use *stars*, _under_ & [brackets] (1 < 2) #1'")
    (project / "data" / "scripts" / "phone" / "tricky.yml").write_text(tricky, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "scripts" / "phone" / "index.html").read_text(encoding="utf-8")
    assert "Use *stars*, _under_ &amp; [brackets] (1 &lt; 2) #1" in page


def test_search_finds_each_script_once_on_its_own_page(built_site, library):
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    for script in library.all_scripts():
        hits = [loc for loc in locations if loc.endswith(f"#{script.id}")]
        assert hits == [f"scripts/{script.setting}/#{script.id}"], (script.id, hits)


def _macros_options(config_file: str) -> dict:
    config = yaml.load((ROOT / config_file).read_text(encoding="utf-8"), Loader=ConfigLoader)
    (options,) = [entry["macros"] for entry in config["plugins"] if isinstance(entry, dict) and "macros" in entry]
    return options


def _calls_a_macro(page: Path) -> bool:
    """Whether a page's text holds Jinja (after its front matter), unless its front matter turns macros off."""
    text = page.read_text(encoding="utf-8")
    if front_matter(text).get("render_macros", ("",))[0] == "false":
        return False
    body = text[4:].partition("\n---\n")[2] if text.startswith("---\n") else text
    return "{{" in body or "{%" in body


def render_spec(lines: list[str]) -> pathspec.PathSpec:
    """force_render_paths read as mkdocs-macros reads it (its pathspec style, deprecated in pathspec but still the plugin's)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return pathspec.PathSpec.from_lines("gitwildmatch", lines)


def macro_pages_left_out(docs: Path, spec: pathspec.PathSpec) -> list[str]:
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if _calls_a_macro(p) and not spec.match_file(p.relative_to(docs).as_posix()))


def test_every_page_that_calls_a_macro_is_rendered_in_every_language_and_no_other_is_listed():
    """render_by_default is off, so a page left out of force_render_paths would show its {{ ... }} as text."""
    options = {config_file: _macros_options(config_file) for config_file in ["mkdocs.yml", *(f"mkdocs.{lang}.yml" for lang in LANGUAGES[1:])]}
    assert len({json.dumps(o, sort_keys=True) for o in options.values()}) == 1, f"the macros plugin's options differ between {', '.join(options)}"
    english = options["mkdocs.yml"]
    assert english["render_by_default"] is False
    patterns = [line for line in english["force_render_paths"].splitlines() if line.strip()]
    spec = render_spec(patterns)
    folders = [ROOT / "docs", *(ROOT / TRANSLATIONS / lang / "docs" for lang in LANGUAGES[1:])]
    for docs in folders:
        assert macro_pages_left_out(docs, spec) == [], f"pages in {docs.relative_to(ROOT)} that call a macro but are not in force_render_paths"
    for pattern in patterns:  # a stale entry would render a page through Jinja for nothing
        one = render_spec([pattern])
        assert any(_calls_a_macro(p) for docs in folders for p in docs.rglob("*.md") if one.match_file(p.relative_to(docs).as_posix())), pattern


def test_a_page_that_calls_a_macro_outside_the_list_is_caught(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "new.md").write_text("---\ntitle: New\n---\n\n{{ details_panel() }}\n", encoding="utf-8")
    (tmp_path / "guide" / "plain.md").write_text("# Plain\n\nNo macros here.\n", encoding="utf-8")
    (tmp_path / "off.md").write_text("---\nrender_macros: false\n---\n\nShows {{ braces }} as text.\n", encoding="utf-8")
    spec = render_spec(["scripts/*.md"])
    assert macro_pages_left_out(tmp_path, spec) == ["guide/new.md"]
