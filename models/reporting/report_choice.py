"""The report period a person picks (year, half, quarter, month or a range), remembered for next time."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.records.dates import month_end
from models.records.settings import get_setting, set_setting

PERIOD_KINDS = {"year": "年度", "half": "半年", "quarter": "季度", "month": "月度", "custom": "自定义"}


@dataclass
class ReportChoice:
    kind: str = "year"
    year: int = 0
    part: int = 0            # half 1–2, quarter 1–4, month 1–12
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def range(self) -> tuple[dt.date | None, dt.date | None]:
        y = self.year or dt.date.today().year
        if self.kind == "year":
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if self.kind == "half":
            first = 1 if self.part != 2 else 7
            return dt.date(y, first, 1), month_end(y, first + 5)
        if self.kind == "quarter":
            first = 3 * max(1, min(4, self.part or 1)) - 2
            return dt.date(y, first, 1), month_end(y, first + 2)
        if self.kind == "month":
            m = max(1, min(12, self.part or 1))
            return dt.date(y, m, 1), month_end(y, m)
        return self.date_from, self.date_to


def last_choice(today: dt.date | None = None) -> ReportChoice:
    """The period used last time, or this year (so far) for a first report."""
    today = today or dt.date.today()
    saved = get_setting("report_period") or {}
    try:
        return ReportChoice(saved["kind"], int(saved["year"]), int(saved.get("part", 0)),
                            dt.date.fromisoformat(saved["from"]) if saved.get("from") else None,
                            dt.date.fromisoformat(saved["to"]) if saved.get("to") else None)
    except (KeyError, TypeError, ValueError):
        return ReportChoice("year", today.year, 0, dt.date(today.year, 1, 1), today)


def remember_choice(choice: ReportChoice) -> None:
    set_setting("report_period", {"kind": choice.kind, "year": choice.year, "part": choice.part,
                                  "from": choice.date_from.isoformat() if choice.date_from else "",
                                  "to": choice.date_to.isoformat() if choice.date_to else ""})
