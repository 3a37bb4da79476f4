"""Alignment: which passages of different articles report the same fact or quotation.

In the order the data flows: ``tfidf`` and ``features`` (the passages' signals), ``candidates``
(the few pairs worth scoring, near-linear), ``score`` (the hand-set score of a pair), ``judge``
(the trained "same fact?" probability), ``groups`` (N-way groups, and
:func:`~factdesk.core.align.groups.align`, which runs the steps); beside them ``regroup``
(where a reviewer may put a passage by hand), ``learn`` (the judge re-fitted to a story from
the reviewer's answers) and ``diff`` (word-level differences inside a group). ``config`` holds
every threshold and weight. May import :mod:`factdesk.core.model`,
:mod:`factdesk.core.progress` and :mod:`factdesk.core.read`, never ``check``, the store or the
exports.
"""
