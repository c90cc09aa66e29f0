"""Where the store, logs and backups live: the user's folders, a path the user chose, or beside a portable copy."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "BranchLedger"
DB_ENV = "BRANCH_LEDGER_DB"
# A file named portable (portable.txt, portable.txt.txt when Windows hides extensions, …) beside the frozen
# program, on a USB stick, keeps everything in "data" beside it.
PORTABLE_MARKER = "portable"


def portable_dir() -> Path | None:
    """The data folder beside a frozen program that has a portable marker, else None.

    Only a frozen build looks: beside a Python interpreter a marker would mean nothing.
    """
    if not getattr(sys, "frozen", False):
        return None
    home = Path(sys.executable).resolve().parent
    try:
        with os.scandir(home) as entries:
            marked = any(entry.name.split(".")[0].lower() == PORTABLE_MARKER and entry.is_file() for entry in entries)
    except OSError:
        return None
    return home / "data" if marked else None


def data_dir() -> Path:
    portable = portable_dir()
    return portable if portable else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    portable = portable_dir()
    return portable / "logs" if portable else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_store_path(explicit: str | None = None) -> Path | str:
    """--db wins, then the BRANCH_LEDGER_DB environment variable, then the data folder.
    A postgresql:// URL (the office's server) is returned as it is, never made into a file name."""
    from models.store.server import server_url
    chosen = explicit or os.environ.get(DB_ENV)
    if chosen and server_url(chosen):
        return server_url(chosen)
    return Path(chosen).expanduser().resolve() if chosen else data_dir() / "ledger.sqlite"


def documents_dir() -> Path:
    """Where files made for people go by default (the user's Documents folder)."""
    return Path(platformdirs.user_documents_dir())


def safe_file_name(text: str, limit: int = 60) -> str:
    """A file name made from a title: characters Windows forbids are replaced."""
    cleaned = "".join("_" if c in '\\/:*?"<>|\r\n\t' else c for c in text).strip(" .")
    return cleaned[:limit] or "未命名"
