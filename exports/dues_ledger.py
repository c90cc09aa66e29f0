"""The party dues ledger (党费收缴台账) of a year as .xlsx: each member's base and months, payments, monthly totals."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports import xlsx_common as x
from models.records import dues_rules as rules
from models.records.dates import month_end
from models.records.dues_accounts import member_years

SHEET, PAYMENT_SHEET, MONTH_SHEET = "党费收缴台账", "缴费明细", "月度汇总"
MONTHS = [f"{m}月" for m in range(1, 13)]
# A month's cell holds what was paid (a number), 未交 when owed and unpaid, and stays blank when nothing was owed.
# The member's 编号 (UUID) comes last: people read a ledger from the left.
WIDTHS = {"姓名": 10, "类别": 10, "月收入（元）": 12, "比例": 10, "月应交（元）": 11, **{m: 8 for m in MONTHS},
          "应交合计（元）": 12, "实交合计（元）": 12, "欠交（元）": 10, "欠交月数": 8, "备注": 20, "编号": 38}
PAYMENT_WIDTHS = {"姓名": 10, "月份": 8, "应交（元）": 10, "实交（元）": 10, "交纳日期": 12, "备注": 24, "编号": 38}
MONTH_WIDTHS = {"月份": 8, "应交人数": 8, "已交人数": 8, "应交（元）": 12, "实交（元）": 12, "其中多交（元）": 12,
                "收缴率": 10}
UNPAID = "未交"


def write_dues_ledger(path, year: int, today: dt.date | None = None) -> Path:
    """Write the year's dues ledger to path: 党费收缴台账 (a row per member, a column per month, the totals),
    缴费明细 (a row per payment) and 月度汇总 (a row per month). Unpaid means owed for a month that is over; a month
    under way has no 收缴率 yet."""
    today = today or dt.date.today()
    wb = x.new_workbook()
    ledger = x.add_sheet(wb, SHEET, list(WIDTHS), list(WIDTHS.values()))
    payments = x.add_sheet(wb, PAYMENT_SHEET, list(PAYMENT_WIDTHS), list(PAYMENT_WIDTHS.values()), landscape=False)
    months = x.add_sheet(wb, MONTH_SHEET, list(MONTH_WIDTHS), list(MONTH_WIDTHS.values()), landscape=False)
    per_month = {m: [0, 0, 0, 0, 0] for m in range(1, 13)}  # owed, paid (people); due, paid, above due (fen)
    totals = [0, 0, 0]
    for y in member_years(year):
        if y.base is None:
            continue
        b, owed = y.base, y.months
        due, paid = y.due_each * len(owed), sum(p.amount_fen for p in y.paid.values())
        unpaid = y.unpaid(today)
        cells = [x.exact(ledger, y.paid[m].amount_fen) if m in y.paid else UNPAID if m in unpaid else None
                 for m in range(1, 13)]
        ledger.append([x.cell(ledger, y.name), rules.CATEGORIES.get(b.category, b.category),
                       x.exact(ledger, b.income_fen), rules.rate_text(b.category, b.income_fen),
                       x.exact(ledger, b.due_fen), *cells, x.exact(ledger, due), x.exact(ledger, paid),
                       x.exact(ledger, y.due_each * len(unpaid)), len(unpaid), x.cell(ledger, b.note), y.member])
        totals = [totals[0] + due, totals[1] + paid, totals[2] + y.due_each * len(unpaid)]
        for m in owed:
            p = y.paid.get(m)
            row = per_month[m]
            row[0] += 1
            row[2] += y.due_each
            if p:
                row[1] += 1
                row[3] += p.amount_fen
                row[4] += max(0, p.amount_fen - y.due_each)
                payments.append([x.cell(payments, y.name), f"{m}月", x.exact(payments, y.due_each),
                                 x.exact(payments, p.amount_fen), p.paid_on, x.cell(payments, p.note), y.member])
    ledger.append(["合计", None, None, None, None, *[x.exact(ledger, per_month[m][3]) for m in range(1, 13)],
                   *[x.exact(ledger, t) for t in totals], None, None, None])
    for m in range(1, 13):
        # 收缴率 as the report says it (models.reporting.dues_report.dues_sentence): (实交 − 多交) ÷ 应交, once the
        # month is over
        owed, paid, due, got, extra = per_month[m]
        over = month_end(year, m) < today
        months.append([f"{m}月", owed, paid, x.exact(months, due), x.exact(months, got), x.exact(months, extra),
                       x.rate(months, got - extra, due) if over else None])
    return x.save(wb, path)
