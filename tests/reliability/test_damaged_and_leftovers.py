"""Read commands on damaged files say so and exit 2 (no traceback); leftovers of killed runs
(a ``new``'s build file, an export's ``.part``, a PDF's helper folder) are removed by the next
run, and nothing that is not factdesk's own temporary name is touched."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from test_kill_each_statement import SEEDS, cli, factdesk_command

from factdesk.core.leftovers import PDF_FOLDER_PREFIX, clean_beside, clean_pdf_folders
from factdesk.core.store.schema import APPLICATION_ID

READS = [["info"], ["claims", "--json"], ["export", "--format", "md", "-o", "OUT"],
         ["realign"], ["group", "options", "REVIEW", "x.1"]]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("damaged") / "good.factdesk"
    made = cli("new", str(path), *map(str, sorted(SEEDS.glob("*.txt"))[:2]))
    assert made.returncode == 0, made.stderr
    return path


def damaged_files(good: Path, tmp: Path) -> dict[str, Path]:
    files = {}
    for table in ("passages", "claims", "meta"):
        path = tmp / f"no-{table}.factdesk"
        path.write_bytes(good.read_bytes())
        with sqlite3.connect(path) as conn:
            conn.execute("pragma foreign_keys = off")
            conn.execute(f"drop table {table}")
        files[table] = path
    bare = tmp / "id-only.factdesk"
    with sqlite3.connect(bare) as conn:  # factdesk's application id, no tables
        conn.execute(f"pragma application_id = {APPLICATION_ID}")
        conn.execute("pragma user_version = 3")
    files["bare"] = bare
    return files


def test_read_commands_on_damaged_files_exit_2_with_a_message(good, tmp_path) -> None:
    for name, path in damaged_files(good, tmp_path).items():
        for read in READS:
            args = [str(path) if a == "REVIEW" else str(tmp_path / "out") if a == "OUT" else a
                    for a in read]
            if "REVIEW" not in read:
                args.insert(1 if read[0] != "group" else 2, str(path))
            run = cli(*args)
            assert run.returncode == 2, (name, read, run.stderr)
            assert "Traceback" not in run.stderr and "Error:" not in run.stderr, run.stderr
            assert "damaged" in run.stderr, (name, read, run.stderr)
        assert not (tmp_path / "out").exists()


def test_killed_new_leaves_nothing_once_run_again(tmp_path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    target = tmp_path / "story.factdesk"
    proc = subprocess.Popen([*factdesk_command(), "new", str(target), *map(str, seeds)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    building = tmp_path / f".story.factdesk.{proc.pid}.new"
    deadline = time.monotonic() + 60
    while not building.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert building.exists(), "the build file was not caught before the kill"
    mine = tmp_path / ".story.factdesk.notes.new"  # not factdesk's shape: must stay
    mine.write_text("mine")
    made = cli("new", str(target), *map(str, seeds))
    assert made.returncode == 0, made.stderr
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".story.factdesk.notes.new", "story.factdesk",
                    "story.factdesk-backups"] or left == [".story.factdesk.notes.new",
                                                          "story.factdesk"], left


def test_leftovers_of_dead_processes_only_are_removed(tmp_path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    alive = str(os.getpid())
    target = tmp_path / "report.pdf"
    names = {
        f".report.pdf.{dead}.0a1b2c3d4e.part": False,
        f".report.pdf.{alive}.0a1b2c3d4e.part": True,  # an export still running
        f".report.pdf.{dead}.new": False,
        f".report.pdf.{dead}.new-wal": False,
        ".report.pdf.0a1b2c3d4e.part": True,  # no process id: not provably ours
        f".other.pdf.{dead}.0a1b.part": True,
        f"report.pdf.{dead}.0a1b.part": True,
    }
    for name in names:
        (tmp_path / name).write_text("x")
    removed = clean_beside(target)
    assert sorted(p.name for p in removed) == sorted(n for n, keep in names.items() if not keep)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, k in names.items() if k)
    folder = Path(tempfile.gettempdir()) / f"{PDF_FOLDER_PREFIX}{dead}-abc"
    folder.mkdir()
    (folder / "part-1.pdf").write_bytes(b"%PDF")
    running = Path(tempfile.mkdtemp(prefix=f"{PDF_FOLDER_PREFIX}{alive}-"))
    try:
        assert folder in clean_pdf_folders()
        assert not folder.exists() and running.exists()
    finally:
        running.rmdir()


def test_a_damaged_review_names_its_backups_and_how_to_restore_in_one_paragraph(
    good, tmp_path
) -> None:
    """A damaged file printed a dozen raw integrity-check lines and never mentioned the
    automatic backups: now one paragraph says what, where the backups are and the commands
    that restore one; SQLite's own report only with --verbose."""
    from factdesk.core.store import Review

    path = tmp_path / "story.factdesk"
    path.write_bytes(good.read_bytes())
    with Review.open(path):  # opening keeps an automatic backup
        pass
    backups = sorted((tmp_path / "story.factdesk-backups").glob("*.factdesk"))
    assert backups
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096 * 3):  # garbage in every third page
        data[offset + 100 : offset + 400] = b"\xa5" * 300
    path.write_bytes(bytes(data))
    run = cli("info", str(path))
    assert run.returncode == 2
    message = run.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    assert "damaged" in message and "story.factdesk-backups" in message
    assert f"cp '{backups[-1]}' '{path}'" in message  # the newest backup, ready to restore
    assert "*** in database" not in message and "out of order" not in message.lower()
    verbose = cli("info", str(path), "--verbose")
    assert verbose.returncode == 2 and len(verbose.stderr.strip().splitlines()) > 1


def test_the_window_on_a_bad_review_says_one_clear_line_and_fails(good, tmp_path) -> None:
    """`gui --screenshot` on a damaged, foreign or missing file printed a full traceback
    ("background task failed") before its message, though the window said it cleanly."""
    text = tmp_path / "text.factdesk"
    text.write_text("not a review\n")
    scribbled = tmp_path / "scribbled.factdesk"
    data = bytearray(good.read_bytes())
    for offset in range(4096 * 2, len(data), 4096 * 3):
        data[offset + 100 : offset + 400] = b"\xa5" * 300
    scribbled.write_bytes(bytes(data))
    for path in (text, scribbled, tmp_path / "missing.factdesk"):
        run = cli("gui", "--screenshot", str(tmp_path / "x.png"), str(path))
        assert run.returncode != 0, path
        lines = [line for line in run.stderr.splitlines()
                 if "propagateSizeHints" not in line]  # Qt's offscreen plugin, not ours
        assert len(lines) == 1 and lines[0].startswith("factdesk: "), run.stderr
        assert path.name in lines[0]
