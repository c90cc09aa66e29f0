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
    assert chapter[1].startswith("开展第四届“社会组织伙伴日”系列活动1场（3月）。"), chapter
    assert sum(p.startswith("全年") for p in chapter) == 1


def test_only_the_period_word_is_dropped_and_other_months_kept():
    assert period_said_once(["今年以来召开支委会3次。", "今年1—11月应交党费1万元。", "今年以来，联合市教育局开展…。",
                             "今年以来发展党员1名。"], "今年以来") == [
        "今年以来召开支委会3次。", "今年1—11月应交党费1万元。", "联合市教育局开展…。", "发展党员1名。"]
    assert period_said_once(["5月8日，开展社区志愿服务。", "本月开展志愿服务1次。"], "本月") == [
        "5月8日，开展社区志愿服务。", "本月开展志愿服务1次。"]
