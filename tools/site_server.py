"""A local server for a built site that gzips text as the real host (GitHub Pages) does.

`make bench` and `make audit` both serve through it, so the Lighthouse figures they
print are measured over the same transfer a reader gets.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GZIP_LEVEL = 6  # zlib's default, and what common static servers use
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzipped when the browser asks; everything else as the standard handler does."""

    cache: dict[Path, bytes] = {}

    def log_message(self, *args):  # keep the callers' output readable
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED_SUFFIXES or not path.is_file():
            return super().do_GET()
        if path not in self.cache:
            self.cache[path] = gzipped(path.read_bytes())
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the browser dropped the request (its page closed mid-load): nothing to report
            pass


def free_port() -> int:
    """A port free now on 127.0.0.1: a site is built for its address on it, then served there."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path, port: int = 0):
    """Serve a built site on 127.0.0.1 (on `port`, else any free one), gzip included; yields its base URL (ending in /)."""
    handler = type("Handler", (_GzipHandler,), {"cache": {}})  # a fresh cache per site
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
