"""The new members ledger (发展党员工作台账) as .xlsx: each person's path, one row a person, and every step with its
meeting and the members who took part."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports import xlsx_common as x
from models.records import codes, common as records, development_rules as rules
from models.records.development import pipeline

SHEET, STEP_SHEET = "发展党员工作台账", "步骤明细"
# The person's 编号 (UUID) comes last: people read a ledger from the left.
WIDTHS = {"姓名": 10, "性别": 6, "出生日期": 12, "工作单位": 22, "职务": 12, "联系电话": 14, "申请日期": 12,
          "谈话日期": 12, "谈话人": 14, "确定积极分子日期": 12, "培养联系人": 14, "列为发展对象日期": 12,
          "入党介绍人": 14, "集中培训": 20, "接收预备党员日期": 12, "预备期满": 12, "延长预备期": 10, "转正日期": 12,
          "当前阶段": 10, "下一步": 16, "办理日期": 12, "编号": 38}
STEP_WIDTHS = {"姓名": 10, "步骤": 16, "日期": 12, "决定会议": 34, "相关人员": 18, "培训天数": 8, "培训学时": 8,
               "延长月数": 8, "说明": 24, "编号": 38}


def _in_period(row: dict, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    """A person belongs to a period's ledger when their application, any step or their 转正日期 (the end of probation,
    on which the report counts them: development_report.period_counts) is dated within it."""
    days = [row["applied_on"]] + [s["date"] for s in row["steps"].values()]
    days += [row["probation_end"]] if "full" in row["steps"] else []
    return any((date_from is None or d >= date_from) and (date_to is None or d <= date_to) for d in days)


def _training(step: dict | None) -> str:
    if step is None:
        return ""
    parts = [f"{step['days']}天" if step["days"] else "", f"{step['hours']}学时" if step["hours"] else ""]
    return f"{step['date'].isoformat()}起 " + "、".join(p for p in parts if p)


def write_development_ledger(path, date_from: dt.date | None = None, date_to: dt.date | None = None,
                             today: dt.date | None = None) -> Path:
    """Write the people on the path (everyone, or those with a date in the period) and their steps to path."""
    today = today or records.today()
    wb = x.new_workbook()
    ledger = x.add_sheet(wb, SHEET, list(WIDTHS), list(WIDTHS.values()))
    details = x.add_sheet(wb, STEP_SHEET, list(STEP_WIDTHS), list(STEP_WIDTHS.values()))
    for row in pipeline(today):
        if not _in_period(row, date_from, date_to):
            continue
        steps, nxt = row["steps"], row["next"]

        def day(kind):
            return steps[kind]["date"] if kind in steps else None

        def names(kind):
            return "、".join(steps[kind]["names"]) if kind in steps else ""
        extend = steps.get("extend")
        x.append(ledger, [row["name"], codes.GENDERS.get(row["gender"], row["gender"]), row["birth_date"],
                          row["workplace"], row["post"], row["phone"], row["applied_on"], day("talk"), names("talk"),
                          day("activist"), names("activist"), day("candidate"), names("candidate"),
                          _training(steps.get("training")), day("probationary"), row["probation_end"],
                          f"{extend['months']}个月" if extend else "", row["probation_end"] if "full" in steps else None,
                          row["stage_label"], nxt["label"] if nxt else "",
                          (nxt["due"] or nxt["earliest"]) if nxt else None, row["uuid"]])
        for kind in (k for k in rules.STEPS if k in steps):
            step = steps[kind]
            meeting = f"{step['meeting_title']}" if step["meeting"] else ""
            x.append(details, [row["name"], step["label"], step["date"], meeting, "、".join(step["names"]),
                               step["days"], step["hours"], step["months"], step["note"], row["uuid"]])
    return x.save(wb, path)
