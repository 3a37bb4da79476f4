"""The pure core of factdesk: ingest, clean, segment, align, diff, store. Never imports Qt."""
