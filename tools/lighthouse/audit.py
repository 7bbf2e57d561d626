"""`make audit`: Lighthouse scores for the home page and every script page of a fresh strict build.

Prints one row per page; exits 1 when accessibility, best practices or SEO is below 1.00
(performance is printed, not gated: it depends on the machine's load).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = Path(__file__).resolve().parent
GATED = ("accessibility", "best-practices", "seo")
COLUMNS = ("performance", "accessibility", "best-practices", "seo")


def audited_paths(root: Path = ROOT) -> list[str]:
    """Site paths to audit: the home page, the scripts index and one page per setting in data/."""
    sys.path.insert(0, str(root))
    from macros.library import load_library

    library = load_library(root)
    return ["", "scripts/", *(f"scripts/{setting.id}/" for setting in library.settings)]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the table readable
        pass


def run_lighthouse(site_dir: Path, paths: list[str], timeout: int = 900) -> list[dict]:
    """Serve site_dir on 127.0.0.1 and run tools/lighthouse/audit.mjs on each path; its JSON results."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed: run `make lighthouse` (it installs Debian's nodejs and npm)")
    if not (TOOL / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError("Lighthouse is not installed: run `make lighthouse` (npm ci in tools/lighthouse)")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "lighthouse.json"
            env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
            result = subprocess.run(
                [node, str(TOOL / "audit.mjs"), str(out), *(base + path for path in paths)],
                cwd=TOOL, env=env, capture_output=True, text=True, timeout=timeout,
            )
            if result.returncode != 0 or not out.exists():
                raise RuntimeError(f"Lighthouse failed (exit {result.returncode}):\n{result.stderr[-4000:]}")
            results = json.loads(out.read_text(encoding="utf-8"))
    finally:
        server.shutdown()
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
    header = f"{'page'.ljust(width)}  " + "  ".join(f"{name:>14}" for name in COLUMNS)
    rows = [f"{entry['path'].ljust(width)}  " + "  ".join(f"{_score(entry['scores'][name]):>14}" for name in COLUMNS) for entry in results]
    return "\n".join([header, *rows])


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        if build.returncode != 0:
            print(f"mkdocs build --strict failed:\n{build.stderr}", file=sys.stderr)
            return 1
        try:
            results = run_lighthouse(site, audited_paths())
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
