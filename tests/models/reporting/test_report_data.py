"""The report's data: period names and keys, saved lead paragraphs, sentences, figures in 万元, gaps, chapters."""
import datetime as dt

import pytest

from models.records import codes, common as records
from models.records.activities import members_for, save_activity
from models.records.members import save_member
from models.records.outreach import save_event
from models.records.settings import list_indicators, list_sections, save_branch_settings, save_sections
from models.records.validation import ValidationError
from models.reporting.report_data import build_report, chinese_number
from models.reporting.report_text import change_phrase, counts_phrase, gap_sentences
from models.reporting.section_texts import (
    get_section_text,
    inherited_from,
    period_key,
    period_kind,
    period_label,
    save_section_text,
)

Y1, Y2 = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
TODAY = dt.date(2023, 1, 15)


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


@pytest.fixture
def today(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return TODAY


def add(kind, day, section="", title=None, figures=(), attendance=(), **extra):
    return save_activity({"type": kind, "title": title or codes.ACTIVITY_TYPES[kind], "date": day,
                          "section": section, "attendance": list(attendance),
                          "figures": [{"indicator": indicator(n), "value": v} for n, v in figures], **extra})


@pytest.mark.parametrize("start, end, kind, key, label", [
    (Y1, Y2, "year", "2022", "2022年"),
    (dt.date(2022, 1, 1), dt.date(2022, 6, 30), "half", "2022-H1", "2022年上半年"),
    (dt.date(2022, 7, 1), dt.date(2022, 12, 31), "half", "2022-H2", "2022年下半年"),
    (dt.date(2022, 7, 1), dt.date(2022, 9, 30), "quarter", "2022-Q3", "2022年第三季度"),
    (dt.date(2022, 3, 1), dt.date(2022, 3, 31), "month", "2022-03", "2022年3月"),
    (dt.date(2022, 1, 1), dt.date(2022, 9, 30), "custom", "2022-01-01~2022-09-30", "2022年1—9月"),
    (dt.date(2021, 10, 1), dt.date(2022, 9, 30), "custom", "2021-10-01~2022-09-30", "2021年10月—2022年9月"),
    (dt.date(2022, 3, 5), dt.date(2022, 9, 30), "custom", "2022-03-05~2022-09-30", "2022年3月5日至9月30日"),
    (dt.date(2021, 3, 5), dt.date(2022, 9, 30), "custom", "2021-03-05~2022-09-30", "2021年3月5日至2022年9月30日"),
    (dt.date(2000, 1, 1), dt.date(2100, 12, 31), "custom", "2000-01-01~2100-12-31", "2000—2100年"),
    (dt.date(2024, 3, 5), dt.date(2024, 3, 5), "custom", "2024-03-05~2024-03-05", "2024年3月5日"),
])
def test_period_kinds_keys_and_names(start, end, kind, key, label):
    assert (period_kind(start, end), period_key(start, end), period_label(start, end)) == (kind, key, label)


def test_lead_paragraphs_are_saved_and_a_new_period_starts_from_the_last_of_its_kind(store):
    first = list_sections()[0]["uuid"]
    assert get_section_text(first, "2022") == ""
    save_section_text(first, "2020", "二〇二〇年的导语")
    save_section_text(first, "2021", "  二〇二一年的导语\n第二段  ")
    save_section_text(first, "2022-Q2", "二季度")
    save_section_text(first, "2022-01-01~2022-05-31", "自定义")
    assert get_section_text(first, "2021") == "二〇二一年的导语\n第二段"
    assert get_section_text(first, "2023") == "二〇二一年的导语\n第二段" and inherited_from(first, "2023") == "2021"
    assert get_section_text(first, "2022-Q3") == "二季度"
    assert get_section_text(first, "2022-Q1") == ""                          # nothing earlier of that kind
    assert get_section_text(first, "2022-01-01~2022-09-30") == "自定义"
    save_section_text(first, "2023", "")                                     # said nothing, on purpose
    assert get_section_text(first, "2023") == "" and inherited_from(first, "2023") is None
    save_section_text(first, "2021", "改过")
    assert get_section_text(first, "2021") == "改过"
    with pytest.raises(ValidationError):
        save_section_text(first, "明年", "x")


def test_numbers_and_phrases():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]
    assert counts_phrase({"member_meeting": 4, "committee_meeting": 12, "group_meeting": 12, "party_lecture": 4,
                          "theme_day": 12}) == "召开支部党员大会4次、支委会12次、党小组会12次，讲党课4次，开展主题党日活动12次"
    assert [change_phrase(*pair) for pair in ((5, 2), (2, 5), (3, 3), (3, 0))] == [
        "较上年同期增加3次（增长150%）", "较上年同期减少3次（下降60%）", "与上年同期持平", "较上年同期增加3次"]


def test_gaps_are_ranges_never_lists_of_months():
    def gaps(kind, frequency, months, year=2022):
        return [{"type": kind, "frequency": frequency, "start": dt.date(year, m, 1)} for m in months]
    assert gap_sentences(gaps("committee_meeting", "month", range(2, 13)), False) == ["2—12月未召开支委会"]
    assert gap_sentences(gaps("committee_meeting", "month", (2, 3, 6)), False) == ["2—3月、6月未召开支委会"]
    assert gap_sentences(gaps("party_lecture", "quarter", (7, 10)), False) == ["第三、四季度未讲党课"]
    assert gap_sentences(gaps("theme_day", "month", (5,)), False) == ["5月未开展主题党日活动"]
    across = gaps("committee_meeting", "month", (11, 12)) + gaps("committee_meeting", "month", (1, 2), 2023)
    assert gap_sentences(across, True) == ["2022年11月—2023年2月未召开支委会"]
    assert gap_sentences(gaps("life_meeting", "year", (1,)), True) == ["2022年未召开组织生活会"]
    years = [g for y in range(2000, 2024) for g in gaps("member_meeting", "quarter", (1, 4, 7, 10), y)]
    assert gap_sentences(years + gaps("member_meeting", "quarter", (1, 4), 2024), True) == [
        "2000—2023年、2024年第一、二季度未召开支部党员大会"]


@pytest.fixture
def year(today):
    """A branch's 2022: 三会一课 on schedule except no 党课 in the third quarter, a supervision record, outreach."""
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部", "office_name": ""})
    for name in ("甲", "乙", "丙", "丁", "戊"):
        save_member({"name": name, "gender": "male", "party_status": "full"})
    first, second, third = (s["uuid"] for s in list_sections())
    for i, month in enumerate((2, 5, 8, 11)):
        rows = members_for(dt.date(2022, month, 3))
        if i == 0:
            rows[0]["status"], rows[0]["reason"] = "leave", "出差"          # 19 of 20 present over the year
        add("member_meeting", dt.date(2022, month, 3), first, attendance=rows)
    for month in range(1, 13):
        add("committee_meeting", dt.date(2022, month, 10), first)
        add("group_meeting", dt.date(2022, month, 12), first)
        add("theme_day", dt.date(2022, month, 20))                             # unfiled: 其他工作
    for month in (1, 4, 11, 12):
        add("party_lecture", dt.date(2022, month, 25), first)
    add("life_meeting", dt.date(2022, 12, 28), first)
    add("member_review", dt.date(2022, 12, 29), first)
    add("supervision", dt.date(2022, 6, 1), second, "新成立社会组织党支部审批", [("新成立党支部", "14")])
    save_event({"title": "千村千品帮万农助力乡村振兴", "kind": "rural", "start_date": "2022-03-05", "section": third,
                "series": "第四届“社会组织伙伴日”",
                "figures": [{"indicator": indicator("参与社会组织"), "value": "200"},
                            {"indicator": indicator("捐赠资金"), "value": "3400000"}]})
    save_event({"title": "农副产品直播带货专场", "kind": "live_commerce", "start_date": "2022-04-05",
                "end_date": "2022-04-09", "section": third,
                "figures": [{"indicator": indicator("销售额"), "value": "460123.5"}]})
    return first, second, third


def paragraphs(chapter):
    return [b["text"] for b in chapter["blocks"] if b["kind"] in ("para", "subheading")]


def test_the_report_tells_the_year(year):
    first, second, third = year
    save_section_text(first, "2021", "去年的导语。")
    report = build_report(Y1, Y2)
    assert report["title"] == "关于市民政局社会组织管理科党支部2022年党建工作情况的汇报"
    assert report["office_name"] == "市民政局社会组织管理科党支部" and report["date_text"] == "2023年1月15日"
    assert build_report(Y1, Y2, signed_on=dt.date(2023, 1, 9))["date_text"] == "2023年1月9日"
    headings = [c["heading"] for c in report["chapters"]]
    assert headings == ["一、强化政治意识", "二、强化改革创新", "三、强化聚力融合", "四、其他工作", "五、主要数据",
                        "六、存在的不足"]
    assert paragraphs(report["chapters"][0]) == [
        "去年的导语。",                                                            # carried over from 2021
        "全年召开支部党员大会4次、支委会12次、党小组会12次、组织生活会1次，讲党课4次，开展民主评议党员1次。"]
    assert paragraphs(report["chapters"][1]) == ["全年开展监督管理工作1次。其中，6月1日，新成立社会组织党支部审批，新成立党支部14个。"]
    assert paragraphs(report["chapters"][2]) == [
        "全年开展第四届“社会组织伙伴日”系列活动1场。3月5日，开展千村千品帮万农助力乡村振兴，200家社会组织参与，"
        "捐赠资金340万元。",
        "此外，4月5—9日，开展农副产品直播带货专场，销售额46.01万元。"]
    assert paragraphs(report["chapters"][3]) == ["全年开展主题党日活动12次。"]
    assert report["gaps"] == ["第三季度未讲党课"]                            # nobody named, nothing else missed
    assert "第三季度未讲党课" in paragraphs(report["chapters"][5])[0]
    assert report["intro"] == ["2022年，市民政局社会组织管理科党支部共开展支部活动47次（其中“三会一课”32次）；"
                               "开展社会组织联建活动2次。在记录出勤的4次支部活动中，党员平均出勤率95%，请假1人次。"]
    table = report["statistics_table"]
    assert table["columns"] == ["活动类型", "一季度", "二季度", "三季度", "四季度", "合计"]
    assert ["党课", 1, 1, 0, 2, 4] in table["rows"] and table["rows"][-1] == ["合计", 11, 12, 10, 14, 47]
    assert [a["title"] for a in report["appendices"]] == ["支部活动台账", "社会组织联建活动台账"]
    assert len(report["appendices"][0]["rows"]) == 47


def test_many_records_are_summed_up_by_count_and_their_figures_kept(year):
    first, second, third = year
    for day in range(1, 13):
        add("field_research", dt.date(2022, 9, day), second, f"第{day}次实地调研")
    assert paragraphs(build_report(Y1, Y2)["chapters"][1]) == [
        "全年开展实地调研12次、监督管理工作1次。", "以上工作合计新成立党支部14个。"]


def test_totals_say_what_was_done_as_a_record_says_it_not_the_indicators_name(year):
    first, second, third = year
    add("supervision", dt.date(2022, 3, 1), second, "选派党建工作指导员", [("党建工作指导员", "10"),
                                                                       ("新任法定代表人公示", "5")])
    add("supervision", dt.date(2022, 9, 1), second, "增派党建工作指导员", [("党建工作指导员", "3"),
                                                                       ("新任法定代表人公示", "4")])
    chapter = paragraphs(build_report(Y1, Y2)["chapters"][1])
    assert chapter[-1] == "以上工作合计选派党建工作指导员13名、公示新任法定代表人9人。", chapter


def test_highlights_lead_with_their_outcome_and_a_comparison_needs_last_year(year):
    first, second, third = year
    add("field_research", dt.date(2022, 9, 1), second, "社会组织监管难点调研", highlight=True,
        outcomes="形成调研报告1篇，为市委市政府决策提供参考。")
    chapter = paragraphs(build_report(Y1, Y2)["chapters"][1])
    assert chapter[0] == "9月1日，开展社会组织监管难点调研。形成调研报告1篇，为市委市政府决策提供参考。"
    assert "较上年" not in build_report(Y1, Y2)["intro"][0]                 # 2021 has no records
    for month in (3, 6, 9, 12):  # a 2021 recorded throughout, a lecture a quarter
        add("party_lecture", dt.date(2021, month, 1), first)
    intro = build_report(Y1, Y2)["intro"][0]
    assert "开展支部活动48次（其中“三会一课”32次），较上年同期增加44次（增长1100%）" in intro
    assert "开展社会组织联建活动2次，较上年同期增加2次；" not in intro and "联建活动2次，较上年同期增加2次。" in intro


def test_no_comparison_with_a_year_the_ledger_only_began_late_in(year):
    first, second, third = year
    for day in range(1, 21):  # the ledger began in November 2021
        add("committee_meeting", dt.date(2021, 11, day), first)
    assert "较上年" not in build_report(Y1, Y2)["intro"][0]
    for month in (2, 5, 8):  # and a few older records typed in afterwards: 2021 is still not a year recorded
        add("party_lecture", dt.date(2021, month, 10), first)
    assert "较上年" not in build_report(Y1, Y2)["intro"][0]
    for month in range(1, 10):  # every quarter holding its share (a tenth or more): the year is told
        add("theme_day", dt.date(2021, month, 20), first)
        add("group_meeting", dt.date(2021, month, 22), first)
    assert "较上年同期增加" in build_report(Y1, Y2)["intro"][0]


def test_a_year_under_way_is_compared_with_the_same_days_a_year_earlier(year):
    first, *_ = year
    for month in range(1, 13):  # 2021: a meeting a month, December's after 4 December
        add("committee_meeting", dt.date(2021, month, 20), first)
    from models.reporting.report_records import previous_counts
    assert previous_counts(Y1, Y2)["activities"] == 12
    stats = build_report(Y1, Y2)["statistics"]["activities"]["total"]
    # on 4 December 2022, 2022 so far is set against 2021 up to 4 December: eleven meetings, not twelve
    intro = build_report(Y1, Y2, today=dt.date(2022, 12, 4))["intro"][0]
    assert f"较上年同期增加{stats - 11}次" in intro


def test_title_office_and_sections_follow_the_settings(year):
    save_branch_settings({"branch_name": "", "office_name": "中共某某支部委员会"})
    sections = list_sections()
    save_sections([{"uuid": s["uuid"], "name": s["name"]} for s in reversed(sections)] + [{"name": "新栏目"}])
    report = build_report(dt.date(2022, 7, 1), dt.date(2022, 9, 30), title="  自定标题 ")
    assert report["title"] == "自定标题" and report["office_name"] == "中共某某支部委员会"
    assert build_report(dt.date(2022, 7, 1), dt.date(2022, 9, 30))["title"] == "关于党支部2022年第三季度党建工作情况的汇报"
    headings = [c["heading"] for c in report["chapters"]]
    assert headings[:4] == ["一、强化聚力融合", "二、强化改革创新", "三、强化政治意识", "四、新栏目"]
    assert paragraphs(report["chapters"][3]) == ["本期台账中未登记该项工作的记录。"]


def test_no_other_work_chapter_when_everything_is_filed(today):
    first = list_sections()[0]["uuid"]
    add("party_lecture", dt.date(2022, 2, 1), first)
    headings = [c["heading"] for c in build_report(dt.date(2022, 1, 1), dt.date(2022, 3, 31))["chapters"]]
    assert not any("其他工作" in h for h in headings)


def test_an_empty_period_is_short_and_honest(today):
    report = build_report(dt.date(2022, 7, 1), dt.date(2022, 7, 31))
    assert report["empty"] and report["appendices"] == [] and report["charts"] == []
    assert report["intro"] == ["2022年7月，党支部台账中未登记支部活动、学习会和联建活动记录。"]
    headings = [c["heading"] for c in report["chapters"]]
    assert headings == ["一、存在的不足"]                                     # a whole month without its meetings
    assert "7月未召开支委会" in paragraphs(report["chapters"][0])[0]
    # a month not yet over makes no claims at all
    assert build_report(dt.date(2023, 1, 1), dt.date(2023, 1, 31))["chapters"] == []


def test_a_year_not_yet_over_is_told_since_its_start(year, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: dt.date(2022, 10, 8))
    report = build_report(Y1, Y2)
    assert paragraphs(report["chapters"][0])[0].startswith("今年以来召开支部党员大会")
    assert report["intro"][0].startswith("2022年以来，市民政局社会组织管理科党支部共开展支部活动")


def test_a_series_summed_up_in_its_paragraph_is_not_summed_again_by_its_chapter(year):
    first, second, third = year
    for day in range(1, 7):
        save_event({"title": f"第{day}场助农直播", "kind": "rural", "start_date": f"2022-06-0{day}", "section": third,
                    "series": "第四届“社会组织伙伴日”",
                    "figures": [{"indicator": indicator("捐赠资金"), "value": "100000"}]})
    chapter = paragraphs(build_report(Y1, Y2)["chapters"][2])
    assert chapter[0].endswith("系列活动合计捐赠资金400万元。")
    assert not any("以上工作合计" in p for p in chapter), chapter  # the same 400万元 once, not twice


def test_the_outreach_appendix_keeps_an_approximation_as_entered(year):
    first, second, third = year
    save_event({"title": "助学助残援藏行活动视频对接会", "kind": "rural", "start_date": "2022-07-12", "section": third,
                "figures": [{"indicator": indicator("参与社会组织"), "value": "200余"}]})
    rows = next(a for a in build_report(Y1, Y2)["appendices"] if a["title"] == "社会组织联建活动台账")["rows"]
    assert rows[-1][-1] == "参与社会组织200余家"                     # not 200家: the text says 200余家 too


def test_a_told_activity_reads_as_something_done_not_as_its_bare_title():
    from models.reporting.report_data import activity_clause

    def told(title, kind="field_research"):
        return activity_clause({"type": kind, "title": title, "speaker": "", "day": dt.date(2022, 8, 9),
                                "figures": []})
    assert told("困难群众关注热点实地调研") == "8月9日，开展困难群众关注热点实地调研"
    assert told("社会组织负责人座谈会", "other") == "8月9日，召开社会组织负责人座谈会"
    assert told("赴社会组织学习交流", "exchange_visit") == "8月9日，赴社会组织学习交流"  # a verb already
    assert told("新批准成立社会组织党支部", "supervision") == "8月9日，新批准成立社会组织党支部"  # as it is


def test_a_month_is_compared_when_the_year_before_it_was_recorded_every_month(year):
    first, *_ = year
    for month in range(1, 13):  # 2021 recorded every month, always before the 21st
        add("committee_meeting", dt.date(2021, month, 10), first)
        add("group_meeting", dt.date(2021, month, 20), first)
    for month in range(9, 13):  # and the months of 2020 the year before August 2021 reaches back to
        add("committee_meeting", dt.date(2020, month, 10), first)
    intro = build_report(dt.date(2022, 8, 1), dt.date(2022, 8, 31))["intro"][0]
    assert "较上年同期" in intro  # the last week of August 2021 without records says nothing against it
