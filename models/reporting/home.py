"""The home page's figures: what is due, the year at a glance (the report's own numbers), and data health."""
from __future__ import annotations

import datetime as dt

from peewee import fn

from models.records import codes, common as records
from models.records.dates import as_date, month_end
from models.records.schema import Activity, OutreachEvent, StudySession
from models.records.study import list_groups, plans_vs_done
from models.reporting.coverage_report import coverage_figures
from models.reporting.development_report import due_steps
from models.reporting.health import find_problems
from models.reporting.statistics import expected_frequency, period_statistics

STEP = {"month": 1, "quarter": 3, "half": 6, "year": 12}
SOON = {"month": 7, "quarter": 15, "half": 30, "year": 45}  # days before the end that count as 'due soon'


def bucket_of(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month / quarter / half / year containing day."""
    step = STEP[frequency]
    first = (day.month - 1) // step * step + 1
    return dt.date(day.year, first, 1), month_end(day.year, first + step - 1)


def due(today: dt.date | None = None) -> list[dict]:
    """For each meeting type with an expected frequency: done / due soon / open / overdue in its current period,
    with the date of the last one. Overdue: the previous period passed without one (while the ledger was in
    use) and none is held yet."""
    today = today or records.today()
    first = Activity.select(fn.min(Activity.date)).where(Activity.deleted_at.is_null()).scalar()
    first = as_date(first)
    out = []
    for kind, frequency in expected_frequency().items():
        start, end = bucket_of(frequency, today)
        previous = bucket_of(frequency, start - dt.timedelta(days=1))
        live = Activity.select().where(Activity.deleted_at.is_null(), Activity.type == kind)
        last = live.select(fn.max(Activity.date)).where(Activity.date <= today).scalar()
        last = as_date(last)
        held_now = live.where(Activity.date >= start, Activity.date <= end).exists()
        held_before = live.where(Activity.date >= previous[0], Activity.date <= previous[1]).exists()
        if held_now:
            state = "done"
        elif not held_before and first is not None and first <= previous[1]:
            state = "overdue"  # the ledger was in use then, and the last period passed without one
        elif (end - today).days < SOON[frequency]:
            state = "due_soon"
        else:
            state = "open"
        out.append({"type": kind, "label": codes.ACTIVITY_TYPES[kind], "frequency": frequency, "start": start,
                    "end": end, "state": state, "last": last})
    return out


def study_due(today: dt.date | None = None) -> list[dict]:
    """This year's planned study months of every active group that are overdue or due this month."""
    today = today or records.today()
    out, groups = [], list_groups()
    months = plans_vs_done(today.year, [g["uuid"] for g in groups], today)
    for group in groups:
        for row in months[group["uuid"]]:
            if row["planned"] and not row["sessions"] and (row["overdue"] or row["month"] == today.month):
                out.append({"group": group["uuid"], "group_name": group["name"], "month": row["month"],
                            "topic": "；".join(t["topic"] for t in row["planned"]),
                            "state": "overdue" if row["overdue"] else "due_soon"})
    return out


def year_at_a_glance(today: dt.date | None = None) -> dict:
    """The report's statistics for this year so far, party building in the organisations since 1 January, plus the
    records added lately."""
    today = today or records.today()
    stats = period_statistics(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), today)
    coverage = coverage_figures(dt.date(today.year, 1, 1), today)
    for end in ("start", "end"):
        coverage[end].pop("covered_ids")  # ids the page has no use for
    return {"statistics": stats, "coverage": coverage, "recent": recent_records()}


def gather(today: dt.date) -> dict:
    """Everything the home page shows, read in one go (on the worker thread in the window)."""
    groups = find_problems(HEALTH_SHOWN)
    return {"today": today, "due": due(today), "study_due": study_due(today), "development_due": due_steps(today),
            "glance": year_at_a_glance(today),
            "health": health_rows(groups), "health_total": sum(g["count"] for g in groups)}


def recent_records(limit: int = 8) -> list[dict]:
    out = []
    for kind, model, title in (("activity", Activity, Activity.title), ("study_session", StudySession,
                                                                        StudySession.topic),
                               ("outreach_event", OutreachEvent, OutreachEvent.title)):
        for uuid, name, created in (model.select(model.uuid, title, model.created_at)
                                    .where(model.deleted_at.is_null()).order_by(model.created_at.desc())
                                    .limit(limit).tuples()):
            out.append({"kind": kind, "uuid": uuid, "title": name, "created_at": created})
    return sorted(out, key=lambda r: r["created_at"], reverse=True)[:limit]


HEALTH_SHOWN = 20  # a few of each kind on the home page; 数据检查 lists them all


def health_rows(groups: list[dict]) -> list[dict]:
    return [{**r, "title": f"{r['date']} {r['title']}" if r["date"] else r["title"]}
            for group in groups for r in group["rows"]]


def health(limit: int = HEALTH_SHOWN) -> list[dict]:
    """Records that need a look, each with its kind and UUID: [{kind, uuid, title, problem}] — the data health
    page's findings, a few of each kind."""
    return health_rows(find_problems(limit))
