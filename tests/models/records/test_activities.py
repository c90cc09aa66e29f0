"""Activities: checks, attendance derived figures, members around the meeting date, figures, parts."""
import datetime as dt

import pytest

from models.records.activities import (
    ActivityQuery,
    count_activities,
    delete_activity,
    get_activity,
    list_activities,
    members_for,
    previous_attendance,
    restore_activity,
    save_activity,
    snapshot,
)
from models.records.members import save_member
from models.records.parts import tally
from models.records.settings import list_indicators, list_sections
from models.records.validation import ValidationError


@pytest.fixture
def members(store):
    return {name: save_member({"name": name, "gender": "male", "party_status": "full", **extra})
            for name, extra in (("甲", {}), ("乙", {}), ("丙", {"left_on": "2024-03-10", "left_to": "区局"}))}


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


def test_members_who_left_are_not_listed_after_they_left(members):
    assert {m["name"] for m in members_for(dt.date(2024, 3, 9))} == {"甲", "乙", "丙"}
    assert {m["name"] for m in members_for(dt.date(2024, 3, 10))} == {"甲", "乙"}


def test_save_with_parts_and_derived_counts(members):
    attendance = members_for(dt.date(2024, 3, 1))
    attendance[0]["status"], attendance[0]["reason"] = "leave", "出差"
    attendance[1]["status"] = "absent"
    uuid = save_activity({
        "type": "supervision", "title": "新成立社会组织党支部审批", "date": "2024-03-01", "start_time": "9:00",
        "end_time": "10:30", "section": list_sections()[1]["uuid"], "attendance": attendance,
        "figures": [{"indicator": indicator("新成立党支部"), "value": "14"},
                    {"indicator": indicator("捐赠资金"), "value": "3,400,000.5"}]})
    got = get_activity(uuid)
    assert got["start_time"] == dt.time(9, 0)
    assert tally(got["attendance"]) == {"expected": 3, "present": 1, "leave": 1, "absent": 1}
    assert [(f["name"], f["value_centi"]) for f in got["figures"]] == [("捐赠资金", 340_000_050), ("新成立党支部", 1400)]
    row = list_activities(ActivityQuery())[0]
    assert (row["expected"], row["present"], row["section_name"]) == (3, 1, "强化改革创新")


def test_field_messages(members):
    with pytest.raises(ValidationError) as e:
        save_activity({"type": "", "title": "", "date": "2024-02-30", "start_time": "10:00", "end_time": "9:00",
                       "figures": [{"indicator": indicator("订单"), "value": "-5"}]})
    assert set(e.value.errors) == {"type", "title", "date", "end_time", "figures"}
    assert "负数" in e.value.errors["figures"]


def test_a_refused_save_keeps_the_old_record(members):
    uuid = save_activity({"type": "party_lecture", "title": "专题党课", "date": "2024-03-01",
                          "attendance": members_for(dt.date(2024, 3, 1))})
    with pytest.raises(ValidationError):
        save_activity({**snapshot(uuid), "title": "", "attendance": []})
    assert get_activity(uuid)["title"] == "专题党课" and len(get_activity(uuid)["attendance"]) == 3


def test_snapshot_round_trip_for_undo(members):
    uuid = save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-03-05",
                          "attendance": members_for(dt.date(2024, 3, 5)),
                          "figures": [{"indicator": indicator("志愿服务"), "value": "12"}]})
    before = snapshot(uuid)
    save_activity({**before, "title": "改过", "attendance": [], "figures": []})
    save_activity(before)
    assert snapshot(uuid) == before


def test_previous_attendance_of_the_same_type(members):
    first = members_for(dt.date(2024, 1, 5))
    first[0]["status"], first[0]["reason"] = "leave", "病假"
    save_activity({"type": "committee_meeting", "title": "一月支委会", "date": "2024-01-05", "attendance": first})
    save_activity({"type": "party_lecture", "title": "党课", "date": "2024-01-20",
                   "attendance": members_for(dt.date(2024, 1, 20))})
    copied = previous_attendance("committee_meeting", dt.date(2024, 2, 5))
    assert copied[first[0]["member"]] == {"status": "leave", "reason": "病假"}
    assert previous_attendance("committee_meeting", dt.date(2024, 1, 5)) == {}


def test_filters_and_recycle_bin(members):
    sections = list_sections()
    for i, (kind, day) in enumerate((("party_lecture", "2024-01-10"), ("party_lecture", "2024-04-10"),
                                     ("theme_day", "2024-04-20"))):
        save_activity({"type": kind, "title": f"活动{i}", "date": day, "section": sections[i % 2]["uuid"]})
    assert count_activities(ActivityQuery(type="party_lecture")) == 2
    assert count_activities(ActivityQuery(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 6, 30))) == 2
    assert count_activities(ActivityQuery(section=sections[0]["uuid"])) == 2
    assert [r["title"] for r in list_activities(ActivityQuery())] == ["活动2", "活动1", "活动0"]
    uuid = list_activities(ActivityQuery(text="活动1"))[0]["uuid"]
    delete_activity(uuid)
    assert count_activities(ActivityQuery()) == 2
    restore_activity(uuid)
    assert count_activities(ActivityQuery()) == 3


def test_a_highlight_with_its_outcome_and_an_approximate_figure_are_kept(members):
    uuid = save_activity({
        "type": "volunteer", "title": "社会组织伙伴日启动仪式", "date": "2024-03-01", "highlight": True,
        "outcomes": "带动社会组织参与乡村振兴。", "figures": [{"indicator": indicator("参与社会组织"), "value": "200余"}]})
    got = get_activity(uuid)
    assert got["highlight"] is True and got["outcomes"] == "带动社会组织参与乡村振兴。"
    assert [(f["value"], f["value_centi"]) for f in got["figures"]] == [("200余", 20000)]
    again = snapshot(uuid)
    save_activity({**again, "highlight": False})
    assert get_activity(uuid)["highlight"] is False and get_activity(uuid)["figures"][0]["value"] == "200余"
    with pytest.raises(ValidationError) as e:
        save_activity({"type": "volunteer", "title": "x", "date": "2024-03-01", "highlight": "也许"})
    assert "亮点" in e.value.errors["highlight"]
