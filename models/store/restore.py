"""Restoring a backup over the store: checked whole before anything changes, the current store kept first."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError

import models.store.migrations as migrations
from models.store.backup import SERVER_BACKUP, fsync_file, make_backup, unpack
from models.store.connection import StoreError, close_database, db
from models.store.files import attachment_dir_of
from models.store.opening import open_database
from models.store.safety import set_aside
from models.store.server import server_url


def restore_backup(backup: Path, store: Path, second: Path | None = None) -> Path | None:
    """Replace the store with a checked backup. The current store is backed up first (returned), the backup is
    refused before anything changes if it fails its checks, and attachment files come back with it."""
    if server_url(store):
        raise StoreError(SERVER_BACKUP.replace("备份它", "从备份恢复它"))
    store = Path(store)
    with tempfile.TemporaryDirectory(dir=store.parent) as work:
        extracted = unpack(Path(backup), Path(work))
        con = sqlite3.connect(extracted)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.close()
        if version > migrations.SCHEMA_VERSION:
            raise StoreError("这个备份来自更新版本的程序，请先安装新版本再恢复。")
        safety = None
        if db.obj is not None and Path(db.obj.database) == store and store.exists():
            try:
                safety = make_backup(db, store, "恢复前", second=second)
            except (StoreError, sqlite3.DatabaseError, PeeweeDatabaseError):
                pass  # the store is damaged and cannot be copied whole: it is set aside below instead
        close_database()
        if store.exists() and safety is None:
            set_aside(store)
        for suffix in ("-wal", "-shm"):  # a stale log must never be replayed onto the restored file
            Path(str(store) + suffix).unlink(missing_ok=True)
        fsync_file(extracted)
        os.replace(extracted, store)
        files = attachment_dir_of(store)
        for path in (Path(work) / "attachments").rglob("*") if (Path(work) / "attachments").is_dir() else []:
            target = files / path.relative_to(Path(work) / "attachments")
            if path.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    open_database(store)
    return safety
