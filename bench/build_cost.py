"""Figures 1 to 3: build cost of the macros against plain Markdown, growth, and `make check` speed."""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

from macros import card_fit as fit_gate
from macros.library import load_library  # the copies run this same code
from tools.site_sources import copy_sources

from .synth import data_files, write_scripts

HERE = Path(__file__).resolve().parent
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system, of the child and everything it waited for
    max_rss_kb: int


@dataclass
class SizeResult:
    n: int
    project: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    check_validate: list[float] = field(default_factory=list)
    check_bare: list[float] = field(default_factory=list)
    check_command: list[float] = field(default_factory=list)
    check_cards: list[float] = field(default_factory=list)  # the card-fit part of validation

    @staticmethod
    def median(runs: list[Run], attr: str) -> float:
        return statistics.median(getattr(run, attr) for run in runs)


class BenchError(Exception):
    """A step of the benchmark could not run; the message says which and why."""


def timed(command: list[str], cwd: Path) -> Run:
    """Run a command to completion; wall clock, CPU from RUSAGE_CHILDREN deltas, and the child's peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # stderr is small (warnings only); reading it before wait4 avoids a full-pipe deadlock.
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        tail = errors.decode("utf-8", "replace").strip().splitlines()[-15:]
        raise BenchError(f"{' '.join(command[2:])} failed in {cwd} (exit {process.returncode}):\n" + "\n".join(tail))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, usage.ru_maxrss)


def build_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]


def without_macros_plugin(config_text: str) -> str:
    """mkdocs.yml text with the `- macros` entry (and its indented options) removed from plugins."""
    lines = config_text.splitlines(keepends=True)
    kept, skipping_deeper_than = [], None
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if skipping_deeper_than is not None:
            if line.strip() and indent <= skipping_deeper_than:
                skipping_deeper_than = None
            else:
                continue
        if re.match(r"\s*- macros\s*(:|$)", line):
            skipping_deeper_than = indent
            continue
        kept.append(line)
    result = "".join(kept)
    if result == config_text:
        raise BenchError("mkdocs.yml: no '- macros' plugin entry found to remove for the plain build")
    return result


def make_plain(project: Path, plain: Path, rendered: Path) -> None:
    """A copy of `project` whose pages hold the macros' output and whose config has no macros plugin."""
    copy_sources(plain, project)
    docs = plain / "docs"
    for page in rendered.rglob("*.md"):
        relative = page.relative_to(rendered)
        if relative.parts[0] == "_site":
            continue
        source = (docs / relative).read_text(encoding="utf-8")
        front = YAML_RE.match(source)
        head = front.group(0) if front else ""
        (docs / relative).write_text(head + page.read_text(encoding="utf-8"), encoding="utf-8")
    config = plain / "mkdocs.yml"
    config.write_text(without_macros_plugin(config.read_text(encoding="utf-8")), encoding="utf-8")


def prepare(n: int, work: Path) -> tuple[Path, Path]:
    """The project copy with N synthetic scripts, and its plain-Markdown twin."""
    project = copy_sources(work / f"project-{n}")
    write_scripts(project, n)
    rendered = work / f"rendered-{n}"
    capture = [sys.executable, str(HERE / "capture.py"), str(project), str(rendered)]
    timed(capture, project)
    plain = work / f"plain-{n}"
    make_plain(project, plain, rendered)
    return project, plain


def measure_builds(n: int, work: Path, repeats: int, log) -> SizeResult:
    project, plain = prepare(n, work)
    result = SizeResult(n)
    # One untimed build of each warms the disk cache and the interpreter's imports.
    timed(build_command(work / f"site-project-{n}"), project)
    timed(build_command(work / f"site-plain-{n}"), plain)
    for round_number in range(repeats):
        # Alternating the two spreads any background load evenly over both.
        result.project.append(timed(build_command(work / f"site-project-{n}"), project))
        result.plain.append(timed(build_command(work / f"site-plain-{n}"), plain))
        log(f"  N={n} round {round_number + 1}/{repeats}: project {result.project[-1].wall:.2f} s, plain {result.plain[-1].wall:.2f} s")
    measure_check(project, result, repeats)
    return result


def measure_check(project: Path, result: SizeResult, repeats: int) -> None:
    """`make check`'s validation of every data file, against a bare C-loader parse of the same files."""
    files = data_files(project)
    for _ in range(max(repeats, 3)):
        # CPU time of this process: steadier than the clock while other work shares the machine.
        start = time.process_time()
        library = load_library(project)
        result.check_validate.append(time.process_time() - start)
        card_fit = getattr(fit_gate, "card_fit_problems", None)
        if card_fit:  # the most expensive check, timed alone to show where validation time goes
            start = time.process_time()
            card_fit(project, library)
            result.check_cards.append(time.process_time() - start)
        start = time.process_time()
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=_Parser)
        result.check_bare.append(time.process_time() - start)
        command = timed([sys.executable, "-m", "macros.check", str(project)], project)
        result.check_command.append(command.wall)
