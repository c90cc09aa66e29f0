"""New members: every interval of the 2014 working rules at its edge, the order of the path, who may take part,
the deciding meeting, and the member roster kept in step (预备党员 on admission, 正式党员 on 转正)."""
import datetime as dt

import pytest

from models.records import common as records, development as dev, development_rules as rules
from models.records import development_steps as steps
from models.records.activities import save_activity
from models.records.archive import archive_period
from models.records.members import get_member, save_member
from models.records.validation import ValidationError

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def today(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def party(today):
    """Two full members since 2010, one probationary since last year, one full member who left in 2020."""
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    return {"甲": save_member({"name": "甲", **full}), "乙": save_member({"name": "乙", **full}),
            "丙": save_member({"name": "丙", "gender": "male", "party_status": "probationary",
                              "join_date": "2025-09-01"}),
            "丁": save_member({"name": "丁", **full, "left_on": "2020-05-01", "left_to": "区局"})}


def person(applied="2022-03-01", birth="2000-01-01", **extra) -> str:
    return dev.save_applicant({"name": "张三", "gender": "male", "birth_date": birth, "applied_on": applied,
                               "workplace": "市社会组织服务中心", "post": "科员", "phone": "13800000000", **extra})


def refused(uuid, kind, data) -> dict:
    with pytest.raises(ValidationError) as e:
        steps.record_step(uuid, kind, data)
    return e.value.errors


def walk(uuid, party, upto: str) -> None:
    """The path taken on the earliest days the rules allow, up to and including a step."""
    plan = [("talk", {"date": "2022-03-31", "people": [party["甲"]]}),
            ("activist", {"date": "2022-04-10", "people": [party["甲"]]}),
            ("candidate", {"date": "2023-04-10", "people": [party["甲"], party["乙"]]}),
            ("training", {"date": "2023-05-08", "days": 3}),
            ("probationary", {"date": "2023-05-10"}),
            ("full", {"date": "2024-05-10"})]
    for kind, data in plan:
        steps.record_step(uuid, kind, data)
        if kind == upto:
            return


# -- the applicant -----------------------------------------------------------------------

@pytest.mark.parametrize("applied, ok", [("2018-01-01", True), ("2017-12-31", False)])
def test_an_applicant_is_eighteen_on_the_day_of_application(today, applied, ok):
    if ok:
        assert dev.get_applicant(person(applied=applied))["stage"] == "applicant"
        return
    with pytest.raises(ValidationError) as e:
        person(applied=applied)
    assert "年满18周岁" in e.value.errors["applied_on"] and "第五条" in e.value.errors["applied_on"]


def test_the_applicant_form_checks_each_field(today):
    with pytest.raises(ValidationError) as e:
        dev.save_applicant({"name": "", "gender": "x", "birth_date": "", "applied_on": "2027-01-01", "phone": "12"})
    assert set(e.value.errors) == {"name", "gender", "birth_date", "applied_on", "phone"}


# -- the intervals at their edges -----------------------------------------------------------

def test_the_talk_is_not_before_the_application_and_is_due_within_a_month(today, party):
    a = person()
    nxt = dev.get_applicant(a)["next"]
    assert (nxt["kind"], nxt["due"], nxt["state"]) == ("talk", dt.date(2022, 4, 1), "overdue")
    assert "早于递交入党申请书" in refused(a, "talk", {"date": "2022-02-28", "people": [party["甲"]]})["date"]
    steps.record_step(a, "talk", {"date": "2022-03-01", "people": [party["甲"]]})
    assert dev.get_applicant(a)["steps"]["talk"]["names"] == ["甲"]


@pytest.mark.parametrize("day, state", [(dt.date(2022, 3, 2), "due_soon"), (dt.date(2022, 4, 1), "due_soon"),
                                        (dt.date(2022, 4, 2), "overdue")])
def test_the_talk_turns_overdue_the_day_after_its_month(day, state):
    assert rules.next_step(dt.date(2022, 3, 1), {}, day)["state"] == state


def test_a_month_from_the_last_day_of_a_month_is_the_last_day_of_the_next():
    assert rules.add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert rules.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert rules.add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)


def test_a_year_as_activist_before_becoming_a_candidate(today, party):
    a = person()
    walk(a, party, "activist")
    two = [party["甲"], party["乙"]]
    message = refused(a, "candidate", {"date": "2023-04-09", "people": two})["date"]
    assert "一年以上" in message and "第十三条" in message and "2023年4月10日" in message
    steps.record_step(a, "candidate", {"date": "2023-04-10", "people": two})
    assert dev.get_applicant(a)["stage"] == "candidate"


def test_training_of_three_days_or_twenty_four_hours(today, party):
    a = person()
    walk(a, party, "candidate")
    assert "第十七条" in refused(a, "training", {"date": "2023-05-08", "days": 2, "hours": 23})["days"]
    assert "请填写培训天数或学时" in refused(a, "training", {"date": "2023-05-08"})["days"]
    assert "早于列为发展对象" in refused(a, "training", {"date": "2023-04-09", "days": 3})["date"]
    steps.record_step(a, "training", {"date": "2023-05-08", "hours": 24})
    steps.record_step(a, "training", {"date": "2023-05-08", "days": 3})


def test_admission_comes_after_the_training_ends(today, party):
    a = person()
    walk(a, party, "training")  # 5月8日 for three days: ends 5月10日
    assert "集中培训结束" in refused(a, "probationary", {"date": "2023-05-09"})["date"]
    steps.record_step(a, "probationary", {"date": "2023-05-10"})


def test_a_year_of_probation_before_full_membership(today, party):
    a = person()
    walk(a, party, "probationary")
    message = refused(a, "full", {"date": "2024-05-09"})["date"]
    assert "2024年5月10日期满" in message and "第三十二条" in message
    steps.record_step(a, "full", {"date": "2024-05-10"})
    assert dev.get_applicant(a)["next"] is None


@pytest.mark.parametrize("months, ok", [(5, False), (6, True), (12, True), (13, False)])
def test_probation_is_extended_once_by_six_to_twelve_months(today, party, months, ok):
    a = person()
    walk(a, party, "probationary")
    data = {"date": "2024-05-10", "months": months}
    if not ok:
        assert "第三十二条" in refused(a, "extend", data)["months"]
        return
    steps.record_step(a, "extend", data)
    end = rules.add_months(dt.date(2024, 5, 10), months)
    assert dev.get_applicant(a)["probation_end"] == end
    assert "期满" in refused(a, "full", {"date": (end - dt.timedelta(days=1)).isoformat()})["date"]
    if end <= TODAY:
        steps.record_step(a, "full", {"date": end.isoformat()})
        assert get_member(dev.get_applicant(a)["member"])["full_date"] == end


def test_an_extension_is_decided_when_the_year_is_up_and_only_once(today, party):
    a = person()
    walk(a, party, "probationary")
    assert "期满后才能讨论延长" in refused(a, "extend", {"date": "2024-05-09", "months": 6})["date"]
    steps.record_step(a, "extend", {"date": "2024-05-10", "months": 6})
    steps.record_step(a, "extend", {"date": "2024-05-12", "months": 6})  # corrected: still the one extension
    assert len([k for k in dev.get_applicant(a)["steps"] if k == "extend"]) == 1


# -- order, people, meetings ------------------------------------------------------------------

def test_a_step_out_of_order_is_refused_with_what_comes_first(today, party):
    a = person()
    assert "请先登记“入党谈话”" in refused(a, "activist", {"date": "2022-04-10", "people": [party["甲"]]})["kind"]
    walk(a, party, "candidate")
    assert "请先登记“集中培训”" in refused(a, "probationary", {"date": "2023-06-01"})["kind"]
    assert "请先登记“接收为预备党员”" in refused(a, "full", {"date": "2024-06-01"})["kind"]


def test_a_change_that_would_break_a_later_step_is_refused(today, party):
    a = person()
    walk(a, party, "candidate")
    errors = refused(a, "activist", {"date": "2022-05-01", "people": [party["甲"]]})
    assert "列为发展对象" in errors[""] and "一年以上" in errors[""]
    with pytest.raises(ValidationError) as e:
        steps.remove_step(a, "activist")
    assert "请先撤销后面的步骤" in e.value.errors[""]
    with pytest.raises(ValidationError) as e:
        dev.save_applicant({**dev.applicant_snapshot(a), "applied_on": "2022-04-01"})
    assert "谈话日期不能早于" in e.value.errors["applied_on"]


def test_contacts_and_sponsors_are_full_members_in_the_branch(today, party):
    a = person()
    steps.record_step(a, "talk", {"date": "2022-03-10", "people": [party["甲"]]})
    assert "1至2名" in refused(a, "activist", {"date": "2022-04-10", "people": []})["people"]
    assert "不在本支部" in refused(a, "activist", {"date": "2022-04-10", "people": [party["丁"]]})["people"]
    steps.record_step(a, "activist", {"date": "2022-04-10", "people": [party["甲"]]})
    assert "2名" in refused(a, "candidate", {"date": "2023-04-10", "people": [party["甲"]]})["people"]


def test_a_probationary_member_cannot_be_a_sponsor(today, party):
    a = person(applied="2025-01-02")
    steps.record_step(a, "talk", {"date": "2025-01-10", "people": [party["甲"]]})
    steps.record_step(a, "activist", {"date": "2025-02-10", "people": [party["甲"]]})
    message = refused(a, "candidate", {"date": "2026-02-10", "people": [party["甲"], party["丙"]]})["people"]
    assert "丙" in message and "正式党员" in message and "第十四条" in message
    assert [m["name"] for m in steps.eligible_members("candidate", dt.date(2026, 2, 10))] == ["乙", "甲"]


def test_the_meeting_decides_the_step_and_gives_its_date(today, party):
    a = person()
    walk(a, party, "talk")
    lecture = save_activity({"type": "party_lecture", "title": "党课", "date": "2022-04-10"})
    committee = save_activity({"type": "committee_meeting", "title": "支委会：确定入党积极分子", "date": "2022-04-12"})
    assert "支部委员会" in refused(a, "activist", {"meeting": lecture, "people": [party["甲"]]})["meeting"]
    assert "日期不一致" in refused(a, "activist", {"date": "2022-04-11", "meeting": committee,
                                                   "people": [party["甲"]]})["meeting"]
    steps.record_step(a, "activist", {"meeting": committee, "people": [party["甲"]]})  # the date is the meeting's
    step = dev.get_applicant(a)["steps"]["activist"]
    assert (step["date"], step["meeting"], step["meeting_title"]) == (dt.date(2022, 4, 12), committee,
                                                                      "支委会：确定入党积极分子")
    assert [m["uuid"] for m in steps.meetings_for("activist")] == [committee]


# -- the roster ---------------------------------------------------------------------------------

def test_admission_adds_the_member_and_full_membership_updates_them(today, party):
    a = person()
    walk(a, party, "probationary")
    row = dev.get_applicant(a)
    member = get_member(row["member"])
    assert (member["name"], member["party_status"], member["join_date"], member["full_date"]) == (
        "张三", "probationary", dt.date(2023, 5, 10), None)
    assert (member["phone"], member["job_title"], member["birth_date"]) == ("13800000000", "科员", dt.date(2000, 1, 1))
    steps.record_step(a, "probationary", {"date": "2023-05-11"})  # corrected: the roster follows
    assert get_member(row["member"])["join_date"] == dt.date(2023, 5, 11)
    steps.record_step(a, "full", {"date": "2024-05-20"})
    member = get_member(row["member"])
    assert (member["party_status"], member["full_date"]) == ("full", dt.date(2024, 5, 11))  # 预备期满之日
    dev.save_applicant({**dev.applicant_snapshot(a), "phone": "13900000000"})
    assert get_member(row["member"])["phone"] == "13900000000"  # typed once, on the path


def test_undoing_admission_and_full_membership_puts_the_roster_back(today, party):
    a = person()
    walk(a, party, "full")
    member = dev.get_applicant(a)["member"]
    steps.put_step(a, "full", None)
    assert get_member(member)["party_status"] == "probationary" and get_member(member)["full_date"] is None
    steps.put_step(a, "probationary", None)
    assert dev.get_applicant(a)["member"] is None
    with pytest.raises(records.NotFound):
        get_member(member)


def test_a_member_with_records_of_their_own_is_not_taken_back(today, party):
    a = person()
    walk(a, party, "probationary")
    member = dev.get_applicant(a)["member"]
    save_activity({"type": "member_meeting", "title": "支部党员大会", "date": "2023-06-01",
                   "attendance": [{"member": member, "status": "present"}]})
    with pytest.raises(ValidationError) as e:
        steps.remove_step(a, "probationary")
    assert "出勤" in e.value.errors[""]
    assert get_member(member)["party_status"] == "probationary"


def test_someone_already_in_the_roster_is_linked_not_added_twice(today, party):
    typed = save_member({"name": "张三", "gender": "male", "birth_date": "2000-01-01", "party_status": "probationary"})
    a = person()
    walk(a, party, "probationary")
    assert dev.get_applicant(a)["member"] == typed
    assert get_member(typed)["join_date"] == dt.date(2023, 5, 10)


def test_snapshots_put_a_step_back_as_it_was(today, party):
    a = person()
    walk(a, party, "activist")
    before = steps.step_snapshot(a, "activist")
    steps.record_step(a, "activist", {**before, "date": "2022-04-20", "note": "改期"})
    steps.put_step(a, "activist", before)
    assert steps.step_snapshot(a, "activist") == before
    assert steps.step_snapshot(a, "candidate") is None


def test_steps_in_an_archived_period_are_read_only(today, party):
    a = person()
    walk(a, party, "talk")
    archive_period("2022-01-01", "2022-12-31")
    message = refused(a, "activist", {"date": "2022-04-10", "people": [party["甲"]]})["date"]
    assert "已归档" in message and "其中的发展党员记录只能查看" in message
    with pytest.raises(ValidationError):
        steps.remove_step(a, "talk")


# -- the list ------------------------------------------------------------------------------------

def test_the_list_by_stage_with_the_next_step(today, party):
    a, b = person(), person(applied="2026-06-20")
    walk(a, party, "candidate")
    rows = dev.list_applicants(dev.ApplicantQuery(sort="stage"))
    assert [(r["uuid"], r["stage"]) for r in rows] == [(b, "applicant"), (a, "candidate")]
    assert rows[0]["next"]["state"] == "due_soon" and rows[1]["next"]["kind"] == "training"
    assert [r["uuid"] for r in dev.list_applicants(dev.ApplicantQuery(stage="candidate"))] == [a]
    assert [r["uuid"] for r in dev.list_applicants(dev.ApplicantQuery(stage="due"))] == [b]
    assert dev.count_applicants(dev.ApplicantQuery(text="服务中心")) == 2
    dev.delete_applicant(b)
    assert dev.count_applicants(dev.ApplicantQuery()) == 1
    dev.restore_applicant(b)
    assert dev.count_applicants(dev.ApplicantQuery()) == 2


def test_the_recycle_bin_knows_the_people_on_the_path(today, party):
    from models.records.members import delete_member
    from models.records.recycle import list_deleted, purge_record, restore_record
    a = person()
    walk(a, party, "talk")
    dev.delete_applicant(a)
    assert [(r["kind"], r["kind_label"], r["name"]) for r in list_deleted()] == [("applicant", "发展党员", "张三")]
    restore_record("applicant", a)
    assert dev.get_applicant(a)["steps"]["talk"]["names"] == ["甲"]
    delete_member(party["甲"])
    with pytest.raises(ValidationError) as e:
        purge_record("member", party["甲"])  # the talk would lose who held it
    assert "发展党员台账" in e.value.errors[""]
