"""Backups of a server store: the same kind of zip as a file's (a SQLite store file inside, read in one REPEATABLE
READ transaction), restored onto a file or onto an empty server, and onto one holding data only when told."""
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest
from package_helpers import fill
from pg_cluster import CLERK, CLERK_PASSWORD

from models.records.activities import ActivityQuery, count_activities, save_activity
from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.store import (StoreError, close_database, db, list_backups, make_backup, open_database,
                          release_thread_connection, restore_backup, stored_file)
from models.store.unpacking import unpack


def _member(name: str) -> str:
    return save_member({"name": name, "gender": "male", "party_status": "full"})


def _server_with_records(cluster, name, tmp_path) -> tuple[str, list]:
    url = cluster.url(name)
    open_database(url)
    uuids = fill(tmp_path)  # records of every kind with their parts and attachment files
    return url, uuids


def test_a_server_backup_is_a_store_file_that_restores_as_a_local_store(server_db, tmp_path):
    cluster, name = server_db
    cluster.sql(f'ALTER DATABASE "{name}" OWNER TO {CLERK}')
    url = cluster.url(name, user=CLERK, password=CLERK_PASSWORD)
    open_database(url)
    fill(tmp_path)  # records of every kind with their parts and attachment files
    members, activities = count_members(ListQuery()), count_activities(ActivityQuery())
    backup = make_backup(db, url, "手动")
    assert backup.parent == Path(list_backups(url)[0]["path"]).parent and list_backups(url)[0]["counts"]["member"] == members
    with zipfile.ZipFile(backup) as zf:
        names = zf.namelist()
        assert "store.sqlite" in names and any(n.startswith("attachments/") for n in names)
        assert CLERK_PASSWORD not in zf.read("manifest.json").decode() and CLERK_PASSWORD not in str(backup)
    extracted = unpack(backup, tmp_path / "checked")  # every check a restore makes, passed
    con = sqlite3.connect(extracted)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("SELECT count(*) FROM member WHERE deleted_at IS NULL").fetchone()[0] == members
    con.close()
    close_database()

    local = tmp_path / "home" / "ledger.sqlite"
    restore_backup(backup, local)  # the office's data taken home as one file
    assert count_members(ListQuery()) == members and count_activities(ActivityQuery()) == activities
    sha = next(n for n in names if n.startswith("attachments/")).split("/")[2][:64]
    assert stored_file(sha).is_file()
    close_database()


def test_a_server_backup_reads_one_moment_while_others_write(server_db, tmp_path, monkeypatch):
    """Rows written by another PC while the backup runs are not half in it: every table is read in one snapshot."""
    cluster, name = server_db
    url = cluster.url(name)
    open_database(url)
    for i in range(20):
        _member(f"党员{i}")
    from models.store import copying
    original, written = copying._census, []

    def census_after_a_write(database, tables, kinds):  # another PC saves between the copy and its check
        if not written:
            other = threading.Thread(target=lambda: written.append(_member_elsewhere()))
            other.start()
            other.join()
        return original(database, tables, kinds)
    monkeypatch.setattr(copying, "_census", census_after_a_write)
    backup = make_backup(db, url, "手动")
    assert written and zipfile.ZipFile(backup).read("manifest.json")
    con = sqlite3.connect(unpack(backup, tmp_path / "x"))
    assert con.execute("SELECT count(*) FROM member").fetchone()[0] == 20  # the row written meanwhile is not in it
    assert count_members(ListQuery()) == 21


def _member_elsewhere() -> str:
    """A save on another connection (a worker thread has its own), committed at once, as another PC's would be."""
    try:
        return _member("别处")
    finally:
        release_thread_connection()


def test_restore_onto_a_server_holding_data_needs_replace(server_db, pg_cluster, tmp_path):
    cluster, name = server_db
    url, uuids = _server_with_records(cluster, name, tmp_path)
    backup = make_backup(db, url, "手动")
    kept = count_members(ListQuery())
    _member("备份之后")
    with pytest.raises(StoreError, match="已有数据.*--replace") as caught:
        restore_backup(backup, url)
    assert len(str(caught.value).splitlines()) == 1 and count_members(ListQuery()) == kept + 1  # untouched
    done = restore_backup(backup, url, replace=True)
    assert count_members(ListQuery()) == kept  # the connection this program has sees the restored store
    assert done.safety is not None and "恢复前" in {row["reason"] for row in list_backups(url)}
    assert zipfile.ZipFile(done.safety).read("store.sqlite")  # the replaced data is kept, on this PC
    close_database()

    empty = pg_cluster.new_database()  # an empty server database takes a backup without being told
    try:
        restore_backup(backup, pg_cluster.url(empty))
        open_database(pg_cluster.url(empty))
        assert count_members(ListQuery()) == kept
        sha = db.execute_sql("SELECT sha256 FROM attachment LIMIT 1").fetchone()[0]
        assert stored_file(sha).is_file()
        save_activity({"type": "theme_day", "title": "恢复后新建", "date": "2024-06-01"})  # ids go on past the restored
        close_database()
    finally:
        close_database()
        pg_cluster.drop(empty)


def test_a_bad_backup_is_refused_before_the_server_is_touched(server_db, tmp_path):
    cluster, name = server_db
    url = cluster.url(name)
    open_database(url)
    _member("甲")
    backup = make_backup(db, url, "手动")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:4096] + b"\xff" * 2048 + data[6144:] if item.filename == "store.sqlite" else data)
    with pytest.raises(StoreError, match="检查未通过|已损坏|不能用于恢复"):
        restore_backup(damaged, url, replace=True)
    assert count_members(ListQuery()) == 1 and len(list_backups(url)) == 1  # no safety backup: nothing began


def test_a_read_only_account_may_back_up_but_not_restore(server_db, tmp_path):
    cluster, name = server_db
    open_database(cluster.url(name))
    _member("甲")
    close_database()
    viewer = cluster.reading(name)
    open_database(viewer)
    backup = make_backup(db, viewer, "手动")  # a backup only reads
    with pytest.raises(StoreError, match="只有查看权限"):
        restore_backup(backup, viewer, replace=True)
    assert count_members(ListQuery()) == 1
