"""A desk's shared review on a real PostgreSQL server (tests/pgserver.py starts one).

What a desk relies on: an edit is saved for everyone at once, a second reviewer who changed
the same claim is told rather than overwritten, everyone sees the others' edits within two
seconds, a review moves between a file and the server without losing a row, and only editors
settle. The claim tests of test_claims.py also run against the server (their fixture is
parametrized), so the rest of the store behaves the same on both.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from factdesk.cli.main import main
from factdesk.core import claim_edits
from factdesk.core.demo import build_demo_review
from factdesk.core.model import ClaimStatus
from factdesk.core.store import Review, ReviewFileError
from factdesk.core.store.server import (
    ClaimConflict,
    Listener,
    RoleError,
    ServerReview,
    file_tables,
    translate,
)
from factdesk.core.store.transfer import pull, push


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo: four articles, alignment, conflicts, claims in every status with
    evidence, notes and history — every table a review has, with rows in it."""
    path = tmp_path_factory.mktemp("demo") / "demo.factdesk"
    build_demo_review(path)
    return path


@pytest.fixture
def shared(demo_file: Path, server_url: str) -> str:
    with Review.open(demo_file, read_only=True, backup=False) as review:
        push(review, server_url, reviewer="ed")
    return server_url


def _table_rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        out = {}
        for shape in file_tables():
            cols = ", ".join(f"[{c}]" for c in shape.columns)
            out[shape.name] = sorted(
                (tuple(r) for r in conn.execute(f"select {cols} from [{shape.name}]")),
                key=repr)
        return out


def test_push_then_pull_gives_back_the_same_review_table_by_table(
        demo_file: Path, shared: str, tmp_path: Path) -> None:
    back = tmp_path / "back.factdesk"
    with Review.open(shared) as server:
        assert isinstance(server, ServerReview)
        assert pull(server, back) > 0
    before, after = _table_rows(demo_file), _table_rows(back)
    assert set(before) == set(after)
    for table in before:
        assert after[table] == before[table], table
    assert before["claims"] and before["evidence"] and before["history"]
    assert before["groups"] and before["conflicts"] and before["passages"]
    with Review.open(back) as review, Review.open(demo_file, read_only=True, backup=False) as old:
        assert review.claims() == old.claims() and review.conflicts() == old.conflicts()
        assert review.groups() == old.groups() and not review.analysis_stale
        # ids handed out later never repeat one the review used before
        claim = claim_edits.create_claim(review, review.articles()[0].id, 0, 3, reviewer="x")
        assert claim.id not in {c.id for c in old.claims()}


def test_the_window_and_reports_read_a_server_review_as_they_read_the_file(
        demo_file: Path, shared: str) -> None:
    from factdesk.core.export import ExportOptions
    from factdesk.core.export.build import build_report
    from factdesk.core.export.markdown import render_markdown

    with Review.open(shared) as server, Review.open(demo_file, read_only=True,
                                                    backup=False) as file:
        assert server.articles() == file.articles() and server.passages() == file.passages()
        assert server.claim_counts() == file.claim_counts()
        assert server.title == file.title
        options = ExportOptions()
        assert render_markdown(build_report(server, options)) == render_markdown(
            build_report(file, options))


def test_a_second_edit_of_the_same_claim_is_refused_and_nothing_is_overwritten(
        shared: str) -> None:
    with Review.open(shared) as ann, Review.open(shared) as bob:
        claim = ann.claims()[0]
        assert bob.claim(claim.id) == claim  # both show the claim as it is
        claim_edits.set_verdict(ann, claim.id, "conflicting", "two counts", reviewer="ann")
        with pytest.raises(ClaimConflict) as refused:
            claim_edits.set_verdict(bob, claim.id, "confirmed", "fine", reviewer="bob")
        assert "ann changed claim" in str(refused.value) and "reload and retry" in str(
            refused.value)
        stored = ann.claim(claim.id)
        assert (stored.status, stored.note) == (ClaimStatus.CONFLICTING, "two counts")
        assert [h.reviewer for h in ann.history(claim.id) if h.field in ("status", "note")
                ][-2:] == ["ann", "ann"]
        with pytest.raises(ClaimConflict):  # nor may bob delete what he has not seen
            claim_edits.delete_claim(bob, claim.id, reviewer="bob")
        assert ann.has_claim(claim.id)
        bob.claims()  # bob reloads: now his edit goes through
        claim_edits.set_status(bob, claim.id, "confirmed", reviewer="bob")
        assert ann.claim(claim.id).status == ClaimStatus.CONFIRMED


def test_reviewers_creating_claims_at_once_get_distinct_ids(shared: str) -> None:
    with Review.open(shared) as first:
        article = first.articles()[0].id
    made: list[str] = []
    errors: list[BaseException] = []

    def tag(who: str) -> None:
        try:
            with Review.open(shared) as review:
                for i in range(15):
                    made.append(claim_edits.create_claim(
                        review, article, i, i + 5, reviewer=who).id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=tag, args=(f"r{n}",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(made) == 45 and len(set(made)) == 45
    with Review.open(shared) as review:
        assert set(made) <= {c.id for c in review.claims()}


def test_a_listener_on_another_connection_sees_an_edit_within_two_seconds(shared: str) -> None:
    with Review.open(shared) as ann, Review.open(shared) as bob:
        listener = Listener(bob)
        try:
            claim = ann.claims()[0]
            started = time.monotonic()
            claim_edits.set_note(ann, claim.id, "called the council", reviewer="ann")
            seen = []
            while time.monotonic() - started < 2.0 and not seen:
                seen = [c for c in listener.wait(0.5) if c.claim_id == claim.id]
            assert seen, "no notification within 2 s"
            assert bob.claim(claim.id).note == "called the council"
            # bob's own edits are not announced back to him
            claim_edits.set_note(bob, claim.id, "and the mayor", reviewer="bob")
            assert listener.wait(0.5) == []
        finally:
            listener.close()


def test_only_an_editor_changes_roles_and_settles(shared: str) -> None:
    with Review.open(shared) as review:
        assert isinstance(review, ServerReview)
        assert review.reviewers() == {"ed": "editor"}  # the pusher
        claim = review.claims()[0]
        claim_edits.set_note(review, claim.id, "rita checked the figure", reviewer="rita")
        assert review.reviewers()["rita"] == "reviewer"  # editing put her on the desk
        with pytest.raises(RoleError, match="only an editor can change roles"):
            review.set_role("rita", "editor", by="rita")
        with pytest.raises(RoleError, match="only an editor can settle"):
            review.require_editor("rita")
        review.set_role("rita", "editor", by="ed")
        review.require_editor("rita")  # now she may
        review.set_role("ed", "reviewer", by="rita")
        with pytest.raises(RoleError, match="the only editor"):
            review.set_role("rita", "reviewer", by="rita")
        assert review.reviewers() == {"ed": "reviewer", "rita": "editor"}


def test_the_servers_role_decides_who_settles_not_the_reviewers_own(shared: str) -> None:
    """#21: on a shared review an editor's settlement needs the server's editor role; a
    reviewer who calls themselves editor locally is refused. Decisions reach the server."""
    from factdesk.core.identity import parse_reviewer

    with Review.open(shared) as review:
        claim = review.claims()[0]
        claim_edits.set_status(review, claim.id, "unsourced", reviewer="rita")
        assert ("rita", ClaimStatus.UNSOURCED) in {(d.reviewer, d.status)
                                                   for d in review.decisions(claim.id)}
        rita = parse_reviewer("rita", "editor")  # her own setting says editor
        with pytest.raises(claim_edits.NotAnEditor):
            claim_edits.settle(review, claim.id, "conflicting", "two figures", editor=rita)
        review.set_role("rita", "editor", by="ed")
        claim_edits.settle(review, claim.id, "conflicting", "two figures", editor=rita)
        settled = review.claim(claim.id)
        assert (settled.status, settled.settled_by, settled.settled_why) == (
            ClaimStatus.CONFLICTING, "rita", "two figures")


def test_a_server_review_is_refused_with_a_reason_and_nothing_changes(
        demo_file: Path, shared: str, tmp_path: Path) -> None:
    with pytest.raises(ReviewFileError, match="no review .* `factdesk push FILE URL`"):
        Review.open(shared.replace("review=", "review=never-pushed-"))
    with pytest.raises(ReviewFileError, match="say which review"):
        Review.open(shared.split("&review=")[0])
    with pytest.raises(ReviewFileError, match="already has a review"), Review.open(
            demo_file, read_only=True, backup=False) as review:
        push(review, shared, reviewer="ed")
    target = tmp_path / "taken.factdesk"
    target.write_bytes(b"mine")
    with Review.open(shared) as server, pytest.raises(ReviewFileError, match="already exists"):
        pull(server, target)
    assert target.read_bytes() == b"mine" and list(tmp_path.iterdir()) == [target]
    dead = "postgresql://nobody@/factdesk?host=/nonexistent&port=1&review=x"
    with pytest.raises(ReviewFileError, match="cannot connect to the server"):
        Review.open(dead)


def test_push_pull_role_and_a_refused_edit_on_the_command_line(
        demo_file: Path, server_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTDESK_REVIEWER", "ed")
    assert main(["push", str(demo_file), server_url]) == 0
    assert "pushed" in capsys.readouterr().err
    assert main(["role", server_url, "rita", "editor", "--reviewer", "bob"]) == 2
    assert "only an editor" in capsys.readouterr().err
    assert main(["role", server_url, "rita", "editor"]) == 0
    assert main(["claim", "set", server_url, "k1", "--status", "unsourced",
                 "--reviewer", "rita"]) == 0
    assert main(["pull", server_url, str(tmp_path / "back.factdesk")]) == 0
    with Review.open(tmp_path / "back.factdesk") as back:
        assert back.claim("k1").status == ClaimStatus.UNSOURCED
    assert main(["info", server_url]) == 0
    assert main(["new", server_url.replace("review=", "review=new-"), "a.txt"]) == 2
    assert "starts as a file" in capsys.readouterr().err
    report = tmp_path / "shared.md"
    assert main(["export", server_url, "--format", "md", "-o", str(report)]) == 0
    assert "unsourced" in report.read_text(encoding="utf-8").lower()
    with Review.open(server_url) as ann, Review.open(server_url) as bob:
        bob.claim("k1")
        claim_edits.set_note(ann, "k1", "ann's note", reviewer="ann")
        assert main(["claim", "set", server_url, "k1", "--note", "bob's",
                     "--reviewer", "bob"]) == 0  # a fresh command reads the claim as it is


def test_sqlite_spelling_becomes_postgresql_spelling_outside_quoted_strings() -> None:
    assert translate("update claims set [end] = :end where id = ? and note = 'a:b ? [c] %'"
                     ) == ("update claims set \"end\" = %(end)s where id = %s "
                           "and note = 'a:b ? [c] %'")
    assert translate("select x::text, 5 % 2") == "select x::text, 5 %% 2"
    assert translate("insert or ignore into history (claim_id) values (?)") == (
        "insert into history (claim_id) values (%s) on conflict do nothing")
    assert translate("insert or replace into [meta] ([key], value) values (?, ?);") == (
        'insert into "meta" ("key", value) values (%s, %s) '
        'on conflict ("key") do update set "value" = excluded."value"')
    assert translate("select ifnull(note, '') from claims") == (
        "select coalesce(note, '') from claims")


def test_sqlite_upserts_run_on_the_server(shared: str) -> None:
    """A later store method written in SQLite's words (say, a migration's author's) runs."""
    with Review.open(shared) as review:
        with review.transaction() as db:
            db.execute("insert or replace into meta (key, value) values (?, ?)", ["k", "1"])
            db.execute("insert or replace into meta (key, value) values (?, ?)", ["k", "2"])
            db.execute("insert or ignore into meta (key, value) values (?, ?)", ["k", "3"])
        assert review.get_meta("k") == "2"


def test_after_a_server_restart_the_next_edit_and_read_work_without_reopening(
        shared: str, pg_cluster) -> None:  # noqa: ANN001
    with Review.open(shared) as review:
        claim = review.claims()[0]
        pg_cluster.restart()
        claim_edits.set_note(review, claim.id, "after the restart", reviewer="ann")
        assert review.claim(claim.id).note == "after the restart"
        pg_cluster.restart()
        assert review.claim(claim.id).note == "after the restart"  # a read reconnects too
        with Review.open(shared) as other:  # and the version check still holds
            claim_edits.set_note(other, claim.id, "someone else", reviewer="bob")
        with pytest.raises(ClaimConflict):
            claim_edits.set_note(review, claim.id, "stale", reviewer="ann")


def test_a_review_file_loads_no_postgresql_code(tmp_path: Path) -> None:
    """Start-up time (#18): psycopg is imported only when a postgresql:// URL is opened."""
    import subprocess
    import sys

    code = ("import sys\nfrom factdesk.core.store import Review\n"
            f"Review.open({str(tmp_path / 'r.factdesk')!r}, create=True).close()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('psycopg', "
            "'factdesk.core.store.server'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"
