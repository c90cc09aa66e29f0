"""Widgets and models pages share: the lazily paged table, charts, the PDF preview, labels for codes."""
