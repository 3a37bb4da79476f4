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

The fine-tuned cross-encoder (``benchmarks/xenc_train.py``) is measured from here too:
``--dump-pairs`` writes the candidate pairs, labels and out-of-fold trees probabilities it
trains and scores on, and ``--xenc-scores`` reads its out-of-fold logits back for the variants
``xenc`` (a: the cross-encoder alone) and ``judge_xenc`` (c: the trees with its logit), with
F1 also at grouping thresholds picked leave-one-story-out (benchmarks/README.md).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/judge_train.py [--variants judge,embed,tokens]
        [--write [--skip-loso]] [--stories a,b] [--json OUT] [--dump-pairs PAIRS]
        [--variants xenc,judge,judge_xenc --xenc-scores SCORES] [--oof OUT.npz]

``--oof`` saves the judge's out-of-fold probability of every candidate pair (per story: the
rows ``i``, ``j`` in canonical order and ``p``), which ``benchmarks/grouping_compare.py`` groups
in several ways without refitting the trees.
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
    #: the cross-encoder's out-of-fold logit per candidate pair (``--xenc-scores``; pairs it
    #: did not score hold the floor), and whether it scored the pair
    xenc: np.ndarray | None = None
    xenc_scored: np.ndarray | None = None


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


#: each judge's inputs: (b) today's signals, + sentence embeddings, + token alignment;
#: (c) today's signals + the fine-tuned cross-encoder's logit (``--xenc-scores``)
VARIANTS = {"judge": JUDGE_FEATURES, "embed": JUDGE_FEATURES + EMBED_FEATURES,
            "tokens": JUDGE_FEATURES + EMBED_FEATURES + TOKEN_FEATURES,
            "judge_xenc": (*JUDGE_FEATURES, "xenc_logit")}
#: (a): the cross-encoder alone, its logit calibrated on the other stories (no trees)
XENC_ALONE = "xenc"


def rows_of(d: StoryPairs, variant: str) -> np.ndarray:
    if variant == "judge_xenc":
        return np.hstack([d.x, d.xenc[:, None]])
    return np.hstack([d.x, d.e])[:, :len(VARIANTS[variant])]


def attach_xenc(path: Path, data: dict[str, StoryPairs]) -> float:
    """Read the cross-encoder's out-of-fold logits (``xenc_train.py report`` writes them: one
    JSON line per scored pair, ``story, i, j, score``) onto the candidate pairs. A pair it did
    not score (``xenc_train.py score --floor``: the trees ruled it out) gets one floor value,
    1 below the lowest logit scored, the same in training and held-out stories. Returns the
    floor."""
    got: dict[tuple[str, int, int], float] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            got[(r["story"], r["i"], r["j"])] = float(r["score"])
    floor = min(got.values()) - 1.0
    for name, d in data.items():
        keys = [(name, a, b) for a, b in zip(d.i.tolist(), d.j.tolist(), strict=True)]
        d.xenc_scored = np.array([k in got for k in keys])
        d.xenc = np.array([got.get(k, floor) for k in keys])
    return floor


def calibrated_xenc(train: list[StoryPairs], d: StoryPairs) -> np.ndarray:
    """(a) as a judge: the cross-encoder's logit mapped to a probability by a logistic fit
    (Platt) on the *other* stories' scored pairs, every story weighing the same, so that the
    grouping thresholds mean what they mean for the trees. A pair it did not score is 0."""
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([t.xenc[t.xenc_scored] for t in train])[:, None]
    y = np.concatenate([t.y[t.xenc_scored] for t in train])
    w = np.concatenate([np.full(int(t.xenc_scored.sum()), 1.0 / max(1, t.xenc_scored.sum()))
                        for t in train])
    lr = LogisticRegression(C=100.0).fit(x, y, sample_weight=w * len(y) / w.sum())
    p = lr.predict_proba(d.xenc[:, None])[:, 1]
    return np.where(d.xenc_scored, p, 0.0)


#: shifts of every grouping threshold, in log-odds, among which leave-one-story-out picks one
#: per held-out story (the shift that gives the best mean F1 over the other stories)
SHIFTS = (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5)


def shifted(p: np.ndarray, shift: float) -> np.ndarray:
    """``p`` moved by ``shift`` log-odds: the same as lowering every threshold by it."""
    q = np.clip(p, 1e-9, 1 - 1e-9)
    return np.where(p <= 0.0, 0.0, 1.0 / (1.0 + np.exp(-(np.log(q / (1 - q)) + shift))))


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
    # no early stopping: with more than 10,000 pairs scikit-learn's default holds out a random
    # tenth of them to decide when to stop, which never stopped before 200 trees here and only
    # took those pairs from the training (benchmarks/README.md, "Prose and all the pairs")
    clf = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=4,
                                         min_samples_leaf=20, l2_regularization=1.0,
                                         early_stopping=False, random_state=0)
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


def dump_pairs(path: Path, data: dict[str, StoryPairs],
               trees: dict[str, np.ndarray] | None = None) -> None:
    """Write the candidate pairs exactly as the judge sees them, one JSON line each, so that
    the cross-encoder (``xenc_train.py``) trains and scores on the same pairs and labels; ``i``
    and ``j`` index the story's passages in canonical order. With ``trees`` (each story's
    leave-one-story-out probability) every line also carries ``trees``: the cross-encoder
    scores only the pairs the trees do not rule out. Written to a temporary file and renamed,
    so a reader never sees half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for name, d in data.items():
            for n, (a, b) in enumerate(zip(d.i.tolist(), d.j.tolist(), strict=True)):
                row = {"story": name, "i": a, "j": b, "a": d.passages[a].text,
                       "b": d.passages[b].text, "label": int(d.y[n])}
                if trees is not None:
                    row["trees"] = round(float(trees[name][n]), 6)
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)
    print(f"wrote {sum(len(d.y) for d in data.values())} pairs to {path}"
          + (" with the trees' out-of-fold probability" if trees else ""), flush=True)


def save_oof(path: Path, data: dict[str, StoryPairs], oof: dict[str, np.ndarray]) -> None:
    """Save each held-out story's candidate pairs and the judge's out-of-fold probability, so
    that grouping methods can be compared on them without refitting (minutes per run)."""
    arrays = {}
    for name, p in oof.items():
        d = data[name]
        arrays |= {f"{name}/i": d.i, f"{name}/j": d.j, f"{name}/p": p}
    np.savez_compressed(path, **arrays)
    print(f"saved the out-of-fold probabilities of {len(oof)} stories to {path}", flush=True)


def cv_thresholds(rows: list[dict], shifts_f1: dict[str, dict[str, list[float]]],
                  variants: list[str]) -> None:
    """Each judge's F1 with its grouping thresholds chosen leave-one-story-out: for each held-
    out story the shift (``SHIFTS``) with the best mean F1 over the *other* stories. Adds
    ``f1cv_<variant>`` and ``shift_<variant>`` to each row and prints the table of a, b, c."""
    for v in variants:
        table = shifts_f1[v]
        for row in rows:
            others = np.mean([f for n, f in table.items() if n != row["story"]], axis=0)
            best = int(np.argmax(others))
            row[f"f1cv_{v}"] = table[row["story"]][best]
            row[f"shift_{v}"] = SHIFTS[best]
    print("\nF1 with the grouping thresholds shifted as leave-one-story-out picks (shift in "
          "log-odds):")
    print(f"{'story':12s} " + " ".join(f"{'AP ' + v:>12s}" for v in variants) + " "
          + " ".join(f"{'F1 ' + v:>12s}" for v in variants) + "  shifts")
    for row in rows:
        print(f"{row['story']:12s} " + " ".join(f"{row['ap_' + v]:12.3f}" for v in variants)
              + " " + " ".join(f"{row['f1cv_' + v]:12.3f}" for v in variants) + "  "
              + " ".join(f"{row['shift_' + v]:+.1f}" for v in variants), flush=True)
    other = [r for r in rows if r["story"] != "seeds"]
    seeds = [r for r in rows if r["story"] == "seeds"]
    for v in variants:
        print(f"{v:>12s}: ECB+ ({len(other)}) mean AP {np.mean([r['ap_' + v] for r in other]):.3f}"
              f", mean F1 {np.mean([r['f1cv_' + v] for r in other]):.3f} "
              f"(fixed thresholds {np.mean([r['f1_' + v] for r in other]):.3f}), "
              f"F1 >= 0.60: {sum(r['f1cv_' + v] >= 0.6 for r in other)}/{len(other)}"
              + (f"; seeds AP {seeds[0]['ap_' + v]:.3f} F1 {seeds[0]['f1cv_' + v]:.3f} "
                 f"(fixed {seeds[0]['f1_' + v]:.3f})" if seeds else ""))


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
    ap.add_argument("--xenc-scores", type=Path,
                    help="the cross-encoder's out-of-fold logits (xenc_train.py report); "
                         "enables the variants xenc (a: the cross-encoder alone) and "
                         "judge_xenc (c: the trees with its logit as one more feature)")
    ap.add_argument("--dump-pairs", type=Path,
                    help="write every story's candidate pairs (story, i, j, a, b, label) as JSON "
                         "lines for benchmarks/xenc_train.py; after the LOSO run the file is "
                         "written again with each pair's out-of-fold trees probability (trees)")
    ap.add_argument("--oof", type=Path,
                    help="save the judge's out-of-fold probabilities (npz: <story>/i, /j, /p) "
                         "for benchmarks/grouping_compare.py")
    args = ap.parse_args(argv)
    names = args.stories.split(",") if args.stories else story_names()
    t0 = time.perf_counter()
    variants = args.variants.split(",")
    data = {n: story_pairs(n, with_embed=bool({"embed", "tokens"} & set(variants)),
                           with_tokens="tokens" in variants) for n in names}
    if args.xenc_scores:
        floor = attach_xenc(args.xenc_scores, data)
        scored = np.concatenate([d.xenc_scored for d in data.values()])
        ys = np.concatenate([d.y for d in data.values()])
        print(f"cross-encoder scores: {int(scored.sum())} of {len(scored)} pairs scored, "
              f"{ys[scored].sum() / max(1, ys.sum()):.3f} of the positives; the rest at the "
              f"floor {floor:.2f}")
    elif {XENC_ALONE, "judge_xenc"} & set(variants):
        ap.error("the variants xenc and judge_xenc need --xenc-scores")
    shifts_f1: dict[str, dict[str, list[float]]] = {}
    print(f"features for {len(names)} stories in {time.perf_counter() - t0:.1f} s; "
          f"{sum(len(d.y) for d in data.values())} candidate pairs, "
          f"{sum(int(d.y.sum()) for d in data.values())} positive")
    if args.dump_pairs:
        dump_pairs(args.dump_pairs, data)
    oof: dict[str, np.ndarray] = {}
    rows = []
    print(f"{'story':12s} {'AP hand':>8s} " + " ".join(f"{'AP ' + v:>9s}" for v in variants)
          + f" {'F1 hand':>8s} " + " ".join(f"{'F1 ' + v:>9s}" for v in variants))
    for name in [] if args.skip_loso else names:
        d = data[name]
        row = {"story": name, "ap_hand": pair_ap(d, d.base),
               "f1_hand": grouped_f1(d, d.base, HAND_SET)[2]}
        for v in variants:
            train = [o for n, o in data.items() if n != name]
            if v == XENC_ALONE:
                p = calibrated_xenc(train, d)
            else:
                p = fit(train, v).predict(rows_of(d, v))
            if v == "judge":
                oof[name] = p
            pr, rc, f1 = grouped_f1(d, p, JUDGE_GROUPING)
            row |= {f"ap_{v}": pair_ap(d, p), f"f1_{v}": f1, f"p_{v}": pr, f"r_{v}": rc}
            if args.xenc_scores:  # every shift's F1, for the thresholds picked below
                shifts_f1.setdefault(v, {})[name] = [
                    grouped_f1(d, shifted(p, t), JUDGE_GROUPING)[2] for t in SHIFTS]
        rows.append(row)
        print(f"{name:12s} {row['ap_hand']:8.3f} "
              + " ".join(f"{row['ap_' + v]:9.3f}" for v in variants)
              + f" {row['f1_hand']:8.3f} " + " ".join(f"{row['f1_' + v]:9.3f}" for v in variants)
              + "  " + " ".join(f"(P/R {v} {row['p_' + v]:.3f} {row['r_' + v]:.3f})"
                                for v in variants), flush=True)
    if shifts_f1:
        cv_thresholds(rows, shifts_f1, variants)
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
    if args.dump_pairs and len(oof) == len(data):
        dump_pairs(args.dump_pairs, data, oof)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.oof and oof:
        save_oof(args.oof, data, oof)
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
