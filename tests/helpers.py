"""Plain helpers shared by the test modules (fixtures live in conftest.py).

Paths, builds and local servers; rendered HTML as a tree; the deployed site's address and watched pages;
opening pages and running every feature on them; axe-core; reading what Chromium printed; and samples of
data files, good and bad.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
from pypdf import PdfReader
from pypdf.generic import ContentStream

from tools.site_build import CONFIG, LANGUAGES, build_site, language_urls  # noqa: F401 (the tests' one import place)
from tools.site_server import free_port  # noqa: F401 (the tests' one import place)
from tools.site_sources import copy_sources

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- builds and local servers ----------------------------------------------------------


def copy_project(target: Path) -> Path:
    """A throw-away copy of everything a build reads, to change without touching the repo."""
    # The benchmark copies the same sources; one list of them lives in tools/site_sources.py.
    return copy_sources(target, ROOT)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def dev_server(timeout: float = 90) -> Iterator[tuple[str, str]]:
    """`mkdocs serve` as `make serve` runs it, on a free port: (its address, the phone page it served first)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **language_urls(f"http://127.0.0.1:{port}/")}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline, body = time.monotonic() + timeout, ""
        while time.monotonic() < deadline and server.poll() is None and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/scripts/phone/", timeout=5) as response:
                    body = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert body, server.stderr.read() if server.poll() is not None else "the dev server served no page in time"
        yield f"http://127.0.0.1:{port}/", body
    finally:
        server.terminate()
        server.wait(timeout=10)


def chromium_path() -> str | None:
    """Debian's chromium where installed (or CHROMIUM_PATH); otherwise Playwright's own."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


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



# --- HTML as macros render it --------------------------------------------------------


VOID_ELEMENTS = {"input", "br", "img", "hr", "meta", "link"}


class Tree(HTMLParser):
    """Every element with its attributes and parents; fails on a tag closed out of order."""

    def __init__(self, html: str):
        super().__init__()
        self.open: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict, list[tuple[str, dict]]]] = []
        self.feed(html)
        self.close()
        assert not self.open, f"unclosed tags: {[tag for tag, _ in self.open]}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs, list(self.open)))
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, attrs))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1][0] == tag, f"</{tag}> closes <{self.open[-1][0] if self.open else None}>"
        self.open.pop()

    def find(self, css_class: str) -> list[tuple[str, dict, list]]:
        return [e for e in self.elements if css_class in (e[1].get("class") or "").split()]


# --- the site as deployed (the gates) --------------------------------------------------


# A missing address: GitHub Pages answers it with 404.html, so does the test server.
NOT_FOUND = "no-such-page/at/all/"


SITE_URL: str = CONFIG["site_url"]
BASE_PATH = urlparse(SITE_URL).path  # "/next-step/"


def page_paths(site: Path) -> list[str]:
    """Every page of a built site as a path below the base: "" for home, "scripts/phone/", ..., and the 404 page."""
    pages = sorted(path.relative_to(site).as_posix().removesuffix("index.html") for path in site.rglob("index.html"))
    # Material's search folder holds the index, not a page; another language's build (es/) has pages of its own.
    others = tuple(f"{language}/" for language in LANGUAGES[1:])
    return [page for page in pages if not page.startswith(("search/", *others))] + [NOT_FOUND]


class DeployedHandler(SimpleHTTPRequestHandler):
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
        # Each language answers its own addresses with its own 404 page (site/es/404.html; GitHub Pages itself serves only the root one).
        language = next((language for language in LANGUAGES[1:] if urlparse(self.path).path.startswith(f"{BASE_PATH}{language}/")), None)
        body = (self.site / (f"{language}/404.html" if language else "404.html")).read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


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


def settle(page) -> None:
    """Wait until no CSS transition runs (colours mid-fade fool contrast checks) and two frames have
    drawn (Material marks overflowing code blocks focusable after its resize observer reports)."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')")


def set_scheme(page, scheme: str) -> None:
    """Switch the palette the way a reader does: press the header switch until the scheme shows."""
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme:
            break
        page.locator("form[data-ns-palette] label:not([hidden])").click()
        page.wait_for_timeout(50)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    settle(page)


def details_values(library) -> dict[str, str]:
    """One realistic value per value key (a blank's, and each per-setting variant's), from data/blanks.yml's examples."""
    return {field.id: field.example for blank in library.blanks for field in blank.fields}


def fill_details_storage(page, values: dict[str, str]) -> None:
    """Put values where details.js reads them (the reader-data contract), for every later page of the tab."""
    page.evaluate("(values) => sessionStorage.setItem('next-step:details', JSON.stringify(values))", values)


# --- pages in Chromium: opening them, and running every feature on them -----------------


def open_page(page, url: str) -> None:
    """Load a page and wait until Material and the project's scripts have set it up."""
    page.goto(url)
    page.wait_for_function("() => typeof window.document$ !== 'undefined' && document.body.dataset.mdColorScheme !== undefined")
    page.wait_for_load_state("load")
    wait_for_features(page)


def wait_for_features(page) -> None:
    """The project's scripts have run on this page: panels shown, blanks filled from storage."""
    if page.locator(".ns-details").count():
        page.wait_for_selector(".ns-details:not([hidden])", state="attached")
    stored = page.evaluate("sessionStorage.getItem('next-step:details') || localStorage.getItem('next-step:details')")
    keys = list(json.loads(stored or "{}"))
    # Only a blank whose value key is stored gets filled: a per-setting value shows on its own setting's pages alone.
    if keys and page.evaluate("(keys) => [...document.querySelectorAll('.ns-blank')].some((b) => keys.includes(b.dataset.blank))", keys):
        page.wait_for_selector(".ns-blank.is-filled", state="attached")


def open_panel(page) -> None:
    """Open the details panel, which starts as a one-line strip, so its fields and buttons can be used."""
    from playwright.sync_api import expect

    box = page.locator(".ns-details__box")
    expect(page.locator(".ns-details")).to_be_visible()
    if not box.evaluate("b => b.open"):
        page.locator(".ns-details__summary").click()
    expect(box).to_have_attribute("open", "")


def open_every_disclosure(page) -> None:
    """Content inside closed <details> is skipped by axe: open them all (the details panel, print options)."""
    page.evaluate("document.querySelectorAll('article details').forEach((d) => { d.open = true; })")


# window.print() would open a dialog: count the calls instead, then lay the page out for print.
PRINT_STUB = "window.print = () => { window.__gatesPrinted = (window.__gatesPrinted || 0) + 1; };"


# Words the search finds on every build, by the page's language: a word, a phrase, and a setting's name.
SEARCH_WORDS = {"en": ("interviewer", "next step", "follow-up"), "es": ("entrevista", "siguiente paso", "seguimiento")}
# The Copy button's label once it has copied, in the page's own words (the ns-ui template, data/ui.yml).
COPIED = "document.querySelector('.ns-copy').firstChild.textContent === nextStep.t('js.copy.done')"


def exercise_search(page) -> None:
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially(SEARCH_WORDS[page.evaluate("document.documentElement.lang")][0], delay=15)
    page.wait_for_selector(".md-search-result__item")
    search.fill("")
    page.keyboard.press("Escape")


def exercise_palette(page) -> None:
    set_scheme(page, "slate")
    set_scheme(page, "default")


def exercise_details(page) -> None:
    if not page.locator(".ns-details:not([hidden])").count():
        return
    box = page.locator(".ns-details__box")
    if not box.evaluate("(box) => box.open"):
        page.locator(".ns-details__summary").click()
    field = page.locator(".ns-details input[data-blank]").first
    field.fill("")
    field.press_sequentially("Dana", delay=10)
    blank = field.get_attribute("data-blank")
    if page.locator(f'.ns-blank[data-blank="{blank}"]').count():
        page.wait_for_selector(f'.ns-blank.is-filled[data-blank="{blank}"]', state="attached")
    page.locator(".ns-details__share").click()
    page.wait_for_selector(".ns-share:not([hidden])")


def exercise_copy(page) -> None:
    buttons = page.locator(".ns-copy:visible")
    if not buttons.count():
        return
    buttons.first.click()
    # Empty blanks are listed first (blank-check.js loads on demand to list them); the reader may copy anyway.
    done = "nextStep.t('js.copy.done')"
    copied = f"[...document.querySelectorAll('.ns-copy')].some((b) => b.firstChild.textContent === {done})"
    anyway = '.ns-copy__check [data-check="copy"]'
    page.wait_for_function(f"() => {copied} || !!document.querySelector('{anyway}')?.offsetParent", timeout=15_000)
    if page.locator(anyway).first.is_visible():
        page.locator(anyway).first.click()
    page.wait_for_function(f"() => {copied}")


def exercise_print(page) -> None:
    if not page.locator(".ns-print:not([hidden])").count():
        return
    if not page.locator(".ns-print__box").evaluate("(box) => box.open"):
        page.locator(".ns-print__title").click()
    # My cards starts with nothing chosen, and printing nothing prints nothing: choose one card.
    if not page.locator('input[name="ns-print-script"]:checked').count():
        page.locator('input[name="ns-print-script"]').first.check()
    page.locator(".ns-print__go").click()
    # Empty blanks are listed first (blank-check.js loads on demand to list them); the reader may go on anyway.
    anyway = '.ns-print__check [data-check="print"]'
    page.wait_for_function(f"() => window.__gatesPrinted === 1 || !!document.querySelector('{anyway}')?.offsetParent", timeout=15_000)
    if page.locator(anyway).is_visible():
        page.locator(anyway).click()
    assert page.evaluate("() => window.__gatesPrinted") == 1, "the Print button did not ask the browser to print"
    page.emulate_media(media="print")
    page.wait_for_selector("html.ns-print-ready", state="attached")
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


def exercise_rehearse(page) -> None:
    start = page.locator(".ns-rehearse__start")
    if not start.count() or not start.is_visible():
        return
    start.click()
    page.wait_for_selector(".ns-rehearse__controls:not([hidden])")
    for action in ("timer", "timer", "random", "reveal", "next"):
        page.locator(f'.ns-rehearse__controls [data-action="{action}"]:visible').first.click()


def instant_navigate(page) -> bool | None:
    """Follow the footer's "Next" link; True when Material swapped the page without a reload."""
    link = page.locator("a.md-footer__link--next")
    if not link.count():
        return None
    # The old page's content is marked: Material changes the address before it swaps the new content in, so a check made
    # on the new address alone could read the page being left (and wait for a panel the new page does not have).
    page.evaluate("() => { window.__gatesSameDocument = true; document.querySelector('[data-md-component=container]').dataset.gatesLeaving = ''; }")
    target = link.get_attribute("href")
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url.split("#")[0] != before.split("#")[0])
    page.wait_for_function("() => !document.querySelector('[data-gates-leaving]')")
    page.wait_for_load_state("load")
    wait_for_features(page)
    assert target
    return page.evaluate("() => window.__gatesSameDocument === true")


# --- axe-core --------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, context: str | None = None) -> list[str]:
    """One line per violation: rule id, what it means, and the first offending elements."""
    # Colours caught mid-fade (Material's header title after a scroll) would be measured wrong:
    # let two frames draw (scroll handlers run) and every CSS transition end.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SOURCE)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


# --- what Chromium printed -------------------------------------------------------------


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass(frozen=True)
class PrintedPage:
    width: float
    height: float
    text: str
    font_sizes: list[float]  # in points, one per text object drawn
    rules: list[tuple[float, float, float, float]]  # filled rectangles (x0, y0, x1, y1) in points, ink only


def read_pdf(data: bytes) -> list[PrintedPage]:
    reader = PdfReader(io.BytesIO(data))
    return [_read_page(reader, page) for page in reader.pages]


def _read_page(reader: PdfReader, page) -> PrintedPage:
    ctm, stack, text_matrix, size = IDENTITY, [], IDENTITY, 0.0
    fill_is_ink = True
    pending: list[tuple[float, float, float, float]] = []
    sizes: list[float] = []
    rules: list[tuple[float, float, float, float]] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        values = [float(value) for value in operands if isinstance(value, (int, float))]
        if operator == b"q":
            stack.append((ctm, fill_is_ink))
        elif operator == b"Q":
            ctm, fill_is_ink = stack.pop()
        elif operator == b"cm":
            ctm = multiply(tuple(values), ctm)
        elif operator == b"rg":
            fill_is_ink = max(values) < 0.5  # dark enough to be a printed rule, not a white background
        elif operator == b"Tf":
            size = values[-1]
        elif operator == b"Tm":
            text_matrix = tuple(values)
            whole = multiply(text_matrix, ctm)
            sizes.append(round(size * math.hypot(whole[2], whole[3]), 2))
        elif operator == b"re":
            x, y, w, h = values
            (x0, y0), (x1, y1) = apply(ctm, x, y), apply(ctm, x + w, y + h)
            pending.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif operator in (b"f", b"f*", b"F"):
            if fill_is_ink:
                rules.extend(pending)
            pending = []
        elif operator in (b"n", b"W", b"W*", b"S", b"B"):
            pending = []
    box = page.mediabox
    return PrintedPage(float(box.width), float(box.height), page.extract_text(), sizes, rules)


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction adds and drops spaces around styled runs."""
    return re.sub(r"\s+", "", text)


def words(text: str) -> list[str]:
    return text.split()


def storage_script(state: dict | None = None, details: dict | None = None, print_page: str = "my-cards") -> str:
    """An init script that sets one page's print choices (`print_page`: a setting's id or "my-cards") and the reader's details before any page script runs."""
    lines = []
    if state is not None:
        lines.append(f"sessionStorage.setItem('next-step:print:{print_page}', {json.dumps(json.dumps(state))});")
    if details is not None:
        lines.append(f"sessionStorage.setItem('next-step:details', {json.dumps(json.dumps(details))});")
    return "\n".join(lines)


# --- data files, good and bad ----------------------------------------------------------


GOOD = """\
title: A good script
order: 50
tone: soft
audience: any
idea: three-reasons
opener: Thank you, {interviewer_name}. I want this {role} job.
close: Can we book {next_step} for {time_frame}?
if_yes: Great, thank you.
if_not_sure: What is holding you back?
if_put_off: Of course. When should I expect to hear?
if_no: Thank you for telling me.
"""


def with_line(key: str, value: str) -> str:
    """GOOD with one key's line replaced by `key: value` (or removed when value is None)."""
    lines = []
    for line in GOOD.splitlines():
        if line.startswith(f"{key}:"):
            if value is not None:
                lines.append(f"{key}: {value}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


CASES = {
    "yaml syntax": ('title: "never closed\norder: 1\n', "1:8", "YAML syntax error: found unexpected end of stream while scanning a quoted scalar"),
    "flow mapping for text": (with_line("close", "{role}"), "7:8", "'close': expected text, found a set of keys; text that starts with '{' or '[' must be in quotes"),
    "tab indentation": (GOOD.replace("order: 50", "\torder: 50"), "2:1", "indented with a tab"),
    "duplicate key": (GOOD + "title: Again\n", "12:1", "key 'title' appears twice (first on line 1)"),
    "anchor": (with_line("if_yes", "&yes Great, thank you."), "8:9", "anchor '&yes' is not allowed"),
    "alias": (with_line("if_no", "*yes").replace("if_yes: Great", "if_yes: &yes Great"), "11:8", "alias '*yes' is not allowed"),
    "tag": (with_line("title", "!!str A title"), "1:8", "tag 'tag:yaml.org,2002:str' is not allowed"),
    "no read as false": (with_line("if_no", "no"), "11:8", "YAML reads no as a yes/no value, not text; put it in quotes"),
    "on read as true": (with_line("title", "on"), "1:8", "YAML reads on as a yes/no value"),
    "octal read as number": (with_line("title", "0755"), "1:8", "YAML reads 0755 as a number"),
    "time read as number": (with_line("title", "12:30"), "1:8", "YAML reads 12:30 as a number"),
    "date read as date": (with_line("title", "2026-11-29"), "1:8", "YAML reads 2026-11-29 as a date or time"),
    "empty file": ("# only a comment\n", "1:1", "the file is empty"),
    "top level not a mapping": ("- title: A list\n", "1:1", "expected a set of keys (key: value lines), found a list"),
    "unknown key": (GOOD.replace("title:", "titel:"), "1:1", "unknown key 'titel'. Did you mean 'title'?"),
    "missing key": (with_line("close", None), "1:1", "missing required key 'close'"),
    "wrong type number": (with_line("order", "first"), "2:8", "'order': expected a whole number from 1 to 999, found 'first'"),
    "wrong type list": (with_line("title", "[a, b]"), "1:8", "'title': expected text, found a list"),
    "bad choice": (with_line("tone", "gentle"), "3:7", "'tone': expected one of soft, direct; found 'gentle'"),
    "unknown audience": (with_line("audience", "hiring-manger"), "4:11", "recruiter, hiring-manager, peer, panel, executive, any; found 'hiring-manger'. Did you mean 'hiring-manager'?"),
    "missing audience": (with_line("audience", None), "1:1", "missing required key 'audience' (Whom the script is for"),
    "missing put-off reply": (with_line("if_put_off", None), "1:1", "missing required key 'if_put_off' (What to say when they put the decision off"),
    "unknown idea": (with_line("idea", "three-reason"), "5:7", "unknown idea 'three-reason'. Did you mean 'three-reasons'?"),
    "unknown blank": (with_line("close", "Can we meet {intervewer_name}?"), "7:20", "unknown blank '{intervewer_name}'. Did you mean 'interviewer_name'? The blanks are: {answer_a},"),
    "unknown blank, nothing close": (with_line("close", "Can we meet {zebra}?"), "7:20", "'close': unknown blank '{zebra}'. The blanks are: {answer_a}, {answer_b},"),
    "draft marker": ("draft: true\n" + GOOD, "1:1", "'draft': this file is still a draft from `make new-script`; once every text in it is your own, delete this line."),
    "placeholder capitals": (with_line("close", "Can we meet, {Name}?"), "7:21", "'{Name}' is not a valid blank; blank ids are lowercase words joined by underscores, like {name}"),
    "placeholder spaces": (with_line("close", "Can we meet, { role }?"), "7:21", "blank '{ role }' has spaces inside the braces; write {role}"),
    "placeholder unclosed": (with_line("close", "Can we meet, {role?"), "7:21", "has a '{' that is never closed"),
    "stray closing brace": (with_line("close", "Can we meet, role}?"), "7:25", "has a '}' with no '{' before it"),
    "jinja expression": (with_line("close", "'Can we {{ 7*7 }} meet?'"), "7:16", "contains '{{', which the site reserves for its own templates"),
    "jinja statement": (with_line("if_yes", "'Great {% if x %} yes'"), "8:16", "contains '{%'"),
    "jinja comment": (with_line("if_no", "'Thanks {# note #}'"), "11:16", "contains '{#'"),
    "raw html": (with_line("opener", "Thank you <b>so much</b>."), "6:19", "contains HTML ('<b...'); script text is plain text"),
    "not utf-8": (GOOD.replace("A good script", "A caf\u00e9 script").encode("latin-1"), "1:13", "byte 0xe9 is not UTF-8 text"),
    "nul character": (with_line("title", "A good\x00 script"), "1:14", "character U+0000 (NUL, a control character) is not allowed in a YAML file"),
    "bel character": (with_line("close", "Can we book {next_step}?\x07"), "7:32", "character U+0007 (BEL, a control character) is not allowed"),
    "esc character": (with_line("if_no", "\x1b[31mThank you."), "11:8", "character U+001B (ESC, a control character) is not allowed"),
    "c1 control character": (with_line("if_yes", "Great,\x9b thank you."), "8:15", "character U+009B (a control character) is not allowed"),
    "noncharacter": (with_line("opener", "Thank you.\uffff"), "6:19", "character U+FFFF (not a character) is not allowed"),
    "too big": (GOOD + "# " + "x" * 20_000 + "\n", "1:1", "the limit is 16,000"),
    "two documents": (GOOD + "---\ntitle: Second\n", "12:1", "a second YAML document"),
}


# --- translations ----------------------------------------------------------------------


def undraft(path: Path, **texts: str) -> None:
    """A translator's edit: the draft line gone, some texts rewritten (a value of None drops the key)."""
    text = re.sub(r"(?m)^draft: true.*\n", "", path.read_text(encoding="utf-8"))
    for key, value in texts.items():
        text = re.sub(rf"(?m)^{key}: (>-\n(?:  .*\n)+|.*\n)", "" if value is None else f"{key}: {value}\n", text)
    path.write_text(text, encoding="utf-8")


def line_col(path: Path, needle: str) -> str:
    text = path.read_text(encoding="utf-8")
    index = text.index(needle)
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


# --- a built page's <head> (the static gates and the language tests) ---------------------------


class Head(HTMLParser):
    """The start tags of <head> in order, with their attributes, and the <title> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._where = None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._where = "head"
        elif self._where in ("head", "title"):
            self.tags.append((tag, {name: value or "" for name, value in attrs}))
            if tag == "title":
                self._where = "title"

    def handle_endtag(self, tag):
        if tag == "title" and self._where == "title":
            self._where = "head"
        elif tag == "head":
            self._where = "done"

    def handle_data(self, data):
        if self._where == "title":
            self.title += data


def read_head(html: str) -> Head:
    head = Head()
    head.feed(html)
    return head


def meta(head: Head, **match: str) -> str | None:
    """The content of the first <meta> whose attributes match (e.g. name="description")."""
    for tag, attrs in head.tags:
        if tag == "meta" and all(attrs.get(key) == value for key, value in match.items()):
            return attrs.get("content")
    return None


def page_file(site: Path, path: str) -> Path:
    return site / "404.html" if path == NOT_FOUND else site / path / "index.html"
