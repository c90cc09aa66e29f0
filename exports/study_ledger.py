"""The study sessions ledger (学习会台账) as .xlsx: sessions, attendance and reflections of a period."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports import xlsx_common as x
from models.exchange.ledger_rows import session_parts
from models.records import codes
from models.records.study import SessionQuery, list_sessions, reflection_count

SHEET, ATTENDANCE_SHEET, REFLECTION_SHEET = "学习会台账", "出勤", "心得体会"
# The session's 编号 (its UUID) comes last on every sheet: people read a ledger from the left.
WIDTHS = {"日期": 12, "学习小组": 18, "形式": 8, "学习主题": 30, "学习篇目": 36, "领学人": 10, "时长（分钟）": 8,
          "地点": 18, "应到": 6, "实到": 6, "出勤率": 8, "心得已交": 8, "心得应交": 8, "编号": 38}
ATTENDANCE_WIDTHS = {"日期": 12, "主题": 32, "姓名": 10, "出勤情况": 10, "原因": 30, "编号": 38}
REFLECTION_WIDTHS = {"日期": 12, "主题": 30, "姓名": 10, "心得体会": 90, "提交日期": 12, "编号": 38}


def _long_text(ws, text: str):
    """A wrapped text cell kept as text even when it starts with "=" (a reflection is never a formula)."""
    out = x.wrapped(ws, text)
    out.data_type = "s"
    return out


def write_study_ledger(path, date_from: dt.date | None, date_to: dt.date | None) -> Path:
    """Write the period's study sessions (学习会台账), their attendance (出勤) and reflections (心得体会) to path."""
    wb = x.new_workbook()
    ledger = x.add_sheet(wb, SHEET, list(WIDTHS), list(WIDTHS.values()))
    attendance = x.add_sheet(wb, ATTENDANCE_SHEET, list(ATTENDANCE_WIDTHS), list(ATTENDANCE_WIDTHS.values()),
                             landscape=False)
    reflections = x.add_sheet(wb, REFLECTION_SHEET, list(REFLECTION_WIDTHS), list(REFLECTION_WIDTHS.values()))
    query = SessionQuery(date_from=date_from, date_to=date_to, sort="date", descending=False)  # oldest first
    for rows, found in x.paged(list_sessions, query, session_parts):
        for row in rows:
            got = found.get(row["uuid"], {"materials": "", "place": "", "attendance": [], "reflections": []})
            counted = x.head_count(row)  # without any attendance recorded: blanks, not 0/0, here and for 心得
            submitted, expected = reflection_count(got) if row["expected"] else (None, None)
            ledger.append([x.cell(ledger, value) for value in (
                row["date"], row["group_name"], codes.SESSION_KINDS.get(row["kind"], row["kind"]), row["topic"],
                got["materials"], row["lead_speaker"], row["duration_minutes"], got["place"], counted["expected"],
                counted["present"])] + [x.rate(ledger, row["present"], row["expected"]), submitted, expected,
                                        row["uuid"]])
            for a in got["attendance"]:
                x.append(attendance, [row["date"], row["topic"], a["name"],
                                      codes.ATTENDANCE.get(a["status"], a["status"]), a["reason"], row["uuid"]])
            for r in got["reflections"]:
                reflections.append([x.cell(reflections, row["date"]), x.cell(reflections, row["topic"]),
                                    x.cell(reflections, r["name"]), _long_text(reflections, r["text"]),
                                    x.cell(reflections, r["submitted_on"]), row["uuid"]])
    return x.save(wb, path)
