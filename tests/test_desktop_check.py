"""`make run` on a fresh Debian/Ubuntu desktop: missing system libraries are named with the one
command that installs them (installed by apt-get when run as root), and a screenshot needs no
display. The make target runs in a clean environment (``env -i``), as on a new machine."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk import desktop_check

REPO = Path(__file__).resolve().parents[1]
VENV_PYTHON = Path(sys.executable)


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def _clean_env(fake_bin: Path, **extra: str) -> dict[str, str]:
    """What a fresh login has: a PATH, a HOME, a display; nothing of this test session."""
    return {"PATH": f"{fake_bin}:/usr/local/bin:/usr/bin:/bin", "HOME": str(fake_bin.parent),
            "LANG": "C.UTF-8", **extra}


def test_debian_package_names_follow_the_library_naming_policy() -> None:
    assert desktop_check.debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert desktop_check.debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert desktop_check.debian_package("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert desktop_check.debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert desktop_check.debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert desktop_check.debian_package("libEGL.so.1") == "libegl1"


def test_platform_follows_qt_order() -> None:
    assert desktop_check.chosen_platform({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    if sys.platform.startswith("linux"):
        assert desktop_check.chosen_platform({"DISPLAY": ":0"}) == "xcb"
        assert desktop_check.chosen_platform(
            {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}) == "wayland"


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("make") is None,
                    reason="the xcb check is for Linux, run through make")
def test_make_run_check_names_missing_libraries_and_the_command(tmp_path: Path) -> None:
    """`make desktop-check` (what `make run` runs first) with a loader that cannot find two of
    the xcb plugin's libraries: as root it installs them with apt-get, otherwise it prints the
    one command and fails before Qt would abort."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    calls = tmp_path / "apt-calls"
    _tool(fake_bin, "ldd", "echo '\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)'\n"
                           "echo '\tlibxcb-icccm.so.4 => not found'\n"
                           "echo '\tlibxcb-keysyms.so.1 => not found'\n"
                           "echo '\tlibxcb-icccm.so.4 => not found'\n")
    _tool(fake_bin, "apt-get", f'echo "$@" >> "{calls}"\nexit 1\n')
    done = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(REPO),
                           f"BIN={VENV_PYTHON.parent}", "desktop-check"],
                          env=_clean_env(fake_bin, DISPLAY=":0"), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert "platform plugin" in done.stderr
    if os.geteuid() == 0:  # root with apt-get: it tried to install them itself (and said so)
        assert calls.read_text().splitlines()[0].endswith("libxcb-icccm4 libxcb-keysyms1")
        assert "installing libxcb-icccm4 libxcb-keysyms1" in done.stderr
    else:
        assert "sudo apt-get install" in done.stderr
        assert not calls.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("make") is None,
                    reason="the xcb check is for Linux, run through make")
def test_make_run_check_passes_when_the_libraries_are_there(tmp_path: Path) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    _tool(fake_bin, "ldd", "echo '\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)'\n")
    done = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(REPO),
                           f"BIN={VENV_PYTHON.parent}", "desktop-check"],
                          env=_clean_env(fake_bin, DISPLAY=":0"), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_window_without_display_says_so_instead_of_aborting(tmp_path: Path) -> None:
    """`factdesk` with no display: a clear message and exit 2, not Qt's xcb abort."""
    env = _clean_env(tmp_path, FACTDESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([str(VENV_PYTHON), "-m", "factdesk", "gui"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "no display" in done.stderr or "apt-get install" in done.stderr
    assert "Aborted" not in done.stderr and "core dumped" not in done.stderr


def test_screenshot_without_display_renders_offscreen_by_itself(tmp_path: Path) -> None:
    demo = sorted((REPO / "resources" / "demo").glob("0*"))[:2]
    out = tmp_path / "shot.png"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # what a PDF export killed in an earlier session left (a process id no longer running)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    killed = scratch / f"factdesk-pdf-{dead}-x1y2"
    killed.mkdir()
    (killed / "part-1.pdf").write_bytes(b"%PDF-1.4")
    mine = scratch / "factdesk-pdf-notes"  # not factdesk's shape (no process id): stays
    mine.mkdir()
    env = _clean_env(tmp_path, FACTDESK_DATA_DIR=str(tmp_path / "data"), TMPDIR=str(scratch))
    done = subprocess.run([str(VENV_PYTHON), "-m", "factdesk", "gui", "--screenshot", str(out),
                           *map(str, demo)], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the throwaway review the articles went into is gone with the window (each screenshot
    # used to leave a factdesk-XXXX folder in /tmp)
    # and the killed export's helper folder went at this start; nothing else was touched
    assert sorted(p.name for p in scratch.iterdir() if p.name.startswith("factdesk-")) \
        == ["factdesk-pdf-notes"]
