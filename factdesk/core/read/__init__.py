"""Reading: bytes of one file into an :class:`~factdesk.core.model.Article` and its passages.

Owns decoding and extraction (``ingest``), marking page junk (``clean``) and cutting the
article text into sentence passages with exact offsets (``segment``). Knows nothing of reviews,
other articles or the store; may import only :mod:`factdesk.core.model`,
:mod:`factdesk.core.progress` and libraries.
"""
