"""Undoable reviewer edits: each command calls one core write in ``redo`` and its inverse in
``undo``, then tells the window which article to re-read (after the commit, so what the window
shows is what is on disk)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:  # the store (sqlite-utils) loads in the worker, not at start
    from factdesk.core.store import Review


FIELD_NAMES = {"title": "title", "outlet": "outlet", "published": "date", "author": "author",
               "hidden": "visibility"}


class EditArticleCommand(QUndoCommand):
    def __init__(self, review: Review, article_id: str, field: str, old: Any, new: Any,
                 changed: Callable[[str], None]) -> None:
        what = FIELD_NAMES.get(field, field)
        text = (("Hide" if new else "Show") + " article") if field == "hidden" \
            else f"Edit {what}"
        super().__init__(text)
        self.review, self.article_id, self.field = review, article_id, field
        self.old, self.new, self.changed = old, new, changed

    def redo(self) -> None:
        self.review.update_article(self.article_id, **{self.field: self.new})
        self.changed(self.article_id)

    def undo(self) -> None:
        self.review.update_article(self.article_id, **{self.field: self.old})
        self.changed(self.article_id)


class MoveArticleCommand(QUndoCommand):
    def __init__(self, review: Review, article_id: str, old_index: int, new_index: int,
                 changed: Callable[[str], None]) -> None:
        super().__init__("Move article")
        self.review, self.article_id = review, article_id
        self.old_index, self.new_index, self.changed = old_index, new_index, changed

    def redo(self) -> None:
        self.review.move_article(self.article_id, self.new_index)
        self.changed(self.article_id)

    def undo(self) -> None:
        self.review.move_article(self.article_id, self.old_index)
        self.changed(self.article_id)
