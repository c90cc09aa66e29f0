"""Branch activities (支部活动): checks, saving with attendance, figures and attachments, listing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import SQL, fn

from models.records import codes, common as records, parts, validation as v
from models.records.common import ListQuery
from models.records.members import in_branch_on
from models.records.schema import Activity, Attendance, Member, ReportSection

FIELDS = ("type", "title", "date", "start_time", "end_time", "place", "host", "recorder", "speaker", "agenda",
          "content", "decisions", "guests", "tags", "section", "highlight", "outcomes")
PART_FIELDS = ("attendance", "figures", "attachments")
SEARCH = (Activity.title, Activity.place, Activity.host, Activity.recorder, Activity.speaker, Activity.agenda,
          Activity.content, Activity.decisions, Activity.guests, Activity.tags)
SORTABLE = {"date": Activity.date, "type": Activity.type, "title": Activity.title, "place": Activity.place,
            "host": Activity.host, "section": Activity.section, "deleted_at": Activity.deleted_at}
TEXT_LIMITS = {"place": ("地点", 200), "host": ("主持人", 50), "recorder": ("记录人", 50), "speaker": ("主讲人", 100),
               "agenda": ("议题", 5000), "content": ("主要内容", 100_000), "decisions": ("决议", 20_000),
               "guests": ("列席人员", 2000), "tags": ("标签", 200), "outcomes": ("成效", 1000)}


THREE_ONE = "three_meetings_one_lesson"  # a type filter meaning all four of 三会一课


@dataclass
class ActivityQuery(ListQuery):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    type: str = ""
    section: str = ""   # a section's uuid
    sort: str = "date"
    descending: bool = True


def parse_time(value, label: str) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, str):
        text = value.strip().replace("：", ":")
        for fmt in ("%H:%M", "%H:%M:%S", "%H点%M分", "%H点"):
            try:
                return dt.datetime.strptime(text, fmt).time().replace(second=0)
            except ValueError:
                pass
    raise v.ValidationError({"": f"{label}“{str(value)[:10]}”无法识别，请按 14:30 的格式填写"})


def check_activity(data: dict) -> tuple[dict, dict]:
    """Checked values and parts of an activity form, or ValidationError with a message per field."""
    records.require_keys(data, set(FIELDS) | set(PART_FIELDS))
    c = v.Checker()
    out = {
        "type": c.run("type", v.choice, data.get("type"), "活动类型", codes.ACTIVITY_TYPES),
        "title": c.run("title", v.text, data.get("title"), "主题", 200, required=True),
        "date": c.run("date", v.date, data.get("date"), "日期", required=True,
                      not_after=records.today() + dt.timedelta(days=366)),
        "start_time": c.run("start_time", parse_time, data.get("start_time"), "开始时间"),
        "end_time": c.run("end_time", parse_time, data.get("end_time"), "结束时间"),
        "highlight": c.run("highlight", v.flag, data.get("highlight"), "亮点"),
    }
    for key, (label, size) in TEXT_LIMITS.items():
        out[key] = c.run(key, v.text, data.get(key), label, size)
    if out["start_time"] and out["end_time"] and out["end_time"] <= out["start_time"]:
        c.add("end_time", "结束时间应晚于开始时间")
    out["section"] = parts.check_section(data.get("section"), c)
    found = {"attendance": parts.check_attendance(data.get("attendance"), c),
             "figures": parts.check_figures(data.get("figures"), c),
             "attachments": parts.check_attachments(data.get("attachments"), c)}
    c.done()
    return out, found


def save_activity(data: dict) -> str:
    """Add (no uuid) or update an activity with its attendance, figures and attachments, all at once."""
    values, found = check_activity(data)
    tables = {"attendance": parts.Attendance, "figures": parts.Figure, "attachments": parts.Attachment}
    writers = {key: (lambda i, t=table, rows=found[key]: parts.replace(t, "activity", i, rows))
               for key, table in tables.items() if key in data}
    return records.save_with_parts(Activity, data.get("uuid"), values, writers, data.get("version"), get_activity)


def get_activity(uuid: str) -> dict:
    """One activity with its parts, in the shape save_activity takes back."""
    row = records.get_live(Activity, uuid)
    out = {name: getattr(row, name) for name in FIELDS if name != "section"}
    out.update(uuid=row.uuid, version=records.version_of(row), section=row.section.uuid if row.section_id else "",
               attendance=parts.attendance_of(Attendance.activity, row.id),
               figures=parts.figures_of(parts.Figure.activity, row.id),
               attachments=parts.attachments_of(parts.Attachment.activity, row.id))
    return out


def snapshot(uuid: str) -> dict:
    """What save_activity needs to put this activity back exactly as it is now (for undo)."""
    data = get_activity(uuid)
    data.pop("version")
    data["attendance"] = [{k: a[k] for k in ("member", "status", "reason")} for a in data["attendance"]]
    data["figures"] = [{k: f[k] for k in ("indicator", "value", "note")} for f in data["figures"]]
    return data


def filtered(query: ActivityQuery):
    select = records.filtered(Activity, SEARCH, query)
    select = records.in_period(select, Activity.date, query.date_from, query.date_to)
    if query.type == THREE_ONE:
        select = select.where(Activity.type.in_(codes.THREE_MEETINGS_ONE_LESSON))
    elif query.type:
        select = select.where(Activity.type == query.type)
    if query.section:
        select = select.join(ReportSection).where(ReportSection.uuid == query.section)
    return select


def count_activities(query: ActivityQuery) -> int:
    return records.count(filtered(query), query.text)


def list_activities(query: ActivityQuery, offset: int = 0, limit: int = 200, fields: tuple = FIELDS) -> list[dict]:
    """A page of activities with 应到/实到 and section names; fields narrows what is read of each (a table
    shows a few short ones; the ledger wants them all)."""
    rows = records.page(filtered(query), Activity, SORTABLE, query, offset, limit, fields)
    ids = [r.id for r in rows]
    counts: dict[int, dict] = {i: {"expected": 0, "present": 0} for i in ids}
    if ids:
        for activity_id, status, n in (Attendance.select(Attendance.activity, Attendance.status, fn.COUNT(SQL("*")))
                                       .where(Attendance.activity.in_(ids))
                                       .group_by(Attendance.activity, Attendance.status).tuples()):
            counts[activity_id]["expected"] += n
            if status == "present":
                counts[activity_id]["present"] += n
    sections = dict(ReportSection.select(ReportSection.id, ReportSection.name).tuples())
    out = []
    for r in rows:
        row = {name: getattr(r, name) for name in fields if name != "section"}
        row.update(uuid=r.uuid, version=records.version_of(r), deleted_at=r.deleted_at,
                   section_name=sections.get(r.section_id, ""),
                   **counts[r.id])
        out.append(row)
    return out


def delete_activity(uuid: str, version: str | None = None) -> None:
    records.soft_delete(Activity, uuid, version)


def restore_activity(uuid: str) -> None:
    records.restore(Activity, uuid)


def erase_activity(uuid: str, version: str | None = None) -> None:
    records.erase(Activity, uuid, version)


def members_for(day: dt.date, status: str = "present") -> list[dict]:
    """Attendance rows for a new activity: every member active that day, marked present (or, with status "",
    not yet recorded: the form's start)."""
    select = (Member.select(Member.uuid, Member.name)
              .where(Member.deleted_at.is_null(), in_branch_on(day))
              .order_by(Member.name, Member.id))
    return [{"member": m.uuid, "name": m.name, "status": status, "reason": ""} for m in select]


def previous_attendance(type_code: str, before: dt.date, exclude: str | None = None) -> dict[str, dict]:
    """Attendance of the latest earlier activity of the same type: {member uuid: {status, reason}}."""
    select = (Activity.select().where(Activity.type == type_code, Activity.date < before,
                                      Activity.deleted_at.is_null())
              .order_by(Activity.date.desc(), Activity.id.desc()))
    if exclude:
        select = select.where(Activity.uuid != exclude)
    last = select.first()
    if last is None:
        return {}
    return {a["member"]: {"status": a["status"], "reason": a["reason"]}
            for a in parts.attendance_of(Attendance.activity, last.id)}
