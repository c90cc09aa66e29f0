"""Backups: a checked .zip of the store and its attachments; rotation; restore; damaged backups refused."""
import datetime as dt
import zipfile

import pytest

from models.records.activities import get_activity, save_activity
from models.records.attachments import add_file
from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.store import StoreError, db, list_backups, make_backup, restore_backup, stored_file
from models.store.backup import rotate
from models.store.unpacking import unpack

pytestmark = pytest.mark.sqlite_only("backups copy the SQLite file with its backup API; a server is backed up where it runs")


def test_round_trip_with_attachment_bytes(store, tmp_path):
    photo = tmp_path / "合影.jpg"
    photo.write_bytes(b"photo-bytes" * 100)
    attachment = add_file(photo)
    uuid = save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-05-01",
                          "attachments": [attachment]})
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    backup = make_backup(db, store, "测试")
    assert list_backups(store)[0]["counts"]["activity"] == 1
    with zipfile.ZipFile(backup) as zf:
        assert any(name.startswith("attachments/") for name in zf.namelist())

    save_member({"name": "乙", "gender": "male", "party_status": "full"})
    stored_file(attachment["sha256"]).unlink()  # the file goes missing from the store's folder
    done = restore_backup(backup, store)
    assert done.safety is not None and done.safety.exists()  # the state before restoring was kept
    assert count_members(ListQuery()) == 1
    assert get_activity(uuid)["attachments"][0]["name"] == "合影.jpg"
    assert stored_file(attachment["sha256"]).read_bytes() == b"photo-bytes" * 100


def test_a_damaged_backup_is_refused_and_nothing_changes(store, tmp_path):
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    backup = make_backup(db, store, "测试")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "store.sqlite":
                data = data[:4096] + b"\xff" * 2048 + data[6144:]
            dst.writestr(item, data)
    save_member({"name": "乙", "gender": "male", "party_status": "full"})
    with pytest.raises(StoreError, match="检查未通过|已损坏"):
        restore_backup(damaged, store)
    assert count_members(ListQuery()) == 2
    (tmp_path / "garbage.zip").write_bytes(b"not a zip")
    with pytest.raises(StoreError):
        unpack(tmp_path / "garbage.zip", tmp_path / "x")


def test_rotation_keeps_two_days_then_daily_weekly_monthly(tmp_path):
    now = dt.datetime(2025, 6, 30, 12, 0)
    made = []
    for hours in range(0, 24 * 400, 6):  # a backup every six hours for 400 days
        when = now - dt.timedelta(hours=hours)
        path = tmp_path / f"ledger-{when:%Y%m%d-%H%M%S}-自动.zip"
        path.touch()
        made.append(when)
    rotate(tmp_path, "ledger", now)
    kept = sorted(dt.datetime.strptime("-".join(p.stem.split("-")[1:3]), "%Y%m%d-%H%M%S")
                  for p in tmp_path.glob("*.zip"))
    recent = [k for k in kept if now - k <= dt.timedelta(days=2)]
    assert len(recent) == 9  # every one of the last two days (every six hours, both ends)
    older = [k for k in kept if now - k > dt.timedelta(days=2)]
    assert len(older) == 12 + 10 + 9
    assert len({k.date() for k in older}) == len(older)  # one a day at most
    assert min(kept) > now - dt.timedelta(days=400)


def test_second_folder_gets_a_copy(store, tmp_path):
    backup = make_backup(db, store, "测试", second=tmp_path / "U盘")
    assert (tmp_path / "U盘" / backup.name).read_bytes() == backup.read_bytes()


def test_leftovers_of_a_killed_backup_are_cleared_once_stale(store):
    import os
    import time

    from models.store import backup_folder
    folder = backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    stale, fresh = folder / "tmpabc", folder / "ledger-x.zip.tmp"
    stale.mkdir()
    (stale / "store.sqlite").write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - 3 * 86400
    os.utime(stale, (old, old))
    make_backup(db, store, "测试")
    assert not stale.exists() and fresh.exists()  # a fresh one may belong to a backup still running


def _fake_backup(folder, stem, when, store_name):
    path = folder / f"{stem}-{when:%Y%m%d-%H%M%S}-自动.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", '{"store": "%s", "reason": "自动", "counts": {}}' % store_name)
    return path


def test_rotation_and_the_list_keep_to_the_exact_store(store, tmp_path):
    from models.store import backup_folder
    folder = backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime(2025, 6, 30, 12, 0)
    days = [now - dt.timedelta(days=d) for d in range(3, 400, 3)]
    own = [_fake_backup(folder, "ledger", when, "ledger.sqlite") for when in days]
    other_name = [_fake_backup(folder, "ledger-old", when, "ledger-old.sqlite") for when in days]
    other_suffix = [_fake_backup(folder, "ledger", when + dt.timedelta(seconds=1), "ledger.db") for when in days]
    made = make_backup(db, store, "手动", now=now)
    assert all(p.exists() for p in other_name + other_suffix)  # another store's backups are never rotated away
    assert sum(p.exists() for p in own) < len(own)  # this store's own old backups are
    listed = {row["path"] for row in list_backups(store)}
    assert made in listed and not listed & set(other_name + other_suffix)
