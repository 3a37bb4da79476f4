"""The pure core of factdesk. Never imports Qt; the window and the command line present it.

The packages follow the data: ``read`` (a file into an article and passages), ``align``
(passages of different articles that report the same fact), ``check`` (what they disagree
on, which articles are one source), then ``store`` (the review file) and ``export`` (reports).
``model`` (the shared nouns) and ``progress`` sit below them all. On top, one module per
review-level step: ``importing`` (files into a review), ``reanalysis`` (re-align and re-check a
review), ``claim_edits`` (the reviewer's edits of claims), ``anchors`` (claims kept on their
words), ``contract`` (the CLI's JSON) and ``demo`` (the bundled demo review). Nothing imports
upward; import-linter enforces it (``pyproject.toml``).
"""
