"""The "Your details" panel, generated from data/blanks.yml; details.js brings it to life."""

from __future__ import annotations

from html import escape

from .model import Blank, Library
from .render import attr


def blanks_in_use(library: Library, with_prep_sheet: bool = False) -> list[Blank]:
    """The blanks some script uses (and, `with_prep_sheet`, the prep sheet), in the order data/blanks.yml declares them."""
    used = {blank_id for script in library.all_scripts() for blank_id in script.blanks_used}
    if with_prep_sheet and library.prep_sheet is not None:
        used.update(library.prep_sheet.blanks_used)
    return [blank for blank in library.blanks if blank.id in used]


def field_label(blank: Blank) -> str:
    """A blank's label as a field label: the data writes it mid-sentence, in lower case."""
    return blank.label[:1].upper() + blank.label[1:]


def render_field(blank: Blank) -> str:
    """One labelled input; its hint and (empty until refused) error are tied by aria-describedby."""
    key = attr(blank.id)
    return (
        f'<div class="ns-field">'
        f'<label class="ns-field__label" for="ns-field-{key}">{escape(field_label(blank))}</label>'
        f'<span class="ns-field__hint" id="ns-hint-{key}">{escape(blank.hint)} For example: {escape(blank.example)}</span>'
        f'<input class="ns-field__input" id="ns-field-{key}" type="text" data-blank="{key}" data-label="{attr(blank.label)}"'
        f' maxlength="{blank.max_length}" autocomplete="off" spellcheck="false" dir="auto"'
        f' aria-describedby="ns-hint-{key} ns-error-{key}">'
        f'<span class="ns-field__error" id="ns-error-{key}"></span>'
        f"</div>"
    )


def render_details_panel(library: Library, with_prep_sheet: bool = False) -> str:
    """The panel as one raw HTML block (no blank line, so Markdown leaves it alone).

    CSS hides it unless the page runs JavaScript (the `ns-js` class set in the head before the
    first paint): without it the pages read fully with labelled blanks, and a form that could do
    nothing is never shown; with it the panel is laid out from the start, so nothing jumps.
    The prep sheet's blanks join only where a page shows the sheet: every other page stays short.
    """
    blanks = blanks_in_use(library, with_prep_sheet)
    if not blanks:
        return ""
    fields = "\n".join(render_field(blank) for blank in blanks)
    return (
        '<div class="ns-details" data-search-exclude>\n'
        '<details class="ns-details__box" open>\n'
        '<summary class="ns-details__summary">Your details <span class="ns-details__count"></span></summary>\n'
        '<p class="ns-details__intro">Type them once: every blank in every script, on every page, shows your words. '
        "They stay in this browser and are never sent anywhere.</p>\n"
        f'<div class="ns-details__fields">\n{fields}\n</div>\n'
        '<div class="ns-details__options">\n'
        '<div class="ns-details__remember"><input type="checkbox" id="ns-remember" aria-describedby="ns-remember-hint">'
        '<label for="ns-remember">Remember on this device</label>'
        '<span class="ns-field__hint" id="ns-remember-hint">Keeps your details in this browser after you close the tab, until you forget them. '
        "Without it they last until the tab closes.</span></div>\n"
        '<div class="ns-details__actions">'
        '<button type="button" class="ns-button ns-details__forget">Forget my details</button>'
        '<button type="button" class="ns-button ns-details__share">Make a share link</button>'
        "</div>\n"
        "</div>\n"
        '<div class="ns-share" hidden>\n'
        '<p class="ns-share__warning" id="ns-share-warning"><strong>This link contains your details.</strong> '
        "Anyone who has it can read them, so send it only to someone you trust.</p>\n"
        '<label class="ns-field__label" for="ns-share-link">Share link</label>'
        '<input class="ns-field__input" id="ns-share-link" type="text" readonly aria-describedby="ns-share-warning">\n'
        "</div>\n"
        "</details>\n"
        '<p class="ns-details__status" role="status"></p>\n'
        "</div>\n"
    )
