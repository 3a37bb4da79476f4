"""Thin Qt item models over a :class:`~factdesk.ui.presenter.ReviewSnapshot` (ids in, no SQL)."""

from factdesk.ui.models.articles import ArticleTableModel
from factdesk.ui.models.claims import ClaimFilterProxy, ClaimTableModel
from factdesk.ui.models.groups import ConflictTableModel, GroupTableModel

__all__ = ["ArticleTableModel", "ClaimFilterProxy", "ClaimTableModel", "ConflictTableModel",
           "GroupTableModel"]
