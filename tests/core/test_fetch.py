"""Import by URL against a real HTTP server on 127.0.0.1: captures, redirects, every failure
with its own message, a slow page, a 5 MB page, cancel."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from localweb import Page, article_page

from factdesk.cli.main import main
from factdesk.core.importing import import_files
from factdesk.core.progress import Cancelled, CancelToken
from factdesk.core.read.fetch import FetchError, fetch_url, is_url
from factdesk.core.store import Review

PARAGRAPHS = [
    "The Harbour Bridge will close for six weeks from Monday, the city council said on Tuesday.",
    "Engineers found cracked bearings on the eastern span during a routine inspection last month.",
    "Ferry operators said they would add sailings while the bridge stays closed to traffic.",
    "The council expects the repairs to cost about 12 million dollars, a spokesperson said.",
]


def test_a_page_is_imported_with_its_capture_kept(local_web, tmp_path: Path) -> None:
    page = article_page("Bridge closes for six weeks", PARAGRAPHS)
    local_web.pages["/news/bridge"] = Page(page, headers={"X-Edition": "city"})
    local_web.redirect("/b", "/news/bridge", status=301)
    with Review.open(tmp_path / "r.factdesk", create=True) as review:
        report = import_files(review, [local_web.url("/b")])
        assert not report.problems and len(report.added) == 1
        article = review.articles()[0]
        assert article.path == local_web.url("/b")
        assert article.title == "Bridge closes for six weeks"
        assert any("cracked bearings" in p.text for p in review.passages())
        (capture,) = review.captures(article.id)
        assert capture.version == 1
        assert capture.final_url == local_web.url("/news/bridge")
        assert capture.status == 200 and capture.http_date  # the server's Date header
        assert ("x-edition", "city") in [(k.lower(), v) for k, v in capture.headers]
        assert review.capture_content(capture.id) == page  # the raw bytes, as served
        assert capture.text == article.text
        assert capture.fetched_at.startswith("20")


def test_a_gzip_page_is_stored_decompressed(local_web, tmp_path: Path) -> None:
    page = article_page("Bridge closes", PARAGRAPHS)
    local_web.pages["/z"] = Page(page, gzip=True)
    capture = fetch_url(local_web.url("/z"))
    assert capture.content == page


@pytest.mark.parametrize(
    ("path", "page", "reason"),
    [
        ("/gone", None, "page not found (HTTP 404)"),
        ("/login", Page(b"no", status=403), "HTTP 403"),
        ("/paid", Page(b"pay", status=402), "paywall"),
        ("/boom", Page(b"oops", status=503), "server error (HTTP 503"),
        ("/doc.pdf", Page(b"%PDF-1.7 ...", content_type="application/pdf"), "a PDF document"),
        ("/pic", Page(b"\x89PNG\r\n\x1a\n", content_type="image/png"), "an image"),
    ],
)
def test_each_failure_gets_its_own_message(local_web, path, page, reason) -> None:
    if page is not None:
        local_web.pages[path] = page
    with pytest.raises(FetchError) as caught:
        fetch_url(local_web.url(path))
    assert reason in caught.value.reason
    assert caught.value.url == local_web.url(path)


def test_a_redirect_loop_stops_at_the_limit(local_web) -> None:
    local_web.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(local_web.url("/loop"), max_redirects=3)
    assert local_web.hits["/loop"] == 4  # the first request and three redirects, no more


def test_a_slow_page_times_out_with_a_message(local_web) -> None:
    local_web.pages["/slow"] = Page(article_page("Slow", PARAGRAPHS), delay=30)
    with pytest.raises(FetchError, match="stopped sending for more than 0.3 s"):
        fetch_url(local_web.url("/slow"), read_timeout=0.3)


def test_a_page_over_5_mb_is_refused_while_streaming(local_web) -> None:
    big = b"<html><body>" + b"<p>" + b"word " * (1_100_000) + b"</p></body></html>"
    assert len(big) > 5 * 1024 * 1024
    local_web.pages["/big"] = Page(big)
    with pytest.raises(FetchError, match="too large"):
        fetch_url(local_web.url("/big"))
    # a gzip bomb is cut after decompression, not by its small compressed size
    local_web.pages["/bomb"] = Page(big, gzip=True)
    with pytest.raises(FetchError, match="too large"):
        fetch_url(local_web.url("/bomb"))


def test_nothing_listening_and_a_wrong_scheme(local_web) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: the connection is refused
        with pytest.raises(FetchError, match="refused the connection"):
            fetch_url(f"http://127.0.0.1:{port}/x")
    with pytest.raises(FetchError, match="not a web address"):
        fetch_url("ftp://127.0.0.1/file.txt")
    assert is_url("https://example.org/a") and not is_url("story.html")


def test_https_to_a_plain_http_server_is_a_tls_failure(local_web) -> None:
    local_web.pages["/a"] = Page(article_page("A", PARAGRAPHS))
    with pytest.raises(FetchError, match="secure connection"):
        fetch_url(local_web.url("/a").replace("http://", "https://"))


def test_an_unknown_server_name_is_a_dns_failure(monkeypatch) -> None:
    """What the system resolver says for a name that does not exist (the test never resolves
    a real name: the look-up is replaced by its failure)."""

    def no_such_name(address, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", no_such_name)
    with pytest.raises(FetchError, match="server name could not be found"):
        fetch_url("http://no-such-host.invalid/story")


def test_cancel_stops_a_download(local_web) -> None:
    local_web.pages["/long"] = Page(b"<html><body><p>" + b"x " * 2_000_000 + b"</p>")
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append(done)
        if done > 300_000:
            token.cancel()

    with pytest.raises(Cancelled):
        fetch_url(local_web.url("/long"), progress=progress, cancel=token)
    assert seen and max(seen) < 4_000_000  # stopped well before the end


def test_paywall_stub_is_named(local_web, tmp_path: Path) -> None:
    stub = b"""<!DOCTYPE html><html><head><title>Council budget</title>
<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": "False"}
</script></head><body><article><h1>Council budget</h1>
<p>Subscribe to continue reading.</p></article></body></html>"""
    local_web.pages["/stub"] = Page(stub)
    with Review.open(tmp_path / "r.factdesk", create=True) as review:
        report = import_files(review, [local_web.url("/stub")])
    assert [p.reason for p in report.problems][0].startswith("only a paywall stub")


def test_cli_new_and_add_take_urls_and_files(local_web, tmp_path: Path, capsys) -> None:
    local_web.pages["/one"] = Page(article_page("Bridge closes for six weeks", PARAGRAPHS))
    other = tmp_path / "other.txt"
    other.write_text(
        "Bridge shut for repairs\n\nThe bridge will shut for six weeks, the council said.\n",
        encoding="utf-8",
    )
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), local_web.url("/one"), str(other)]) == 0
    status = main(["add", str(review), local_web.url("/missing")])
    err = capsys.readouterr().err
    assert status == 1
    assert f"error: {local_web.url('/missing')}: page not found (HTTP 404)" in err
    assert main(["info", str(review), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    web = [a for a in info["articles"] if a["path"].startswith("http")]
    assert len(web) == 1 and web[0]["url"] == local_web.url("/one")
    assert web[0]["version"] == 1 and web[0]["fetched_at"]


def test_passages_and_info_show_a_web_page_and_its_warning(local_web, tmp_path, capsys) -> None:
    local_web.pages["/status"] = Page(
        b"<!DOCTYPE html><html><head><title>Service status</title>"
        b'<meta property="og:type" content="website"></head><body><main>'
        b"<p>All systems operational.</p><ul><li>API: operational</li>"
        b"<li>Website: operational</li><li>Payments: operational</li></ul></main></body></html>")
    assert main(["passages", local_web.url("/status")]) == 0
    out = capsys.readouterr().out
    assert "warning: does not look like an article" in out
    assert main(["passages", local_web.url("/nothing-here")]) == 2
    assert f"error: {local_web.url('/nothing-here')}: page not found (HTTP 404)" in (
        capsys.readouterr().err)
    review = tmp_path / "s.factdesk"
    assert main(["new", str(review), local_web.url("/status")]) == 0
    capsys.readouterr()
    assert main(["info", str(review)]) == 0
    out = capsys.readouterr().out
    assert "version 1, captured 20" in out and "warning: does not look like an article" in out
