"""Shared by the tests/test_gates_*.py modules: the built site served as it is deployed, and watched pages.

The site is served under the path of its production address (/next-step/), with 404.html
answering every unknown address, as GitHub Pages does; so the 404 page is tested where it lives.
"""

from __future__ import annotations

import functools
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT, build_site

# A missing address: GitHub Pages answers it with 404.html, so does the test server.
NOT_FOUND = "no-such-page/at/all/"


class _YamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags are not plain YAML."""


_YamlLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_YamlLoader)
SITE_URL: str = CONFIG["site_url"]
BASE_PATH = urlparse(SITE_URL).path  # "/next-step/"


def page_paths(site: Path) -> list[str]:
    """Every page of a built site as a path below the base: "" for home, "scripts/phone/", ..., and the 404 page."""
    pages = sorted(path.relative_to(site).as_posix().removesuffix("index.html") for path in site.rglob("index.html"))
    # Material's search folder holds the index, not a page.
    return [page for page in pages if not page.startswith("search/")] + [NOT_FOUND]


class _DeployedHandler(SimpleHTTPRequestHandler):
    """Serves a built site below BASE_PATH; anything else gets 404.html with status 404."""

    site: Path

    def log_message(self, *args):  # keep test output readable
        pass

    def translate_path(self, path: str) -> str:
        path = urlparse(path).path
        return super().translate_path("/" + path.removeprefix(BASE_PATH))

    def send_head(self):
        if not urlparse(self.path).path.startswith(BASE_PATH):
            return self._not_found()
        target = Path(self.translate_path(self.path))
        if not (target / "index.html" if target.is_dir() else target).exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (self.site / "404.html").read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory):
    """The site built for, and served at, http://127.0.0.1:PORT/next-step/: (site folder, URL).

    Built for its own address because Material's instant navigation follows only links whose
    address, port included, is in sitemap.xml; otherwise it is the same strict build.
    """
    site = tmp_path_factory.mktemp("deployed-site")
    handler = type("Handler", (_DeployedHandler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    result = build_site(ROOT, site, site_url=url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def production_site(tmp_path_factory) -> Path:
    """The site exactly as it is published: built for its real address (site_url in mkdocs.yml)."""
    site = tmp_path_factory.mktemp("production-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("NEXT_STEP_SITE_URL", raising=False)
        result = build_site(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def deployed_url(deployed_site) -> str:
    return deployed_site[1]


@pytest.fixture(scope="session")
def all_pages(deployed_site) -> list[str]:
    return page_paths(deployed_site[0])


# Installed before any page script runs, in every document: policy violations reach Python.
_WATCH_SCRIPT = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__gatesViolation([event.violatedDirective, event.blockedURI, event.sourceFile + ":" + event.lineNumber, event.sample].join(" | "));
});
"""


class Watch:
    """What a browser context did that a gate forbids: policy violations, console errors, foreign requests."""

    def __init__(self, context, origin: str):
        self.origin = origin
        self.violations: list[str] = []
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        context.expose_binding("__gatesViolation", lambda source, line: self.violations.append(f"{source['frame'].url}: {line}"))
        context.add_init_script(_WATCH_SCRIPT)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self.watch_page)

    def watch_page(self, page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self._console_error(page, msg))
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))

    def _console_error(self, page, msg) -> None:
        text = msg.text
        # The 404 page is meant to answer 404: the browser logs that status as an error.
        if NOT_FOUND in page.url and "404" in text and "Failed to load resource" in text:
            return
        self.console_errors.append(f"{page.url}: {text}")

    def foreign_requests(self) -> list[str]:
        """Every request whose origin is not the site's: data: URLs are part of the page, not requests."""
        foreign = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                continue
            if f"{parsed.scheme}://{parsed.netloc}" != self.origin:
                foreign.append(url)
        return foreign


@pytest.fixture
def watched(browser, deployed_url):
    """A factory of watched browser contexts: watched(viewport=..., permissions=...) -> (context, page, watch)."""
    contexts = []
    origin = f"{urlparse(deployed_url).scheme}://{urlparse(deployed_url).netloc}"

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        watch = Watch(context, origin)
        page = context.new_page()
        contexts.append(context)
        return context, page, watch

    yield make
    for context in contexts:
        context.close()


def settle(page) -> None:
    """Wait until no CSS transition runs (colours mid-fade fool contrast checks) and two frames have
    drawn (Material marks overflowing code blocks focusable after its resize observer reports)."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')")


def set_scheme(page, scheme: str) -> None:
    """Switch Material's palette the way a reader does: press the header switch until the scheme shows."""
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme:
            break
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_timeout(50)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    settle(page)


def details_values() -> dict[str, str]:
    """One realistic value per declared blank, from its example in data/blanks.yml."""
    from macros.library import load_library

    return {blank.id: blank.example for blank in load_library(ROOT).blanks}


def fill_details_storage(page, values: dict[str, str]) -> None:
    """Put values where details.js reads them (the reader-data contract), for every later page of the tab."""
    page.evaluate("(values) => sessionStorage.setItem('next-step:details', JSON.stringify(values))", values)

