"""How many ECB+ articles factdesk dates, and which outlet it reads: every article written as
``benchmarks/stories.py`` writes it (``factgold.article_text``: one paragraph per sentence)
and read by ``read_article``.

    .venv/bin/python benchmarks/article_dates.py [--json OUT] [--against EARLIER.json]

``--json`` writes each article's date, outlet and date line; ``--against`` lists the articles
whose date or outlet differs from an earlier ``--json`` (run the earlier one on the other
branch), with the line that dated each, to be read by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import factgold  # noqa: E402

from factdesk.core.model import MarkKind  # noqa: E402
from factdesk.core.read.ingest import read_article  # noqa: E402


def read_all() -> dict[str, dict]:
    out = {}
    folder = Path(tempfile.mkdtemp(prefix="factdesk-dates-"))
    for doc in sorted(factgold.ecbplus_docs()):
        path = folder / f"{doc}.txt"
        path.write_text(factgold.article_text(doc), encoding="utf-8")
        a = read_article(path)
        line = next((a.text[m.start:m.end] for m in a.marks
                     if m.kind == MarkKind.METADATA and m.reason == "date line"), "")
        out[doc] = {"published": a.published, "outlet": a.outlet, "date_line": line}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--against", type=Path)
    args = parser.parse_args(argv)
    now = read_all()
    dated = sum(1 for v in now.values() if v["published"])
    named = sum(1 for v in now.values() if v["outlet"])
    print(f"ECB+ articles {len(now)}: dated {dated}, with an outlet {named}")
    if args.json:
        args.json.write_text(json.dumps(now, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        for doc, v in now.items():
            b = before.get(doc, {})
            if (b.get("published"), b.get("outlet")) != (v["published"], v["outlet"]):
                print(f"{doc:14} {b.get('published')} {b.get('outlet')!r} -> {v['published']} "
                      f"{v['outlet']!r}  | {b.get('date_line') or v['date_line']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
