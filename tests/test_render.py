"""Rendered output against golden files (run pytest --update-golden to rewrite them), plus targeted checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from macros.library import Blank, load_library
from macros.render import markdown_text, render_blank, render_script, render_setting_page, render_text

GOLDEN = Path(__file__).parent / "golden"
FIXTURE = Path(__file__).parent / "fixtures" / "golden-library"


@pytest.fixture(scope="module")
def fixture_library():
    """A small, stable library: the golden files change only when rendering does."""
    return load_library(FIXTURE)


def assert_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; if the change is intended, run pytest --update-golden"


@pytest.mark.parametrize("setting_id", ["phone", "follow-up"])
def test_setting_page_matches_golden(fixture_library, update_golden, setting_id):
    assert_golden(f"{setting_id}.md", render_setting_page(fixture_library, setting_id, "scripts"), update_golden)


def test_a_blank_reads_sensibly_without_javascript():
    blank = Blank("interviewer_name", "interviewer's name", "hint", "Dana", 40)
    html = render_blank(blank)
    assert 'data-blank="interviewer_name"' in html
    assert "data-label=\"interviewer&#x27;s name\"" in html
    assert html.endswith(">[interviewer&#x27;s name]</span>")


def test_text_is_escaped_and_placeholders_become_blanks():
    blanks = {"role": Blank("role", "role", "h", "Lead", 60)}
    html = render_text("A <b> & {role} \"job\"", blanks)
    assert html.startswith("A &lt;b&gt; &amp; <span class=\"ns-blank\" data-blank=\"role\"")
    assert html.endswith('</span> "job"')


def test_markdown_specials_are_backslashed_only_where_markdown_would_act():
    assert markdown_text("a*b_c [d](e) #f! <g> & h: i") == r"a\*b\_c \[d\]\(e\) \#f\! &lt;g&gt; &amp; h: i"


def test_guide_links_are_relative_to_the_page(library):
    script = library.scripts["phone"][0]
    assert "](../guide/" in render_script(script, library, "scripts")
    assert "](guide/" in render_script(script, library, "")


def test_every_script_on_its_page_in_data_order(library):
    page = render_setting_page(library, "phone", "scripts")
    positions = [page.index(f'data-script="{s.id}"') for s in library.scripts["phone"]]
    assert positions == sorted(positions) and len(positions) == len(list((ROOT / "data/scripts/phone").glob("*.yml")))
