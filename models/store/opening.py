"""Opening a store: refusing foreign, newer, damaged or networked files (or server databases) before touching a
byte, then migrating. A postgresql:// URL opens the office's server; anything else is a SQLite file's path."""
from __future__ import annotations

import os
import struct
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

import models.store.migrations as migrations
from models.store.connection import (APPLICATION_ID, PRAGMAS, DamagedStoreError, EmptyStoreError, ForeignStoreError,
                                     NetworkStoreError, StoreError, db)
from models.store.lock import rekey
from models.store.safety import check_file, is_network_path, network_message
from models.store.server import can_write, connect_server, role_of, server_url

SQLITE_MAGIC = b"SQLite format 3\x00"


def read_header(path: Path) -> tuple[int, int] | None:
    """(user_version, application_id) read from the file's header without opening it.

    None for an empty file. Raises StoreError when the file is not SQLite at all.
    """
    with open(path, "rb") as f:
        head = f.read(100)
    if not head:
        return None
    versions = versions_in(head)
    if versions is None:
        raise ForeignStoreError(f"“{path}”不是支部台账的数据文件（不是 SQLite 数据库），文件未作任何改动。")
    return versions


def versions_in(head: bytes) -> tuple[int, int] | None:
    """(user_version, application_id) from a file's first 100 bytes; None when they are not a SQLite header."""
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return None
    return struct.unpack(">I", head[60:64])[0], struct.unpack(">I", head[68:72])[0]


def check_openable(path: Path, new: bool = False) -> None:
    """Refuse, before touching a byte, a file that is foreign, from a newer program, or empty (unless new: a person
    asked for a new store there)."""
    if not path.exists():
        return
    header = read_header(path)
    if header is None:
        if new:
            return
        raise EmptyStoreError(
            f"数据文件“{path}”是空文件（0 字节），里面没有任何数据：可能是复制没有完成，或磁盘曾经写满。文件未作任何改动。"
            "请用备份恢复它；确实要在这里新建数据文件时，先删除这个空文件。")
    wal, journal = Path(str(path) + "-wal"), Path(str(path) + "-journal")
    unsettled = (wal.exists() and wal.stat().st_size) or journal.exists()
    if unsettled or header == (0, 0):
        # The header lags behind a write-ahead log until a checkpoint, and a store cut off in its first
        # write has a hot journal: read through SQLite, which applies the log or rolls the journal back.
        header = _versions_through_sqlite(path)
    user_version, application_id = header
    if application_id != APPLICATION_ID and (application_id or user_version):
        raise ForeignStoreError(f"“{path}”是其他程序的 SQLite 数据库，不是支部台账的数据文件，文件未作任何改动。")
    if user_version > migrations.SCHEMA_VERSION:
        raise StoreError(
            f"“{path}”由更新版本的支部台账创建（数据版本 {user_version}，本程序支持到 {migrations.SCHEMA_VERSION}），"
            "请安装新版本后再打开。文件未作任何改动。")
    if application_id == 0 and user_version == 0 and _has_tables(path, unsettled):
        raise ForeignStoreError(f"“{path}”是其他程序的 SQLite 数据库，不是支部台账的数据文件，文件未作任何改动。")


def _versions_through_sqlite(path: Path) -> tuple[int, int]:
    import sqlite3

    def read(target: str, **kwargs) -> tuple[int, int]:
        con = sqlite3.connect(target, **kwargs)
        try:
            return (con.execute("PRAGMA user_version").fetchone()[0],
                    con.execute("PRAGMA application_id").fetchone()[0])
        finally:
            con.close()
    try:
        return read(f"file:{path}?mode=ro", uri=True)
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e):
            raise DamagedStoreError(f"数据文件“{path}”已损坏，无法读取（{e}）。文件未作任何改动。") from e
        # A hot journal needs writing to roll back, as any SQLite program does on opening; nothing else changes.
        return read(str(path))
    except sqlite3.DatabaseError as e:
        raise DamagedStoreError(f"数据文件“{path}”已损坏，无法读取（{e}）。文件未作任何改动。") from e


def _has_tables(path: Path, unsettled=False) -> bool:
    import sqlite3
    con = sqlite3.connect(str(path)) if unsettled else sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as e:
        raise DamagedStoreError(f"数据文件“{path}”已损坏，无法读取（{e}）。文件未作任何改动。") from e
    finally:
        con.close()


def open_database(target: str | Path, migrate: bool = True, new: bool = False):
    """Open (creating if needed) the store at target, set its pragmas and bring its schema up to date.

    target: a SQLite file's path, or postgresql://user[:password]@host[:port]/dbname[?sslmode=…] for a server.
    new: an empty (0-byte) file at target is made into a new store instead of refused.
    """
    if server_url(target):
        return _open_server(target, migrate)
    path = Path(target)
    if is_network_path(path):
        raise NetworkStoreError(network_message(path))
    check_openable(path, new)
    path.parent.mkdir(parents=True, exist_ok=True)
    if migrate and (not path.exists() or not path.stat().st_size):
        _create(path)
    # Every transaction takes the write lock as it begins (BEGIN IMMEDIATE): a background import and a form's save
    # then wait for each other, instead of the one that read first failing at its first write (a snapshot that
    # another commit has overtaken cannot be upgraded in WAL mode, whatever the busy timeout).
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    db.initialize(database)
    try:
        database.connect(reuse_if_open=True)
        rekey(path)  # the file may be new (created now, or put here by a restore): its lock follows it
        if migrate:
            migrations.upgrade(database, path)
    except DatabaseError as e:
        database.close()
        if "locked" in str(e).lower():  # another program holds it: no damage, and nothing to restore
            raise StoreError(f"数据文件“{path}”正被其他程序占用，暂时无法打开（{e}）。请稍后再试，或先关闭正在"
                             "使用它的程序。文件未作任何改动。") from e
        raise DamagedStoreError(f"数据文件“{path}”已损坏或无法读取（{e}）。请用最近的备份恢复。") from e
    except BaseException:
        database.close()
        raise
    return database


def _create(path: Path) -> None:
    """Build a new store under another name and rename it into place: a start cut off while creating it leaves
    no store (the next start begins again), never an empty or half-made file where the store should be."""
    work = path.with_name(path.name + ".new")
    for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm"), Path(f"{work}-journal")):
        leftover.unlink(missing_ok=True)
    database = SqliteDatabase(str(work), pragmas=PRAGMAS)
    try:
        database.connect()
        migrations.upgrade(database, work)
    finally:
        database.close()
    with open(work, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(work, path)


def _open_server(target, migrate: bool):
    database = connect_server(target)
    try:
        found = migrations.server_version(database)
        migrations.refuse_newer(database, found)
        database.role = role_of(database)
        database.read_only = bool(found) and not can_write(database)
        if database.read_only and found < migrations.SCHEMA_VERSION:
            raise StoreError(f"服务器数据库“{database.address.shown}”需要升级到数据版本 {migrations.SCHEMA_VERSION}"
                             f"（现为 {found}），而账号“{database.role}”只有查看权限。请先用有写入权限的账号打开一次。"
                             "数据库未作任何改动。")
        db.initialize(database)
        if migrate and not database.read_only:
            migrations.upgrade(database)
    except DatabaseError as e:
        database.close()
        raise StoreError(_unusable(database, e)) from e
    except BaseException:
        database.close()
        raise
    return database


def _check_server(target) -> list[str]:
    """Problems with a server store, found without changing it."""
    from models.store.search_index import index_problems
    database = connect_server(target)
    try:
        found = migrations.server_version(database)
        migrations.refuse_newer(database, found)
        if found < migrations.SCHEMA_VERSION:
            return [f"数据版本为 {found}，打开后会升级到 {migrations.SCHEMA_VERSION}"]
        previous = db.obj
        db.initialize(database)
        try:
            return index_problems()
        finally:
            db.initialize(previous)
    finally:
        database.close()


def check_store(path: Path | str) -> list[str]:
    """Problems with the store file, found without changing it; empty when it is whole."""
    if server_url(path):
        return _check_server(path)
    path = Path(path)
    if not path.exists():
        raise StoreError(f"数据文件“{path}”不存在。")
    check_openable(path)
    return check_file(path)


def probe_server(url: str, password: str | None = None) -> str:
    """Try a server before choosing it, changing nothing there: one Chinese line saying what was found (an empty
    database, a ledger, read-only or not), or StoreError with one line saying why it cannot be used (ServerRefused,
    whose kind says "password" when the server wants one, when it could not be connected to)."""
    from dataclasses import replace

    from models.store.server import ServerDatabase, parse_url, refused
    address = parse_url(url)
    if password:
        address = replace(address, password=password)
    database = ServerDatabase(address)
    try:
        database.connect()
    except DatabaseError as e:
        raise refused(e, address) from None
    try:
        found = migrations.server_version(database)
        migrations.refuse_newer(database, found)
        ssl = database.execute_sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        secured = "，连接已加密" if ssl and ssl[0] else "，连接未加密"
        if not found:
            return f"连接成功：数据库“{address.dbname}”是空的，第一次打开时会在其中建立支部台账的数据表{secured}。"
        if not can_write(database):
            return f"连接成功：这是支部台账的数据库（数据版本 {found}），账号“{role_of(database)}”只有查看权限{secured}。"
        return f"连接成功：这是支部台账的数据库（数据版本 {found}）{secured}。"
    except DatabaseError as e:
        raise StoreError(_unusable(database, e)) from e
    finally:
        database.close()


def _unusable(database, error: Exception) -> str:
    """One line for a server database that connects but cannot be used."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    who, where = database.address.user or "", database.address.shown
    if "permission denied for schema" in first.lower():  # an empty database the account may not build tables in
        return f"账号“{who}”不能在服务器数据库“{where}”中建表或升级（{first}）。请用数据库的所有者账号先打开一次。"
    if "permission denied" in first.lower():
        return f"账号“{who}”没有读取服务器数据库“{where}”的权限，请管理员至少授予查看（SELECT）权限。（{first}）"
    return f"服务器数据库“{where}”无法使用：{first}"
