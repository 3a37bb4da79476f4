"""A new user's first run: the demo review opens with its claims; File > Open Demo always
reaches it; an export says where the report is; the keyboard sheet lists every key."""

from __future__ import annotations

from pathlib import Path

from factdesk import REVIEW_SUFFIX
from factdesk.core.demo import DEMO_TITLE
from factdesk.core.model import ClaimStatus
from factdesk.core.store import Review
from factdesk.ui import settings
from factdesk.ui.app import _open_inputs
from factdesk.ui.mainwindow import MainWindow


def _window(qtbot, remember: bool = True) -> MainWindow:
    w = MainWindow(remember=remember)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_first_start_opens_the_demo_with_its_claims(qtbot) -> None:
    assert settings.LAST_REVIEW.get() == ""
    w = _window(qtbot)
    with qtbot.waitSignal(w.review_shown, timeout=120000):
        _open_inputs(w, [], temporary=False)
    assert w.windowTitle().startswith(DEMO_TITLE)
    claims = list(w.snapshot.claims.claims.values())
    assert {c.status for c in claims} == set(ClaimStatus)
    assert w.claims_model.rowCount() == len(claims)
    # it opens on a conflicting claim with its note and evidence, as the README shows it
    current = w.tagging.current_claim()
    assert current is not None and current.status is ClaimStatus.CONFLICTING
    assert current.note and current.evidence
    assert w.view.selection.passage_id == current.passage_id
    # the claims are shown beside four readable panes, not collapsed away
    assert not w.docks.claims.isHidden()
    assert all(p.chars_per_line() >= 44 for p in w.view.area.visible_panes())


def test_open_demo_rebuilds_an_older_demo_and_keeps_it_aside(qtbot) -> None:
    w = _window(qtbot, remember=False)
    with qtbot.waitSignal(w.review_shown, timeout=120000):
        w.open_demo()
    qtbot.waitUntil(w.settled, timeout=20000)  # panes come in later turns
    path = Path(str(w.review.path))
    w.close()
    with Review.open(path, backup=False) as review:  # as a demo from an older factdesk
        review.set_meta("demo_version", "1")
        review.set_meta("title", "old demo")
    w2 = _window(qtbot, remember=False)
    with qtbot.waitSignal(w2.review_shown, timeout=120000):
        w2.open_demo()
    qtbot.waitUntil(w2.settled, timeout=20000)  # panes come in later turns
    assert w2.windowTitle().startswith(DEMO_TITLE)
    aside = path.with_name("demo.previous" + REVIEW_SUFFIX)
    with Review.open(aside, backup=False) as old:
        assert old.title == "old demo"
