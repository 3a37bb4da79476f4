"""factdesk never reaches the network by itself; tests/conftest.py blocks (and counts) every
non-local connection and name look-up for the whole test session."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from factdesk.core.importing import import_files
from factdesk.core.store import Review

REMOTE_PAGE = """<!DOCTYPE html><html><head>
<title>Bridge closes for six weeks</title>
<link rel="stylesheet" href="http://cdn.example.com/site.css">
<link rel="preload" href="https://fonts.example.net/font.woff2" as="font">
<link rel="canonical" href="https://news.example.org/bridge">
<script src="http://tracker.example.com/t.js"></script>
<script src="//ads.example.com/ads.js" async></script>
<meta property="og:image" content="https://images.example.com/og.jpg">
<base href="http://base.example.com/">
</head><body>
<iframe src="https://video.example.com/embed/1"></iframe>
<article><h1>Bridge closes for six weeks</h1>
<p>The Harbour Bridge will close for six weeks from Monday, the city council said on Tuesday.</p>
<img src="http://images.example.com/bridge.jpg" srcset="https://images.example.com/b2.jpg 2x">
<p>Engineers found cracked bearings on the eastern span during a routine inspection.</p>
<picture><source srcset="https://images.example.com/b.webp"><img src="b.jpg"></picture>
<video src="http://video.example.com/clip.mp4" poster="http://images.example.com/p.jpg"></video>
<p>Ferry operators said they would add sailings while the bridge stays closed to traffic.</p>
<object data="http://plugins.example.com/x.swf"></object><embed src="http://x.example.com/e">
<p style="background:url(http://bg.example.com/bg.png)">Read more at
<a href="https://news.example.org/more">our site</a>.</p>
</article></body></html>
"""


def test_the_guard_blocks_and_counts_remote_access(network_attempts: list[str]) -> None:
    with pytest.raises(RuntimeError, match="network access attempted"):
        socket.create_connection(("example.com", 80), timeout=1)
    with pytest.raises(RuntimeError, match="network access attempted"):
        socket.getaddrinfo("example.com", 443)
    with socket.socket() as sock, pytest.raises(RuntimeError, match="network access"):
        sock.connect(("93.184.216.34", 80))
    with socket.socket() as sock, pytest.raises(RuntimeError, match="network access"):
        sock.connect_ex(("2606:2800:220:1:248:1893:25c8:1946", 80, 0, 0))
    assert len(network_attempts) == 4


def test_local_sockets_stay_allowed(network_attempts: list[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        accepted = threading.Thread(target=lambda: server.accept()[0].close())
        accepted.start()
        with socket.create_connection(("localhost", port), timeout=5):
            pass
        accepted.join(5)
    left, right = socket.socketpair()  # AF_UNIX
    left.close()
    right.close()
    assert network_attempts == []


def test_importing_a_page_full_of_remote_resources_fetches_nothing(
    tmp_path: Path, network_attempts: list[str]
) -> None:
    page = tmp_path / "remote.html"
    page.write_text(REMOTE_PAGE, encoding="utf-8")
    with Review.open(tmp_path / "r.factdesk", create=True) as review:
        report = import_files(review, [page])
        assert not report.problems
        passages = review.passages()
    assert network_attempts == []
    assert passages and not any("example." in p.text for p in passages)
    assert any("cracked bearings" in p.text for p in passages)
