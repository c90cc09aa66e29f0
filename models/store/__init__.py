"""The store, behind one door: open, transaction (db.atomic()), backup, check and search.

Everything that knows the store is SQLite (pragmas, the backup API, FTS5, file locks, the attachment
folder) lives in this package; code elsewhere imports only the names below, so a second backend can
stand behind the same names. Backup and restore load on first use (they pull in zipfile and tempfile).
"""
from __future__ import annotations

import importlib

from models.store.bulk import column_map, driver_errors, insert_rows, large_cache, largest_id
from models.store.connection import (
    BaseModel,
    DamagedStoreError,
    NetworkStoreError,
    RecordModel,
    StoreError,
    TrackedModel,
    busy_as_store_error,
    close_database,
    db,
    new_uuid,
    release_thread_connection,
    store_path,
    utcnow,
)
from models.store.files import attachment_dir, file_size, keep_file, stored_file
from models.store.lock import StoreInUse, StoreLock
from models.store.opening import check_store, open_database
from models.store.paths import default_store_path, documents_dir, log_dir, portable_dir, safe_file_name
from models.store.safety import quick_check
from models.store.search_index import Search, bodies, index_problems, rebuild_index, snippet

__all__ = [
    # opening and the connection (a transaction is db.atomic())
    "open_database", "close_database", "release_thread_connection", "check_store", "store_path", "db",
    "StoreLock", "StoreInUse", "StoreError", "DamagedStoreError", "NetworkStoreError", "busy_as_store_error",
    # what every table is built on
    "BaseModel", "TrackedModel", "RecordModel", "new_uuid", "utcnow",
    # where things live
    "default_store_path", "portable_dir", "log_dir", "documents_dir", "safe_file_name",
    # attachment files
    "attachment_dir", "stored_file", "keep_file", "file_size",
    # the full-text index
    "Search", "bodies", "snippet", "index_problems", "rebuild_index",
    # many rows at once
    "insert_rows", "largest_id", "column_map", "large_cache", "driver_errors",
    # backup, check, restore
    "quick_check", "make_backup", "backup_open_store", "backup_folder", "list_backups", "newest_good", "COUNTED",
    "restore_backup",
]

_ON_FIRST_USE = {
    "backup_folder": "backup", "backup_open_store": "backup", "list_backups": "backup", "make_backup": "backup",
    "newest_good": "backup", "COUNTED": "backup", "restore_backup": "restore",
}


def __getattr__(name: str):
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'models.store' has no attribute '{name}'")
    return getattr(importlib.import_module(f"models.store.{module}"), name)
