"""A real HTTP server on the loopback interface, for the web import tests (never the internet).

Each route is a :class:`Page` (status, headers, body, an optional delay before the body, an
optional chunked drip); tests change ``server.pages`` between two fetches to play a page edited
after publication. Real sockets, real redirects, real timeouts.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait after the headers, before the body
    gzip: bool = False


class LocalWeb:
    """The running server: ``url(path)`` builds an address, ``pages`` maps paths to pages."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.hits: dict[str, int] = {}
        self.stop = threading.Event()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?", 1)[0]
                web.hits[path] = web.hits.get(path, 0) + 1
                page = web.pages.get(path, Page(b"<h1>Not found</h1>", status=404))
                body = gzip.compress(page.body) if page.gzip else page.body
                self.send_response(page.status)
                if page.content_type:
                    self.send_header("Content-Type", page.content_type)
                if page.gzip:
                    self.send_header("Content-Encoding", "gzip")
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if page.delay and web.stop.wait(page.delay):
                    return
                try:
                    for at in range(0, len(body), 256 * 1024):
                        self.wfile.write(body[at : at + 256 * 1024])
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.pages[path] = Page(b"", status=status, headers={"Location": to})


def serve() -> Iterator[LocalWeb]:
    """The body of the ``local_web`` fixture (tests/conftest.py): start, yield, stop."""
    web = LocalWeb()
    web.thread.start()
    try:
        yield web
    finally:
        web.stop.set()
        web.server.shutdown()
        web.server.server_close()
        web.thread.join(5)


def article_page(title: str, paragraphs: list[str], extra_head: str = "") -> bytes:
    """A plain news page: navigation, the article, a footer (all invented text)."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Harbour Herald">{extra_head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer><p>© Harbour Herald. All rights reserved.</p></footer>
</body></html>""".encode()
