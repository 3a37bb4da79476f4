"""factdesk: a desktop review tool for fact-checking several outlets' reports of one story."""

__version__ = "0.1.0"
APP_ID = "org.factdesk.FactDesk"
APP_NAME = "factdesk"
REVIEW_SUFFIX = ".factdesk"
