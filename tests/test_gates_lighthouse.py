"""Lighthouse (the pinned npm package, Debian's Chromium) scores 1.00 for accessibility, best
practices and SEO on the home page and every script page: the same run as `make audit`."""

from __future__ import annotations

import pytest

from tools.lighthouse.audit import GATED, METRICS, audited_paths, below_full_marks, run_lighthouse, table

pytestmark = pytest.mark.browser


def test_audited_pages_are_the_home_page_and_every_script_page_in_every_language(library):
    paths = audited_paths()
    assert paths[0] == ""
    for language in ("", "es/"):
        assert {f"{language}scripts/{setting.id}/" for setting in library.settings} | {language} <= set(paths)


def test_the_gate_reports_every_category_below_full_marks():
    results = [
        {"path": "/", "runtimeError": None, "scores": {"accessibility": 1, "best-practices": 0.96, "seo": 1},
         "failing": {"accessibility": [], "best-practices": ["errors-in-console: Browser errors were logged"], "seo": []}},
        {"path": "/x/", "runtimeError": "NO_FCP", "scores": {"accessibility": None, "best-practices": 1, "seo": 1},
         "failing": {"accessibility": [], "best-practices": [], "seo": []}},
    ]
    lines = below_full_marks(results)
    assert "/: best-practices 0.96: errors-in-console: Browser errors were logged" in lines
    assert any(line.startswith("/x/: Lighthouse could not audit the page: NO_FCP") for line in lines)
    assert any(line.startswith("/x/: accessibility error") for line in lines)


def test_lighthouse_scores_full_marks_on_the_home_page_and_every_script_page(audited_site):
    site, port = audited_site
    results = run_lighthouse(site, audited_paths(), port=port)
    print(table(results))
    assert [entry["path"] for entry in results] == ["/" + path for path in audited_paths()]
    assert below_full_marks(results) == []
    for entry in results:
        assert all(entry["scores"][category] == 1 for category in GATED), entry
        assert set(METRICS) <= set(entry["metrics"]), entry  # the Performance page's figures, for every page
