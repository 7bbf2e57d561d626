"""What the figures were measured on: date, hardware, load and tool versions."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .browser import chromium_path
from .lighthouse import LIGHTHOUSE

ROOT = Path(__file__).resolve().parent.parent


def _first(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _output(command: list[str]) -> str | None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def describe(started: datetime.datetime) -> dict[str, str]:
    memory_kb = _first("/proc/meminfo", "MemTotal")
    memory = f"{int(memory_kb.split()[0]) / 1024 / 1024:.1f} GiB" if memory_kb else "unknown"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    chromium = chromium_path()
    lighthouse_package = LIGHTHOUSE.parent.parent / "package.json"
    lighthouse = json.loads(lighthouse_package.read_text(encoding="utf-8"))["version"] if lighthouse_package.is_file() else "not installed"
    commit = _output(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    dirty = _output(["git", "status", "--porcelain", "--untracked-files=no"])
    return {
        "Date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "Commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "CPU": f"{_first('/proc/cpuinfo', 'model name') or platform.processor() or 'unknown'}, {usable} of {os.cpu_count()} cores usable",
        "Memory": memory,
        "System": f"{platform.system()} {platform.release()}",
        "Load average at start (1, 5, 15 min)": load_average(),
        "Python": platform.python_version(),
        "MkDocs / Material / mkdocs-macros": f"{_package('mkdocs')} / {_package('mkdocs-material')} / {_package('mkdocs-macros-plugin')}",
        "Chromium": (_output([chromium, "--version"]) if chromium else None) or "Playwright's bundled Chromium",
        "Node / Lighthouse": f"{_output(['node', '--version']) or 'not installed'} / {lighthouse}",
    }
