"""How easy a translation reads: Fernández Huerta's score for Spanish (60 and over reads easily), via textstat."""

from __future__ import annotations

import re
from pathlib import Path

from .model import PLACEHOLDER, Library

READABLE = 60  # the floor, for every page and script
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MARKUP = [
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S), " "),  # macro calls: their output is scored as scripts
    (re.compile(r"\{[^{}\n]*#[^{}\n]*\}"), " "),  # attribute lists: { #id .class }
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images keep their words
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>|\?\?\?\+?|!!!)[ \t]*(.*?)[ \t]*$", re.M), r"\2\n"),  # a heading or an item ends its sentence
    (re.compile(r"[*_`|]+"), " "),
]


def fernandez_huerta(text: str, lang: str = "es") -> float:
    import textstat  # only the readability check needs it

    textstat.set_lang(lang)
    return textstat.fernandez_huerta(text)


def sentences(lines: list[str]) -> str:
    """Lines joined as sentences: one that ends without a stop (a title, a heading, an item) gets one, as a reader hears it."""
    return "\n".join(line if line.endswith((".", "!", "?", ":", ";", "…")) else f"{line}." for line in (line.strip() for line in lines) if line)


def script_text(script, library: Library) -> str:
    """A script's texts joined as sentences, each blank replaced by its example in the library's language."""
    blanks = library.blanks_for(script.setting)
    return sentences([PLACEHOLDER.sub(lambda match: blanks[match.group(1)].example, text) for text in [script.title, *script.texts]])


def page_text(path: Path) -> str:
    """A Markdown page's prose: front matter, macro calls, markup and link targets removed."""
    text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return sentences(re.split(r"\n\s*\n", text))
