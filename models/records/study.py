"""Study groups (学习小组): members, the plan per year, sessions with attendance and reflections."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from models.records import codes, common as records, parts, validation as v
from models.records.common import ListQuery
from models.records.dates import month_end
from models.records.members import in_branch_on
from models.records.schema import (
    Attendance,
    Member,
    PlanTopic,
    Reflection,
    StudyGroup,
    StudyGroupMember,
    StudyPlan,
    StudySession,
)
from models.store import db, utcnow

# -- groups ---------------------------------------------------------------------


def _member_ids(uuids) -> dict[str, int]:
    return dict(Member.select(Member.uuid, Member.id).where(Member.uuid.in_(list(uuids))).tuples()) if uuids else {}


def check_group(data: dict) -> tuple[dict, list[dict]]:
    records.require_keys(data, {"name", "purpose", "leader", "founded_on", "members"})
    c = v.Checker()
    out = {"name": c.run("name", v.text, data.get("name"), "小组名称", 60, required=True),
           "purpose": c.run("purpose", v.text, data.get("purpose"), "宗旨", 2000),
           "founded_on": c.run("founded_on", v.date, data.get("founded_on"), "成立日期", not_after=records.today())}
    rows = data.get("members") or []
    ids = _member_ids({r.get("member") for r in rows if isinstance(r, dict)} | {data.get("leader")})
    out["leader"] = ids.get(data.get("leader")) if data.get("leader") else None
    if data.get("leader") and out["leader"] is None:
        c.add("leader", "所选组长不在党员名录中")
    members, seen = [], set()
    for i, row in enumerate(rows, 1):
        member = ids.get(row.get("member")) if isinstance(row, dict) else None
        if member is None or member in seen:
            c.add("members", f"成员第 {i} 行的党员不存在或重复")
            continue
        seen.add(member)
        joined = c.run("members", v.date, row.get("joined_on"), f"成员第 {i} 行的加入日期")
        left = c.run("members", v.date, row.get("left_on"), f"成员第 {i} 行的退出日期")
        if joined and left and left < joined:
            c.add("members", f"成员第 {i} 行的退出日期早于加入日期")
        members.append({"member": member, "joined_on": joined, "left_on": left})
    if out["name"] and records.duplicate_of(StudyGroup, StudyGroup.name, out["name"], data.get("uuid")):
        c.add("name", f"已有名为“{out['name']}”的学习小组")
    c.done()
    return out, members


def save_group(data: dict) -> str:
    values, members = check_group(data)
    with db.atomic():
        uuid = records.save(StudyGroup, data.get("uuid"), values, version=data.get("version"), current=get_group)
        group = StudyGroup.get(StudyGroup.uuid == uuid)
        if "members" in data:
            StudyGroupMember.delete().where(StudyGroupMember.group == group).execute()
            if members:
                StudyGroupMember.insert_many([{"group": group.id, **m} for m in members]).execute()
    return uuid


def get_group(uuid: str) -> dict:
    g = records.get_live(StudyGroup, uuid)
    members = (StudyGroupMember.select(StudyGroupMember, Member).join(Member)
               .where(StudyGroupMember.group == g).order_by(Member.name))
    return {"uuid": g.uuid, "version": records.version_of(g), "name": g.name, "purpose": g.purpose,
            "founded_on": g.founded_on, "leader": g.leader.uuid if g.leader_id else "",
            "archived": g.archived_at is not None,
            "members": [{"member": m.member.uuid, "name": m.member.name, "joined_on": m.joined_on,
                         "left_on": m.left_on} for m in members]}


def list_groups(include_archived: bool = False) -> list[dict]:
    select = StudyGroup.select().where(StudyGroup.deleted_at.is_null()).order_by(StudyGroup.name)
    if not include_archived:
        select = select.where(StudyGroup.archived_at.is_null())
    counts = dict(StudyGroupMember.select(StudyGroupMember.group, fn.count(StudyGroupMember.id))
                  .where(StudyGroupMember.left_on.is_null()).group_by(StudyGroupMember.group).tuples())
    return [{"uuid": g.uuid, "name": g.name, "archived": g.archived_at is not None, "members": counts.get(g.id, 0),
             "founded_on": g.founded_on} for g in select]


def set_archived(uuid: str, archived: bool) -> None:
    group = records.get_live(StudyGroup, uuid)
    group.archived_at = utcnow() if archived else None
    group.updated_at = utcnow()
    group.save()


def members_on(group_uuid: str, day: dt.date) -> list[dict]:
    """Attendance rows for a session: the group's members on that day who are still in the branch."""
    select = (Member.select(Member.uuid, Member.name).join(StudyGroupMember)
              .join(StudyGroup).where(StudyGroup.uuid == group_uuid, Member.deleted_at.is_null(),
                                      in_branch_on(day),
                                      StudyGroupMember.joined_on.is_null() | (StudyGroupMember.joined_on <= day),
                                      StudyGroupMember.left_on.is_null() | (StudyGroupMember.left_on > day))
              .order_by(Member.name))
    return [{"member": m.uuid, "name": m.name, "status": "present", "reason": ""} for m in select]


# -- plans ----------------------------------------------------------------------


def get_plan(group_uuid: str, year: int) -> dict:
    group = records.get_live(StudyGroup, group_uuid)
    plan = (StudyPlan.select().where(StudyPlan.group == group, StudyPlan.year == year,
                                     StudyPlan.deleted_at.is_null()).first())
    if plan is None:
        return {"version": "", "goals": "", "tasks": "", "standards": "", "topics": []}
    topics = PlanTopic.select().where(PlanTopic.plan == plan).order_by(PlanTopic.month, PlanTopic.id)
    return {"version": records.version_of(plan), "goals": plan.goals, "tasks": plan.tasks,
            "standards": plan.standards,
            "topics": [{"month": t.month, "topic": t.topic, "materials": t.materials, "lead": t.lead} for t in topics]}


def save_plan(group_uuid: str, year: int, data: dict) -> None:
    """The plan of a group for a year: goals, tasks, standards and the planned topic of each month.
    With the version get_plan gave ("" for no plan yet), a plan someone else saved since is left alone."""
    c = v.Checker()
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        c.add("year", "年份不正确")
    values = {key: c.run(key, v.text, data.get(key), label, 5000)
              for key, label in (("goals", "目标"), ("tasks", "任务"), ("standards", "标准"))}
    topics = []
    for i, row in enumerate(data.get("topics") or [], 1):
        month = row.get("month")
        if not isinstance(month, int) or not 1 <= month <= 12:
            c.add("topics", f"计划第 {i} 行的月份应为 1–12")
            continue
        topic = c.run("topics", v.text, row.get("topic"), f"{month}月的学习主题", 200, required=True)
        topics.append({"month": month, "topic": topic,
                       "materials": c.run("topics", v.text, row.get("materials"), f"{month}月的学习材料", 2000),
                       "lead": c.run("topics", v.text, row.get("lead"), f"{month}月的领学人", 50)})
    c.done()
    group = records.get_live(StudyGroup, group_uuid)
    version = data.get("version")
    with db.atomic():
        if version is not None:  # the group's row is held: a plan not yet there cannot appear meanwhile
            records.touch(StudyGroup, StudyGroup.id == group.id)
        plan = (StudyPlan.select().where(StudyPlan.group == group, StudyPlan.year == year,
                                         StudyPlan.deleted_at.is_null()).first())
        if version is not None and records.version_of(plan) != version:
            raise records.conflict(plan.uuid if plan else group_uuid, get_plan(group_uuid, year))
        plan = plan or StudyPlan(group=group, year=year)
        for key, value in values.items():
            setattr(plan, key, value)
        plan.updated_at = records.later(plan.updated_at)
        plan.save()
        PlanTopic.delete().where(PlanTopic.plan == plan).execute()
        if topics:
            PlanTopic.insert_many([{"plan": plan.id, **t} for t in topics]).execute()


# -- sessions -------------------------------------------------------------------

FIELDS = ("group", "kind", "date", "topic", "materials", "lead_speaker", "duration_minutes", "place", "notes",
          "section")
PART_FIELDS = ("attendance", "attachments", "reflections")
SEARCH = (StudySession.topic, StudySession.materials, StudySession.lead_speaker, StudySession.place,
          StudySession.notes)
SORTABLE = {"date": StudySession.date, "topic": StudySession.topic, "lead_speaker": StudySession.lead_speaker,
            "deleted_at": StudySession.deleted_at}


@dataclass
class SessionQuery(ListQuery):
    group: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "date"
    descending: bool = True


def check_reflections(rows, c: v.Checker) -> list[dict]:
    out, ids = [], _member_ids({r.get("member") for r in rows or [] if isinstance(r, dict)})
    for i, row in enumerate(rows or [], 1):
        member = ids.get(row.get("member")) if isinstance(row, dict) else None
        if member is None:
            c.add("reflections", f"第 {i} 篇心得的党员不存在")
            continue
        text = c.run("reflections", v.text, row.get("text"), "心得体会", 20_000)
        if not text:
            continue  # an empty box is a reflection not yet handed in
        submitted = c.run("reflections", v.date, row.get("submitted_on"), "提交日期")
        out.append({"member": member, "text": text, "submitted_on": submitted})
    return out


def check_session(data: dict, require_group: bool = True) -> tuple[dict, dict]:
    """Checked values and parts of a session form; require_group=False when the group is checked apart
    (a package's sessions point at groups that may be in the package)."""
    records.require_keys(data, set(FIELDS) | set(PART_FIELDS))
    c = v.Checker()
    group = None
    if data.get("group"):
        group = StudyGroup.get_or_none(StudyGroup.uuid == data["group"], StudyGroup.deleted_at.is_null())
    if group is None and require_group:
        c.add("group", "请选择学习小组")
    out = {"group": group,
           "kind": c.run("kind", v.choice, data.get("kind") or "study", "形式", codes.SESSION_KINDS),
           "date": c.run("date", v.date, data.get("date"), "日期", required=True,
                         not_after=records.today() + dt.timedelta(days=366)),
           "topic": c.run("topic", v.text, data.get("topic"), "学习主题", 200, required=True),
           "materials": c.run("materials", v.text, data.get("materials"), "学习篇目", 5000),
           "lead_speaker": c.run("lead_speaker", v.text, data.get("lead_speaker"), "领学人", 50),
           "place": c.run("place", v.text, data.get("place"), "地点", 200),
           "notes": c.run("notes", v.text, data.get("notes"), "学习情况", 100_000)}
    minutes = data.get("duration_minutes")
    out["duration_minutes"] = None
    if minutes not in (None, ""):
        try:
            out["duration_minutes"] = int(str(minutes).strip())
            if not 1 <= out["duration_minutes"] <= 24 * 60:
                raise ValueError
        except ValueError:
            c.add("duration_minutes", "时长应为 1–1440 之间的分钟数")
    out["section"] = parts.check_section(data.get("section"), c)
    found = {"attendance": parts.check_attendance(data.get("attendance"), c),
             "attachments": parts.check_attachments(data.get("attachments"), c),
             "reflections": check_reflections(data.get("reflections"), c)}
    c.done()
    return out, found


def save_session(data: dict) -> str:
    values, found = check_session(data)
    tables = {"attendance": Attendance, "attachments": parts.Attachment, "reflections": Reflection}
    writers = {key: (lambda i, t=table, rows=found[key]: parts.replace(t, "session", i, rows))
               for key, table in tables.items() if key in data}
    return records.save_with_parts(StudySession, data.get("uuid"), values, writers, data.get("version"), get_session)


def get_session(uuid: str) -> dict:
    s = records.get_live(StudySession, uuid)
    out = {name: getattr(s, name) for name in FIELDS if name not in ("group", "section")}
    reflections = (Reflection.select(Reflection, Member).join(Member).where(Reflection.session == s)
                   .order_by(Member.name))
    out.update(uuid=s.uuid, version=records.version_of(s), group=s.group.uuid, group_name=s.group.name,
               section=s.section.uuid if s.section_id else "",
               attendance=parts.attendance_of(Attendance.session, s.id),
               attachments=parts.attachments_of(parts.Attachment.session, s.id),
               reflections=[{"member": r.member.uuid, "name": r.member.name, "text": r.text,
                             "submitted_on": r.submitted_on} for r in reflections])
    return out


def session_snapshot(uuid: str) -> dict:
    data = get_session(uuid)
    data.pop("group_name")
    data.pop("version")
    data["attendance"] = [{k: a[k] for k in ("member", "status", "reason")} for a in data["attendance"]]
    data["reflections"] = [{k: r[k] for k in ("member", "text", "submitted_on")} for r in data["reflections"]]
    return data


def reflection_count(session: dict) -> tuple[int, int]:
    """(submitted, expected): one reflection is expected from every member who attended."""
    present = {a["member"] for a in session["attendance"] if a["status"] == "present"}
    submitted = {r["member"] for r in session["reflections"] if r.get("text", "").strip()}
    return len(submitted & present), len(present)


def filtered(query: SessionQuery):
    select = records.filtered(StudySession, SEARCH, query)
    if query.group:
        select = select.join(StudyGroup).where(StudyGroup.uuid == query.group)
    select = records.in_period(select, StudySession.date, query.date_from, query.date_to)
    return select


def count_sessions(query: SessionQuery) -> int:
    return records.count(filtered(query), query.text)


def list_sessions(query: SessionQuery, offset: int = 0, limit: int = 200) -> list[dict]:
    return _session_rows(records.page(filtered(query), StudySession, SORTABLE, query, offset, limit))


def _session_rows(rows: list[StudySession], among=None) -> list[dict]:
    """Sessions as a list shows them, with their attendance and reflections counted (among: a select of the same
    ids, asked instead of a long list of them)."""
    stats = _session_stats([r.id for r in rows], among)
    groups = dict(StudyGroup.select(StudyGroup.id, StudyGroup.name).tuples())
    return [{"uuid": r.uuid, "version": records.version_of(r), "date": r.date, "topic": r.topic, "kind": r.kind,
             "lead_speaker": r.lead_speaker,
             "duration_minutes": r.duration_minutes, "group_name": groups.get(r.group_id, ""),
             "deleted_at": r.deleted_at, **stats.get(r.id, {"expected": 0, "present": 0, "reflections": 0})}
            for r in rows]


def _session_stats(ids: list[int], among=None) -> dict[int, dict]:
    stats = {i: {"expected": 0, "present": 0, "reflections": 0} for i in ids}
    if not ids:
        return stats
    among = ids if among is None else among
    for sid, status, n in (Attendance.select(Attendance.session, Attendance.status, fn.count(Attendance.id))
                           .where(Attendance.session.in_(among)).group_by(Attendance.session, Attendance.status)
                           .tuples()):
        stats[sid]["expected"] += n
        stats[sid]["present"] += n if status == "present" else 0
    # Reflections count against the members present (one expected from each), as reflection_count does.
    present = Attendance.select().where(Attendance.session == Reflection.session, Attendance.member == Reflection.member,
                                        Attendance.status == "present")
    for sid, n in (Reflection.select(Reflection.session, fn.count(Reflection.id))
                   .where(Reflection.session.in_(among), fn.EXISTS(present)).group_by(Reflection.session).tuples()):
        stats[sid]["reflections"] = n
    return stats


def delete_session(uuid: str, version: str | None = None) -> None:
    records.soft_delete(StudySession, uuid, version)


def restore_session(uuid: str) -> None:
    records.restore(StudySession, uuid)


def erase_session(uuid: str, version: str | None = None) -> None:
    records.erase(StudySession, uuid, version)


# -- plan against what was done --------------------------------------------------


def plan_vs_done(group_uuid: str, year: int, today: dt.date | None = None) -> list[dict]:
    """Per month of the year that has a planned topic or a session: what was planned, the sessions held,
    the attendance rate, reflections received/expected, and whether a planned month is overdue."""
    records.get_live(StudyGroup, group_uuid)  # NotFound for a group no longer there
    return plans_vs_done(year, [group_uuid], today)[group_uuid]


def plans_vs_done(year: int, group_uuids: list[str], today: dt.date | None = None) -> dict[str, list[dict]]:
    """plan_vs_done of several groups at once, in a few queries whatever their number: {group uuid: months}."""
    today = today or records.today()
    uuids = dict(StudyGroup.select(StudyGroup.id, StudyGroup.uuid).where(StudyGroup.uuid.in_(group_uuids)).tuples())
    planned: dict[str, dict[int, list[dict]]] = {uuid: {} for uuid in uuids.values()}
    for group, month, topic, materials, lead in (
            PlanTopic.select(StudyPlan.group, PlanTopic.month, PlanTopic.topic, PlanTopic.materials, PlanTopic.lead)
            .join(StudyPlan).where(StudyPlan.group.in_(list(uuids)), StudyPlan.year == year,
                                   StudyPlan.deleted_at.is_null())
            .order_by(PlanTopic.month, PlanTopic.id).tuples()):
        planned[uuids[group]].setdefault(month, []).append(
            {"month": month, "topic": topic, "materials": materials, "lead": lead})
    held_in = StudySession.select().where(StudySession.deleted_at.is_null(), StudySession.group.in_(list(uuids)),
                                          StudySession.date >= dt.date(year, 1, 1),
                                          StudySession.date <= dt.date(year, 12, 31))
    rows = list(held_in.order_by(StudySession.date, StudySession.id))
    held: dict[str, dict[int, list[dict]]] = {uuid: {} for uuid in uuids.values()}
    for row, session in zip(rows, _session_rows(rows, held_in.select(StudySession.id))):
        held[uuids[row.group_id]].setdefault(session["date"].month, []).append(session)
    return {uuid: _months(planned[uuid], held[uuid], year, today) for uuid in uuids.values()}


def _months(planned: dict[int, list[dict]], held: dict[int, list[dict]], year: int, today: dt.date) -> list[dict]:
    out = []
    for month in sorted(set(planned) | set(held)):
        done = held.get(month, [])
        expected = sum(s["expected"] for s in done)
        present = sum(s["present"] for s in done)
        out.append({"month": month, "planned": planned.get(month, []), "sessions": done,
                    "attendance_rate": present / expected if expected else None,
                    "reflections": (sum(s["reflections"] for s in done), present),
                    "overdue": bool(planned.get(month)) and not done and month_end(year, month) < today})
    return out
