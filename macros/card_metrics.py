"""Printed cards, measured: the card sizes and the widths of the type, as site.css's print section sets them.

The fit model (card_model.py) and its fast path (card_quickfit.py) build on these numbers;
tests/test_cards.py keeps them equal to site.css and print.js.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Card geometry: these numbers are also in site.css's print section (tests/test_cards.py keeps them equal) ---

POINTS_PER_INCH = 72
POINTS_PER_MM = 72 / 25.4
FLOOR_PT = 10  # the smallest type a card may use
CEILING_PT = 16  # print.js starts here and shrinks until the card fits
PADDING_PT = 0.2 * POINTS_PER_INCH  # inside every card: clear of a printer's unprintable edge
LINE_HEIGHT = 1.15
GAP_EM = 0.2  # space above each part of a card
WRITE_IN_EM = 5  # room to write after an empty blank's label


@dataclass(frozen=True)
class CardSize:
    id: str
    label: str
    width_pt: float  # cards lie in landscape, as index cards are written on
    height_pt: float

    @property
    def text_width_pt(self) -> float:
        return self.width_pt - 2 * PADDING_PT

    @property
    def text_height_pt(self) -> float:
        return self.height_pt - 2 * PADDING_PT


CARD_SIZES = (
    CardSize("3x5", "3 × 5 in", 5 * POINTS_PER_INCH, 3 * POINTS_PER_INCH),
    CardSize("4x6", "4 × 6 in", 6 * POINTS_PER_INCH, 4 * POINTS_PER_INCH),
    CardSize("a6", "A6, 105 × 148 mm", 148 * POINTS_PER_MM, 105 * POINTS_PER_MM),
)

# --- Text widths, in thousandths of an em, of Arial / Liberation Sans (regular, then bold) ---

_CHARS = "0123456789 !\"#$%&'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2019\u2014\u00d7\u00b7"
_REGULAR = (
    [556] * 10 + [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 278, 278, 584, 584, 584, 556, 1015]
    + [667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611]
    + [278, 278, 278, 469, 556, 333]
    + [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500]
    + [334, 260, 334, 584, 222, 1000, 584, 278]
)
_BOLD = (
    [556] * 10 + [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 333, 333, 584, 584, 584, 611, 975]
    + [722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611]
    + [333, 278, 333, 584, 556, 333]
    + [556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500]
    + [389, 280, 389, 584, 278, 1000, 584, 278]
)
# The letters and marks of the translations (Spanish first): an accented letter is as wide as its base letter in Arial.
_ACCENTED = {"áàâä": "a", "éèêë": "e", "íìîï": "i", "óòôö": "o", "úùûü": "u", "ñ": "n", "ç": "c", "ÁÀÂÄ": "A", "ÉÈÊË": "E", "ÍÌÎÏ": "I", "ÓÒÔÖ": "O", "ÚÙÛÜ": "U", "Ñ": "N", "Ç": "C"}
_MARKS = {"¿": (611, 611), "¡": (333, 333), "«": (556, 556), "»": (556, 556), "\u201c": (333, 500), "\u201d": (333, 500), "\u2018": (222, 278), "\u2013": (556, 556), "\u2026": (1000, 1000)}
WIDTHS = {False: dict(zip(_CHARS, _REGULAR, strict=True)), True: dict(zip(_CHARS, _BOLD, strict=True))}
for _bold, _table in WIDTHS.items():
    _table.update({char: _table[base] for chars, base in _ACCENTED.items() for char in chars})
    _table.update({char: widths[_bold] for char, widths in _MARKS.items()})
UNKNOWN_WIDTH = 1000  # a character outside the table (an accent, an emoji) counts as a full em
FILL_CHAR_EM = {False: 0.5, True: 0.55}  # a reader's words, regular and bold: English averages 0.44 em a character
FILL_WORD = 8  # a reader's words break every 8 characters (7 letters and a space)
WRAP_SLACK = 1.0  # real words wrap less neatly than the model's: count lines as if 5% narrower


def text_width_em(text: str, bold: bool = False) -> float:
    table = WIDTHS[bold]
    return sum(table.get(char, UNKNOWN_WIDTH) for char in text) / 1000
