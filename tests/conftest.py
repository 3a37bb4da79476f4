"""Shared fixtures. GUI tests run offscreen; the seed corpus lives beside the checkout."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _own_identity(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps the reviewer identity (``whoami --set``, the window's first-run
    question) in a folder of its own, never the developer's, and starts without one."""
    monkeypatch.setenv("FACTDESK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("FACTDESK_ROLE", raising=False)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


@pytest.fixture
def local_web():  # noqa: ANN201 - a localweb.LocalWeb
    """A real HTTP server on 127.0.0.1 serving ``local_web.pages`` (see tests/localweb.py)."""
    from localweb import serve

    yield from serve()


@pytest.fixture
def seed_files() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed corpus is not beside this checkout")
    return sorted(SEEDS.glob("*.txt"))


# --- no surprise network access ---------------------------------------------------------------
# factdesk never fetches anything by itself. For the whole test session every Python socket
# connection and name look-up that is not local (AF_UNIX, loopback) is refused and counted, so
# a library that quietly reached out (say, an HTML importer loading a remote image) fails loudly.
# Qt and multiprocessing use local sockets, which stay allowed.

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class NetworkBlocked(RuntimeError):
    """A test (or the code under test) tried to reach the network."""


NETWORK_ATTEMPTS: list[str] = []
_REAL = {
    "connect": socket.socket.connect,
    "connect_ex": socket.socket.connect_ex,
    "create_connection": socket.create_connection,
    "getaddrinfo": socket.getaddrinfo,
}


def _is_local_host(host: object) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): a local bind address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _is_local_address(sock: socket.socket, address: object) -> bool:
    if getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX:
        return True
    if isinstance(address, str | bytes):
        return True  # an AF_UNIX path
    return isinstance(address, tuple) and bool(address) and _is_local_host(address[0])


def _refuse(what: str) -> NetworkBlocked:
    NETWORK_ATTEMPTS.append(what)
    return NetworkBlocked(f"network access attempted during tests: {what}")


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local_address(self, address):
        raise _refuse(f"connect {address!r}")
    return _REAL["connect"](self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local_address(self, address):
        raise _refuse(f"connect_ex {address!r}")
    return _REAL["connect_ex"](self, address)


def _guarded_create_connection(address: tuple, *args: object, **kwargs: object) -> socket.socket:
    if not _is_local_host(address[0]):
        raise _refuse(f"create_connection {address!r}")
    return _REAL["create_connection"](address, *args, **kwargs)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
    if not _is_local_host(host):
        raise _refuse(f"getaddrinfo {host!r}")
    return _REAL["getaddrinfo"](host, *args, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.create_connection = _guarded_create_connection  # type: ignore[assignment]
    socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]


def pytest_unconfigure(config: pytest.Config) -> None:
    socket.socket.connect = _REAL["connect"]  # type: ignore[method-assign]
    socket.socket.connect_ex = _REAL["connect_ex"]  # type: ignore[method-assign]
    socket.create_connection = _REAL["create_connection"]  # type: ignore[assignment]
    socket.getaddrinfo = _REAL["getaddrinfo"]  # type: ignore[assignment]


@pytest.fixture
def network_attempts() -> list[str]:
    """The blocked network attempts made during one test (empty at its start)."""
    NETWORK_ATTEMPTS.clear()
    return NETWORK_ATTEMPTS


# A real PostgreSQL server for the shared-review tests (tests/pgserver.py): one throwaway
# cluster per run, started on first use. Without server binaries those tests skip with the
# reason — except where FACTDESK_REQUIRE_POSTGRES=1 (.ci/run sets it after installing
# PostgreSQL), where a missing server fails the run instead of quietly skipping.
@pytest.fixture(scope="session")
def pg_cluster():  # noqa: ANN201 - a pgserver.Cluster
    from pgserver import Cluster, why_not

    reason = why_not()
    if reason:
        if os.environ.get("FACTDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here: {reason}")
        pytest.skip(reason)
    cluster = Cluster()
    yield cluster
    cluster.stop()


_server_reviews = iter(range(1, 1_000_000))


@pytest.fixture
def server_url(pg_cluster) -> str:  # noqa: ANN001
    """The URL of a review name no other test uses (the review itself is not made yet)."""
    return pg_cluster.url(f"t{next(_server_reviews)}-{os.getpid()}")
