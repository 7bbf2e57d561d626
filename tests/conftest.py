"""Shared fixtures: the built site, a local server for it, and Chromium."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.synth import copy_sources

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def build_site(project: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder; returns the finished process.

    With `site_url`, the sitemap names that address, which Material's instant
    navigation needs before it will intercept a link on a local server."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["NEXT_STEP_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def copy_project(target: Path) -> Path:
    """A throw-away copy of everything a build reads, to change without touching the repo."""
    # The benchmark copies the same sources; one list of them lives in bench/synth.py.
    return copy_sources(target, ROOT)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory):
    """A local server for the built site, started first so the build can be told its address."""
    site_dir = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_dir, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(_site_server) -> Path:
    """The repository's site, built strictly once per session, for its served address."""
    site_dir, url = _site_server
    result = build_site(ROOT, site_dir, site_url=url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site, _site_server) -> str:
    return _site_server[1]


def chromium_path() -> str | None:
    """Debian's chromium where installed (or CHROMIUM_PATH); otherwise Playwright's own."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class PageWatch:
    """Everything a page did that a test may want to forbid: errors and foreign requests."""

    def __init__(self, page, origin: str):
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", lambda request: self._request(request.url, origin))

    def _request(self, url: str, origin: str) -> None:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if f"{parsed.scheme}://{parsed.netloc}" != origin:
            self.foreign_requests.append(url)


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, site_url):
    """A 360 px wide phone screen with touch."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.watch = PageWatch(page, site_url.rstrip("/"))
    yield page
    context.close()
