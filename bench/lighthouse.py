"""Figure 6: Lighthouse performance scores, mobile and desktop, with Debian's Chromium.

Uses the pinned Lighthouse that `make lighthouse` installs under tools/lighthouse/ (the one
`make audit` runs), and the same no-network Chromium flags as tools/lighthouse/audit.mjs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tools.lighthouse.audit import metric_figures

from .browser import chromium_path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
    " --disable-sync --no-first-run --disable-dev-shm-usage"
)


@dataclass
class Score:
    path: str
    form_factor: str
    scores: list[float]
    problem: str | None = None
    metrics: list[str] = field(default_factory=list)  # of the run with the median score

    @property
    def median(self) -> float:
        return statistics.median(self.scores)


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not LIGHTHOUSE.is_file():
        return "Lighthouse is not installed (tools/lighthouse/node_modules; `make lighthouse` installs it)"
    if not chromium_path():
        return "no Chromium found (set CHROMIUM_PATH or install Debian's chromium)"
    return None


def performance_score(url: str, form_factor: str) -> tuple[float, list[str]]:
    """One Lighthouse run's performance score (0 to 1) for a URL, and its metrics as "LCP 1.2 s"."""
    chrome = chromium_path()
    with tempfile.TemporaryDirectory(prefix="ns-lighthouse-") as profile:
        command = [
            "node", str(LIGHTHOUSE), url,
            "--quiet", "--output=json", "--output-path=stdout", "--only-categories=performance",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chrome}
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"lighthouse exited {result.returncode}: {tail}")
    report = json.loads(result.stdout)
    score = report["categories"]["performance"]["score"]
    if score is None:
        errors = report.get("runtimeError", {}).get("message", "no score")
        raise RuntimeError(f"lighthouse gave no score: {errors}")
    return float(score), metric_figures({key: audit["displayValue"] for key, audit in report["audits"].items() if "displayValue" in audit})


def scores(base_url: str, paths: list[str], runs: int, log) -> list[Score]:
    results = []
    for path in paths:
        for form_factor in FORM_FACTORS:
            values, problem, metrics = [], None, []
            for run in range(runs):
                try:
                    value, run_metrics = performance_score(base_url + path, form_factor)
                    values.append(value)
                    metrics.append(run_metrics)
                except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError, KeyError) as error:
                    problem = str(error).splitlines()[0]
                    break
                log(f"  lighthouse /{path} {form_factor} run {run + 1}/{runs}: {values[-1]:.2f}")
            median_run = sorted(range(len(values)), key=values.__getitem__)[len(values) // 2] if values else None
            results.append(Score(path or "/", form_factor, values, problem, metrics[median_run] if values else []))
    return results
