"""A throwaway PostgreSQL cluster for the tests: a real server, never a mock.

``initdb`` in a temporary folder, the server on a unix socket in that folder (no TCP port, so
parallel runs and other engineers' servers never collide), stopped and removed at the end.
PostgreSQL refuses to run as root, so as root (CI, containers) the cluster runs as the
``postgres`` user that Debian's package makes (``.ci/run`` installs it), via ``runuser``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PORT = 5432  # on a socket in our own folder, the port only names the socket file


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian's versioned folder, else PATH)."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def why_not() -> str:
    """Why no server can be started here ("" when one can)."""
    if server_binaries() is None:
        return "no PostgreSQL server binaries (apt-get install postgresql; .ci/run does)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return ""


class Cluster:
    """One running cluster; ``url(review)`` names a review in its ``factdesk`` database."""

    def __init__(self) -> None:
        self.bin = server_binaries()
        assert self.bin is not None
        self.folder = Path(tempfile.mkdtemp(prefix="factdesk-pg-"))
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        self.folder.chmod(0o700)
        self.data = self.folder / "data"
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "factdesk",
                  "-E", "UTF8", "--no-sync", "--no-instructions")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                  "-o", f"-k {self.folder} -p {PORT} -c listen_addresses='' -c fsync=off "
                        "-c max_connections=60", "start")
        self._run("createdb", "-h", str(self.folder), "-p", str(PORT), "-U", "factdesk",
                  "factdesk")

    def _run(self, tool: str, *args: str) -> None:
        assert self.bin is not None
        subprocess.run([*self._as, str(self.bin / tool), *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def url(self, review: str) -> str:
        return (f"postgresql://factdesk@/factdesk?host={self.folder}&port={PORT}"
                f"&review={review}")

    def restart(self) -> None:
        """Restart the server (as after a crash or an upgrade): every connection is cut."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "restart",
                  "-o", f"-k {self.folder} -p {PORT} -c listen_addresses='' -c fsync=off "
                        "-c max_connections=60")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
