"""File > Restore from backup: the window lets go of the file, restores, and reopens it."""

from __future__ import annotations

from factdesk.core import claim_edits
from factdesk.core.demo import build_demo_review
from factdesk.core.model import ClaimStatus
from factdesk.core.store import Review
from factdesk.core.store.backups import list_backups, make_backup
from factdesk.ui.dialogs import RestoreBackupDialog
from factdesk.ui.mainwindow import MainWindow


def test_restoring_a_backup_brings_back_the_earlier_state(qtbot, tmp_path):
    path = tmp_path / "demo.factdesk"
    build_demo_review(path)
    with Review.open(path, backup=False) as review:
        demo = len(review.claims())  # the demo's own claims
        article = review.articles()[0]
        claim_edits.create_claim(review, article.id, 0, 10, reviewer="t", status=ClaimStatus.CONFIRMED)
        backup = make_backup(review, force=True)
        claim_edits.create_claim(review, article.id, 20, 30, reviewer="t")  # after the backup
    assert backup is not None

    w = MainWindow(remember=False)
    qtbot.addWidget(w)
    w.open_path(str(path))
    qtbot.waitUntil(lambda: w.review is not None, timeout=15000)
    assert len(w.review.claims()) == demo + 2

    w.restore_backup(path, backup)
    qtbot.waitUntil(lambda: w.review is not None and len(w.review.claims()) == demo + 1,
                    timeout=15000)
    assert any(c.anchor.start == 0 and c.status == ClaimStatus.CONFIRMED
               for c in w.review.claims())
    assert not any(c.anchor.start == 20 for c in w.review.claims())
    assert any("before-restore" in p.name for p in path.parent.rglob("*"))


def test_the_dialog_lists_backups_newest_first_with_their_contents(qtbot, tmp_path):
    path = tmp_path / "demo.factdesk"
    build_demo_review(path)
    with Review.open(path, backup=False) as review:
        make_backup(review, force=True)
    dialog = RestoreBackupDialog(list_backups(path))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "4"  # articles in the demo
    assert dialog.chosen() is not None
