"""Opening the store: pragmas, and files that must be refused and left untouched."""
import hashlib
import sqlite3
import struct

import pytest

from models.store import StoreError, close_database, db, open_database
from models.store.connection import APPLICATION_ID
from models.store.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.sqlite_only("the SQLite file's pragmas, header and refusals (the server's: test_postgres.py)")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_store_has_the_pragmas_and_version(store):
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("synchronous") == 2
    assert db.pragma("busy_timeout") >= 1000
    assert db.pragma("user_version") == SCHEMA_VERSION
    assert db.pragma("application_id") == APPLICATION_ID


def test_reopening_keeps_data(tmp_path):
    from models.records.common import ListQuery
    from models.records.members import count_members, save_member
    path = tmp_path / "a.sqlite"
    open_database(path)
    save_member({"name": "李明", "gender": "male", "party_status": "full"})
    close_database()
    open_database(path)
    assert count_members(ListQuery()) == 1
    close_database()


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 50, encoding="utf-8")
    before = digest(path)
    with pytest.raises(StoreError, match="不是 SQLite"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_other_programs_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(StoreError, match="其他程序"):
        open_database(path)
    assert digest(path) == before


def test_newer_store_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    open_database(path)
    db.pragma("user_version", SCHEMA_VERSION + 1)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    before = digest(path)
    with pytest.raises(StoreError, match="更新版本"):
        open_database(path)
    assert digest(path) == before
    assert struct.unpack(">I", path.read_bytes()[60:64])[0] == SCHEMA_VERSION + 1


def test_an_empty_file_is_refused_unless_a_new_store_is_asked_for(tmp_path):
    """A 0-byte file where the store should be is an accident (a copy cut short, a full disk), not a new store."""
    from models.store import EmptyStoreError, check_store
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(EmptyStoreError, match="空文件"):
        open_database(path)
    with pytest.raises(EmptyStoreError, match="空文件"):
        check_store(path)
    assert path.stat().st_size == 0
    open_database(path, new=True)
    assert db.pragma("user_version") == SCHEMA_VERSION
    close_database()


def test_a_new_store_is_made_whole_under_another_name_first(tmp_path, monkeypatch):
    """A start killed while it creates the store leaves no store at all, never an empty or half-made one."""
    import models.store.migrations as migrations
    path = tmp_path / "new.sqlite"

    def killed(database, path=None):
        raise KeyboardInterrupt
    monkeypatch.setattr(migrations, "upgrade", killed)
    with pytest.raises(KeyboardInterrupt):
        open_database(path)
    assert not path.exists()
    monkeypatch.undo()
    open_database(path)  # the next start begins again from nothing
    assert db.pragma("user_version") == SCHEMA_VERSION
    close_database()
