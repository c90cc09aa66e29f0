"""The report's sentences on party dues: what was due over the period, what was paid, the share collected, and
the months left unpaid (存在的不足)."""
from __future__ import annotations

import datetime as dt

from models.records.dates import month_end
from models.records.dues_accounts import member_years
from models.reporting.numbers import percent, with_unit
from models.reporting.report_text import month_span


def counted_months(date_from: dt.date, date_to: dt.date, today: dt.date) -> list[tuple[int, int]]:
    """The months a period's dues are reckoned over: those wholly in the period and over by today. A month is paid
    within the month (《关于中国共产党党费收缴、使用和管理的规定》: 按月交纳), so the month under way is not yet owed
    — the same rule as arrears (MemberYear.unpaid) — and a report made on 4 December covers January–November."""
    out, year, month = [], date_from.year, date_from.month
    while dt.date(year, month, 1) <= date_to:
        end = month_end(year, month)
        if dt.date(year, month, 1) >= date_from and end <= date_to and end < today:
            out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def period_dues(date_from: dt.date, date_to: dt.date, today: dt.date) -> dict:
    """Dues over the counted months: {months [(year, month)], due_fen, paid_fen (what was paid for them, more than
    due included), extra_fen (what was paid above a month's amount due), owed (member-months), unpaid (member-months
    with nothing paid), behind (members with one)}."""
    months = counted_months(date_from, date_to, today)
    out = {"months": months, "due_fen": 0, "paid_fen": 0, "extra_fen": 0, "owed": 0, "unpaid": 0, "behind": 0}
    for year in sorted({y for y, _ in months}):
        wanted = {m for y, m in months if y == year}
        for y in member_years(year):
            owed = [m for m in y.months if m in wanted]
            unpaid = [m for m in owed if m not in y.paid]
            out["due_fen"] += y.due_each * len(owed)
            paid = [y.paid[m].amount_fen for m in owed if m in y.paid]
            out["paid_fen"] += sum(paid)
            out["extra_fen"] += sum(max(0, p - y.due_each) for p in paid)
            out["owed"] += len(owed)
            out["unpaid"] += len(unpaid)
            out["behind"] += bool(unpaid)
    return out


def _label(months: list[tuple[int, int]], date_from: dt.date, date_to: dt.date, when: str) -> str:
    """The period's word (全年, 上半年…) when every month of it is counted, else the months: 今年1—11月, 10—11月."""
    first, last = dt.date(*months[0], 1), dt.date(*months[-1], 1)
    if first == date_from and month_end(last.year, last.month) == date_to:
        return when
    text = month_span([first, last])
    if date_from.year != date_to.year and first.year == last.year:
        text = f"{first.year}年{text}"
    return f"今年{text}" if when == "今年以来" else text


def dues_sentence(date_from: dt.date, date_to: dt.date, today: dt.date, when: str) -> str:
    """全年应交党费1.44万元，实交1.4万元（含多交200元），收缴率95.8%。 — '' when no dues were owed over the counted months.

    收缴率 is the share of the dues owed that was paid: each month counts up to its amount due, since paying more is
    welcome (规定: 自愿多交不限) but does not pay another member's month, and it reads 100% only when every month owed
    was paid in full (cut, not rounded). So that the printed amounts give it — (实交 − 多交) ÷ 应交 — what was paid
    above the amounts due is said beside 实交."""
    totals = period_dues(date_from, date_to, today)
    if not totals["due_fen"]:
        return ""
    due, paid, extra = totals["due_fen"], totals["paid_fen"], totals["extra_fen"]
    rate = (paid - extra) * 1000 // due / 1000
    more = f"（含多交{with_unit(extra, '元')}）" if extra else ""
    return (f"{_label(totals['months'], date_from, date_to, when)}应交党费{with_unit(due, '元')}，"
            f"实交{with_unit(paid, '元')}{more}，收缴率{percent(rate)}。")


def dues_shortfall(date_from: dt.date, date_to: dt.date, today: dt.date, when: str) -> str:
    """今年1—11月有2名党员欠交党费，共欠交5个月; 本月有2名党员未交党费 (over one month, each owes that one) —
    nobody named; '' when every month owed was paid."""
    totals = period_dues(date_from, date_to, today)
    if not totals["unpaid"]:
        return ""
    label = _label(totals["months"], date_from, date_to, when)
    if len(totals["months"]) == 1:
        return f"{label}有{totals['behind']}名党员未交党费"
    if totals["behind"] == 1:
        return f"{label}有1名党员欠交党费{totals['unpaid']}个月"
    return f"{label}有{totals['behind']}名党员欠交党费，共欠交{totals['unpaid']}个月"
