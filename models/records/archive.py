"""Archived periods (归档): once a report is handed in, the records dated in its period become read-only."""
from __future__ import annotations

import datetime as dt

from models.records import audit, common as records, validation as v
from models.records.dates import chinese_date
from models.records.schema import Activity, ArchivedPeriod, OutreachEvent, StudySession
from models.store import db

# The date that places each kind of record in a period.
DATED = {Activity: "date", StudySession: "date", OutreachEvent: "start_date"}


def list_archived() -> list[dict]:
    return [{"uuid": p.uuid, "date_from": p.date_from, "date_to": p.date_to, "operator": p.operator,
             "note": p.note, "archived_at": p.created_at}
            for p in ArchivedPeriod.select().order_by(ArchivedPeriod.date_from)]


def _day(day) -> dt.date | None:
    """A record's date, given as a date or as ISO text; None for anything else (no date, no period)."""
    if isinstance(day, str):
        try:
            return dt.date.fromisoformat(day)
        except ValueError:
            return None
    return day if isinstance(day, dt.date) else None


def covering(day) -> ArchivedPeriod | None:
    day = _day(day)
    if day is None:
        return None
    return ArchivedPeriod.select().where(ArchivedPeriod.date_from <= day, ArchivedPeriod.date_to >= day).first()


def within(day, periods: list[dict]) -> bool:
    """Whether day lies in any of these periods (list_archived(), read once to check many records)."""
    day = _day(day)
    return day is not None and any(p["date_from"] <= day <= p["date_to"] for p in periods)


def refuse_if_archived(model, days) -> None:
    """ValidationError when a record of this kind dated on any of these days falls in an archived period."""
    field = DATED.get(model)
    if field is not None:
        refuse_days(days, field)


def refuse_days(days, field: str, what: str = "记录") -> None:
    """ValidationError at field when any of these days falls in an archived period (what: the records named)."""
    for day in days:
        period = covering(day)
        if period is not None:
            raise v.ValidationError({field: f"{chinese_date(period.date_from)}至{chinese_date(period.date_to)}已归档，"
                                            f"其中的{what}只能查看；如需修改，请先在“设置”页取消归档"})


def archive_period(date_from, date_to, note: str = "") -> str:
    c = v.Checker()
    start = c.run("date_from", v.date, date_from, "起始日期", required=True)
    end = c.run("date_to", v.date, date_to, "截止日期", required=True)
    note = c.run("note", v.text, note, "说明", 500)
    if start and end and end < start:
        c.add("date_to", "截止日期不能早于起始日期")
    c.done()
    with db.atomic():
        period = ArchivedPeriod.create(date_from=start, date_to=end, operator=audit.operator(), note=note or "")
        audit.note("archived_period", period.uuid, "archive", f"{chinese_date(start)}至{chinese_date(end)}")
    return period.uuid


def unarchive_period(uuid: str) -> None:
    """A deliberate step, itself audited."""
    with db.atomic():
        period = ArchivedPeriod.get_or_none(ArchivedPeriod.uuid == uuid)
        if period is None:
            raise records.NotFound(uuid)
        audit.note("archived_period", uuid, "unarchive",
                   f"{chinese_date(period.date_from)}至{chinese_date(period.date_to)}")
        period.delete_instance()
