"""The factdesk command as a fact-checker or a script uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk import __version__
from factdesk.cli.main import main

ARTICLE_A = """date 2026-05-04
Flood barrier fails in Eastmoor after record rain

The Eastmoor flood barrier failed on Sunday night after 120 millimetres of rain fell in six hours, the river authority said.

"The barrier was built for a storm we see once a century," said engineer Lena Marsh.

About 300 homes were evacuated, according to the county council.
"""

ARTICLE_B = """date 2026-05-04
Eastmoor evacuates homes as barrier gives way

Some 350 homes were evacuated in Eastmoor, the county council said on Monday.

Engineer Lena Marsh said: "The barrier was built for a storm we see once a century."

The river authority said the barrier failed late on Sunday after 120 millimetres of rain in six hours.
"""


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    a = tmp_path / "eastmoor_a.txt"
    b = tmp_path / "eastmoor_b.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    return [a, b]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_a_mistyped_command_is_named_with_the_nearest_one_not_opened_as_a_file(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:
    """`factdesk claimz r.factdesk` says there is no such command and which one was meant; it
    had been taken for files to open in the window ("no display here")."""
    monkeypatch.chdir(tmp_path)
    assert main(["claimz", "r.factdesk"]) == 2
    err = capsys.readouterr().err
    assert "no command `claimz`" in err and "factdesk claim`" in err
    assert "display" not in err
    (tmp_path / "notes").write_text("An article saved without a suffix.", encoding="utf-8")
    from factdesk.cli.main import _mistyped_command

    assert not _mistyped_command("notes")  # a file of that name is opened, as before
    assert not _mistyped_command("story.factdesk") and not _mistyped_command("claims")


def test_new_then_info_lists_every_article_with_its_fields(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    info = run_json(capsys, "info", str(review), "--json")
    assert [a["path"] for a in info["articles"]] == [str(p) for p in articles]
    for row in info["articles"]:
        assert set(row) >= {"id", "path", "title", "outlet", "published", "sha256", "passages"}
        assert row["published"] == "2026-05-04"
        assert row["passages"] >= 3
        assert len(row["sha256"]) == 64
    assert info["counts"]["groups"] >= 2  # the barrier failure and the quotation


def test_adding_the_same_content_twice_changes_nothing(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), str(articles[0])]) == 0
    copy = tmp_path / "copy.txt"
    copy.write_bytes(articles[0].read_bytes())
    capsys.readouterr()
    assert main(["add", str(review), str(copy), str(articles[1])]) == 0
    assert "already in the review" in capsys.readouterr().err
    info = run_json(capsys, "info", str(review), "--json")
    assert len(info["articles"]) == 2


def test_bad_files_are_named_with_a_reason_and_the_rest_still_import(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    review = tmp_path / "story.factdesk"
    code = main(["new", str(review), str(binary), str(articles[0]), str(empty), str(missing)])
    err = capsys.readouterr().err
    assert code == 1
    for bad in (binary, empty, missing):
        assert str(bad) in err
    assert "Traceback" not in err
    info = run_json(capsys, "info", str(review), "--json")
    assert [a["path"] for a in info["articles"]] == [str(articles[0])]


def test_a_file_that_is_not_a_review_is_refused_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "notes.factdesk"
    fake.write_text("my notes", encoding="utf-8")
    assert main(["info", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "not a factdesk review" in err and "Traceback" not in err
    assert fake.read_text(encoding="utf-8") == "my notes"


def test_passages_json_offsets_index_the_file_text(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, "passages", str(articles[0]), "--json")
    text = articles[0].read_text(encoding="utf-8")
    assert doc["passages"], "no passages"
    for p in doc["passages"]:
        assert text[p["start"] : p["end"]] == p["text"]
    assert not any(p["text"].startswith("date 2026") for p in doc["passages"])


def test_align_json_contract(articles: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "align", "--json", *map(str, articles))
    assert set(doc) >= {"articles", "passages", "alignments", "conflicts"}
    paths = {a["id"]: a["path"] for a in doc["articles"]}
    assert sorted(paths.values()) == sorted(map(str, articles))
    texts = {str(p): p.read_text(encoding="utf-8") for p in articles}
    passages = {p["id"]: p for p in doc["passages"]}
    for p in passages.values():
        assert set(p) >= {"id", "article", "start", "end", "text"}
        assert texts[paths[p["article"]]][p["start"] : p["end"]] == p["text"]
    quote_group = [
        g
        for g in doc["alignments"]
        if all("once a century" in passages[pid]["text"] for pid in g["passages"])
    ]
    assert quote_group, "the shared quotation was not aligned"
    for g in doc["alignments"]:
        assert isinstance(g["score"], float)
        articles_in_group = [passages[pid]["article"] for pid in g["passages"]]
        assert len(set(articles_in_group)) == len(articles_in_group) >= 2
    for c in doc["conflicts"]:
        assert set(c) >= {"id", "kind", "passages", "detail", "sides", "spans", "words"}
        # every passage of every side, the first side first; each side its differing words
        assert c["passages"] == [pid for side in c["sides"] for pid in side]
        assert len(c["sides"]) >= 2 and len(c["words"]) == len(c["sides"])
        for s in c["spans"]:
            p = passages[s["passage"]]
            text = texts[paths[p["article"]]]
            assert p["start"] <= s["start"] < s["end"] <= p["end"]
            assert text[s["start"] : s["end"]] == s["text"]


def test_manual_group_edit_survives_adding_an_article(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    doc = run_json(capsys, "info", str(review), "--json")
    from factdesk.core.store import Review

    with Review.open(review) as r:
        group = r.groups()[0]
        removed = group.passage_ids[-1]
    assert main(["group", "remove", str(review), removed]) == 0
    third = tmp_path / "third.txt"
    third.write_text(
        "date 2026-05-05\nEastmoor counts the cost\n\nThe river authority said the barrier "
        "failed on Sunday night after 120 millimetres of rain.\n",
        encoding="utf-8",
    )
    assert main(["add", str(review), str(third)]) == 0
    with Review.open(review) as r:
        assert all(removed not in g.passage_ids for g in r.groups())
        assert len(r.articles()) == len(doc["articles"]) + 1


def test_group_options_lists_likely_places_and_the_join_that_puts_it_there(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    from factdesk.core.store import Review

    with Review.open(review) as r:
        grouped = {pid for g in r.groups() for pid in g.passage_ids}
        lone = next(p.id for p in r.passages() if p.id not in grouped)
    capsys.readouterr()
    rows = run_json(capsys, "group", "options", str(review), lone, "--json", "--limit", "5")
    assert 0 < len(rows) <= 5
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(r["join"][-1] == lone for r in rows)
    assert main(["group", "options", str(review), lone]) == 0
    assert f"factdesk group join {review} {' '.join(rows[0]['join'])}" in capsys.readouterr().out
    # doing what the first row says puts the passage with its closest passage
    assert main(["group", "join", str(review), *rows[0]["join"]]) == 0
    with Review.open(review) as r:
        assert any(lone in g.passage_ids and rows[0]["closest"] in g.passage_ids
                   for g in r.groups())
    assert main(["group", "options", str(review), lone, rows[0]["closest"]]) == 2  # one only


def test_the_installed_command_runs_end_to_end(articles: list[Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factdesk", "align", "--json", *map(str, articles)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["alignments"]


def test_new_force_with_only_bad_files_keeps_the_existing_review(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    assert main(["new", "--force", str(review), str(tmp_path / "typo.txt")]) == 2
    assert "was not written" in capsys.readouterr().err
    info = run_json(capsys, "info", str(review), "--json")
    assert len(info["articles"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert main(["new", str(tmp_path), str(articles[0])]) == 2  # a folder is no review


def test_export_never_overwrites_the_review_and_a_missing_folder_is_a_clear_error(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    before = review.read_bytes()
    assert main(["export", str(review), "--format", "md", "-o", str(review)]) == 2
    assert review.read_bytes() == before
    capsys.readouterr()
    assert main(["export", str(review), "--format", "md", "-o", str(tmp_path / "no" / "r.md")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "no" in err


def test_article_prefixes_are_literal_not_wildcards(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), str(articles[0])]) == 0
    for pattern in ("%", "_", ""):
        assert main(["remove", str(review), pattern]) == 2
    info = run_json(capsys, "info", str(review), "--json")
    assert len(info["articles"]) == 1


def test_an_ambiguous_article_prefix_names_the_articles_it_matches(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """QA2 item 14: a prefix two articles share said "no article 'a'"."""
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    ids = [a["id"] for a in run_json(capsys, "info", str(review), "--json")["articles"]]
    shared = os.path.commonprefix(ids)
    assert len(ids) > 1 and shared  # article ids are content hashes behind one letter
    assert main(["remove", str(review), shared]) == 2
    err = capsys.readouterr().err
    assert "ambiguous" in err and all(i in err for i in ids) and "no article" not in err
    assert main(["claim", "add", str(review), "--article", shared, "--quote", "x"]) == 2
    assert "ambiguous" in capsys.readouterr().err
    assert main(["remove", str(review), "zz"]) == 2
    assert "no article 'zz'" in capsys.readouterr().err
    assert len(run_json(capsys, "info", str(review), "--json")["articles"]) == len(ids)


def test_a_file_added_again_with_changed_text_is_a_new_version_not_a_new_outlet(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """QA2 item 8: an edited local file added again became a second outlet ("Asia Report
    (2)"). It is the next version of the same article, as ``refresh`` stores a changed page,
    and claims on the changed words are flagged; identical text is "already in the review"."""
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    by_path = {a["path"]: a["id"] for a in run_json(capsys, "info", str(review),
                                                    "--json")["articles"]}
    first = by_path[str(articles[0])]
    assert main(["claim", "add", str(review), "--article", first, "--quote",
                 "About 300 homes were evacuated", "--status", "conflicting"]) == 0
    capsys.readouterr()

    articles[0].write_text(ARTICLE_A.replace("About 300 homes", "About 320 homes"), "utf-8")
    assert main(["add", str(review), str(articles[0])]) == 0
    err = capsys.readouterr().err
    assert f"new version 2 of {first}" in err and "claim k1: its words were edited" in err
    listed = run_json(capsys, "info", str(review), "--json")["articles"]
    assert {a["id"] for a in listed} == set(by_path.values())  # no new article
    assert not any("(2)" in a["source"] for a in listed)
    (claim,) = run_json(capsys, "claims", str(review), "--json")["claims"]
    assert claim["quote"] == "About 320 homes were evacuated" and claim["status"] == "conflicting"
    assert [(e["from"], e["to"]) for e in claim["edited"]] == [
        ("About 300 homes were evacuated", "About 320 homes were evacuated")]
    from factdesk.core.refresh import version_diff
    from factdesk.core.store import Review

    with Review.open(review) as r:
        old, new, _ = version_diff(r, first)
        assert "About 300 homes" in old and "About 320 homes" in new
        assert "320" in r.article(first).text

    # the same text again: already in the review, nothing stored
    assert main(["add", str(review), str(articles[0])]) == 0
    assert "already in the review" in capsys.readouterr().err
    # refresh never tries to fetch a file's versions
    assert main(["refresh", str(review)]) == 0
    assert "no article of this review came from a web address" in capsys.readouterr().err


def test_only_the_same_file_is_taken_for_a_new_version_of_an_article() -> None:
    """A version only of the same file: another outlet's text stored as a version loses that
    outlet (review of 3 Dec: two AP reprints saved as ``wapo/article.txt`` and
    ``abc/article.txt`` became one article and their 12-vs-15 toll vanished). The same
    relative name typed from another folder is the same file only with the same headline."""
    from factdesk.core.importing import KnownFiles
    from factdesk.core.model import Article

    def art(aid: str, path: str, outlet: str, title: str = "Quake kills 12") -> Article:
        return Article(aid, path, "x", aid * 8, title=title, outlet=outlet)

    known = KnownFiles([art("a1", "/news/t37/asia-report.txt", "Asia Report"),
                        art("a2", "wapo/article.txt", "AP"),
                        art("a3", "https://example.test/asia-report.txt", "Asia Report"),
                        art("a4", "article.txt", "Guardian", "Floods: 4,000 homes")])
    assert known.earlier_version(art("n", "", "Asia Report"), "/news/t37/asia-report.txt") \
        == "a1"
    assert known.earlier_version(art("n", "", "AP"), "abc/article.txt") is None  # other folder
    assert known.earlier_version(art("n", "", "AP"), "wapo/article.txt") == "a2"
    # "article.txt" typed again from another folder, another story: a new article
    assert known.earlier_version(art("n", "", "Times", "Floods: 2,500 homes"),
                                 "article.txt") is None
    assert known.earlier_version(art("n", "", "Guardian", "Floods: 4,000 homes"),
                                 "article.txt") == "a4"


def test_a_changed_copy_saved_elsewhere_is_a_version_only_when_the_reviewer_says_so(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """QA3 #10: a changed copy in another folder (same name, same outlet) is added as an
    article of its own — by decision, only the same file is a version by itself — and the
    terminal says so truly and names the route: ``add --version-of ARTICLE``, which stores it
    as the article's next version through the same machinery and flags the edited claims."""
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), *map(str, articles)]) == 0
    first = {a["path"]: a["id"] for a in run_json(capsys, "info", str(review),
                                                  "--json")["articles"]}[str(articles[0])]
    assert main(["claim", "add", str(review), "--article", first, "--quote",
                 "About 300 homes were evacuated", "--status", "conflicting"]) == 0
    capsys.readouterr()
    elsewhere = tmp_path / "v2" / articles[0].name
    elsewhere.parent.mkdir()
    elsewhere.write_text(ARTICLE_A.replace("About 300 homes", "About 320 homes"), "utf-8")

    probe = tmp_path / "probe.factdesk"  # added plainly: its own article, and the route named
    probe.write_bytes(review.read_bytes())
    assert main(["add", str(probe), str(elsewhere)]) == 0
    err = capsys.readouterr().err
    assert "new version" not in err and "file name and outlet" not in err.split("note:")[0]
    assert f"add the file again with --version-of {first}" in err

    assert main(["add", str(review), str(elsewhere), "--version-of", first[:6]]) == 0
    err = capsys.readouterr().err
    assert f"new version 2 of {first} from {elsewhere}: as --version-of named it" in err
    assert "claim k1: its words were edited" in err
    assert len(run_json(capsys, "info", str(review), "--json")["articles"]) == len(articles)
    (claim,) = run_json(capsys, "claims", str(review), "--json")["claims"]
    assert claim["quote"] == "About 320 homes were evacuated" and claim["status"] == "conflicting"
    # the same text again: nothing stored; and what cannot be a version is refused, with why
    assert main(["add", str(review), str(elsewhere), "--version-of", first]) == 0
    assert "already in the review" in capsys.readouterr().err
    assert main(["add", str(review), str(elsewhere), str(articles[1]),
                 "--version-of", first]) == 2
    assert "is one file; 2 were given" in capsys.readouterr().err
    assert main(["add", str(review), str(elsewhere), "--version-of", "zz"]) == 2
    assert "zz is no article of" in capsys.readouterr().err


def test_another_article_is_never_stored_as_a_version_of_one(
    tmp_path: Path, articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--version-of`` names the article a changed copy belongs to; another outlet's article
    named by mistake (it shares only a few names and quotes) is refused with why, and the
    claims on the article are not orphaned (the review of QA3 #10)."""
    review = tmp_path / "story.factdesk"
    assert main(["new", str(review), str(articles[0])]) == 0
    first = run_json(capsys, "info", str(review), "--json")["articles"][0]["id"]
    assert main(["claim", "add", str(review), "--article", first, "--quote",
                 "About 300 homes were evacuated", "--status", "confirmed"]) == 0
    capsys.readouterr()
    assert main(["add", str(review), str(articles[1]), "--version-of", first]) == 1
    err = capsys.readouterr().err
    assert f"of its wording with article {first}" in err and "new version 2" not in err
    (claim,) = run_json(capsys, "claims", str(review), "--json")["claims"]
    assert claim["status"] == "confirmed" and claim["quote"] == "About 300 homes were evacuated"
    assert len(run_json(capsys, "info", str(review), "--json")["articles"]) == 1
