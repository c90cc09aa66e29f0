"""The study sessions ledger .xlsx read back: three sheets, real dates, rates, reflections, the period filter."""
import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from exports import xlsx_common
from exports.study_ledger import write_study_ledger
from models.records.members import save_member
from models.records.study import delete_session, members_on, save_group, save_session

ROOT = Path(__file__).resolve().parents[2]
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
HEADERS = ["日期", "学习小组", "形式", "学习主题", "学习篇目", "领学人", "时长（分钟）", "地点", "应到", "实到", "出勤率",
           "心得已交", "心得应交", "编号"]


@pytest.fixture
def ledger(store):
    a, b, c, d = (save_member({"name": n, "gender": "male", "party_status": "full"})
                  for n in ("青年甲", "青年乙", "青年丙", "青年丁"))
    group = save_group({"name": "“青听”学习小组", "leader": a, "founded_on": "2023-01-01",
                        "members": [{"member": m, "joined_on": "2023-01-01"} for m in (a, b, c, d)]})

    def session(day, topic, marks=(), reflections=(), **extra):
        rows = members_on(group, day)
        for row in rows:
            row["status"], row["reason"] = dict(marks).get(row["name"], ("present", ""))
        return save_session({"group": group, "date": day, "topic": topic, "attendance": rows,
                             "reflections": list(reflections), **extra})

    first = session(dt.date(2024, 3, 5), "学习党的二十大报告",
                    marks={"青年乙": ("leave", "出差"), "青年丙": ("absent", "病假")},
                    reflections=[{"member": a, "text": "=很有收获\n要学以致用", "submitted_on": "2024-03-08"}],
                    materials="《党的二十大报告》", lead_speaker="青年甲", duration_minutes=90, place="三楼会议室")
    second = session(dt.date(2024, 2, 1), "青年座谈", kind="exchange",
                     reflections=[{"member": m, "text": "体会"} for m in (a, b, c)])
    session(dt.date(2023, 12, 20), "去年的学习")
    delete_session(session(dt.date(2024, 4, 1), "已删除的学习"))
    return {"first": first, "second": second}


def read(path):
    return openpyxl.load_workbook(path)


def rows_of(ws):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_sessions_sheet_rows_and_real_dates(ledger, tmp_path):
    wb = read(write_study_ledger(tmp_path / "学习会.xlsx", *YEAR))
    assert wb.sheetnames == ["学习会台账", "出勤", "心得体会"]
    ws = wb["学习会台账"]
    assert [c.value for c in ws[1]] == HEADERS
    rows = [dict(zip(HEADERS, r)) for r in rows_of(ws)]
    assert [r["编号"] for r in rows] == [ledger["second"], ledger["first"]]  # oldest first, only 2024, only live
    first = rows[1]
    assert ws["A3"].value == dt.datetime(2024, 3, 5) and ws["A3"].number_format == "yyyy-mm-dd"
    assert (first["学习小组"], first["形式"], first["学习主题"], first["学习篇目"], first["领学人"]) == (
        "“青听”学习小组", "学习会", "学习党的二十大报告", "《党的二十大报告》", "青年甲")
    assert (first["时长（分钟）"], first["地点"], first["应到"], first["实到"]) == (90, "三楼会议室", 4, 2)
    assert first["出勤率"] == 0.5 and ws["K3"].number_format == "0.0%"
    assert (first["心得已交"], first["心得应交"]) == (1, 2)
    assert rows[0]["形式"] == "交流会" and rows[0]["出勤率"] == 1 and (rows[0]["心得已交"], rows[0]["心得应交"]) == (3, 4)
    assert rows[0]["时长（分钟）"] is None and rows[0]["地点"] is None


def test_attendance_sheet_has_every_member_with_reasons(ledger, tmp_path):
    ws = read(write_study_ledger(tmp_path / "学习会.xlsx", *YEAR))["出勤"]
    assert [c.value for c in ws[1]] == ["日期", "主题", "姓名", "出勤情况", "原因", "编号"]
    rows = rows_of(ws)
    assert len(rows) == 8
    day = dt.datetime(2024, 3, 5)
    assert [day, "学习党的二十大报告", "青年乙", "请假", "出差", ledger["first"]] in rows
    assert [day, "学习党的二十大报告", "青年丙", "缺席", "病假", ledger["first"]] in rows
    assert [day, "学习党的二十大报告", "青年甲", "出席", None, ledger["first"]] in rows
    assert ws["A2"].number_format == "yyyy-mm-dd"


def test_reflections_sheet_keeps_the_text_as_typed(ledger, tmp_path):
    ws = read(write_study_ledger(tmp_path / "学习会.xlsx", *YEAR))["心得体会"]
    assert [c.value for c in ws[1]] == ["日期", "主题", "姓名", "心得体会", "提交日期", "编号"]
    rows = rows_of(ws)
    assert len(rows) == 4
    assert rows[-1] == [dt.datetime(2024, 3, 5), "学习党的二十大报告", "青年甲", "=很有收获\n要学以致用",
                        dt.datetime(2024, 3, 8), ledger["first"]]
    assert ws.cell(len(rows) + 1, 4).data_type == "s"  # a text starting with "=" is not a formula
    assert ws.cell(len(rows) + 1, 4).alignment.wrap_text
    assert ws.cell(len(rows) + 1, 5).number_format == "yyyy-mm-dd"
    assert rows[0][4] is None  # not dated when handed in


def test_no_sheet_starts_with_the_record_number(ledger, tmp_path):
    wb = read(write_study_ledger(tmp_path / "学习会.xlsx", *YEAR))
    for ws in wb.worksheets:
        assert [c.value for c in ws[1]][-1] == "编号"
        assert {r[-1] for r in rows_of(ws)} == {ledger["first"], ledger["second"]}
        assert not {r[0] for r in rows_of(ws)} & {ledger["first"], ledger["second"]}


def test_counts_are_blank_for_a_session_without_recorded_attendance(ledger, tmp_path):
    group = save_group({"name": "另一个小组"})
    save_session({"group": group, "date": "2024-06-01", "topic": "没有出勤记录", "attendance": []})
    ws = read(write_study_ledger(tmp_path / "学习会.xlsx", dt.date(2024, 6, 1), dt.date(2024, 6, 1)))["学习会台账"]
    [row] = [dict(zip(HEADERS, r)) for r in rows_of(ws)]
    assert row["学习主题"] == "没有出勤记录"
    assert [row[h] for h in ("应到", "实到", "出勤率", "心得已交", "心得应交")] == [None] * 5


def test_header_frozen_printed_and_landscape(ledger, tmp_path):
    wb = read(write_study_ledger(tmp_path / "学习会.xlsx", None, None))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
        assert ws.page_setup.paperSize == 9 and ws["A1"].font.b
    assert wb["学习会台账"].page_setup.orientation == "landscape"
    assert wb["学习会台账"].column_dimensions[xlsx_common.column_letter(len(HEADERS))].width >= 36  # 编号, last
    assert wb["学习会台账"].max_row == 4  # without a period: every live session


def test_period_filter_and_empty_period(ledger, tmp_path):
    wb = read(write_study_ledger(tmp_path / "a.xlsx", dt.date(2024, 3, 1), dt.date(2024, 3, 31)))
    assert [r[-1] for r in rows_of(wb["学习会台账"])] == [ledger["first"]]
    assert {r[-1] for r in rows_of(wb["出勤"])} == {ledger["first"]}
    wb = read(write_study_ledger(tmp_path / "b.xlsx", dt.date(2030, 1, 1), dt.date(2030, 12, 31)))
    assert [ws.max_row for ws in wb.worksheets] == [1, 1, 1]


def test_many_sessions_are_read_a_page_at_a_time(ledger, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_common, "PAGE", 1)
    wb = read(write_study_ledger(tmp_path / "a.xlsx", None, None))
    assert wb["学习会台账"].max_row == 4 and wb["出勤"].max_row == 1 + 12 and wb["心得体会"].max_row == 1 + 4


def test_openpyxl_is_not_loaded_at_start_up():
    code = "import sys, exports.study_ledger, exports.outreach_ledger, exports.session_pdf; " \
           "print('openpyxl' in sys.modules, 'reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
