"""Merging two reviewers' 5,000-claim reviews of one story: time and memory (#21 item 4).

Builds a base review (50 articles × 100 sentences, its alignment marked current so the merge
measures merging, not aligning), then two copies: reviewer A tags every sentence (5,000 claims)
and reviewer B 5,000 claims of their own — 80 % on A's sentences (half selected exactly as A
did, half a few words shorter, which still match by overlap), 20 % on a clause of a sentence
(which overlaps A's less than half: kept as a claim of its own). B agrees with A's verdict three
times in four; a third of the claims carry evidence, a third a note. Then:

* end to end, as a user runs it: ``factdesk merge OUT A B`` in a child process — wall time and
  the child's peak resident memory (``ru_maxrss``);
* per stage in this process: opening the two files, ``merge_into``, agreement (κ and α), and
  merging B again (nothing changes: the idempotent path).

    .venv/bin/python benchmarks/merge_speed.py [--claims 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core import agreement, claim_edits  # noqa: E402
from factdesk.core.merging import merge_into, opened_copy  # noqa: E402
from factdesk.core.model import Article, Passage  # noqa: E402
from factdesk.core.store import Review  # noqa: E402

SENTENCE = ("The council said {n} homes were evacuated after the barrier failed on Sunday "
            "night. ")
ARTICLES = 50
STATUSES = ["confirmed", "conflicting", "unsourced"]


def build_base(path: Path, per_article: int) -> list[list[Passage]]:
    out: list[list[Passage]] = []
    with Review.open(path, create=True) as review, review.transaction():
        for a in range(ARTICLES):
            aid = f"a{a}"
            text = "".join(SENTENCE.format(n=100 + i) for i in range(per_article))
            passages, at = [], 0
            for i in range(per_article):
                length = len(SENTENCE.format(n=100 + i)) - 1
                passages.append(
                    Passage(f"{aid}.{i}", aid, i, at, at + length, text[at: at + length]))
                at += length + 1
            review.add_article(Article(aid, f"/tmp/{aid}.txt", text, f"{a:064x}"), passages)
            out.append(passages)
        review.replace_analysis([])  # current: the merge should not have to re-align
    return out


def tag(path: Path, passages: list[list[Passage]], who: str, seed: int, partner: dict | None,
        ) -> dict[tuple[str, int], str]:
    """Tag claims as ``who``; returns (article, sentence) → status of the whole-sentence claims."""
    rng = random.Random(seed)
    verdicts: dict[tuple[str, int], str] = {}
    with Review.open(path, backup=False) as review, review.transaction():
        for a, sentences in enumerate(passages):
            aid = f"a{a}"
            for i, p in enumerate(sentences):
                key = (aid, i)
                start, end = p.start, p.end
                if partner is not None:
                    roll = rng.random()
                    if roll < 0.4:
                        pass  # exactly A's selection
                    elif roll < 0.8:
                        end = p.end - 7  # a few words shorter: still the same claim
                    else:
                        start = p.start + p.text.index("after")  # a clause of its own
                    agree = rng.random() < 0.75
                    status = partner[key] if agree else rng.choice(
                        [s for s in STATUSES if s != partner[key]])
                else:
                    status = rng.choice(STATUSES)
                note = f"{who} checked sentence {i} against the minutes" if i % 3 == 0 else ""
                claim = claim_edits.create_claim(review, aid, start, end, reviewer=who,
                                                 status=status, note=note)
                verdicts[key] = status
                if i % 3 == 1:
                    other = f"a{(a + 1) % ARTICLES}.{i}"
                    claim_edits.add_evidence(review, claim.id, other, "supports", reviewer=who)
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000, help="claims per reviewer")
    parser.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="factdesk-merge-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    base, a, b, out = (folder / f"{n}.factdesk" for n in ("base", "ana", "ben", "desk"))
    for p in (base, a, b, out):
        p.unlink(missing_ok=True)

    t0 = time.perf_counter()
    passages = build_base(base, max(1, args.claims // ARTICLES))
    shutil.copy(base, a)
    shutil.copy(base, b)
    ana = tag(a, passages, "Ana Ruiz <ana@desk.example>", 1, None)
    tag(b, passages, "Ben Okafor <ben@desk.example>", 2, ana)
    print(f"built two reviews of {len(ana)} claims each in {time.perf_counter() - t0:.1f} s "
          f"({a.stat().st_size / 1e6:.1f} MB each): {folder}")

    # end to end, as a user runs it
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    t0 = time.perf_counter()
    command = [str(Path(sys.executable).with_name("factdesk")), "merge", str(out), str(a),
               str(b), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 1
    result = json.loads(done.stdout)
    print(f"end to end `factdesk merge OUT A B`: {wall:.2f} s ({cpu:.2f} s CPU), peak RSS "
          f"{max(peak, before) / 1024:.0f} MB (the child)")
    print(f"  matched {result['claims_matched']}, added {result['claims_added']}, decisions "
          f"{result['decisions_added']}, evidence {result['evidence_added']}, partial overlaps "
          f"{len(result['partial_overlaps'])}; {result['agreement']['text']}")

    # per stage, in this process
    staged = folder / "staged.factdesk"
    staged.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with opened_copy(a) as first:
        first.backup_to(staged)
    t_copy = time.perf_counter() - t0
    with Review.open(staged, backup=False) as target:
        t0 = time.perf_counter()
        with opened_copy(b) as source:
            t_open = time.perf_counter() - t0
            t0 = time.perf_counter()
            report = merge_into(target, source)
            t_merge = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = merge_into(target, source)
            t_again = time.perf_counter() - t0
        t0 = time.perf_counter()
        total = agreement.overall(target.decisions())
        t_agree = time.perf_counter() - t0
    assert not again.changed, "merging again changed the review"
    print(f"stages: copy A {t_copy:.2f} s · open a private copy of B {t_open:.2f} s · "
          f"merge_into {t_merge:.2f} s ({report.claims_matched} matched) · the same again "
          f"{t_again:.2f} s (nothing changed) · agreement {t_agree:.2f} s "
          f"(κ {total.kappa:.3f}, α {total.alpha:.3f})")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
