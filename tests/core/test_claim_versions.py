"""A file review that shows claims (the window's) refuses to write over a claim another process
changed after it was shown, as a server review does; the command line is not held to it."""

from __future__ import annotations

import pytest

from factdesk.core import claim_edits
from factdesk.core.model import Article, ClaimStatus, Passage
from factdesk.core.store import Review
from factdesk.core.store.schema import ClaimConflict

TEXT = "The bridge closed on Monday after a crack was found."


def _file(tmp_path):
    path = tmp_path / "v.factdesk"
    with Review.open(path, create=True, backup=False) as review:
        review.add_article(Article("a", "a.txt", TEXT, "0" * 64, outlet="A"),
                           [Passage("a.0", "a", 0, 0, len(TEXT), TEXT)])
        claim = claim_edits.create_claim(review, "a", 0, len(TEXT), reviewer="cli")
    return path, claim.id


def test_an_edit_of_a_claim_changed_since_shown_is_refused(tmp_path) -> None:
    path, cid = _file(tmp_path)
    window = Review.open(path, backup=False)
    window.check_versions = True
    window.claims()  # what the window shows
    with Review.open(path, backup=False) as cli:
        claim_edits.set_status(cli, cid, ClaimStatus.UNSOURCED, reviewer="cli")
    with pytest.raises(ClaimConflict) as refused:
        claim_edits.set_status(window, cid, ClaimStatus.CONFIRMED, reviewer="window")
    assert refused.value.claim_id == cid and "cli" in str(refused.value)
    with Review.open(path, backup=False) as check:
        assert check.claim(cid).status is ClaimStatus.UNSOURCED
    window.claim(cid)  # shown again: the edit goes through, and so does the next
    claim_edits.set_status(window, cid, ClaimStatus.CONFIRMED, reviewer="window")
    claim_edits.set_note(window, cid, "checked", reviewer="window")
    window.close()
    with Review.open(path, backup=False) as check:
        assert (check.claim(cid).status, check.claim(cid).note) == (ClaimStatus.CONFIRMED,
                                                                    "checked")


def test_without_the_check_the_last_writer_wins_as_before(tmp_path) -> None:
    path, cid = _file(tmp_path)
    with Review.open(path, backup=False) as first:
        first.claims()
        with Review.open(path, backup=False) as cli:
            claim_edits.set_status(cli, cid, ClaimStatus.UNSOURCED, reviewer="cli")
        claim_edits.set_status(first, cid, ClaimStatus.CONFIRMED, reviewer="first")
        assert first.claim(cid).status is ClaimStatus.CONFIRMED
