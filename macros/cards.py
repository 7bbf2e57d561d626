"""Print cards: the print controls, the "My cards" page, and the check that every script fits a card.

The fit check is a conservative model of print.css: it lays out each card's text with the
widths of Arial (Liberation Sans, Helvetica: same metrics) at the 10 pt floor, with every blank
filled to its max_length, and with every blank left as a write-in line. A card whose text
would not fit fails the build, because Chromium would clip it rather than paginate it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .library import Blank, Library, Script

# --- Card geometry: these numbers are also in print.css (tests/test_cards.py keeps them equal) ---

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
LAYOUTS = (
    ("single", "One card a page"),
    ("letter", "Several on US Letter paper, with cut marks"),
    ("a4", "Several on A4 paper, with cut marks"),
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
WIDTHS = {False: dict(zip(_CHARS, _REGULAR, strict=True)), True: dict(zip(_CHARS, _BOLD, strict=True))}
UNKNOWN_WIDTH = 1000  # a character outside the table (an accent, an emoji) counts as a full em
FILL_CHAR_EM = {False: 0.5, True: 0.55}  # a reader's words, regular and bold: English averages 0.44 em a character
FILL_WORD = 8  # a reader's words break every 8 characters (7 letters and a space)
WRAP_SLACK = 1.0  # real words wrap less neatly than the model's: count lines as if 5% narrower


def text_width_em(text: str, bold: bool = False) -> float:
    table = WIDTHS[bold]
    return sum(table.get(char, UNKNOWN_WIDTH) for char in text) / 1000


# --- The model: a card as blocks of words, laid out greedily line by line ---

# One unbreakable run of a line, in em, and whether a line may break after it.
Piece = tuple[float, bool]


@dataclass(frozen=True)
class Block:
    pieces: tuple[Piece, ...]
    scale: float = 1.0  # font size relative to the card's


def _words(text: str, bold: bool) -> list[Piece]:
    """Plain text as pieces: each space is a break opportunity (and counts its width)."""
    pieces: list[Piece] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            pieces.append((text_width_em(" ", bold), True))
        if word:
            pieces.append((text_width_em(word, bold), False))
    return pieces


def _blank_pieces(blank: Blank, filled: bool, bold: bool) -> list[Piece]:
    if not filled:
        # An empty blank prints as "[label]" on a write-in line that never breaks.
        return [(text_width_em(f"[{blank.label}]", bold) + WRITE_IN_EM, False)]
    pieces: list[Piece] = []
    for index in range(blank.max_length):
        space = (index + 1) % FILL_WORD == 0
        pieces.append((FILL_CHAR_EM[bold], space))
    return pieces


def _text_pieces(text: str, blanks: dict[str, Blank], filled: bool, bold: bool) -> list[Piece]:
    from .render import _PLACEHOLDER

    pieces: list[Piece] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces += _words(text[last : match.start()], bold)
        pieces += _blank_pieces(blanks[match.group(1)], filled, bold)
        last = match.end()
    pieces += _words(text[last:], bold)
    return pieces


def _run_in(label: str, text: list[Piece]) -> tuple[Piece, ...]:
    """A bold label on the same line as its text; print.css puts ": " after the label."""
    return tuple(_words(f"{label}: ", True) + text)


def card_blocks(script: Script, library: Library, filled: bool) -> list[Block]:
    """The printed card of `script` as the model sees it, blanks filled to max_length or empty."""
    from .render import PART_LABELS

    blanks = {blank.id: blank for blank in library.blanks}
    setting = library.setting(script.setting)
    labels = PART_LABELS[setting.kind]
    # The setting line shows the setting's title (from print.js) or its id (JavaScript off).
    heading = max(setting.title.upper(), setting.id.upper(), key=lambda t: text_width_em(t, True))
    blocks = [Block(tuple(_words(f"{heading} · ", True) + _words(script.title, True)))]
    if script.subject:
        blocks.append(Block(_run_in(labels["subject"], _text_pieces(script.subject, blanks, filled, False))))
    blocks.append(Block(_run_in(labels["opener"], _text_pieces(script.opener, blanks, filled, False))))
    blocks.append(Block(_run_in(labels["close"], _text_pieces(script.close, blanks, filled, True))))
    for _key, label, text in script.responses:
        blocks.append(Block(_run_in(label, _text_pieces(text, blanks, filled, False))))
    return blocks


def count_lines(pieces: tuple[Piece, ...], line_em: float) -> int:
    """Lines taken by greedy wrapping; a word wider than a line breaks anywhere (overflow-wrap)."""
    lines, used, word = 1, 0.0, 0.0
    for width, breaks_after in pieces:
        word += width
        if not breaks_after:
            continue
        lines, used = _place(word - width, lines, used, line_em)
        used += width  # the space; it may hang past the end of a line
        word = 0.0
    lines, used = _place(word, lines, used, line_em)
    return lines


def _place(word: float, lines: int, used: float, line_em: float) -> tuple[int, float]:
    if word <= 0:
        return lines, used
    if used + word <= line_em:
        return lines, used + word
    if used > 0:
        lines += 1
    extra = math.ceil(word / line_em) - 1 if word > line_em else 0
    return lines + extra, word - extra * line_em


def card_height_pt(blocks: list[Block], size: CardSize, font_pt: float) -> float:
    """Height the text of a card needs at `font_pt`, gaps included."""
    height = 0.0
    for index, block in enumerate(blocks):
        block_pt = font_pt * block.scale
        lines = count_lines(block.pieces, WRAP_SLACK * size.text_width_pt / block_pt)
        height += lines * LINE_HEIGHT * block_pt
        if index:
            height += GAP_EM * font_pt
    return height


def worst_height_pt(script: Script, library: Library, size: CardSize, font_pt: float = FLOOR_PT) -> float:
    """The taller of the card with every blank at max_length and the card with every blank empty."""
    return max(card_height_pt(card_blocks(script, library, filled), size, font_pt) for filled in (True, False))


def longest_script(library: Library) -> Script:
    """The script that needs the most room on the smallest card."""
    return max(library.all_scripts(), key=lambda script: worst_height_pt(script, library, CARD_SIZES[0]))


def card_fit_problems(root: Path, library: Library) -> list[Problem]:
    """One problem per script that would not fit a card even at the floor size."""
    from .strict_yaml import Mapping, read_yaml

    problems = []
    blanks = {blank.id: blank for blank in library.blanks}
    for script in library.all_scripts():
        if any(blank_id not in blanks for blank_id in script.blanks_used):
            continue  # an unknown blank is reported by the loader already
        scenarios = [card_blocks(script, library, filled) for filled in (True, False)]
        heights = [(size, max(card_height_pt(blocks, size, FLOOR_PT) for blocks in scenarios)) for size in CARD_SIZES]
        too_big = [(size, height) for size, height in heights if height > size.text_height_pt]
        if not too_big:
            continue
        size, height = too_big[0]
        line_pt = LINE_HEIGHT * FLOOR_PT
        chars_per_line = size.text_width_pt / (FLOOR_PT * FILL_CHAR_EM[False])
        over = math.ceil((height - size.text_height_pt) / line_pt) * int(chars_per_line)
        used = [blank_id for blank_id in script.blanks_used if blank_id in blanks]
        longest = max(("subject", "opener", "close", "if_yes", "if_not_sure", "if_no"), key=lambda key: len(getattr(script, key) or ""))
        line, col = 1, 1
        yfile, _ = read_yaml(root / script.path, script.path, max_bytes=1_000_000)
        if yfile is not None and isinstance(yfile.root, Mapping) and longest in yfile.root.items:
            key_node = yfile.root.items[longest][0]
            line, col = key_node.line, key_node.col
        sizes = "; ".join(s.label for s, _ in too_big)
        problems.append(
            Problem(
                script.path, line, col,
                f"this script does not fit a printed card ({sizes}) even at {FLOOR_PT} pt when every blank holds "
                f"its max_length: it needs {height:.0f} pt of the {size.text_height_pt:.0f} pt a {size.label} card has. "
                f"Shorten its text by about {over} characters (the longest part is '{longest}'), or lower max_length "
                f"in data/blanks.yml for the blanks it uses: {', '.join(used) or 'none'}.",
            )
        )
    return problems


# --- Page content ---


def render_print_controls(library: Library) -> str:
    """The "Print cards" box as one raw HTML block; print.js reveals it and lists the page's scripts.

    CSS hides it without JavaScript (no `ns-js` class on the page), since it could not print
    anything; the note in <noscript> says what the browser's own Print command gives instead.
    """
    titles = json.dumps({setting.id: setting.title for setting in library.settings}, ensure_ascii=False, separators=(",", ":"))
    sizes = "".join(_radio("ns-print-size", size.id, size.label, index == 0) for index, size in enumerate(CARD_SIZES))
    layouts = "".join(_radio("ns-print-layout", key, label, index == 0) for index, (key, label) in enumerate(LAYOUTS))
    return (
        f'<div class="ns-print" data-search-exclude data-settings="{escape(titles, quote=True)}">'
        '<details class="ns-print__box">'
        '<summary class="ns-print__title">Print cards</summary>'
        '<form class="ns-print__form" aria-label="Print cards">'
        "<p>One script a card, with your details filled in; a detail you leave empty prints as a line to write on.</p>"
        '<fieldset class="ns-print__scripts"><legend>Scripts to print</legend>'
        '<div class="ns-print__choices"></div>'
        '<p class="ns-print__actions">'
        '<button type="button" class="ns-button" data-choose="all">Choose all</button>'
        '<button type="button" class="ns-button" data-choose="none">Clear all</button>'
        "</p></fieldset>"
        f'<fieldset class="ns-print__sizes"><legend>Card size</legend>{sizes}</fieldset>'
        f'<fieldset class="ns-print__layouts"><legend>Layout</legend>{layouts}</fieldset>'
        '<p class="ns-print__status" role="status"></p>'
        '<button type="submit" class="md-button md-button--primary ns-print__go">Print</button>'
        "</form></details></div>\n\n"
        '<noscript><p class="ns-print-nojs">To print blank cards to fill in by hand, use your browser\'s Print '
        "command: each script prints on its own 3 × 5 in card.</p></noscript>\n"
    )


def _radio(name: str, value: str, label: str, checked: bool) -> str:
    state = " checked" if checked else ""
    return f'<label class="ns-print__option"><input type="radio" name="{name}" value="{escape(value, quote=True)}"{state}> {escape(label)}</label>'


def render_my_cards(library: Library, page_dir: str) -> str:
    """Every script of every setting, grouped by setting; print.js shows only the chosen ones."""
    from .render import markdown_text, render_script

    groups = []
    for setting in library.settings:
        scripts = library.scripts[setting.id]
        if not scripts:
            continue
        body = "\n".join(render_script(script, library, page_dir) for script in scripts)
        groups.append(
            f'<div class="ns-my-cards__group" data-setting="{escape(setting.id, quote=True)}" markdown>\n\n'
            f"## {markdown_text(setting.title)} {{ #cards-{setting.id} .ns-my-cards__setting }}\n\n"
            f"{body}\n</div>\n"
        )
    empty = '<p class="ns-my-cards__empty" hidden>No script is chosen yet: tick some under "Scripts to print" above.</p>'
    return f'<div class="ns-my-cards" markdown>\n\n{empty}\n\n' + "\n".join(groups) + "\n</div>\n"
