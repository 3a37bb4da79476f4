"""Agreement between two independent annotation passes of one story (pairwise F1).

Each pass is turned into groups of factdesk passages (a passage joins a fact when it holds one
of the fact's member spans, as ``pairwise_score.py`` maps them), and the second pass's groups
are scored against the first pass as gold: the same pairwise P / R / F1 the alignment gets.
An aligner cannot be expected to agree with the gold more than two annotators agree.

    .venv/bin/python benchmarks/annotation_agreement.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import factgold  # noqa: E402
from align_stories import passage_facts  # noqa: E402
from pairwise_score import score  # noqa: E402
from stories import load_story, to_document  # noqa: E402

from factdesk.core.model import AlignmentGroup, GroupMember  # noqa: E402


def as_groups(story) -> list[AlignmentGroup]:
    """The story's gold facts as alignment groups over its passages."""
    members: dict[int, list[str]] = {}
    for p, facts in zip(story.passages, passage_facts(story), strict=True):
        for f in facts:
            members.setdefault(f, []).append(p.id)
    return [AlignmentGroup(f"f{k}", tuple(GroupMember(pid, 1.0) for pid in ids), 1.0)
            for k, ids in sorted(members.items()) if len(ids) > 1]


def main() -> int:
    passes = sorted(factgold.FACTS.glob("*.pass2.json"))
    print(f"{'story':12s} {'P':>6s} {'R':>6s} {'F1':>6s}   (pass 2 scored against pass 1)")
    f1s = []
    for second in passes:
        name = second.name.removesuffix(".pass2.json")
        first = load_story(name)
        other = load_story(f"{name}.pass2", second)
        # score on the first pass's articles; the second may have chosen others
        keep = {a.id for a in first.articles}
        groups = [g for g in as_groups(other)
                  if len({pid.rsplit(".", 1)[0] for pid in g.passage_ids}) > 1]
        doc = to_document(first, groups)
        ids = {p["id"] for p in doc["passages"]}
        doc["alignments"] = [{"id": a["id"], "passages": [p for p in a["passages"] if p in ids]}
                             for a in doc["alignments"]]
        result = score(doc, first.gold)
        f1s.append(result.f1)
        print(f"{name:12s} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f}"
              f"   ({len(keep)} articles)")
    if f1s:
        print(f"mean pairwise F1 between passes: {sum(f1s) / len(f1s):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
