"""New members on paper: the 发展党员工作台账 .xlsx read back, and the report's line read back from the PDF."""
import datetime as dt

import openpyxl
import pytest
from pdf_helpers import page_texts

from exports.development_ledger import SHEET, STEP_SHEET, write_development_ledger
from exports.report import write_report
from models.records import common as records, development as dev, development_steps as steps
from models.records.activities import save_activity
from models.records.members import save_member
from models.reporting.report_data import build_report

TODAY = dt.date(2025, 1, 20)


@pytest.fixture
def path_of_two(store, monkeypatch):
    """张 made a full member in 2024 after a year of probation, by meetings the ledger names; 李 only applied."""
    monkeypatch.setattr(records, "today", lambda: TODAY)
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    a, b = save_member({"name": "甲", **full}), save_member({"name": "乙", **full})
    zhang = dev.save_applicant({"name": "张", "gender": "male", "birth_date": "1996-02-03", "applied_on": "2021-03-01",
                                "workplace": "市社会组织服务中心", "post": "科员", "phone": "13800000000"})
    committee = save_activity({"type": "committee_meeting", "title": "支委会：确定发展对象", "date": "2022-03-15"})
    meeting = save_activity({"type": "member_meeting", "title": "支部党员大会：接收预备党员", "date": "2023-01-10"})
    for kind, data in (("talk", {"date": "2021-03-05", "people": [a]}),
                       ("activist", {"date": "2021-03-10", "people": [a, b]}),
                       ("candidate", {"meeting": committee, "people": [a, b]}),
                       ("training", {"date": "2022-05-09", "days": 3, "hours": 24}),
                       ("probationary", {"meeting": meeting}),
                       ("full", {"date": "2024-01-12"})):
        steps.record_step(zhang, kind, data)
    li = dev.save_applicant({"name": "李", "gender": "female", "birth_date": "2000-01-01", "applied_on": "2025-01-06"})
    return {"张": zhang, "李": li}


def test_the_ledger_reads_back_person_by_person_and_step_by_step(path_of_two, tmp_path):
    wb = openpyxl.load_workbook(write_development_ledger(tmp_path / "发展党员.xlsx", today=TODAY))
    assert wb.sheetnames == [SHEET, STEP_SHEET]
    rows = list(wb[SHEET].iter_rows(values_only=True))
    at = {h: i for i, h in enumerate(rows[0])}
    by_name = {r[0]: r for r in rows[1:]}
    zhang, li = by_name["张"], by_name["李"]
    assert (zhang[at["性别"]], zhang[at["工作单位"]], zhang[at["申请日期"]]) == ("男", "市社会组织服务中心",
                                                                             dt.datetime(2021, 3, 1))
    assert zhang[at["培养联系人"]] == "甲、乙" and zhang[at["入党介绍人"]] == "甲、乙" and zhang[at["谈话人"]] == "甲"
    assert zhang[at["列为发展对象日期"]] == dt.datetime(2022, 3, 15)  # the meeting's date
    assert zhang[at["集中培训"]] == "2022-05-09起 3天、24学时"
    assert zhang[at["接收预备党员日期"]] == dt.datetime(2023, 1, 10)
    assert zhang[at["转正日期"]] == zhang[at["预备期满"]] == dt.datetime(2024, 1, 10)
    assert (zhang[at["当前阶段"]], zhang[at["下一步"]], zhang[at["编号"]]) == ("正式党员", None, path_of_two["张"])
    assert (li[at["当前阶段"]], li[at["下一步"]], li[at["办理日期"]]) == ("入党申请人", "入党谈话", dt.datetime(2025, 2, 6))
    details = list(wb[STEP_SHEET].iter_rows(values_only=True))[1:]
    assert [r[1] for r in details] == ["入党谈话", "确定为入党积极分子", "列为发展对象", "集中培训", "接收为预备党员",
                                       "转为正式党员"]
    assert details[2][3] == "支委会：确定发展对象" and details[4][3] == "支部党员大会：接收预备党员"
    assert details[3][5:7] == (3, 24)


def test_a_period_ledger_holds_those_with_a_date_in_it(path_of_two, tmp_path):
    wb = openpyxl.load_workbook(write_development_ledger(tmp_path / "a.xlsx", dt.date(2025, 1, 1),
                                                         dt.date(2025, 12, 31), today=TODAY))
    assert [r[0] for r in wb[SHEET].iter_rows(values_only=True)] == ["姓名", "李"]
    wb = openpyxl.load_workbook(write_development_ledger(tmp_path / "b.xlsx", dt.date(2024, 1, 1),
                                                         dt.date(2024, 12, 31), today=TODAY))
    assert [r[0] for r in wb[SHEET].iter_rows(values_only=True)] == ["姓名", "张"]


def test_the_report_says_who_was_admitted_and_made_full_members(path_of_two, tmp_path):
    report = build_report(dt.date(2023, 1, 1), dt.date(2023, 12, 31), today=TODAY)
    first = [b["text"] for b in report["chapters"][0]["blocks"] if b["kind"] == "para"]
    assert "全年发展党员1名。" in first
    pdf = write_report(tmp_path / "2024.pdf", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert "全年按期转正1名。" in "".join(page_texts(pdf))


def test_one_person_is_counted_in_the_same_year_by_the_report_and_the_ledger(store, monkeypatch, tmp_path):
    """王 is admitted on 2024-12-20, so probation ends 2025-12-20 (细则第三十二条), and the 支部党员大会 on 转正 meets on
    2026-01-10: both the report and the ledger put the 转正 in 2025, the year of the roster's 转正日期."""
    monkeypatch.setattr(records, "today", lambda: dt.date(2026, 6, 30))
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    a, b = save_member({"name": "甲", **full}), save_member({"name": "乙", **full})
    wang = dev.save_applicant({"name": "王", "gender": "male", "birth_date": "1996-02-03", "applied_on": "2021-03-01"})
    for kind, data in (("talk", {"date": "2021-03-05", "people": [a]}),
                       ("activist", {"date": "2021-03-10", "people": [a]}),
                       ("candidate", {"date": "2022-03-15", "people": [a, b]}),
                       ("training", {"date": "2022-05-09", "days": 3}),
                       ("probationary", {"date": "2024-12-20"}),
                       ("full", {"date": "2026-01-10"})):
        steps.record_step(wang, kind, data)

    def ledger_full(year):
        path = write_development_ledger(tmp_path / f"{year}.xlsx", dt.date(year, 1, 1), dt.date(year, 12, 31))
        rows = list(openpyxl.load_workbook(path)[SHEET].iter_rows(values_only=True))
        at = rows[0].index("转正日期")
        return [r[0] for r in rows[1:] if r[at] and r[at].year == year]

    def report_lines(year):
        report = build_report(dt.date(year, 1, 1), dt.date(year, 12, 31), today=dt.date(2026, 6, 30))
        return [b["text"] for b in report["chapters"][0]["blocks"] if "转正" in b.get("text", "")]
    assert ledger_full(2025) == ["王"] and report_lines(2025) == ["全年按期转正1名。"]
    assert ledger_full(2026) == [] and report_lines(2026) == []
    assert ledger_full(2024) == [] and report_lines(2024) == []
