"""Data health: each contradiction is found with its record, nothing else is, and nothing is changed."""
import datetime as dt

from models.records.activities import get_activity, save_activity
from models.records.members import get_member, save_member
from models.records.outreach import save_event
from models.records.schema import Indicator, Member
from models.records.settings import list_sections
from models.records.study import save_group, save_session
from models.reporting.health import find_problems

D = dt.date


def findings(limit: int = 200) -> dict[str, dict]:
    return {group["code"]: group for group in find_problems(limit)}


def problems_of(found: dict, code: str) -> set[tuple[str, str, str]]:
    return {(r["kind"], r["title"], r["problem"]) for r in found.get(code, {"rows": []})["rows"]}


def member(name: str, **more) -> str:
    return save_member({"name": name, "gender": "male", "party_status": "full", "join_date": D(2010, 1, 1), **more})


def test_a_sound_store_has_nothing_to_report(store):
    section = list_sections()[0]["uuid"]
    a = member("甲", party_post="支部书记")
    b = member("乙", left_on=D(2020, 1, 1), left_to="区局")
    save_activity({"type": "member_meeting", "title": "党员大会", "date": D(2021, 3, 1), "section": section,
                   "speaker": "甲", "attendance": [{"member": a, "status": "present"}]})
    save_activity({"type": "member_meeting", "title": "转出前的大会", "date": D(2019, 3, 1), "section": section,
                   "attendance": [{"member": a, "status": "present"}, {"member": b, "status": "present"}]})
    assert find_problems() == []


def test_each_contradiction_is_found_with_its_record(store):
    section = list_sections()[0]["uuid"]
    here = member("在册", party_post="组织委员")
    gone = member("已转出", left_on=D(2022, 6, 1), left_to="区局", party_post="宣传委员")
    late = member("后入党", join_date=D(2023, 1, 1))
    meeting = save_activity({
        "type": "member_meeting", "title": "七月大会", "date": D(2022, 7, 1), "section": section, "speaker": "在册",
        "host": "后入党", "attendance": [{"member": here, "status": "leave", "reason": "出差"},
                                      {"member": gone, "status": "present"},
                                      {"member": late, "status": "absent", "reason": "未通知"}]})
    save_activity({"type": "committee_meeting", "title": "转出后请假", "date": D(2022, 8, 1), "section": section,
                   "attendance": [{"member": here, "status": "present"}, {"member": gone, "status": "leave"}]})
    group = save_group({"name": "青听", "leader": here, "members": [{"member": here}, {"member": gone}]})
    save_session({"group": group, "date": D(2022, 9, 1), "topic": "九月学习", "lead_speaker": "在册",
                  "section": section, "attendance": [{"member": here, "status": "absent"},
                                                    {"member": gone, "status": "present"}]})
    save_activity({"type": "theory_study", "title": "未归栏目的学习", "date": D(2022, 10, 1)})
    no_unit = Indicator.create(name="宣传册", unit=" ", position=99)  # as an old import could bring it
    save_event({"title": "无单位的联建", "kind": "rural", "start_date": D(2022, 11, 1), "section": section,
                "figures": [{"indicator": no_unit.uuid, "value": "300"}]})
    before = (get_activity(meeting), get_member(gone))

    found = findings()
    assert problems_of(found, "left_present") == {
        ("activity", "七月大会", "已转出已于2022-06-01转出，却记为出席"),
        ("study_session", "九月学习", "已转出已于2022-06-01转出，却记为出席")}
    assert problems_of(found, "left_post") == {("member", "已转出", "已于2022-06-01转出，仍任宣传委员")}
    assert problems_of(found, "absent_speaker") == {
        ("activity", "七月大会", "主讲人在册在本次记为请假"), ("activity", "七月大会", "主持人后入党在本次记为缺席"),
        ("study_session", "九月学习", "主讲人在册在本次记为缺席")}
    assert problems_of(found, "outside_membership") == {
        ("activity", "七月大会", "缺席记录早于后入党的入党日期2023-01-01"),
        ("activity", "转出后请假", "请假记录晚于已转出的转出日期2022-06-01")}
    assert problems_of(found, "unfiled") == {("activity", "未归栏目的学习", "没有选择汇报栏目")}
    assert problems_of(found, "no_unit") == {("outreach_event", "无单位的联建", "指标“宣传册”没有单位")}
    assert found["left_present"]["count"] == 2 and found["left_present"]["rows"][0]["date"] == D(2022, 9, 1)
    assert all(r["uuid"] for group in found.values() for r in group["rows"])  # each row opens its record
    assert (get_activity(meeting), get_member(gone)) == before  # nothing is changed


def test_limit_keeps_the_newest_and_counts_them_all(store):
    for day in range(1, 8):
        save_activity({"type": "theory_study", "title": f"学习{day}", "date": D(2022, 1, day)})
    group = findings(limit=3)["unfiled"]
    assert group["count"] == 7 and [r["title"] for r in group["rows"]] == ["学习7", "学习6", "学习5"]


def test_deleted_records_and_deleted_members_are_left_out(store):
    from models.records.activities import delete_activity
    from models.records.members import delete_member
    gone = member("已转出", left_on=D(2022, 6, 1), left_to="区局", party_post="宣传委员")
    uuid = save_activity({"type": "member_meeting", "title": "七月大会", "date": D(2022, 7, 1),
                          "attendance": [{"member": gone, "status": "present"}]})
    assert {"left_present", "left_post", "unfiled"} <= set(findings())
    delete_activity(uuid)
    assert {"left_present", "unfiled"}.isdisjoint(findings())
    delete_member(gone)
    assert Member.select().count() == 1 and find_problems() == []
