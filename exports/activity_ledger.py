"""The activities ledger (支部活动台账) as .xlsx, and the empty import template with its 说明 sheet."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports import xlsx_common as x
from models.exchange.activity_import import (
    ATTENDANCE_COLUMNS,
    ATTENDANCE_SHEET,
    CATALOGUE_COLUMNS,
    CATALOGUE_SHEET,
    COLUMNS,
    SHEET,
)
from models.exchange.ledger_roster import ROSTER_COLUMNS, ROSTER_SHEET, roster_rows
from models.exchange.ledger_rows import activity_parts, figures_text
from models.records import codes
from models.records.activities import ActivityQuery, list_activities
from models.records.settings import list_indicators, list_sections

WIDTHS = {"日期": 12, "开始时间": 9, "结束时间": 9, "活动类型": 16, "主题": 32, "地点": 18, "主持人": 9,
          "记录人": 9, "主讲人": 12, "议题": 30, "主要内容": 50, "决议": 30, "成效": 30, "列席人员": 16, "栏目": 14,
          "标签": 14, "亮点": 6, "应到": 6, "实到": 6, "指标": 32, "编号": 38}
ATTENDANCE_WIDTHS = {"日期": 12, "主题": 32, "姓名": 10, "出勤情况": 10, "原因": 30, "活动编号": 38, "党员编号": 38}
ROSTER_WIDTHS = {"姓名": 10, "性别": 6, "出生日期": 12, "公民身份号码": 21, "民族": 8, "学历": 10, "联系电话": 14,
                 "工作单位": 24, "党员类别": 10, "入党日期": 12, "转正日期": 12, "党内职务": 12, "职务": 16, "青年干部": 8,
                 "转入日期": 12, "转入自": 20, "转出日期": 12, "转往单位": 20, "备注": 30, "编号": 38}
HELP_TITLE = "说明"


def _sheets(wb):
    ledger = x.add_sheet(wb, SHEET, list(COLUMNS), [WIDTHS[h] for h in COLUMNS])
    attendance = x.add_sheet(wb, ATTENDANCE_SHEET, list(ATTENDANCE_COLUMNS),
                             [ATTENDANCE_WIDTHS[h] for h in ATTENDANCE_COLUMNS], landscape=False)
    catalogue = x.add_sheet(wb, CATALOGUE_SHEET, list(CATALOGUE_COLUMNS), [24, 8, 10], landscape=False)
    for i in list_indicators():
        x.append(catalogue, [i["name"], i["unit"], codes.FIGURE_RULES[i["rule"]]])
    roster = x.add_sheet(wb, ROSTER_SHEET, list(ROSTER_COLUMNS), [ROSTER_WIDTHS[h] for h in ROSTER_COLUMNS])
    return ledger, attendance, roster


def write_activity_ledger(path, date_from: dt.date | None, date_to: dt.date | None) -> Path:
    """Write the period's activities (sheet 支部活动台账), their attendance (sheet 出勤), the indicator catalogue
    and the roster (党员名册: every member, and those the attendance names from the recycle bin) to path."""
    wb = x.new_workbook()
    ledger, attendance, roster = _sheets(wb)
    named = set()
    query = ActivityQuery(date_from=date_from, date_to=date_to, sort="date", descending=False)  # oldest first
    for rows, found in x.paged(list_activities, query, activity_parts):
        for row in rows:
            got = found.get(row["uuid"], {"attendance": [], "figures": []})
            values = {**row, "type": codes.ACTIVITY_TYPES.get(row["type"], row["type"]),
                      "section": row["section_name"], "figures": figures_text(got["figures"]),
                      "highlight": "是" if row["highlight"] else None, **x.head_count(row)}
            x.append(ledger, [values.get(key) for key in COLUMNS.values()])
            for a in got["attendance"]:
                named.add(a["member"])
                x.append(attendance, [row["date"], row["title"], a["name"],
                                      codes.ATTENDANCE.get(a["status"], a["status"]), a["reason"], row["uuid"],
                                      a["member"]])
    for values in roster_rows(named):
        x.append(roster, values)
    return x.save(wb, path)


HELP = [
    ("日期", "必填。可填日期单元格，或文字 2022-03-05、2022/3/5、2022.3.5、2022年3月5日。"),
    ("开始时间 / 结束时间", "可空。时间单元格，或文字 9:00、14:30、9点30分。结束时间应晚于开始时间。"),
    ("活动类型", "必填。填写下列名称之一（或其代码）：" + "、".join(codes.ACTIVITY_TYPES.values()) + "。"),
    ("主题", "必填，最多 200 字。"),
    ("地点、主持人、记录人、主讲人、议题、主要内容、决议、成效、列席人员、标签", "可空，文字。"),
    ("栏目", "可空。须是“设置”中已有的栏目名称：{sections}。"),
    ("亮点", "可空。填“是”表示该活动是亮点，写入情况汇报时排在前面；留空或“否”表示不是。"),
    ("应到 / 实到", "由“出勤”表计算，导入时不读取；没有出勤记录的活动留空。"),
    ("指标", "可空。“指标名 数值单位”，多项用“；”分隔，如“新成立党支部 14个；约见谈话 3人次”；"
             "约数照写，如“参与社会组织 200余家”；说明可写在数值后的括号里。指标名须在指标目录中：{indicators}。"),
    ("指标目录表", "本程序的指标目录：指标、单位、汇总方式（累加、取最新、取最大、不汇总）。导入时，本机没有的指标按此表添加"
              "（已有的指标保持本机的单位和汇总方式）；没有此表也可导入。"),
    ("编号", "由本程序生成的记录编号，在最后一列。新记录请留空；从台账导出的行保留编号，再次导入时按编号更新原记录。"
             "编号为空时，日期、活动类型、主题都相同的已有活动视为同一条。"),
    ("出勤表：活动编号", "出勤所属活动的编号；新活动没有编号时留空，按“日期”和“主题”找到台账表中的活动。"),
    ("出勤表：姓名", "必填。须与本机党员名册中的姓名一致，或是本文件“党员名册”表中的党员。"),
    ("出勤表：党员编号", "可空。导出时填写，同名的党员靠它区分：本机有这个编号的党员时按编号找，否则按姓名找。"),
    ("出勤表：出勤情况", "必填。出席、请假或缺席；请假、缺席可在“原因”中写明原因。"),
    ("出勤表（整体）", "某项活动在出勤表中有行时，以这些行为准替换原出勤名单；没有任何行时保留原有出勤名单。"),
    ("党员名册表", "可空。台账导出时附上全部党员，使台账在另一台电脑上也能导入。导入时，本机没有的党员（按姓名）按此表添加："
               "本机还没有任何党员时直接添加，否则先询问；本机已有的党员保持本机的信息。姓名、性别、党员类别必填。"),
    ("整个文件", "导入前逐行检查；只要有一处问题，整个文件都不导入，并列出每处问题所在的行和列。"
                 "只能导入 .xlsx 文件；旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx。"),
]


def write_activity_template(path) -> Path:
    """The import template: both sheets with headers only, and a 说明 sheet on what each column takes."""
    wb = x.new_workbook()
    _sheets(wb)
    help_sheet = x.add_sheet(wb, HELP_TITLE, ["列", "填写说明"], [24, 80], landscape=False)
    names = {"sections": "、".join(s["name"] for s in list_sections()),
             "indicators": "、".join(f"{i['name']}（{i['unit']}）" for i in list_indicators())}
    for column, text in HELP:
        help_sheet.append([x.wrapped(help_sheet, column), x.wrapped(help_sheet, text.format(**names))])
    return x.save(wb, path)
