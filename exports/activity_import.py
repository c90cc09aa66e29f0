"""Reading an activities workbook (ledger or template) into plain rows for the all-or-nothing import."""
from __future__ import annotations

import datetime as dt
import logging

from exports import xlsx_common as x
from models.exchange.activity_import import (
    ATTENDANCE_SHEET,
    CATALOGUE_SHEET,
    ROW,
    SHEET,
    ImportProblems,
    import_activities,
)
from models.exchange.ledger_roster import ROSTER_DATES, ROSTER_SHEET

# Columns whose cells pass through as dates and times; every other cell is handed over as text.
DATE_LIKE = {"日期", "开始时间", "结束时间"} | ROSTER_DATES


def _plain(header: str, value):
    if header in DATE_LIKE and isinstance(value, (dt.date, dt.time)):
        return value
    return x.cell_text(value)


def read_activity_file(path) -> tuple[list[dict], list[dict], dict[str, set[str]], list[dict], list[dict]]:
    """(activity rows, attendance rows, headers per sheet, 指标目录 rows, 党员名册 rows) from the workbook, or
    ImportProblems."""
    try:
        wb = x.open_workbook(path)
    except x.NotXlsx as e:
        raise ImportProblems([("", 0, "", str(e))]) from e
    try:
        found = {x.header_text(name): name for name in wb.sheetnames}
        rows, columns = {SHEET: [], ATTENDANCE_SHEET: [], CATALOGUE_SHEET: [], ROSTER_SHEET: []}, {}
        for sheet in rows:
            if sheet not in found:
                continue
            headers, read = x.read_sheet(wb[found[sheet]])
            columns[sheet] = set(headers)
            rows[sheet] = [{ROW: number, **{h: _plain(h, value) for h, value in cells.items()}}
                           for number, cells in read]
    except Exception as e:  # a damaged sheet inside a valid zip fails in many ways while streaming
        logging.getLogger("branch_ledger").warning("无法读取工作簿 %s：%r", path, e)
        raise ImportProblems([("", 0, "", "文件内容无法读取，文件可能已损坏。请在 Excel 中打开并另存为 .xlsx 后再导入。")]) from e
    finally:
        wb.close()
    columns.pop(CATALOGUE_SHEET, None)
    return rows[SHEET], rows[ATTENDANCE_SHEET], columns, rows[CATALOGUE_SHEET], rows[ROSTER_SHEET]


def import_activity_file(path, progress=None, new_members: bool | None = None) -> dict:
    """Import an activities workbook: {"added", "updated", "unchanged"} (and "indicators", "members" when it added
    some), or ImportProblems with nothing saved; NewMembers when its 党员名册 names members this store lacks and
    new_members does not say whether to add them (see import_activities). progress(done, total) may raise to
    cancel; the store is then left as it was."""
    rows, attendance_rows, columns, catalogue, roster = read_activity_file(path)
    return import_activities(rows, attendance_rows, columns, progress, catalogue, roster, new_members)
