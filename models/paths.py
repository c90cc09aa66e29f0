"""Where the store, logs and backups live: the user's folders, or a path the user chose."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "BranchLedger"
DB_ENV = "BRANCH_LEDGER_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_store_path(explicit: str | None = None) -> Path:
    """--db wins, then the BRANCH_LEDGER_DB environment variable, then the user data folder."""
    chosen = explicit or os.environ.get(DB_ENV)
    return Path(chosen).expanduser().resolve() if chosen else data_dir() / "ledger.sqlite"


def documents_dir() -> Path:
    """Where files made for people go by default (the user's Documents folder)."""
    return Path(platformdirs.user_documents_dir())


def safe_file_name(text: str, limit: int = 60) -> str:
    """A file name made from a title: characters Windows forbids are replaced."""
    cleaned = "".join("_" if c in '\\/:*?"<>|\r\n\t' else c for c in text).strip(" .")
    return cleaned[:limit] or "未命名"
