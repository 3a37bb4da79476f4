"""The bundled demo review: four short articles about a fictional bridge closure, written for
factdesk, with agreements, paraphrases, a reprinted wire story and real conflicts, and the
claims a reviewer would have left on them (``claims.json``: one in every status, with notes and
evidence), so that the first window a new user sees shows what factdesk is for.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from factdesk.core.anchors import make_anchor
from factdesk.core.claim_edits import add_evidence, create_claim
from factdesk.core.importing import import_files
from factdesk.core.model import ImportReport
from factdesk.core.progress import CancelToken, Progress, no_progress
from factdesk.core.store import Review

DEMO_TITLE = "Demo: Harbour Bridge closure (fictional)"
#: bumped when the demo's articles or claims change, so an older demo file is rebuilt
DEMO_VERSION = "2"


def demo_files() -> list[Path]:
    """The demo articles inside the installed package, in pane order."""
    folder = resources.files("factdesk.resources") / "demo"
    return sorted(Path(str(f)) for f in folder.iterdir() if f.name[0].isdigit())


def demo_claims() -> dict[str, Any]:
    folder = resources.files("factdesk.resources") / "demo"
    return json.loads((folder / "claims.json").read_text(encoding="utf-8"))


def is_current_demo(review: Review) -> bool:
    return review.get_meta("demo_version") == DEMO_VERSION


def build_demo_review(
    path: str | os.PathLike[str],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    with_claims: bool = True,
) -> ImportReport:
    """Create (or recreate) the demo review file at ``path``; ``with_claims=False`` leaves out
    the demo's claims (tests that make claims of their own start from the bare articles)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    with Review.open(target, create=True) as review:
        review.set_meta("title", DEMO_TITLE)
        files = demo_files()
        report = import_files(review, files, progress=progress, cancel=cancel)
        if with_claims:
            add_demo_claims(review)
        review.set_meta("demo_version", DEMO_VERSION)
        return report


def add_demo_claims(review: Review) -> None:
    """Tag the demo's claims from ``claims.json``: each quote found by its exact words in the
    article named by its file, so the claims survive any change of ids or offsets."""
    spec = demo_claims()
    reviewer = spec["reviewer"]
    by_file = {Path(a.path).name: a for a in review.articles()}

    def span(entry: dict[str, str]) -> tuple[str, int, int]:
        article = by_file[entry["article"]]
        start = article.text.find(entry["quote"])
        if start < 0:
            raise ValueError(f"demo quote not in {entry['article']}: {entry['quote']!r}")
        return article.id, start, start + len(entry["quote"])

    for entry in spec["claims"]:
        aid, start, end = span(entry)
        passage = next((p for p in review.passages(aid) if p.start <= start < p.end), None)
        claim = create_claim(review, aid, start, end, reviewer=reviewer,
                             status=entry["status"], note=entry["note"],
                             passage_id=passage.id if passage else None)
        for ev in entry["evidence"]:
            eid, estart, eend = span(ev)
            anchor = make_anchor(eid, by_file[ev["article"]].text, estart, eend)
            add_evidence(review, claim.id, anchor, ev["relation"], reviewer=reviewer)
