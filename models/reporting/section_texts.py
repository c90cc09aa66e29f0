"""Report periods by name and key (2022, 2022-H1, 2022-Q3, 2022-03, ranges) and the saved lead paragraphs."""
from __future__ import annotations

import datetime as dt
import re

from models.records import common as records, validation as v
from models.records.dates import chinese_date, month_end
from models.records.schema import ReportSection, SectionText
from models.store import utcnow

QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
TEXT_LIMIT = 20_000
_KEY = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$")


def period_kind(date_from: dt.date, date_to: dt.date) -> str:
    """year, half, quarter, month, or custom for any other range."""
    if date_from.day != 1 or date_to != month_end(date_to.year, date_to.month) or date_from.year != date_to.year:
        return "custom"
    first, last = date_from.month, date_to.month
    span = last - first + 1
    if span == 12:
        return "year"
    if span == 6 and first in (1, 7):
        return "half"
    if span == 3 and first % 3 == 1:
        return "quarter"
    return "month" if span == 1 else "custom"


def period_key(date_from: dt.date, date_to: dt.date) -> str:
    """The key lead paragraphs are saved under: 2022, 2022-H1, 2022-Q3, 2022-03 or 2022-01-01~2022-09-30."""
    kind, y, m = period_kind(date_from, date_to), date_from.year, date_from.month
    return {"year": f"{y}", "half": f"{y}-H{1 if m == 1 else 2}", "quarter": f"{y}-Q{(m - 1) // 3 + 1}",
            "month": f"{y}-{m:02d}"}.get(kind, f"{date_from.isoformat()}~{date_to.isoformat()}")


def period_label(date_from: dt.date, date_to: dt.date) -> str:
    """2022年, 2022年上半年, 2022年第三季度, 2022年3月; whole months as a range (2022年1—9月, 2021年10月—2022年9月);
    else the days (2022年3月5日至9月30日)."""
    kind, y, m = period_kind(date_from, date_to), date_from.year, date_from.month
    if kind == "year":
        return f"{y}年"
    if kind == "half":
        return f"{y}年{'上' if m == 1 else '下'}半年"
    if kind == "quarter":
        return f"{y}年{QUARTER_NAMES[(m - 1) // 3]}"
    if kind == "month":
        return f"{y}年{m}月"
    if date_from == date_to:
        return chinese_date(date_from)
    if date_from.day == 1 and date_to == month_end(date_to.year, date_to.month):
        if date_from.year == date_to.year:
            return f"{y}年{m}—{date_to.month}月"
        if date_from.month == 1 and date_to.month == 12:
            return f"{y}—{date_to.year}年"
        return f"{y}年{m}月—{date_to.year}年{date_to.month}月"
    if date_from.year == date_to.year:
        return f"{chinese_date(date_from)}至{date_to.month}月{date_to.day}日"
    return f"{chinese_date(date_from)}至{chinese_date(date_to)}"


def parse_key(key: str) -> tuple[str, dt.date, dt.date] | None:
    """(kind, first day, last day) of a saved key, or None for a key this program does not know."""
    if "~" in key:
        try:
            first, last = (dt.date.fromisoformat(part) for part in key.split("~", 1))
        except ValueError:
            return None
        return ("custom", first, last) if first <= last else None
    found = _parse_calendar_key(key)
    if found is None:
        return None
    kind, first = found
    months = {"year": 12, "half": 6, "quarter": 3, "month": 1}[kind]
    return kind, first, month_end(first.year, first.month + months - 1)


def _parse_calendar_key(key: str) -> tuple[str, dt.date] | None:
    match = _KEY.match(key)
    if not match:
        return None
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        return "year", dt.date(year, 1, 1)
    if part[0] == "H":
        return "half", dt.date(year, 1 if part == "H1" else 7, 1)
    if part[0] == "Q":
        return "quarter", dt.date(year, 3 * int(part[1]) - 2, 1)
    return ("month", dt.date(year, int(part), 1)) if 1 <= int(part) <= 12 else None


def _texts(section_uuid: str) -> dict[str, str]:
    section = records.get_live(ReportSection, section_uuid)
    return dict(SectionText.select(SectionText.period, SectionText.text).where(SectionText.section == section).tuples())


def inherited_from(section_uuid: str, key: str) -> str | None:
    """The key whose text a period without its own starts from: the latest earlier period of the same kind."""
    texts, this = _texts(section_uuid), parse_key(key)
    if key in texts or this is None:
        return None
    earlier = [(found[1:], k) for k in texts
               if (found := parse_key(k)) and found[0] == this[0] and found[1:] < this[1:]]
    return max(earlier)[1] if earlier else None


def get_section_text(section_uuid: str, key: str) -> str:
    """The lead paragraph saved for this section and period; a new period starts from the latest earlier one
    of the same kind (so next year's report starts from last year's text)."""
    texts = _texts(section_uuid)
    if key in texts:
        return texts[key]
    source = inherited_from(section_uuid, key)
    return texts[source] if source else ""


def save_section_text(section_uuid: str, key: str, text: str) -> None:
    """Save the lead paragraph; an empty text is kept too, so a period can say nothing on purpose."""
    if parse_key(key) is None:
        raise v.ValidationError({"period": f"报告期“{key[:30]}”无法识别"})
    value = v.text(text, "导语", TEXT_LIMIT)
    section = records.get_live(ReportSection, section_uuid)
    SectionText.insert(section=section, period=key, text=value).on_conflict(
        conflict_target=[SectionText.section, SectionText.period],
        update={SectionText.text: value, SectionText.updated_at: utcnow()}).execute()
