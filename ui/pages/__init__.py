"""The window's pages, one per record kind plus home, report, recycle bin and settings."""
