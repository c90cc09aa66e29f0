"""Party dues on paper: the 党费收缴台账 .xlsx read back, and the report's dues line read back from the PDF."""
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from pdf_helpers import page_texts

from exports.dues_ledger import MONTHS, PAYMENT_SHEET, SHEET, write_dues_ledger
from exports.report import write_report
from models.records import common as records, dues
from models.records.members import save_member
from models.records.settings import list_sections
from models.reporting.report_data import build_report

TODAY = dt.date(2025, 1, 20)


@pytest.fixture
def year(store, monkeypatch):
    """2024: 甲 from March (40元 a month, paid each month), 乙 until June (60元, paid January with 100元),
    丙 all year (0.2元, never paid), 丁 with no base set."""
    monkeypatch.setattr(records, "today", lambda: TODAY)
    person = {"gender": "male", "party_status": "full"}
    a = save_member({"name": "甲", "join_date": "2024-03-20", **person})
    b = save_member({"name": "乙", "join_date": "2010-01-01", "left_on": "2024-07-01", "left_to": "区局", **person})
    c = save_member({"name": "丙", "join_date": "2000-01-01", **person})
    save_member({"name": "丁", **person})
    dues.save_base(a, 2024, {"category": "employed", "income": "4000"})
    dues.save_base(b, 2024, {"category": "retired", "income": "6000", "note": "退休"})
    dues.save_base(c, 2024, {"category": "student"})
    for month in range(3, 13):
        dues.record_payment(a, 2024, month, {"paid_on": f"2024-{month:02d}-05"})
    dues.record_payment(b, 2024, 1, {"paid_on": "2024-01-08", "amount": "100"})
    return {"甲": a, "乙": b, "丙": c}


def money(value) -> Decimal:
    return Decimal(str(value))  # openpyxl gives money cells back as int or float


def test_the_ledger_reads_back_member_by_member_and_month_by_month(year, tmp_path):
    path = write_dues_ledger(tmp_path / "党费.xlsx", 2024, today=TODAY)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET, PAYMENT_SHEET, "月度汇总"]
    rows = list(wb[SHEET].iter_rows(values_only=True))
    header = list(rows[0])
    at = {h: i for i, h in enumerate(header)}
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {"甲", "乙", "丙", "合计"}  # 丁 has no base: nothing owed, nothing listed
    a, b, c, total = by_name["甲"], by_name["乙"], by_name["丙"], by_name["合计"]
    assert (a[at["类别"]], money(a[at["月收入（元）"]]), a[at["比例"]], money(a[at["月应交（元）"]])) == (
        "在职", Decimal("4000"), "1%", Decimal("40"))
    assert a[at["1月"]] is None and a[at["2月"]] is None and money(a[at["3月"]]) == 40
    assert money(a[at["应交合计（元）"]]) == 400 and a[at["欠交月数"]] == 0
    assert money(b[at["1月"]]) == 100 and b[at["2月"]] == "未交" and b[at["7月"]] is None
    assert (money(b[at["应交合计（元）"]]), money(b[at["实交合计（元）"]]), money(b[at["欠交（元）"]])) == (
        Decimal("360"), Decimal("100"), Decimal("300"))
    assert b[at["备注"]] == "退休" and b[at["编号"]] == year["乙"]
    assert [c[at[m]] for m in MONTHS] == ["未交"] * 12 and money(c[at["月应交（元）"]]) == Decimal("0.2")
    assert c[at["欠交月数"]] == 12 and money(c[at["欠交（元）"]]) == Decimal("2.4")
    assert money(total[at["应交合计（元）"]]) == Decimal("762.4") and money(total[at["实交合计（元）"]]) == 500
    payments = list(wb[PAYMENT_SHEET].iter_rows(values_only=True))[1:]
    assert len(payments) == 11
    assert payments[0][:5] == ("乙", "1月", 60, 100, dt.datetime(2024, 1, 8))  # by name, then month
    assert [p[1] for p in payments[1:]] == MONTHS[2:] and {p[0] for p in payments[1:]} == {"甲"}
    months = {r[0]: r for r in list(wb["月度汇总"].iter_rows(values_only=True))[1:]}
    assert months["1月"][1:3] == (2, 1) and money(months["1月"][3]) == Decimal("60.2")
    assert months["3月"][5] == 0 and round(months["3月"][6], 4) == round(40 / 100.2, 4)
    # 收缴率 is (实交 − 多交) ÷ 应交 of its row, as the report says it: 乙 paid 100元 for a 60元 month
    assert money(months["1月"][4]) == Decimal("100") and money(months["1月"][5]) == 40
    assert round(months["1月"][6], 4) == round(60 / 60.2, 4)


def test_a_month_under_way_has_no_rate_yet_in_the_ledger(year, tmp_path):
    dues.copy_bases(2025)
    dues.record_payment(year["甲"], 2025, 1, {"paid_on": "2025-01-10"})
    wb = openpyxl.load_workbook(write_dues_ledger(tmp_path / "党费.xlsx", 2025, today=TODAY))
    months = {r[0]: r for r in list(wb["月度汇总"].iter_rows(values_only=True))[1:]}
    assert months["1月"][1:3] == (2, 1) and months["1月"][6] is None  # 20 January: the month is not over


def test_the_ledger_of_a_year_without_dues_is_only_its_headers(store, tmp_path):
    wb = openpyxl.load_workbook(write_dues_ledger(tmp_path / "空.xlsx", 2030))
    assert [r[0] for r in wb[SHEET].iter_rows(values_only=True)] == ["姓名", "合计"]


def test_the_report_says_what_was_due_paid_and_collected(year, tmp_path):
    report = build_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31), today=TODAY)
    first = report["chapters"][0]
    assert first["section"] == list_sections()[0]["uuid"]
    texts = [b["text"] for b in first["blocks"] if b["kind"] == "para"]
    # 收缴率 is (实交 − 多交) ÷ 应交 of the printed amounts: 乙 paid 100元 for a 60元 month, 460 / 762.4 = 60.33…%, cut
    assert "全年应交党费762.4元，实交500元（含多交40元），收缴率60.3%。" in texts
    # the months left unpaid (乙 February–June, 丙 all year) are said once, in 存在的不足, nobody named
    assert report["chapters"][-1]["heading"].endswith("存在的不足")
    assert not any("党费" in b.get("text", "") for chapter in report["chapters"][1:-1] for b in chapter["blocks"])
    assert "全年有2名党员欠交党费，共欠交17个月" in report["gaps"]
    pdf = "".join(page_texts(write_report(tmp_path / "汇报.pdf", dt.date(2024, 1, 1), dt.date(2024, 12, 31))))
    assert "全年应交党费762.4元，实交500元（含多交40元），收缴率60.3%。" in pdf
    assert "党费收缴" in pdf and "全年有2名党员欠交党费，共欠交17个月" in pdf and "乙" not in pdf.split("存在的不足")[1]
