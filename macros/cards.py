"""Print cards: the print controls, the "My cards" page, and the check that every script fits a card.

The fit check is a conservative model of print.css: it lays out each card's text with the
widths of Arial (Liberation Sans, Helvetica: same metrics) at the 10 pt floor, with every blank
filled to its max_length, and with every blank left as a write-in line. A card whose text
would not fit fails the build, because Chromium would clip it rather than paginate it.
The build runs the model through QuickFit, which gives the model's verdicts in a fraction of
the time (see "The same model, fast" below), and falls back to the model where it cannot.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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


class CardPart(NamedTuple):
    """One block of a card before layout: a bold lead-in, then its text."""

    lead: str  # "PHONE · " before the title, or a run-in label with the ": " print.css adds
    body: str
    bold: bool
    fills: bool  # whether {blank} in the body is a blank (a title's braces are literal)
    scale: float = 1.0


@lru_cache(maxsize=None)
def _heading(title: str, setting_id: str) -> str:
    """The setting line shows the setting's title (from print.js) or its id (JavaScript off)."""
    return max(title.upper(), setting_id.upper(), key=lambda t: text_width_em(t, True))


def card_parts(script: Script, library: Library) -> list[CardPart]:
    """What a printed card of `script` holds, block by block, in order."""
    from .render import PART_LABELS

    setting = library.setting(script.setting)
    labels = PART_LABELS[setting.kind]
    parts = [CardPart(f"{_heading(setting.title, setting.id)} · ", script.title, True, False)]
    if script.subject:
        parts.append(CardPart(f"{labels['subject']}: ", script.subject, False, True))
    parts.append(CardPart(f"{labels['opener']}: ", script.opener, False, True))
    parts.append(CardPart(f"{labels['close']}: ", script.close, True, True))
    for _key, label, text in script.responses:
        parts.append(CardPart(f"{label}: ", text, False, True))
    return parts


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


def card_blocks(script: Script, library: Library, filled: bool) -> list[Block]:
    """The printed card of `script` as the model sees it, blanks filled to max_length or empty."""
    blanks = library.blanks_by_id
    blocks = []
    for part in card_parts(script, library):
        body = _text_pieces(part.body, blanks, filled, part.bold) if part.fills else _words(part.body, part.bold)
        blocks.append(Block(tuple(_words(part.lead, True) + body), part.scale))
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


# --- The same model, fast: whole thousandths of an em, and only the sizes that decide ---
#
# Every width above is a whole number of thousandths of an em (milli-em), so QuickFit adds exact
# integers where the model adds floats. The two then agree on every line break except where a
# line's content equals the line's width: float rounding decides those, so QuickFit says
# "undecided" and the model decides. It also leaves to the model a word wider than a line.
#
# Why one size can stand for others: greedy wrapping never takes more lines on a wider line.
# Induction on lines: if the wide layout's line i starts no earlier than the narrow layout's,
# everything from there to the end of the narrow line i fits the wider line too (it fitted the
# narrower one), so the wide line i+1 starts no earlier either. Fewer lines make a card no taller,
# so a card that fits a size fits every size at least as wide and as tall. QuickFit lays cards out
# only on the sizes that no other size beats in both dimensions: with 3 x 5 in, 4 x 6 in and
# A6, on 3 x 5 in alone.

_MILLI = 1000
_TIE_MILLI = 1e-4  # the model's float sums (a few thousand, under 200 em) err by under 1e-6 milli-em


def _whole_milli(value: float) -> int | None:
    scaled = value * _MILLI
    return round(scaled) if abs(scaled - round(scaled)) < 1e-9 else None


_FILL_MILLI = {bold: _whole_milli(em) for bold, em in FILL_CHAR_EM.items()}
_WRITE_IN_MILLI = _whole_milli(WRITE_IN_EM)
# If a width stopped being whole milli-em, the fast path would not be exact: the model does it all.
QUICK_FIT_EXACT = None not in (*_FILL_MILLI.values(), _WRITE_IN_MILLI) and all(
    isinstance(width, int) for table in (_REGULAR, _BOLD, [UNKNOWN_WIDTH]) for width in table
)


class _CharWidths(dict):
    """Milli-em per character; a character outside the table counts as UNKNOWN_WIDTH, as in text_width_em."""

    def __missing__(self, char: str) -> int:
        return UNKNOWN_WIDTH


_CHAR_MILLI = {bold: _CharWidths(table) for bold, table in WIDTHS.items()}


def sizes_that_decide(sizes: tuple[CardSize, ...] = CARD_SIZES) -> list[CardSize]:
    """The sizes no other size is at most as wide and as tall as: fitting them proves the rest."""
    kept: list[CardSize] = []
    for size in sorted(sizes, key=lambda s: (s.text_width_pt, s.text_height_pt)):
        if not any(k.text_width_pt <= size.text_width_pt and k.text_height_pt <= size.text_height_pt for k in kept):
            kept.append(size)
    return kept


def line_limit_milli(line_em: float) -> tuple[int, int]:
    """(most milli-em that surely fit a line, the one sum float rounding may decide either way or -1)."""
    scaled = line_em * _MILLI
    nearest = round(scaled)
    if abs(scaled - nearest) < _TIE_MILLI:
        return nearest - 1, nearest
    return math.floor(scaled), -1


def count_lines_milli(words: list[int], spaces: list[int], fit: int, tie: int) -> int | None:
    """count_lines on (word, following space) pairs in milli-em; None where rounding or overflow decides."""
    lines, used = 1, 0
    for word, space in zip(words, spaces):
        if word:
            if used + word <= fit:
                used += word
            elif word > fit or used + word == tie:
                return None
            else:
                lines += 1
                used = word
        used += space
    return lines


class QuickFit:
    """Whether a script's card fits every size, blanks full and empty, as the model would say.

    `fits` answers True or False only where the model provably agrees, None where only the model
    can tell; widths of words, labels and blanks are worked out once per library.
    """

    def __init__(self, library: Library, sizes: tuple[CardSize, ...] = CARD_SIZES, font_pt: float = FLOOR_PT):
        self.library = library
        self.font_pt = font_pt
        self.blanks = library.blanks_by_id
        self.sizes = sizes_that_decide(sizes)
        self._limits: dict[tuple[str, float], tuple[int, int]] = {}
        self._word_widths: dict[bool, dict[str, int]] = {False: {}, True: {}}
        self._leads: dict[str, tuple[list[int], list[int], int]] = {}
        self._full: dict[tuple[str, bool], tuple[int, int, list[int], list[int], int]] = {}
        self._empty: dict[tuple[str, bool], int] = {}
        self._space = {bold: self._width(" ", bold) for bold in (False, True)}
        from .render import _PLACEHOLDER  # imported late, like this module's other uses of render.py

        self._placeholder = _PLACEHOLDER

    def fits(self, script: Script) -> bool | None:
        parts = card_parts(script, self.library)
        bodies = [self._body(part) for part in parts]
        for filled in (True, False):
            rows = [self._rows(part, body, filled) for part, body in zip(parts, bodies)]
            for size in self.sizes:
                height = 0.0
                for index, (part, (words, spaces)) in enumerate(zip(parts, rows)):
                    block_pt = self.font_pt * part.scale
                    lines = count_lines_milli(words, spaces, *self._limit(size, block_pt))
                    if lines is None:
                        return None
                    # The same sum, in the same order, as card_height_pt: the same float.
                    height += lines * LINE_HEIGHT * block_pt
                    if index:
                        height += GAP_EM * self.font_pt
                if height > size.text_height_pt:
                    return False
        return True

    def _limit(self, size: CardSize, block_pt: float) -> tuple[int, int]:
        key = (size.id, block_pt)
        if key not in self._limits:
            self._limits[key] = line_limit_milli(WRAP_SLACK * size.text_width_pt / block_pt)
        return self._limits[key]

    def _width(self, word: str, bold: bool) -> int:
        widths = self._word_widths[bold]
        width = widths.get(word)
        if width is None:
            width = widths[word] = sum(map(_CHAR_MILLI[bold].__getitem__, word))
        return width

    def _body(self, part: CardPart) -> list:
        """The body's text runs as (first word, middle words, last word, spaces) and its blank ids."""
        pieces = self._placeholder.split(part.body) if part.fills else [part.body]
        known = self._word_widths[part.bold]
        body: list = []
        for index, piece in enumerate(pieces):
            if index % 2:
                body.append(piece)  # a blank's id
                continue
            words = piece.split(" ")
            widths = list(map(known.get, words))
            if None in widths:  # words not met before in this library
                char_width = _CHAR_MILLI[part.bold].__getitem__
                for at, width in enumerate(widths):
                    if width is None:
                        widths[at] = known[words[at]] = sum(map(char_width, words[at]))
            body.append((widths[0], widths[1:-1], widths[-1], len(widths) - 1))
        return body

    def _lead(self, lead: str) -> tuple[list[int], list[int], int]:
        """A bold lead-in's (word, space) pairs and the word left open at its end, once per library."""
        if lead not in self._leads:
            words: list[int] = []
            spaces: list[int] = []
            (run,) = self._body(CardPart("", lead, True, False))  # no blanks: one text run
            self._leads[lead] = (words, spaces, self._run(words, spaces, 0, run, True))
        return self._leads[lead]

    def _run(self, words: list[int], spaces: list[int], carry: int, run: tuple, bold: bool) -> int:
        """Appends a text run's (word, space) pairs; returns the width of the word left open at its end."""
        first, middle, last, breaks = run
        if not breaks:
            return carry + first
        words.append(carry + first)
        words += middle
        spaces += [self._space[bold]] * breaks
        return last

    def _rows(self, part: CardPart, body: list, filled: bool) -> tuple[list[int], list[int]]:
        """One block as (word, following space) pairs in milli-em, like count_lines's pieces."""
        lead_words, lead_spaces, carry = self._lead(part.lead)
        words, spaces = list(lead_words), list(lead_spaces)
        for item in body:
            if type(item) is tuple:
                carry = self._run(words, spaces, carry, item, part.bold)
            elif filled:
                first, char, middle_words, middle_spaces, rest = self._full_blank(item, part.bold)
                if first is None:
                    carry += rest
                else:
                    words.append(carry + first)
                    spaces.append(char)
                    words += middle_words
                    spaces += middle_spaces
                    carry = rest
            else:
                carry += self._empty_blank(item, part.bold)
        words.append(carry)
        spaces.append(0)
        return words, spaces

    def _full_blank(self, blank_id: str, bold: bool) -> tuple:
        """A blank at max_length: a break after every FILL_WORD-th character (see _blank_pieces)."""
        key = (blank_id, bold)
        if key not in self._full:
            char = _FILL_MILLI[bold]
            groups, rest = divmod(self.blanks[blank_id].max_length, FILL_WORD)
            word = (FILL_WORD - 1) * char
            first = word if groups else None
            self._full[key] = (first, char, [word] * (groups - 1), [char] * (groups - 1), rest * char)
        return self._full[key]

    def _empty_blank(self, blank_id: str, bold: bool) -> int:
        key = (blank_id, bold)
        if key not in self._empty:
            self._empty[key] = self._width(f"[{self.blanks[blank_id].label}]", bold) + _WRITE_IN_MILLI
        return self._empty[key]


# --- The build gate ---


def card_fit_problems(root: Path, library: Library, quick: bool = True) -> list[Problem]:
    """One problem per script that would not fit a card even at the floor size.

    QuickFit clears the scripts that provably fit; the model itself checks every other one,
    so the verdicts and messages are the model's either way (`quick=False` skips QuickFit).
    """
    problems = []
    blanks = library.blanks_by_id
    quick_fit = QuickFit(library) if quick and QUICK_FIT_EXACT else None
    for script in library.all_scripts():
        if any(blank_id not in blanks for blank_id in script.blanks_used):
            continue  # an unknown blank is reported by the loader already
        if quick_fit is not None and quick_fit.fits(script):
            continue
        problem = _fit_problem(root, script, library, blanks)
        if problem is not None:
            problems.append(problem)
    return problems


def _fit_problem(root: Path, script: Script, library: Library, blanks: dict[str, Blank]) -> Problem | None:
    """The model's verdict on one script at every size, blanks full and empty, as a message."""
    from .strict_yaml import Mapping, read_yaml

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
    longest = max(("subject", "opener", "close", "if_yes", "if_not_sure", "if_no"), key=lambda key: len(getattr(script, key) or ""))
    line, col = 1, 1
    yfile, _ = read_yaml(root / script.path, script.path, max_bytes=1_000_000)
    if yfile is not None and isinstance(yfile.root, Mapping) and longest in yfile.root.items:
        key_node = yfile.root.items[longest][0]
        line, col = key_node.line, key_node.col
    sizes = "; ".join(s.label for s, _ in too_big)
    return Problem(
        script.path, line, col,
        f"this script does not fit a printed card ({sizes}) even at {FLOOR_PT} pt when every blank holds "
        f"its max_length: it needs {height:.0f} pt of the {size.text_height_pt:.0f} pt a {size.label} card has. "
        f"Shorten its text by about {over} characters (the longest part is '{longest}'), or lower max_length "
        f"in data/blanks.yml for the blanks it uses: {', '.join(used) or 'none'}.",
    )


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
