"""The card-fit model, fast: the same verdicts in a fraction of the time, or "undecided"."""

from __future__ import annotations

import math

from .card_metrics import _BOLD, _REGULAR, CARD_SIZES, FILL_CHAR_EM, FILL_WORD, FLOOR_PT, GAP_EM, LINE_HEIGHT, UNKNOWN_WIDTH, WIDTHS, WRAP_SLACK, WRITE_IN_EM, CardSize
from .card_model import CardPart, card_parts
from .model import PLACEHOLDER, Library, Script

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
    for word, space in zip(words, spaces, strict=True):
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
        self.blanks = library.blanks_by_id  # the current script's setting's values (Library.blanks_for), set by fits()
        self.sizes = sizes_that_decide(sizes)
        self._limits: dict[tuple[str, float], tuple[int, int]] = {}
        self._word_widths: dict[bool, dict[str, int]] = {False: {}, True: {}}
        self._leads: dict[str, tuple[list[int], list[int], int]] = {}
        self._full: dict[tuple[str, bool], tuple[int, int, list[int], list[int], int]] = {}
        self._empty: dict[tuple[str, bool], int] = {}
        self._space = {bold: self._width(" ", bold) for bold in (False, True)}
        self._placeholder = PLACEHOLDER

    def fits(self, script: Script) -> bool | None:
        self.blanks = self.library.blanks_for(script.setting)
        parts = card_parts(script, self.library)
        bodies = [self._body(part) for part in parts]
        # A part with no blank is laid out the same filled or empty: its lines are counted once, for both.
        blankless = [all(type(item) is tuple for item in body) for body in bodies]
        counted: dict[tuple[int, str], int] = {}
        for filled in (True, False):
            rows = [self._rows(part, body, filled) if filled or not same else None for part, body, same in zip(parts, bodies, blankless, strict=True)]
            for size in self.sizes:
                height = 0.0
                for index, part in enumerate(parts):
                    block_pt = self.font_pt * part.scale
                    if rows[index] is None:
                        lines = counted[index, size.id]
                    else:
                        lines = count_lines_milli(*rows[index], *self._limit(size, block_pt))
                        if lines is None:
                            return None
                        if blankless[index]:
                            counted[index, size.id] = lines
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
        key = (self.blanks[blank_id].id, bold)
        if key not in self._full:
            char = _FILL_MILLI[bold]
            groups, rest = divmod(self.blanks[blank_id].max_length, FILL_WORD)
            word = (FILL_WORD - 1) * char
            first = word if groups else None
            self._full[key] = (first, char, [word] * (groups - 1), [char] * (groups - 1), rest * char)
        return self._full[key]

    def _empty_blank(self, blank_id: str, bold: bool) -> int:
        key = (self.blanks[blank_id].id, bold)
        if key not in self._empty:
            self._empty[key] = self._width(f"[{self.blanks[blank_id].label}]", bold) + _WRITE_IN_MILLI
        return self._empty[key]
