"""Fuzzed article files fed to the real ``factdesk`` command, many files per run.

Each file is built from a seeded random mixture of what real captures and broken files hold:
prose, HTML and Markdown pieces, BOMs and encodings, NUL and control characters, lone
surrogate bytes, very long lines, date lines at the calendar's ends, and raw random bytes.
A run is judged as a user sees it: exit 0 or 1 (never 2, never a traceback), every file named
in the output (added, skipped or refused with a reason), and a review file that opens sound.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from test_kill_each_statement import cli

from factdesk.core.store import Review

PROSE = [
    "The council voted on Wednesday to close the harbour bridge for six weeks.",
    "\u201cIt is a difficult decision,\u201d the mayor said on Thursday.",
    "About 38,000 vehicles cross it every day, according to the city.",
    "Repairs will begin on Monday and cost at least $4.2 million.",
    "Ferries will run every 20 minutes, the operator said yesterday.",
]
PIECES = [
    "<html><body><article><h1>Bridge</h1><p>", "</p></article></body></html>",
    "<script>alert(1)</script>", "<svg onload=alert(1)>", "<!--", "-->", "]]>",
    "# Heading\n\n", "- item\n", "![img](x.png)", "---\ntitle: T\ndate: 9999-12-31\n---\n",
    "date 0001-01-01\n", "date 2026-02-30\n", "Subscribe to our newsletter\n",
    "(Reporting by A; Editing by B)\n", "\x00", "\x01\x1b\x7f", "\r", "\r\n", "\u2028",
    "\ufeff", "\u202e", "\U0001f309", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "=HYPERLINK(\"x\")",
    "\uff1d1+1", "\t", "\u00a0", " " * 50, "\n\n",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "utf-16-le"]
SUFFIXES = [".txt", ".html", ".md", ".htm", ".markdown", ".txt"]


def fuzz_file(rng: random.Random, folder: Path, n: int) -> Path:
    """One fuzzed article file (deterministic for a given rng state)."""
    kind = rng.random()
    if kind < 0.1:
        data = rng.randbytes(rng.randint(0, 3000))
    else:
        parts = []
        for _ in range(rng.randint(1, 40)):
            parts.append(rng.choice(PROSE) if rng.random() < 0.6 else rng.choice(PIECES))
            parts.append(rng.choice([" ", "\n", "\n\n", ""]))
        if rng.random() < 0.05:  # one long line without a sentence end
            # (kept to ≤ 2,000 words: 30 files with 20,000-word lines spent 47 of 59 s in
            # independence.shared_runs, a speed matter for issue #18, not a crash)
            parts.append("word " * rng.randint(200, 2000))
        text = "".join(parts)
        encoding = rng.choice(ENCODINGS)
        data = text.encode(encoding, errors="replace")
        if rng.random() < 0.05:
            cut = rng.randint(0, len(data))
            data = data[:cut] + b"\xed\xa0\x80" + data[cut:]  # a lone surrogate
    path = folder / f"f{n:05d}{rng.choice(SUFFIXES)}"
    path.write_bytes(data)
    return path


def check_run(args: list[str], files: list[Path], review: Path) -> dict[str, int]:
    """Run ``factdesk`` as a user does and check what a user sees; counts of the outcomes."""
    run = cli(*args, timeout=900)  # a hang guard only
    assert run.returncode in (0, 1), (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    said = run.stderr
    added = len(re.findall(r"^added ", said, re.M))
    skipped = len(re.findall(r"^skipped ", said, re.M))
    refused = len(re.findall(r"^error: ", said, re.M))
    assert added + skipped + refused == len(files), said[-2000:]  # each file accounted for
    if added:
        with Review.open(review, backup=False) as r:
            assert r.integrity_ok()
            assert not r.analysis_stale
            for a in r.articles():
                for p in r.passages(a.id):
                    assert a.text[p.start : p.end] == p.text
    return {"files": len(files), "imported": added, "duplicates": skipped, "refused": refused}
