"""Backing up whichever store is open: a server store is copied, in one REPEATABLE READ transaction, into a SQLite
store file (copying.py), so its backup is the same kind of zip as a file's (backup.py) and restores as a local
store too; a file goes straight to backup.py."""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from models.store import backup
from models.store.connection import StoreError, db, is_server, store_path
from models.store.copying import copy_store
from models.store.files import attachment_dir_of
from models.store.safety import check_file

log = logging.getLogger("branch_ledger")


def _server_copy(database, work: Path) -> Path:
    """The server store as a checked SQLite store file in work, its attachment files beside it; read in one
    REPEATABLE READ transaction, so every table and file is of the same moment while other PCs go on working."""
    copy = work / backup.STORE_NAME
    copy_store(copy, source=database)
    con = sqlite3.connect(copy)
    try:
        con.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, as the backup API leaves it
    finally:
        con.close()
    problems = check_file(copy)
    if problems:
        raise StoreError("备份检查未通过：" + "；".join(problems[:3]))
    return copy


def make_backup(database, store: Path | str, reason: str = "手动", dest: Path | None = None,
                second: Path | None = None, now: dt.datetime | None = None) -> Path:
    """One checked .zip of the store (see backup.make_backup), a file's or a server's."""
    copier = None
    if is_server(database):
        def copier(work: Path):
            copy = _server_copy(database, work)
            return copy, attachment_dir_of(copy)
    return backup.make_backup(database, store, reason, dest, second, now, copier)


def backup_open_store(reason: str, second: str | Path | None = None) -> Path | None:
    """A backup of the store this program has open, copied to the second folder too (from settings).
    A server store is backed up where it runs (the IT unit's pg_dump) and when a person asks (手动) or before
    a restore: the backups a PC would take on its own (before an import, on a timer, on closing) are skipped,
    or every PC would copy the whole shared store again and again."""
    if is_server() and reason not in ("手动", "恢复前"):
        log.info("服务器数据库不在本机自动备份（%s）", reason)
        return None
    return make_backup(db, store_path(), reason, second=second)
