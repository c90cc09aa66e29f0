"""The 社会组织党建覆盖台账 as .xlsx for a period: the figures at its start and end, every organisation with its party
organisation and instructor and the party organisations with the organisations they cover (both at the period's end,
so they add up to its figures), and the period's changes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports import xlsx_common as x
from models.records import codes, common as records
from models.records.party_orgs import list_party_orgs
from models.records.schema import Organisation
from models.reporting.coverage_report import changes_in, coverage_figures, points, standing_on

SUMMARY, ORGS, PARTIES, CHANGES = "覆盖情况", "社会组织党建台账", "党组织", "变更记录"
SUMMARY_WIDTHS = {"指标": 34, "期初": 12, "期末": 12, "变化": 12}
ORG_WIDTHS = {"名称": 30, "统一社会信用代码": 22, "类型": 18, "登记日期": 12, "党组织情况": 12, "所属党组织": 30,
              "纳入日期": 12, "党建工作指导员": 14, "是否覆盖": 10, "编号": 38}
PARTY_WIDTHS = {"名称": 30, "类型": 12, "成立日期": 12, "撤销日期": 12, "期末覆盖社会组织（家）": 12,
                "覆盖的社会组织（纳入—移出日期）": 60, "编号": 38}
CHANGE_WIDTHS = {"日期": 12, "社会组织": 30, "事项": 50}


def _left(member: dict, day: dt.date) -> dt.date | None:
    """The day an organisation left a party organisation, if by day (a later leaving is not the period's)."""
    return member["date_to"] if member["date_to"] and member["date_to"] <= day else None


def _span(member: dict, day: dt.date) -> str:
    left = _left(member, day)
    return f"{member['name']}（{member['date_from'].isoformat()}—{left.isoformat() if left else ''}）"


def write_coverage_ledger(path, date_from: dt.date | None = None, date_to: dt.date | None = None) -> Path:
    """Write the period's ledger (without dates: this year so far; without a start: from 1 January of the end's
    year) to path."""
    date_to = date_to or records.today()
    date_from = date_from or dt.date(date_to.year, 1, 1)
    if date_from > date_to:
        from models.records.validation import ValidationError
        raise ValidationError({"date_from": "起始日期不能晚于截止日期"})
    f = coverage_figures(date_from, date_to)
    wb = x.new_workbook()
    summary = x.add_sheet(wb, SUMMARY, list(SUMMARY_WIDTHS), list(SUMMARY_WIDTHS.values()), landscape=False)
    start, end = f["start"], f["end"]
    x.append(summary, [f"期间：{date_from.isoformat()} 至 {date_to.isoformat()}", None, None, None])
    for key, text in (("active", "在册社会组织（家）"), ("party", "已建立党组织（家）"),
                      ("instructor", "有党建工作指导员（家）"), ("covered", "已覆盖（党组织或指导员，家）")):
        x.append(summary, [text, start[key], end[key], end[key] - start[key]])
    change = (None if start["rate"] is None or end["rate"] is None  # in points, as the page and the report say it
              else f"{points(start['rate'], end['rate']):+g}个百分点")
    summary.append([x.cell(summary, "覆盖率"), x.rate(summary, start["covered"], start["active"]),
                    x.rate(summary, end["covered"], end["active"]), x.cell(summary, change)])
    joint = f["new_joint"]
    for text, value in (("本期新成立党支部（个）", f["new_branches"]), ("其中独立党支部（个）", f["new_independent"]),
                        ("其中联合党支部（个）", len(joint)),
                        ("新成立联合党支部覆盖社会组织（家）", sum(j["organisations"] for j in joint)),
                        ("本期调整联合党支部（个）", len(f["adjusted_joint"])),
                        ("本期新覆盖社会组织（家）", f["newly_covered"]),
                        ("本期选派党建工作指导员（名）", f["instructors"])):
        x.append(summary, [text, None, value, None])

    # as at the period's end, not today: a past year's ledger lists what its 期末 column counts
    orgs = x.add_sheet(wb, ORGS, list(ORG_WIDTHS), list(ORG_WIDTHS.values()))
    standing = standing_on(date_to)
    registered = Organisation.registered_on.is_null() | (Organisation.registered_on <= date_to)
    for o in Organisation.select().where(Organisation.deleted_at.is_null(), registered).order_by(Organisation.name):
        party, since, names = standing[o.id]["party"], standing[o.id]["since"], standing[o.id]["instructors"]
        x.append(orgs, [o.name, o.credit_code, codes.ORG_KINDS.get(o.kind, o.kind), o.registered_on,
                        codes.PARTY_ORGS[party.kind if party else "none"], party.name if party else "", since,
                        "、".join(names), "是" if o.id in end["covered_ids"] else "否", o.uuid])

    sheet = x.add_sheet(wb, PARTIES, list(PARTY_WIDTHS), list(PARTY_WIDTHS.values()))
    for p in list_party_orgs():
        if p["set_up_on"] > date_to:
            continue
        members = [m for m in p["members"] if m["date_from"] <= date_to]
        spans = "；".join(_span(m, date_to) for m in members)
        ended = p["ended_on"] if p["ended_on"] and p["ended_on"] <= date_to else None
        sheet.append([x.cell(sheet, v) for v in (p["name"], p["kind_label"], p["set_up_on"], ended,
                                                 sum(_left(m, date_to) is None for m in members))]
                     + [x.wrapped(sheet, spans), p["uuid"]])

    log = x.add_sheet(wb, CHANGES, list(CHANGE_WIDTHS), list(CHANGE_WIDTHS.values()), landscape=False)
    for row in changes_in(date_from, date_to):
        x.append(log, [row["day"], row["organisation"], row["what"]])
    return x.save(wb, path)

