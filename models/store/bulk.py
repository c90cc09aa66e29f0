"""Many rows at once on the raw connection, inside the caller's transaction: executemany on SQLite,
execute_values on a server.

peewee builds SQL per row, about twelve times slower than the driver's own bulk path; bulk paths (a data
package's records, demo data) write through here instead. The driver's own errors come out as the save
path raises them: peewee's IntegrityError, or a StoreError a person can act on.

Ids are given as SQLite gives them on both backends: a row inserted without an id gets the largest id so far
plus one, so the ids of a bulk insert follow largest_id() in order (the demo data relies on it).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable

from peewee import IntegrityError

from models.store.connection import busy_as_store_error, db, is_server

PAGE = 1000  # rows per INSERT statement on a server


def _value(value):
    # The same text peewee writes for dates and times (sqlite3 has no adapter for time).
    return str(value) if isinstance(value, (dt.date, dt.time)) else value


@contextlib.contextmanager
def driver_errors():
    """The driver's own errors, raised as a save through peewee raises them."""
    if is_server():
        import psycopg2 as driver
    else:
        driver = sqlite3
    try:
        yield
    except driver.IntegrityError as e:
        raise IntegrityError(str(e)) from e
    except driver.OperationalError as e:
        raise busy_as_store_error(e) from e


def insert_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """INSERT every row (values in the order of columns) into table."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    if is_server():
        with driver_errors():
            _insert_on_server(table, list(columns), rows)
        return
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'
    with driver_errors():
        db.connection().executemany(sql, (tuple(map(_value, row)) for row in rows))


def _boolean_columns(table: str) -> set[str]:
    return {name for (name,) in db.execute_sql(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND atttypid = 'boolean'::regtype"
        " AND attnum > 0 AND NOT attisdropped", (f'"{table}"',))}


def _lock(table: str) -> None:
    """Hold off other writers of table until this transaction ends, so the ids counted from its largest stay free."""
    db.execute_sql(f'LOCK TABLE "{table}" IN SHARE ROW EXCLUSIVE MODE')


def _insert_on_server(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    from psycopg2.extras import execute_values
    flags = [name in _boolean_columns(table) for name in columns]
    numbered = "id" not in columns
    if numbered:
        _lock(table)
        next_id = largest_id(table) + 1
        columns = ["id", *columns]
    cursor = db.cursor()
    sql = f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) VALUES %s'
    page, wrote = [], False
    for row in rows:
        row = tuple(bool(v) if flag and v is not None else v for v, flag in zip(row, flags))
        if numbered:
            row = (next_id, *row)
            next_id += 1
        page.append(row)
        if len(page) >= PAGE:
            execute_values(cursor, sql, page, page_size=PAGE)
            page, wrote = [], True
    if page:
        execute_values(cursor, sql, page, page_size=PAGE)
        wrote = True
    if wrote:
        follow_ids(table)


def follow_ids(table: str) -> None:
    """Set a server table's id sequence past its largest id (after rows were inserted with their ids given)."""
    db.execute_sql(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), coalesce(max(id), 0) + 1, false) FROM \"{table}\"",
                   (f'"{table}"',))


def largest_id(table: str) -> int:
    if is_server():
        _lock(table)
        return db.execute_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
    return db.connection().execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]


def column_map(table: str, key: str, value: str, after_id: int = 0) -> dict:
    """{key: value} over the rows of table whose id is past after_id."""
    if is_server():
        return dict(db.execute_sql(f'SELECT "{key}", "{value}" FROM "{table}" WHERE id > %s', (after_id,)).fetchall())
    return dict(db.connection().execute(f'SELECT "{key}", "{value}" FROM "{table}" WHERE id > ?', (after_id,)))


@contextlib.contextmanager
def large_cache():
    """A larger page cache while many rows go in (bulk index updates want it), and fresh planner statistics after."""
    if is_server():  # the server sizes its own caches
        yield
        from models.store.search_server import settle
        settle()
        db.execute_sql("ANALYZE")
        return
    cache = db.pragma("cache_size")
    db.pragma("cache_size", -256000)
    try:
        yield
    finally:
        db.pragma("cache_size", cache)
    db.execute_sql("ANALYZE")
