"""The build gate: every script, and the prep sheet, must fit a printed card even at the floor size.

QuickFit (card_quickfit.py) clears the scripts that provably fit; the model (card_model.py)
checks every other one, so the verdicts and messages are the model's either way.
"""

from __future__ import annotations

import math
from pathlib import Path

from .card_metrics import CARD_SIZES, FILL_CHAR_EM, FLOOR_PT, LINE_HEIGHT
from .card_model import card_blocks, card_height_pt
from .card_quickfit import QUICK_FIT_EXACT, QuickFit
from .model import Blank, Library, PrepSheet, Script
from .problems import Problem


def card_fit_problems(root: Path, library: Library, quick: bool = True) -> list[Problem]:
    """One problem per script that would not fit a card even at the floor size.

    QuickFit clears the scripts that provably fit; the model itself checks every other one,
    so the verdicts and messages are the model's either way (`quick=False` skips QuickFit).
    """
    problems = []
    blanks = library.blanks_by_id
    quick_fit = QuickFit(library) if quick and QUICK_FIT_EXACT else None
    cards = [*library.all_scripts(), *([library.prep_sheet] if library.prep_sheet else [])]
    for script in cards:
        if any(blank_id not in blanks for blank_id in script.blanks_used):
            continue  # an unknown blank is reported by the loader already
        if quick_fit is not None and quick_fit.fits(script):
            continue
        problem = _fit_problem(root, script, library, blanks)
        if problem is not None:
            problems.append(problem)
    return problems


def _fit_problem(root: Path, script: Script | PrepSheet, library: Library, blanks: dict[str, Blank]) -> Problem | None:
    """The model's verdict on one script at every size, blanks full and empty, as a message."""
    scenarios = [card_blocks(script, library, filled) for filled in (True, False)]
    heights = [(size, max(card_height_pt(blocks, size, FLOOR_PT) for blocks in scenarios)) for size in CARD_SIZES]
    too_big = [(size, height) for size, height in heights if height > size.text_height_pt]
    if not too_big:
        return None
    size, height = too_big[0]
    line_pt = LINE_HEIGHT * FLOOR_PT
    chars_per_line = size.text_width_pt / (FLOOR_PT * FILL_CHAR_EM[False])
    over = math.ceil((height - size.text_height_pt) / line_pt) * int(chars_per_line)
    used = [blank_id for blank_id in script.blanks_used if blank_id in blanks]
    longest, line, col = script.longest_text()
    sizes = "; ".join(s.label for s, _ in too_big)
    return Problem(
        script.path, line, col,
        f"this {'script' if isinstance(script, Script) else 'prep sheet'} does not fit a printed card ({sizes}) even at {FLOOR_PT} pt when every blank holds "
        f"its max_length: it needs {height:.0f} pt of the {size.text_height_pt:.0f} pt a {size.label} card has. "
        f"Shorten its text by about {over} characters (the longest part is '{longest}'), or lower max_length "
        f"in data/blanks.yml for the blanks it uses: {', '.join(used) or 'none'}.",
    )
