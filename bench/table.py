"""The one results table, as Markdown, and the block of the Performance page that shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER = ("#", "Figure", "Scope", "Measured", "Budget", "Verdict")
VERDICTS = ("met", "missed", "report only", "not measured")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Row:
    figure: int
    what: str
    scope: str
    measured: str
    budget: str = "none"
    verdict: str = "report only"


def verdict(met: bool) -> str:
    return "met" if met else "missed"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] * len(HEADER)) + "|"]
    for row in rows:
        values = (str(row.figure), row.what, row.scope, row.measured, row.budget, row.verdict)
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def machine_lines(machine: dict[str, str]) -> str:
    return "".join(f"- **{key}:** {value}\n" for key, value in machine.items())


def report(rows: list[Row], machine: dict[str, str], command: str) -> str:
    """Everything `make bench` prints and writes: the machine, the command, then the table."""
    return f"Machine and run:\n\n{machine_lines(machine)}- **Command:** `{command}`\n\n{markdown_table(rows)}"


def publish(page_text: str, block: str) -> str:
    """The Performance page with the text between its bench markers replaced by `block`."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(page_text):
        raise ValueError(f"docs/performance.md needs the markers {START} and {END} around the generated block")
    return pattern.sub(lambda _: f"{START}\n\n{block}\n{END}", page_text)
