"""The only package that speaks SQL: review files on sqlite-utils."""

from factdesk.core.store.review import GroupEdit, Review, ReviewFileError
from factdesk.core.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "GroupEdit", "Review", "ReviewFileError"]
