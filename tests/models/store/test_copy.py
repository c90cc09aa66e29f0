"""copy-to: a whole store into an empty server database and back into a new file, checked on both sides."""
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from package_helpers import fill

from models.exchange.demo import fill_demo
from models.records import archive, members
from models.records.activities import ActivityQuery, count_activities, save_activity
from models.records.schema import AuditEntry
from models.records.common import ListQuery
from models.reporting.section_texts import save_section_text
from models.store import StoreError, close_database, copy_store, db, migrations, open_database, stored_file
from models.store import copying


def _filled(folder: Path) -> Path:
    """A SQLite store with something in every table: records of every kind with their parts, attachment files,
    the recycle bin, the audit trail, settings, a saved lead paragraph, an archived period, demo data."""
    path = folder / "local.sqlite"
    open_database(path)
    uuids = fill(folder)
    fill_demo(150, seed=5, today=dt.date(2024, 12, 31))
    from models.records.settings import list_sections
    save_section_text(list_sections()[0]["uuid"], "2023", "这一年……")
    archive.archive_period(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "存档")
    assert AuditEntry.select().count() and uuids
    return path


def _rows(path: Path) -> dict:
    """Every row of every ledger table, as the SQLite file holds them."""
    con = sqlite3.connect(path)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not t.startswith(("search_", "sqlite_"))]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in tables}
    finally:
        con.close()


def _check(report: dict) -> None:
    assert all(here == there for here, there in report["tables"].values()), report["tables"]
    assert report["digest"][0] == report["digest"][1] and report["files"][0] == report["files"][1] == 1
    assert report["tables"]["activity"][0] > 150 and report["tables"]["audit_entry"][0] > 0
    assert report["tables"]["dues_base"][0] > 0 and report["tables"]["dues_payment"][0] > 0  # the demo's 党费
    assert all(report["tables"][t][0] > 0 for t in ("applicant", "development_step", "development_person"))  # 发展党员
    assert all(report["tables"][t][0] > 0 for t in ("party_org", "party_org_link", "instructor_term"))  # 党建覆盖
    assert not report["missing"]


def test_a_local_store_goes_to_postgres_and_comes_back_the_same(tmp_path, server_db):
    cluster, name = server_db
    local = _filled(tmp_path)
    report = copy_store(cluster.url(name))
    _check(report)
    close_database()

    open_database(cluster.url(name))  # the server store works: search, attachments, new records get new ids
    assert count_activities(ActivityQuery(text="主题党日")) >= 1
    sha = db.execute_sql("SELECT sha256 FROM attachment LIMIT 1").fetchone()[0]
    assert stored_file(sha).read_bytes() == b"\xff\xd8photo" * 300
    assert len(members.list_members(ListQuery(deleted=True), 0, 10)) == 1
    from models.store import index_problems
    assert index_problems() == []
    back = copy_store(tmp_path / "home" / "back.sqlite")
    _check(back)
    assert back["digest"] == report["digest"]
    save_activity({"type": "other", "title": "复制之后新建", "date": "2025-01-02"})
    close_database()

    assert _rows(tmp_path / "home" / "back.sqlite") == _rows(local)
    kept = list((tmp_path / "home" / "back-attachments").rglob("*.jpg"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\xff\xd8photo" * 300
    open_database(tmp_path / "home" / "back.sqlite")
    assert count_activities(ActivityQuery(text="主题党日")) >= 1
    close_database()


def test_copy_refuses_a_server_database_that_is_not_empty(tmp_path, server_db):
    cluster, name = server_db
    open_database(cluster.url(name))  # a store of its own already: sections and indicators
    close_database()
    open_database(tmp_path / "local.sqlite")
    with pytest.raises(StoreError, match="不是空的"):
        copy_store(cluster.url(name))
    close_database()
    other = cluster.new_database()
    try:
        import psycopg2
        con = psycopg2.connect(cluster.url(other))
        con.cursor().execute("CREATE TABLE notes (id int)")
        con.commit()
        con.close()
        open_database(tmp_path / "local.sqlite")
        with pytest.raises(StoreError, match="其他程序|不是空的"):
            copy_store(cluster.url(other))
    finally:
        close_database()
        cluster.drop(other)


def test_a_copy_that_fails_leaves_the_server_database_empty(tmp_path, server_db, monkeypatch):
    cluster, name = server_db
    _filled(tmp_path)
    insert = copying._insert

    def fail_at_attendance(database, table, columns, rows):
        if table == "attendance":
            raise RuntimeError("断网模拟")
        insert(database, table, columns, rows)

    monkeypatch.setattr(copying, "_insert", fail_at_attendance)
    with pytest.raises(RuntimeError):
        copy_store(cluster.url(name))
    monkeypatch.undo()
    close_database()
    import psycopg2
    con = psycopg2.connect(cluster.url(name))
    cursor = con.cursor()
    cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    assert cursor.fetchone()[0] == 0  # not even the schema: the ladder ran inside the copy's transaction
    con.close()


def test_a_copy_into_a_file_refuses_an_existing_one_and_leaves_nothing_when_it_fails(tmp_path, monkeypatch):
    _filled(tmp_path)
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"something")
    with pytest.raises(StoreError, match="已存在"):
        copy_store(taken)
    assert taken.read_bytes() == b"something"

    monkeypatch.setattr(copying, "_census", lambda database, tables, kinds: ({}, str(id(database))))
    with pytest.raises(StoreError, match="核对不一致"):
        copy_store(tmp_path / "new.sqlite")
    assert not (tmp_path / "new.sqlite").exists()
    close_database()


def test_a_local_copy_of_a_local_store_is_the_same(tmp_path):
    local = _filled(tmp_path)
    report = copy_store(tmp_path / "copy" / "same.sqlite")
    _check(report)
    close_database()
    assert _rows(tmp_path / "copy" / "same.sqlite") == _rows(local)
    assert sqlite3.connect(tmp_path / "copy" / "same.sqlite").execute("PRAGMA user_version").fetchone()[0] == (
        migrations.SCHEMA_VERSION)
