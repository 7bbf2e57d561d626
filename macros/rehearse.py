"""The Rehearse page's deck: every spoken script as a practice card, and the player around it.

Everything is rendered here from the Library; rehearse.js only shows, hides and counts.
With JavaScript off the player stays `hidden` and the page lists every card in full.
"""

from __future__ import annotations

import re
from html import escape

from .filters import render_filter_bar
from .model import PLACEHOLDER, BlankField, Library, Script, Setting
from .prep_sheet import prep_sheets
from .rehearse_recorder import render_recorder, render_recorder_script
from .render import attr, english_lang, render_script_body, script_data, script_meta, untranslated_note
from .schema import PREP_SHEET_KIND, REPLIES, SCRIPT_KINDS
from .ui import Catalog, english_catalog

# A calm conversational pace: most people speak 120 to 160 words a minute when they are not rushing.
SPEAKING_PACE_WPM = 150
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def spoken_words(text: str, blanks: dict[str, BlankField]) -> int:
    """Words said aloud; a blank counts as many words as its example, the typical filled length."""
    said = PLACEHOLDER.sub(lambda match: f" {blanks[match.group(1)].example} ", text)
    return len(_WORD.findall(said))


def target_words(script: Script, blanks: dict[str, BlankField]) -> int:
    """The close is the opener plus the closing question; the reply depends on the answer."""
    return spoken_words(script.opener, blanks) + spoken_words(script.close, blanks)


def target_seconds(script: Script, blanks: dict[str, BlankField]) -> int:
    return seconds_for(target_words(script, blanks))


def seconds_for(words: int) -> int:
    """The time to say `words` at SPEAKING_PACE_WPM, at least one second."""
    return max(1, round(words * 60 / SPEAKING_PACE_WPM))


def clock(seconds: int) -> str:
    """Seconds as the timer shows them, m:ss."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def rehearsable_settings(library: Library) -> list[Setting]:
    """Settings with scripts that prepare replies (spoken ones): a written follow-up has no answer to react to."""
    return [s for s in library.settings if SCRIPT_KINDS[s.kind].replies_label and library.scripts[s.id]]


def render_card(script: Script, setting: Setting, library: Library) -> str:
    """One script in the script pages' markup, plus its target time for the timer."""
    ui = library.ui
    words = target_words(script, library.blanks_for(setting.id))
    seconds = seconds_for(words)
    meta = f"{setting.title} · {script_meta(script, ui)} · {ui('rehearse.say_in', time=clock(seconds), words=words)}"
    body = render_script_body(library, script, setting.kind, answers_id=f"ns-rehearse-answers-{script.id}")
    return (
        f'<section class="ns-script ns-rehearse__card" data-script="{attr(script.id)}" data-setting="{attr(script.setting)}"'
        f' {script_data(script)} data-target-seconds="{seconds}" data-target-words="{words}"{english_lang(script)}>'
        f'<h2 id="{attr(script.id)}" tabindex="-1" data-search-exclude>{escape(script.title)}</h2>'
        f"{untranslated_note(script, ui).strip()}"
        f'<p class="ns-script__meta">{escape(meta)}</p>'
        f"{body}</section>"
    )


def render_prep_card(library: Library) -> str:
    """The prep sheet as a card, timed on all its lines; it has no replies, so rehearse.js hides the answer buttons. "" without a sheet."""
    sheet = library.prep_sheet
    if sheet is None:
        return ""
    blanks = library.blanks_for(sheet.setting)
    words = sum(spoken_words(text, blanks) for text in sheet.texts)
    seconds = seconds_for(words)
    ui = library.ui
    meta = f"{sheet.group} · {sheet.practise} · {ui('rehearse.say_in', time=clock(seconds), words=words)}"
    return (
        f'\n<section class="ns-script ns-rehearse__card ns-prep-sheet" data-script="{attr(sheet.id)}" data-setting="{attr(sheet.setting)}"'
        f' data-target-seconds="{seconds}" data-target-words="{words}"{english_lang(sheet)}>'
        f'<h2 id="{attr(sheet.id)}" tabindex="-1" data-search-exclude>{escape(sheet.title)}</h2>'
        f"{untranslated_note(sheet, ui).strip()}"
        f'<p class="ns-script__meta">{escape(meta)}</p>'
        f"{render_script_body(library, sheet, PREP_SHEET_KIND)}</section>"
    )


def render_setup(settings: list[Setting], library: Library, filters: str = "") -> str:
    """Choose a setting (or all of them), narrowed by `filters` (the filter bar), and start: a form, so Enter starts from any choice."""
    ui = library.ui
    total = sum(len(library.scripts[s.id]) for s in settings)
    choices = [("all", ui("rehearse.all_settings"), total)] + [(s.id, s.title, len(library.scripts[s.id])) for s in settings]
    radios = "".join(
        f'<label class="ns-rehearse__choice"><input type="radio" name="ns-rehearse-setting" value="{attr(value)}"{" checked" if value == "all" else ""}>'
        f' {escape(title)} <span class="ns-rehearse__count">({escape(ui("rehearse.cards_one" if count == 1 else "rehearse.cards_many", count=count))})</span></label>'
        for value, title, count in choices
    )
    return (
        '<form class="ns-rehearse__setup" hidden>'
        f'<fieldset><legend>{escape(ui("rehearse.what"))}</legend>{radios}</fieldset>{filters}'
        f'<label class="ns-rehearse__choice"><input type="checkbox" name="ns-rehearse-shuffle"> {escape(ui("rehearse.shuffle"))}</label>'
        f'<button type="submit" class="md-button md-button--primary ns-rehearse__start">{escape(ui("rehearse.start"))}</button>'
        "</form>"
    )


def render_controls(ui: Catalog | None = None) -> str:
    """The current card's controls: timer, read aloud, the interviewer's answer, reveal, next."""
    ui = ui or english_catalog()
    # rehearse.js reads the replies from these buttons: key, what was heard, shortcut.
    answers = "".join(
        f'<button type="button" class="md-button ns-rehearse__answer" data-action="answer" data-answer="{attr(reply.key)}" data-heard="{attr(ui(f"reply.{reply.key}.heard"))}"'
        f' aria-pressed="false" aria-keyshortcuts="{attr(reply.shortcut)}">{escape(ui(f"reply.{reply.key}.button"))} <kbd aria-hidden="true">{escape(reply.shortcut)}</kbd></button>'
        for reply in REPLIES
    )
    return (
        '<div class="ns-rehearse__controls" hidden>'
        '<div class="ns-rehearse__timer" role="group" aria-labelledby="ns-rehearse-timer-label">'
        f'<p class="ns-rehearse__clock-line"><span id="ns-rehearse-timer-label">{escape(ui("rehearse.your_time"))}</span> '
        '<span class="ns-rehearse__clock" role="timer">0:00</span> '
        f'<span class="ns-rehearse__target">{escape(ui("rehearse.target"))} <span class="ns-rehearse__target-time">0:00</span></span></p>'
        '<button type="button" class="md-button ns-rehearse__timer-toggle" data-action="timer" aria-keyshortcuts="t">'
        f'<span class="ns-rehearse__label">{escape(ui("rehearse.start_timer"))}</span> <kbd aria-hidden="true">t</kbd></button>'
        f'<button type="button" class="md-button" data-action="reset" aria-keyshortcuts="0">{escape(ui("rehearse.reset_timer"))} <kbd aria-hidden="true">0</kbd></button>'
        f'<button type="button" class="md-button" data-action="speak" aria-keyshortcuts="l" hidden>{escape(ui("rehearse.read_aloud"))} <kbd aria-hidden="true">l</kbd></button>'
        "</div>"
        f"{render_recorder(SPEAKING_PACE_WPM, ui)}"
        '<div class="ns-rehearse__reply" role="group" aria-labelledby="ns-rehearse-answer-label">'
        f'<p id="ns-rehearse-answer-label" class="ns-rehearse__question">{escape(ui("rehearse.question"))}</p>'
        f"{answers}"
        f'<button type="button" class="md-button ns-rehearse__answer" data-action="random" aria-keyshortcuts="r">{escape(ui("rehearse.surprise"))} <kbd aria-hidden="true">r</kbd></button>'
        '<p class="ns-rehearse__heard" hidden></p>'
        '<button type="button" class="md-button" data-action="reveal" aria-expanded="false" aria-keyshortcuts="v" hidden>'
        f'<span class="ns-rehearse__label">{escape(ui("rehearse.show_reply"))}</span> <kbd aria-hidden="true">v</kbd></button>'
        "</div>"
        '<button type="button" class="md-button md-button--primary ns-rehearse__next" data-action="next" aria-keyshortcuts="ArrowRight">'
        f'<span class="ns-rehearse__label">{escape(ui("rehearse.next"))}</span> <kbd aria-hidden="true">→</kbd></button>'
        "</div>"
    )


def render_done(ui: Catalog | None = None) -> str:
    ui = ui or english_catalog()
    return (
        '<div class="ns-rehearse__done" hidden>'
        f'<h2 id="ns-rehearse-done" tabindex="-1" data-search-exclude>{escape(ui("rehearse.done"))}</h2>'
        '<p class="ns-rehearse__summary"></p>'
        f'<button type="button" class="md-button md-button--primary" data-action="again">{escape(ui("rehearse.again"))}</button>'
        f'<button type="button" class="md-button" data-action="choose">{escape(ui("rehearse.choose"))}</button>'
        "</div>"
    )


def render_progress(scripts: list[Script], ui: Catalog | None = None) -> str:
    """One line per card, which rehearse.js fills in from this tab's progress."""
    ui = ui or english_catalog()
    rows = "".join(
        f'<li data-script="{attr(s.id)}" data-setting="{attr(s.setting)}"><span class="ns-rehearse__log-title">{escape(s.title)}</span>'
        f' <span class="ns-rehearse__log-state">{escape(ui("rehearse.not_practised"))}</span></li>'
        for s in scripts
    )
    return (
        '<div class="ns-rehearse__progress" hidden>'
        f'<h2 id="ns-rehearse-progress" data-search-exclude>{escape(ui("rehearse.progress"))}</h2>'
        '<p class="ns-rehearse__tally"></p>'
        f'<ul class="ns-rehearse__log">{rows}</ul>'
        f'<button type="button" class="md-button" data-action="clear">{escape(ui("rehearse.clear"))}</button>'
        "</div>"
    )


def render_rehearse_deck(library: Library, site_root: str) -> str:
    """The whole deck as one raw HTML block (no blank line inside, so Markdown leaves it alone).

    `site_root` is the relative URL of the site's root from this page ("" or "../"). The deck
    loads its own script and styles, so no other page pays for them; Material's instant
    navigation runs a script found in the new content, so arriving by a link works too.
    """
    settings = rehearsable_settings(library)
    if not settings:
        return ""
    scripts = [(setting, script) for setting in settings for script in library.scripts[setting.id]]
    cards = "\n".join(render_card(script, setting, library) for setting, script in scripts)
    cards += render_prep_card(library)  # the prep sheet, offered as a card of its own
    return (
        f'<link rel="stylesheet" href="{attr(site_root)}assets/stylesheets/rehearse.css">\n'
        f'<script src="{attr(site_root)}assets/javascripts/rehearse.js" defer></script>\n'
        '<div class="ns-rehearse" data-search-exclude>\n'
        '<p class="ns-rehearse__status" role="status"></p>\n'
        f"{render_setup(settings, library, render_filter_bar([script for _, script in scripts], 'rehearse', site_root, library.ui).strip())}\n"
        '<p class="ns-rehearse__position" hidden></p>\n'
        f'<div class="ns-rehearse__deck">\n{cards}\n</div>\n'
        f"{render_controls(library.ui)}\n"
        f"{render_done(library.ui)}\n"
        f"{render_progress([script for _, script in scripts] + prep_sheets(library), library.ui)}\n"
        "</div>\n"
        f"{render_recorder_script(site_root)}"
    )
