"""The recycle bin keeps what hangs off a record and gives it back whole."""
from models.records.members import delete_member, save_member
from models.records.organisations import delete_organisation, save_organisation
from models.records.recycle import empty_bin, list_deleted, restore_record
from models.records.schema import Activity, Attendance, Member


def test_delete_restore_keeps_attendance(store):
    uuid = save_member({"name": "周红", "gender": "female", "party_status": "full"})
    member = Member.get(Member.uuid == uuid)
    activity = Activity.create(type="party_lecture", title="专题党课", date="2024-03-01")
    Attendance.create(activity=activity, member=member, status="present")
    delete_member(uuid)
    assert [(r["kind"], r["name"]) for r in list_deleted()] == [("member", "周红")]
    restore_record("member", uuid)
    assert list_deleted() == []
    assert Attendance.select().count() == 1


def test_empty_bin_removes_for_good(store):
    m = save_member({"name": "周红", "gender": "female", "party_status": "full"})
    o = save_organisation({"name": "市书法家协会", "kind": "social_group"})
    save_member({"name": "吴刚", "gender": "male", "party_status": "full"})
    delete_member(m)
    delete_organisation(o)
    assert empty_bin() == (2, 0)
    assert list_deleted() == [] and Member.select().count() == 1


def test_records_that_past_figures_count_stay_in_the_bin(store):
    import pytest

    from models.records.recycle import purge_record
    from models.records.validation import ValidationError
    uuid = save_member({"name": "周红", "gender": "female", "party_status": "full"})
    activity = Activity.create(type="party_lecture", title="专题党课", date="2024-03-01")
    Attendance.create(activity=activity, member=Member.get(Member.uuid == uuid), status="present")
    delete_member(uuid)
    with pytest.raises(ValidationError, match="出勤"):
        purge_record("member", uuid)
    assert empty_bin() == (0, 1)
    assert Attendance.select().count() == 1
