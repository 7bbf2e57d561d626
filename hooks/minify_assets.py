"""Minify the project's own scripts and style sheets in the built site.

Readers on a phone pay for every byte; the sources in docs/assets/ stay
readable, and Material's own files are already minified. `mkdocs serve`
keeps them as written, for debugging.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

_FOLDERS = ("assets/javascripts", "assets/stylesheets")
# A `/` after one of these starts a regular expression, not a division.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}
_REGEX_KEYWORDS = re.compile(r"(?:return|typeof|case|do|else|in|of|void|yield|await|delete|new)$")

_command: str = "build"


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _command
    _command = command


def on_post_build(*, config: MkDocsConfig) -> None:
    if _command == "serve":
        return
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    for folder in _FOLDERS:
        for source in sorted((docs / folder).glob("*")):
            built = site / folder / source.name
            minify = {".js": minify_js, ".css": minify_css}.get(source.suffix)
            if minify and built.is_file():
                try:
                    built.write_text(minify(built.read_text(encoding="utf-8")), encoding="utf-8")
                except ValueError as error:
                    raise PluginError(f"docs/{folder}/{source.name}: cannot be minified safely: {error}") from None


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text).strip() + "\n"


def minify_js(text: str) -> str:
    """rjsmin, with template literals kept exactly: rjsmin does not know them and would squeeze their spaces."""
    spans = template_literals(text)
    kept, pieces, last = [], [], 0
    for index, (start, end) in enumerate(spans):
        token = f'"\\u0000ns{index}"'
        pieces += [text[last:start], token]
        kept.append((token, text[start:end]))
        last = end
    minified = rjsmin.jsmin("".join(pieces) + text[last:])
    for token, literal in kept:
        if minified.count(token) != 1:
            raise ValueError("a template literal was lost while minifying")
        minified = minified.replace(token, literal)
    return minified.strip() + "\n"


def template_literals(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost template literal, found by skipping comments, strings and regexes."""
    spans, i, previous = [], 0, ""
    while i < len(text):
        char, pair = text[i], text[i : i + 2]
        if pair == "//":
            i = _find(text, "\n", i)
        elif pair == "/*":
            i = _find(text, "*/", i) + 2
        elif char in "'\"":
            i, previous = _skip_quoted(text, i, char), "a"
        elif char == "`":
            end = _skip_template(text, i)
            spans.append((i, end))
            i, previous = end, "a"
        elif char == "/" and (previous in _REGEX_AFTER or _REGEX_KEYWORDS.search(text[max(0, i - 8) : i].rstrip())):
            i, previous = _skip_regex(text, i), "a"
        else:
            if not char.isspace():
                previous = char
            i += 1
    return spans


def _find(text: str, needle: str, start: int) -> int:
    found = text.find(needle, start)
    return len(text) if found < 0 else found


def _skip_quoted(text: str, start: int, quote: str) -> int:
    i = start + 1
    while i < len(text) and text[i] != quote:
        if text[i] == "\n":
            raise ValueError(f"unterminated string at character {start}")
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _skip_template(text: str, start: int) -> int:
    i, depth = start + 1, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if depth == 0 and char == "`":
            return i + 1
        if depth == 0 and text[i : i + 2] == "${":
            depth, i = 1, i + 2
            continue
        if depth:
            if char == "`":
                i = _skip_template(text, i)
                continue
            if char in "'\"":
                i = _skip_quoted(text, i, char)
                continue
            depth += {"{": 1, "}": -1}.get(char, 0)
        i += 1
    raise ValueError(f"unterminated template literal at character {start}")


def _skip_regex(text: str, start: int) -> int:
    i, in_class = start + 1, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "\n":
            raise ValueError(f"unterminated regular expression at character {start}")
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            i += 1
            while i < len(text) and text[i].isalpha():
                i += 1
            return i
        i += 1
    raise ValueError(f"unterminated regular expression at character {start}")
