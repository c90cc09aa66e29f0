"""Qt widgets only: the main window, one page per record kind, dialogs, table models."""
