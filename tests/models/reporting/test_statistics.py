"""Period statistics: counts by type, attendance, study against plan, figure totals per section, 三会一课 gaps."""
import datetime as dt
import random
import time

import pytest

from models.records import codes
from models.records.activities import delete_activity, members_for, save_activity
from models.records.members import save_member
from models.records.outreach import save_event
from models.records.settings import list_indicators, list_sections, set_setting
from models.records.study import members_on, save_group, save_plan, save_session
from models.reporting.statistics import (
    activity_counts,
    attendance,
    buckets,
    expected_frequency,
    figures_by_section,
    gaps,
    outreach,
    period_statistics,
    study,
)
from models.store import db, insert_rows, largest_id

ACTIVITY_COLUMNS = ["uuid", "created_at", "updated_at", "type", "title", "date", "place", "host", "recorder", "speaker",
                    "agenda", "content", "decisions", "guests", "tags"]
ATTENDANCE_COLUMNS = ["uuid", "created_at", "updated_at", "activity_id", "member_id", "status", "reason"]

Y1, Y2 = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
LATER = dt.date(2023, 3, 1)


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


@pytest.fixture
def members(store):
    return [save_member({"name": n, "gender": "male", "party_status": "full"}) for n in ("甲", "乙", "丙", "丁")]


def activity(kind, day, section=None, absent=(), figures=(), attendance=True, title=None):
    rows = members_for(day) if attendance else []
    for row in rows:
        if row["name"] in absent:
            row["status"], row["reason"] = "absent", "未说明"
    return save_activity({"type": kind, "title": title or codes.ACTIVITY_TYPES[kind], "date": day,
                          "section": section or "", "attendance": rows,
                          "figures": [{"indicator": indicator(n), "value": v} for n, v in figures]})


def test_counts_by_type_section_and_month_only_live_and_in_period(members):
    first = list_sections()[0]["uuid"]
    activity("member_meeting", dt.date(2022, 3, 1), first)
    activity("member_meeting", dt.date(2022, 6, 1), first)
    activity("party_lecture", dt.date(2022, 6, 2))
    delete_activity(activity("party_lecture", dt.date(2022, 6, 3)))       # in the recycle bin
    activity("party_lecture", dt.date(2021, 12, 31))                        # before the period
    counts = activity_counts(Y1, Y2)
    assert counts["by_type"] == {"member_meeting": 2, "party_lecture": 1}
    assert counts["total"] == 3 and counts["three_one"] == 3
    assert counts["by_section"] == {first: {"member_meeting": 2}, None: {"party_lecture": 1}}
    assert counts["by_month"] == {(2022, 3): {"member_meeting": 1}, (2022, 6): {"member_meeting": 1,
                                                                              "party_lecture": 1}}


def test_attendance_rate_and_lowest_members(members):
    activity("member_meeting", dt.date(2022, 3, 1), absent={"甲"})
    activity("member_meeting", dt.date(2022, 6, 1), absent={"甲", "乙"})
    activity("committee_meeting", dt.date(2022, 6, 2), attendance=False)     # no attendance: not counted
    result = attendance(Y1, Y2)
    # 2 meetings × 4 members, 3 absences
    assert (result["expected"], result["present"], result["activities"]) == (8, 5, 2)
    assert result["rate"] == pytest.approx(5 / 8)
    assert [(m["name"], m["present"], m["expected"]) for m in result["lowest"][:2]] == [("甲", 0, 2), ("乙", 1, 2)]
    assert attendance(dt.date(2023, 1, 1), dt.date(2023, 12, 31))["rate"] is None


def test_study_against_plan_and_reflections(members):
    a, b, c, d = members
    group = save_group({"name": "“青听”学习小组", "founded_on": "2021-01-01",
                        "members": [{"member": m} for m in (a, b, c)]})
    save_plan(group, 2022, {"topics": [{"month": m, "topic": f"{m}月专题"} for m in (1, 2, 3, 7)]})
    for day, present, wrote in ((dt.date(2022, 1, 10), {a, b, c}, [a, b]), (dt.date(2022, 3, 9), {a, b}, [a]),
                                (dt.date(2022, 8, 1), {a}, [])):
        rows = members_on(group, day)
        for row in rows:
            if row["member"] not in present:
                row["status"], row["reason"] = "leave", "出差"
        save_session({"group": group, "date": day, "topic": "学习", "attendance": rows,
                      "reflections": [{"member": m, "text": "体会"} for m in wrote]})
    first_half = study(dt.date(2022, 1, 1), dt.date(2022, 6, 30), today=LATER)
    g = first_half["groups"][0]
    assert (g["planned"], g["held"], g["reflections"], g["reflections_expected"]) == (3, 2, 3, 5)
    assert g["overdue"] == [(2022, 2)]
    year = study(Y1, Y2, today=LATER)
    assert (year["planned"], year["held"]) == (4, 3) and year["groups"][0]["overdue"] == [(2022, 2), (2022, 7)]


def test_figure_totals_per_section_never_mix_units(members):
    third = list_sections()[2]["uuid"]
    activity("supervision", dt.date(2022, 5, 1), third, figures=[("新成立党支部", "14")], attendance=False)
    activity("supervision", dt.date(2022, 6, 1), third, figures=[("新成立党支部", "2"), ("约见谈话", "5")],
             attendance=False)
    save_event({"title": "千村千品帮万农", "kind": "rural", "start_date": "2022-03-05", "section": third,
                "figures": [{"indicator": indicator("捐赠资金"), "value": "3400000"},
                            {"indicator": indicator("参与社会组织"), "value": "200"}]})
    save_event({"title": "直播带货", "kind": "live_commerce", "start_date": "2022-04-05",
                "figures": [{"indicator": indicator("捐赠资金"), "value": "60000.5"}]})
    totals = figures_by_section(Y1, Y2)
    assert {(t["name"], t["unit"], t["value_centi"]) for t in totals[third]} == {
        ("新成立党支部", "个", 1600), ("约见谈话", "人次", 500), ("捐赠资金", "元", 340_000_000),
        ("参与社会组织", "家", 20000)}
    assert totals[None] == [{"name": "捐赠资金", "unit": "元", "value_centi": 6_000_050, "records": 1}]
    events = outreach(Y1, Y2)
    assert events["events"] == 2 and events["by_section"] == {third: 1, None: 1}
    assert {t["name"]: t["value_centi"] for t in events["totals"]}["捐赠资金"] == 346_000_050


def test_gaps_for_whole_ended_periods_only(members):
    for month in range(1, 13):
        for kind in ("committee_meeting", "group_meeting", "theme_day"):
            activity(kind, dt.date(2022, month, 15), attendance=False)
    for month in (2, 5, 8, 11):
        activity("member_meeting", dt.date(2022, month, 3), attendance=False)
    for month in (1, 4, 12):                                                # no 党课 in the third quarter
        activity("party_lecture", dt.date(2022, month, 20), attendance=False)
    activity("life_meeting", dt.date(2022, 12, 1), attendance=False)
    by_month = activity_counts(Y1, Y2)["by_month"]
    texts = [g["text"] for g in gaps(Y1, Y2, by_month, today=LATER)]
    assert texts == ["第三季度未召开党课", "2022年未开展民主评议党员"]
    # on 2022-10-20 the year and the fourth quarter are not over yet
    assert [g["text"] for g in gaps(Y1, Y2, by_month, today=dt.date(2022, 10, 20))] == ["第三季度未召开党课"]
    # a range starting mid-quarter checks only the whole quarters inside it
    assert gaps(dt.date(2022, 8, 1), Y2, by_month, today=LATER) == []


def test_expected_frequency_setting_overrides_defaults(members):
    set_setting("expected_frequency", {"party_lecture": None, "heart_talk": "half", "theme_day": "weekly"})
    freq = expected_frequency()
    assert "party_lecture" not in freq and freq["heart_talk"] == "half"
    assert freq["theme_day"] == "month"                                      # an unknown frequency keeps the default
    texts = [g["text"] for g in gaps(Y1, dt.date(2022, 6, 30), {}, today=LATER)]
    assert "上半年未开展谈心谈话" in texts and not any("党课" in t for t in texts)
    assert buckets("quarter", dt.date(2021, 11, 1), dt.date(2022, 6, 30), LATER) == [
        (dt.date(2022, 1, 1), dt.date(2022, 3, 31)), (dt.date(2022, 4, 1), dt.date(2022, 6, 30))]


def test_a_year_of_five_thousand_activities(members):
    rng = random.Random(7)
    member_ids = [r[0] for r in db.execute_sql("SELECT id FROM member").fetchall()]
    kinds = list(codes.ACTIVITY_TYPES)
    with db.atomic():  # many rows at once, through the store's own bulk path (either backend)
        first = largest_id("activity") + 1
        stamp = "2022-01-01 00:00:00"
        insert_rows("activity", ACTIVITY_COLUMNS,
                    [(f"bulk-{i}", stamp, stamp, kinds[i % len(kinds)], f"活动{i}",
                      str(Y1 + dt.timedelta(days=rng.randrange(365))), "", "", "", "", "", "", "", "", "")
                     for i in range(5000)])
        insert_rows("attendance", ATTENDANCE_COLUMNS,
                    [(f"att-{a}-{m}", stamp, stamp, a, m, "present" if (a + m) % 10 else "absent", "")
                     for a in range(first, first + 5000) for m in member_ids])
    start = time.perf_counter()
    stats = period_statistics(Y1, Y2, today=LATER)
    print(f"\nperiod_statistics over 5,000 activities and 20,000 attendance rows: {time.perf_counter() - start:.2f} s")
    assert stats["activities"]["total"] == 5000
    assert stats["attendance"]["expected"] == 20000
    expected_present = sum(1 for a in range(first, first + 5000) for m in member_ids if (a + m) % 10)
    assert stats["attendance"]["present"] == expected_present


@pytest.mark.sqlite_only("the plan is asked of SQLite; a server chooses by its table sizes")
def test_attendance_counts_read_the_covering_index_not_the_table(members, monkeypatch):
    activity("member_meeting", dt.date(2022, 3, 1), absent={"甲"})
    real = db.obj
    asked, execute = [], real.execute_sql
    monkeypatch.setattr(real, "execute_sql", lambda sql, params=None, *a, **k: (
        asked.append((sql, params)), execute(sql, params, *a, **k))[1])
    attendance(Y1, Y2)
    monkeypatch.undo()
    counts = [(sql, params) for sql, params in asked if 'FROM "attendance"' in sql.split("WHERE")[0]]
    assert len(counts) == 2  # by section and status, by member and status (the activities counted: an EXISTS)
    sql, params = counts[0]  # by member, a store this small is better read member first
    plan = " ".join(row[-1] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "COVERING INDEX attendance_activity_id_status" in plan, plan
