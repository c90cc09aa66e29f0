"""The activities ledger .xlsx read back: headers, real dates, frozen and printed header, attendance, template."""
import datetime as dt
import subprocess
import sys
import uuid
from pathlib import Path

import openpyxl
import pytest

from exports import xlsx_common
from exports.activity_ledger import write_activity_ledger, write_activity_template
from models.exchange.activity_import import ATTENDANCE_COLUMNS, COLUMNS
from models.records.activities import delete_activity, members_for, save_activity
from models.records.members import save_member
from models.records.schema import Activity, Member
from models.records.settings import list_indicators, list_sections

ROOT = Path(__file__).resolve().parents[2]


def indicator(name):
    return next(i["uuid"] for i in list_indicators() if i["name"] == name)


@pytest.fixture
def ledger(store):
    for name in ("张三", "李四", "王五"):
        save_member({"name": name, "gender": "male", "party_status": "full"})
    attendance = members_for(dt.date(2024, 3, 1))
    attendance[0]["status"], attendance[0]["reason"] = "leave", "出差"
    first = save_activity({
        "type": "supervision", "title": "新成立社会组织党支部审批", "date": "2024-03-01", "start_time": "9:00",
        "end_time": "10:30", "place": "三楼会议室", "host": "王五", "section": list_sections()[1]["uuid"],
        "attendance": attendance, "content": "审批新成立党支部。\n约见谈话。", "tags": "审批", "highlight": True,
        "outcomes": "新建党支部14个", "figures": [{"indicator": indicator("新成立党支部"), "value": "14"},
                                              {"indicator": indicator("约见谈话"), "value": "3"},
                                              {"indicator": indicator("覆盖社会组织"), "value": "200余"}]})
    second = save_activity({"type": "party_lecture", "title": "=专题党课", "date": "2024-02-10",
                            "attendance": members_for(dt.date(2024, 2, 10))})
    save_activity({"type": "theme_day", "title": "去年的主题党日", "date": "2023-12-20"})
    delete_activity(save_activity({"type": "theme_day", "title": "已删除", "date": "2024-02-11"}))
    return {"first": first, "second": second}


def read(path):
    return openpyxl.load_workbook(path)


def test_ledger_rows_headers_and_real_dates(ledger, tmp_path):
    path = write_activity_ledger(tmp_path / "台账.xlsx", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    wb = read(path)
    assert wb.sheetnames == ["支部活动台账", "出勤", "指标目录", "党员名册"]
    ws = wb["支部活动台账"]
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.max_row == 3  # the header, then this year's two live activities, oldest first
    rows = [{h: c.value for h, c in zip(COLUMNS, row)} for row in ws.iter_rows(min_row=2)]
    assert [r["编号"] for r in rows] == [ledger["second"], ledger["first"]]
    first = rows[1]
    assert ws["A3"].value == dt.datetime(2024, 3, 1) and ws["A3"].number_format == "yyyy-mm-dd"
    assert ws["B3"].value == dt.time(9, 0) and ws["C3"].value == dt.time(10, 30)
    assert (first["活动类型"], first["栏目"], first["应到"], first["实到"]) == ("监督管理工作", "强化改革创新", 3, 2)
    assert (first["亮点"], first["成效"], rows[0]["亮点"]) == ("是", "新建党支部14个", None)
    assert first["指标"] == "新成立党支部 14个；覆盖社会组织 200余家；约见谈话 3人次"  # an approximation as entered
    assert first["主要内容"] == "审批新成立党支部。\n约见谈话。"
    # Text that looks like a formula stays text, so it reads back as typed.
    assert ws["E2"].value == "=专题党课" and ws["E2"].data_type == "s"


def test_no_sheet_starts_with_the_record_number(ledger, tmp_path):
    """People read a ledger from the left: the UUID is the last column of every sheet, never the first."""
    wb = read(write_activity_ledger(tmp_path / "台账.xlsx", None, None))
    assert [c.value for c in wb["指标目录"][1]] == ["指标", "单位", "汇总方式"]       # no record numbers there
    for ws in wb.worksheets[:2]:
        headers = [c.value for c in ws[1]]
        assert headers[-1] in ("编号", "党员编号") and "编号" not in headers[0]
        at = headers.index("编号" if "编号" in headers else "活动编号")
        assert {row[at].value for row in ws.iter_rows(min_row=2)} <= {a.uuid for a in Activity.select()}
        assert all(not _is_uuid(row[0].value) for row in ws.iter_rows(min_row=2))


def _is_uuid(value) -> bool:
    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False


def test_head_count_is_blank_without_recorded_attendance(ledger, tmp_path):
    save_activity({"type": "other", "title": "没有出勤记录", "date": "2024-04-01"})
    ws = read(write_activity_ledger(tmp_path / "台账.xlsx", dt.date(2024, 4, 1), dt.date(2024, 4, 1)))["支部活动台账"]
    [row] = [{h: c.value for h, c in zip(COLUMNS, row)} for row in ws.iter_rows(min_row=2)]
    assert (row["主题"], row["应到"], row["实到"]) == ("没有出勤记录", None, None)


def test_header_frozen_printed_and_page_set_up(ledger, tmp_path):
    wb = read(write_activity_ledger(tmp_path / "台账.xlsx", None, None))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.paperSize == 9
        assert ws["A1"].font.b
    ws = wb["支部活动台账"]
    assert ws.page_setup.orientation == "landscape"
    letter = {h: xlsx_common.column_letter(i) for i, h in enumerate(COLUMNS, 1)}
    assert ws.column_dimensions[letter["编号"]].width >= 36  # a whole UUID fits
    assert ws.column_dimensions[letter["主要内容"]].width > ws.column_dimensions[letter["主持人"]].width


def test_attendance_sheet_one_row_per_entry(ledger, tmp_path):
    wb = read(write_activity_ledger(tmp_path / "台账.xlsx", dt.date(2024, 1, 1), None))
    ws = wb["出勤"]
    assert [c.value for c in ws[1]] == list(ATTENDANCE_COLUMNS)
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 6
    number = {m.name: m.uuid for m in Member.select()}  # 党员编号: namesakes stay apart
    assert [dt.datetime(2024, 3, 1), "新成立社会组织党支部审批", "张三", "请假", "出差", ledger["first"],
            number["张三"]] in rows
    assert [dt.datetime(2024, 3, 1), "新成立社会组织党支部审批", "李四", "出席", None, ledger["first"],
            number["李四"]] in rows
    assert ws.cell(2, 1).number_format == "yyyy-mm-dd"


def test_written_in_one_step_without_leftovers(ledger, tmp_path):
    target = tmp_path / "out" / "台账.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    write_activity_ledger(target, None, None)
    assert [p.name for p in target.parent.iterdir()] == ["台账.xlsx"]
    assert read(target)["支部活动台账"].max_row == 4


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")

    class Broken:
        def save(self, name):
            Path(name).write_bytes(b"half")
            raise OSError("disk full")

    with pytest.raises(OSError):
        xlsx_common.save(Broken(), target)
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_an_empty_period_still_has_headers(ledger, tmp_path):
    wb = read(write_activity_ledger(tmp_path / "空.xlsx", dt.date(2030, 1, 1), dt.date(2030, 12, 31)))
    assert [ws.max_row for ws in wb.worksheets[:2]] == [1, 1]


def test_template_headers_and_help(store, tmp_path):
    wb = read(write_activity_template(tmp_path / "模板.xlsx"))
    assert wb.sheetnames == ["支部活动台账", "出勤", "指标目录", "党员名册", "说明"]
    rules = {row[0].value: row[2].value for row in wb["指标目录"].iter_rows(min_row=2)}
    assert rules["参与社会组织"] == "不汇总" and rules["捐赠资金"] == "累加" and rules["安置就业"] == "取最新"
    assert [c.value for c in wb["支部活动台账"][1]] == list(COLUMNS)
    assert [c.value for c in wb["出勤"][1]] == list(ATTENDANCE_COLUMNS)
    assert wb["支部活动台账"].max_row == 1 and wb["出勤"].max_row == 1
    help_text = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row)
    for words in ("新记录请留空", "最后一列", "200余家", "亮点", "2022年3月5日", "2022/3/5", "2022.3.5", "支部党员大会", ".xls", "强化聚力融合",
                  "约见谈话（人次）"):
        assert words in help_text


def test_openpyxl_is_not_loaded_at_start_up():
    code = "import sys, exports.activity_ledger, exports.activity_import; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
