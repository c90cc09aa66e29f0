"""Restoring a backup onto a server store: the backup unpacked and checked whole first (unpacking.py, as for a
file), a server database that already holds a ledger refused unless a person said to replace it, the server's
data backed up before it is replaced, then the whole store put in one transaction, counted and digested on
both sides before it commits (copying.fill)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from peewee import SqliteDatabase

import models.store.migrations as migrations
from models.store.backup import COUNTED
from models.store.backup_server import make_backup
from models.store.connection import PRAGMAS, StoreError
from models.store.copying import MACHINERY, fill
from models.store.files import FILE_TABLE, attachment_dir_of
from models.store.server import can_write, connect_server, role_of
from models.store.unpacking import unpack

SEEDED = {"report_section", "indicator"}  # what a new, empty store already has: not data a person entered


def held(database) -> dict[str, int]:
    """{table: rows} of the tables holding anything a person entered (an empty store holds none)."""
    tables = [t for t in database.get_tables()
              if t not in MACHINERY | SEEDED and not t.startswith(("search_", "sqlite_"))]
    counts = {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    return {t: n for t, n in counts.items() if n}


def _said(counts: dict[str, int]) -> str:
    named = [f"{COUNTED[t]} {n} 条" for t, n in counts.items() if t in COUNTED]
    return "、".join(named) or "、".join(f"{t} {n} 行" for t, n in list(counts.items())[:3])


def restore_to_server(backup: Path, url: str, second: Path | None = None, replace: bool = False):
    """Put a checked backup onto the server database at url. A database already holding a ledger is refused
    unless replace (its data is then backed up first); a read-only account is refused. Returns restore.Restored."""
    from models.store.restore import Restored
    database = connect_server(url)
    try:
        where = database.address.shown
        found = migrations.server_version(database)  # a database of another program is refused untouched
        migrations.refuse_newer(database, found)
        if found and not can_write(database):
            raise StoreError(f"账号“{role_of(database)}”只有查看权限，不能恢复到服务器数据库“{where}”。数据库未作任何改动。")
        there = held(database) if found else {}
        if there and not replace:
            raise StoreError(f"服务器数据库“{where}”中已有数据（{_said(there)}），恢复会用备份替换其中的全部数据。"
                             "确认要替换时加 --replace（替换前会先把现有数据备份到本机）。数据库未作任何改动。")
        with tempfile.TemporaryDirectory(prefix="ledger-restoring-") as work:
            extracted = unpack(Path(backup), Path(work))
            files = Path(work) / "attachments"
            if files.is_dir():  # where a store file's attachment files are looked for: beside it
                files.rename(attachment_dir_of(extracted))
            source = SqliteDatabase(str(extracted), pragmas=PRAGMAS)
            try:
                migrations.upgrade(source, extracted)  # a backup from an older version climbs the ladder first
                safety = make_backup(database, url, "恢复前", second=second) if there else None
                fill(source, database)
            finally:
                source.close()
        # files only the replaced data named: the safety backup holds them, the store no longer does
        database.execute_sql(f'DELETE FROM "{FILE_TABLE}" WHERE "sha256" NOT IN (SELECT "sha256" FROM "attachment")')
        return Restored(safety, None)
    finally:
        database.close()
