"""Many rows at once: executemany on the raw connection, inside the caller's transaction.

peewee builds SQL per row, about twelve times slower than the driver's executemany; bulk paths (a data
package's records, demo data) write through here instead. The driver's own errors come out as the save
path raises them: peewee's IntegrityError, or a StoreError a person can act on.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable

from peewee import IntegrityError

from models.store.connection import busy_as_store_error, db


def _value(value):
    # The same text peewee writes for dates and times (sqlite3 has no adapter for time).
    return str(value) if isinstance(value, (dt.date, dt.time)) else value


@contextlib.contextmanager
def driver_errors():
    """SQLite's own errors, raised as a save through peewee raises them."""
    try:
        yield
    except sqlite3.IntegrityError as e:
        raise IntegrityError(str(e)) from e
    except sqlite3.OperationalError as e:
        raise busy_as_store_error(e) from e


def insert_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """INSERT every row (values in the order of columns) into table."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'
    with driver_errors():
        db.connection().executemany(sql, (tuple(map(_value, row)) for row in rows))


def largest_id(table: str) -> int:
    return db.connection().execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]


def column_map(table: str, key: str, value: str, after_id: int = 0) -> dict:
    """{key: value} over the rows of table whose id is past after_id."""
    return dict(db.connection().execute(f'SELECT "{key}", "{value}" FROM "{table}" WHERE id > ?', (after_id,)))


@contextlib.contextmanager
def large_cache():
    """A larger page cache while many rows go in (bulk index updates want it), and fresh planner statistics after."""
    cache = db.pragma("cache_size")
    db.pragma("cache_size", -256000)
    try:
        yield
    finally:
        db.pragma("cache_size", cache)
    db.execute_sql("ANALYZE")
