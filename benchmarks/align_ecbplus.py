"""ECB+ cross-article sentence alignment: plain TF-IDF cosine vs factdesk's combined pair score.

Candidates are all cross-article pairs of *selected* sentences within a topic (both sub-topics,
so similar-but-different events are hard negatives); a pair is positive when it is listed in
``ecbplus_event_sentence_pairs.tsv``. Topics 1–35 are for tuning, 36–45 are reported.
Each topic is one "review": TF-IDF and all other signals are fitted on all sentences of the
topic's articles, as the app fits them on a review's passages.

    .venv/bin/python benchmarks/align_ecbplus.py          # report with the shipped defaults
    .venv/bin/python benchmarks/align_ecbplus.py --fit    # also refit the logistic weights
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factdesk.core.align.config import AlignConfig, article_codes  # noqa: E402
from factdesk.core.align.features import build_features, quote_containment  # noqa: E402
from factdesk.core.align.groups import align_passages  # noqa: E402
from factdesk.core.align.score import combine, pair_features  # noqa: E402
from factdesk.core.model import Passage  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared/benchmarks/ecbplus"
TRAIN = range(1, 36)
TEST = range(36, 46)


def load_docs() -> dict[int, list[dict]]:
    topics: dict[int, list[dict]] = defaultdict(list)
    with open(DATA / "ecbplus_docs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            topics[doc["topic"]].append(doc)
    for docs in topics.values():
        docs.sort(key=lambda d: d["doc_id"])
    return topics


def load_gold() -> set[tuple[str, int, str, int]]:
    gold = set()
    with open(DATA / "ecbplus_event_sentence_pairs.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            _, _, da, sa, db, sb = line.rstrip("\n").split("\t")
            a, b = (da, int(sa)), (db, int(sb))
            gold.add((*min(a, b), *max(a, b)))
    return gold


def topic_passages(docs: list[dict]) -> list[Passage]:
    out = []
    for d in docs:
        for k, s in enumerate(d["sentences"]):
            out.append(Passage(f"{d['doc_id']}#{s['i']}", d["doc_id"], k, 0, len(s["text"]),
                               s["text"]))
    return out


def topic_pairs(docs: list[dict], passages: list[Passage], gold: set) -> tuple:
    """Row indices (i, j) of all cross-article selected pairs and their gold labels."""
    row = {p.id: k for k, p in enumerate(passages)}
    selected = [(d["doc_id"], i) for d in docs for i in d["selected_sentences"]]
    i_idx, j_idx, labels = [], [], []
    for a, b in combinations(selected, 2):
        if a[0] == b[0]:
            continue
        a, b = min(a, b), max(a, b)
        i_idx.append(row[f"{a[0]}#{a[1]}"])
        j_idx.append(row[f"{b[0]}#{b[1]}"])
        labels.append((*a, *b) in gold)
    return np.array(i_idx), np.array(j_idx), np.array(labels, dtype=bool)


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = labels[order].astype(float)
    prec = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((prec * hits).sum() / max(hits.sum(), 1))


def f1_at(scores: np.ndarray, labels: np.ndarray, thr: float) -> float:
    pred = scores >= thr
    tp = float((pred & labels).sum())
    return 2 * tp / max(float(pred.sum() + labels.sum()), 1.0)


def best_f1(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    order = np.argsort(-scores, kind="stable")
    tp = np.cumsum(labels[order])
    f1 = 2 * tp / (np.arange(1, len(order) + 1) + labels.sum())
    k = int(np.argmax(f1))
    return float(f1[k]), float(scores[order][k])


def collect(topics: dict, gold: set, ids: range) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signals, plain TF-IDF cosine and labels of every candidate pair of the given topics."""
    feats, base, labels = [], [], []
    for t in ids:
        docs = topics.get(t)
        if not docs:
            continue
        passages = topic_passages(docs)
        f = build_features([p.text for p in passages])
        i, j, y = topic_pairs(docs, passages, gold)
        x = pair_features(f, i, j, quote_containment(f, 200), art=article_codes(passages))
        feats.append(x)
        base.append(_plain_tfidf([p.text for p in passages], i, j))
        labels.append(y)
    return np.vstack(feats), np.concatenate(base), np.concatenate(labels)


def _plain_tfidf(texts: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts).tocsr()
    return np.asarray(x[i].multiply(x[j]).sum(axis=1)).ravel()


def fit_weights(x: np.ndarray, y: np.ndarray) -> tuple[tuple[float, ...], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    return tuple(round(float(w), 3) for w in model.coef_[0]), round(float(model.intercept_[0]), 3)


def grouped_f1(topics: dict, gold: set, ids: range, config: AlignConfig) -> tuple[float, ...]:
    """Align each topic's articles (all sentences) and score same-group selected pairs."""
    tp = npred = npos = 0
    for t in ids:
        docs = topics.get(t)
        if not docs:
            continue
        passages = topic_passages(docs)
        groups = align_passages(passages, config=config)
        groups_of: dict[str, set[str]] = {}
        for g in groups:  # a passage may report two facts and sit in two groups
            for m in g.members:
                groups_of.setdefault(m.passage_id, set()).add(g.id)
        i, j, y = topic_pairs(docs, passages, gold)
        same = np.array([bool(groups_of.get(passages[a].id, set())
                              & groups_of.get(passages[b].id, set()))
                         for a, b in zip(i, j, strict=True)], dtype=bool)
        tp += int((same & y).sum())
        npred += int(same.sum())
        npos += int(y.sum())
    p, r = tp / max(npred, 1), tp / max(npos, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fit", action="store_true", help="refit logistic weights on 1–35")
    args = parser.parse_args()
    topics, gold = load_docs(), load_gold()
    config = AlignConfig()
    x_tr, b_tr, y_tr = collect(topics, gold, TRAIN)
    x_te, b_te, y_te = collect(topics, gold, TEST)
    if args.fit:
        w, b = fit_weights(x_tr, y_tr)
        print(f"fitted weights {w} bias {b}")
        config = replace(config, weights=w, bias=b)
    print(f"train topics 1-35: {len(y_tr)} pairs ({y_tr.mean():.1%} positive); "
          f"test topics 36-45: {len(y_te)} pairs ({y_te.mean():.1%} positive)")
    s_tr, s_te = combine(x_tr, config), combine(x_te, config)
    for name, tr, te in (("plain TF-IDF cosine", b_tr, b_te), ("factdesk pair score", s_tr, s_te)):
        _, thr = best_f1(tr, y_tr)
        bf1, _ = best_f1(te, y_te)
        print(f"{name:22s} test AP {average_precision(te, y_te):.3f}  best F1 {bf1:.3f}  "
              f"F1 at train-tuned threshold {thr:.3f}: {f1_at(te, y_te, thr):.3f}")
    p, r, f = grouped_f1(topics, gold, TEST, config)
    print(f"grouped output (same group = aligned), test topics: P={p:.3f} R={r:.3f} F1={f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
