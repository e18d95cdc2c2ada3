"""A local HTTP server for the English-website checker's tests (on 127.0.0.1, never the internet): pages in
English and in Turkish, old and fresh Last-Modified dates, a 404, redirects (one to a Turkish page, one loop) and
a page that answers only after the check's timeout (it waits on an event the fixture sets when the test ends)."""

from __future__ import annotations

import email.utils
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ENGLISH = b'<!doctype html><html lang="en"><head><title>Ministry</title></head><body>Welcome</body></html>'
TURKISH = b'<!doctype html><html lang="tr"><head><title>Bakanlik</title></head><body>Hos geldiniz</body></html>'
NO_LANG = b"<!doctype html><html><head><title>Ministry</title></head><body>Welcome</body></html>"
TWO_YEARS = 2 * 365 * 24 * 3600


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    release: threading.Event  # set by the fixture

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        fresh = email.utils.formatdate(time.time() - 3600, usegmt=True)
        old = email.utils.formatdate(time.time() - TWO_YEARS, usegmt=True)
        routes = {
            "/en": (200, ENGLISH, {"Last-Modified": fresh}),
            "/old": (200, ENGLISH, {"Last-Modified": old}),
            "/tr": (200, TURKISH, {}),
            "/missing": (404, b"not here", {}),
            "/broken": (500, b"oops", {}),
            "/moved": (302, b"", {"Location": "/tr"}),
            "/moved-en": (301, b"", {"Location": "/en"}),
            "/loop": (302, b"", {"Location": "/loop"}),
            "/header-en-page-tr": (200, TURKISH, {"Content-Language": "en"}),
            "/header-ru": (200, NO_LANG, {"Content-Language": "ru"}),
            "/header-en": (200, NO_LANG, {"Content-Language": "tr, en"}),
        }
        if self.path == "/slow":
            self.release.wait(30)  # longer than any check's timeout; released when the test ends
            self._send(200, ENGLISH)
            return
        if self.path == "/big":
            self._send(200, b"<html>" + b" " * 2_000_000 + b'<html lang="tr">')
            return
        status, body, headers = routes.get(self.path, (404, b"", {}))
        self._send(status, body, headers)


@pytest.fixture
def website_server(settings):
    """The server's base address (http://127.0.0.1:PORT); the checker may reach 127.0.0.1 only, with a short
    timeout."""
    release = threading.Event()
    handler = type("BoundHandler", (Handler,), {"release": release})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GUIDES_WEBSITE_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.GUIDES_WEBSITE_CHECK_TIMEOUT = 1.0
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
