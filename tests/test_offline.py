"""Works offline and installs (issue 16): the service worker, its updates, removing the offline copy,
the web app manifest and its icons, and the two directives the policy gains for them.

Playwright's offline switch does not reach service workers, so these tests stop the server
instead; each has its own server, built for and served at http://127.0.0.1:PORT/next-step/ as
the site is deployed, which can be stopped and started again on the same port.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest
from helpers import (
    BASE_PATH,
    LANGUAGES,
    NOT_FOUND,
    PRINT_STUB,
    ROOT,
    SITE_URL,
    DeployedHandler,
    Watch,
    axe_violations,
    build_site,
    copy_project,
    dev_server,
    exercise_details,
    exercise_print,
    exercise_rehearse,
    exercise_search,
    free_port,
    instant_navigate,
    open_page,
    page_paths,
    set_scheme,
)
from PIL import Image

from hooks import offline
from hooks.csp import build_policy

WAIT_MS = 20_000  # every wait in the browser is bounded by this
TYPED = "Dana Offline"


class StoppableServer:
    """A built site under BASE_PATH on one fixed port; stop() makes the host unreachable, start() brings it (or another build) back."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"http://127.0.0.1:{port}{BASE_PATH}"
        self._server: ThreadingHTTPServer | None = None

    def start(self, site: Path) -> None:
        assert self._server is None, "already serving"
        handler = type("Handler", (DeployedHandler,), {"site": site})
        ThreadingHTTPServer.allow_reuse_address = True  # the port comes back at once after stop()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), functools.partial(handler, directory=str(site)))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(self.url, timeout=2)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """(site folder, server): the repository's site built for the server's address, not yet served."""
    server = StoppableServer(free_port())
    site = tmp_path_factory.mktemp("offline-site")
    result = build_site(ROOT, site, site_url=server.url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    yield site, server
    server.stop()


@pytest.fixture
def served(offline_site):
    site, server = offline_site
    server.start(site)
    yield site, server
    server.stop()


def watched_context(browser, origin: str, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(service_workers="allow", **options)
    context.set_default_timeout(WAIT_MS)
    return context, Watch(context, origin)


def origin_of(url: str) -> str:
    return re.match(r"https?://[^/]+", url).group(0)


def wait_for_offline_copy(page) -> None:
    """The worker is active (so every file is in its cache) and controls this page; bounded, since
    `ready` never settles where no worker registers."""
    active = page.evaluate(
        """(ms) => Promise.race([
             navigator.serviceWorker.ready.then((registration) => !!registration.active),
             new Promise((done) => setTimeout(() => done(false), ms)),
           ])""",
        WAIT_MS,
    )
    assert active, "no service worker became active"
    page.wait_for_function("() => !!navigator.serviceWorker.controller")


def cache_names(page) -> list[str]:
    return page.evaluate("() => caches.keys()")


def worker_scopes(page) -> list[str]:
    return page.evaluate("() => navigator.serviceWorker.getRegistrations().then((all) => all.map((r) => r.scope))")


def built_version(site: Path) -> str:
    return re.search(r'const VERSION="([0-9a-f]+)"', (site / offline.WORKER).read_text(encoding="utf-8")).group(1)


# --- Offline after one visit -------------------------------------------------------------------


@pytest.mark.browser
def test_after_one_visit_every_page_and_feature_works_with_the_server_stopped(browser, served):
    site, server = served
    context, watch = watched_context(browser, origin_of(server.url), permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(PRINT_STUB)
    page = context.new_page()
    open_page(page, server.url)
    wait_for_offline_copy(page)
    assert cache_names(page) == [f"next-step-offline-{built_version(site)}"]
    assert page.locator(f'script[src$="{offline.ON_DEMAND.rsplit("/", 1)[1]}"]').count() == 0, "offline.js loaded with no update waiting"
    server.stop()

    pages = [path for path in page_paths(site) if path != NOT_FOUND]
    for path in pages:
        response = page.goto(server.url + path)
        assert response is not None and response.ok, f"/{path} did not open offline"
        assert response.from_service_worker, f"/{path} did not come from the offline copy"
        page.wait_for_selector("article h1", state="attached")
    # Instant navigation: from the home page, through every page by its "Next" link, in one document.
    open_page(page, server.url)
    visited = [page.url]
    while (same_document := instant_navigate(page)) is not None:
        assert same_document, f"{page.url}: a full page load instead of instant navigation"
        visited.append(page.url)
    assert len(visited) == len(pages), visited

    open_page(page, server.url + "scripts/phone/")
    exercise_search(page)
    exercise_details(page)
    assert page.locator(".ns-blank.is-filled").count() > 0, "no blank was filled"
    exercise_print(page)
    open_page(page, server.url + "rehearse/")
    exercise_rehearse(page)
    assert page.locator(".ns-rehearse__controls:not([hidden])").count() == 1

    assert watch.violations == []
    assert watch.console_errors == []
    assert watch.foreign_requests() == []
    context.close()


# --- Updates -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_new_build_arrives_the_old_cache_goes_and_typed_details_stay(browser, tmp_path):
    server = StoppableServer(free_port())
    project = copy_project(tmp_path / "project")
    first, second = tmp_path / "first", tmp_path / "second"
    assert build_site(project, first, site_url=server.url).returncode == 0
    faq = project / "docs" / "guide" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\n\nThis sentence arrived with the second build.\n", encoding="utf-8")
    result = build_site(project, second, site_url=server.url)
    assert result.returncode == 0, result.stderr
    assert built_version(first) != built_version(second)

    context, watch = watched_context(browser, origin_of(server.url))
    page = context.new_page()
    try:
        server.start(first)
        open_page(page, server.url + "scripts/phone/")
        wait_for_offline_copy(page)
        if not page.locator(".ns-details__box").evaluate("(box) => box.open"):
            page.locator(".ns-details__summary").click()
        field = page.locator('.ns-details input[data-blank="interviewer_name"]')
        field.fill(TYPED)
        page.wait_for_selector('.ns-blank.is-filled[data-blank="interviewer_name"]', state="attached")
        assert cache_names(page) == [f"next-step-offline-{built_version(first)}"]

        server.stop()
        server.start(second)
        # The next visit finds the new worker; it waits for the reader, who is offered a reload.
        page.reload()
        notice = page.locator(".ns-update[role=status]")
        notice.wait_for(state="visible")
        assert "newer version" in notice.inner_text()
        for scheme in ("slate", "default"):  # the notice passes axe in both palettes
            set_scheme(page, scheme)
            assert axe_violations(page, ".ns-update") == [], scheme
        with page.expect_navigation():
            notice.get_by_role("button", name="Reload").click()
        page.wait_for_selector('.ns-blank.is-filled[data-blank="interviewer_name"]', state="attached")
        assert page.locator('.ns-blank[data-blank="interviewer_name"]').first.inner_text() == TYPED
        page.wait_for_function("(name) => caches.keys().then((names) => names.join() === name)", arg=f"next-step-offline-{built_version(second)}")

        # The new content comes from the new copy, even with the server gone again.
        server.stop()
        response = page.goto(server.url + "guide/faq/")
        assert response is not None and response.from_service_worker
        assert "This sentence arrived with the second build." in page.locator("article").inner_text()
        assert watch.violations == []
        assert watch.console_errors == []
    finally:
        context.close()
        server.stop()


@pytest.mark.browser
def test_a_reader_who_moves_to_another_language_is_not_told_of_a_newer_version(browser, served):
    """English's worker has the whole site in its scope, /es/ too: a Spanish page it controls installs Spanish's own
    worker, which is a first install, not a newer build."""
    _, server = served
    context, watch = watched_context(browser, origin_of(server.url))
    page = context.new_page()
    try:
        open_page(page, server.url + "scripts/phone/")
        wait_for_offline_copy(page)
        open_page(page, server.url + "es/scripts/phone/")
        page.wait_for_function("(scope) => navigator.serviceWorker.getRegistration(scope).then((r) => !!(r && r.active))", arg=server.url + "es/")
        # The notice, where one comes, follows the worker's install by a script load: give it time to show.
        page.wait_for_timeout(1500)
        assert sorted(worker_scopes(page)) == [server.url, server.url + "es/"]
        assert page.locator(".ns-update").count() == 0
        assert watch.violations == []
        assert watch.console_errors == []
    finally:
        context.close()


# --- Removing the offline copy -----------------------------------------------------------------


@pytest.mark.browser
def test_remove_offline_copy_leaves_no_cache_and_no_worker(browser, served):
    site, server = served
    context, watch = watched_context(browser, origin_of(server.url))
    page = context.new_page()
    open_page(page, server.url + "privacy/")
    wait_for_offline_copy(page)
    assert cache_names(page) and worker_scopes(page) == [server.url]
    button = page.locator(".ns-offline button")
    assert button.inner_text() == "Remove offline copy"
    button.click()
    page.wait_for_function("() => document.querySelector('.ns-offline [role=status]').textContent.startsWith('Removed')")
    assert cache_names(page) == []
    assert worker_scopes(page) == []
    # The choice holds: the next page registers nothing, and the button offers the copy back.
    open_page(page, server.url + "privacy/")
    page.wait_for_timeout(500)
    assert worker_scopes(page) == [] and cache_names(page) == []
    assert button.inner_text() == "Keep an offline copy"
    button.click()
    page.wait_for_function("() => document.querySelector('.ns-offline [role=status]').textContent.includes('again')")
    wait_for_offline_copy(page)
    assert worker_scopes(page) == [server.url]
    assert watch.violations == [] and watch.console_errors == []
    context.close()


@pytest.mark.browser
def test_without_javascript_the_remove_button_is_not_shown(browser, served):
    _, server = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "privacy/")
    assert page.locator(".ns-offline").count() == 1
    assert not page.locator(".ns-offline button").is_visible()
    context.close()


# --- Not under `make serve` --------------------------------------------------------------------


def test_mkdocs_serve_registers_no_worker_and_links_no_manifest():
    with dev_server() as (address, body):
        assert 'class="ns-script"' in body
        assert "offline.js" not in body and 'rel="manifest"' not in body
        for name in (offline.WORKER, offline.MANIFEST):
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(f"{address}{name}", timeout=5)


# --- The manifest, its icons, and the policy -----------------------------------------------------


def test_the_manifest_has_every_field_and_every_icon_at_its_size(production_site):
    manifest = json.loads((production_site / offline.MANIFEST).read_text(encoding="utf-8"))
    for field in ("id", "name", "short_name", "description", "start_url", "scope", "display", "theme_color", "background_color", "icons"):
        assert manifest.get(field), f"the manifest has no {field}"
    assert manifest["name"] == "Next Step" and len(manifest["short_name"]) <= 12
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", manifest["theme_color"]) and re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", manifest["background_color"])
    assert manifest["theme_color"] == "#4051b5", "Material's indigo, the palette's primary colour"
    found = {}
    for icon in manifest["icons"]:
        width, height = (int(side) for side in icon["sizes"].split("x"))
        with Image.open(production_site / icon["src"]) as image:
            assert image.format == "PNG" and icon["type"] == "image/png"
            assert image.size == (width, height), icon["src"]
        found.setdefault(icon["purpose"], set()).add(width)
    assert found == {"any": {192, 512}, "maskable": {512}}
    # Under the project-site path and at a server's root alike, the start page is inside the scope.
    for manifest_url in (f"https://next-step-guide.github.io{BASE_PATH}{offline.MANIFEST}", f"http://127.0.0.1:8000/{offline.MANIFEST}"):
        scope, start = urljoin(manifest_url, manifest["scope"]), urljoin(manifest_url, manifest["start_url"])
        assert start.startswith(scope) and scope == manifest_url.removesuffix(offline.MANIFEST)


def test_every_page_links_the_manifest_and_loads_the_registration_script(production_site):
    on_demand = {}
    for page in sorted(production_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        path = page.relative_to(production_site).as_posix()
        if path.split("/")[0] in LANGUAGES:  # another language's build, with its own manifest (tests/test_languages.py)
            continue
        # Where a reader opens it: the 404 page answers any unknown address.
        address = SITE_URL + (NOT_FOUND if path == "404.html" else path.removesuffix("index.html"))
        manifests = re.findall(r'<link rel="manifest" href="([^"]+)">', html)
        scripts = [urljoin(address, src) for src in re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)]
        assert [urljoin(address, href) for href in manifests] == [SITE_URL + offline.MANIFEST], path
        assert scripts.count(SITE_URL + offline.REGISTRATION) == 1, path
        if SITE_URL + offline.ON_DEMAND in scripts:
            on_demand[path] = scripts.count(SITE_URL + offline.ON_DEMAND)
    # The update notice and the button load only when needed: the Privacy page has the button.
    assert on_demand == {"privacy/index.html": 1}


def test_the_policy_gains_only_worker_src_and_manifest_src(production_site):
    html = (production_site / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    before = {"default-src", "script-src", "style-src", "img-src", "connect-src", "object-src", "base-uri", "form-action"}
    recording = {"media-src"}  # issue 17's playback of a local recording, tested in test_gates_static.py
    assert set(directives) - before - recording == {"worker-src", "manifest-src"}
    assert directives["worker-src"] == "'self'" and directives["manifest-src"] == "'self'"
    assert set(dict(part.strip().split(" ", 1) for part in build_policy([], []).split(";"))) == set(directives)


# --- The worker as built -----------------------------------------------------------------------


def test_the_worker_precaches_every_page_and_asset_and_nothing_a_page_never_needs(production_site):
    worker = (production_site / offline.WORKER).read_text(encoding="utf-8")
    listed = json.loads((production_site / offline.FILE_LIST).read_text(encoding="utf-8"))
    assert listed["version"] == built_version(production_site), "the list and the worker come from one build"
    assert f'"{offline.FILE_LIST}"' in worker
    files = listed["files"]
    pages = {"./" if path == "" else path for path in page_paths(production_site) if path != NOT_FOUND}
    assert pages <= set(files)
    for needed in ("404.html", "search/search_index.json", "sitemap.xml", offline.REGISTRATION, offline.ON_DEMAND, "assets/javascripts/details.js", "assets/javascripts/rehearse.js"):
        assert needed in files
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", path) for path in files)
    assert any(re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", path) for path in files)
    assert not [path for path in files if path.endswith((".map", ".gz")) or "/lunr/" in path or "social-card" in path or path in (offline.WORKER, offline.FILE_LIST)]
    for path in files:  # every address answers with a file of the build
        target = production_site / (path.removeprefix("./") + ("index.html" if path.endswith("/") else ""))
        assert target.is_file(), path
    assert not (production_site / offline.ICON_SOURCE).exists(), "the 1024 px icon source is for the build, not for readers"
    # Minified like the project's other scripts, and the same size however many pages the guide has.
    assert "//" not in worker.replace("://", "") and "\n  " not in worker
    assert len(worker) < len(offline.WORKER_SOURCE.read_text(encoding="utf-8"))
    assert not any(json.dumps(path) in worker for path in files)


def test_the_version_changes_with_any_precached_file_and_only_with_them(tmp_path):
    for name, text in {"index.html": "home", "guide/x/index.html": "x", "a.js.map": "map", "assets/javascripts/lunr/min/lunr.de.min.js": "de"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = offline.precached_files(tmp_path)
    assert files == ["guide/x/index.html", "index.html"]
    assert [offline.address(path) for path in files] == ["guide/x/", "./"]
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in offline.precached_files(tmp_path, search_languages=["de"])
    before = offline.version(tmp_path, files)
    (tmp_path / "a.js.map").write_text("changed", encoding="utf-8")
    assert offline.version(tmp_path, files) == before
    (tmp_path / "guide/x/index.html").write_text("x, changed", encoding="utf-8")
    assert offline.version(tmp_path, files) != before


def test_the_privacy_page_states_the_size_of_the_offline_copy(production_site):
    html = (production_site / "privacy" / "index.html").read_text(encoding="utf-8")
    stated = re.search(r'<span class="ns-offline-size">([^<]+)</span>', html).group(1)
    size = sum((production_site / path).stat().st_size for path in offline.precached_files(production_site))
    number, unit = stated.split()
    # Measured before the figure itself went into the page, so a few bytes apart at most.
    assert abs(float(number) * {"KB": 1000, "MB": 1_000_000}[unit] - size) <= {"KB": 1000, "MB": 100_000}[unit], (stated, size)
    privacy = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert "`next-step:offline`" in privacy and "next-step-offline-" in privacy
