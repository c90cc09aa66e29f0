"""The store, behind one door: open, transaction (db.atomic()), backup, check, search and copy.

A store is a SQLite file (the default) or the office's PostgreSQL server (open_database("postgresql://…")).
Everything that knows which it is (pragmas, the backup API, FTS5 or pg_trgm, file locks, where attachment
files live, bulk writes, the migration ladder's bookkeeping) lives in this package; code elsewhere imports
only the names below, which behave the same on both. What start-up does not need (backup, restore, the index, attachment files,
bulk writes) loads on first use.
"""
from __future__ import annotations

import importlib

from models.store.connection import (
    BaseModel,
    DamagedStoreError,
    EmptyStoreError,
    ForeignStoreError,
    NetworkStoreError,
    RecordModel,
    StoreError,
    TrackedModel,
    busy_as_store_error,
    close_database,
    database_role,
    db,
    is_read_only,
    new_uuid,
    pc_name,
    release_thread_connection,
    store_path,
    utcnow,
)
from models.store.lock import StoreInUse, StoreLock, identity as store_identity
from models.store.opening import check_store, open_database
from models.store.paths import default_store_path, documents_dir, log_dir, portable_dir, safe_file_name
from models.store.safety import quick_check
from models.store.server import (SSLMODES, ServerRefused, ask_on_terminal, compose_url, parse_url, server_url,
                                 shown_target, use_password_prompt)

__all__ = [
    # opening and the connection (a transaction is db.atomic())
    "open_database", "close_database", "release_thread_connection", "check_store", "store_path", "db",
    "StoreLock", "StoreInUse", "store_identity", "StoreError", "DamagedStoreError", "EmptyStoreError", "ForeignStoreError",
    "NetworkStoreError", "busy_as_store_error",
    "shown_target", "use_password_prompt", "ask_on_terminal", "server_url", "parse_url", "compose_url", "SSLMODES",
    "ServerRefused",
    # a read-only account, and who is working (the audit trail's name on a server)
    "is_read_only", "database_role", "pc_name",
    # a server's password in the operating system's keyring, and a server tried before it is chosen
    "keyring_problem", "saved_password", "save_password", "forget_password", "probe_server",
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
    # a whole store copied to another (a file to the server, or back), checked on both sides
    "copy_store",
]

_ON_FIRST_USE = {
    "attachment_dir": "files", "file_size": "files", "keep_file": "files", "stored_file": "files",
    "Search": "search_index", "bodies": "search_index", "index_problems": "search_index",
    "rebuild_index": "search_index", "snippet": "search_index",
    "column_map": "bulk", "driver_errors": "bulk", "insert_rows": "bulk", "large_cache": "bulk", "largest_id": "bulk",
    "backup_folder": "backup", "backup_open_store": "backup_server", "list_backups": "backup", "make_backup": "backup_server",
    "newest_good": "unpacking", "COUNTED": "backup", "restore_backup": "restore", "copy_store": "copying",
    "keyring_problem": "passwords", "saved_password": "passwords", "save_password": "passwords",
    "forget_password": "passwords", "probe_server": "opening",
}


def __getattr__(name: str):
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module 'models.store' has no attribute '{name}'")
    return getattr(importlib.import_module(f"models.store.{module}"), name)
