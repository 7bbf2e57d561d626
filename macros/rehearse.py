"""The Rehearse page's deck of cards (being written: see the rehearse issue)."""

from __future__ import annotations

from .library import Library


def render_rehearse_deck(library: Library, page_dir: str) -> str:
    return ""
