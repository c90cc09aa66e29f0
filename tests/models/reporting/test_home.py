"""Home page figures: due and overdue at period edges, data health."""
import datetime as dt

from models.records.activities import save_activity
from models.records.members import save_member
from models.records.organisations import save_organisation
from models.records.outreach import save_event
from models.records.schema import Member, Organisation
from models.records.study import members_on, save_group, save_plan
from models.reporting.home import bucket_of, due, health, study_due


def state(rows, kind):
    return next(r for r in rows if r["type"] == kind)


def test_buckets():
    assert bucket_of("month", dt.date(2024, 1, 31)) == (dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert bucket_of("quarter", dt.date(2024, 4, 1)) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert bucket_of("year", dt.date(2024, 12, 31)) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_committee_on_the_last_day_of_a_month(store):
    save_activity({"type": "committee_meeting", "title": "一月支委会", "date": "2024-01-31"})
    jan31 = state(due(dt.date(2024, 1, 31)), "committee_meeting")
    assert jan31["state"] == "done" and jan31["last"] == dt.date(2024, 1, 31)
    feb1 = state(due(dt.date(2024, 2, 1)), "committee_meeting")
    assert feb1["state"] == "open" and feb1["last"] == dt.date(2024, 1, 31)
    feb25 = state(due(dt.date(2024, 2, 25)), "committee_meeting")
    assert feb25["state"] == "due_soon"
    march = state(due(dt.date(2024, 3, 2)), "committee_meeting")
    assert march["state"] == "overdue"  # February passed without one


def test_a_quarter_with_no_party_lecture(store):
    save_activity({"type": "party_lecture", "title": "一季度党课", "date": "2024-02-10"})
    assert state(due(dt.date(2024, 3, 31)), "party_lecture")["state"] == "done"
    assert state(due(dt.date(2024, 5, 1)), "party_lecture")["state"] == "open"
    assert state(due(dt.date(2024, 7, 1)), "party_lecture")["state"] == "overdue"
    # a new ledger is not overdue for the time before it was used
    assert state(due(dt.date(2024, 2, 10)), "member_meeting")["state"] != "overdue"


def test_health_list(store):
    save_activity({"type": "member_meeting", "title": "无出勤的大会", "date": "2024-03-01"})
    save_event({"title": "无指标的活动", "kind": "rural", "start_date": "2024-03-05"})
    Organisation.create(name="代码错误的协会", kind="social_group", credit_code="51330100MJ0000000X")
    member = save_member({"name": "日期矛盾", "gender": "male", "party_status": "full"})
    Member.update(join_date=dt.date(2010, 1, 1), full_date=dt.date(2009, 1, 1)).where(Member.uuid == member).execute()
    left = save_member({"name": "已转出", "gender": "male", "party_status": "full", "join_date": "2010-01-01",
                        "left_on": "2020-01-01", "left_to": "区局"})
    problems = {(r["kind"], r["problem"]) for r in health()}
    assert ("activity", "会议没有出勤记录") in problems
    assert ("outreach_event", "联建活动没有填写指标") in problems
    assert ("member", "转正日期早于入党日期") in problems
    assert any(kind == "organisation" and "校验位" in p for kind, p in problems)
    assert not any(r["uuid"] == left for r in health())  # a member who left is not a problem
    save_organisation({"name": "正常协会", "kind": "social_group"})
    assert sum(r["kind"] == "organisation" for r in health()) == 1


def test_study_months_due(store):
    a = save_member({"name": "甲", "gender": "male", "party_status": "full"})
    group = save_group({"name": "青听", "members": [{"member": a, "joined_on": "2024-01-01"}]})
    save_plan(group, 2024, {"topics": [{"month": 3, "topic": "党章"}, {"month": 5, "topic": "条例"}]})
    rows = study_due(dt.date(2024, 5, 10))
    assert [(r["month"], r["state"]) for r in rows] == [(3, "overdue"), (5, "due_soon")]
    assert members_on(group, dt.date(2024, 5, 10))
