"""Reviewers, their decisions side by side, an editor's settlement, and merging review files.

What a desk relies on: every edit carries the reviewer's own name; two reviewers who checked the
same story apart can be merged without losing a word either wrote, however often; where they
disagree the claim waits for an editor, whose decision is kept with who and why.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factdesk.cli.main import main
from factdesk.core import agreement, claim_edits, identity
from factdesk.core.merging import merge_files
from factdesk.core.model import Article, ClaimStatus, Decision, EvidenceRelation, Passage
from factdesk.core.store import PairAnswer, Review, pair_key

TEXT_A = ("Junk line\nThe mayor said the bridge will close for six weeks. "
          "It reopens in June with two new lanes.\n")
TEXT_B = ("Navigation\nThe bridge will close for eight weeks, officials said. "
          "Traffic will be diverted over the ring road.\n")
TEXT_C = ("Menu\nCity officials said the closure would last six weeks. "
          "The works cost 4 million euros.\n")

ANA = "Ana Ruiz <ana@desk.example>"
BEN = "Ben Okafor <ben@desk.example>"
EDITOR = identity.parse_reviewer("Cleo Marsh <cleo@desk.example>", "editor")


def add(review: Review, aid: str, text: str, sha: str) -> None:
    first = text.index(". ") + 1
    body = text.index("\n") + 1
    review.add_article(
        Article(aid, f"/tmp/{aid}.txt", text, sha * 32),
        [Passage(f"{aid}.1", aid, 1, body, first, text[body:first]),
         Passage(f"{aid}.2", aid, 2, first + 1, len(text) - 1, text[first + 1: -1])],
    )


def tag(review: Review, aid: str, words: str, status: str, who: str, note: str = "") -> str:
    text = review.article(aid).text
    start = text.index(words)
    return claim_edits.create_claim(review, aid, start, start + len(words), reviewer=who,
                                    status=status, note=note).id


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.factdesk"
    with Review.open(path, create=True) as review:
        add(review, "a1", TEXT_A, "ab")
        add(review, "b1", TEXT_B, "cd")
    return path


@pytest.fixture
def two_checks(story: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Ana and Ben check the same story apart, each in a copy of the review."""
    a, b = tmp_path / "ana.factdesk", tmp_path / "ben.factdesk"
    shutil.copy(story, a)
    shutil.copy(story, b)
    with Review.open(a) as review:
        k = tag(review, "a1", "close for six weeks", "conflicting", ANA, "Ben's outlet says eight")
        claim_edits.add_evidence(review, k, "b1.1", EvidenceRelation.CONTRADICTS, reviewer=ANA)
        tag(review, "a1", "It reopens in June", "unsourced", ANA)
        tag(review, "b1", "Traffic will be diverted", "confirmed", ANA)
    with Review.open(b) as review:
        add(review, "c1", TEXT_C, "ef")  # Ben found a third outlet
        # the same claim, selected a little wider, and judged otherwise
        k = tag(review, "a1", "bridge will close for six weeks", "confirmed", BEN,
                "City officials say six too")
        claim_edits.add_evidence(review, k, "c1.1", EvidenceRelation.SUPPORTS, reviewer=BEN)
        tag(review, "a1", "It reopens in June", "unsourced", BEN)
        tag(review, "c1", "The works cost 4 million euros", "unsourced", BEN)  # only Ben's
        review.add_group_edit("join", ["a1.1", "c1.1"])
    return a, b


def state(path: Path) -> tuple:
    """Everything a reviewer wrote, as comparable data."""
    with Review.open(path, backup=False) as r:
        claims = sorted(
            (c.id, c.anchor.article_id, c.anchor.start, c.anchor.end, str(c.status), c.note,
             c.settled_by, c.settled_why,
             tuple(sorted((e.anchor.article_id, e.anchor.start, e.anchor.end, str(e.relation),
                           e.reviewer) for e in c.evidence)))
            for c in r.claims())
        decisions = sorted((d.claim_id, d.reviewer, str(d.status), d.note, d.at)
                           for d in r.decisions())
        history = sorted((h.claim_id, h.at, h.reviewer, h.field, h.old, h.new)
                         for h in r.history())
        return (claims, decisions, history, sorted(a.sha256 for a in r.articles()),
                [(e.op, e.passages) for e in r.group_edits()])


# ------------------------------------------------------------------ identity
def test_a_signature_is_a_name_with_an_optional_address() -> None:
    who = identity.parse_reviewer("  Ana   Ruiz <ana@desk.example> ")
    assert (who.name, who.email, who.signature) == ("Ana Ruiz", "ana@desk.example", ANA)
    assert identity.parse_reviewer("Ben").signature == "Ben"
    assert identity.display_name(ANA) == "Ana Ruiz"
    for bad in ("", "   ", "<ana@desk.example>", "Ana <not an address>"):
        with pytest.raises(ValueError):
            identity.parse_reviewer(bad)
    with pytest.raises(ValueError, match="role"):
        identity.parse_reviewer("Ana", "boss")


def test_the_identity_is_set_once_and_a_flag_or_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(identity.REVIEWER_ENV, raising=False)
    assert identity.current_reviewer().source == "login"  # nothing set: the fallback, flagged
    monkeypatch.setenv(identity.ROLE_ENV, "boss")  # a mistyped role is refused, not shown
    with pytest.raises(ValueError, match="role must be"):
        identity.current_reviewer()
    monkeypatch.delenv(identity.ROLE_ENV)
    identity.save_reviewer(identity.parse_reviewer(ANA, "editor"))
    saved = identity.current_reviewer()
    assert (saved.signature, saved.role, saved.source) == (ANA, "editor", "settings")
    assert identity.may_settle(saved)
    monkeypatch.setenv(identity.REVIEWER_ENV, BEN)
    from_env = identity.current_reviewer()
    assert (from_env.signature, from_env.role) == (BEN, "reviewer")  # Ana's role is not Ben's
    assert identity.current_reviewer("Dee <dee@desk.example>").source == "flag"
    assert identity.current_reviewer(role="editor").is_editor


def test_whoami_sets_the_name_every_later_command_signs_with(
    story: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(identity.REVIEWER_ENV, raising=False)
    assert main(["whoami", "--set", "Ana <not an address>"]) == 2
    assert main(["whoami", "--set", ANA]) == 0
    capsys.readouterr()
    assert main(["claim", "add", str(story), "--article", "a1", "--quote", "six weeks"]) == 0
    capsys.readouterr()
    assert main(["claims", str(story), "--json"]) == 0
    claim = json.loads(capsys.readouterr().out)["claims"][0]
    assert claim["reviewer"] == ANA and claim["history"][0]["reviewer"] == ANA


# ------------------------------------------------------------------ decisions and settling
def test_a_second_reviewer_who_disagrees_is_flagged_and_an_editor_settles(story: Path) -> None:
    with Review.open(story) as review:
        k = tag(review, "a1", "six weeks", "confirmed", ANA)
        # in one review the last verdict is the status, as always; both are kept
        assert claim_edits.set_status(review, k, "conflicting", reviewer=BEN) == "confirmed"
        assert review.claim(k).status == ClaimStatus.CONFLICTING
        assert {(d.reviewer, d.status) for d in review.decisions(k)} == {
            (ANA, "confirmed"), (BEN, "conflicting")}
        assert claim_edits.disagrees(review.decisions(k))  # the Disagreements filter's test
        with pytest.raises(claim_edits.NotAnEditor, match="only an editor"):
            claim_edits.settle(review, k, "conflicting", "two outlets differ",
                               editor=identity.parse_reviewer(ANA))
        with pytest.raises(ValueError, match="why"):
            claim_edits.settle(review, k, "conflicting", "  ", editor=EDITOR)
        old = claim_edits.settle(review, k, "conflicting", "the mayor's office says eight",
                                 editor=EDITOR)
        claim = review.claim(k)
        assert (claim.status, claim.settled_by, claim.settled_why) == (
            ClaimStatus.CONFLICTING, EDITOR.signature, "the mayor's office says eight")
        last = review.history(k)[-2:]
        assert [(h.field, h.reviewer, h.new) for h in last] == [
            ("settled", EDITOR.signature, "conflicting"),
            ("why", EDITOR.signature, "the mayor's office says eight")]
        # a reviewer's later verdict is their own decision; the settlement stands
        claim_edits.set_status(review, k, "confirmed", reviewer=BEN)
        assert review.claim(k).status == ClaimStatus.CONFLICTING
        claim_edits.set_status(review, k, "conflicting", reviewer=BEN)
        # undo of the settlement: the reviewers disagree, so the claim waits (pending)...
        claim_edits.restore_settlement(review, k, old, reviewer=EDITOR.signature)
        assert not review.claim(k).settled
        assert review.claim(k).status == ClaimStatus.UNREVIEWED
        # ...and a verdict there is the reviewer's own: the status follows their agreement
        assert claim_edits.set_status(review, k, "confirmed", reviewer=BEN) == "conflicting"
        assert review.claim(k).status == ClaimStatus.CONFIRMED


def test_an_older_review_keeps_its_verdicts_as_decisions(tmp_path: Path) -> None:
    from factdesk.core.store.schema import MIGRATIONS

    path = tmp_path / "old.factdesk"
    shutil.copy(Path(__file__).parents[1] / "data" / "review_v1.factdesk", path)
    with Review.open(path) as review:
        assert review.schema_version == len(MIGRATIONS)
        decided = {c.id for c in review.claims()
                   if c.reviewer and (c.status != ClaimStatus.UNREVIEWED or c.note)}
        assert {d.claim_id for d in review.decisions()} == decided


# ------------------------------------------------------------------ agreement
def test_kappa_is_cohens_as_scikit_learn_computes_it() -> None:
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    a = ["confirmed"] * 20 + ["conflicting"] * 15 + ["unsourced"] * 5 + ["confirmed"] * 5
    b = ["confirmed"] * 17 + ["unsourced"] * 3 + ["conflicting"] * 12 + ["confirmed"] * 3 \
        + ["unsourced"] * 5 + ["conflicting"] * 5
    ours = agreement.cohen_kappa(a, b)
    assert ours == pytest.approx(sklearn_metrics.cohen_kappa_score(a, b))
    assert ours == pytest.approx(0.5976, abs=1e-4)  # by hand: po 34/45, pe 795/2025
    assert agreement.cohen_kappa(["x"] * 4, ["x"] * 4) is None  # not defined, not 1.0 or 0.0


def test_alpha_matches_krippendorffs_own_worked_example() -> None:
    """Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', the nominal example
    with four coders and missing values: α = 0.743 (our table of verdicts, gaps and all, goes
    to the library as its worked example does)."""
    rows = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    table: dict[str, dict[str, str]] = {}
    for coder, row in enumerate(rows):
        for unit, value in enumerate(row):
            if value is not None:
                table.setdefault(f"unit{unit:02}", {})[f"coder{coder}"] = f"label{value}"
    alpha = agreement.krippendorff_alpha(table, [f"coder{i}" for i in range(4)])
    assert alpha == pytest.approx(0.743, abs=1e-3)
    assert agreement.krippendorff_alpha({"u": {"a": "x", "b": "x"}}, ["a", "b"]) is None


def test_agreement_over_a_review_counts_only_real_verdicts() -> None:
    d = [Decision("k1", ANA, ClaimStatus.CONFIRMED), Decision("k1", BEN, ClaimStatus.CONFIRMED),
         Decision("k2", ANA, ClaimStatus.CONFIRMED), Decision("k2", BEN, ClaimStatus.UNSOURCED),
         Decision("k3", ANA, ClaimStatus.UNSOURCED), Decision("k3", BEN, ClaimStatus.UNSOURCED),
         Decision("k4", ANA, ClaimStatus.CONFLICTING),
         Decision("k4", BEN, ClaimStatus.UNREVIEWED)]  # Ben has not reached k4
    total = agreement.overall(d)
    assert (total.compared, total.agreed, total.disagreed) == (3, 2, 1)
    a = ["confirmed", "confirmed", "unsourced"]
    b = ["confirmed", "unsourced", "unsourced"]
    assert total.kappa == pytest.approx(agreement.cohen_kappa(a, b))
    assert total.measure[0] == "Cohen's κ"
    per = agreement.claim_agreements(d)
    assert per["k2"].disagreement and not per["k1"].disagreement and not per["k4"].compared
    three = agreement.overall([*d, Decision("k1", "Dee", ClaimStatus.UNSOURCED)])
    assert three.measure[0] == "Krippendorff's α" and three.kappa is None
    assert three.alpha is not None and three.alpha < total.alpha  # type: ignore[operator]


# ------------------------------------------------------------------ merge
def test_merge_keeps_every_reviewers_decision_side_by_side(
    two_checks: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two_checks
    out = tmp_path / "desk.factdesk"
    report = merge_files(out, [a, b])
    assert (report.claims_matched, report.claims_added, report.articles_added) == (2, 1, 1)
    with Review.open(out) as review:
        by_quote = {c.anchor.quote: c for c in review.claims()}
        weeks = by_quote["close for six weeks"]  # Ana's words kept; Ben's wider selection matched
        assert {(d.reviewer, d.status, d.note) for d in review.decisions(weeks.id)} == {
            (ANA, "conflicting", "Ben's outlet says eight"),
            (BEN, "confirmed", "City officials say six too")}
        assert weeks.status == ClaimStatus.UNREVIEWED  # they disagree: for an editor
        assert "Ana Ruiz: Ben's outlet says eight" in weeks.note
        assert "Ben Okafor: City officials say six too" in weeks.note
        assert {(e.anchor.article_id, e.relation, e.reviewer) for e in weeks.evidence} == {
            ("b1", "contradicts", ANA), ("c1", "supports", BEN)}
        assert any(h.field == "merged" and h.new == "bridge will close for six weeks"
                   and h.reviewer == BEN for h in review.history(weeks.id))
        june = by_quote["It reopens in June"]
        assert june.status == ClaimStatus.UNSOURCED and len(review.decisions(june.id)) == 2
        assert by_quote["The works cost 4 million euros"].reviewer == BEN  # only Ben's: added
        assert by_quote["Traffic will be diverted"].reviewer == ANA
        assert review.article("c1").text == TEXT_C  # Ben's extra article came along
        assert ("join", ("a1.1", "c1.1")) in [(e.op, e.passages) for e in review.group_edits()]
        assert not review.analysis_stale  # re-aligned with the new article
        total = agreement.overall(review.decisions())
        assert (total.compared, total.agreed) == (2, 1)


def test_nothing_either_reviewer_wrote_is_lost(two_checks: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    a, b = two_checks
    out = tmp_path / "desk.factdesk"
    merge_files(out, [a, b])
    merged = state(out)
    for source in (a, b):
        claims, decisions, history, shas, edits = state(source)
        assert set(shas) <= set(merged[3])
        assert set(edits) <= set(merged[4])
        # every decision (reviewer, verdict, note, time) and history row, whatever claim id
        assert {d[1:] for d in decisions} <= {d[1:] for d in merged[1]}
        assert {h[1:] for h in history} <= {h[1:] for h in merged[2]}
        evidence = {e for c in claims for e in c[8]}
        assert evidence <= {e for c in merged[0] for e in c[8]}


def test_merging_twice_changes_nothing(two_checks: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = two_checks
    out = tmp_path / "desk.factdesk"
    merge_files(out, [a, b])
    with Review.open(out) as review:  # an editor settles one claim in the merged review
        k = next(c.id for c in review.claims() if c.status == ClaimStatus.UNREVIEWED)
        claim_edits.settle(review, k, "conflicting", "six against eight", editor=EDITOR)
    once = state(out)
    again = merge_files(out, [a, b])
    assert not again.changed and state(out) == once
    twice = tmp_path / "again.factdesk"  # the merged output merged with its inputs again
    merge_files(twice, [out, b, a])
    assert state(twice) == once
    same = tmp_path / "self.factdesk"
    merge_files(same, [a, a])
    assert state(same)[:2] == state(a)[:2]


def test_merge_refuses_a_review_of_another_story(story: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.factdesk"
    with Review.open(other, create=True) as review:
        add(review, "z9", TEXT_C.replace("six", "nine"), "99")
    out = tmp_path / "out.factdesk"
    assert main(["merge", str(out), str(story), str(other)]) == 2
    assert "not a review of the same story" in capsys.readouterr().err
    assert not out.exists()  # a refused merge leaves no half-made file


def test_merge_and_settle_from_the_terminal(two_checks: tuple[Path, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_checks
    out = tmp_path / "desk.factdesk"
    assert main(["merge", str(out), str(a), str(b)]) == 0
    printed = capsys.readouterr().out
    assert "2 claims matched" in printed and "Cohen's κ" in printed
    assert main(["claims", str(out), "--json", "--disagreements"]) == 0
    listed = json.loads(capsys.readouterr().out)
    pending = listed["claims"]
    assert [c["quote"] for c in pending] == ["close for six weeks"]
    # the counts add up to what is listed (they were the whole review's: 2 claims for 1 shown)
    assert sum(listed["counts"].values()) == len(pending)
    assert main(["claims", str(out), "--disagreements"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("· 1 claims")
    assert main(["claims", str(out), "--disagreements"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert sum(int(part.split()[0]) for part in last.split(" · ")[:-1]) == 1, last
    k = pending[0]["id"]
    assert {d["reviewer"] for d in pending[0]["decisions"]} == {ANA, BEN}
    assert main(["--reviewer", BEN, "claim", "settle", str(out), k, "--status", "confirmed",
                 "--why", "x"]) == 2
    assert "only an editor" in capsys.readouterr().err
    assert main(["--reviewer", EDITOR.signature, "--role", "editor", "claim", "settle",
                 str(out), k, "--status", "conflicting", "--why", "six against eight"]) == 0
    capsys.readouterr()
    assert main(["claims", str(out), "--json", "--disagreements"]) == 0
    assert json.loads(capsys.readouterr().out)["claims"] == []
    editor = ["--reviewer", EDITOR.signature, "--role", "editor"]
    assert main([*editor, "claim", "settle", str(out), k, "--status", "confirmed"]) == 2
    assert "why" in capsys.readouterr().err  # a settlement without a reason is refused
    assert main([*editor, "claim", "settle", str(out), k, "--clear"]) == 0  # withdrawn...
    assert main(["claims", str(out), "--json", "--disagreements"]) == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)["claims"]] == [k]
    assert main([*editor, "claim", "settle", str(out), k, "--status", "conflicting",
                 "--why", "six against eight"]) == 0  # ...and settled again
    capsys.readouterr()
    assert main(["agreement", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["compared"] == 2 and data["disagreed"] == 1 and data["measure"] == "Cohen's κ"


def test_reports_show_the_settled_status_and_on_request_each_reviewers(
    two_checks: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    from factdesk.core.export import report_schema

    a, b = two_checks
    with Review.open(b) as review:  # a note that would run as script, unescaped
        k = next(c.id for c in review.claims() if c.anchor.quote == "It reopens in June")
        claim_edits.set_note(review, k, "<img src=x onerror=alert(1)> per the Gazette",
                             reviewer=BEN)
    out = tmp_path / "desk.factdesk"
    merge_files(out, [a, b])
    with Review.open(out) as review:
        weeks = next(c.id for c in review.claims() if c.anchor.quote == "close for six weeks")
        claim_edits.settle(review, weeks, "conflicting", '=HYPERLINK("x") <b>eight</b>',
                           editor=EDITOR)
    files = {}
    for fmt, ext in [("html", "html"), ("md", "md"), ("csv", "csv"), ("json", "json")]:
        for each in (False, True):
            target = tmp_path / f"report-{each}.{ext}"
            argv = ["export", str(out), "-f", fmt, "-o", str(target)]
            assert main(argv + (["--reviewers"] if each else [])) == 0
            files[fmt, each] = target.read_text(encoding="utf-8-sig")
    capsys.readouterr()
    html = files["html", True]
    assert "Settled by Cleo Marsh" in html and "&lt;b&gt;eight&lt;/b&gt;" in html
    assert "<img" not in html and "&lt;img src=x" in html
    assert '<table class="decisions">' in html and "Ben Okafor &lt;ben@desk.example&gt;" in html
    assert "Cohen" in html  # the agreement, in the summary
    assert "Settled by Cleo Marsh" in files["html", False]  # the settled status, always
    assert '<table class="decisions">' not in files["html", False]  # reviewers only on request
    assert "| Reviewer | Decision | Note |" in files["md", True]
    assert "| Reviewer | Decision | Note |" not in files["md", False]
    rows = {r["quote"]: r for r in csv.DictReader(files["csv", True].splitlines())}
    weeks_row = rows["close for six weeks"]
    assert weeks_row["status"] == "Conflicting"
    assert weeks_row["settled_why"].startswith("'=HYPERLINK")  # a spreadsheet formula: defused
    assert ANA in weeks_row["reviewer_decisions"] and BEN in weeks_row["reviewer_decisions"]
    plain = {r["quote"]: r for r in csv.DictReader(files["csv", False].splitlines())}
    assert plain["close for six weeks"]["reviewer_decisions"] == ""
    doc = json.loads(files["json", True])
    import jsonschema

    jsonschema.validate(doc, report_schema())
    claim = next(c for c in doc["claims"] if c["quote"]["text"] == "close for six weeks")
    assert claim["settled"]["by"] == EDITOR.signature
    assert {d["reviewer"]: d["status"] for d in claim["decisions"]} == {
        ANA: "conflicting", BEN: "confirmed"}
    assert doc["summary"]["reviewers"] == [ANA, BEN]
    assert "decisions" not in json.dumps(json.loads(files["json", False])["claims"])


def test_a_verdict_that_leaves_the_claim_pending_says_so(
    two_checks: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "desk.factdesk"
    merge_files(out, list(two_checks))
    with Review.open(out) as review:
        k = next(c.id for c in review.claims() if c.anchor.quote == "close for six weeks")
    assert main(["--reviewer", "Dee", "claim", "set", str(out), k, "--status", "unsourced"]) == 0
    err = capsys.readouterr().err
    assert f"{k} unreviewed" in err and "your decision is unsourced" in err
    assert "an editor settles it" in err


def test_merging_is_idempotent_whatever_the_reviewers_selected(tmp_path: Path) -> None:
    """Random selections by two reviewers, overlapping each other's and their own claims:
    merging again — the same files, or the output with its inputs — never changes the output
    (and nothing either wrote is lost)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    spans = st.lists(st.tuples(st.integers(10, 80), st.integers(3, 30),
                               st.sampled_from(["confirmed", "conflicting", "unsourced"])),
                     min_size=1, max_size=6)
    counter = iter(range(10**6))

    @settings(max_examples=12, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(spans, spans)
    def check(ana: list, ben: list) -> None:
        folder = tmp_path / str(next(counter))
        folder.mkdir()
        base = folder / "base.factdesk"
        with Review.open(base, create=True) as review:
            add(review, "a1", TEXT_A, "ab")
        paths = []
        for who, picks in ((ANA, ana), (BEN, ben)):
            path = folder / f"{who[:3]}.factdesk"
            shutil.copy(base, path)
            with Review.open(path, backup=False) as review:
                for start, length, status in picks:
                    end = min(start + length, len(TEXT_A) - 1)
                    claim_edits.create_claim(review, "a1", start, end, reviewer=who,
                                             status=status)
            paths.append(path)
        out = folder / "out.factdesk"
        merge_files(out, paths)
        once = state(out)
        assert not merge_files(out, paths).changed and state(out) == once
        again = folder / "again.factdesk"
        merge_files(again, [out, *reversed(paths)])
        assert state(again) == once
        for path in paths:
            mine = state(path)
            assert {d[1:] for d in mine[1]} <= {d[1:] for d in once[1]}

    check()


def test_a_merged_note_lists_each_reviewers_paragraph_under_its_claim(
        two_checks: tuple[Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`factdesk claims` keeps both reviewers' notes indented under the claim they belong to,
    so the listing still reads as one block per claim."""
    out = tmp_path / "desk.factdesk"
    assert main(["merge", str(out), *map(str, two_checks)]) == 0
    capsys.readouterr()
    assert main(["claims", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    note = next(i for i, line in enumerate(lines) if "Ben's outlet says eight" in line
                or "City officials say six too" in line)
    assert lines[note].lstrip().startswith("note: ")
    follow = lines[note + 1]
    assert ("Ben's outlet says eight" in follow or "City officials say six too" in follow)
    assert follow.startswith(" " * 13), follow  # under the note, not at the left margin


def test_undo_puts_back_the_reviewers_own_decision_never_a_verdict_they_did_not_give(
        story: Path) -> None:
    """Ben marks Ana's confirmed claim conflicting and writes a note, then undoes both (what
    Ctrl+Z does in the window): Ben has no decision left, so agreement does not count him as
    agreeing with Ana, and the report does not sign Ana's note with his name."""
    with Review.open(story) as review:
        k = tag(review, "a1", "six weeks", "confirmed", ANA, "the mayor's notice")
        status_before = claim_edits.change_status(review, k, "conflicting", reviewer=BEN)
        note_before = claim_edits.change_note(review, k, "eight, says the city", reviewer=BEN)
        claim_edits.restore_verdict(review, k, note_before, reviewer=BEN)
        claim_edits.restore_verdict(review, k, status_before, reviewer=BEN)
        assert [(d.reviewer, d.status, d.note) for d in review.decisions(k)] == [
            (ANA, ClaimStatus.CONFIRMED, "the mayor's notice")]
        claim = review.claim(k)
        assert (claim.status, claim.note) == (ClaimStatus.CONFIRMED, "the mayor's notice")
        assert [(h.field, h.reviewer, h.new) for h in review.history(k)][-2:] == [
            ("note", BEN, "the mayor's notice"), ("status", BEN, "confirmed")]
        # redo after undo gives Ben's verdict back, as his own
        claim_edits.set_status(review, k, "conflicting", reviewer=BEN)
        assert review.decision(k, BEN).status == ClaimStatus.CONFLICTING


def test_in_one_review_the_last_verdict_is_the_status_whoever_gives_it(story: Path) -> None:
    """Marking a disputed claim unreviewed by hand does not turn it into a merged claim that
    waits for an editor: the next verdict is the status again."""
    with Review.open(story) as review:
        k = tag(review, "a1", "six weeks", "confirmed", ANA)
        carl = "Carl Dunn"
        for who, status in [(BEN, "conflicting"), (carl, "unreviewed"), (ANA, "unsourced"),
                            (BEN, "confirmed")]:
            claim_edits.set_status(review, k, status, reviewer=who)
            assert review.claim(k).status == status, (who, status)


def test_an_older_reviews_verdict_goes_to_whoever_gave_it_not_to_the_last_to_touch_it(
        tmp_path: Path) -> None:
    """Before reviewers' decisions existed, a claim kept only its last toucher (even one who
    only linked evidence); the history says who set the status, and the decision is theirs."""
    import sqlite3

    import factdesk.core.store.review as review_module
    from factdesk.core.store.schema import MIGRATIONS

    path = tmp_path / "old.factdesk"
    at = MIGRATIONS.index(next(m for m in MIGRATIONS if m.__name__ == "_decisions"))
    later = MIGRATIONS[at:]
    del MIGRATIONS[at:]
    saved, review_module.SCHEMA_VERSION = review_module.SCHEMA_VERSION, at
    try:
        with Review.open(path, create=True) as review:
            add(review, "a1", TEXT_A, "ab")
    finally:
        review_module.SCHEMA_VERSION = saved
        MIGRATIONS.extend(later)
    start = TEXT_A.index("six weeks")
    with sqlite3.connect(path) as db:
        db.execute("insert into claims (id, article_id, start, end, quote, prefix, suffix, "
                   "status, note, reviewer, created_at, updated_at) values ('k1', 'a1', ?, ?, "
                   "'six weeks', '', '', 'conflicting', 'eight, says the city', 'root', "
                   "'2026-01-01T10:00:00+00:00', '2026-01-01T12:00:00+00:00')",
                   [start, start + len("six weeks")])
        db.executemany("insert into history (claim_id, at, reviewer, field, old, new) "
                       "values ('k1', ?, ?, ?, ?, ?)", [
                           ("2026-01-01T10:00:00+00:00", ANA, "status", "unreviewed",
                            "confirmed"),
                           ("2026-01-01T11:00:00+00:00", BEN, "status", "confirmed",
                            "conflicting"),
                           ("2026-01-01T11:00:00+00:00", BEN, "note", "",
                            "eight, says the city"),
                           ("2026-01-01T12:00:00+00:00", "root", "evidence", "", "+b1.1")])
    with Review.open(path) as review:
        assert [(d.reviewer, d.status, d.note) for d in review.decisions("k1")] == [
            (BEN, ClaimStatus.CONFLICTING, "eight, says the city")]


# ------------------------------------------------------------------ merge: answers, checks
def answers(path: Path) -> dict[tuple[str, str], tuple[bool, str]]:
    with Review.open(path, backup=False) as review:
        return {a.pair: (a.same, a.created_at) for a in review.pair_answers()}


def answer_at(review: Review, a: str, b: str, same: bool, at: str) -> None:
    """A "Same fact?" answer given at a known time (undo's way of putting one back)."""
    given = len(review.pair_answers()) + 1
    review.restore_pair_answer(a, b, PairAnswer(given, *pair_key(a, b), same, at))


def test_merge_carries_same_fact_answers_and_keeps_both_sides_of_a_disagreement(
        story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """QA2 item 14: two different answers about one pair were settled last-writer-wins. Now
    both are kept (as two reviewers' verdicts are), the pair is undecided and listed as
    disputed until a reviewer answers it again; an answer alone is carried as before."""
    a, b = tmp_path / "ana.factdesk", tmp_path / "ben.factdesk"
    shutil.copy(story, a)
    shutil.copy(story, b)
    with Review.open(a) as review:
        answer_at(review, "a1.1", "b1.1", False, "2026-03-01T10:00:00+00:00")
    with Review.open(b) as review:
        answer_at(review, "b1.1", "a1.1", True, "2026-03-01T11:00:00+00:00")  # later: no winner
        answer_at(review, "a1.2", "b1.2", True, "2026-03-01T09:00:00+00:00")
    out = tmp_path / "desk.factdesk"
    assert main(["merge", str(out), str(a), str(b)]) == 0
    printed = capsys.readouterr().out
    assert "nothing new" not in printed
    assert "1 \"Same fact?\" answer differs between the files: both kept" in printed
    assert "a1.1 and b1.1: ana.factdesk said not the same" in printed
    assert "ben.factdesk said same fact" in printed
    expected = {("a1.2", "b1.2"): (True, "2026-03-01T09:00:00+00:00")}
    assert answers(out) == expected  # the disputed pair is undecided
    with Review.open(out) as review:  # and the merged review's alignment learned from them
        assert not review.analysis_stale
        assert any({"a1.2", "b1.2"} <= set(g.passage_ids) for g in review.groups())
        sides = review.open_pair_disputes()[("a1.1", "b1.1")]
        assert {(s.same, s.created_at) for s in sides} == {
            (False, "2026-03-01T10:00:00+00:00"), (True, "2026-03-01T11:00:00+00:00")}
    assert main(["questions", str(out), "--json"]) == 0
    disputed = json.loads(capsys.readouterr().out)["disputed"]
    assert [(d["passage_a"], d["passage_b"]) for d in disputed] == [("a1.1", "b1.1")]
    again = merge_files(out, [a, b])
    assert not again.changed and answers(out) == expected  # idempotent
    assert again.describe().startswith("nothing new")
    other_way = tmp_path / "desk2.factdesk"
    merge_files(other_way, [b, a])
    assert answers(other_way).keys() == expected.keys()
    # a reviewer answering the pair again settles it; the two sides stay on record
    assert main(["answer", str(out), "a1.1", "b1.1", "yes"]) == 0
    with Review.open(out) as review:
        assert review.open_pair_disputes() == {}
        assert len(review.pair_disputes()) == 2
        assert review.pair_answer("a1.1", "b1.1").same is True


def test_a_third_file_never_settles_a_disputed_pair_whatever_the_order(
        story: Path, tmp_path: Path) -> None:
    """Review of 3 Dec: merging three files, the third file's answer was stored as the pair's
    answer after the first two disputed it (grouping the pair), and the result depended on
    the order of the files. A merged answer is one more side; the pair stays undecided."""
    files = []
    for name, same, at in (("ana", False, "10"), ("ben", True, "11"), ("cat", True, "12")):
        path = tmp_path / f"{name}.factdesk"
        shutil.copy(story, path)
        with Review.open(path) as review:
            answer_at(review, "a1.1", "b1.1", same, f"2026-03-01T{at}:00:00+00:00")
        files.append(path)
    for k, order in enumerate((files, [files[0], files[2], files[1]], files[::-1])):
        out = tmp_path / f"desk{k}.factdesk"
        merge_files(out, order)
        assert ("a1.1", "b1.1") not in answers(out)  # undecided
        with Review.open(out) as review:
            sides = review.open_pair_disputes()[("a1.1", "b1.1")]
            assert {s.same for s in sides} == {True, False}


def test_a_review_from_before_pair_disputes_is_brought_forward(tmp_path: Path) -> None:
    """The migration that adds ``pair_disputes`` keeps the answers a file already had."""
    from factdesk.core.store.schema import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "v8.factdesk"
    before = SCHEMA_VERSION - 1
    old = MIGRATIONS[before:]
    del MIGRATIONS[before:]
    try:
        import factdesk.core.store.review as review_module

        saved, review_module.SCHEMA_VERSION = review_module.SCHEMA_VERSION, before
        try:
            with Review.open(path, create=True) as review:
                add(review, "a1", TEXT_A, "ab")
                add(review, "b1", TEXT_B, "cd")
                answer_at(review, "a1.1", "b1.1", True, "2026-03-01T10:00:00+00:00")
                assert review.schema_version == before
        finally:
            review_module.SCHEMA_VERSION = saved
    finally:
        MIGRATIONS.extend(old)
    with Review.open(path) as review:
        assert review.schema_version == SCHEMA_VERSION
        assert review.pair_disputes() == [] and review.open_pair_disputes() == {}
        assert review.pair_answer("a1.1", "b1.1").same is True


def test_an_answer_alone_is_merged_into_a_copy_of_the_same_review(story: Path,
                                                                  tmp_path: Path) -> None:
    """The reviewer's repro: one file differs from the other by one "no" only."""
    qa, qb = tmp_path / "qa.factdesk", tmp_path / "qb.factdesk"
    shutil.copy(story, qa)
    shutil.copy(story, qb)
    with Review.open(qa) as review:
        review.answer_pair("a1.1", "b1.1", False)
    report = merge_files(tmp_path / "qdesk.factdesk", [qb, qa])
    assert report.answers_added == 1 and report.changed
    assert "1 \"Same fact?\" answer" in report.describe()
    assert "answers" not in report.describe()
    assert [k for k in answers(tmp_path / "qdesk.factdesk")] == [("a1.1", "b1.1")]


def test_corrections_and_answers_follow_an_article_known_by_another_id(
        story: Path, tmp_path: Path) -> None:
    """The same article (same content) under another id in the other file: its alignment
    corrections and answers land on the target's passages with the same words."""
    ben = tmp_path / "ben.factdesk"
    with Review.open(ben, create=True) as review:
        add(review, "x1", TEXT_A, "ab")  # a1's text, another id
        add(review, "b1", TEXT_B, "cd")
        review.add_group_edit("join", ["x1.1", "b1.2"])
        review.answer_pair("x1.2", "b1.1", False)
    exist = tmp_path / "exist.factdesk"
    shutil.copy(story, exist)
    report = merge_files(exist, [ben])
    assert report.group_edits_added == 1 and report.answers_added == 1
    with Review.open(exist) as review:
        assert [(e.op, e.passages) for e in review.group_edits()] == [
            ("join", ("a1.1", "b1.2"))]
        assert [a.pair for a in review.pair_answers()] == [("a1.2", "b1.1")]
    assert not merge_files(exist, [ben]).changed


def test_a_refused_merge_into_an_existing_review_changes_nothing(
        two_checks: tuple[Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_checks
    other = tmp_path / "other.factdesk"
    with Review.open(other, create=True) as review:
        add(review, "z9", TEXT_C.replace("six", "nine"), "99")
    exist = tmp_path / "exist.factdesk"
    shutil.copy(a, exist)
    before = state(exist)
    with Review.open(exist) as review:
        generation = review.generation
    assert main(["merge", str(exist), str(b), str(other)]) == 2
    err = capsys.readouterr().err
    assert "not a review of the same story" in err and "nothing was merged" in err
    assert state(exist) == before  # Ben's decisions did not go in either
    with Review.open(exist) as review:
        assert review.generation == generation  # nor his article


def test_a_merge_that_fails_half_way_says_what_went_in(
        two_checks: tuple[Path, Path], story: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from factdesk.core import merging

    a, b = two_checks
    exist = tmp_path / "exist.factdesk"
    shutil.copy(story, exist)
    real = merging._merge_claims
    calls = iter(range(10))

    def failing(*args, **kwargs):  # the second file's write fails (a full disk, say)
        if next(calls) == 1:
            raise OSError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(merging, "_merge_claims", failing)
    assert main(["merge", str(exist), str(a), str(b)]) == 2
    err = capsys.readouterr().err
    assert f"{b}: the merge failed (database or disk is full)" in err
    assert f"already merged into {exist} and kept: {a}; not merged: {b}" in err
    assert "factdesk realign" in err
    with Review.open(exist) as review:  # exactly that: Ana's claims, none of Ben's
        assert {c.reviewer for c in review.claims()} == {ANA}


def test_merging_one_review_says_one_review(two_checks: tuple[Path, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    exist = tmp_path / "exist.factdesk"
    shutil.copy(two_checks[0], exist)
    assert main(["merge", str(exist), str(two_checks[1])]) == 0
    assert capsys.readouterr().out.startswith(f"merged 1 review into {exist}: ")


def test_a_web_article_new_to_the_target_comes_with_its_captures(story: Path,
                                                                 tmp_path: Path) -> None:
    from factdesk.core.read.fetch import Capture

    ben = tmp_path / "ben.factdesk"
    shutil.copy(story, ben)
    page = b"<html><body><p>City officials said the closure would last six weeks.</p></html>"
    with Review.open(ben) as review:
        first = TEXT_C.index(". ") + 1
        review.add_web_article(
            Article("w1", "https://news.example/bridge", TEXT_C, "ef" * 32),
            [Passage("w1.1", "w1", 1, 5, first, TEXT_C[5:first])],
            Capture("https://news.example/bridge", "https://news.example/bridge?x", 200, page,
                    "2026-03-01T08:00:00+00:00", headers=(("Content-Type", "text/html"),)))
    exist = tmp_path / "exist.factdesk"
    shutil.copy(story, exist)
    assert merge_files(exist, [ben]).articles_added == 1
    with Review.open(exist) as review:
        [capture] = review.captures("w1")
        assert (capture.version, capture.final_url, capture.headers) == (
            1, "https://news.example/bridge?x", (("Content-Type", "text/html"),))
        assert review.capture_content(capture.id) == page


def test_a_claim_inside_another_already_matched_is_flagged_as_a_near_duplicate(
        story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """QA2 item 14: Ben had "six weeks" beside the shared "close for six weeks"; the merge
    added it as a claim of its own and said nothing, and ClaimReview published both. Kept
    apart (Ben made both, each with his decision), but the summary names them."""
    a, b = tmp_path / "ana.factdesk", tmp_path / "ben.factdesk"
    shutil.copy(story, a)
    with Review.open(a) as review:
        shared = tag(review, "a1", "close for six weeks", "confirmed", ANA)
    shutil.copy(a, b)
    with Review.open(b) as review:
        inner = tag(review, "a1", "six weeks", "confirmed", BEN)
    out = tmp_path / "desk.factdesk"
    assert main(["merge", str(out), str(a), str(b)]) == 0
    printed = capsys.readouterr().out
    with Review.open(out) as review:
        added = next(c.id for c in review.claims() if c.anchor.quote == "six weeks")
    assert f"claim {added} is a near-duplicate of {shared}" in printed, printed
    assert inner  # Ben's own claim is kept, with his decision
    assert main(["merge", str(out), str(a), str(b), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["near_duplicates"] == []  # nothing new


def test_a_zero_byte_out_left_by_a_killed_merge_is_replaced(
        two_checks: tuple[Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """QA3 #11: an older factdesk killed while it copied the first review left OUT at 0 bytes
    with a -journal, and every retry said "an empty file (0 bytes), not a factdesk review".
    Such an OUT holds nothing: the merge makes it as a new OUT, and leaves nothing beside it."""
    a, b = two_checks
    out = tmp_path / "merged" / "out.factdesk"
    out.parent.mkdir()
    out.write_bytes(b"")
    Path(f"{out}-journal").write_bytes(b"")
    assert main(["merge", str(out), str(a), str(b)]) == 0
    assert "merged 2 reviews" in capsys.readouterr().out
    with Review.open(out, backup=False) as review:
        assert {c.anchor.quote for c in review.claims()} >= {
            "The works cost 4 million euros", "Traffic will be diverted"}
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.factdesk"]


def test_a_merge_leaves_nothing_beside_the_reviews_it_reads(
        two_checks: tuple[Path, Path], tmp_path: Path) -> None:
    """The inputs sit in a shared folder: reading them (from a read-only connection) must not
    leave empty -wal / -shm files beside them for the other reviewers to wonder about."""
    a, b = two_checks
    merge_files(tmp_path / "desk.factdesk", [a, b])
    merge_files(tmp_path / "desk.factdesk", [b])  # into an existing OUT too
    stray = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(("-wal", "-shm")))
    assert stray == []
