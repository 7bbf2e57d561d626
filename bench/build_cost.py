"""Figures 1 to 3, for each language: build cost of the macros against plain Markdown, growth, and `make check` speed."""

from __future__ import annotations

import json
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
from macros.translation_files import TRANSLATIONS
from macros.translations import read_translation
from tools.site_build import LANGUAGES
from tools.site_sources import copy_sources

from .capture import EXTRA_FILE
from .synth import data_files, write_scripts

HERE = Path(__file__).resolve().parent
# As `make build` runs: compiled Python is kept (in one folder), so the untimed first build of each copy compiles the
# macros and hooks once and the timed ones reuse it, as a second `make build` on a checkout does.
BUILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}
BUILD_ENV.setdefault("PYTHONPYCACHEPREFIX", str(HERE.parent / ".cache" / "pycache"))
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system, of the child and everything it waited for
    max_rss_kb: int
    macros_cpu: float | None = None  # of cpu, the macros plugin's own share, timed inside the build (bench/attributed_build.py)
    build_cpu: float | None = None  # cpu as that build saw it, to set macros_cpu against


@dataclass
class SizeResult:
    n: int
    lang: str = "en"
    project: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    check_validate: list[float] = field(default_factory=list)
    check_bare: list[float] = field(default_factory=list)
    check_command: list[float] = field(default_factory=list)  # the whole command, every language at once: kept with English
    check_cards: list[float] = field(default_factory=list)  # the card-fit part of validation
    work: list[float] = field(default_factory=list)  # CPU seconds of the macros' work alone, one per repeat (bench/macros_work.py): growth's figure

    @staticmethod
    def median(runs: list[Run], attr: str) -> float:
        return statistics.median(getattr(run, attr) for run in runs)

    @staticmethod
    def fastest(runs: list[Run], attr: str) -> float:
        """The least time of the runs: other work on the machine only ever adds time, so the fastest run is the truest
        cost of the build itself (the reason Python's timeit reports the minimum)."""
        return min(getattr(run, attr) for run in runs)


class BenchError(Exception):
    """A step of the benchmark could not run; the message says which and why."""


def timed(command: list[str], cwd: Path, attribution: Path | None = None) -> Run:
    """Run a command to completion; wall clock, CPU from RUSAGE_CHILDREN deltas, and the child's peak RSS (and, with
    `attribution`, the file bench/attributed_build.py writes, the macros' own share)."""
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
    if attribution is None:
        return Run(wall, cpu, usage.ru_maxrss)
    shares = json.loads(attribution.read_text(encoding="utf-8"))
    return Run(wall, cpu, usage.ru_maxrss, shares["macros"], shares["total"])


def config_file(lang: str) -> str:
    """A language's configuration, as `make build` names it."""
    return "mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml"


def docs_folder(lang: str) -> str:
    """A language's pages: docs/ for English, translations/<lang>/docs for another (as mkdocs.<lang>.yml says)."""
    return "docs" if lang == "en" else f"{TRANSLATIONS}/{lang}/docs"


def build_command(site_dir: Path, lang: str = "en", attribution: Path | None = None) -> list[str]:
    """`mkdocs build` as `make build` runs it; with `attribution`, through bench/attributed_build.py, which writes there
    how much of the build's CPU the macros plugin took."""
    language = [] if lang == "en" else ["-f", config_file(lang)]
    runner = ["-m", "mkdocs"] if attribution is None else [str(HERE / "attributed_build.py"), str(attribution)]
    return [sys.executable, *runner, "build", "--strict", "--quiet", *language, "--site-dir", str(site_dir)]


def without_macros_plugin(config_text: str, name: str = "mkdocs.yml") -> str:
    """A configuration's text with the `- macros` entry (and its indented options) removed from plugins."""
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
        raise BenchError(f"{name}: no '- macros' plugin entry found to remove for the plain build")
    return result


def make_plain(project: Path, plain: Path, rendered: dict[str, Path]) -> None:
    """A copy of `project` whose pages, in each language, hold the macros' output and whose configs have no macros plugin."""
    copy_sources(plain, project)
    for lang, pages in rendered.items():
        docs = plain / docs_folder(lang)
        for page in pages.rglob("*.md"):
            relative = page.relative_to(pages)
            if relative.parts[0] == "_site":
                continue
            source = (docs / relative).read_text(encoding="utf-8")
            front = YAML_RE.match(source)
            head = front.group(0) if front else ""
            (docs / relative).write_text(head + page.read_text(encoding="utf-8"), encoding="utf-8")
        config = plain / config_file(lang)
        extra = json.loads((pages / EXTRA_FILE).read_text(encoding="utf-8"))
        config.write_text(with_extra(without_macros_plugin(config.read_text(encoding="utf-8"), config.name), extra), encoding="utf-8")


def with_extra(config_text: str, values: dict) -> str:
    """A configuration's text with `values` under its `extra:` (added where it has none; mkdocs.<lang>.yml's merges into the inherited one).

    The macros put the theme's interface strings there when they run; without them, the plain build states them outright.
    """
    lines = "".join(f"  {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())
    if not lines:
        return config_text
    found = re.search(r"^extra:[ \t]*(#.*)?\n", config_text, re.M)
    if found:
        return config_text[: found.end()] + lines + config_text[found.end():]
    return config_text.rstrip("\n") + "\n\nextra:\n" + lines


def prepare(n: int, work: Path) -> tuple[Path, Path]:
    """The project copy with N synthetic scripts (translated into every language), and its plain-Markdown twin."""
    project = copy_sources(work / f"project-{n}")
    write_scripts(project, n)
    rendered = {lang: work / f"rendered-{n}-{lang}" for lang in LANGUAGES}
    for lang, pages in rendered.items():
        timed([sys.executable, str(HERE / "capture.py"), str(project), str(pages), config_file(lang)], project)
    plain = work / f"plain-{n}"
    make_plain(project, plain, rendered)
    return project, plain


def measure_builds(n: int, work: Path, repeats: int, log) -> list[SizeResult]:
    """One result per language: each language's project build against its own plain-Markdown build."""
    project, plain = prepare(n, work)
    results = [SizeResult(n, lang) for lang in LANGUAGES]
    # One untimed build of each warms the disk cache and the interpreter's imports.
    for r in results:
        timed(build_command(work / f"site-project-{n}-{r.lang}", r.lang), project)
        timed(build_command(work / f"site-plain-{n}-{r.lang}", r.lang), plain)
    for round_number in range(repeats):
        # Alternating the two spreads any background load evenly over both.
        for r in results:
            shares = work / f"macros-share-{n}-{r.lang}.json"
            r.project.append(timed(build_command(work / f"site-project-{n}-{r.lang}", r.lang, shares), project, shares))
            r.plain.append(timed(build_command(work / f"site-plain-{n}-{r.lang}", r.lang), plain))
            log(f"  N={n} {r.lang} round {round_number + 1}/{repeats}: project {r.project[-1].wall:.2f} s, plain {r.plain[-1].wall:.2f} s")
    measure_check(project, results, repeats)
    return results


def by_language(results: list[SizeResult]) -> dict[str, list[SizeResult]]:
    """Each language's results, in the order measured (smallest N first)."""
    grouped: dict[str, list[SizeResult]] = {}
    for r in results:
        grouped.setdefault(r.lang, []).append(r)
    return grouped


# The macros' work alone: each repeat runs every N in turn in one process (bench/macros_work.py), so the figures of one
# repeat are taken within a second or two of each other; growth compares them repeat by repeat.
WORK_REPEATS = 40


def measure_work(work: Path, results: list[SizeResult], log, repeats: int = WORK_REPEATS) -> None:
    """Fills each result's `work` (CPU seconds, one per repeat, aligned across a language's sizes) in the project
    copies measure_builds made."""
    for lang, runs in by_language(results).items():
        configs = [str(work / f"project-{r.n}" / config_file(lang)) for r in runs]
        out = work / f"macros-work-{lang}.json"
        timed([sys.executable, str(HERE / "macros_work.py"), str(out), str(repeats), *configs], work)
        found = json.loads(out.read_text(encoding="utf-8"))["cpu"]
        for r, config in zip(runs, configs, strict=True):
            r.work = found[config]
        log(f"  the macros' work alone ({lang}): {repeats} repeats of N = {', '.join(str(r.n) for r in runs)}")


def measure_check(project: Path, results: list[SizeResult], repeats: int) -> None:
    """`make check`'s validation of each language's data files (English, then each translation against it),
    against a bare C-loader parse of the same files; and the whole command, which checks every language."""
    card_fit = getattr(fit_gate, "card_fit_problems", None)
    for _ in range(max(repeats, 3)):
        english = None
        for result in results:
            # CPU time of this process: steadier than the clock while other work shares the machine.
            start = time.process_time()
            if result.lang == "en":
                library = english = load_library(project)
            else:
                library = read_translation(project, result.lang, english or load_library(project)).library
            result.check_validate.append(time.process_time() - start)
            if card_fit:  # the most expensive check, timed alone to show where validation time goes
                start = time.process_time()
                card_fit(project, library)
                result.check_cards.append(time.process_time() - start)
            start = time.process_time()
            for path in data_files(project, result.lang):
                yaml.load(path.read_text(encoding="utf-8"), Loader=_Parser)
            result.check_bare.append(time.process_time() - start)
        command = timed([sys.executable, "-m", "macros.check", str(project)], project)
        results[0].check_command.append(command.wall)
