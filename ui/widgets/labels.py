"""Labels for stored codes and values, through Qt's translator (the source text is Chinese)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from models.records.common import AtLeast
from models.reporting.numbers import percent

KIND_NAMES = {"activity": "支部活动", "study_session": "学习会", "outreach_event": "联建活动", "member": "党员",
              "organisation": "社会组织", "applicant": "发展党员", "party_org": "党组织"}  # record kinds as the pages name them (pass through label())


def label(text: str) -> str:
    return QCoreApplication.translate("codes", text)


def code_label(options: dict, code) -> str:
    return label(options[code]) if code in options else (code or "")


def rate_text(rate) -> str:
    """A rate in the report's own form (96%, 87.5%), or — when nothing was recorded."""
    return "—" if rate is None else percent(rate)


def count_text(count: int) -> str:
    """A count of records as a page says it: 42, or 超过 1000 where a server stopped counting a search's matches."""
    if isinstance(count, AtLeast):
        return QCoreApplication.translate("labels", "超过 %1").replace("%1", str(int(count)))
    return str(count)


def date_text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, dt.date) else ""


def local_time_text(utc: dt.datetime | None) -> str:
    """A stored UTC time shown in the PC's own time zone."""
    if not utc:
        return ""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
