"""The "Your details" panel, generated from data/blanks.yml (being written: see the fill-in issue)."""

from __future__ import annotations

from .library import Library


def render_details_panel(library: Library) -> str:
    return ""
