"""`make serve` really serves the site at the root of its address, as the README says."""

from __future__ import annotations

from helpers import dev_server


def test_dev_server_serves_script_pages_at_the_root():
    with dev_server(timeout=60) as (_address, body):
        assert 'class="ns-script"' in body
