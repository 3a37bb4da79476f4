"""N-way passage alignment: behaviour a reviewer would notice."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import numpy as np
import pytest

from factdesk.core.align.config import AlignConfig
from factdesk.core.align.features import clauses, normalize, stem
from factdesk.core.align.groups import add_second_memberships, align_passages
from factdesk.core.align.score import neighbour_support, similar_pairs
from factdesk.core.model import Passage
from factdesk.core.progress import Cancelled, CancelToken

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared/corpus/seeds"

FILLER = [
    "The city council approved a new budget for road repairs after a long debate.",
    "Heavy rain is expected across the northern region over the weekend.",
    "The museum reopened its east wing after two years of renovation work.",
    "Local farmers reported a strong harvest of apples and pears this autumn.",
]


def _articles(*articles: list[str]) -> list[Passage]:
    out = []
    for a, sentences in enumerate(articles):
        for k, text in enumerate(sentences):
            out.append(Passage(f"a{a}:{k}", f"a{a}", k, 0, len(text), text))
    return out


def _grouped(groups, x: str, y: str) -> bool:
    return any(x in g.passage_ids and y in g.passage_ids for g in groups)


def test_same_quotation_with_different_surroundings_is_grouped() -> None:
    passages = _articles(
        [FILLER[0], "“We will not sign anything that gives away the northern valley,” Mayor "
         "Halvorsen told the assembly on Tuesday.", FILLER[1]],
        [FILLER[2], "Speaking after a stormy session, the mayor insisted: “We will not sign "
         "anything that gives away the northern valley.”", FILLER[3]],
    )
    groups = align_passages(passages)
    assert _grouped(groups, "a0:1", "a1:1")


def test_reworded_fact_is_grouped() -> None:
    passages = _articles(
        [FILLER[0], "The Orvale dam collapsed on Sunday night, flooding 300 homes in the "
         "valley below.", FILLER[1]],
        [FILLER[2], "About 300 houses were flooded when the Orvale dam burst late on Sunday.",
         FILLER[3]],
    )
    assert _grouped(align_passages(passages), "a0:1", "a1:1")


def test_sentences_sharing_only_names_are_not_grouped() -> None:
    passages = _articles(
        [FILLER[0], "Trump said Putin had agreed to raise tariffs on Canadian steel next month."],
        [FILLER[0], "Trump said Putin would attend the winter Olympics opening ceremony in "
         "Milan."],
    )
    groups = align_passages(passages)
    assert not _grouped(groups, "a0:1", "a1:1")
    assert _grouped(groups, "a0:0", "a1:0")  # while the truly shared sentence is grouped


def test_transliterated_names_still_match() -> None:
    passages = _articles(
        ["Zelensky met Yuri Ushakov in Geneva to discuss the prisoner exchange."],
        ["Zelenskiy met Yury Ushakov in Geneva to discuss the prisoner exchange."],
    )
    assert _grouped(align_passages(passages), "a0:0", "a1:0")


def test_lede_and_full_quote_of_one_article_join_one_group() -> None:
    lede = ("Mayor Halvorsen said the council had a reasonably good meeting with the valley "
            "farmers on Tuesday, but no deal on the northern dam was reached.")
    quote = ("“I can tell you that we had a reasonably good meeting with the valley farmers. "
             "We will find out what happens with the dam,” Halvorsen told reporters.")
    other = ("“We had a reasonably good meeting with the valley farmers. We will find out "
             "what happens with the dam,” the mayor said after the talks on Tuesday.")
    passages = _articles([lede, FILLER[0], FILLER[1], quote], [FILLER[2], other, FILLER[3]])
    groups = align_passages(passages)
    _check_invariants(groups, passages)
    assert _grouped(groups, "a0:3", "a1:1")
    assert _grouped(groups, "a0:0", "a0:3")  # the same fact twice in one article: one group


def test_a_lede_reporting_two_facts_joins_both_groups_and_brings_no_one_along() -> None:
    lede = ("The Orvale dam burst on Sunday night, and Mayor Ines Halvorsen said repairs to "
            "the harbour bridge would cost 40 million crowns.")
    passages = _articles(
        [FILLER[0], lede, FILLER[1]],
        [FILLER[2], "The Orvale dam collapsed late on Sunday night, flooding the lower valley.",
         FILLER[3], "Repairs to the harbour bridge will cost 40 million crowns, Mayor "
         "Halvorsen said."],
        ["The Orvale dam burst on Sunday night and flooded the lower valley.", FILLER[1],
         "Mayor Ines Halvorsen said that repairs to the harbour bridge would cost 40 million "
         "crowns."],
    )
    groups = align_passages(passages)
    _check_invariants(groups, passages)
    assert _grouped(groups, "a0:1", "a1:1") and _grouped(groups, "a0:1", "a2:0")  # the dam
    assert _grouped(groups, "a0:1", "a1:3") and _grouped(groups, "a0:1", "a2:2")  # the cost
    # the other outlets' dam sentences match only the lede, so they stay out of the cost group
    assert not _grouped(groups, "a2:0", "a2:2") and not _grouped(groups, "a1:1", "a1:3")
    assert not _grouped(groups, "a1:1", "a2:2") and not _grouped(groups, "a2:0", "a1:3")


def test_an_outlet_that_reports_the_second_fact_twice_counts_once() -> None:
    # passage 0 (article A) is in group 1 with 1 (B) and 2 (C); group 2 holds a lede and a
    # quote from B (3, 4), the same from C (5, 6), and one passage from D (7). Passage 0
    # quotes the second fact too: it matches both quotes and D's sentence, not the ledes.
    art = np.array([0, 1, 2, 1, 1, 2, 2, 3])
    links = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.8, (3, 4): 0.0, (3, 5): 0.6, (3, 7): 0.5,
             (4, 6): 0.9, (4, 7): 0.5, (5, 6): 0.0, (5, 7): 0.5, (6, 7): 0.5,
             (0, 4): 0.5, (0, 6): 0.45, (0, 7): 0.35}
    i, j = (np.array(v) for v in zip(*links, strict=True))
    s = np.array(list(links.values()))
    out = add_second_memberships([[0, 1, 2], [3, 4, 5, 6, 7]], art, i, j, s, AlignConfig())
    # judged per outlet by its best passage (B 0.5, C 0.45, D 0.35), not diluted by the two
    # ledes it does not echo (a plain mean over all five members would be 0.26)
    assert 0 in out[1] and out[0] == [0, 1, 2]
    # the first group's other members matched only passage 0: they do not follow it
    assert 1 not in out[1] and 2 not in out[1]


def test_passages_of_one_article_sharing_only_names_stay_apart() -> None:
    tariffs = "Trump said Putin had agreed to raise tariffs on Canadian steel next month."
    olympics = "Trump said Putin would attend the winter Olympics opening ceremony in Milan."
    passages = _articles(
        [tariffs, FILLER[0], olympics, FILLER[1]],
        ["Putin agreed to raise tariffs on Canadian steel next month, Trump said.", FILLER[2]],
        [FILLER[3], "Trump said Putin had agreed to higher tariffs on Canadian steel."],
    )
    groups = align_passages(passages)
    _check_invariants(groups, passages)
    assert _grouped(groups, "a0:0", "a1:0")
    assert not _grouped(groups, "a0:0", "a0:2")
    assert not _grouped(groups, "a0:2", "a1:0")


def test_neighbour_support_looks_up_the_diagonal_pairs() -> None:
    passages = _articles(["a", "b", "c"], ["d", "e", "f"])
    row = {p.id: k for k, p in enumerate(passages)}
    i = np.array([row["a0:0"], row["a0:1"], row["a0:2"], row["a0:0"]])
    j = np.array([row["a1:0"], row["a1:1"], row["a1:2"], row["a1:2"]])
    s = np.array([0.9, 0.1, 0.4, 0.8])
    support = neighbour_support(passages, i, j, s)
    # (1, 1) sees (0, 0) and (2, 2); the ends see one neighbour; (0, 2) has none listed
    assert support.tolist() == pytest.approx([0.1, 0.9, 0.1, 0.0])


def test_stemming_and_clauses_in_features() -> None:
    assert stem("cancels") == stem("canceled") and stem("talks") == stem("talk")
    lede = ("The mayor said the dam collapsed on Sunday, while the governor announced new "
            "funds for the northern valley farmers.")
    assert len(clauses(normalize(lede))) == 2
    assert clauses(normalize("The dam collapsed on Sunday night.")) == []


def _synthetic(n_articles: int, seed: int = 7) -> list[Passage]:
    """Many small articles drawn from shared facts, reworded and shuffled."""
    rng = random.Random(seed)
    facts = [
        ("The bridge over the {r} river closed after inspectors found {n} cracks.",
         "Inspectors found {n} cracks in the {r} river bridge, which was closed."),
        ("Shares of {c} fell {n} percent after the earnings report on Monday.",
         "{c} stock dropped {n} percent on Monday following its earnings."),
        ("The {r} festival drew {n} thousand visitors this year, organisers said.",
         "Organisers said {n} thousand people visited the {r} festival this year."),
    ]
    fills = {"r": "Elbe", "n": "12", "c": "Norvik"}
    articles = []
    for _ in range(n_articles):
        sentences = [rng.choice(pair).format(**fills) for pair in facts]
        sentences += rng.sample(FILLER, 2)
        rng.shuffle(sentences)
        articles.append(sentences)
    return _articles(*articles)


def _check_invariants(groups, passages) -> None:
    article_of = {p.id: p.article_id for p in passages}
    times: dict[str, int] = {}
    for g in groups:
        arts = [article_of[pid] for pid in g.passage_ids]
        assert len(set(arts)) >= 2  # a group always spans two articles or more
        assert len(arts) == len(set(g.passage_ids))
        for pid in g.passage_ids:
            times[pid] = times.get(pid, 0) + 1
        assert 0.0 <= g.score <= 1.0
        assert all(0.0 <= m.score <= 1.0 for m in g.members)
    # a passage reporting two facts may sit in two groups, never more
    assert max(times.values(), default=0) <= 1 + AlignConfig().max_also


def test_many_articles_two_articles_and_constraints() -> None:
    for n in (2, 200):
        passages = _synthetic(n)
        groups = align_passages(passages)
        _check_invariants(groups, passages)
        assert groups, f"no groups for {n} articles"
        biggest = max(len(g.members) for g in groups)
        assert biggest >= min(n, 10)


def test_ids_are_deterministic_and_ordered_by_earliest_member() -> None:
    passages = _synthetic(12)
    first = align_passages(passages)
    assert first == align_passages(passages)
    assert [g.id for g in first] == [f"g{k}" for k in range(1, len(first) + 1)]
    rank = {p.id: (int(p.article_id[1:]), p.index) for p in passages}
    earliest = [min(rank[pid] for pid in g.passage_ids) for g in first]
    assert earliest == sorted(earliest)
    assert [rank[pid] for pid in first[0].passage_ids] == sorted(
        rank[pid] for pid in first[0].passage_ids)


def test_cancel_raises_and_progress_is_reported() -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        align_passages(_synthetic(5), cancel=token)
    calls = []
    align_passages(_synthetic(5), progress=lambda d, t, m="": calls.append((d, t)))
    assert calls and all(0 <= d <= t for d, t in calls)


def test_similar_pairs_scores_and_single_article() -> None:
    pairs = similar_pairs(_synthetic(3))
    assert pairs and all(0.0 <= s <= 1.0 for _, _, s in pairs)
    assert [s for *_, s in pairs] == sorted((s for *_, s in pairs), reverse=True)
    assert align_passages(_articles(FILLER)) == []
    assert align_passages([]) == []
    assert AlignConfig().link_threshold > 0


def _load_benchmark(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not available")
def test_seed_corpus_pairwise_f1_floor() -> None:
    seed = _load_benchmark("align_seed")
    scorer = _load_benchmark("pairwise_score")
    doc, _ = seed.run()
    gold = json.loads((ROOT / "tests/data/seed_alignment_gold.json").read_text("utf-8"))
    result = scorer.score(doc, gold)
    # measured 0.546 / 0.616 / 0.579 with the shipped judge (0.497 / 0.644 / 0.561 when the
    # seeds are left out of its training: benchmarks/judge_train.py)
    assert result.precision >= 0.52, result.line()
    assert result.recall >= 0.58, result.line()
    assert result.f1 >= 0.56, result.line()


FLOOD = [
    "Floodwater from the Orvale river swept through the lower town on Sunday night.",
    "Rescue boats carried families from flooded streets near the old mill.",
    "The river rose three metres above its usual level after days of heavy rain.",
    "Sandbags failed to hold back the water along the eastern embankment.",
    "Hundreds of cellars filled with mud and the drinking water supply was cut.",
]
FIRE = [
    "A fire destroyed the timber warehouse beside the Orvale railway station on Sunday.",
    "Firefighters from three towns fought the blaze until dawn.",
    "Smoke from the burning timber closed the railway line for most of the day.",
    "Investigators believe an electrical fault in the loading bay started it.",
    "Trains between the coast and the capital were cancelled until the evening.",
]
MEETING = "Mayor Halvorsen said the council would meet on Monday to plan the clean-up."


def test_the_same_words_about_another_event_rank_below_those_about_this_one() -> None:
    """A review holding coverage of two events: the other event's articles are held apart
    (``other_event``), so a sentence pairs first with its own event's wording."""
    from factdesk.core.align.config import article_codes
    from factdesk.core.align.features import build_features
    from factdesk.core.align.score import other_event, pair_features

    passages = _articles(
        [*FLOOD, MEETING],
        [FLOOD[2], FLOOD[0], FLOOD[4], FLOOD[3], FLOOD[1], MEETING.replace("plan", "organise")],
        [*FIRE, MEETING.replace("plan", "arrange")],
        [FIRE[1], FIRE[0], FIRE[4], FIRE[3], FIRE[2], MEETING.replace("plan", "prepare")],
    )
    art = article_codes(passages)
    feats = build_features([p.text for p in passages])
    # the meeting sentences: flood-flood, flood-fire, flood-fire
    i, j = np.array([5, 5, 11]), np.array([11, 17, 23])
    assert list(other_event(feats, art, i, j)) == [0.0, -1.0, -1.0]
    x = pair_features(feats, i, j, art=art)
    assert list(x[:, -1]) == [0.0, -1.0, -1.0]
    scores = {(a, b): s for a, b, s in similar_pairs(passages)}
    assert scores[("a0:5", "a1:5")] > scores.get(("a0:5", "a2:5"), 0.0) + 0.2


def test_one_story_a_wire_reprint_and_an_odd_article_are_one_event() -> None:
    from factdesk.core.align.config import article_codes
    from factdesk.core.align.features import build_features
    from factdesk.core.align.score import other_event

    passages = _articles(
        [*FLOOD, MEETING],
        [*FLOOD, MEETING],  # a reprint, word for word
        [FLOOD[2], FLOOD[0], FLOOD[1], MEETING.replace("plan", "organise")],
        [FLOOD[1], "Residents were told to boil drinking water until further notice."],
        [FIRE[0], "The market square reopened after a week of repairs."],  # the odd one out
    )
    art = article_codes(passages)
    feats = build_features([p.text for p in passages])
    n = len(passages)
    i, j = np.triu_indices(n, 1)
    cross = art[i] != art[j]
    assert not other_event(feats, art, i[cross], j[cross]).any()


def test_the_article_clustering_is_scipys_average_linkage() -> None:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from factdesk.core.align.score import _average_linkage

    rng = np.random.default_rng(7)
    for _ in range(100):
        n = int(rng.integers(2, 30))
        points = rng.random((n, 3))
        dist = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
        cut = float(rng.uniform(0.1, 1.0))
        theirs = fcluster(linkage(squareform(dist, checks=False), "average"), cut, "distance")
        ours = _average_linkage(dist, cut)
        assert np.array_equal(theirs[:, None] == theirs[None], ours[:, None] == ours[None])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not available")
def test_the_same_files_in_any_order_make_the_same_groups() -> None:
    """A reviewer who imports the five outlets in another order must see the same facts
    grouped: ties between equal scores are broken by content, never by import order."""
    import random

    from factdesk.core.read.ingest import read_article
    from factdesk.core.read.segment import split_passages

    by_article = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(path)
        by_article[article.id] = split_passages(article)

    def groups_in(order: list[str]) -> set[frozenset[str]]:
        passages = [p for aid in order for p in by_article[aid]]
        return {frozenset(g.passage_ids) for g in align_passages(passages)}

    ids = list(by_article)
    first = groups_in(ids)
    assert len(first) >= 10
    orders = [ids[::-1], *(random.Random(seed).sample(ids, len(ids)) for seed in range(3))]
    for order in orders:
        assert groups_in(order) == first, order


def test_the_judge_trees_are_read_as_trained() -> None:
    """The shipped trees are evaluated without scikit-learn: a tiny ensemble whose answer is
    known by hand (one split on the first feature, one leaf-only tree) must give it."""
    from factdesk.core.align.judge import TreeEnsemble

    split = {"feature": [0, -1, -1], "threshold": [0.5, 0.0, 0.0], "left": [1, 0, 0],
             "right": [2, 0, 0], "value": [0.0, -2.0, 3.0]}
    leaf = {"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [0.5]}
    model = TreeEnsemble.from_json({"bias": -0.5, "features": ["a", "b"],
                                    "trees": [split, leaf]})
    p = model.predict(np.array([[0.2, 9.0], [0.5, 0.0], [0.9, -1.0]]))
    expected = 1 / (1 + np.exp(-np.array([-2.0, -2.0, 3.0])))  # -0.5 + leaf + 0.5
    assert np.allclose(p, expected)
    assert TreeEnsemble.from_json(model.to_json()).predict(np.array([[0.7, 0]]))[0] == p[2]


def test_the_shipped_judge_reads_the_features_alignment_gives_it() -> None:
    from factdesk.core.align.judge import JUDGE_FEATURES, shipped_judge

    judge = shipped_judge()
    assert judge.features == JUDGE_FEATURES
    assert len(judge.trees) >= 50


def test_the_reviewers_answers_stand_and_teach_the_rest_of_the_story() -> None:
    """learn.refit: an answered pair keeps the answer; a story where the judge was too strict
    (the reviewer says "same fact" to pairs it scored low) raises its other low pairs that
    look alike, and nothing changes without answers."""
    from factdesk.core.align.judge import JUDGE_FEATURES
    from factdesk.core.align.learn import questions, refit

    rng = np.random.default_rng(0)
    n = 200
    p = rng.uniform(0.05, 0.5, n)
    x = rng.normal(size=(n, len(JUDGE_FEATURES)))
    assert np.array_equal(refit(p, x, {}), p)
    answers = {r: True for r in range(0, 40, 2)} | {r: False for r in range(1, 10, 2)}
    q = refit(p, x, answers)
    assert all(q[r] == float(v) for r, v in answers.items())
    rest = np.arange(40, n)
    assert q[rest].mean() > p[rest].mean()  # taught: this story's pairs are likelier the same
    i, j = np.arange(n), np.arange(n) + n
    asked = questions(p, i, j, threshold=0.3, limit=5)
    doubt = np.abs(np.log(p / (1 - p)) - np.log(0.3 / 0.7))  # distance from the threshold
    assert len(asked) == 5 and doubt[asked].max() <= np.delete(doubt, asked).min()


def test_answers_move_the_line_but_never_overturn_a_pair_the_judge_was_sure_of() -> None:
    """Two "yes" in forty answers on unsure pairs: this story links too much, and its other
    unsure pairs fall below the link; a pair the judge gave 0.95 moves too, but stays linked
    (once, a sentence and its own quotation were unlinked this way)."""
    from factdesk.core.align.judge import JUDGE_FEATURES
    from factdesk.core.align.learn import refit

    rng = np.random.default_rng(0)
    n = 300
    p = rng.uniform(0.4, 0.8, n)
    p[-1] = 0.95
    x = rng.normal(size=(n, len(JUDGE_FEATURES)))
    answers = {r: r % 20 == 0 for r in range(40)}
    q = refit(p, x, answers)
    assert np.median(q[40:-1]) < AlignConfig().link_threshold < np.median(p[40:-1])
    assert AlignConfig().link_threshold < q[-1] < p[-1]


def test_the_embedding_signals_rank_the_closest_passage_of_each_article_first() -> None:
    """embedding_features: what counts is which passage of the other article is closest, not
    how close (a story's sentences all look alike to the encoder); the figures are the same
    whichever passage of a pair comes first."""
    from factdesk.core.align.judge import EMBED_FEATURES, embedding_features

    v = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8], [0.0, 1.0]])  # unit rows
    art = np.array([0, 1, 1, 2])
    i, j = np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3])
    f = embedding_features(v, art, i, j)
    col = {name: f[:, k] for k, name in enumerate(EMBED_FEATURES)}
    assert np.allclose(col["emb_cos"], [0.8, 0.6, 0.6, 0.8])
    # passage 0's best in article 1 is passage 1, passage 3's is passage 2: the pairs (0, 2)
    # and (1, 3) are second for one of their passages (and the only candidate for the other)
    assert col["emb_rank_worst"].tolist() == [0, 1, 1, 0]
    assert col["emb_rank_best"].tolist() == [0, 0, 0, 0]
    assert col["emb_z"][0] > 0 > col["emb_z"][1]
    swapped = embedding_features(v, art, j, i)
    assert np.allclose(swapped, f)


def test_the_shipped_embedding_judge_reads_the_features_alignment_gives_it() -> None:
    from factdesk.core.align.judge import (
        EMBED_FEATURES,
        JUDGE_FEATURES,
        columns_of,
        shipped_judge,
    )

    judge = shipped_judge(with_embeddings=True)
    # read by name (columns_of): trained before the judge's last features, where the encoder
    # was made; it reads every embedding signal
    assert set(judge.features) <= set(JUDGE_FEATURES + EMBED_FEATURES)
    assert set(EMBED_FEATURES) <= set(judge.features)
    names = JUDGE_FEATURES + EMBED_FEATURES
    assert [names[c] for c in columns_of(judge.features)] == list(judge.features)
    assert shipped_judge().features == JUDGE_FEATURES  # learn.py's columns come first


def test_the_sentence_encoder_finds_a_reworded_report_closer_than_another_fact() -> None:
    """The MiniLM encoder (when made by benchmarks/embed_export.py; not shipped by default):
    a report in other words is closer than another fact of the same story, rows are unit
    length, and embedding the same passages again gives the same rows."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    from importlib import resources

    from factdesk.core.align import embed as encoder

    folder = resources.files("factdesk.core.align").joinpath(encoder.MODEL_DIR)
    if not folder.joinpath(encoder.MODEL_FILE).is_file():
        pytest.skip("the encoder is not made in this checkout (benchmarks/embed_export.py)")
    texts = ["At least 12 people were killed when the 6.1-magnitude quake struck on Sunday.",
             "Sunday's magnitude 6.1 earthquake left a dozen people dead, officials said.",
             "The mayor said schools would reopen on Wednesday after inspections."]
    v = encoder.embed(texts)
    assert v.shape == (3, encoder.DIM)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    assert np.array_equal(encoder.embed(texts), v)
    assert encoder.embed([]).shape == (0, encoder.DIM)


def test_prose_likeness_reads_page_junk_low_and_sentences_high() -> None:
    """``prose_min``: copies of page junk in two articles are alike character for character
    and no shared fact; a sentence, a quotation and a headline read as prose."""
    from factdesk.core.align.judge import prose_likeness

    assert prose_likeness("Rescue boats carried families from flooded streets.") == 1.0
    assert prose_likeness("\u201cWe are not confirming anything,\u201d she said.") == 1.0
    assert 0.7 <= prose_likeness("Floodwater sweeps through the lower town") < 1.0
    for junk in ("id=265672", "m.", "p=32688&more=1", "1333220", ""):
        assert prose_likeness(junk) == 0.0, junk
    assert prose_likeness("27 / 09 / 2013 - Turkmenistan to hold elections") < 0.5
