"""MSRP paraphrase detection with factdesk's combined pair score.

Each split is treated as one review (TF-IDF and the other signals fitted on that split's
sentences; sentence 1 and sentence 2 of a pair are two "articles"). The decision threshold on
the pair score is chosen on train for accuracy and applied to test. Baseline: plain TF-IDF
word cosine with its own train-tuned threshold.

    .venv/bin/python benchmarks/align_msrp.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core.align.config import AlignConfig  # noqa: E402
from factdesk.core.align.features import build_features, quote_containment  # noqa: E402
from factdesk.core.align.score import combine, pair_features  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared/benchmarks/msrp"


def load(split: str) -> tuple[list[str], list[str], np.ndarray]:
    a, b, y = [], [], []
    with open(DATA / f"msr_paraphrase_{split}.txt", encoding="utf-8-sig") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 5:
                y.append(cols[0] == "1")
                a.append(cols[3])
                b.append(cols[4])
    return a, b, np.array(y)


def scores(a: list[str], b: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(plain TF-IDF cosine, factdesk pair score) for every pair of a split."""
    n = len(a)
    texts = a + b
    i, j = np.arange(n), np.arange(n) + n
    x = TfidfVectorizer().fit_transform(texts).tocsr()
    base = np.asarray(x[i].multiply(x[j]).sum(axis=1)).ravel()
    f = build_features(texts)
    ours = combine(pair_features(f, i, j, quote_containment(f, 200)), AlignConfig())
    return base, ours


def tune(s: np.ndarray, y: np.ndarray) -> float:
    cands = np.unique(s)
    acc = [((s >= t) == y).mean() for t in cands]
    return float(cands[int(np.argmax(acc))])


def report(name: str, s_tr, y_tr, s_te, y_te) -> None:
    thr = tune(s_tr, y_tr)
    pred = s_te >= thr
    tp = float((pred & y_te).sum())
    f1 = 2 * tp / (pred.sum() + y_te.sum())
    print(f"{name:22s} threshold {thr:.3f}  test accuracy {100 * (pred == y_te).mean():.1f}  "
          f"F1 {100 * f1:.1f}")


def main() -> int:
    a_tr, b_tr, y_tr = load("train")
    a_te, b_te, y_te = load("test")
    base_tr, ours_tr = scores(a_tr, b_tr)
    base_te, ours_te = scores(a_te, b_te)
    print(f"MSRP train {len(y_tr)} pairs, test {len(y_te)} pairs")
    report("plain TF-IDF cosine", base_tr, y_tr, base_te, y_te)
    report("factdesk pair score", ours_tr, y_tr, ours_te, y_te)
    return 0


if __name__ == "__main__":
    sys.exit(main())
