"""Run axe-core (the copy shipped in the axe-playwright-python package) on a Playwright page."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

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
