"""History of every save and delete, and archived periods that refuse edits until deliberately reopened."""
import pytest

from models.records.activities import (
    delete_activity,
    get_activity,
    members_for,
    restore_activity,
    save_activity,
    snapshot,
)
from models.records.archive import archive_period, list_archived, unarchive_period
from models.records.audit import history
from models.records.members import delete_member, restore_member, save_member
from models.records.schema import AuditEntry
from models.records.settings import save_branch_settings
from models.records.validation import ValidationError
from models.store import database_role, pc_name


def test_entries_for_create_update_delete_restore(store):
    save_branch_settings({"operator": "王书记"})
    uuid = save_member({"name": "张三", "gender": "male", "party_status": "full", "phone": "13800000000"})
    save_member({"uuid": uuid, "name": "张三", "gender": "male", "party_status": "full", "phone": "13900000000"})
    delete_member(uuid)
    restore_member(uuid)
    entries = history(uuid)
    assert [e["action"] for e in entries] == ["restore", "delete", "update", "create"]
    assert entries[2]["changes"] == {"phone": ["13800000000", "13900000000"]}
    # on a server the settings are every PC's: the entry names the database account and this PC instead
    who = f"{database_role()}@{pc_name()}" if database_role() else "王书记"
    assert {e["operator"] for e in entries} == {who}
    assert entries[0]["action_label"] == "从回收站恢复"


def test_without_a_name_the_entry_says_which_user_on_which_pc(store, monkeypatch):
    import getpass

    from models.records import audit
    monkeypatch.setattr(getpass, "getuser", lambda: "zhang")
    monkeypatch.setattr(audit, "pc_name", lambda: "办公室-PC3")
    uuid = save_member({"name": "张三", "gender": "male", "party_status": "full"})
    assert history(uuid)[0]["operator"] == f"{database_role() or 'zhang'}@办公室-PC3"
    monkeypatch.setattr(audit, "pc_name", lambda: "P" * 40)  # both long: each keeps its start, within the column
    assert audit.at_pc("r" * 40) == "r" * 14 + "@" + "P" * 15
    assert audit.at_pc("clerk") == "clerk@" + "P" * 24


def test_parts_are_noted_and_unchanged_saves_add_nothing(store):
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    uuid = save_activity({"type": "party_lecture", "title": "党课", "date": "2024-03-01",
                          "attendance": members_for(__import__("datetime").date(2024, 3, 1))})
    assert history(uuid)[0]["changes"]["parts"] == ["attendance"]
    count = AuditEntry.select().count()
    save_activity({**snapshot(uuid), "title": "党课"})
    assert history(uuid)[0]["changes"] == {"parts": ["attendance", "figures", "attachments"]}
    assert AuditEntry.select().count() == count + 1


def test_an_archived_period_is_read_only_until_reopened(store):
    inside = save_activity({"type": "party_lecture", "title": "一季度党课", "date": "2023-03-01"})
    outside = save_activity({"type": "party_lecture", "title": "次年党课", "date": "2024-03-01"})
    period = archive_period("2023-01-01", "2023-12-31", "2023年情况汇报已报送")
    with pytest.raises(ValidationError, match="已归档"):
        save_activity({**snapshot(inside), "title": "改"})
    with pytest.raises(ValidationError, match="已归档"):
        save_activity({**snapshot(outside), "date": "2023-06-01"})  # moving a record into it
    with pytest.raises(ValidationError, match="已归档"):
        save_activity({"type": "theme_day", "title": "补录", "date": "2023-05-05"})
    with pytest.raises(ValidationError, match="已归档"):
        delete_activity(inside)
    save_activity({**snapshot(outside), "title": "次年党课（改）"})  # outside stays editable
    unarchive_period(period)
    assert list_archived() == []
    assert [e["action"] for e in history(period)] == ["unarchive", "archive"]
    delete_activity(inside)
    restore_activity(inside)
    assert get_activity(inside)["title"] == "一季度党课"


def test_archive_checks(store):
    with pytest.raises(ValidationError) as e:
        archive_period("2023-12-31", "2023-01-01")
    assert "date_to" in e.value.errors


def test_within_reads_dates_and_iso_text_like_covering(store):
    import datetime as dt

    from models.records.archive import covering, within
    archive_period("2023-01-01", "2023-12-31")
    periods = list_archived()
    for day, inside in (("2023-06-01", True), (dt.date(2023, 12, 31), True), ("2024-01-01", False),
                        ("六月", False), (None, False), ("", False)):
        assert within(day, periods) is inside
        assert (covering(day) is not None) is inside
