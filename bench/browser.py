"""Figures 4 and 5: bytes Chromium loads per page, and keystroke-to-blanks latency in the details panel."""

from __future__ import annotations

import contextlib
import os
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from tools.site_build import LANGUAGES
from tools.site_server import gzipped

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
KINDS = ("html", "css", "js", "font", "image", "other")
_BY_TYPE = {"document": "html", "stylesheet": "css", "script": "js", "font": "font", "image": "image"}
_BY_SUFFIX = {".html": "html", ".css": "css", ".js": "js", ".woff2": "font", ".woff": "font", ".ttf": "font", ".svg": "image", ".png": "image", ".jpg": "image", ".webp": "image", ".ico": "image"}


def chromium_path() -> str | None:
    """Debian's chromium where installed (or CHROMIUM_PATH); otherwise Playwright's own."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@contextlib.contextmanager
def chromium():
    """Playwright's Chromium (Debian's binary where there is one); yields the browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def gzipped_size(body: bytes) -> int:
    return len(gzipped(body))  # as the local server sends it


@dataclass
class Weight:
    """Bytes of one kind of resource: raw as served, and gzipped here."""

    raw: int = 0
    gz: int = 0

    def add(self, body: bytes) -> None:
        self.raw += len(body)
        self.gz += gzipped_size(body)


@dataclass
class PageWeight:
    path: str
    kinds: dict[str, Weight] = field(default_factory=lambda: {kind: Weight() for kind in KINDS})
    project: dict[str, Weight] = field(default_factory=lambda: {"css": Weight(), "js": Weight()})
    project_other: Weight = field(default_factory=Weight)  # project fonts or images, if any
    files: list[tuple[str, str, int, int, bool]] = field(default_factory=list)  # url path, kind, raw, gz, project's own

    @property
    def project_gz(self) -> int:
        return sum(w.gz for w in self.project.values()) + self.project_other.gz

    @property
    def theme_gz(self) -> int:
        """What Material itself loads: every asset but the page's HTML and the project's own files."""
        return sum(w.gz for kind, w in self.kinds.items() if kind != "html") - self.project_gz


def kind_of(resource_type: str, path: str) -> str:
    suffix = Path(path).suffix.lower()
    return _BY_TYPE.get(resource_type) or _BY_SUFFIX.get(suffix, "other")


def is_project_file(path: str, docs_dir: Path) -> bool:
    """A served file copied from docs/ (docs/assets/...), rather than generated or from the theme.

    Another language's site, under <lang>/, serves the same files: translations/<lang>/docs/assets links to docs/assets.
    """
    relative = path.lstrip("/")
    language, _, rest = relative.partition("/")
    if language in LANGUAGES[1:]:
        relative = rest
    return bool(relative) and not relative.endswith((".html", "/")) and (docs_dir / relative).is_file()


def page_weights(browser, base_url: str, paths: list[str], docs_dir: Path) -> list[PageWeight]:
    """Load each page cold, in its own context, and add up every response body by kind."""
    results = []
    for path in paths:
        # No service worker: the page's own weight; the offline copy it downloads afterwards is figure 7.
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, service_workers="block")
        responses = []
        # A lambda, not responses.append: Playwright cannot wrap a built-in method as a handler.
        context.on("response", lambda response, responses=responses: responses.append(response))
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        weight = PageWeight(path or "/")
        seen = set()
        for response in responses:
            url = urlparse(response.url)
            if url.scheme not in ("http", "https") or response.url in seen or response.status >= 300:
                continue
            seen.add(response.url)
            try:
                body = response.body()
            except Exception:  # a body the browser dropped (an aborted prefetch) was not loaded
                continue
            kind = kind_of(response.request.resource_type, url.path)
            weight.kinds[kind].add(body)
            own = is_project_file(url.path, docs_dir)
            if own:
                (weight.project[kind] if kind in weight.project else weight.project_other).add(body)
            weight.files.append((url.path, kind, len(body), gzipped_size(body), own))
        results.append(weight)
        context.close()
    return results


@dataclass
class Keystrokes:
    samples: list[float]  # milliseconds, one per keystroke
    blank_id: str
    blank_count: int
    problem: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


_INSTRUMENT = """
(blankId) => {
  const input = document.querySelector(`.ns-details input[data-blank="${blankId}"]`);
  const blanks = Array.from(document.querySelectorAll(`.ns-blank[data-blank="${blankId}"]`));
  const bench = { samples: [], wrong: 0, start: null, paused: false };
  window.__nsBench = bench;
  // Capture phase on window: the earliest point a page script can see the keystroke.
  window.addEventListener("keydown", () => { if (!bench.paused) bench.start = performance.now(); }, true);
  document.addEventListener("next-step:details-changed", () => {
    if (bench.start === null) return;
    const elapsed = performance.now() - bench.start;
    bench.start = null;
    const want = input.value.trim();
    const updated = blanks.every((el) => want ? el.textContent === want : el.textContent === `[${el.dataset.label}]`);
    if (updated) bench.samples.push(elapsed); else bench.wrong += 1;
  });
  return blanks.length;
}
"""


def keystroke_latency(browser, url: str, keystrokes: int) -> Keystrokes:
    """Type into the details panel field whose blank appears most often; time each keystroke to its update."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        counts = Counter(page.eval_on_selector_all(".ns-blank[data-blank]", "els => els.map(el => el.dataset.blank)"))
        if not counts:
            return Keystrokes([], "", 0, "the page has no .ns-blank")
        blank_id, _ = counts.most_common(1)[0]
        field_selector = f'.ns-details input[data-blank="{blank_id}"]'
        panel = page.locator(".ns-details")
        if panel.count() == 0 or not panel.first.is_visible():
            return Keystrokes([], blank_id, counts[blank_id], "the details panel is not shown (details.js has not revealed it)")
        box = page.locator(".ns-details details")
        if box.count() and not box.first.evaluate("el => el.open"):
            box.first.locator("summary").click()
        blank_count = page.evaluate(_INSTRUMENT, blank_id)
        field_input = page.locator(field_selector)
        field_input.click()
        letters = "abcdefghijklmnopqrstuvwxyz"
        for index in range(keystrokes):
            if index and index % 20 == 0:  # start again from an empty field, untimed
                page.evaluate("() => { window.__nsBench.paused = true; window.__nsBench.start = null; }")
                field_input.fill("")
                page.wait_for_timeout(50)
                page.evaluate("() => { window.__nsBench.paused = false; }")
            before = page.evaluate("() => window.__nsBench.samples.length + window.__nsBench.wrong")
            page.keyboard.press(letters[index % 26])
            try:
                page.wait_for_function(f"() => window.__nsBench.samples.length + window.__nsBench.wrong > {before}", timeout=3000)
            except Exception:
                return Keystrokes([], blank_id, blank_count, "no next-step:details-changed event within 3 s of a keystroke")
        result = page.evaluate("() => window.__nsBench")
        if result["wrong"]:
            return Keystrokes(result["samples"], blank_id, blank_count, f"{result['wrong']} of {keystrokes} updates left some blank unchanged")
        return Keystrokes(result["samples"], blank_id, blank_count)
    finally:
        context.close()
