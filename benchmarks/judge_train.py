"""Train and measure the pair judge (gradient-boosted trees), leave one story out.

For every annotated story (``benchmarks/data/facts`` and the seeds) the candidate pairs are
found as alignment finds them, each pair gets the judge's features
(``factdesk.core.align.judge.judge_features``) and a gold label (both passages stand for one
gold fact). For each story in turn the trees are fitted on all *other* stories and measured on
it: pair AP over all cross-article pairs (pairs that are no candidate count as missed) and the
pairwise F1 of the groups built from the judge's scores, beside the shipped hand-set score on
the same candidates. ``--write`` then fits on every story and writes the model that ships.

``--variants`` measures other judges beside it, on the same pairs and with the same trees:
``embed`` also reads the MiniLM sentence-embedding signals (``judge.EMBED_FEATURES``; needs
the encoder made by ``benchmarks/embed_export.py``), ``tokens`` those and a token-level
alignment (``judge.TOKEN_FEATURES``). With ``--write`` the ``embed`` judge is written to
``judge_model_embed.json``; ``--skip-loso`` only writes.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/judge_train.py [--variants judge,embed,tokens]
        [--write [--skip-loso]] [--stories a,b] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_stories import all_pairs, average_precision, pair_labels  # noqa: E402
from pairwise_score import score  # noqa: E402
from stories import Story, load_story, story_names, to_document  # noqa: E402

from factdesk.core.align.candidates import candidate_pairs  # noqa: E402
from factdesk.core.align.config import (  # noqa: E402
    HAND_SET,
    AlignConfig,
    article_codes,
    canonical_key,
    order_keys,
)
from factdesk.core.align.features import build_features, quote_containment  # noqa: E402
from factdesk.core.align.groups import (  # noqa: E402
    _to_groups,
    add_second_memberships,
    group_pairs,
)
from factdesk.core.align.judge import (  # noqa: E402
    EMBED_FEATURES,
    EMBED_MODEL_FILE,
    JUDGE_FEATURES,
    MODEL_FILE,
    TOKEN_FEATURES,
    TreeEnsemble,
    embedding_features,
    judge_features,
    token_features,
)
from factdesk.core.align.score import (  # noqa: E402
    add_neighbour_support,
    combine,
    link_scores,
    pair_features,
)

ROOT = Path(__file__).resolve().parents[1]
# one thread per fit: on a shared 2-core machine OpenMP's threads fight and a fit takes 5x longer
os.environ.setdefault("OMP_NUM_THREADS", "1")
CANDIDATES = AlignConfig()


@dataclass
class StoryPairs:
    story: Story
    passages: list
    art: np.ndarray
    i: np.ndarray
    j: np.ndarray
    x: np.ndarray  # judge features
    e: np.ndarray  # sentence-embedding features (EMBED_FEATURES), empty for the plain judge
    base: np.ndarray  # the hand-set score (with the mutual boost, as grouping uses it)
    y: np.ndarray
    all_i: np.ndarray
    all_j: np.ndarray
    all_y: np.ndarray


EMBED_CACHE = Path(os.environ.get("FACTDESK_EMBED_CACHE", "/tmp/factdesk-embed-cache"))


def cached_embeddings(texts: list[str]) -> np.ndarray:
    """The shipped encoder's embeddings of ``texts``, cached on disk by their content: the
    26 stories' ~6,000 passages take a few minutes to embed on two loaded cores."""
    import hashlib

    from factdesk.core.align.embed import embed

    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:20]
    path = EMBED_CACHE / f"{digest}.npy"
    if path.exists():
        return np.load(path)
    out = embed(texts)
    EMBED_CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def story_pairs(name: str, config: AlignConfig = CANDIDATES,
                with_embed: bool = False, with_tokens: bool = False) -> StoryPairs:
    story = load_story(name)
    passages = sorted(story.passages, key=canonical_key)
    feats = build_features([p.text for p in passages], config.min_quote_words)
    art = article_codes(passages)
    i, j = candidate_pairs(feats, art, config)
    sig = pair_features(feats, i, j, quote_containment(feats, config.index_max_df), art=art)
    sig = add_neighbour_support(passages, i, j, sig, config)
    x = judge_features(passages, feats, art, i, j, sig, combine(sig, config))
    canon = replace(story, passages=tuple(passages))
    ai, aj = all_pairs(canon)
    ay = pair_labels(canon, ai, aj)
    labels = dict(zip(zip(ai.tolist(), aj.tolist(), strict=True), ay.tolist(), strict=True))
    y = np.array([labels[(a, b)] for a, b in zip(i.tolist(), j.tolist(), strict=True)])
    base = link_scores(passages, art, i, j, sig, config)
    e = (embedding_features(cached_embeddings([p.text for p in passages]), art, i, j)
         if with_embed else np.zeros((len(i), 0)))
    if with_tokens:  # token vectors are not cached: ~400 MB for all stories
        from factdesk.core.align.embed import encode

        tokens = encode([p.text for p in passages], with_tokens=True)[1]
        e = np.hstack([e, token_features(tokens, art, i, j)])
    return StoryPairs(canon, passages, art, i, j, x, e, base, y, ai, aj, ay)


def pair_ap(sp_: StoryPairs, s: np.ndarray) -> float:
    full = dict(zip(zip(sp_.i.tolist(), sp_.j.tolist(), strict=True), s.tolist(), strict=True))
    scores = np.array([full.get((a, b), -1.0) for a, b in
                       zip(sp_.all_i.tolist(), sp_.all_j.tolist(), strict=True)])
    return average_precision(sp_.all_y, scores)


def grouped_f1(sp_: StoryPairs, s: np.ndarray, config: AlignConfig) -> tuple[float, float, float]:
    keep = s >= config.link_threshold
    clusters = group_pairs(sp_.art, sp_.i[keep], sp_.j[keep], s[keep], config)
    clusters = add_second_memberships(clusters, sp_.art, sp_.i, sp_.j, s, config)
    groups = _to_groups(sp_.passages, order_keys(sp_.passages), clusters, sp_.i[keep],
                        sp_.j[keep], s[keep])
    result = score(to_document(sp_.story, groups), sp_.story.gold)
    return result.precision, result.recall, result.f1


#: each judge's inputs: (b) today's signals, + sentence embeddings, + token alignment
VARIANTS = {"judge": JUDGE_FEATURES, "embed": JUDGE_FEATURES + EMBED_FEATURES,
            "tokens": JUDGE_FEATURES + EMBED_FEATURES + TOKEN_FEATURES}


def rows_of(d: StoryPairs, variant: str) -> np.ndarray:
    return np.hstack([d.x, d.e])[:, :len(VARIANTS[variant])]


def fit(data: list[StoryPairs], variant: str = "judge") -> TreeEnsemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    names = VARIANTS[variant]
    x = np.vstack([rows_of(d, variant) for d in data])
    y = np.concatenate([d.y for d in data])
    # every story weighs the same, whatever its size; a report of one attribute with another
    # value (the same fact, and a disagreement: where conflicts are) weighs three times
    w = np.concatenate([np.full(len(d.y), 1.0 / max(1, len(d.y))) for d in data])
    differ = x[:, JUDGE_FEATURES.index("unit_same_value_differs")] > 0
    w = np.where(differ & (y == 1), 5.0 * w, w)
    clf = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=4,
                                         min_samples_leaf=20, l2_regularization=1.0,
                                         random_state=0)
    clf.fit(x, y, sample_weight=w * len(y) / w.sum())
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        trees.append((np.where(nodes["is_leaf"], -1, nodes["feature_idx"]).astype(np.int64),
                      nodes["num_threshold"].astype(float), nodes["left"].astype(np.int64),
                      nodes["right"].astype(np.int64), nodes["value"].astype(float)))
    model = TreeEnsemble(float(np.ravel(clf._baseline_prediction)[0]), tuple(trees), names)
    check = x[:500]
    assert np.allclose(model.predict(check), clf.predict_proba(check)[:, 1], atol=1e-6)
    return model


JUDGE_GROUPING = AlignConfig()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", help="comma-separated story names (default: all)")
    ap.add_argument("--write", action="store_true", help="fit on all stories, write the model")
    ap.add_argument("--variants", default="judge",
                    help="comma-separated judges to measure: judge (today's signals), embed "
                         "(+ sentence embeddings), tokens (+ token alignment)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--skip-loso", action="store_true",
                    help="with --write: only fit on every story and write the model")
    args = ap.parse_args(argv)
    names = args.stories.split(",") if args.stories else story_names()
    t0 = time.perf_counter()
    variants = args.variants.split(",")
    data = {n: story_pairs(n, with_embed=variants != ["judge"],
                           with_tokens="tokens" in variants) for n in names}
    print(f"features for {len(names)} stories in {time.perf_counter() - t0:.1f} s; "
          f"{sum(len(d.y) for d in data.values())} candidate pairs, "
          f"{sum(int(d.y.sum()) for d in data.values())} positive")
    rows = []
    print(f"{'story':12s} {'AP hand':>8s} " + " ".join(f"{'AP ' + v:>9s}" for v in variants)
          + f" {'F1 hand':>8s} " + " ".join(f"{'F1 ' + v:>9s}" for v in variants))
    for name in [] if args.skip_loso else names:
        d = data[name]
        row = {"story": name, "ap_hand": pair_ap(d, d.base),
               "f1_hand": grouped_f1(d, d.base, HAND_SET)[2]}
        for v in variants:
            model = fit([o for n, o in data.items() if n != name], v)
            p = model.predict(rows_of(d, v))
            pr, rc, f1 = grouped_f1(d, p, JUDGE_GROUPING)
            row |= {f"ap_{v}": pair_ap(d, p), f"f1_{v}": f1, f"p_{v}": pr, f"r_{v}": rc}
        rows.append(row)
        print(f"{name:12s} {row['ap_hand']:8.3f} "
              + " ".join(f"{row['ap_' + v]:9.3f}" for v in variants)
              + f" {row['f1_hand']:8.3f} " + " ".join(f"{row['f1_' + v]:9.3f}" for v in variants)
              + "  " + " ".join(f"(P/R {v} {row['p_' + v]:.3f} {row['r_' + v]:.3f})"
                                for v in variants), flush=True)
    other = [r for r in rows if r["story"] != "seeds"]
    for label, group in (("all stories", rows), ("ECB+ stories", other)):
        if group:
            print(f"{label}: mean AP " + ", ".join(
                f"{v} {np.mean([r['ap_' + v] for r in group]):.3f}" for v in ["hand", *variants])
                + "; mean F1 " + ", ".join(
                f"{v} {np.mean([r['f1_' + v] for r in group]):.3f}" for v in ["hand", *variants])
                + "; F1 >= 0.60: " + ", ".join(
                f"{v} {sum(r['f1_' + v] >= 0.6 for r in group)}/{len(group)}"
                for v in ["hand", *variants]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.write:
        for v in variants:
            if v == "tokens":
                continue  # measured, never shipped: it would need the token vectors at run time
            model = fit(list(data.values()), v)
            out = ROOT / "factdesk/core/align" / (MODEL_FILE if v == "judge" else EMBED_MODEL_FILE)
            out.write_text(json.dumps(model.to_json(), separators=(",", ":")), encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size / 1024:.0f} KiB, "
                  f"{len(model.trees)} trees)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
