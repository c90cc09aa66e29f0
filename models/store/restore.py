"""Restoring a backup over the store: the backup checked whole in a temporary folder before anything changes, the
current store kept (a safety backup, or the file itself set aside when it cannot be read), then one atomic rename."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import NamedTuple

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from models.store.backup import fsync_file, make_backup
from models.store.connection import StoreError, close_database, db, is_server
from models.store.files import attachment_dir_of
from models.store.opening import check_openable, open_database
from models.store.safety import set_aside
from models.store.server import server_url
from models.store.unpacking import unpack


class Restored(NamedTuple):
    safety: Path | None  # the backup of the store as it was, when it could be read
    aside: Path | None  # the store file itself, renamed beside it, when it could not

    def note(self) -> str:
        if self.safety:
            return f"（恢复前的数据已备份到 {self.safety}）"
        if self.aside:
            return f"（原数据文件无法读取，已改名保留为 {self.aside}）"
        return ""


def restore_backup(backup: Path, store: Path, second: Path | None = None, replace: bool = False) -> Restored:
    """Replace the store with a checked backup. Nothing changes unless the backup passes every check; then the
    current store is backed up first (or, damaged, empty or foreign, set aside without being opened), and the
    checked file takes its place by one rename, its attachment files beside it. A server store holding a ledger
    is replaced only when replace says so (restore_server.py)."""
    if server_url(store):
        from models.store.restore_server import restore_to_server
        return restore_to_server(backup, server_url(store), second, replace)
    store = Path(store)
    store.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{store.name}.restoring-"
    for leftover in store.parent.glob(prefix + "*"):  # of a restore cut off (the lock keeps out a running one)
        shutil.rmtree(leftover, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=store.parent, prefix=prefix) as work:
        extracted = unpack(Path(backup), Path(work))
        kept = _keep_current(store, second)
        for suffix in ("-wal", "-shm", "-journal"):  # a stale log must never be replayed onto the restored file
            Path(str(store) + suffix).unlink(missing_ok=True)
        fsync_file(extracted)
        os.replace(extracted, store)
        _sync_folder(store.parent)
        files = attachment_dir_of(store)
        for path in (Path(work) / "attachments").rglob("*") if (Path(work) / "attachments").is_dir() else []:
            target = files / path.relative_to(Path(work) / "attachments")
            if path.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    open_database(store)
    return kept


def _open_here(store: Path) -> bool:
    return (db.obj is not None and not is_server() and not db.is_closed()
            and Path(db.obj.database).resolve() == store.resolve())


def _keep_current(store: Path, second: Path | None) -> Restored:
    """A safety backup of the store as it is; a store that cannot be read whole is renamed aside instead."""
    if not store.exists():
        close_database()
        return Restored(None, None)
    try:
        if _open_here(store):
            return Restored(make_backup(db, store, "恢复前", second=second), None)
        check_openable(store)  # an empty, foreign or unreadable file is not opened at all
        plain = SqliteDatabase(str(store))  # no pragmas: read for the copy, nothing of its own written
        try:
            return Restored(make_backup(plain, store, "恢复前", second=second), None)
        finally:
            plain.close()
    except (StoreError, sqlite3.DatabaseError, PeeweeDatabaseError) as e:
        close_database()
        if "locked" in str(e).lower():  # another program has it open: never rename a file from under it
            raise StoreError(f"数据文件“{store}”正被其他程序占用，现在不能恢复。请先关闭正在使用它的程序再试。"
                             "当前数据未作任何改动。") from e
        return Restored(None, set_aside(store))
    finally:
        close_database()


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut once the folder is synced (where the OS allows it)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
