"""Check-worthiness scorer (``core.check.suggestions.checkworthiness``), ClaimBuster, CLEF-2019.

Prints accuracy / F1 (positive class) / ROC AUC on ClaimBuster test (threshold 0.5) for the
shipped hand-set weights, and MAP over the CLEF-2019 CheckThat! Task 1 test transcripts.
``--fit`` fits a logistic regression on ClaimBuster train over the same features and prints
the weights to copy into suggest.WEIGHTS (the shipped scorer never trains at run time).

    .venv/bin/python benchmarks/checkworthy.py [--fit]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core.check.suggestions import (  # noqa: E402
    FEATURE_NAMES,
    _features,
    checkworthiness,
)

DATA = ROOT.parent / "shared/benchmarks"


def claimbuster(split: str) -> tuple[list[str], np.ndarray]:
    rows = json.loads((DATA / "claimbuster" / f"{split}.json").read_text(encoding="utf-8"))
    return [r["text"] for r in rows], np.array([int(r["label"]) for r in rows])


def clef_test() -> list[tuple[list[str], np.ndarray]]:
    """One (sentences, labels) per test transcript; labels starting with "1" are positive."""
    out = []
    for path in sorted((DATA / "clef2019-checkthat-task1" / "test_annotated").glob("*.tsv")):
        texts, labels = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                texts.append(parts[2])
                labels.append(1 if parts[3].strip().startswith("1") else 0)
        out.append((texts, np.array(labels)))
    return out


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = labels[order]
    if hits.sum() == 0:
        return 0.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def fit() -> None:
    from sklearn.linear_model import LogisticRegression

    texts, y = claimbuster("train")
    x = np.array([_features(t) for t in texts])
    model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced").fit(x, y)
    weights = [round(float(w), 2) for w in model.coef_[0]] + [round(float(model.intercept_[0]), 2)]
    for name, w in zip((*FEATURE_NAMES, "intercept"), weights, strict=True):
        print(f"  {name:18s} {w:+.2f}")
    print("WEIGHTS =", tuple(weights))


def evaluate() -> None:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    texts, y = claimbuster("test")
    s = np.array([checkworthiness(t) for t in texts])
    pred = (s >= 0.5).astype(int)
    print(f"ClaimBuster test ({len(y)} sentences, {int(y.sum())} positive): "
          f"accuracy {accuracy_score(y, pred):.3f}, F1 {f1_score(y, pred):.3f}, "
          f"AUC {roc_auc_score(y, s):.3f}")
    aps = [average_precision(np.array([checkworthiness(t) for t in tx]), lab)
           for tx, lab in clef_test()]
    print(f"CLEF-2019 Task 1 test ({len(aps)} transcripts): MAP {np.mean(aps):.3f} "
          f"(per transcript {', '.join(f'{a:.3f}' for a in aps)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", action="store_true", help="fit weights on ClaimBuster train")
    args = ap.parse_args()
    if args.fit:
        fit()
    evaluate()


if __name__ == "__main__":
    main()
