"""The figures of a period, computed once for the report and the home page: counts, attendance, study, gaps."""
from __future__ import annotations

import datetime as dt

from peewee import SQL, fn

from models.records import codes, common as records
from models.records.dates import as_date, month_end
from models.records.outreach import EventQuery, figure_totals
from models.records.schema import (
    Activity,
    Attendance,
    Figure,
    Indicator,
    Member,
    OutreachEvent,
    ReportSection,
    StudyGroup,
    StudySession,
)
from models.records.settings import get_setting
from models.records.study import list_groups, plans_vs_done

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
HALVES = ("上半年", "下半年")
# Meetings are 召开ed (党课 too, as people say it); everything else is 开展ed.
MEETINGS = (*codes.THREE_MEETINGS_ONE_LESSON, "life_meeting")
GAP_PHRASES = {"theme_day": "开展主题党日活动"}
LOWEST = 5


def rate(present: int, expected: int) -> float | None:
    return present / expected if expected else None


def _section_uuids() -> dict[int, str]:
    """Live sections by id; records under a removed section count as unfiled (None)."""
    return dict(ReportSection.select(ReportSection.id, ReportSection.uuid)
                .where(ReportSection.deleted_at.is_null()).tuples())


def _live_activities(date_from: dt.date, date_to: dt.date):
    return Activity.select(Activity.id).where(Activity.deleted_at.is_null(), Activity.date >= date_from,
                                              Activity.date <= date_to)


# -- activities -----------------------------------------------------------------

def activity_counts(date_from: dt.date, date_to: dt.date) -> dict:
    """Activities by type, by section and by month, from one query grouped by day (portable, at most a few
    thousand rows a year however many activities there are)."""
    sections = _section_uuids()
    select = (Activity.select(Activity.type, Activity.date, Activity.section, fn.count(Activity.id))
              .where(Activity.deleted_at.is_null(), Activity.date >= date_from, Activity.date <= date_to)
              .group_by(Activity.type, Activity.date, Activity.section).tuples())
    by_type: dict[str, int] = {}
    by_section: dict[str | None, dict[str, int]] = {}
    by_month: dict[tuple[int, int], dict[str, int]] = {}
    for kind, day, section_id, n in select:
        day = as_date(day)
        section = sections.get(section_id)
        by_type[kind] = by_type.get(kind, 0) + n
        bucket = by_section.setdefault(section, {})
        bucket[kind] = bucket.get(kind, 0) + n
        month = by_month.setdefault((day.year, day.month), {})
        month[kind] = month.get(kind, 0) + n
    rank = {kind: i for i, kind in enumerate(codes.ACTIVITY_TYPES)}
    ordered = lambda d: dict(sorted(d.items(), key=lambda kv: rank.get(kv[0], len(rank))))  # noqa: E731
    return {"total": sum(by_type.values()), "by_type": ordered(by_type),
            "three_one": sum(by_type.get(k, 0) for k in codes.THREE_MEETINGS_ONE_LESSON),
            "by_section": {s: ordered(d) for s, d in by_section.items()}, "by_month": dict(sorted(by_month.items()))}


EMPTY_ATTENDANCE = {"expected": 0, "present": 0, "leave": 0, "absent": 0, "activities": 0}


def attendance(date_from: dt.date, date_to: dt.date, lowest: int = LOWEST) -> dict:
    """Present / expected over the activities that recorded attendance (how many: "activities"), overall and per
    section, with 请假 and 缺席 counted; and the members with the lowest rate (for the home page, never the report)."""
    sections = _section_uuids()
    ids = _live_activities(date_from, date_to)
    per_section: dict[str | None, dict] = {}
    for section_id, status, n in (Attendance.select(Activity.section, Attendance.status, fn.COUNT(SQL("*")))
                                  .join(Activity).where(Attendance.activity.in_(ids))
                                  .group_by(Activity.section, Attendance.status).tuples()):
        row = per_section.setdefault(sections.get(section_id), EMPTY_ATTENDANCE.copy())
        row["expected"] += n
        row[status] = row.get(status, 0) + n
    # The activities with any attendance, asked of each activity (one index probe) rather than by reading every
    # attendance row of the period again for a distinct count.
    recorded = fn.EXISTS(Attendance.select(SQL("1")).where(Attendance.activity == Activity.id))
    for section_id, n in (_live_activities(date_from, date_to).select(Activity.section, fn.COUNT(SQL("*")))
                          .where(recorded).group_by(Activity.section).tuples()):
        per_section.setdefault(sections.get(section_id), EMPTY_ATTENDANCE.copy())
        per_section[sections.get(section_id)]["activities"] += n
    for row in per_section.values():
        row["rate"] = rate(row["present"], row["expected"])
    totals = {key: sum(r[key] for r in per_section.values()) for key in EMPTY_ATTENDANCE}
    members: dict[int, dict] = {}
    for member_id, name, uuid, status, n in (
            Attendance.select(Member.id, Member.name, Member.uuid, Attendance.status, fn.COUNT(SQL("*")))
            .join(Member).where(Attendance.activity.in_(ids), Member.deleted_at.is_null())
            .group_by(Member.id, Attendance.status).tuples()):
        row = members.setdefault(member_id, {"member": uuid, "name": name, "expected": 0, "present": 0, "absent": 0})
        row["expected"] += n
        row["present"] += n if status == "present" else 0
        row["absent"] += n if status == "absent" else 0
    ranked = sorted(members.values(), key=lambda r: (r["present"] / r["expected"], -r["absent"], r["name"]))
    return {**totals, "rate": rate(totals["present"], totals["expected"]), "by_section": per_section,
            "lowest": [{**r, "rate": r["present"] / r["expected"]} for r in ranked[:lowest]]}


# -- study ----------------------------------------------------------------------

def _overlaps(year: int, month: int, date_from: dt.date, date_to: dt.date) -> bool:
    return dt.date(year, month, 1) <= date_to and month_end(year, month) >= date_from


def study(date_from: dt.date, date_to: dt.date, today: dt.date | None = None) -> dict:
    """Per study group: topics planned in the period's months, sessions held, overdue months, reflections
    received against expected (one from every member present), and the section most of its sessions are filed
    under."""
    today = today or records.today()
    sections = _section_uuids()
    homes: dict[int, dict[str | None, int]] = {}
    by_section: dict[str | None, int] = {}
    for group_id, section_id, n in (StudySession.select(StudySession.group, StudySession.section,
                                                        fn.count(StudySession.id))
                                    .where(StudySession.deleted_at.is_null(), StudySession.date >= date_from,
                                           StudySession.date <= date_to)
                                    .group_by(StudySession.group, StudySession.section).tuples()):
        section = sections.get(section_id)
        home = homes.setdefault(group_id, {})
        home[section] = home.get(section, 0) + n
        by_section[section] = by_section.get(section, 0) + n
    group_ids = dict(StudyGroup.select(StudyGroup.uuid, StudyGroup.id).tuples())
    listed = list_groups(include_archived=True)
    years = {year: plans_vs_done(year, [g["uuid"] for g in listed], today)
             for year in range(date_from.year, date_to.year + 1)}
    groups = []
    for group in listed:
        row = {"uuid": group["uuid"], "name": group["name"], "planned": 0, "held": 0, "overdue": [],
               "reflections": 0, "reflections_expected": 0, "present": 0, "expected": 0}
        for year, months in years.items():
            for month in months[group["uuid"]]:
                if not _overlaps(year, month["month"], date_from, date_to):
                    continue
                row["planned"] += len(month["planned"])
                if month["overdue"]:
                    row["overdue"].append((year, month["month"]))
                for s in month["sessions"]:
                    if date_from <= s["date"] <= date_to:
                        row["held"] += 1
                        row["reflections"] += s["reflections"]
                        row["reflections_expected"] += s["present"]
                        row["present"] += s["present"]
                        row["expected"] += s["expected"]
        if row["planned"] or row["held"]:
            home = homes.get(group_ids.get(group["uuid"]), {})
            row["section"] = max(home, key=home.get) if home else None
            groups.append(row)
    keys = ("planned", "held", "reflections", "reflections_expected")
    return {"groups": groups, **{k: sum(g[k] for g in groups) for k in keys}, "by_section": by_section}


# -- figures --------------------------------------------------------------------

def figures_by_section(date_from: dt.date, date_to: dt.date) -> dict[str | None, list[dict]]:
    """Sums of the activities' and events' figures per section and indicator (so units never mix)."""
    sections = _section_uuids()
    totals: dict[tuple, dict] = {}
    events = OutreachEvent.select(OutreachEvent.id).where(
        OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= date_from, OutreachEvent.start_date <= date_to)
    for owner, field, ids in ((Activity, Figure.activity, _live_activities(date_from, date_to)),
                              (OutreachEvent, Figure.event, events)):
        select = (Figure.select(owner.section, Indicator.id, Indicator.name, Indicator.unit, Indicator.position,
                                fn.sum(Figure.value_centi), fn.count(Figure.id))
                  .join(Indicator).switch(Figure).join(owner).where(field.in_(ids))
                  .group_by(owner.section, Indicator.id).tuples())
        for section_id, indicator, name, unit, position, value, n in select:
            row = totals.setdefault((sections.get(section_id), indicator),
                                    {"name": name, "unit": unit, "position": position, "value_centi": 0, "records": 0})
            row["value_centi"] += value
            row["records"] += n
    out: dict[str | None, list[dict]] = {}
    for (section, indicator), row in sorted(totals.items(), key=lambda kv: (kv[1]["position"], kv[0][1])):
        out.setdefault(section, []).append({k: row[k] for k in ("name", "unit", "value_centi", "records")})
    return out


def outreach(date_from: dt.date, date_to: dt.date) -> dict:
    sections = _section_uuids()
    by_section: dict[str | None, int] = {}
    for section_id, n in (OutreachEvent.select(OutreachEvent.section, fn.count(OutreachEvent.id))
                          .where(OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= date_from,
                                 OutreachEvent.start_date <= date_to).group_by(OutreachEvent.section).tuples()):
        by_section[sections.get(section_id)] = by_section.get(sections.get(section_id), 0) + n
    return {"events": sum(by_section.values()), "by_section": by_section,
            "totals": figure_totals(EventQuery(date_from=date_from, date_to=date_to))}


# -- 三会一课 gaps ------------------------------------------------------------------

def expected_frequency() -> dict[str, str]:
    """{type: month/quarter/half/year}: the defaults, changed by the setting (null there means not expected)."""
    merged = dict(codes.EXPECTED_FREQUENCY)
    for kind, frequency in (get_setting("expected_frequency") or {}).items():
        if frequency is None or frequency in codes.FREQUENCIES:  # a value this program does not know changes nothing
            merged[kind] = frequency
    return {k: f for k, f in merged.items() if k in codes.ACTIVITY_TYPES and f}


def buckets(frequency: str, date_from: dt.date, date_to: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Whole months/quarters/halves/years lying inside the period and ended by `last`."""
    step = {"month": 1, "quarter": 3, "half": 6, "year": 12}[frequency]
    out = []
    for year in range(date_from.year, date_to.year + 1):
        for first in range(1, 13, step):
            start, end = dt.date(year, first, 1), month_end(year, first + step - 1)
            if start >= date_from and end <= date_to and end <= last:
                out.append((start, end))
    return out


def bucket_label(frequency: str, start: dt.date, with_year: bool) -> str:
    name = {"month": f"{start.month}月", "quarter": QUARTERS[(start.month - 1) // 3],
            "half": HALVES[start.month > 6], "year": ""}[frequency]
    return f"{start.year}年{name}" if with_year or frequency == "year" else name


def gaps(date_from: dt.date, date_to: dt.date, by_month: dict, today: dt.date | None = None) -> list[dict]:
    """Each whole month/quarter/year of the period, already over, without a meeting of a type that is due then:
    [{type, label, frequency, start, end, text}] such as 第三季度未召开党课."""
    last = min(date_to, today or records.today())
    with_year = date_from.year != date_to.year
    out = []
    for kind, frequency in expected_frequency().items():
        for start, end in buckets(frequency, date_from, date_to, last):
            held = sum(counts.get(kind, 0) for (y, m), counts in by_month.items()
                       if start <= dt.date(y, m, 1) <= end)
            if not held:
                label = bucket_label(frequency, start, with_year)
                verb = "召开" if kind in MEETINGS else "开展"
                phrase = GAP_PHRASES.get(kind, f"{verb}{codes.ACTIVITY_TYPES[kind]}")
                out.append({"type": kind, "label": label, "frequency": frequency, "start": start, "end": end,
                            "text": f"{label}未{phrase}"})
    return out


def period_statistics(date_from: dt.date, date_to: dt.date, today: dt.date | None = None) -> dict:
    """Everything above for one period, with a handful of aggregate queries."""
    today = today or records.today()
    counts = activity_counts(date_from, date_to)
    return {"date_from": date_from, "date_to": date_to, "today": today, "activities": counts,
            "attendance": attendance(date_from, date_to), "study": study(date_from, date_to, today),
            "outreach": outreach(date_from, date_to), "figures_by_section": figures_by_section(date_from, date_to),
            "gaps": gaps(date_from, date_to, counts["by_month"], today)}
