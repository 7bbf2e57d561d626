"""The audience and tone filter bar above a list of scripts: script pages, My cards and the Rehearse deck.

core.js loads filters.js once the reader reaches for the bar (or the address asks for a filter); filters.js reveals the bar (CSS hides it without JavaScript, so every script shows and nothing
mentions filters), marks the scripts that do not match and keeps the choice in the query string.
Each group filters on the script attribute of its name (data-audience, data-tone); its choices
are the declared ones (macros/schema.py) that the listed scripts use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from .model import Script
from .render import attr
from .schema import AUDIENCES, TONE_LABELS
from .ui import Catalog, english_catalog

EVERYONE = "any"  # a script for anyone suits every audience, so it matches every audience filter
# Where the bar stands; what filtering does there is the catalog's filters.hint.<page>.
PAGES = ("setting", "my-cards", "rehearse")


def used_choices(labels: dict[str, str], values: Iterable[str]) -> list[tuple[str, str]]:
    """The declared choices (value, label) that the scripts use, in the declaration's order."""
    used = set(values)
    return [(value, label) for value, label in labels.items() if value in used]


def render_group(name: str, legend: str, choices: list[tuple[str, str]], said: str = "{}", ui: Catalog | None = None) -> str:
    """One radio group, "All" first and checked; none where fewer than two choices leave nothing to filter.

    `said` turns a choice's label into the words of the announcement: "soft tone".
    """
    if len(choices) < 2:
        return ""
    ui = ui or english_catalog()
    everyone = f' data-everyone="{attr(EVERYONE)}"' if name == "audience" else ""
    radios = "".join(
        f'<label class="ns-filters__option"><input type="radio" name="ns-filter-{name}" value="{attr(value)}"'
        f'{" checked" if value == "all" else ""} data-said="{attr(said.format(label.lower()))}"> {escape(label)}</label>'
        for value, label in [("all", ui("filters.all")), *choices]
    )
    return f'<fieldset class="ns-filters__group" data-filter="{name}"{everyone}><legend>{escape(legend)}</legend>{radios}</fieldset>'


def render_filter_bar(scripts: Sequence[Script], page: str, site_root: str, ui: Catalog | None = None) -> str:
    """The bar as a raw HTML block (a blank line after it): "" where there is nothing to filter.

    `page` is one of PAGES; `site_root` the relative URL of the site's root ("" or "../"); `ui` the page language's words.
    """
    ui = ui or english_catalog()
    audience_labels = {key: ui(f"audience.{key}.label") for key in AUDIENCES}
    audiences = used_choices(audience_labels, (script.audience for script in scripts))
    audience = render_group("audience", ui("filters.audience"), audiences, ui=ui)
    tone_said = ui("filters.tone_said", tone="{}")
    tone = render_group("tone", ui("filters.tone"), used_choices({key: ui(f"tone.{key}") for key in TONE_LABELS}, (script.tone for script in scripts)), tone_said, ui)
    if not audience + tone:
        return ""
    # On a script page the bar is folded, so the first script shows on the first screen; filters.js unfolds it for a filter in the address.
    fold = (f'<details class="ns-filters__box"><summary>{escape(ui("filters.fold"))}</summary>', "</details>") if page == "setting" else ("", "")
    anyone = f"{ui('filters.anyone', audience=audience_labels[EVERYONE].lower())} " if audience and EVERYONE in dict(audiences) else ""
    return (
        f'<div class="ns-filters" data-search-exclude>{fold[0]}{audience}{tone}'
        f'<p class="ns-filters__hint">{escape(anyone + ui(f"filters.hint.{page}"))}</p>{fold[1]}'
        '<p class="ns-filters__status ns-visually-hidden" role="status"></p>'
        f'<p class="ns-filters__empty" hidden>{escape(ui("filters.empty"))}</p>'
        "</div>\n\n"
    )
