"""Read what Chromium printed: pages, sizes, text, the size of every glyph run, and drawn rules.

Chromium's PDF draws text with Tf/Tm inside q/cm/Q groups and borders as filled
rectangles (re f). Following the graphics state through those few operators gives
each text run's real size in points and each rectangle's place on the page.
"""

from __future__ import annotations

import io
import math
import json
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass(frozen=True)
class PrintedPage:
    width: float
    height: float
    text: str
    font_sizes: list[float]  # in points, one per text object drawn
    rules: list[tuple[float, float, float, float]]  # filled rectangles (x0, y0, x1, y1) in points, ink only


def read_pdf(data: bytes) -> list[PrintedPage]:
    reader = PdfReader(io.BytesIO(data))
    return [_read_page(reader, page) for page in reader.pages]


def _read_page(reader: PdfReader, page) -> PrintedPage:
    ctm, stack, text_matrix, size = IDENTITY, [], IDENTITY, 0.0
    fill_is_ink = True
    pending: list[tuple[float, float, float, float]] = []
    sizes: list[float] = []
    rules: list[tuple[float, float, float, float]] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        values = [float(value) for value in operands if isinstance(value, (int, float))]
        if operator == b"q":
            stack.append((ctm, fill_is_ink))
        elif operator == b"Q":
            ctm, fill_is_ink = stack.pop()
        elif operator == b"cm":
            ctm = multiply(tuple(values), ctm)
        elif operator == b"rg":
            fill_is_ink = max(values) < 0.5  # dark enough to be a printed rule, not a white background
        elif operator == b"Tf":
            size = values[-1]
        elif operator == b"Tm":
            text_matrix = tuple(values)
            whole = multiply(text_matrix, ctm)
            sizes.append(round(size * math.hypot(whole[2], whole[3]), 2))
        elif operator == b"re":
            x, y, w, h = values
            (x0, y0), (x1, y1) = apply(ctm, x, y), apply(ctm, x + w, y + h)
            pending.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif operator in (b"f", b"f*", b"F"):
            if fill_is_ink:
                rules.extend(pending)
            pending = []
        elif operator in (b"n", b"W", b"W*", b"S", b"B"):
            pending = []
    box = page.mediabox
    return PrintedPage(float(box.width), float(box.height), page.extract_text(), sizes, rules)


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction adds and drops spaces around styled runs."""
    return re.sub(r"\s+", "", text)


def words(text: str) -> list[str]:
    return text.split()


def storage_script(state: dict | None = None, details: dict | None = None) -> str:
    """An init script that sets the print choices and the reader's details before any page script runs."""
    lines = []
    if state is not None:
        lines.append(f"sessionStorage.setItem('next-step:print', {json.dumps(json.dumps(state))});")
    if details is not None:
        lines.append(f"sessionStorage.setItem('next-step:details', {json.dumps(json.dumps(details))});")
    return "\n".join(lines)
