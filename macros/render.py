"""Turn the Library into page content. Contributor text is escaped here, never templated."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from html import escape

from .model import PLACEHOLDER, BlankField, Library, Script, Setting
from .schema import SCRIPT_KINDS
from .ui import Catalog, english_catalog

# Exactly Python-Markdown's escapable characters: a backslash before any other shows literally.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def attr(value: str) -> str:
    return escape(value, quote=True)


def markdown_text(value: str) -> str:
    """Plain text that Markdown will show literally (HTML-escaped, specials backslashed)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escape(value, quote=False))


@cache  # a blank recurs in every script: its markup is built once (BlankField is a frozen value, so no entry goes stale)
def render_blank(blank: BlankField) -> str:
    """A blank as the reader first sees it: its label in brackets, ready to be filled with the value under its value key."""
    return f'<span class="ns-blank" data-blank="{attr(blank.id)}" data-label="{attr(blank.label)}">[{escape(blank.label)}]</span>'


def render_text(text: str, blanks: dict[str, BlankField]) -> str:
    """Script text as HTML: escaped words with each {blank_id} replaced by its blank."""
    pieces = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        pieces.append(escape(text[last : match.start()], quote=False))
        pieces.append(render_blank(blanks[match.group(1)]))
        last = match.end()
    pieces.append(escape(text[last:], quote=False))
    return "".join(pieces)


def script_meta(script: Script, ui: Catalog | None = None) -> str:
    """What the meta line says of a script before anything else: "Soft · For a recruiter"."""
    ui = ui or english_catalog()
    return f"{ui(f'tone.{script.tone}')} · {ui(f'audience.{script.audience}.meta')}"


def untranslated_note(script, ui: Catalog) -> str:
    """A line, in the page's language, over a record a translation lacks: it shows in English (its section says lang="en")."""
    return f'<p class="ns-untranslated" lang="{attr(ui.lang)}">{escape(ui("script.untranslated"))}</p>\n\n' if script.untranslated else ""


def english_lang(script) -> str:
    return ' lang="en"' if script.untranslated else ""


def script_data(script: Script) -> str:
    """The attributes a filter reads off a script's section."""
    return f'data-tone="{attr(script.tone)}" data-audience="{attr(script.audience)}"'


@cache  # every script on a page links from the same folder; relpath asks the system for the working folder each time
def page_link(target: str, page_dir: str) -> str:
    """The relative link from a page in `page_dir` (under docs/) to `target` (a path under docs/)."""
    return posixpath.relpath(target, page_dir or ".")


def render_script(script: Script, library: Library, page_dir: str) -> str:
    """One script as Markdown: heading and guide link (checked by MkDocs), then an HTML body."""
    idea = library.ideas[script.idea]
    ui = library.ui
    meta = f"{script_meta(script, ui)} · {markdown_text(ui('script.idea'))}: [{markdown_text(idea.title)}]({page_link(idea.page, page_dir)}#{idea.anchor})"
    kind = library.setting(script.setting).kind
    body = render_script_body(library, script, kind)
    # A spoken script opens Rehearse with this one card (a written message has no answer to practise).
    rehearse = ""
    if SCRIPT_KINDS[kind].replies_label:
        hidden = f'<span class="ns-visually-hidden"> “{markdown_text(script.title)}”</span>'
        rehearse = f"[{markdown_text(ui('script.rehearse_this'))}{hidden}]({page_link('rehearse.md', page_dir)}?cards={script.id})\n{{ .ns-script__rehearse }}\n\n"
    return (
        f'<section class="ns-script" data-script="{attr(script.id)}" data-setting="{attr(script.setting)}" {script_data(script)}{english_lang(script)} markdown>\n\n'
        f"## {markdown_text(script.title)} {{ #{script.id} }}\n\n"
        f"{untranslated_note(script, ui)}"
        f"{meta}\n{{ .ns-script__meta }}\n\n"
        f"{body}\n\n"
        f"{rehearse}"
        "</section>\n"
    )


def render_script_body(library: Library, script: Script, kind: str, answers_id: str = "") -> str:
    """A script's texts as HTML, each under its label: the one markup of script pages, My cards (and so the printed cards) and Rehearse.

    Blanks take the values of the script's setting (Library.blanks_for) and labels the library's language (library.ui).
    The texts are rendered once per library, since a script shows on its setting's page, on My cards and in Rehearse.
    `answers_id` gives the replies' box an id, for a control that shows and hides it.
    """
    key = ("script body", script.setting, script.id, kind)
    parts = library.derived.get(key)
    if parts is None:
        parts = library.derived[key] = _body_parts(script, kind, library.blanks_for(script.setting), library.ui)
    return _script_body(parts, kind, answers_id, library.ui)


def _body_parts(script: Script, kind: str, blanks: dict[str, BlankField], ui: Catalog) -> tuple[list[str], str]:
    """Each part's HTML, and the replies' HTML ("" for none): what the body wraps."""
    parts = [
        f'<div class="ns-part ns-part--{attr(part.key)}{" ns-part--emphasis" if part.emphasis else ""}">'
        f'<p class="ns-part__label">{escape(ui.part_label(part, kind))}</p><p class="ns-part__text">{render_text(text, blanks)}</p></div>'
        for part, text in script.parts(kind)
    ]
    answers = "".join(
        f'<div class="ns-answer" data-answer="{attr(reply.key)}"><dt>{escape(ui(f"reply.{reply.key}.label"))}</dt><dd>{render_text(text, blanks)}</dd></div>'
        for reply, text in script.replies
    )
    return parts, answers


def _script_body(body_parts: tuple[list[str], str], kind: str, answers_id: str, ui: Catalog) -> str:
    """The body around the rendered parts; the replies' box last, with `answers_id` as its id where given."""
    parts, answers = body_parts
    if answers:
        box_id = f' id="{attr(answers_id)}"' if answers_id else ""
        answers_box = f'<div class="ns-part ns-part--answers"{box_id}><p class="ns-part__label">{escape(ui(f"kind.{kind}.replies_label"))}</p><dl class="ns-answers">{answers}</dl></div>'
        parts = [*parts, answers_box]
    body = "\n".join(parts)
    return f'<div class="ns-script__body">\n{body}\n</div>'


def render_setting_intro(setting: Setting, ui: Catalog | None = None) -> str:
    """The setting in a sentence and its cues, folded into one line (a raw HTML block), so the first script shows on the first screen."""
    ui = ui or english_catalog()
    cues = "".join(f"<li>{escape(cue, quote=False)}</li>" for cue in setting.cues)
    return (
        f'<details class="ns-cues"><summary>{escape(ui("setting.when_to_close", setting=setting.title.lower()), quote=False)}</summary>'
        f'<p>{escape(setting.summary, quote=False)}</p><p><strong>{escape(ui("setting.time_to_close"), quote=False)}</strong></p><ul>{cues}</ul></details>\n'
    )


def render_setting_page(library: Library, setting_id: str, page_dir: str, filters: str = "") -> str:
    """Everything below a script page's title: when to use it, its cues, then `filters` (a raw HTML block) and each script."""
    setting = library.setting(setting_id)
    scripts = library.scripts[setting.id]
    body = "\n".join(render_script(script, library, page_dir) for script in scripts)
    return f"{render_setting_intro(setting, library.ui)}\n{filters}{body}"


def render_settings_overview(library: Library, page_dir: str) -> str:
    """A list of settings linking to their pages, for the scripts index."""
    rows = []
    for setting in library.settings:
        link = page_link(f"scripts/{setting.id}.md", page_dir)
        count = len(library.scripts[setting.id])
        scripts = library.ui("overview.scripts_one" if count == 1 else "overview.scripts_many", count=count)
        rows.append(f"- **[{markdown_text(setting.title)}]({link})** ({markdown_text(scripts)}): {markdown_text(setting.summary)}")
    return "\n".join(rows) + "\n"
