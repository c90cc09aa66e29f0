"""A full disk or a read-only store: a clear message, and nothing half-written."""
import datetime as dt

import pytest

from models.records.activities import ActivityQuery, count_activities, members_for, save_activity
from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.records.schema import Attendance
from models.store import StoreError, db

pytestmark = pytest.mark.sqlite_only("fills the file with PRAGMA max_page_count and query_only")


def test_disk_full_writes_nothing(store):
    for i in range(5):
        save_member({"name": f"党员{i}", "gender": "male", "party_status": "full"})
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(StoreError, match="磁盘空间已满"):
            save_activity({"type": "party_lecture", "title": "党课" * 90, "date": "2024-03-01",
                           "content": "很长的会议记录。" * 5000, "attendance": members_for(dt.date(2024, 3, 1))})
    finally:
        db.execute_sql("PRAGMA max_page_count = 1073741823")
    assert count_activities(ActivityQuery()) == 0 and Attendance.select().count() == 0
    save_member({"name": "空间腾出后", "gender": "male", "party_status": "full"})  # the program goes on
    assert count_members(ListQuery()) == 6


def test_a_read_only_store_says_so(store):
    db.execute_sql("PRAGMA query_only = 1")
    try:
        with pytest.raises(StoreError, match="只读"):
            save_member({"name": "甲", "gender": "male", "party_status": "full"})
    finally:
        db.execute_sql("PRAGMA query_only = 0")
    assert count_members(ListQuery()) == 0
