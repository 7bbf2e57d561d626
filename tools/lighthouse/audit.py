"""`make audit`: Lighthouse scores for the home page and every script page, in every language, of a fresh strict build.

Prints one row per page; exits 1 when accessibility, best practices or SEO is below 1.00
(performance is printed, not gated: it depends on the machine's load). The site is served
gzipped by the same server as `make bench`, and performance comes with the figures the
Performance page shows (Lighthouse's default mobile run), so the two can be compared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.site_build import LANGUAGES, build_site
from tools.site_server import free_port, serve

ROOT = Path(__file__).resolve().parents[2]
TOOL = Path(__file__).resolve().parent
GATED = ("accessibility", "best-practices", "seo")
COLUMNS = ("performance", "accessibility", "best-practices", "seo")
# The performance metrics the Performance page lists after each score, in its order.
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def audited_paths(root: Path = ROOT) -> list[str]:
    """Site paths to audit: the home page, the scripts index and one page per setting in data/, in English then each other built language."""
    sys.path.insert(0, str(root))
    from macros.library import load_library

    library = load_library(root)
    english = ["", "scripts/", *(f"scripts/{setting.id}/" for setting in library.settings)]
    # The languages build_site builds (mkdocs.yml's extra.alternate), so every audited page is one the audit built.
    return english + [f"{lang}/{path}" for lang in LANGUAGES[1:] for path in english]


def metric_figures(display_values: dict[str, str]) -> list[str]:
    """Lighthouse's display value of each metric, labelled as on the Performance page: ["FCP 1.6 s", ...]."""
    return [f"{label} {display_values.get(audit, '?')}" for audit, label in METRICS.items()]


def run_lighthouse(site_dir: Path, paths: list[str], timeout: int = 900, port: int = 0) -> list[dict]:
    """Serve site_dir gzipped on 127.0.0.1 (on `port`: the one it was built for) and run tools/lighthouse/audit.mjs on each path; its JSON results."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed: run `make lighthouse` (it installs Debian's nodejs and npm)")
    if not (TOOL / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError("Lighthouse is not installed: run `make lighthouse` (npm ci in tools/lighthouse)")
    with serve(site_dir, port) as base, tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "lighthouse.json"
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        result = subprocess.run(
            [node, str(TOOL / "audit.mjs"), str(out), *(base + path for path in paths)],
            cwd=TOOL, env=env, capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"Lighthouse failed (exit {result.returncode}):\n{result.stderr[-4000:]}")
        results = json.loads(out.read_text(encoding="utf-8"))
    for entry in results:
        entry["path"] = "/" + entry["url"].removeprefix(base)
    return results


def below_full_marks(results: list[dict]) -> list[str]:
    """One line per gated category under 1.00, with the audits that cost the points."""
    lines = []
    for entry in results:
        if entry.get("runtimeError"):
            lines.append(f"{entry['path']}: Lighthouse could not audit the page: {entry['runtimeError']}")
        for category in GATED:
            score = entry["scores"][category]
            if score is None or score < 1:
                lines.append(f"{entry['path']}: {category} {_score(score)}: {'; '.join(entry['failing'][category]) or 'no failing audit listed'}")
    return lines


def _score(value: float | None) -> str:
    return "error" if value is None else f"{value:.2f}"


def table(results: list[dict]) -> str:
    width = max(len(entry["path"]) for entry in results)
    header = f"{'page'.ljust(width)}  " + "  ".join(f"{name:>14}" for name in COLUMNS) + "  performance metrics (mobile, served gzipped)"
    rows = [
        f"{entry['path'].ljust(width)}  " + "  ".join(f"{_score(entry['scores'][name]):>14}" for name in COLUMNS) + "  " + ", ".join(metric_figures(entry.get("metrics", {})))
        for entry in results
    ]
    return "\n".join([header, *rows])


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        # Built for the address it is served at, as on the real host: a page's language links then stay on its origin.
        port = free_port()
        build = build_site(ROOT, site, site_url=f"http://127.0.0.1:{port}/")
        if build.returncode != 0:
            print(f"mkdocs build --strict failed:\n{build.stderr}", file=sys.stderr)
            return 1
        try:
            results = run_lighthouse(site, audited_paths(), port=port)
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    print(table(results))
    problems = below_full_marks(results)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
