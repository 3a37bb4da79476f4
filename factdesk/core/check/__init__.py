"""Checking: what the aligned passages say, and where the outlets disagree.

``quotations``, ``quantities`` and ``dates`` read quotes, numbers and dates or weekdays out of a
passage; ``conflicts`` runs them on the pairs of a group and says which disagree;
``independence`` finds which articles are one source (wire copy); ``suggestions`` proposes a
status for a claim from all of that. May import the model, progress, ``read`` and ``align``,
never the store or the exports.
"""
