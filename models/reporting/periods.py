"""Calendar periods people pick: this month, this quarter, half-year, year, or any range."""
from __future__ import annotations

import datetime as dt

from models.records.dates import month_end

PERIODS = {"all": "全部日期", "month": "本月", "quarter": "本季度", "half": "本半年", "year": "本年",
           "last_year": "上一年", "custom": "自定义…"}


def period_range(kind: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the period containing today (None, None for all dates)."""
    y, m = today.year, today.month
    if kind == "month":
        return dt.date(y, m, 1), month_end(y, m)
    if kind == "quarter":
        first = (m - 1) // 3 * 3 + 1
        return dt.date(y, first, 1), month_end(y, first + 2)
    if kind == "half":
        first = 1 if m <= 6 else 7
        return dt.date(y, first, 1), month_end(y, first + 5)
    if kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if kind == "last_year":
        return dt.date(y - 1, 1, 1), dt.date(y - 1, 12, 31)
    return None, None
