"""Print cards on the page: the print controls, and the "My cards" page.

print.js prints the script markup these pages hold (render.py's); whether a script fits a card
is the build's business (card_fit.py).
"""

from __future__ import annotations

import json
from html import escape

from .card_metrics import CARD_SIZES
from .model import Library
from .prep_sheet import render_prep_cards_group
from .render import markdown_text, render_script

LAYOUTS = (
    ("single", "One card a page"),
    ("letter", "Several on US Letter paper, with cut marks"),
    ("a4", "Several on A4 paper, with cut marks"),
)


def render_print_controls(library: Library) -> str:
    """The "Print cards" box as one raw HTML block; print.js reveals it and lists the page's scripts.

    CSS hides it without JavaScript (no `ns-js` class on the page), since it could not print
    anything; the note in <noscript> says what the browser's own Print command gives instead.
    """
    titles = json.dumps({setting.id: setting.title for setting in library.settings}, ensure_ascii=False, separators=(",", ":"))
    sizes = "".join(_radio("ns-print-size", size.id, size.label, index == 0) for index, size in enumerate(CARD_SIZES))
    layouts = "".join(_radio("ns-print-layout", key, label, index == 0) for index, (key, label) in enumerate(LAYOUTS))
    return (
        f'<div class="ns-print" data-search-exclude data-settings="{escape(titles, quote=True)}">'
        '<details class="ns-print__box">'
        '<summary class="ns-print__title">Print cards</summary>'
        '<form class="ns-print__form" aria-label="Print cards">'
        "<p>One script a card, with your details filled in; a detail you leave empty prints as a line to write on.</p>"
        '<fieldset class="ns-print__scripts"><legend>Scripts to print</legend>'
        '<div class="ns-print__choices"></div>'
        '<p class="ns-print__actions">'
        '<button type="button" class="ns-button" data-choose="all">Choose all</button>'
        '<button type="button" class="ns-button" data-choose="none">Clear all</button>'
        "</p></fieldset>"
        f'<fieldset class="ns-print__sizes"><legend>Card size</legend>{sizes}</fieldset>'
        f'<fieldset class="ns-print__layouts"><legend>Layout</legend>{layouts}</fieldset>'
        '<p class="ns-print__status" role="status"></p>'
        '<button type="submit" class="md-button md-button--primary ns-print__go">Print</button>'
        "</form></details></div>\n\n"
        '<noscript><p class="ns-print-nojs">To print blank cards to fill in by hand, use your browser\'s Print '
        "command: each script prints on its own 3 × 5 in card.</p></noscript>\n"
    )


def _radio(name: str, value: str, label: str, checked: bool) -> str:
    state = " checked" if checked else ""
    return f'<label class="ns-print__option"><input type="radio" name="{name}" value="{escape(value, quote=True)}"{state}> {escape(label)}</label>'


def render_my_cards(library: Library, page_dir: str, filters: str = "") -> str:
    """Every script of every setting, grouped by setting, under `filters` (the filter bar); print.js shows only the chosen ones."""
    groups = []
    for setting in library.settings:
        scripts = library.scripts[setting.id]
        if not scripts:
            continue
        body = "\n".join(render_script(script, library, page_dir) for script in scripts)
        groups.append(
            f'<div class="ns-my-cards__group" data-setting="{escape(setting.id, quote=True)}" markdown>\n\n'
            f"## {markdown_text(setting.title)} {{ #cards-{setting.id} .ns-my-cards__setting }}\n\n"
            f"{body}\n</div>\n"
        )
    groups.insert(0, render_prep_cards_group(library))  # the prep sheet's card, before the closes
    empty = '<p class="ns-my-cards__empty" hidden>No script is chosen yet: tick some under "Scripts to print" above.</p>'
    return f'{filters}<div class="ns-my-cards" markdown>\n\n{empty}\n\n' + "\n".join(groups) + "\n</div>\n"
