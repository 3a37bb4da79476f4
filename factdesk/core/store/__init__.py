"""The only package that speaks SQL: review files on sqlite-utils."""

import sys


def _load_sqlite_utils() -> None:
    """Import sqlite-utils without numpy when numpy is not loaded yet.

    sqlite-utils imports numpy at its own import only to map numpy scalar types to column
    types when it infers a new table's columns from values; every factdesk table declares its
    columns with Python types (schema.py), so that mapping is never used. Opening a review in
    the window needs no numpy, and skipping it takes 0.3–0.4 s off the first open (0.53–0.59 s
    → 0.14–0.26 s for the import). Done once, before any thread of ours imports numpy.
    """
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" → ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        del sys.modules["numpy"]


_load_sqlite_utils()

from factdesk.core.store import review as _review_module  # noqa: E402
from factdesk.core.store.answers import (  # noqa: E402
    PairAnswer,
    PairDispute,
    PairQuestion,
    pair_key,
)
from factdesk.core.store.review import (  # noqa: E402
    AmbiguousArticleId,
    AnalysisOutdated,
    GroupEdit,
    Review,
    ReviewFileError,
    describe_sqlite_error,
)
from factdesk.core.store.schema import SCHEMA_VERSION  # noqa: E402


def _open_server(url: str, *, create: bool = False, read_only: bool = False) -> Review:
    """``Review.open`` of a ``postgresql://`` URL: psycopg is imported only now."""
    import os

    from factdesk.core.store.server import ServerReview

    # claim_edits.REVIEWER_ENV: the store sits below claim_edits and cannot import it
    return ServerReview.connect(url, create=create, read_only=read_only,
                                reviewer=os.environ.get("FACTDESK_REVIEWER", "").strip())


_review_module.open_server = _open_server

__all__ = [
    "SCHEMA_VERSION",
    "AmbiguousArticleId",
    "AnalysisOutdated",
    "GroupEdit",
    "PairAnswer",
    "PairDispute",
    "PairQuestion",
    "Review",
    "ReviewFileError",
    "describe_sqlite_error",
    "pair_key",
]
