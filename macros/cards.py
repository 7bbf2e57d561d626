"""Print controls and the "My cards" page (being written: see the print issue)."""

from __future__ import annotations

from .library import Library


def render_print_controls(library: Library) -> str:
    return ""


def render_my_cards(library: Library, page_dir: str) -> str:
    return ""
