"""Packaging and desktop integration: the wheel, the About facts, icons, .desktop, AppStream
metainfo and the file type.

The external validators (desktop-file-validate, appstreamcli, update-mime-database) come from
Debian's desktop-file-utils, appstream and shared-mime-info; each test that needs one is skipped
when it is not installed. The wheel test builds and installs the real wheel (marked slow, ~15 s).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import textwrap
import xml.etree.ElementTree as ET
import zipfile
from configparser import ConfigParser
from importlib import metadata
from pathlib import Path

import pytest

from factdesk import APP_ID, REVIEW_SUFFIX, __version__

REPO = Path(__file__).resolve().parents[1]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}-mime.xml"
MIME_TYPE = "application/x-factdesk-review"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
SQLITE_APPLICATION_ID = 0x4644534B  # factdesk.core.store.schema.APPLICATION_ID


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An environment that cannot see the checkout or the user's own settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    }
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / "home" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


# --- About -------------------------------------------------------------------------------------


def test_about_text_names_version_licence_id_and_library_versions() -> None:
    from factdesk.ui.about import about_text

    text = about_text()
    assert f"factdesk {__version__}" in text
    assert "GPL-3.0-or-later" in text
    assert APP_ID in text
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    for name, version in (
        ("Python", sys.version.split()[0]),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("SQLite", sqlite3.sqlite_version),
        ("sqlite-utils", metadata.version("sqlite-utils")),
        ("diff-match-patch", metadata.version("diff-match-patch")),
        ("pysbd", metadata.version("pysbd")),
        ("trafilatura", metadata.version("trafilatura")),
        ("SciPy", metadata.version("scipy")),
    ):
        assert re.search(rf"^\s+{re.escape(name)}\s+{re.escape(version)}", text, re.M), name
    assert "GPL" not in about_text(header=False)  # the dialog shows the licence above it


def test_about_tolerates_missing_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    from factdesk.ui import about

    assert about.library_version("no-such-distribution-xyz") == about.NOT_INSTALLED
    assert about.library_version("no-such-distribution-xyz", "no_such_module") == "not installed"

    def no_metadata(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    # A frozen bundle without dist-info: versions come from the modules themselves.
    monkeypatch.setattr(about.metadata, "version", no_metadata)
    monkeypatch.setattr(
        about,
        "LIBRARIES",
        (("pysbd", "pysbd", "pysbd"), ("absent", "absent-dist", "absent_module")),
    )
    found = dict(about.versions())
    assert found["pysbd"] != about.NOT_INSTALLED
    assert found["absent"] == about.NOT_INSTALLED
    assert "Versions:" in about.about_text()


def test_about_dialog_shows_icon_and_versions(qtbot) -> None:
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from factdesk.ui.about import AboutDialog, app_icon

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    icon = dialog.findChild(QLabel, "aboutIcon")
    assert icon is not None and not icon.pixmap().isNull()
    assert icon.pixmap().width() >= 64
    details = dialog.findChild(QPlainTextEdit, "aboutDetails")
    assert "SQLite" in details.toPlainText()
    assert __version__ in dialog.findChild(QLabel, "aboutHeading").text()
    assert not app_icon().isNull()
    assert {s.width() for s in app_icon().availableSizes()} >= {16, 32, 48, 256}


# --- icons -------------------------------------------------------------------------------------


def test_icons_are_in_the_package_at_every_size() -> None:
    from importlib import resources

    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    icons = resources.files("factdesk.resources") / "icons"
    svg = icons / f"{APP_ID}.svg"
    assert QSvgRenderer(str(svg)).isValid()
    assert "<script" not in svg.read_text("utf-8")
    for size in ICON_SIZES:
        png = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        assert image.hasAlphaChannel()
        # Transparent corners, opaque middle: a real rendering, not an empty canvas.
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_render_icons_script_reproduces_the_sizes(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import render_icons
    finally:
        sys.path.pop(0)
    written = render_icons.render(ICONS / f"{APP_ID}.svg", (16, 48), tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        f"hicolor/16x16/apps/{APP_ID}.png",
        f"hicolor/48x48/apps/{APP_ID}.png",
    ]
    assert all(p.stat().st_size > 100 for p in written)


# --- desktop entry, metainfo, file type -------------------------------------------------------


def _desktop_entry() -> dict[str, str]:
    parser = ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_metainfo_and_mime_agree() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "factdesk %f"
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"] == f"{MIME_TYPE};"
    assert entry["Keywords"].endswith(";") and entry["Categories"].endswith(";")

    meta = ET.parse(METAINFO).getroot()
    assert meta.get("type") == "desktop-application"
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == DESKTOP.name
    assert meta.findtext("project_license") == "GPL-3.0-or-later"
    assert meta.findtext("metadata_license") == "CC0-1.0"
    assert meta.findtext("provides/binary") == "factdesk"
    assert meta.findtext("provides/mediatype") == MIME_TYPE
    releases = [r.get("version") for r in meta.iter("release")]
    assert releases[0] == __version__, "the newest <release> must be the package version"
    assert meta.find("content_rating") is not None
    assert all("docs/screenshots/" in (img.text or "") for img in meta.iter("image")), (
        "screenshots point at the committed docs/screenshots/"
    )

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", ns)
    assert mime.get("type") == MIME_TYPE
    assert mime.find("m:glob", ns).get("pattern") == f"*{REVIEW_SUFFIX}"
    outer = mime.find("m:magic/m:match", ns)
    assert (outer.get("offset"), outer.get("value")) == ("0", "SQLite format 3\\000")
    inner = outer.find("m:match", ns)
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value"), 16) == SQLITE_APPLICATION_ID


def test_mime_magic_matches_the_store_application_id() -> None:
    from factdesk.core.store import schema

    assert schema.APPLICATION_ID == SQLITE_APPLICATION_ID


def test_desktop_file_validates() -> None:
    tool = _tool("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates() -> None:
    tool = _tool("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _review_like(path: Path, application_id: int) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA application_id = {application_id}")
        conn.execute("CREATE TABLE t (x)")
    return path


def test_mime_type_recognises_reviews_by_name_and_content(tmp_path: Path) -> None:
    tool = _tool("update-mime-database")
    data = tmp_path / "share"
    packages = data / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if system.exists():
        shutil.copy(system, packages)
    subprocess.run([tool, str(data / "mime")], check=True, capture_output=True)
    assert (data / "mime" / "application" / "x-factdesk-review.xml").exists()

    files = {
        "story.factdesk": _review_like(tmp_path / "story.factdesk", SQLITE_APPLICATION_ID),
        "no-suffix": _review_like(tmp_path / "no-suffix", SQLITE_APPLICATION_ID),
        "other.db": _review_like(tmp_path / "other.db", 0),
    }
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QCoreApplication, QMimeDatabase
        app = QCoreApplication([])
        db = QMimeDatabase()
        for path in sys.argv[1:]:
            print(db.mimeTypeForFile(path, QMimeDatabase.MatchMode.MatchContent).name())
        """
    )
    env = _clean_env(tmp_path, XDG_DATA_HOME=str(data), XDG_DATA_DIRS=str(tmp_path / "none"))
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, files.values())],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = dict(zip(files, result.stdout.split(), strict=True))
    assert found["story.factdesk"] == MIME_TYPE
    assert found["no-suffix"] == MIME_TYPE  # SQLite header + factdesk's application_id
    assert found["other.db"] != MIME_TYPE  # any other SQLite file is not claimed


def test_install_desktop_script_installs_and_uninstalls(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    env = _clean_env(tmp_path, PREFIX=str(prefix))
    script = LINUX / "install-desktop.sh"
    result = subprocess.run(["sh", str(script)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    share = prefix / "share"
    expected = [
        share / "applications" / DESKTOP.name,
        share / "metainfo" / METAINFO.name,
        share / "mime" / "packages" / MIME_XML.name,
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(share / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in ICON_SIZES),
    ]
    assert [p for p in expected if not p.is_file()] == []
    result = subprocess.run(
        ["sh", str(script), "--uninstall"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert [p for p in expected if p.exists()] == []


def test_pyinstaller_spec_compiles() -> None:
    source = (REPO / "packaging" / "factdesk.spec").read_text("utf-8")
    compile(source, "factdesk.spec", "exec")
    assert "packaging/factdesk.spec" in (REPO / "Makefile").read_text("utf-8")


# --- the wheel ---------------------------------------------------------------------------------


def _setuptools_can_build_here() -> bool:
    """True when this environment's setuptools understands pyproject's SPDX licence string, so
    the wheel builds without downloading an isolated build environment."""
    try:
        major = int(metadata.version("setuptools").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return major >= 77


def _build_wheel(tmp_path: Path) -> Path:
    # Build from a copy so the checkout gets no build/ or egg-info and parallel builds don't mix.
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("factdesk", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "COPYING"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, src / name)
    out = tmp_path / "wheels"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    if _setuptools_can_build_here():
        command.append("--no-build-isolation")
    result = subprocess.run(
        [*command, str(src)], capture_output=True, text=True, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("factdesk-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.mark.slow
def test_wheel_holds_demo_articles_and_icons(wheel: Path) -> None:
    assert wheel.name == f"factdesk-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    demo = sorted(p.name for p in (REPO / "resources" / "demo").iterdir() if p.is_file())
    assert demo, "the checkout has demo articles"
    assert {f"factdesk/resources/demo/{name}" for name in demo} <= names
    assert f"factdesk/resources/icons/{APP_ID}.svg" in names
    for size in ICON_SIZES:
        assert f"factdesk/resources/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in names
    assert "factdesk/core/align/judge_model.json" in names  # alignment cannot run without it
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


@pytest.mark.slow
def test_wheel_holds_every_package(wheel: Path) -> None:
    # pyproject lists the packages by hand: a new sub-package must be added there.
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = sorted(
        p.parent.relative_to(REPO).as_posix()
        for p in (REPO / "factdesk").rglob("__init__.py")
        if "__pycache__" not in p.parts
    )
    missing = [p for p in packages if f"{p}/__init__.py" not in names]
    assert missing == [], f"packages missing from the wheel (add them to pyproject): {missing}"


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_runs(wheel: Path, tmp_path: Path) -> None:
    # A fresh venv whose third-party libraries come from this environment through a plain .pth
    # line (so this environment's own .pth files, including the editable factdesk finder, are
    # not run), and factdesk itself only from the wheel.
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    fresh_python = fresh / "bin" / "python"
    site = subprocess.run(
        [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "zz_factdesk_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    env = _clean_env(tmp_path)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(fresh_python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr

    where = subprocess.run(
        [str(fresh_python), "-c",
         "import factdesk, importlib.resources as r\n"
         "print(factdesk.__file__)\n"
         "print(r.files('factdesk.resources').joinpath('demo').is_dir())"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    module_file, demo_found = where.stdout.split()
    assert Path(module_file).is_relative_to(fresh), f"factdesk came from {module_file}"
    assert demo_found == "True"

    factdesk = fresh / "bin" / "factdesk"
    version = subprocess.run(
        [str(factdesk), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path,
        timeout=60,
    )  # fmt: skip
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"factdesk {__version__}"

    shot = tmp_path / "shot.png"
    gui = subprocess.run(
        [str(factdesk), "gui", "--screenshot", str(shot)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert shot.stat().st_size > 1000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- the PyInstaller bundle (opt-in: FACTDESK_BUNDLE=dist/factdesk after `make bundle`) --------


@pytest.mark.slow
def test_bundle_runs(tmp_path: Path) -> None:
    folder = os.environ.get("FACTDESK_BUNDLE")
    if not folder:
        pytest.skip("set FACTDESK_BUNDLE=dist/factdesk to check a bundle built by `make bundle`")
    exe = (REPO / folder / "factdesk").resolve()
    env = _clean_env(tmp_path)
    env["PATH"] = "/usr/bin:/bin"  # no virtualenv on PATH: the bundle must not need one
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.strip() == f"factdesk {__version__}", version.stderr
    shot = tmp_path / "shot.png"
    gui = subprocess.run(
        [str(exe), "gui", "--screenshot", str(shot)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert gui.returncode == 0 and shot.stat().st_size > 1000, gui.stderr
    (tmp_path / "a.txt").write_text(
        "The bridge closed on Monday after inspectors found cracks.\n\n"
        "Officials said repairs would take three weeks.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Inspectors found cracks and the bridge closed on Monday.\n\n"
        "Repairs will take four weeks, officials said.\n"
    )
    align = subprocess.run(
        [str(exe), "align", "--json", "a.txt", "b.txt"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert align.returncode == 0, align.stderr
    document = json.loads(align.stdout)
    assert len(document["articles"]) == 2 and document["alignments"]
