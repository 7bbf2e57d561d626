"""`make serve` really serves the site at the root of its address, as the README says."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dev_server_serves_script_pages_at_the_root():
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NEXT_STEP_SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/scripts/phone/", timeout=5) as response:
                    body = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, server.stderr.read()
        assert 'class="ns-script"' in body
    finally:
        server.terminate()
        server.wait(timeout=10)
