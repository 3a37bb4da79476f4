"""The claim commands as a fact-checker or a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.cli.main import main
from factdesk.core.model import Article, ClaimStatus, Passage
from factdesk.core.store import Review

TEXT_A = "Junk line\nThe mayor said the bridge will close for \u201csix\u201d weeks. It reopens in June.\n"
TEXT_B = (
    "Navigation\nThe bridge will close for eight weeks, officials said. Traffic will be diverted.\n"
)


@pytest.fixture
def review_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTDESK_REVIEWER", "ann")
    path = tmp_path / "story.factdesk"
    with Review.open(path, create=True) as review:
        for aid, text, sha in [("a1f0", TEXT_A, "ab"), ("b1c0", TEXT_B, "cd")]:
            first = text.index(". ") + 1
            body = text.index("\n") + 1
            review.add_article(
                Article(aid, f"/tmp/{aid}.txt", text, sha * 32),
                [
                    Passage(f"{aid}.1", aid, 1, body, first, text[body:first]),
                    Passage(f"{aid}.2", aid, 2, first + 1, len(text) - 1, text[first + 1 : -1]),
                ],
            )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_quote_typed_with_precomposed_accents_is_claimed_in_a_decomposed_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file saved with combining accents (macOS, some CMSs) could not be claimed by typing
    its words: both sides are compared in NFC and the claim keeps the article's exact text."""
    import unicodedata

    monkeypatch.setenv("FACTDESK_REVIEWER", "ann")
    text = unicodedata.normalize("NFD", "Junk\nThe quake hit Mánökwârí on Sunday, officials said.\n")
    path = tmp_path / "nfd.factdesk"
    with Review.open(path, create=True) as review:
        review.add_article(Article("c1e0", "/tmp/c.txt", text, "ef" * 32),
                           [Passage("c1e0.1", "c1e0", 1, 5, len(text) - 1, text[5:-1])])
    code, out, _ = run(capsys, "claim", "add", str(path), "--article", "c1",
                       "--quote", unicodedata.normalize("NFC", "hit Mánökwârí on Sunday"))
    assert code == 0 and out.strip() == "k1"
    with Review.open(path) as review:
        anchor = review.claim("k1").anchor
    assert anchor.quote == unicodedata.normalize("NFD", "hit Mánökwârí on Sunday")
    assert text[anchor.start : anchor.end] == anchor.quote
    code, _, err = run(capsys, "claim", "add", str(path), "--article", "c1",
                       "--quote", "hit Manokwari on Monday")
    assert code != 0 and "Unicode normalisation" in err


def test_claim_add_prints_the_id_and_stores_the_article_words(
    review_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "claim", "add", str(review_path), "--article", "a1",
        "--quote", 'bridge will  close for "six" weeks', "--status", "conflicting",
        "--note", "B says eight",
    )  # fmt: skip
    assert code == 0 and out.strip() == "k1"
    with Review.open(review_path) as review:
        claim = review.claim("k1")
    assert claim.anchor.article_id == "a1f0"
    assert claim.anchor.quote == "bridge will close for \u201csix\u201d weeks"
    assert claim.status == ClaimStatus.CONFLICTING and claim.note == "B says eight"
    assert claim.reviewer == "ann"


def test_claim_add_with_a_quote_not_in_the_article_fails_clearly(
    review_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "claim", "add", str(review_path), "--article", "a1f0", "--quote", "will open"
    )
    assert code == 2 and out == ""
    assert err.startswith("factdesk: the quote is not in article a1f0") and "Traceback" not in err
    code, _, err = run(capsys, "claim", "add", str(review_path), "--article", "zz", "--quote", "x")
    assert code == 2 and "no article 'zz'" in err
    with Review.open(review_path) as review:
        assert review.claims() == []


def test_claim_set_and_link_then_claims_json(
    review_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = str(review_path)
    assert run(capsys, "claim", "add", r, "--article", "a1f0", "--quote", "It reopens in June.")[1]
    code, _, _ = run(
        capsys,
        "claim",
        "set",
        r,
        "k1",
        "--status",
        "confirmed",
        "--note",
        "ok",
        "--reviewer",
        "bob",
    )
    assert code == 0
    code, out, _ = run(capsys, "claim", "link", r, "k1", "b1c0.1", "--contradicts")
    assert code == 0 and out.strip().isdigit()
    assert run(capsys, "claim", "link", r, "k1", "b1c0.2", "--supports")[0] == 0

    code, out, _ = run(capsys, "claims", r, "--json")
    assert code == 0
    document = json.loads(out)
    assert document["counts"] == {"unreviewed": 0, "confirmed": 1, "conflicting": 0, "unsourced": 0}
    [claim] = document["claims"]
    assert {k: claim[k] for k in ("id", "status", "quote", "article", "note", "orphaned")} == {
        "id": "k1",
        "status": "confirmed",
        "quote": "It reopens in June.",
        "article": "a1f0",
        "note": "ok",
        "orphaned": False,
    }
    assert TEXT_A[claim["start"] : claim["end"]] == claim["quote"]
    assert claim["reviewer"] == "ann" and claim["created_at"] <= claim["updated_at"]
    assert [(e["relation"], e["passage"], e["article"]) for e in claim["evidence"]] == [
        ("contradicts", "b1c0.1", "b1c0"),
        ("supports", "b1c0.2", "b1c0"),
    ]
    assert claim["evidence"][0]["quote"] == "The bridge will close for eight weeks, officials said."
    assert [(h["field"], h["reviewer"], h["old"], h["new"]) for h in claim["history"]][:3] == [
        ("created", "ann", "", "It reopens in June."),
        ("status", "bob", "unreviewed", "confirmed"),
        ("note", "bob", "", "ok"),
    ]
    assert [h["field"] for h in claim["history"]][3:] == ["evidence+", "evidence+"]

    code, out, _ = run(capsys, "claims", r)
    assert code == 0
    assert "k1" in out and "confirmed" in out and "It reopens in June." in out
    assert "+2 evidence" in out and "note: ok" in out


def test_claim_set_and_link_errors(review_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = str(review_path)
    run(capsys, "claim", "add", r, "--article", "a1f0", "--quote", "June")
    code, _, err = run(capsys, "claim", "set", r, "k7", "--status", "confirmed")
    assert code == 2 and "no claim 'k7'" in err
    code, _, err = run(capsys, "claim", "set", r, "k1")
    assert code == 2 and "nothing to change" in err
    code, _, err = run(capsys, "claim", "link", r, "k1", "x.9", "--supports")
    assert code == 2 and "no passage 'x.9'" in err
    with pytest.raises(SystemExit) as exit_info:  # one of --supports/--contradicts is required
        main(["claim", "link", r, "k1", "b1c0.1"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        main(["claim", "set", r, "k1", "--status", "maybe"])
    capsys.readouterr()
    code, _, err = run(capsys, "claims", str(review_path.with_name("missing.factdesk")))
    assert code == 2 and err.startswith("factdesk: ") and "no such review" in err


def test_version_and_claim_set_start_without_numpy(review_path, capsys) -> None:
    """Start-up is most of a quick command: `--version` reads no store, and a status change
    loads sqlite-utils without numpy (which only the alignment needs)."""
    import subprocess
    import sys

    code, out, _ = run(capsys, "claim", "add", str(review_path), "--article", "a1f0",
                       "--quote", "The mayor said")
    claim_id = out.strip()
    probe = ("import sys\nfrom factdesk.cli.main import main\ncode = 0\n"
             "try:\n    code = main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
             "print(code, 'numpy' in sys.modules, 'sqlite_utils' in sys.modules)")
    for argv, store in ((["--version"], False),
                        (["claim", "set", str(review_path), claim_id, "--status", "confirmed"],
                         True)):
        out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True,
                             text=True, check=True, timeout=120).stdout.split()
        assert out[-3:] == ["0", "False", str(store)], argv
    with Review.open(review_path) as review:
        assert review.claim(claim_id).status is ClaimStatus.CONFIRMED


def test_group_join_with_one_passage_is_refused_with_a_hint(
    review_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`group join REVIEW onepassage` returned 0 and did nothing."""
    code, _, err = run(capsys, "group", "join", str(review_path), "a1f0.1")
    assert code != 0
    assert "two or more passages" in err and "group options" in err
    code, _, err = run(capsys, "group", "join", str(review_path), "a1f0.1", "a1f0.1")
    assert code != 0


def test_long_sentences_are_cut_at_a_word_with_an_ellipsis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listings cut a passage mid-word ("magnit") with no sign that it goes on."""
    sentence = ("The regional council approved the harbour bridge repairs on Tuesday after a "
                "long debate about the magnitude of the costs and the closures they require.")
    for name, other in (("a.txt", "Officials welcomed it."), ("b.txt", "Few objected.")):
        (tmp_path / name).write_text(f"{sentence} {other}\n", encoding="utf-8")
    code, out, _ = run(capsys, "align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 0
    shown = [line[line.index("The regional"):] for line in out.splitlines()
             if "The regional" in line]
    assert shown and all(line.endswith("…") and len(line) <= 100 for line in shown), shown
    assert all(sentence.startswith(line[:-1]) and sentence[len(line) - 1] == " "
               for line in shown), shown


def test_output_into_a_closed_pipe_exits_quietly(review_path: Path) -> None:
    """`factdesk claims r | head` printed "factdesk: Broken pipe"; Unix tools exit quietly."""
    import subprocess
    import sys

    done = subprocess.Popen([sys.executable, "-m", "factdesk", "info", str(review_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.stdout is not None and done.stderr is not None
    done.stdout.close()  # the reader is gone before anything is written
    err = done.stderr.read().decode()
    assert done.wait() == 141  # 128 + SIGPIPE, as a shell reports a tool stopped by head
    assert err == ""
