"""The card-fit model: a printed card as blocks of words, laid out greedily line by line.

A conservative model of site.css's print section: each card's text with the widths of Arial (Liberation Sans,
Helvetica: same metrics) at the 10 pt floor, with every blank filled to its max_length, and with
every blank left as a write-in line. A card whose text would not fit fails the build
(card_fit.py), because Chromium would clip it rather than paginate it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from .card_metrics import CARD_SIZES, FILL_CHAR_EM, FILL_WORD, FLOOR_PT, GAP_EM, LINE_HEIGHT, WRAP_SLACK, WRITE_IN_EM, CardSize, text_width_em
from .model import PLACEHOLDER, BlankField, Library, PrepSheet, Script
from .schema import PREP_SHEET_KIND

# One unbreakable run of a line, in em, and whether a line may break after it.
Piece = tuple[float, bool]


@dataclass(frozen=True)
class Block:
    pieces: tuple[Piece, ...]
    scale: float = 1.0  # font size relative to the card's


class CardPart(NamedTuple):
    """One block of a card before layout: a bold lead-in, then its text."""

    lead: str  # "PHONE · " before the title, or a run-in label with the ": " site.css adds
    body: str
    bold: bool
    fills: bool  # whether {blank} in the body is a blank (a title's braces are literal)
    scale: float = 1.0


@cache
def _heading(title: str, setting_id: str) -> str:
    """The setting line shows the setting's title (from print.js) or its id (JavaScript off)."""
    return max(title.upper(), setting_id.upper(), key=lambda t: text_width_em(t, True))


def card_group(script: Script | PrepSheet, library: Library) -> tuple[str, str, str]:
    """What the card's top line names (its setting, or the prep sheet's group): title, id, and the kind its parts are labelled for."""
    if isinstance(script, PrepSheet):
        return script.group, script.id, PREP_SHEET_KIND
    setting = library.setting(script.setting)
    return setting.title, setting.id, setting.kind


def card_parts(script: Script | PrepSheet, library: Library) -> list[CardPart]:
    """What a printed card of `script` (or the prep sheet) holds, block by block, in order: its parts, then its replies."""
    title, group_id, kind = card_group(script, library)
    parts = [CardPart(f"{_heading(title, group_id)} · ", script.title, True, False)]
    ui = library.ui  # the card's language: a Spanish card is measured with its Spanish labels
    parts += [CardPart(f"{ui.part_label(part, kind)}: ", text, part.emphasis, True) for part, text in script.parts(kind)]
    parts += [CardPart(f"{ui(f'reply.{reply.key}.label')}: ", text, False, True) for reply, text in script.replies]
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


def _blank_pieces(blank: BlankField, filled: bool, bold: bool) -> list[Piece]:
    if not filled:
        # An empty blank prints as "[label]" on a write-in line that never breaks.
        return [(text_width_em(f"[{blank.label}]", bold) + WRITE_IN_EM, False)]
    pieces: list[Piece] = []
    for index in range(blank.max_length):
        space = (index + 1) % FILL_WORD == 0
        pieces.append((FILL_CHAR_EM[bold], space))
    return pieces


def _text_pieces(text: str, blanks: dict[str, BlankField], filled: bool, bold: bool) -> list[Piece]:
    pieces: list[Piece] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        pieces += _words(text[last : match.start()], bold)
        pieces += _blank_pieces(blanks[match.group(1)], filled, bold)
        last = match.end()
    pieces += _words(text[last:], bold)
    return pieces


def card_blocks(script: Script, library: Library, filled: bool) -> list[Block]:
    """The printed card of `script` as the model sees it, blanks filled to max_length or empty (its setting's labels)."""
    blanks = library.blanks_for(script.setting)
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
