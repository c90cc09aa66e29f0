"""Calendar facts every record kind uses: the last day of a month, a date as the office writes it."""
from __future__ import annotations

import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day so many months on (the month's last day when it has no such day: 1月31日 + 1个月 = 2月28/29日)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return min(day.replace(year=year, month=month + 1, day=1) + dt.timedelta(days=day.day - 1),
               month_end(year, month + 1))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day so many years on (or back); 29 February becomes the 28th in a common year."""
    return add_months(day, 12 * years)


def as_date(value) -> dt.date | None:
    """A date read from the store: a date already, or its ISO text (as some backends give a MIN or a bare column)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def chinese_date(day: dt.date) -> str:
    """2022年9月30日: full Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"
