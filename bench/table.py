"""The one results table, as Markdown, and the block of the Performance page that shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER = ("#", "Figure", "Scope", "Measured", "Budget", "Verdict")
VERDICTS = ("met", "missed", "report only", "not measured")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
FIGURES = {
    1: "Build cost against plain Markdown",
    2: "Growth and memory",
    3: "`make check` speed",
    4: "Page weight",
    5: "Typing in the details panel",
    6: "Lighthouse performance score",
    7: "Offline copy",
}


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


def markdown_lists(rows: list[Row]) -> str:
    """The same rows as one list per figure: readable on a 360 px phone, where a wide table would scroll."""
    parts = []
    for figure, title in FIGURES.items():
        items = [row for row in rows if row.figure == figure]
        if not items:
            continue
        parts.append(f"### {figure}. {title} {{ #figure-{figure} }}\n")
        for row in items:
            scope = f" ({row.scope})" if row.scope else ""
            budget = f" Budget: {row.budget}." if row.budget and row.budget != "none" else ""
            outcome = "" if row.verdict == "report only" else f" **Verdict: {row.verdict}.**"
            parts.append(f"- **{row.what}{scope}:** {row.measured}.{budget}{outcome}")
        parts.append("")
    return "\n".join(parts)


def machine_lines(machine: dict[str, str]) -> str:
    return "".join(f"- **{key}:** {value}\n" for key, value in machine.items())


def report(rows: list[Row], machine: dict[str, str], command: str, *, as_lists: bool = False) -> str:
    """Everything `make bench` prints and writes: the machine, the command, then the table (or lists, for the docs)."""
    body = markdown_lists(rows) if as_lists else markdown_table(rows)
    return f"Machine and run:\n\n{machine_lines(machine)}- **Command:** `{command}`\n\n{body}"


def publish(page_text: str, block: str) -> str:
    """The Performance page with the text between its bench markers replaced by `block`."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(page_text):
        raise ValueError(f"docs/performance.md needs the markers {START} and {END} around the generated block")
    return pattern.sub(lambda _: f"{START}\n\n{block}\n{END}", page_text)
