"""Fetching one web page for import: the bytes, where they finally came from, and when.

A fact-checker gets articles as links. This module turns a link into a :class:`Capture` — the
raw bytes exactly as served, the final URL after redirects, the HTTP status, date and headers,
and the time of the fetch — or refuses it with :class:`FetchError`, whose ``reason`` says what
went wrong in words a reviewer can act on (the server name does not exist, the certificate is
not valid, the page is gone, it is a PDF...).

httpx does the HTTP (timeouts, a redirect limit, decompression, TLS); it is imported inside
:func:`fetch_url` so that commands which never fetch do not pay for loading it. The body is
streamed and cut off at :data:`MAX_BYTES` *after* decompression, so a compressed bomb cannot
fill the memory, and the cancel token is checked between chunks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from factdesk.core.progress import CancelToken, Progress, no_progress

__all__ = [
    "MAX_BYTES",
    "Capture",
    "FetchError",
    "fetch_url",
    "is_url",
]

MAX_BYTES = 5 * 1024 * 1024  # the same cap as a file on disk (ingest.MAX_TEXT_BYTES)
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
MAX_REDIRECTS = 8
_CHUNK = 64 * 1024
USER_AGENT = "factdesk (desktop fact-checking review; fetches one page when asked)"

# Content types that can hold an article; anything else (PDF, images, JSON APIs) is refused by
# name. A missing type is allowed: ingest sniffs the bytes and refuses binaries itself.
_TEXTUAL = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "application/xml",
    "text/xml",
)
_KNOWN_TYPES = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/octet-stream": "a binary download",
}


@dataclass(frozen=True, slots=True)
class Capture:
    """One fetch of a page, kept with the review as the record of what the page said.

    ``url`` is the address as the reviewer gave it; ``final_url`` where the redirects ended.
    ``http_date`` is the server's ``Date`` header as ISO time (None when it sent none);
    ``fetched_at`` our clock, ISO UTC. ``headers`` are the final response's headers in order.
    """

    url: str
    final_url: str
    status: int
    content: bytes
    fetched_at: str
    http_date: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str = ""
    charset: str | None = None  # from the Content-Type header, if the server named one
    redirects: tuple[str, ...] = field(default=())  # the addresses passed through on the way


class FetchError(Exception):
    """A page that could not be fetched; ``str(e)`` names the address and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_url(text: str) -> bool:
    """Does the command-line argument or dropped text name a web page (http/https)?"""
    return bool(_SCHEME_RE.match(text.strip())) and urlsplit(text.strip()).scheme.lower() in (
        "http",
        "https",
    )


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, "not a web address (only http:// and https:// pages are fetched)")
    if not parts.hostname:
        raise FetchError(url, "the address names no server")
    return url


def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    connect_timeout: float = CONNECT_TIMEOUT,
    read_timeout: float = READ_TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Capture:
    """Fetch one page; raise :class:`FetchError` with a clear reason, or ``Cancelled``."""
    import httpx  # lazily: see the module docstring

    url = _check_url(url)
    timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    }
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=max_redirects,
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check_response(url, response)
            content = _read_body(url, response, max_bytes, progress, cancel)
            return _capture(url, response, content)
    except FetchError:
        raise
    except httpx.TooManyRedirects:
        raise FetchError(url, f"too many redirects (more than {max_redirects})") from None
    except httpx.ConnectTimeout:
        raise FetchError(
            url, f"the server did not answer within {connect_timeout:g} s (connection timed out)"
        ) from None
    except httpx.TimeoutException:
        raise FetchError(
            url, f"the server stopped sending for more than {read_timeout:g} s (timed out)"
        ) from None
    except httpx.UnsupportedProtocol:
        raise FetchError(url, "a redirect led to an address that is not a web page") from None
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"not a valid web address ({exc})") from None
    except httpx.DecodingError:
        raise FetchError(url, "the server sent a damaged compressed response") from None
    except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError) as exc:
        raise FetchError(url, _connect_reason(exc)) from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"the page could not be fetched ({exc})") from None


def _connect_reason(exc: Exception) -> str:
    """DNS, TLS, refused, reset: what failed, found from the exception chain."""
    import socket
    import ssl

    seen: Exception | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return "the server name could not be found (DNS); check the address"
        if isinstance(seen, ssl.SSLCertVerificationError):
            return (
                "the secure connection failed: the site's certificate is not valid "
                f"({seen.verify_message or seen})"
            )
        if isinstance(seen, ssl.SSLError):
            return "the secure connection (TLS) failed; the site may not serve https here"
        if isinstance(seen, ConnectionRefusedError):
            return "the server refused the connection (nothing answers at that address)"
        if isinstance(seen, ConnectionResetError):
            return "the server closed the connection"
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    text = str(exc).lower()
    if "name or service not known" in text or "nodename nor servname" in text:
        return "the server name could not be found (DNS); check the address"
    if "ssl" in text or "certificate" in text or "tls" in text:
        return "the secure connection (TLS) failed"
    if "refused" in text:
        return "the server refused the connection (nothing answers at that address)"
    return f"the connection failed ({exc})"


_STATUS_REASONS = {
    401: "the page needs a login (HTTP 401)",
    402: "the page is behind a paywall (HTTP 402); save it from a browser where you are "
    "logged in and import the file",
    403: "the server refused access (HTTP 403): the page may need a login or a subscription, "
    "or the site blocks programs; save it from a browser and import the file",
    404: "page not found (HTTP 404); check the address",
    410: "the page was removed (HTTP 410)",
    429: "the site asks to slow down (HTTP 429 too many requests); try again later",
}


def _check_response(url: str, response) -> None:  # noqa: ANN001 - httpx.Response
    status = response.status_code
    if status >= 400:
        reason = _STATUS_REASONS.get(status)
        if reason is None:
            phrase = response.reason_phrase or ""
            where = "server error" if status >= 500 else "the server refused the request"
            reason = f"{where} (HTTP {status}{' ' + phrase if phrase else ''})"
        raise FetchError(url, reason)
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and not kind.startswith(_TEXTUAL) and not kind.startswith("text/"):
        what = _KNOWN_TYPES.get(kind)
        if what is None:
            major = kind.split("/")[0]
            what = {"image": "an image", "audio": "audio", "video": "a video"}.get(
                major, f"content of type {kind}"
            )
        raise FetchError(url, f"not a web page: the address serves {what} ({kind})")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BYTES * 4:
        # A declared size far over the cap (compressed bodies may grow 4x and more): refuse
        # before reading; the streamed check below catches every other oversize page.
        raise FetchError(url, _too_big(int(length)))


def _too_big(size: int | None) -> str:
    shown = f"{size / 1024 / 1024:.1f} MB; " if size else "over 5 MB; "
    return f"the page is too large ({shown}the limit is 5 MB)"


def _read_body(
    url: str,
    response,  # noqa: ANN001 - httpx.Response
    max_bytes: int,
    progress: Progress,
    cancel: CancelToken | None,
) -> bytes:
    expected = response.headers.get("content-length", "")
    total = int(expected) if expected.isdigit() else 0
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        if cancel is not None:
            cancel.raise_if_cancelled()
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, _too_big(None))
        chunks.append(chunk)
        progress(min(size, total) if total else 0, total, f"Fetching {_host(url)}")
    return b"".join(chunks)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _capture(url: str, response, content: bytes) -> Capture:  # noqa: ANN001 - httpx.Response
    content_type = response.headers.get("content-type", "")
    charset = response.charset_encoding
    return Capture(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content=content,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        http_date=_http_date(response.headers.get("date")),
        headers=tuple((k, v) for k, v in response.headers.multi_items()),
        content_type=content_type,
        charset=charset.lower() if charset else None,
        redirects=tuple(str(r.url) for r in response.history),
    )


def _http_date(value: str | None) -> str | None:
    import email.utils

    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")
