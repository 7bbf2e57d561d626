"""Content-Security-Policy for every built page, as the first element of <head>.

After the build, every inline <script> (Material's bootstrap code) and inline
<style> in the site is hashed; each page then gets one <meta http-equiv> policy
that allows exactly those hashes and the site's own files, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.csp")

# Scripts whose type makes them data, not code: CSP does not apply to them, so they need no hash.
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}

_command: str = "build"


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _command
    _command = command


def sha256_source(text: str) -> str:
    """The CSP source expression for one inline script or style, as browsers hash it."""
    # Browsers hash the parsed text, in which every CR LF / CR is already a LF.
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """The text of every inline script that runs and every inline style element, in page order."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = _TYPE.search(attributes)
        if kind and kind.group(1).lower() in _DATA_SCRIPT_TYPES:
            continue
        scripts.append(body)
    styles = [match.group(2) for match in _STYLE.finditer(html)]
    return scripts, styles


def build_policy(script_hashes: list[str], style_hashes: list[str], *, live_reload: bool = False) -> str:
    """The whole policy. `live_reload` is only for `mkdocs serve`, whose reload script changes every time."""
    scripts = ["'self'", "'unsafe-inline'"] if live_reload else ["'self'", *script_hashes]
    directives = {
        "default-src": ["'self'"],
        "script-src": scripts,
        "style-src": ["'self'", *style_hashes],
        # data: only for images: Material draws its icons (nav arrows, admonitions, copy) as data: SVG masks in CSS.
        "img-src": ["'self'", "data:"],
        # blob: only for media: the Rehearse recorder plays back a recording held in the page's memory.
        "media-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        # The web app manifest (hooks/offline.py); default-src allows it too, named so it stays allowed.
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(dict.fromkeys(values))}" for name, values in directives.items())


def insert_policy(html: str, policy: str) -> str:
    """The page with the policy <meta> placed directly after <head>, before anything it governs."""
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("no <head> element")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[: head.end()] + meta + html[head.end() :]


class _AttributeCheck(HTMLParser):
    """Finds markup a policy without 'unsafe-inline' would silently block at run time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=...> is an inline event handler; attach it with addEventListener in a .js file")
            elif name == "style":
                self.problems.append(f"line {line}: <{tag} style=...> is an inline style; use a class and a rule in a .css file")
            elif name in _URL_ATTRIBUTES and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"line {line}: <{tag} {name}=\"javascript:...\"> runs inline code; use a button and a .js file")
            elif name == "http-equiv" and value and value.lower() == "content-security-policy":
                self.problems.append(f"line {line}: the page already has a Content-Security-Policy <meta>; hooks/csp.py writes the only one")


def blocked_markup(html: str) -> list[str]:
    checker = _AttributeCheck()
    checker.feed(html)
    checker.close()
    return checker.problems


@event_priority(-100)  # last, so that it sees the final HTML of every other hook
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    problems = []
    script_hashes: dict[str, None] = {}
    style_hashes: dict[str, None] = {}
    for path, html in texts.items():
        problems += [f"{path.relative_to(site).as_posix()}: {problem}" for problem in blocked_markup(html)]
        scripts, styles = inline_code(html)
        script_hashes.update(dict.fromkeys(map(sha256_source, scripts)))
        style_hashes.update(dict.fromkeys(map(sha256_source, styles)))
    if problems:
        raise PluginError("Content-Security-Policy: these pages hold markup the policy would block:\n" + "\n".join(problems))
    # One policy for all pages: instant navigation re-runs another page's inline scripts inside this document.
    policy = build_policy(list(script_hashes), list(style_hashes), live_reload=_command == "serve")
    if _command == "serve":
        log.info("mkdocs serve: scripts allow 'unsafe-inline' for the live-reload script; `mkdocs build` uses hashes")
    for path, html in texts.items():
        try:
            path.write_text(insert_policy(html, policy), encoding="utf-8")
        except ValueError as error:
            raise PluginError(f"Content-Security-Policy: {path.relative_to(site).as_posix()}: {error}; it must come from a theme template") from None
