"""Shared fixtures: the data library, the built site and its local servers, Chromium and watched pages.

Plain helpers (paths, builds, handlers, axe-core, PDF reading, sample data files) are in helpers.py.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from helpers import BASE_PATH, CHROMIUM_FLAGS, ROOT, DeployedHandler, PageWatch, QuietHandler, Watch, build_site, chromium_path, copy_project, free_port, page_paths

from macros.library import load_library
from macros.problems import DataError


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


def pytest_configure(config):
    config.addinivalue_line("markers", "per_data(name, values_of_library, ids=None): parametrize `name` over values taken from data/")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


# --- the data ---------------------------------------------------------------------------


@functools.cache
def _loaded_library():
    """The repository's library, or the DataError that stops it loading: read once, by collection and fixtures alike."""
    try:
        return load_library(ROOT)
    except DataError as error:
        return error


@pytest.fixture(scope="session")
def library():
    """The repository's data, loaded once. A data error fails the tests that need the data, not the collection."""
    loaded = _loaded_library()
    if isinstance(loaded, DataError):
        pytest.fail(f"data/ does not load (run `make check`):\n{loaded}", pytrace=False)
    return loaded


def pytest_generate_tests(metafunc):
    """`@pytest.mark.per_data(name, values_of_library, ids=...)`: parametrize over what data/ holds, read at collection.

    A data error does not stop the collection: it leaves each such test one case, which fails with the checker's message.
    """
    for marker in metafunc.definition.iter_markers("per_data"):
        name, values_of = marker.args
        loaded = _loaded_library()
        if isinstance(loaded, DataError):
            metafunc.parametrize(name, [loaded], ids=["data-error"])
        else:
            metafunc.parametrize(name, values_of(loaded), ids=marker.kwargs.get("ids"))


@pytest.fixture(autouse=True)
def _data_error_case(request):
    """The single case a data error leaves a per_data test: fail it with the checker's message."""
    callspec = getattr(request.node, "callspec", None)
    for value in callspec.params.values() if callspec else ():
        if isinstance(value, DataError):
            pytest.fail(f"data/ does not load (run `make check`):\n{value}", pytrace=False)


@pytest.fixture
def project(tmp_path) -> Path:
    """A throw-away copy of everything a build reads, to change without touching the repo."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def scaffold(project) -> Path:
    """The project with translations/pt/ just scaffolded by `make new-language`: every record and page a draft of the English text."""
    from macros.new_language import new_language

    new_language(project, "pt")
    return project


# --- the built site, served plainly ------------------------------------------------------


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory):
    """A local server for the built site, started first so the build can be told its address."""
    site_dir = tmp_path_factory.mktemp("site")
    handler = functools.partial(QuietHandler, directory=str(site_dir))
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


# --- the site as deployed (the gates) ----------------------------------------------------


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory):
    """The site built for, and served at, http://127.0.0.1:PORT/next-step/: (site folder, URL).

    Built for its own address because Material's instant navigation follows only links whose
    address, port included, is in sitemap.xml; otherwise it is the same strict build.
    """
    site = tmp_path_factory.mktemp("deployed-site")
    handler = type("Handler", (DeployedHandler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    result = build_site(ROOT, site, site_url=url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def audited_site(tmp_path_factory) -> tuple[Path, int]:
    """The site as `make audit` builds it: for http://127.0.0.1:PORT/, the address Lighthouse then reads it at (site, port)."""
    site, port = tmp_path_factory.mktemp("audited-site"), free_port()
    result = build_site(ROOT, site, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site, port


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


# --- Chromium -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


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
