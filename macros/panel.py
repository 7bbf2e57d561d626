"""The "Your details" panel, generated from data/blanks.yml; details.js brings it to life."""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from html import escape

from .model import BlankField, Library, Setting
from .render import attr
from .ui import Catalog, english_catalog


def page_setting(library: Library, src_uri: str) -> str | None:
    """The setting a page shows the scripts of (docs/scripts/<setting>.md), or None for a page with many."""
    folder, name = posixpath.split(src_uri)
    setting_id = name.removesuffix(".md")
    return setting_id if folder == "scripts" and setting_id in {s.id for s in library.settings} else None


def fields_in_use(library: Library, setting_id: str | None = None, with_prep_sheet: bool = False) -> list[tuple[BlankField, list[Setting]]]:
    """Each value the scripts of `setting_id` (or of every setting) fill a blank with, in data/blanks.yml's order, with the settings that use it.

    `with_prep_sheet` adds the prep sheet's blanks (their own values: the sheet belongs to no setting).
    """
    settings = [library.setting(setting_id)] if setting_id else list(library.settings)
    found: dict[str, tuple[BlankField, list[Setting]]] = {}
    sheet = library.prep_sheet.blanks_used if with_prep_sheet and library.prep_sheet is not None else ()
    for blank in library.blanks:
        for setting in settings:
            if blank.id in library.blank_ids_used_in(setting.id):
                field = blank.field_for(setting.id)
                found.setdefault(field.id, (field, []))[1].append(setting)
        if blank.id in sheet:
            found.setdefault(blank.fields[0].id, (blank.fields[0], []))
    order = {field.id: index for index, field in enumerate(field for blank in library.blanks for field in blank.fields)}
    return sorted(found.values(), key=lambda pair: order[pair[0].id])


def fields_by_use(library: Library, setting_id: str | None = None, with_prep_sheet: bool = False) -> list[tuple[BlankField, list[Setting]]]:
    """fields_in_use, the value most of the page's scripts use first (ties keep data/blanks.yml's order): the panel asks for those first."""
    settings = [library.setting(setting_id)] if setting_id else list(library.settings)
    scripts = [script for setting in settings for script in library.scripts[setting.id]]

    # How many of the page's scripts fill each value, counted in one pass over the scripts.
    uses = Counter(library.blanks_for(script.setting)[blank_id].id for script in scripts for blank_id in script.blanks_used)
    return sorted(fields_in_use(library, setting_id, with_prep_sheet), key=lambda pair: -uses[pair[0].id])


def blanks_in_use(library: Library, setting_id: str | None = None, with_prep_sheet: bool = False) -> list[BlankField]:
    """The values some script of `setting_id` (or of any setting) uses, in the order data/blanks.yml declares them."""
    return [field for field, _ in fields_in_use(library, setting_id, with_prep_sheet)]


def field_label(label: str) -> str:
    """A blank's label as a field label: the data writes it mid-sentence, in lower case."""
    return label[:1].upper() + label[1:]


def settings_phrase(settings: list[Setting], ui: Catalog | None = None) -> str:
    """ "phone screen and video call": the settings a value serves, as the field's label names them."""
    titles = [setting.title[:1].lower() + setting.title[1:] for setting in settings]
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} {(ui or english_catalog())('panel.and')} {titles[-1]}"


def render_field(blank: BlankField, label: str | None = None, ui: Catalog | None = None) -> str:
    """One labelled input; its hint and its message (a counter near the limit, what is wrong past it) are tied by aria-describedby.

    The limit is data (data-max-length), never maxlength: a browser would cut the reader's words without a word.
    """
    ui = ui or english_catalog()
    key = attr(blank.id)
    dom = attr(blank.id.replace(".", "-"))  # a value key's dot would read as a class in a CSS selector
    return (
        f'<div class="ns-field">'
        f'<label class="ns-field__label" for="ns-field-{dom}">{escape(label or field_label(blank.label))}</label>'
        f'<span class="ns-field__hint" id="ns-hint-{dom}">{escape(blank.hint)} {escape(ui("panel.for_example", example=blank.example))}</span>'
        f'<input class="ns-field__input" id="ns-field-{dom}" type="text" data-blank="{key}" data-label="{attr(blank.label)}"'
        f' data-max-length="{blank.max_length}" autocomplete="off" spellcheck="false" dir="auto"'
        f' aria-describedby="ns-hint-{dom} ns-error-{dom}">'
        f'<span class="ns-field__error" id="ns-error-{dom}"></span>'
        f"</div>"
    )


def _fields(library: Library, setting_id: str | None, with_prep_sheet: bool) -> str:
    """On a setting's page its own values; on a page of many settings every value, a variant's named by the settings it serves."""
    rows = []
    for field, settings in fields_by_use(library, setting_id, with_prep_sheet):
        varies = len(library.blanks_by_id[field.blank_id].fields) > 1
        label = f"{field_label(field.label)}: {settings_phrase(settings, library.ui)}" if varies and setting_id is None else None
        rows.append(render_field(field, label, library.ui))
    return "\n".join(rows)


def render_details_panel(library: Library, setting_id: str | None = None, with_prep_sheet: bool = False) -> str:
    """The panel as one raw HTML block (no blank line, so Markdown leaves it alone).

    CSS hides it unless the page runs JavaScript (the `ns-js` class set in the head before the
    first paint): without it the pages read fully with labelled blanks, and a form that could do
    nothing is never shown. It starts as a one-line strip (the scripts come first on every screen);
    details.js opens it again for a reader who left it open.
    `setting_id`: the page's setting, whose own values the panel asks for; None on a page of many.
    `data-max-lengths` lists every value key of the site, so a share link made on any page fills them all.
    The prep sheet's blanks join only where a page shows the sheet (`with_prep_sheet`): every other page stays short.
    """
    fields = _fields(library, setting_id, with_prep_sheet)
    if not fields:
        return ""
    ui = library.ui
    varies = f"{ui('panel.varies')} " if any(blank.by_setting for blank in library.blanks) else ""
    keys = json.dumps({field.id: field.max_length for field in blanks_in_use(library, None, True)}, separators=(",", ":"))
    return (
        f'<div class="ns-details" data-search-exclude data-max-lengths="{attr(keys)}">\n'
        '<details class="ns-details__box">\n'
        f'<summary class="ns-details__summary">{escape(ui("panel.summary"))}<span class="ns-details__count"></span>'
        f'<span class="ns-details__saved" aria-hidden="true"></span><span class="ns-details__cue">{escape(ui("panel.cue"))}</span></summary>\n'
        f'<p class="ns-details__intro">{escape(ui("panel.intro"))} {escape(varies)}{escape(ui("panel.private"))}</p>\n'
        f'<div class="ns-details__fields">\n{fields}\n</div>\n'
        f'<button type="button" class="ns-button ns-details__done">{escape(ui("panel.done"))}</button>\n'
        '<div class="ns-details__options">\n'
        '<div class="ns-details__remember"><input type="checkbox" id="ns-remember" aria-describedby="ns-remember-hint">'
        f'<label for="ns-remember">{escape(ui("panel.remember"))}</label>'
        f'<span class="ns-field__hint" id="ns-remember-hint">{escape(ui("panel.remember_hint"))}</span></div>\n'
        '<div class="ns-details__actions">'
        f'<button type="button" class="ns-button ns-details__forget">{escape(ui("panel.forget"))}</button>'
        f'<button type="button" class="ns-button ns-details__share">{escape(ui("panel.share"))}</button>'
        "</div>\n"
        "</div>\n"
        '<div class="ns-share" hidden>\n'
        f'<p class="ns-share__warning" id="ns-share-warning"><strong>{escape(ui("panel.share_warning"))}</strong> '
        f"{escape(ui('panel.share_warning_more'))}</p>\n"
        f'<label class="ns-field__label" for="ns-share-link">{escape(ui("panel.share_link"))}</label>'
        '<input class="ns-field__input" id="ns-share-link" type="text" readonly aria-describedby="ns-share-warning">\n'
        "</div>\n"
        "</details>\n"
        '<p class="ns-details__status" role="status"></p>\n'  # in the flow, under the strip: nothing floats over the page
        "</div>\n"
    )
