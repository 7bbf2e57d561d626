"""Turn the Library into page content. Contributor text is escaped here, never templated."""

from __future__ import annotations

import posixpath
import re
from html import escape

from .library import Blank, Library, Script, Setting

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Exactly Python-Markdown's escapable characters: a backslash before any other shows literally.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
TONE_LABELS = {"soft": "Soft", "direct": "Direct"}
PART_LABELS = {
    "spoken": {"opener": "Open with", "close": "Then ask"},
    "written": {"subject": "Subject", "opener": "Write", "close": "Then ask again"},
}


def attr(value: str) -> str:
    return escape(value, quote=True)


def markdown_text(value: str) -> str:
    """Plain text that Markdown will show literally (HTML-escaped, specials backslashed)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escape(value, quote=False))


def render_blank(blank: Blank) -> str:
    """A blank as the reader first sees it: its label in brackets, ready to be filled."""
    return f'<span class="ns-blank" data-blank="{attr(blank.id)}" data-label="{attr(blank.label)}">[{escape(blank.label)}]</span>'


def render_text(text: str, blanks: dict[str, Blank]) -> str:
    """Script text as HTML: escaped words with each {blank_id} replaced by its blank."""
    pieces = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces.append(escape(text[last : match.start()], quote=False))
        pieces.append(render_blank(blanks[match.group(1)]))
        last = match.end()
    pieces.append(escape(text[last:], quote=False))
    return "".join(pieces)


def render_script(script: Script, library: Library, page_dir: str) -> str:
    """One script as Markdown: heading and guide link (checked by MkDocs), then an HTML body."""
    blanks = library.blanks_by_id
    idea = library.ideas[script.idea]
    link = posixpath.relpath(idea.page, page_dir or ".")
    meta = f"{TONE_LABELS[script.tone]} tone · applies [{markdown_text(idea.title)}]({link}#{idea.anchor})"
    labels = PART_LABELS[library.setting(script.setting).kind]
    parts = []
    if script.subject:
        parts.append(_part("subject", labels["subject"], script.subject, blanks))
    parts.append(_part("opener", labels["opener"], script.opener, blanks))
    parts.append(_part("close", labels["close"], script.close, blanks))
    if script.responses:
        answers = "".join(
            f'<div class="ns-answer" data-answer="{key}"><dt>{escape(label)}</dt><dd>{render_text(text, blanks)}</dd></div>'
            for key, label, text in script.responses
        )
        parts.append(f'<div class="ns-part ns-part--answers"><p class="ns-part__label">Then listen, and react</p><dl class="ns-answers">{answers}</dl></div>')
    body = "\n".join(parts)
    return (
        f'<section class="ns-script" data-script="{attr(script.id)}" data-setting="{attr(script.setting)}" data-tone="{attr(script.tone)}" markdown>\n\n'
        f"## {markdown_text(script.title)} {{ #{script.id} }}\n\n"
        f"{meta}\n{{ .ns-script__meta }}\n\n"
        f'<div class="ns-script__body">\n{body}\n</div>\n\n'
        "</section>\n"
    )


def _part(key: str, label: str, text: str, blanks: dict[str, Blank]) -> str:
    return f'<div class="ns-part ns-part--{key}"><p class="ns-part__label">{label}</p><p class="ns-part__text">{render_text(text, blanks)}</p></div>'


def render_setting_intro(setting: Setting) -> str:
    cues = "\n".join(f"- {markdown_text(cue)}" for cue in setting.cues)
    return f"{markdown_text(setting.summary)}\n\n**Time to close when:**\n\n{cues}\n"


def render_setting_page(library: Library, setting_id: str, page_dir: str) -> str:
    """Everything below a script page's title: when to use it, its cues, then each script."""
    setting = library.setting(setting_id)
    scripts = library.scripts[setting.id]
    body = "\n".join(render_script(script, library, page_dir) for script in scripts)
    return f"{render_setting_intro(setting)}\n{body}"


def render_settings_overview(library: Library, page_dir: str) -> str:
    """A list of settings linking to their pages, for the scripts index."""
    rows = []
    for setting in library.settings:
        link = posixpath.relpath(f"scripts/{setting.id}.md", page_dir or ".")
        count = len(library.scripts[setting.id])
        rows.append(f"- **[{markdown_text(setting.title)}]({link})** ({count} script{'s' if count != 1 else ''}): {markdown_text(setting.summary)}")
    return "\n".join(rows) + "\n"
