"""The facts of the office's own hand-written report (shared/reference/example-report.txt) entered as records.

2022年1—9月 of the branch: 三会一课 with gaps to state as ranges, attendance recorded at nine meetings, the
“青听” group and its plan, the supervision work's figures, the 第四届“社会组织伙伴日” events with partners, regions
and approximate figures, an employment meeting reporting running totals, and one 2021 event that must stay out.
"""
import datetime as dt

from models.records.activities import members_for, save_activity
from models.records.members import save_member
from models.records.outreach import save_event
from models.records.settings import list_indicators, list_sections, save_branch_settings
from models.records.study import members_on, save_group, save_plan, save_session

BRANCH = "市民政局社会组织管理科党支部"
PERIOD = (dt.date(2022, 1, 1), dt.date(2022, 9, 30))
TODAY = dt.date(2022, 10, 8)
SIGNED_ON = dt.date(2022, 9, 30)
SERIES = "第四届全市“社会组织伙伴日”"
# Every figure of the example, as the report must print it: once, whole, on one line.
FIGURES = ("200余家", "超340万元", "12400余单", "超46万元", "103人", "365家", "428家", "5075个", "1051人", "19家",
           "14项", "近300万元", "10名", "14个", "2个", "21家")
OLD_EVENT = "医疗（健康）援疆行"


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


def figures(*pairs):
    return [{"indicator": indicator(name), "value": value} for name, value in pairs]


def seed_example() -> dict:
    """The records; returns the section uuids by their place (first, second, third)."""
    save_branch_settings({"branch_name": BRANCH, "office_name": ""})
    people = ["张明", "李华", "王芳", "刘洋", "陈静", "赵磊", "孙悦", "周婷"]
    members = [save_member({"name": n, "gender": "female" if i % 2 else "male", "party_status": "full",
                            "join_date": "2015-07-01"}) for i, n in enumerate(people)]
    first, second, third = (s["uuid"] for s in list_sections())

    def activity(kind, day, title, section=first, speaker="", attendance=False, leave=0, **extra):
        rows = members_for(day) if attendance else []
        for row in rows[:leave]:
            row["status"], row["reason"] = "leave", "出差"
        return save_activity({"type": kind, "title": title, "date": day, "section": section, "speaker": speaker,
                              "attendance": rows, **extra})

    # 三会一课 of 1—9月: 党员大会 each quarter, 支委会 in January only (2—9月 missed), 党课 in the first quarter only.
    for month in (1, 4, 7):
        activity("member_meeting", dt.date(2022, month, 6), "支部党员大会", attendance=True, leave=1 if month == 4 else 0)
    activity("committee_meeting", dt.date(2022, 1, 10), "支委会研究年度工作要点", attendance=True)
    activity("party_lecture", dt.date(2022, 3, 25), "对党忠诚、勤勉敬业", speaker="张明", attendance=True, leave=1)
    for month in range(1, 10):
        activity("group_meeting", dt.date(2022, month, 12), "党小组会", attendance=month <= 4)
        activity("theme_day", dt.date(2022, month, 20), "主题党日活动")
    activity("expert_lecture", dt.date(2022, 5, 18), "社会组织监管难点", speaker="市委党校教授")
    activity("exchange_visit", dt.date(2022, 6, 16), "赴社会组织学习交流")
    activity("field_research", dt.date(2022, 8, 9), "困难群众关注热点实地调研")
    # 监管: the party-building figures of the second section.
    activity("supervision", dt.date(2022, 3, 1), "选派局管社会组织党建工作指导员", second,
             figures=figures(("党建工作指导员", "10")))
    activity("supervision", dt.date(2022, 6, 1), "新批准成立社会组织党支部", second,
             figures=figures(("新成立党支部", "14"), ("调整联合党支部", "2"), ("覆盖社会组织", "21")),
             highlight=True, outcomes="以党建为引领促进社会组织规范发展、健康发展。")
    # “青听”: the young cadres' group, its 2022 plan (定目标、定任务、定标准 and monthly topics), sessions.
    group = save_group({"name": "青听", "founded_on": "2021-03-01", "leader": members[1],
                        "members": [{"member": m} for m in members[:6]]})
    save_plan(group, 2022, {"goals": "学懂弄通新思想", "tasks": "每月一次集中学习", "standards": "每人每季度一篇心得",
                            "topics": [{"month": m, "topic": f"{m}月学习专题"} for m in range(1, 13)]})
    for month, lead in ((1, "李华"), (2, "王芳"), (3, "李华"), (5, "刘洋"), (6, "陈静"), (8, "李华"), (9, "王芳")):
        day = dt.date(2022, month, 15)
        save_session({"group": group, "date": day, "topic": f"{month}月学习专题", "lead_speaker": lead,
                      "section": first, "attendance": members_on(group, day),
                      "reflections": [{"member": m, "text": "学习体会"} for m in members[1:3]]})
    # 伙伴日 of 2022, with its partners, regions and approximate figures.
    save_event({"title": "第四届全市“社会组织伙伴日”启动暨云上帮扶大集对接签约仪式", "kind": "rural",
                "start_date": "2022-01-20", "section": third, "series": SERIES, "co_organisers": "市乡村振兴局",
                "highlight": True, "outcomes": "市内社会组织携会员企业通过线上积极参与。",
                "figures": figures(("参与社会组织", "200余"), ("捐赠资金", "超340万"))})
    save_event({"title": "千村千品帮万农助力乡村振兴活动", "kind": "live_commerce", "start_date": "2022-03-10",
                "end_date": "2022-06-30", "section": third, "series": SERIES, "co_organisers": "市乡村振兴局",
                "figures": figures(("订单", "12400余"), ("销售额", "超46万"), ("培训人数", "103"))})
    save_event({"title": "召开助学助残援藏行活动视频对接会", "kind": "aid_tibet_xinjiang", "start_date": "2022-07-12",
                "section": third, "series": SERIES, "co_organisers": "市乡村振兴局", "region": "日喀则",
                "figures": figures(("参与社会组织", "19"), ("帮扶项目", "14"), ("捐赠物资价值", "近300万"))})
    save_event({"title": "召开推进社会组织助力高校毕业生就业工作座谈研讨会", "kind": "employment",
                "start_date": "2022-09-30", "section": third,
                "figures": figures(("参与社会组织", "365"), ("会员企业", "428"), ("提供岗位", "5075"),
                                   ("安置就业", "1051"))})
    # A year earlier: told nowhere in 2022, counted only for the comparison.
    save_event({"title": f"{OLD_EVENT}活动", "kind": "aid_tibet_xinjiang", "start_date": "2021-07-01", "section": third,
                "series": "第三届全市“社会组织伙伴日”", "region": "新疆",
                "figures": figures(("参与社会组织", "30"))})
    return {"sections": (first, second, third), "members": members, "group": group}
