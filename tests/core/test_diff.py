"""Word-level diffs: what a reviewer sees when comparing two aligned passages."""

from __future__ import annotations

import re

from factdesk.core.align.diff import diff_words
from factdesk.core.model import DiffKind

A = "It is unclear what peace plan was presented after an initial 28-point plan was shown."
B = "It remains unclear which peace plan was presented after the initial 27-point plan was shown."


def _rebuild(spans, side: str) -> str:
    skip = DiffKind.INSERT if side == "a" else DiffKind.DELETE
    return "".join(s.text for s in spans if s.kind is not skip)


def test_spans_reassemble_both_texts_and_offsets_index_them() -> None:
    spans = diff_words(A, B)
    assert _rebuild(spans, "a") == A
    assert _rebuild(spans, "b") == B
    for s in spans:
        if s.kind is not DiffKind.INSERT:
            assert A[s.a_start : s.a_end] == s.text
        if s.kind is not DiffKind.DELETE:
            assert B[s.b_start : s.b_end] == s.text


def test_changed_number_is_a_delete_and_an_insert() -> None:
    spans = diff_words("a 27-point plan", "a 28-point plan")
    assert [(s.kind, s.text) for s in spans] == [
        (DiffKind.EQUAL, "a "), (DiffKind.DELETE, "27"), (DiffKind.INSERT, "28"),
        (DiffKind.EQUAL, "-point plan"),
    ]


def test_a_number_with_separators_changes_as_a_whole() -> None:
    """38,000 against 45,000 (or 4.2 against 4.5) is one number changed: the reviewer never
    sees ",000" marked as common to both outlets."""
    spans = diff_words("About 38,000 vehicles, 4.2 million euros",
                       "Some 45,000 vehicles, 4.5 million euros")
    assert [(s.kind, s.text) for s in spans] == [
        (DiffKind.DELETE, "About 38,000"), (DiffKind.INSERT, "Some 45,000"),
        (DiffKind.EQUAL, " vehicles, "), (DiffKind.DELETE, "4.2"), (DiffKind.INSERT, "4.5"),
        (DiffKind.EQUAL, " million euros"),
    ]


def test_edits_never_split_a_word() -> None:
    spans = diff_words("Zelensky said on Monday no", "Zelenskyy said no on Sunday")
    for s in spans:
        if s.kind is DiffKind.EQUAL:
            continue
        src = "Zelensky said on Monday no" if s.kind is DiffKind.DELETE else (
            "Zelenskyy said no on Sunday")
        start = s.a_start if s.kind is DiffKind.DELETE else s.b_start
        end = s.a_end if s.kind is DiffKind.DELETE else s.b_end
        assert start == 0 or not (src[start - 1].isalnum() and src[start].isalnum())
        assert end == len(src) or not (src[end - 1].isalnum() and src[end].isalnum())
    deleted = [s.text for s in spans if s.kind is DiffKind.DELETE]
    assert any(re.fullmatch(r"Zelensky", t.strip()) for t in deleted)


def test_identical_across_runs_and_for_equal_texts() -> None:
    assert diff_words(A, B) == diff_words(A, B)
    same = diff_words(A, A)
    assert [(s.kind, s.text) for s in same] == [(DiffKind.EQUAL, A)]


def test_empty_sides() -> None:
    assert [(s.kind, s.text) for s in diff_words("", "new words")] == [
        (DiffKind.INSERT, "new words")]
    assert [(s.kind, s.text) for s in diff_words("old words", "")] == [
        (DiffKind.DELETE, "old words")]
    assert diff_words("", "") == []


def _one_line(words: int, seed: int) -> str:
    """A long one-line 'article' with no sentence end: a dump, a transcript without punctuation."""
    import random

    rng = random.Random(seed)
    vocab = ["quake", "killed", "four", "people", "in", "manokwari", "officials", "said",
             "buildings", "destroyed", "on", "sunday", "the", "and", "hundreds", "of"]
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_two_long_one_line_passages_are_compared_at_a_cost_that_grows_linearly(
    monkeypatch,
) -> None:
    """Two unlike one-line articles of 300 KB never finished exporting with a claim on them
    (the word diff was quadratic); the largest single diff step is now bounded, whatever the
    length, and the result is still an exact diff that finds the claim's words."""
    from diff_match_patch import diff_match_patch

    from factdesk.core.check.claimscope import map_words
    from factdesk.core.model import Passage

    largest: list[int] = [0]
    real = diff_match_patch.diff_bisect

    def counting(self, text1, text2, deadline):  # the real step, with its size recorded
        largest[0] = max(largest[0], len(text1) * len(text2))
        return real(self, text1, text2, deadline)

    monkeypatch.setattr(diff_match_patch, "diff_bisect", counting)
    claim = "manokwari quake killed four people"
    a = claim + " " + _one_line(3_000, 1)
    b = "The " + claim + " " + _one_line(3_000, 2)
    spans = diff_words(a, b)
    assert _rebuild(spans, "a") == a
    assert _rebuild(spans, "b") == b
    # 6,000 tokens a side: a whole-text diff step is 36 million token pairs; windows keep it
    # to about a thousandth of that
    assert 0 < largest[0] <= 1_000_000
    pa = Passage("x.1", "x", 1, 0, len(a), a)
    pb = Passage("y.1", "y", 1, 0, len(b), b)
    found = map_words(pa, 0, len(claim), pb, spans)
    assert found is not None and b[found[0] : found[1]] == claim


def _article(paragraphs: int, seed: int, sep: str = "\n\n") -> str:
    """A long article of distinct, ordinary sentences (well past the one-go word-diff size)."""
    import random

    rng = random.Random(seed)
    towns = ["Kherson", "Odesa", "Kharkiv", "Dnipro", "Lviv", "Sumy", "Poltava", "Mykolaiv"]
    verbs = ["said", "added", "noted", "warned"]
    paras = []
    for p in range(paragraphs):
        sentences = []
        for s in range(4):
            n = p * 4 + s
            sentences.append(
                f"Officials in {rng.choice(towns)} {rng.choice(verbs)} that {n + 3} buildings "
                f"were damaged overnight and {n * 7 + 2} families moved to shelter number {n}."
            )
        paras.append(" ".join(sentences))
    return sep.join(paras)


def _changed(spans) -> list[tuple[DiffKind, str]]:
    return [(s.kind, s.text) for s in spans if s.kind is not DiffKind.EQUAL]


def test_a_long_article_with_an_inserted_paragraph_shows_only_what_changed() -> None:
    """A new version of a long article (a paragraph added near the top, "said" changed near the
    end) shows that paragraph inserted and that one word changed, and nothing else: unchanged
    paragraphs after the insertion are never shown deleted and inserted again."""
    a = _article(16, 3)
    paras = a.split("\n\n")
    new = "A spokesman later told reporters that no date had been set for a further meeting."
    b = "\n\n".join(paras[:3] + [new] + paras[3:])
    k = b.rfind(" said ")
    b = b[:k] + " told reporters " + b[k + 6 :]
    assert len(a.split()) > 1_000
    spans = diff_words(a, b)
    assert _rebuild(spans, "a") == a and _rebuild(spans, "b") == b
    assert _changed(spans) == [
        (DiffKind.INSERT, new + "\n\n"), (DiffKind.DELETE, "said"),
        (DiffKind.INSERT, "told reporters"),
    ]


def test_a_one_line_article_with_a_new_lead_and_sign_off_keeps_its_body_equal() -> None:
    """One long line (no paragraph breaks), a lead added in front and a different sign-off: the
    whole body stays equal, only the lead and the agency's name are changed."""
    body = _article(12, 4, sep=" ")
    lead = "The ministry said on Thursday it was ready to continue talks, state media reported. " * 6
    a = body + " AFP contributed."
    b = lead + body + " Reuters contributed."
    spans = diff_words(a, b)
    assert _rebuild(spans, "a") == a and _rebuild(spans, "b") == b
    assert _changed(spans) == [
        (DiffKind.INSERT, lead), (DiffKind.DELETE, "AFP"), (DiffKind.INSERT, "Reuters"),
    ]


def test_a_huge_line_without_full_stops_keeps_its_text_equal_around_insertions() -> None:
    """A 20,000-word line with no full stop or line break (a transcript, a dump), with words
    inserted at the start and in the middle, shows those words inserted and nothing else."""
    a = _one_line(20_000, 5)
    k = a.index(" ", 50_000)
    b = "a new lead " + a[:k] + " inserted words here" + a[k:]
    spans = diff_words(a, b)
    assert _rebuild(spans, "a") == a and _rebuild(spans, "b") == b
    inserted = "".join(s.text for s in spans if s.kind is DiffKind.INSERT)
    assert not any(s.kind is DiffKind.DELETE for s in spans)
    assert len(inserted) == len("a new lead ") + len(" inserted words here")
