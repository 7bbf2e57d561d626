"""The local server of `make audit` and `make bench` gzips text as the real host does, and the audit prints the Performance page's figures."""

from __future__ import annotations

import gzip
import urllib.request

from tools.lighthouse import audit
from tools.site_server import serve


def fetch(url: str, accept_gzip: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers), response.read()


def test_text_is_served_gzipped_when_asked_and_plain_otherwise(tmp_path):
    page = "<!doctype html><title>x</title>" + "<p>close the interview</p>" * 200
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "icon.png").write_bytes(b"\x89PNG not text")
    with serve(tmp_path) as base:
        headers, body = fetch(base + "scripts/", accept_gzip=True)
        assert headers["Content-Encoding"] == "gzip"
        assert int(headers["Content-Length"]) == len(body) < len(page)
        assert gzip.decompress(body).decode("utf-8") == page
        headers, body = fetch(base + "scripts/", accept_gzip=False)
        assert "Content-Encoding" not in headers
        assert body.decode("utf-8") == page
        headers, body = fetch(base + "icon.png", accept_gzip=True)
        assert "Content-Encoding" not in headers
        assert body == b"\x89PNG not text"


def test_make_audit_serves_through_the_benchmarks_server():
    assert audit.serve is serve


def test_the_audit_table_prints_the_performance_figures_of_the_performance_page():
    metrics = {"first-contentful-paint": "1.6\xa0s", "largest-contentful-paint": "1.7\xa0s", "total-blocking-time": "10\xa0ms", "cumulative-layout-shift": "0", "speed-index": "1.6\xa0s"}
    results = [{"path": "/scripts/phone/", "scores": {"performance": 0.99, "accessibility": 1, "best-practices": 1, "seo": 1}, "metrics": metrics}]
    row = audit.table(results).splitlines()[1]
    assert row.startswith("/scripts/phone/")
    assert row.split()[1:5] == ["0.99", "1.00", "1.00", "1.00"]
    assert row.endswith("FCP 1.6\xa0s, LCP 1.7\xa0s, TBT 10\xa0ms, CLS 0, SI 1.6\xa0s")
