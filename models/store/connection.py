"""The store's connection and base models: one database behind a proxy (a SQLite file, or the office's
PostgreSQL server), the SQLite pragmas, the errors it raises."""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from peewee import (
    AutoField,
    CharField,
    DatabaseError,
    DatabaseProxy,
    DateTimeField,
    Model,
)

db = DatabaseProxy()

# Written into the file header so a foreign SQLite file is never mistaken for a store.
APPLICATION_ID = 0x42524C44  # "BRLD"
PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a power cut never loses a committed save
    "busy_timeout": 5000,
    "cache_size": -16000,
}


class StoreError(Exception):
    """The store cannot be used; the message is for the person at the screen."""


class NetworkStoreError(StoreError):
    """The store is on a network share, where SQLite files get corrupted."""


class DamagedStoreError(StoreError):
    """The store file is damaged; a backup can replace it."""


class ForeignStoreError(StoreError):
    """The file is not a store of this program (or its header is wrecked beyond telling)."""


class EmptyStoreError(DamagedStoreError):
    """The store file is empty (0 bytes): a copy cut short or a full disk, never taken for a new store."""


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = db
        legacy_table_names = False


class TrackedModel(BaseModel):
    """A row with a stable identity that travels between PCs."""
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class RecordModel(TrackedModel):
    """A record a person files, deletes to the recycle bin and restores."""
    deleted_at = DateTimeField(null=True, index=True)


def release_thread_connection() -> None:
    """Close this thread's own connection (worker threads each get one)."""
    if db.obj is not None and not db.is_closed():
        db.close()


def is_server(database=None) -> bool:
    """True when the store (or the database given) is a PostgreSQL server, not a SQLite file."""
    from peewee import PostgresqlDatabase
    database = db if database is None else database
    return isinstance(getattr(database, "obj", database), PostgresqlDatabase)


def is_read_only() -> bool:
    """True when the open store may be read but not changed: a server account granted SELECT alone. Found once,
    at opening; the window greys out its editing and the command line refuses its writing verbs."""
    return bool(getattr(db.obj, "read_only", False))


def database_role() -> str | None:
    """The server account the open store works as; None for a SQLite file."""
    return getattr(db.obj, "role", None) if is_server() else None


def pc_name() -> str:
    """This computer's name, as the audit trail gives it beside a server account."""
    import platform
    return platform.node().split(".")[0] or "未知电脑"


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        if not is_server():
            try:
                db.execute_sql("PRAGMA optimize")  # keeps the planner's statistics fresh (cheap; SQLite decides)
            except DatabaseError:
                pass
        db.close()


def store_path() -> Path | str:
    """The open store: its file, or a server's URL without the password."""
    return db.obj.address.shown if is_server() else Path(db.obj.database)


def busy_as_store_error(error: Exception) -> StoreError:
    """SQLite's 'database is locked', 'disk is full' and 'readonly database', said so a person knows what to do.
    The transaction has been rolled back whole: nothing was half-written."""
    if isinstance(error, StoreError):  # already said for a person (the server went away mid-way)
        return error
    text = str(error).lower()
    if is_server():
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if "no space left" in text or "disk full" in text or "could not extend" in text:
            why = "数据库服务器的磁盘空间已满，请联系服务器管理员"
        elif "read-only" in text or "permission denied" in text:
            why = "当前数据库用户没有写入权限"
        elif "deadlock" in text or "could not serialize" in text or "lock" in text:
            why = "有人正在同时修改相同的数据，请稍后再试"
        else:
            why = "与数据库服务器的连接中断或服务器出错，请检查网络后再试"
        return StoreError(f"未能写入：{why}。数据库未被改动。（{first}）")
    if "full" in text:
        why = "磁盘空间已满。请清理磁盘（或把旧备份移到别处）后再试"
    elif "readonly" in text or "read-only" in text:
        why = "数据文件是只读的（可能在只读的U盘或没有写入权限的文件夹中）。请把它放到可写的位置"
    else:
        why = "数据文件正忙，可能正在备份或导入，或被其他程序占用。请稍后再试"
    # Said for whoever asked, a form or the command line: the form adds that what was typed is kept.
    return StoreError(f"未能写入：{why}。数据文件未被改动。（{error}）")
