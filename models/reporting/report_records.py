"""The period's records the report tells one by one: activities and events with their figures, study groups' people."""
from __future__ import annotations

import datetime as dt

from peewee import fn

from models.records.common import raw_rows
from models.records.dates import add_years, as_date
from models.records.schema import (
    Activity,
    Member,
    OutreachEvent,
    Participation,
    Reflection,
    ReportSection,
    StudyGroup,
    StudySession,
)
from models.records.study import get_plan
from models.reporting.figures import figure_rows
from models.reporting.numbers import with_unit
from models.reporting.report_text import figure_phrase, figure_phrases


def told_records(date_from: dt.date, date_to: dt.date, leave_out=()) -> dict:
    """{"activities": [...], "events": [...], "figures": rows}: each record as a dict with its section (uuid or
    None), its figures as phrases (200余家社会组织参与), and for events the organisations taking part.
    leave_out: indicators the report says from elsewhere, whose typed figures are not told."""
    sections = dict(ReportSection.select(ReportSection.id, ReportSection.uuid)
                    .where(ReportSection.deleted_at.is_null()).tuples())
    figures = [f for f in figure_rows(date_from, date_to) if f["name"] not in leave_out]
    texts: dict[tuple[str, int], dict[str, str]] = {}
    rows: dict[tuple[str, int], list[dict]] = {}
    for f in figures:
        rows.setdefault((f["owner"], f["owner_id"]), []).append(f)
        texts.setdefault((f["owner"], f["owner_id"]), {})[f["name"]] = with_unit(f["value_centi"], f["unit"],
                                                                                f["as_entered"])

    def told(owner: tuple, title: str) -> tuple[str, list[str]]:
        """The title, with the value of a figure it already names (选派党建工作指导员 → …指导员10名; a title that is
        just the indicator's name as the office says it: 新任法定代表人公示 → 公示新任法定代表人3人), and the other
        figures in words."""
        found = dict(texts.get(owner, {}))
        named = next((name for name in found if _says(title, name)), None)
        if named:
            title = figure_phrase(named, found.pop(named)) if title == named else title + found.pop(named)
        return title, figure_phrases(found)

    activities = [{"id": i, "day": as_date(day), "type": kind, "title": told(("a", i), title.strip())[0],
                   "speaker": speaker.strip(), "section": sections.get(section), "highlight": bool(highlight),
                   "outcomes": outcomes.strip(), "figures": told(("a", i), title.strip())[1],
                   "figured": ("a", i) in texts}
                  for i, day, kind, title, speaker, section, highlight, outcomes in
                  raw_rows(Activity.select(Activity.id, Activity.date, Activity.type, Activity.title, Activity.speaker,
                                           Activity.section, Activity.highlight, Activity.outcomes)
                           .where(Activity.deleted_at.is_null(), Activity.date >= date_from, Activity.date <= date_to)
                           .order_by(Activity.date, Activity.id))]
    live = (OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= date_from,
            OutreachEvent.start_date <= date_to)
    organisations: dict[int, set[int]] = {}
    for event, organisation in (Participation.select(Participation.event, Participation.organisation)
                                .join(OutreachEvent).where(*live).tuples()):
        organisations.setdefault(event, set()).add(organisation)
    events = [{"id": i, "day": as_date(day), "end": as_date(end), "title": told(("e", i), title.strip())[0],
               "series": series.strip(),
               "kind": kind, "region": region.strip(), "co_organisers": co.strip(), "section": sections.get(section),
               "highlight": bool(highlight), "outcomes": outcomes.strip(), "organisations": organisations.get(i, set()),
               "figures": told(("e", i), title.strip())[1],
               "figure_rows": rows.get(("e", i), [])}
              for i, day, end, title, series, kind, region, co, section, highlight, outcomes in
              OutreachEvent.select(OutreachEvent.id, OutreachEvent.start_date, OutreachEvent.end_date,
                                   OutreachEvent.title, OutreachEvent.series, OutreachEvent.kind, OutreachEvent.region,
                                   OutreachEvent.co_organisers, OutreachEvent.section, OutreachEvent.highlight,
                                   OutreachEvent.outcomes).where(*live).order_by(OutreachEvent.start_date,
                                                                                 OutreachEvent.id).tuples()]
    return {"activities": activities, "events": events, "figures": figures}


def _says(title: str, name: str) -> bool:
    """Whether a title already says what a figure counts: it ends with the figure's name (选派党建工作指导员), or with
    its last word (three characters or more) and has every character of the name in order (新批准成立社会组织党支部
    says 新成立党支部, so its 14个 follows the title instead of repeating it)."""
    if title.endswith(name):
        return True
    shared = next((n for n in range(len(name), 0, -1) if title.endswith(name[-n:])), 0)
    rest = iter(title)
    return shared >= 3 and all(char in rest for char in name)


def group_people(group_uuid: str, date_from: dt.date, date_to: dt.date) -> dict:
    """Who led a group's sessions in the period and who wrote reflections (with how many), for naming them."""
    sessions = (StudySession.select(StudySession.id).join(StudyGroup)
                .where(StudyGroup.uuid == group_uuid, StudySession.deleted_at.is_null(),
                       StudySession.date >= date_from, StudySession.date <= date_to))
    leads = [name for (name,) in StudySession.select(StudySession.lead_speaker)
             .where(StudySession.id.in_(sessions)).order_by(StudySession.date).tuples()]
    writers = [name for name, _ in (Reflection.select(Member.name, fn.count(Reflection.id)).join(Member)
                                    .where(Reflection.session.in_(sessions))
                                    .group_by(Member.id).order_by(fn.count(Reflection.id).desc(), Member.name)
                                    .tuples())]
    return {"leads": leads, "writers": writers}


def plan_state(group_uuid: str, year: int) -> str:
    """What a group's plan for a year holds: "none", "full" (goals, tasks, standards and monthly topics),
    "no_topics" or "topics_only"."""
    plan = get_plan(group_uuid, year)
    rules = any(plan[k].strip() for k in ("goals", "tasks", "standards"))
    if not rules and not plan["topics"]:
        return "none"
    return "full" if rules and plan["topics"] else "no_topics" if rules else "topics_only"


DATED = ((Activity, Activity.date), (StudySession, StudySession.date), (OutreachEvent, OutreachEvent.start_date))


def recorded_throughout(start: dt.date, end: dt.date) -> bool:
    """True when the ledger covers the period: each quarter of the year ending with it (or of the period, when it
    is longer) holds at least a tenth of that stretch's records. A ledger begun in December says nothing of that
    year's January, nor does one holding a few older records typed in afterwards (the meetings that decided a new
    member's earlier steps) beside a few months of everything; a month is judged by its year, as a week without
    records says nothing of a month."""
    start = min(start, add_years(end, -1) + dt.timedelta(days=1))
    span = (end - start).days + 1
    # The fourths' first days: day k of the stretch is in fourth k * 4 // span, counted by the store (a year of a
    # large ledger is 100,000 dates, which need not be read to be counted).
    bounds = [start + dt.timedelta(days=-(-i * span // 4)) for i in range(4)] + [end + dt.timedelta(days=1)]
    fourths = [sum(model.select().where(model.deleted_at.is_null(), field >= bounds[i], field < bounds[i + 1]).count()
                   for model, field in DATED) for i in range(4)]
    return sum(fourths) > 0 and min(fourths) * 10 >= sum(fourths)


def previous_counts(date_from: dt.date, date_to: dt.date) -> dict | None:
    """Counts of the same period one year earlier, or None when the ledger does not cover that period throughout
    (recorded_throughout), or when the period is longer than a year, where "the year before" means nothing."""
    if (date_to - date_from).days > 366:
        return None
    start, end = add_years(date_from, -1), add_years(date_to, -1)
    if not recorded_throughout(start, end):
        return None
    activities = dict(Activity.select(Activity.type, fn.count(Activity.id))
                      .where(Activity.deleted_at.is_null(), Activity.date >= start, Activity.date <= end)
                      .group_by(Activity.type).tuples())
    sessions = StudySession.select().where(StudySession.deleted_at.is_null(), StudySession.date >= start,
                                           StudySession.date <= end).count()
    events = OutreachEvent.select().where(OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= start,
                                          OutreachEvent.start_date <= end).count()
    if not (activities or sessions or events):
        return None
    return {"activities": sum(activities.values()), "by_type": activities, "sessions": sessions, "events": events}
