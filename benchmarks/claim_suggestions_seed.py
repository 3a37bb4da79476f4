"""Claim suggestions on the seed gold: a claim on each side of every gold disagreement and near
miss (tests/data/seed_conflicts_gold.json), scoped by ``claimscope`` on the review the real
pipeline builds from the five seed articles.

For a *real* item, a claim on either side's distinctive text is right when suggested
conflicting with a reason naming the other side's outlet, wrong when suggested confirmed (a
disagreement hidden), and "no call" otherwise. For a *near miss*, a claim is wrong when it is
suggested conflicting with a reason naming the other side's outlet, right otherwise.

    .venv/bin/python benchmarks/claim_suggestions_seed.py [--show] [--review FILE]

``--review``: scope an existing review of the seeds instead of building one (``factdesk new``).
Prints the counts and, with ``--show``, every claim's suggestion; CPU seconds of the scoping.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core.contract import scope_index  # noqa: E402
from factdesk.core.model import Anchor  # noqa: E402
from factdesk.core.store.review import Review  # noqa: E402

SEEDS = ROOT.parent / "shared/corpus/seeds"
GOLD = ROOT / "tests/data/seed_conflicts_gold.json"


def build(review: Path) -> None:
    """The seed review as the app makes it (import, segment, align, conflicts)."""
    from factdesk.cli.main import main as cli

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        if cli(["new", str(review), *map(str, sorted(SEEDS.glob("*.txt")))]) != 0:
            raise SystemExit("factdesk new failed")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--review", type=Path)
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        path = args.review or Path(tmp) / "seeds.factdesk"
        if args.review is None:
            build(path)
        review = Review.open(path, backup=False, read_only=True)
        articles = {a.id: a for a in review.articles()}
        by_file = {Path(a.path).name[:3]: a for a in articles.values()}
        cpu = time.process_time()
        index = scope_index(review)
        counts: dict[str, dict[str, int]] = {"real": {}, "near_misses": {}}
        for kind in ("real", "near_misses"):
            for item in gold[kind]:
                for mine, other in (("a", "b"), ("b", "a")):
                    art = by_file[item[mine]["file"]]
                    text = item[mine]["text"]
                    at = art.text.find(text)
                    if at < 0:
                        counts[kind]["text not found"] = counts[kind].get("text not found", 0) + 1
                        continue
                    scope = index.scope(Anchor(art.id, at, at + len(text), text))
                    status, reasons = scope.suggestion or ("none", ())
                    them = index.labels[by_file[item[other]["file"]].id]
                    names_them = status == "conflicting" and any(
                        r.split(":")[0].find(them) >= 0 for r in reasons)
                    if kind == "real":
                        verdict = ("right" if names_them
                                   else "wrong" if status == "confirmed" else "no call")
                    else:
                        verdict = "wrong" if names_them else "right"
                    counts[kind][verdict] = counts[kind].get(verdict, 0) + 1
                    if args.show:
                        print(f"{item['id']}{mine} {verdict:8s} {status:11s} {text[:40]!r}"
                              f" :: {' | '.join(reasons)[:200]}")
        cpu = time.process_time() - cpu
    for kind, found in counts.items():
        print(kind, ", ".join(f"{k} {v}" for k, v in sorted(found.items())))
    print(f"scoping: {cpu:.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
