"""Calendar facts every record kind uses: the last day of a month, a date as the office writes it."""
from __future__ import annotations

import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def as_date(value) -> dt.date | None:
    """A date read from the store: a date already, or its ISO text (as some backends give a MIN or a bare column)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def chinese_date(day: dt.date) -> str:
    """2022年9月30日: full Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"
