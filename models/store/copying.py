"""A whole store copied into a new one: a SQLite file into an empty server database, a server into a new
SQLite file (so an office can always take its data home as one file), or either into its own kind.

Everything the ledger holds goes: every table of the schema (records, their parts, the audit trail, settings,
report sections, indicators, archived periods, saved lead paragraphs) with its ids, and every attachment file.
The new store is built by the same migration ladder and filled in one transaction; before it commits, both
sides are counted and digested table by table (values read the same on either backend: a date is a date
whether SQLite keeps it as text or the server as a date) and anything that differs undoes the whole copy.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from peewee import SqliteDatabase

import models.store.migrations as migrations
from models.store.connection import PRAGMAS, StoreError, db, is_server, store_path
from models.store.dialect import BOOLEAN_COLUMNS
from models.store.files import FILE_TABLE, attachment_dir_of, file_hash, keep_on_server
from models.store.safety import is_network_path, network_message
from models.store.server import connect_server, server_url

CHUNK = 5000
# Tables of the store's own machinery, rebuilt or kept by the new store itself, never copied as rows.
MACHINERY = {"search_index", "search_terms", migrations.VERSION_TABLE, FILE_TABLE}


# -- the two ends --------------------------------------------------------------

def _new_file(target) -> tuple[SqliteDatabase, Path]:
    path = Path(target).expanduser().resolve()
    if path.exists() and path.stat().st_size:
        raise StoreError(f"“{path}”已存在且不是空文件。复制只写入新的数据文件，请换一个文件名。")
    if is_network_path(path):
        raise StoreError(network_message(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS)
    database.connect()
    return database, path


def _empty_server(target):
    database = connect_server(target)
    try:
        if migrations.server_version(database) or migrations.has_tables(database):
            raise StoreError(f"服务器数据库“{database.address.shown}”不是空的。复制只写入空数据库（没有任何数据表），"
                             "以免与已有的数据混在一起；请让管理员新建一个空数据库。")
    except BaseException:
        database.close()
        raise
    return database


def _shown(database) -> str:
    return database.address.shown if is_server(database) else str(database.database)


# -- tables and values ---------------------------------------------------------

def _tables(database) -> list[str]:
    """The ledger's tables in an order that fills every referenced table before its referrers."""
    names = [t for t in database.get_tables() if t not in MACHINERY and not t.startswith(("search_", "sqlite_"))]
    needs = {t: _references(database, t) & set(names) - {t} for t in names}
    ordered, done = [], set()
    while len(ordered) < len(names):
        ready = sorted(t for t in names if t not in done and needs[t] <= done)
        if not ready:
            raise StoreError("数据表之间的关联有循环，无法确定复制顺序。")
        ordered += ready
        done |= set(ready)
    return ordered


def _references(database, table: str) -> set[str]:
    """The tables table's foreign keys point at. On a server read from pg_catalog: information_schema hides the
    constraints of tables the account may only read, and a read-only account backs up too."""
    if not is_server(database):
        return {fk.dest_table for fk in database.get_foreign_keys(table)}
    return {name for (name,) in database.execute_sql(
        "SELECT c.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.confrelid"
        " WHERE k.contype = 'f' AND k.conrelid = to_regclass(%s)", (f'"{table}"',)).fetchall()}


def _kinds(database, table: str) -> dict[str, str]:
    """{column: int | bool | text | date | time | datetime | bytes}, the same on both backends."""
    out = {}
    for column in database.get_columns(table):
        declared = column.data_type.lower()
        if (table, column.name) in BOOLEAN_COLUMNS or declared == "boolean":
            kind = "bool"
        elif "int" in declared:
            kind = "int"
        elif declared in ("date",):
            kind = "date"
        elif declared.startswith("time") and "stamp" not in declared:
            kind = "time"
        elif declared.startswith(("datetime", "timestamp")):
            kind = "datetime"
        elif declared in ("blob", "bytea"):
            kind = "bytes"
        else:
            kind = "text"
        out[column.name] = kind
    return out


def _read(value, kind: str):
    """A stored value as Python has it, whichever backend stored it (SQLite keeps dates and times as text)."""
    if value is None or not isinstance(value, str) or kind not in ("date", "time", "datetime"):
        return bool(value) if kind == "bool" and value is not None else value
    return {"date": dt.date, "time": dt.time, "datetime": dt.datetime}[kind].fromisoformat(value)


def _written(value, kind: str, server: bool):
    """A value as the destination keeps it: what peewee itself writes there."""
    if value is None or server:
        return value
    if kind == "bool":
        return int(value)
    if kind in ("date", "time", "datetime"):
        return str(value)
    return value


def _canonical(value, kind: str) -> str:
    if value is None:
        return "\\N"
    if kind == "bool":
        return "1" if value else "0"
    if kind in ("date", "time", "datetime"):
        try:
            value = _read(value, kind)
        except ValueError:
            return "?" + str(value)
        return value.isoformat(" ") if kind == "datetime" else value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _mark(database) -> str:
    return "%s" if is_server(database) else "?"


def _rows(database, table: str, columns: list[str]):
    """Every row of table in id order, read a chunk at a time."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    last = None
    while True:
        where = f' WHERE "id" > {_mark(database)}' if last is not None else ""
        chunk = database.execute_sql(f'SELECT {quoted} FROM "{table}"{where} ORDER BY "id" LIMIT {CHUNK}',
                                     (last,) if last is not None else ()).fetchall()
        yield from chunk
        if len(chunk) < CHUNK:
            return
        last = chunk[-1][columns.index("id")]


def _insert(database, table: str, columns: list[str], rows: list[tuple]) -> None:
    quoted = ", ".join(f'"{c}"' for c in columns)
    if is_server(database):
        from psycopg2.extras import execute_values
        execute_values(database.cursor(), f'INSERT INTO "{table}" ({quoted}) VALUES %s', rows, page_size=1000)
    else:
        database.cursor().executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})',
                                      rows)


def _census(database, tables: list[str], kinds: dict) -> tuple[dict[str, int], str]:
    """({table: rows}, digest of every value of every table) — reads the same on either backend."""
    counts, whole = {}, hashlib.sha256()
    for table in tables:
        columns = sorted(kinds[table])
        digest, n = hashlib.sha256(), 0
        for row in _rows(database, table, columns):
            digest.update(("\t".join(_canonical(v, kinds[table][c]) for v, c in zip(row, columns)) + "\n").encode())
            n += 1
        counts[table] = n
        whole.update(f"{table}\t{n}\t{digest.hexdigest()}\n".encode())
    return counts, whole.hexdigest()


# -- attachment files ----------------------------------------------------------

def _files_of(database) -> list[str]:
    return sorted(sha for (sha,) in database.execute_sql('SELECT DISTINCT "sha256" FROM "attachment"').fetchall())


def _file(database, sha: str) -> tuple[str, bytes] | None:
    """(suffix, content) of an attachment file of the store, or None when it is missing."""
    if is_server(database):
        row = database.execute_sql(f'SELECT "suffix", "data" FROM "{FILE_TABLE}" WHERE "sha256" = %s', (sha,)).fetchone()
        return (row[0], bytes(row[1])) if row else None
    folder = attachment_dir_of(Path(database.database)) / sha[:2]
    found = next((p for p in folder.glob(sha + "*") if p.stem == sha), None) if folder.is_dir() else None
    return (found.suffix, found.read_bytes()) if found else None


def _copy_files(source, dest, dest_path: Path | None) -> tuple[int, list[str]]:
    """Copy every attachment file the records name; (files copied, hashes missing from the source)."""
    copied, missing = 0, []
    for sha in _files_of(source):
        found = _file(source, sha)
        if found is None or hashlib.sha256(found[1]).hexdigest() != sha:
            missing.append(sha)
            continue
        suffix, data = found
        if dest_path is None:
            keep_on_server(sha, suffix, data, dest)
        else:
            target = attachment_dir_of(dest_path) / sha[:2] / (sha + suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        copied += 1
    return copied, missing


def _files_there(dest, dest_path: Path | None, hashes: list[str]) -> int:
    if dest_path is None:
        return dest.execute_sql(f'SELECT count(*) FROM "{FILE_TABLE}" WHERE "sha256" = ANY(%s)',
                                (hashes,)).fetchone()[0]
    folder = attachment_dir_of(dest_path)
    return sum(1 for sha in hashes if any(file_hash(p) == sha for p in (folder / sha[:2]).glob(sha + "*")))


# -- the copy ------------------------------------------------------------------

def copy_store(target, progress=None, source=None) -> dict:
    """Copy the open store (or source, another open database) into target (an empty server database, or a SQLite
    file that does not exist yet).

    Returns {"source", "target", "tables": {table: (rows here, rows there)}, "digest": (here, there),
    "files": (files named by records, files copied), "missing": [hashes]}. StoreError, with nothing written,
    when the target is not empty or the copy does not check out.
    """
    dest_path = None
    if server_url(target):
        dest = _empty_server(target)
    else:
        dest, dest_path = _new_file(target)
    try:
        report = fill(source or db.obj, dest, dest_path, progress)
    except BaseException:
        dest.close()
        if dest_path is not None:  # a half-made file is no use to anyone: it goes (it did not exist before)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(dest_path) + suffix).unlink(missing_ok=True)
        raise
    dest.close()
    return report


def fill(source, dest, dest_path: Path | None = None, progress=None) -> dict:
    """Make dest (an open database: a SQLite file at dest_path, or a server) hold exactly what source holds, in
    one transaction on each side, checked before it commits; what dest held before is replaced. copy_store's
    report."""
    report = _copy(source, dest, dest_path, progress)
    if dest_path is None:  # a server store searches at its speed from the first search on
        from models.store.search_server import settle
        settle(dest)
        dest.execute_sql("ANALYZE")
    return report


def _copy(source, dest, dest_path: Path | None, progress) -> dict:
    here = source.atomic(isolation_level="REPEATABLE READ") if is_server(source) else source.atomic()
    with here, dest.atomic():  # one snapshot of the source; the destination wholly or not at all
        migrations.upgrade(dest, dest_path)
        tables = _tables(source)
        if tables != _tables(dest):
            raise StoreError("两边的数据表不一致，无法复制（两边的程序版本是否相同？）。")
        kinds = {t: _kinds(source, t) for t in tables}
        for table in reversed(tables):  # what the new store was seeded with (sections, indicators) goes
            dest.execute_sql(f'DELETE FROM "{table}"')
        for number, table in enumerate(tables, 1):
            columns = list(kinds[table])
            batch = []
            for row in _rows(source, table, columns):
                batch.append(tuple(_written(_read(v, kinds[table][c]), kinds[table][c], dest_path is None)
                                   for v, c in zip(row, columns)))
                if len(batch) >= CHUNK:
                    _insert(dest, table, columns, batch)
                    batch = []
            if batch:
                _insert(dest, table, columns, batch)
            if dest_path is None:
                dest.execute_sql(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), coalesce(max(id), 0) + 1, false)"
                                 f' FROM "{table}"', (f'"{table}"',))
            if progress:
                progress(number, len(tables))
        copied, missing = _copy_files(source, dest, dest_path)
        counted_here, digest_here = _census(source, tables, kinds)
        counted_there, digest_there = _census(dest, tables, {t: _kinds(dest, t) for t in tables})
        hashes = [sha for sha in _files_of(source) if sha not in missing]
        there = _files_there(dest, dest_path, hashes)
        if counted_here != counted_there or digest_here != digest_there or there != len(hashes):
            differ = [t for t in tables if counted_here.get(t) != counted_there.get(t)]
            raise StoreError("复制后核对不一致，已撤销复制，目标数据库未写入任何数据。"
                             + (f"（行数不同：{'、'.join(differ)}）" if differ else "（内容摘要不同）"))
    return {"source": _shown_store(source), "target": _shown(dest),
            "tables": {t: (counted_here[t], counted_there[t]) for t in tables},
            "digest": (digest_here, digest_there), "files": (len(hashes) + len(missing), there), "missing": missing}


def _shown_store(source) -> str:
    return str(store_path()) if source is db.obj else _shown(source)

