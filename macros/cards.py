"""Print cards on the page: the print controls, and the "My cards" page.

print.js prints the script markup these pages hold (render.py's); whether a script fits a card
is the build's business (card_fit.py). Each page keeps its own choice (print.js stores it under
the box's data-page), so the boxes are rendered with that page's defaults: every script ticked on
a script page, none on My cards.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from .card_metrics import CARD_SIZES
from .model import Library, Script
from .prep_sheet import render_prep_cards_group
from .render import attr, markdown_text, render_script
from .ui import Catalog, english_catalog

LAYOUTS = ("single", "letter", "a4")  # each labelled by the catalog's print.layout.<id>
MY_CARDS = "my-cards"  # the page key of My cards; a script page's key is its setting's id


def _choices(library: Library, scripts: Sequence[Script], ticked: bool) -> str:
    """A checkbox per card, grouped by setting (the prep sheet is a group of its own) where the page holds more than one group."""
    titles = {setting.id: setting.title for setting in library.settings}
    groups: dict[str, tuple[str, list[str]]] = {}
    for script in scripts:
        title = titles.get(script.setting) or getattr(script, "group", script.setting)
        groups.setdefault(script.setting, (title, []))[1].append(_option("checkbox", "ns-print-script", script.id, script.title, ticked))
    rows = []
    for title, boxes in groups.values():
        rows.append("".join(boxes) if len(groups) == 1 else f'<fieldset class="ns-print__group"><legend>{escape(title)}</legend>{"".join(boxes)}</fieldset>')
    return "".join(rows)


def render_print_bar(on_my_cards: bool, ui: Catalog | None = None) -> str:
    """The count, Print and (on My cards) "Rehearse these": print-ui.js fills the count and the link."""
    ui = ui or english_catalog()
    form = ' form="ns-print-form"' if on_my_cards else ""
    rehearse = (
        f'<a class="md-button ns-print__rehearse" href="">{escape(ui("print.rehearse_these"))}</a><span class="ns-print__rehearse-note"></span>' if on_my_cards else ""
    )
    return (
        f'<div class="ns-print__bar{" ns-print__bar--sticky" if on_my_cards else ""}">'
        '<p class="ns-print__status" role="status"></p>'
        f'<button type="submit"{form} class="md-button md-button--primary ns-print__go">{escape(ui("print.button"))}</button>{rehearse}</div>'
    )


def render_print_controls(library: Library, scripts: Sequence[Script], page: str, site_root: str) -> str:
    """The "Print cards" box as one raw HTML block, for `page` (a setting's id, or MY_CARDS) holding `scripts`.

    CSS hides it without JavaScript (no `ns-js` class on the page), since it could not print
    anything; the note in <noscript> says what the browser's own Print command gives instead.
    print.js loads the box's code (print-ui.js) when the box opens; on My cards it starts open.
    """
    on_my_cards = page == MY_CARDS
    ui = library.ui
    titles = json.dumps({setting.id: setting.title for setting in library.settings}, ensure_ascii=False, separators=(",", ":"))
    sizes = "".join(_option("radio", "ns-print-size", size.id, size.label, index == 0) for index, size in enumerate(CARD_SIZES))
    layouts = "".join(_option("radio", "ns-print-layout", key, ui(f"print.layout.{key}"), index == 0) for index, key in enumerate(LAYOUTS))
    return (
        f'<div class="ns-print" data-search-exclude data-page="{attr(page)}" data-root="{attr(site_root)}" data-settings="{attr(titles)}">'
        f'<details class="ns-print__box"{" open" if on_my_cards else ""}>'
        f'<summary class="ns-print__title">{escape(ui("print.title"))}</summary>'
        f'<form class="ns-print__form" id="ns-print-form" aria-label="{attr(ui("print.title"))}">'
        f"<p>{escape(ui('print.intro'))}</p>"
        f'<fieldset class="ns-print__scripts"><legend>{escape(ui("print.scripts"))}</legend>'
        f'<div class="ns-print__choices">{_choices(library, scripts, not on_my_cards)}</div>'
        '<p class="ns-print__actions">'
        f'<button type="button" class="ns-button" data-choose="all">{escape(ui("print.choose_all"))}</button>'
        f'<button type="button" class="ns-button" data-choose="none">{escape(ui("print.clear_all"))}</button>'
        "</p></fieldset>"
        f'<fieldset class="ns-print__sizes"><legend>{escape(ui("print.size"))}</legend>{sizes}</fieldset>'
        f'<fieldset class="ns-print__layouts"><legend>{escape(ui("print.layout"))}</legend>{layouts}</fieldset>'
        f"{'' if on_my_cards else render_print_bar(False, ui)}"
        '<div class="ns-print__check" tabindex="-1" hidden></div>'
        "</form></details></div>\n\n"
        f'<noscript><p class="ns-print-nojs">{escape(ui("print.nojs", which=ui("print.nojs_every" if on_my_cards else "print.nojs_each")), quote=False)}</p></noscript>\n'
    )


def _option(kind: str, name: str, value: str, label: str, checked: bool) -> str:
    state = " checked" if checked else ""
    return f'<label class="ns-print__option"><input type="{kind}" name="{name}" value="{attr(value)}"{state}> {escape(label)}</label>'


def render_my_cards(library: Library, page_dir: str, filters: str = "", site_root: str = "") -> str:
    """The print box, `filters` (the filter bar), then every script of every setting, grouped by setting; print.js shows only the chosen ones.

    The bar with the count, Print and "Rehearse these" comes right after the box (so the keyboard meets it
    next) and stays at the bottom of the window (print-ui.css), so it is always in view.
    """
    scripts = [*([library.prep_sheet] if library.prep_sheet else []), *library.all_scripts()]  # in the order the cards show
    groups = []
    for setting in library.settings:
        own = library.scripts[setting.id]
        if not own:
            continue
        body = "\n".join(render_script(script, library, page_dir) for script in own)
        groups.append(
            f'<div class="ns-my-cards__group" data-setting="{attr(setting.id)}" markdown>\n\n'
            f"## {markdown_text(setting.title)} {{ #cards-{setting.id} .ns-my-cards__setting }}\n\n"
            f"{body}\n</div>\n"
        )
    groups.insert(0, render_prep_cards_group(library))  # the prep sheet's card, before the closes
    empty = f'<p class="ns-my-cards__empty" hidden>{escape(library.ui("my_cards.empty"), quote=False)}</p>'
    return (
        f'<div class="ns-my-cards-print" markdown>\n\n{render_print_controls(library, scripts, MY_CARDS, site_root)}\n'
        f"{render_print_bar(True, library.ui)}\n\n"
        f'{filters}<div class="ns-my-cards" markdown>\n\n{empty}\n\n' + "\n".join(groups) + "\n</div>\n</div>\n"
    )
