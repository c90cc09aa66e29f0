"""A branch's 2022 as the report tests seed it, and what the report should say about it."""
import datetime as dt
from collections import Counter

from models.records import codes
from models.records.activities import members_for, save_activity
from models.records.members import save_member
from models.records.outreach import save_event
from models.records.settings import list_indicators, list_sections, save_branch_settings
from models.records.study import members_on, save_group, save_plan, save_session

BRANCH = "市民政局社会组织管理科党支部"
OFFICE = "中共市民政局社会组织管理科支部委员会"
TODAY = dt.date(2023, 1, 15)
Y1, Y2 = dt.date(2022, 1, 1), dt.date(2022, 12, 31)


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


def seed_year() -> dict:
    """A branch's 2022, and what the report should say about it, tallied here from the rows as they go in."""
    save_branch_settings({"branch_name": BRANCH, "office_name": OFFICE})
    members = [save_member({"name": n, "gender": "female", "party_status": "full"}) for n in "甲乙丙丁戊"]
    first, second, third = (s["uuid"] for s in list_sections())
    kinds, present, expected = Counter(), 0, 0

    def add(kind, day, section="", title=None, figures=(), absent=0):
        nonlocal present, expected
        rows = members_for(day) if kind == "member_meeting" else []
        for row in rows[:absent]:
            row["status"], row["reason"] = "leave", "出差"
        present += sum(r["status"] == "present" for r in rows)
        expected += len(rows)
        if section == first:
            kinds[kind] += 1
        save_activity({"type": kind, "title": title or codes.ACTIVITY_TYPES[kind], "date": day, "section": section,
                       "attendance": rows, "figures": [{"indicator": indicator(n), "value": v} for n, v in figures]})

    for month, absent in ((2, 1), (5, 0), (8, 2), (11, 0)):
        add("member_meeting", dt.date(2022, month, 3), first, absent=absent)
    for month in range(1, 13):
        add("committee_meeting", dt.date(2022, month, 10), first)
        add("group_meeting", dt.date(2022, month, 12), first)
        add("theme_day", dt.date(2022, month, 20), first)
    for month in (2, 6, 10, 12):                                        # none in the third quarter
        add("party_lecture", dt.date(2022, month, 25), first)
    add("life_meeting", dt.date(2022, 12, 28), first)
    add("member_review", dt.date(2022, 12, 29), first)
    add("supervision", dt.date(2022, 6, 1), second, "新成立社会组织党支部审批", [("新成立党支部", "14")])
    save_event({"title": "千村千品帮万农助力乡村振兴", "kind": "rural", "start_date": "2022-03-05", "section": third,
                "series": "第四届“社会组织伙伴日”",
                "figures": [{"indicator": indicator("参与社会组织"), "value": "200"},
                            {"indicator": indicator("捐赠资金"), "value": "3400000"}]})
    save_event({"title": "农副产品直播带货专场", "kind": "live_commerce", "start_date": "2022-04-05",
                "section": third, "series": "直播带货",
                "figures": [{"indicator": indicator("销售额"), "value": "460123.5"},
                            {"indicator": indicator("捐赠资金"), "value": "500000"}]})
    group = save_group({"name": "“青听”学习小组", "founded_on": "2021-01-01", "members": [{"member": m} for m in members]})
    save_plan(group, 2022, {"topics": [{"month": m, "topic": f"{m}月专题"} for m in range(1, 13)]})
    for month in range(1, 12):
        save_session({"group": group, "date": dt.date(2022, month, 15), "topic": f"{month}月专题", "section": first,
                      "attendance": members_on(group, dt.date(2022, month, 15)),
                      "reflections": [{"member": m, "text": "体会"} for m in members[:3]]})
    return {"kinds": kinds, "present": present, "expected": expected, "sessions": 11, "planned": 12,
            "reflections": 33, "reflections_expected": 55}
