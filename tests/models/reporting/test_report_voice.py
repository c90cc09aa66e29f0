"""The report read as the office reads it: a chapter names its period once, a record is told as something done."""
import datetime as dt

from test_report_data import Y1, Y2, add, paragraphs, today, year  # noqa: F401 (fixtures)

from models.reporting.report_data import build_report
from models.reporting.report_text import period_said_once


def test_a_chapter_names_its_period_once_not_at_every_paragraph(year):
    first, second, third = year
    add("volunteer", dt.date(2022, 5, 8), third, "社区志愿服务")
    chapter = paragraphs(build_report(Y1, Y2)["chapters"][2])
    assert chapter[0] == "全年开展志愿服务1次。其中，5月8日，开展社区志愿服务。"
    assert chapter[1].startswith("开展第四届“社会组织伙伴日”系列活动1场。3月5日"), chapter
    assert sum(p.startswith("全年") for p in chapter) == 1


def test_only_the_period_word_is_dropped_and_other_months_kept():
    assert period_said_once(["今年以来召开支委会3次。", "今年1—11月应交党费1万元。", "今年以来，联合市教育局开展…。",
                             "今年以来发展党员1名。"], "今年以来") == [
        "今年以来召开支委会3次。", "今年1—11月应交党费1万元。", "联合市教育局开展…。", "发展党员1名。"]
    assert period_said_once(["5月8日，开展社区志愿服务。", "本月开展志愿服务1次。"], "本月") == [
        "5月8日，开展社区志愿服务。", "本月开展志愿服务1次。"]


def told(title, kind, speaker=""):
    from models.reporting.report_data import activity_clause
    return activity_clause({"type": kind, "title": title, "speaker": speaker, "day": dt.date(2026, 5, 2),
                            "figures": []})


def test_a_title_made_of_its_type_and_a_topic_is_told_as_something_done_not_as_a_label():
    assert told("专题研究：意识形态工作责任制", "special_study") == "5月2日，围绕“意识形态工作责任制”开展专题研究"
    assert told("专题研究：党风廉政建设专题", "special_study") == "5月2日，围绕“党风廉政建设”开展专题研究"
    assert told("专家授课：新时代党的组织路线", "expert_lecture", "省民政厅专家") == "5月2日，省民政厅专家讲授“新时代党的组织路线”"
    assert told("专题党课：民政为民 民政爱民", "party_lecture", "甲") == "5月2日，甲讲授专题党课“民政为民 民政爱民”"
    assert told("支部委员会：研究发展党员工作", "committee_meeting") == "5月2日，召开支委会，研究发展党员工作"
    assert told("5月主题党日：植树护绿", "theme_day") == "5月2日，围绕“植树护绿”开展主题党日活动"
    assert told("其他活动：社区议事", "other") == "5月2日，围绕“社区议事”开展活动"
    # a title that only looks so is told as it is
    assert told("调研：社会组织监管难点", "field_research") == "5月2日，调研：社会组织监管难点"
    assert told("关于加强社会组织党建的专题研究：第一次", "special_study") == "5月2日，关于加强社会组织党建的专题研究：第一次"
    assert told("赴社会组织学习交流", "exchange_visit") == "5月2日，赴社会组织学习交流"


def test_the_month_report_tells_a_study_by_its_topic(today):
    from models.records.settings import list_sections
    second = list_sections()[1]["uuid"]
    add("special_study", dt.date(2022, 5, 1), second, "专题研究：意识形态工作责任制")
    chapter = paragraphs(build_report(dt.date(2022, 5, 1), dt.date(2022, 5, 31))["chapters"][1])
    assert chapter == ["本月开展专题研究1次。其中，5月1日，围绕“意识形态工作责任制”开展专题研究。"]


def test_sessions_without_a_lead_speaker_do_not_say_led_by_nobody(today):
    from models.records.settings import list_sections
    from models.records.study import save_group, save_session
    first = list_sections()[0]["uuid"]
    group = save_group({"name": "青听"})
    save_session({"group": group, "date": dt.date(2022, 4, 15), "topic": "党章学习", "section": first})
    assert paragraphs(build_report(Y1, Y2)["chapters"][0]) == ["“青听”学习小组开展学习1次。"]  # not 由领学
    save_session({"group": group, "date": dt.date(2022, 5, 15), "topic": "党史", "lead_speaker": "甲", "section": first})
    assert paragraphs(build_report(Y1, Y2)["chapters"][0]) == ["“青听”学习小组开展学习2次，由甲领学。"]


def test_the_notable_records_follow_the_counts_they_are_picked_from(year):
    first, second, third = year
    add("party_lecture", dt.date(2022, 7, 1), first, "对党忠诚、勤勉敬业", speaker="甲")
    add("field_research", dt.date(2022, 8, 9), first, "困难群众关注热点实地调研")
    text = paragraphs(build_report(Y1, Y2)["chapters"][0])[0]
    # not 甲讲授党课。其中，8月9日… as if the research were among 甲's lectures
    assert text.endswith("开展民主评议党员1次、实地调研1次。其中，8月9日，开展困难群众关注热点实地调研。甲讲授党课。"), text


def test_a_series_says_its_months_and_organisations_only_where_its_events_do_not(today):
    from models.records.organisations import save_organisation
    from models.records.outreach import save_event
    from models.records.settings import list_sections
    from test_report_data import indicator
    third = list_sections()[2]["uuid"]
    orgs = [save_organisation({"name": f"第{n}协会", "kind": "social_group"}) for n in range(7)]
    base = {"kind": "education_disability", "section": third, "series": "第八届“社会组织伙伴日”",
            "co_organisers": "市教育局", "region": "本市山区县"}
    save_event({**base, "title": "爱心助学结对", "start_date": "2022-07-06", "end_date": "2022-07-07",
                "participations": [{"organisation": o, "role": "participant"} for o in orgs],
                "figures": [{"indicator": indicator("参与社会组织"), "value": "7"},
                            {"indicator": indicator("捐赠资金"), "value": "874000"}]})
    quarter = paragraphs(build_report(dt.date(2022, 7, 1), dt.date(2022, 9, 30))["chapters"][2])
    assert quarter == ["本季度，联合市教育局开展第八届“社会组织伙伴日”系列活动1场。7月6—7日，赴本市山区县开展"
                       "爱心助学结对，7家社会组织参与，捐赠资金87.4万元。"]  # not （7月），7家社会组织参与 twice
    save_event({**base, "title": "防汛救灾物资募集", "start_date": "2022-07-20", "participations": [
        {"organisation": orgs[0], "role": "participant"}]})
    month = paragraphs(build_report(dt.date(2022, 7, 1), dt.date(2022, 7, 31))["chapters"][2])
    assert month[0].startswith("本月，联合市教育局开展第八届“社会组织伙伴日”系列活动2场，7家社会组织参与。其中，"), month
    quarter = paragraphs(build_report(dt.date(2022, 7, 1), dt.date(2022, 9, 30))["chapters"][2])
    assert quarter[0].startswith("本季度，联合市教育局开展第八届“社会组织伙伴日”系列活动2场（7月），7家社会组织参与。")


def report_text(report):
    return "".join(b.get("text", "") for c in report["chapters"] for b in c["blocks"])


def test_the_main_figures_do_not_repeat_a_total_its_chapter_has_said(year):
    from models.records.outreach import save_event
    from test_report_data import indicator
    first, second, third = year
    donation = {"kind": "rural", "figures": [{"indicator": indicator("捐赠资金"), "value": "100000"}]}
    save_event({**donation, "title": "助农义卖", "start_date": "2022-10-01", "section": third})
    text = report_text(build_report(Y1, Y2))
    assert text.count("捐赠资金350万元") == 1, text                # in its chapter, not again under 主要数据
    save_event({**donation, "title": "爱心捐赠", "start_date": "2022-11-01", "section": second})
    text = report_text(build_report(Y1, Y2))                     # over two chapters: the sum is news
    assert "联建活动合计捐赠资金360万元" in text and text.count("360万元") == 1


def test_a_record_titled_as_its_indicator_is_told_as_the_office_says_it(today):
    from models.records.settings import list_sections
    second = list_sections()[1]["uuid"]
    add("supervision", dt.date(2022, 5, 26), second, "新任法定代表人公示", [("新任法定代表人公示", "3")])
    add("supervision", dt.date(2022, 5, 21), second, "选派党建工作指导员", [("党建工作指导员", "2")])
    chapter = paragraphs(build_report(dt.date(2022, 5, 1), dt.date(2022, 5, 31))["chapters"][1])
    assert chapter[0] == ("本月开展监督管理工作2次。其中，5月21日，选派党建工作指导员2名；"
                          "5月26日，公示新任法定代表人3人。"), chapter  # not 新任法定代表人公示3人


def test_absences_are_counted_once_in_the_opening_and_named_as_a_shortfall_without_repeating_it(year):
    from models.records.activities import members_for
    first, *_ = year
    rows = members_for(dt.date(2022, 6, 3))
    rows[1]["status"], rows[1]["reason"] = "absent", "未说明"
    add("member_meeting", dt.date(2022, 6, 3), first, attendance=rows)
    report = build_report(Y1, Y2)
    assert "缺席1人次" in report["intro"][0]
    assert "部分支部活动有党员缺席" in report["gaps"]
    assert (report["intro"][0] + report_text(report)).count("缺席1人次") == 1


def test_a_months_main_figures_are_one_column_of_counts_without_a_one_bar_chart(year):
    from models.records.outreach import save_event
    from test_report_data import indicator
    first, second, third = year
    for n in (1, 2):
        save_event({"title": f"第{n}场义卖", "kind": "rural", "start_date": "2022-03-2" + str(n), "section": second
                    if n == 1 else third, "figures": [{"indicator": indicator("捐赠资金"), "value": "100000"}]})
    report = build_report(dt.date(2022, 3, 1), dt.date(2022, 3, 31))
    data = next(c for c in report["chapters"] if c["heading"].endswith("主要数据"))
    table = next(b for b in data["blocks"] if b["kind"] == "table")
    assert table["columns"] == ["活动类型", "次数"] and ["支部委员会", 1] in table["rows"]  # not 3月 1 and 合计 1
    assert [b["text"] for b in data["blocks"] if b["kind"] == "subheading"] == ["（一）支部活动分类统计",
                                                                                "（二）联建活动主要指标"]
    assert not any("各月" in c["caption"] for c in report["charts"])
    quarter = build_report(dt.date(2022, 1, 1), dt.date(2022, 3, 31))
    assert quarter["statistics_table"]["columns"] == ["活动类型", "1月", "2月", "3月", "合计"]
    assert quarter["charts"][0]["caption"] == "图1 各月支部活动情况（单位：次）"


def test_records_titled_only_by_their_type_are_counted_not_listed(year):
    first, *_ = year
    for day in (8, 21):
        add("heart_talk", dt.date(2022, 3, day), first, "谈心谈话")
    add("heart_talk", dt.date(2022, 4, 5), first, "新入职党员谈心谈话")
    text = paragraphs(build_report(dt.date(2022, 3, 1), dt.date(2022, 4, 30))["chapters"][0])[0]
    # not 3月8日，开展谈心谈话；3月21日，开展谈心谈话；…
    assert text.endswith("开展谈心谈话3次。其中，4月5日，开展新入职党员谈心谈话。"), text


def test_the_same_deed_on_several_days_is_told_once_with_its_days(year):
    from models.reporting.report_text import days_phrase
    first, *_ = year
    for day in (dt.date(2022, 3, 3), dt.date(2022, 3, 20), dt.date(2022, 4, 2)):
        add("care", day, first, "关爱干部职工活动")
    add("care", dt.date(2022, 4, 9), first, "慰问困难党员")
    text = paragraphs(build_report(dt.date(2022, 3, 1), dt.date(2022, 4, 30))["chapters"][0])[0]
    assert text.endswith("其中，3月3日、20日、4月2日，开展关爱干部职工活动；4月9日，慰问困难党员。"), text
    assert days_phrase([dt.date(2023, 1, 2), dt.date(2022, 12, 30), dt.date(2022, 12, 31)], True) == (
        "2022年12月30日、31日、2023年1月2日")


def test_a_title_that_says_what_its_figure_counts_takes_the_figure_not_a_repeat(today):
    from models.records.settings import list_sections
    second = list_sections()[1]["uuid"]
    add("supervision", dt.date(2022, 6, 1), second, "新批准成立社会组织党支部",
        [("新成立党支部", "14"), ("调整联合党支部", "2")])
    add("supervision", dt.date(2022, 6, 8), second, "新任法定代表人约见谈话暨廉洁提醒", [("约见谈话", "5")])
    chapter = paragraphs(build_report(dt.date(2022, 6, 1), dt.date(2022, 6, 30))["chapters"][1])
    # not 新批准成立社会组织党支部，新成立党支部14个
    assert chapter[0].startswith("本月开展监督管理工作2次。其中，6月1日，新批准成立社会组织党支部14个，调整联合党支部2个；")
    assert "约见谈话暨廉洁提醒5人次" not in chapter[0]  # a title ending otherwise keeps its figure apart


def test_the_activities_totals_follow_them_not_a_paragraph_on_something_else(year):
    from models.records.study import save_group, save_session
    first, second, third = year
    add("supervision", dt.date(2022, 3, 1), second, "选派党建工作指导员", [("党建工作指导员", "10")])
    group = save_group({"name": "青听"})
    save_session({"group": group, "date": dt.date(2022, 4, 15), "topic": "党章学习", "section": second})
    assert paragraphs(build_report(Y1, Y2)["chapters"][1]) == [
        "全年开展监督管理工作2次。其中，3月1日，选派党建工作指导员10名；6月1日，新成立社会组织党支部审批，新成立党支部14个。",
        "“青听”学习小组开展学习1次。"]
    for day in range(1, 5):
        add("field_research", dt.date(2022, 9, day), second, f"第{day}次实地调研")
    assert paragraphs(build_report(Y1, Y2)["chapters"][1]) == [
        "全年开展实地调研4次、监督管理工作2次。", "以上工作合计新成立党支部14个、选派党建工作指导员10名。",
        "“青听”学习小组开展学习1次。"]  # not 以上工作合计 after the study group, which did none of it


def test_dates_across_a_new_year_name_the_year_only_where_it_changes(today):
    from models.reporting.report_text import join_dated
    first = list_first()
    for day, title in ((dt.date(2021, 12, 15), "甲调研"), (dt.date(2021, 12, 21), "乙调研"),
                       (dt.date(2022, 1, 10), "丙调研")):
        add("field_research", day, first, title)
    text = paragraphs(build_report(dt.date(2021, 12, 1), dt.date(2022, 1, 31))["chapters"][0])[0]
    assert text.endswith("其中，2021年12月15日，开展甲调研；12月21日，开展乙调研；2022年1月10日，开展丙调研。"), text
    assert join_dated(["2021年12月31日至2022年1月2日，开展甲", "2022年1月5日，开展乙"]) == (
        "2021年12月31日至2022年1月2日，开展甲；1月5日，开展乙")


def list_first():
    from models.records.settings import list_sections
    return list_sections()[0]["uuid"]


def test_deeds_with_figures_keep_their_own_days(today):
    from models.records.settings import list_sections
    second = list_sections()[1]["uuid"]
    for day in (9, 18):
        add("supervision", dt.date(2022, 11, day), second, "新任法定代表人公示", [("新任法定代表人公示", "2")])
    chapter = paragraphs(build_report(dt.date(2022, 11, 1), dt.date(2022, 11, 30))["chapters"][1])
    # not 11月9日、18日，公示新任法定代表人2人 (as if 2 in all)
    assert chapter[0].endswith("其中，11月9日，公示新任法定代表人2人；11月18日，公示新任法定代表人2人。"), chapter


def test_the_demo_s_other_activities_are_told_as_deeds_not_as_a_bare_place(store):
    from models.exchange.demo import fill_demo
    fill_demo(300, seed=2, today=dt.date(2026, 12, 4))
    text = report_text(build_report(dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=dt.date(2026, 12, 4)))
    months = "".join(report_text(build_report(dt.date(2026, m, 1), dt.date(2026, m, 28), today=dt.date(2026, 12, 4)))
                     for m in range(1, 12))
    assert "社区党建共建活动" in months and "其他活动：" not in text + months
    assert not any(f"围绕“{area}”" in months for area in ("上城", "富阳", "萧山", "临平", "桐庐", "下城"))


def test_a_day_just_named_is_said_as_the_same_day():
    from models.reporting.report_text import join_dated
    assert join_dated(["2月8日，开展“萧山”志愿服务", "2月8日，赴桐庐区交流学习", "2月19日，开展关爱干部职工活动"]) == (
        "2月8日，开展“萧山”志愿服务；同日，赴桐庐区交流学习；2月19日，开展关爱干部职工活动")
    assert join_dated(["2021年12月31日，开展甲", "2021年12月31日，开展乙", "2022年1月5日，开展丙"]) == (
        "2021年12月31日，开展甲；同日，开展乙；2022年1月5日，开展丙")


def test_a_span_of_days_is_a_range_with_a_dash_and_the_unit_once():
    from models.reporting.report_text import span
    assert span(dt.date(2022, 4, 5), dt.date(2022, 4, 9)) == "4月5—9日"
    assert span(dt.date(2022, 4, 28), dt.date(2022, 5, 2)) == "4月28日—5月2日"
    assert span(dt.date(2021, 12, 31), dt.date(2022, 1, 2)) == "12月31日—2022年1月2日"
    assert span(dt.date(2022, 4, 5), dt.date(2022, 4, 9), year=True) == "2022年4月5—9日"
    assert span(dt.date(2022, 4, 5), dt.date(2022, 4, 5)) == span(dt.date(2022, 4, 5), None) == "4月5日"


def test_only_a_single_day_said_again_is_同日():
    from models.reporting.report_text import join_dated
    assert join_dated(["4月5日，开展甲", "4月5日，开展乙"]) == "4月5日，开展甲；同日，开展乙"
    assert join_dated(["4月5—9日，开展甲", "4月5—9日，开展乙"]) == "4月5—9日，开展甲；4月5—9日，开展乙"
    assert join_dated(["3月3日、20日，开展甲", "3月3日、20日，开展乙"]) == "3月3日、20日，开展甲；3月3日、20日，开展乙"
