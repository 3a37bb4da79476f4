"""Parallel article panes: read-only text views with highlights, margins, overview strips and
the bands between neighbouring panes."""

from factdesk.ui.panes.area import PaneArea
from factdesk.ui.panes.pane import ArticlePane
from factdesk.ui.panes.view import PassageView

__all__ = ["ArticlePane", "PaneArea", "PassageView"]
