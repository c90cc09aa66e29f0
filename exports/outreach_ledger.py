"""The outreach events ledger (联建活动台账) as .xlsx: events, participating organisations, figure totals."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from exports import xlsx_common as x
from models.exchange.ledger_rows import event_parts
from models.records import codes
from models.records.outreach import EventQuery, figure_totals, list_events
from models.reporting.numbers import plain, with_unit

SHEET, ORGANISATION_SHEET, TOTALS_SHEET = "联建活动台账", "参与组织", "指标合计"
# The event's 编号 (its UUID) comes last: people read a ledger from the left.
WIDTHS = {"开始日期": 12, "结束日期": 12, "活动名称": 30, "系列": 20, "类别": 10, "地点": 18, "帮扶地区": 12,
          "联合主办单位": 20, "参与组织数": 8, "指标": 36, "活动情况": 50, "成效": 30, "汇报栏目": 14, "编号": 38}
ORGANISATION_WIDTHS = {"活动名称": 30, "组织名称": 30, "统一社会信用代码": 22, "角色": 8, "捐赠资金（元）": 16,
                       "物资价值（元）": 16, "提供岗位": 8, "说明": 30, "活动编号": 38}
TOTALS_WIDTHS = {"指标": 18, "合计": 20, "单位": 8, "合计（含单位）": 22, "活动数": 8}


def figures_text(figures: list[dict]) -> str:
    """"参与社会组织 200余家；捐赠资金 340万元": an approximation as entered, a note in brackets after its value."""
    return "；".join(f"{f['name']} {with_unit(f['value_centi'], f['unit'], f['as_entered'])}"
                    + (f"（{f['note']}）" if f["note"] else "") for f in figures)


def exact_text(value_centi: int, unit: str) -> str:
    """The whole value with its unit in plain digits, nothing rounded away: 3400000.10元, 12400单."""
    if unit == "元":
        return f"{Decimal(value_centi) / 100:.2f}元"
    return f"{plain(value_centi)}{unit}"


def write_outreach_ledger(path, date_from: dt.date | None, date_to: dt.date | None) -> Path:
    """Write the period's outreach events (联建活动台账), their organisations (参与组织) and the totals
    of their figures (指标合计) to path."""
    wb = x.new_workbook()
    ledger = x.add_sheet(wb, SHEET, list(WIDTHS), list(WIDTHS.values()))
    organisations = x.add_sheet(wb, ORGANISATION_SHEET, list(ORGANISATION_WIDTHS),
                                list(ORGANISATION_WIDTHS.values()))
    totals = x.add_sheet(wb, TOTALS_SHEET, list(TOTALS_WIDTHS), list(TOTALS_WIDTHS.values()), landscape=False)
    query = EventQuery(date_from=date_from, date_to=date_to, sort="start_date", descending=False)  # oldest first
    for rows, found in x.paged(list_events, query, event_parts):
        for row in rows:
            got = found[row["uuid"]]
            x.append(ledger, [row["start_date"], row["end_date"], row["title"], row["series"],
                              codes.OUTREACH_KINDS.get(row["kind"], row["kind"]), row["place"], row["region"],
                              row["co_organisers"], row["organisations"], figures_text(got["figures"]),
                              row["description"], row["outcomes"], row["section_name"], row["uuid"]])
            for p in got["participations"]:
                organisations.append([x.cell(organisations, value) for value in (
                    row["title"], p["name"], p["credit_code"], codes.ROLES.get(p["role"], p["role"]))]
                    + [x.exact(organisations, p["money_fen"]), x.exact(organisations, p["in_kind_fen"]), p["jobs"],
                       x.cell(organisations, p["note"]), row["uuid"]])
    for t in figure_totals(EventQuery(date_from=date_from, date_to=date_to)):
        money = t["unit"] == "元"
        totals.append([x.cell(totals, t["name"]), x.exact(totals, t["value_centi"], money), x.cell(totals, t["unit"]),
                       exact_text(t["value_centi"], t["unit"]), t["events"]])
    return x.save(wb, path)
