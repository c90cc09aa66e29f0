"""What tests ask of the open store whichever backend it is on (the program itself never needs to know)."""
from peewee import PostgresqlDatabase

from models.store import db


def on_server() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)


def foreign_key_problems() -> list:
    """Rows whose references point nowhere: SQLite's foreign_key_check; a server refuses them as they are written."""
    return [] if on_server() else db.execute_sql("PRAGMA foreign_key_check").fetchall()


def disk_full_error() -> Exception:
    """The driver's own error for a full disk."""
    if on_server():
        import psycopg2.errors
        return psycopg2.errors.DiskFull('could not extend file "base/1/2": No space left on device')
    import sqlite3
    return sqlite3.OperationalError("database or disk is full")
