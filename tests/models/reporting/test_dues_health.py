"""Party dues in the report and on the data-health list: months unpaid flagged at three, 党章 article 9 at six."""
import datetime as dt

import pytest

from models.records import common as records, dues
from models.records.members import save_member
from models.reporting.dues_report import dues_sentence, dues_shortfall
from models.reporting.health import find_problems
from models.reporting.report_data import build_report

TODAY = dt.date(2025, 1, 20)


@pytest.fixture
def today(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    return TODAY


def member(name, **extra):
    uuid = save_member({"name": name, "gender": "male", "party_status": "full", "join_date": "2000-01-01", **extra})
    dues.save_base(uuid, 2024, {"category": "employed", "income": "8000"})  # 120元 a month
    return uuid


def pay(uuid, months, year=2024):
    for m in months:
        dues.record_payment(uuid, year, m, {"paid_on": dt.date(year, m, 5)})


def unpaid_rows() -> dict[str, str]:
    found = {g["code"]: g for g in find_problems()}
    return {r["title"]: r["problem"] for r in found.get("dues_unpaid", {"rows": []})["rows"]}


def test_three_months_unpaid_are_flagged_and_six_name_the_rule(today):
    pay(member("两个月"), range(1, 11))      # November and December unpaid: not yet
    pay(member("三个月"), range(1, 10))      # October to December
    pay(member("六个月"), range(1, 7))       # July to December
    pay(member("中间断过"), [1, 2, 6, 7, 8, 9, 10, 11, 12])  # March to May, then paid again
    left = member("转出了", left_on="2024-04-01", left_to="区局")   # owes January–March only
    rows = unpaid_rows()
    assert set(rows) == {"三个月", "六个月", "中间断过", "转出了"}
    assert rows["三个月"] == "2024年10月至12月连续3个月未交党费"
    assert rows["中间断过"] == "2024年3月至5月连续3个月未交党费"
    assert rows["六个月"].startswith("2024年7月至12月连续6个月未交党费：按党章第九条")
    assert "党章" not in rows["三个月"]
    pay(left, [2])
    assert "转出了" not in unpaid_rows()


def test_a_year_without_dues_kept_flags_nobody(today):
    save_member({"name": "未核定", "gender": "male", "party_status": "full"})
    assert unpaid_rows() == {}


def test_the_line_says_the_period_as_the_report_does_and_is_left_out_without_dues(today):
    uuid = member("甲")
    pay(uuid, range(1, 13))
    dues.copy_bases(2025)
    assert dues_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY, "全年") == (
        "全年应交党费1440元，实交1440元，收缴率100%。")
    # 2025 so far: January is under way on the 20th, so no month is owed yet and the line is left out
    assert dues_sentence(dt.date(2025, 1, 1), dt.date(2025, 12, 31), TODAY, "今年以来") == ""
    report = build_report(dt.date(2025, 1, 1), dt.date(2025, 12, 31), today=TODAY)
    assert not any("党费" in b.get("text", "") for c in report["chapters"] for b in c["blocks"])
    assert dues_sentence(dt.date(2023, 1, 1), dt.date(2023, 12, 31), TODAY, "全年") == ""
    quiet = build_report(dt.date(2023, 1, 1), dt.date(2023, 12, 31), today=TODAY)
    assert not any("党费" in b.get("text", "") for c in quiet["chapters"] for b in c["blocks"])


def test_large_sums_are_said_in_wan_as_the_report_says_money(today):
    for name in "甲乙丙丁戊己庚辛":
        pay(member(name), range(1, 13))  # 8 × 1440元 = 11520元
    assert dues_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY, "全年") == (
        "全年应交党费1.15万元，实交1.15万元，收缴率100%。")


def test_the_month_under_way_is_not_owed_and_the_line_says_the_months_it_covers(today):
    """A report made on 4 December: December is under way, so the year's line covers January–November and
    nobody who will pay December this month lowers the rate."""
    early = dt.date(2024, 12, 4)
    for name in "甲乙":
        pay(member(name), range(1, 12))
    assert dues_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), early, "今年以来") == (
        "今年1—11月应交党费2640元，实交2640元，收缴率100%。")
    report = build_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=early)
    assert "今年1—11月应交党费2640元，实交2640元，收缴率100%。" in [b["text"] for b in report["chapters"][0]["blocks"]]
    assert not any("党费" in gap for gap in report["gaps"])  # nobody is behind
    # a quarter under way says its months; a finished one its word
    assert dues_sentence(dt.date(2024, 10, 1), dt.date(2024, 12, 31), early, "本季度") == (
        "10—11月应交党费480元，实交480元，收缴率100%。")
    assert dues_sentence(dt.date(2024, 7, 1), dt.date(2024, 9, 30), early, "本季度") == (
        "本季度应交党费720元，实交720元，收缴率100%。")


def test_the_rate_is_what_the_printed_amounts_give_and_arrears_are_a_shortfall(today):
    """乙 pays 240元 for January and nothing after June: the line says the 120元 paid above the amount due, so its
    printed amounts give its rate, and the six months unpaid are said in 存在的不足 without a name."""
    a, b = member("甲"), member("乙")
    pay(a, range(1, 13))
    dues.record_payment(b, 2024, 1, {"paid_on": dt.date(2024, 1, 5), "amount": "240"})
    pay(b, range(2, 7))
    # 应交 2880, 实交 1440 + 240 + 600 = 2280 with 120 above due: (2280 − 120) / 2880 = 75%
    assert dues_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY, "全年") == (
        "全年应交党费2880元，实交2280元（含多交120元），收缴率75%。")
    report = build_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=TODAY)
    shortfall = report["chapters"][-1]
    assert shortfall["heading"].endswith("存在的不足") and "全年有1名党员欠交党费6个月" in report["gaps"]
    text = shortfall["blocks"][0]["text"]  # (no meetings were recorded either: those gaps come first)
    assert text.startswith("对照“三会一课”等组织生活制度和党费收缴有关规定，本期存在以下不足：")
    assert text.endswith("；全年有1名党员欠交党费6个月。") and "乙" not in text
    pay(b, range(7, 13))  # everyone's every month paid, one of them with more: 100%, never 104.1%
    assert dues_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY, "全年") == (
        "全年应交党费2880元，实交3000元（含多交120元），收缴率100%。")
    report = build_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=TODAY)
    assert not any("党费" in gap for gap in report["gaps"]) and "党费" not in report["chapters"][-1]["blocks"][0]["text"]


def test_a_month_unpaid_is_said_once_per_member_not_as_a_count_of_months(today):
    """Over one month every member behind owes that one month: 本月有2名党员未交党费, not 共欠交2个月."""
    a, b, c = member("甲"), member("乙"), member("丙")
    pay(a, range(1, 13))
    pay(b, range(1, 7))
    pay(c, range(1, 6))
    assert dues_shortfall(dt.date(2024, 7, 1), dt.date(2024, 7, 31), TODAY, "本月") == "本月有2名党员未交党费"
    assert dues_shortfall(dt.date(2024, 6, 1), dt.date(2024, 6, 30), TODAY, "本月") == "本月有1名党员未交党费"
    assert dues_shortfall(dt.date(2024, 5, 1), dt.date(2024, 5, 31), TODAY, "本月") == ""
    assert dues_shortfall(dt.date(2024, 4, 1), dt.date(2024, 6, 30), TODAY, "本季度") == "本季度有1名党员欠交党费1个月"
    assert dues_shortfall(dt.date(2024, 7, 1), dt.date(2024, 9, 30), TODAY, "本季度") == (
        "本季度有2名党员欠交党费，共欠交6个月")


def test_the_dues_line_follows_the_chapters_meetings_and_comes_before_its_study_group(today):
    """As the office's report tells its organisational work (锻造坚强堡垒) before the study group (搭建成长平台)."""
    from models.records.activities import save_activity
    from models.records.settings import list_sections
    from models.records.study import save_group, save_session
    first = list_sections()[0]["uuid"]
    pay(member("甲"), range(1, 13))
    save_activity({"type": "member_meeting", "title": "支部党员大会", "date": "2024-03-05", "section": first})
    group = save_group({"name": "青听"})
    save_session({"group": group, "date": dt.date(2024, 4, 15), "topic": "党章学习", "section": first})
    texts = [b["text"] for b in build_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=TODAY)
             ["chapters"][0]["blocks"]]
    assert [t[:6] for t in texts] == ["全年召开支部", "应交党费14", "“青听”学习"], texts  # the period named once
