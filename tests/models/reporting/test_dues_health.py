"""Party dues in the report and on the data-health list: months unpaid flagged at three, 党章 article 9 at six."""
import datetime as dt

import pytest

from models.records import common as records, dues
from models.records.members import save_member
from models.reporting.dues_report import dues_sentence
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
    # 2025 so far: January has begun (unpaid), the rest of the year has not
    assert dues_sentence(dt.date(2025, 1, 1), dt.date(2025, 12, 31), TODAY, "今年以来") == (
        "今年以来应交党费120元，实交0元，收缴率0%。")
    report = build_report(dt.date(2025, 1, 1), dt.date(2025, 12, 31), today=TODAY)
    assert "今年以来应交党费120元，实交0元，收缴率0%。" in [b["text"] for b in report["chapters"][0]["blocks"]]
    assert dues_sentence(dt.date(2023, 1, 1), dt.date(2023, 12, 31), TODAY, "全年") == ""
    quiet = build_report(dt.date(2023, 1, 1), dt.date(2023, 12, 31), today=TODAY)
    assert not any("党费" in b.get("text", "") for c in quiet["chapters"] for b in c["blocks"])


def test_large_sums_are_said_in_wan_as_the_report_says_money(today):
    for name in "甲乙丙丁戊己庚辛":
        pay(member(name), range(1, 13))  # 8 × 1440元 = 11520元
    assert dues_sentence(dt.date(2024, 1, 1), dt.date(2024, 12, 31), TODAY, "全年") == (
        "全年应交党费1.15万元，实交1.15万元，收缴率100%。")
