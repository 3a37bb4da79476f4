"""Can the window open here? Checked before Qt loads its xcb platform plugin.

On a fresh Debian/Ubuntu desktop the PySide6 wheel brings Qt but not the X11 libraries its xcb
plugin links (``libxcb-cursor0``, ``libxcb-icccm4``, ``libxcb-keysyms1``, ...). Qt then aborts
with "Could not load the Qt platform plugin xcb", which names no package. This module asks the
dynamic linker (``ldd``) which libraries the plugin cannot find and says the one command that
installs them; ``make run`` runs it with ``--install``, which installs them itself when run as
root with apt-get available. It imports nothing from Qt (loading the plugin is what fails) and
nothing from the rest of factdesk, so it runs in milliseconds.

Run: ``python -m factdesk.desktop_check [--install]``; exit 0 when the window can open.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK, EXIT_MISSING, EXIT_NO_DISPLAY = 0, 1, 3
_NOT_FOUND = re.compile(r"^\s*(?P<soname>\S+)\s+=>\s+not found", re.MULTILINE)


@dataclass
class DesktopCheck:
    """What the check found: the platform Qt will try, and what is missing for it."""

    platform: str
    plugin: Path | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def packages(self) -> list[str]:
        return list(dict.fromkeys(debian_package(s) for s in self.missing))

    def install_command(self, *, root: bool | None = None) -> str:
        is_root = os.geteuid() == 0 if root is None else root
        return ("" if is_root else "sudo ") + "apt-get install " + " ".join(self.packages)

    def message(self) -> str:
        return ("factdesk: the window cannot open: Qt's xcb platform plugin needs system "
                f"libraries that are missing ({', '.join(self.missing)}).\n"
                f"Install them with:\n\n    {self.install_command()}\n")


def has_display(env: os._Environ[str] | dict[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def chosen_platform(env: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The platform plugin Qt will load: QT_QPA_PLATFORM's first choice, else on Linux
    wayland in a Wayland session and xcb everywhere else (Qt 6's own order)."""
    env = os.environ if env is None else env
    wanted = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if wanted:
        return wanted
    if not sys.platform.startswith("linux"):
        return "native"
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def xcb_plugin() -> Path | None:
    """PySide6's xcb plugin, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        for candidate in (Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so",
                          Path(root) / "plugins" / "platforms" / "libqxcb.so"):
            if candidate.is_file():
                return candidate
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """Sonames ``ldd`` reports as "not found" for the plugin and what it links, in order.

    ``ldd`` resolves the whole dependency tree the way the loader will; reading ELF headers by
    hand would have to repeat the loader's search rules (rpath, ld.so.cache, ...)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(m.group("soname") for m in _NOT_FOUND.finditer(out)))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library, by Debian's library-package naming
    policy (policy 8.1: soname ``libfoo.so.1`` → ``libfoo1``; a name ending in a digit takes a
    hyphen: ``libxkbcommon-x11.so.0`` → ``libxkbcommon-x11-0``). Written by hand: apt-file,
    which knows for sure, is seldom installed and needs a download of its own."""
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    name = name.lower()
    if not version:
        return name
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def check(env: os._Environ[str] | dict[str, str] | None = None) -> DesktopCheck:
    """What the window needs here and lacks (only the xcb plugin's libraries are checked)."""
    result = DesktopCheck(chosen_platform(env))
    if result.platform != "xcb":
        return result
    result.plugin = xcb_plugin()
    if result.plugin is not None:
        result.missing = missing_libraries(result.plugin)
    return result


def install(packages: Sequence[str]) -> bool:
    """apt-get install the packages (as root only); True when that succeeded."""
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0 or not packages:
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = [apt, "install", "-y", "--no-install-recommends", *packages]
    if subprocess.run(cmd, env=env, check=False).returncode == 0:
        return True
    # a fresh machine may have no package lists yet
    subprocess.run([apt, "update"], env=env, check=False)
    return subprocess.run(cmd, env=env, check=False).returncode == 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factdesk.desktop_check",
                                     description="Check that factdesk's window can open here.")
    parser.add_argument("--install", action="store_true",
                        help="install missing libraries with apt-get when run as root")
    args = parser.parse_args(argv)
    found = check()
    if found.platform == "xcb" and not has_display():
        sys.stderr.write("factdesk: no display here (DISPLAY and WAYLAND_DISPLAY are unset): "
                         "the window needs a desktop session. Without one, "
                         "`factdesk gui --screenshot out.png` still renders the window "
                         "offscreen, and every command of `factdesk --help` works.\n")
        if not found.missing:
            return EXIT_NO_DISPLAY
    if not found.missing:
        return EXIT_OK
    if args.install and os.geteuid() == 0 and shutil.which("apt-get"):
        sys.stderr.write(f"factdesk: installing {' '.join(found.packages)} "
                         "(Qt's xcb plugin needs them)\n")
        if install(found.packages):
            again = check()
            if not again.missing:
                return EXIT_OK if has_display() else EXIT_NO_DISPLAY
            found = again
    sys.stderr.write(found.message())
    return EXIT_MISSING


if __name__ == "__main__":
    sys.exit(main())
