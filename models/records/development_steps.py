"""A step of a new member's path recorded, corrected or taken back, with the member roster kept in step: admitted
as 预备党员, the person is a member (入党日期); 转正 makes them 正式党员 (转正日期). Nothing is typed twice."""
from __future__ import annotations

import datetime as dt

from models.records import archive, audit, common as records, development_rules as rules, members, validation as v
from models.records.dates import chinese_date
from models.records.development import steps_of
from models.records.schema import Activity, Applicant, DevelopmentPerson, DevelopmentStep, Member

STEP_FIELDS = ("date", "meeting", "people", "days", "hours", "months", "note")
FIELD_LABELS = {"date": "日期", "meeting": "会议", "people": "相关人员", "days": "天数", "hours": "学时", "months": "延长月数",
                "note": "说明"}


def _count(value, field: str, label: str, c: v.Checker, high: int) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())):
        c.add(field, f"{label}应为整数")
        return None
    number = int(value)
    if not 0 < number <= high:
        c.add(field, f"{label}应在 1—{high} 之间")
        return None
    return number


def _meeting(uuid, kind: str, day: dt.date | None, c: v.Checker) -> Activity | None:
    wanted = rules.STEPS[kind].meeting
    if not uuid:
        return None
    if wanted is None:
        c.add("meeting", f"“{rules.STEPS[kind].label}”不关联会议")
        return None
    row = Activity.get_or_none(Activity.uuid == uuid, Activity.deleted_at.is_null())
    if row is None:
        c.add("meeting", "所选会议不存在（可能已移到回收站）")
    elif row.type != wanted:
        c.add("meeting", f"“{rules.STEPS[kind].label}”应由{rules.MEETINGS[wanted]}决定，所选“{row.title[:30]}”不是")
    elif day and row.date != day:
        c.add("meeting", f"所选会议的日期是{chinese_date(row.date)}，与本步骤的日期不一致")
    return row


def _eligible(member: Member, kind: str, day: dt.date) -> str:
    """Why a member cannot take part in this step on this day, or ''."""
    rule = rules.STEPS[kind]
    dates = {"came_on": member.came_on, "join_date": member.join_date, "left_on": member.left_on}
    if not members.is_active(dates, day):
        return f"{member.name}在{chinese_date(day)}不在本支部"
    if rule.full_members and (member.party_status != "full" or member.full_date and member.full_date > day):
        return f"{rule.role}应为正式党员（{rule.people_article}），{member.name}在{chinese_date(day)}还不是正式党员"
    return ""


def _people(uuids, kind: str, day: dt.date | None, c: v.Checker) -> list[Member]:
    rule = rules.STEPS[kind]
    uuids = list(dict.fromkeys(uuids or []))
    low, high = rule.people
    if not high:
        if uuids:
            c.add("people", f"“{rule.label}”不登记相关人员")
        return []
    found = {m.uuid: m for m in Member.select().where(Member.uuid.in_(uuids), Member.deleted_at.is_null())}
    if len(found) < len(uuids):
        c.add("people", "所选党员中有人不存在（可能已移到回收站）")
    elif not low <= len(uuids) <= high:
        count = f"{low}名" if low == high else f"{low}至{high}名"
        c.add("people", f"{rule.role}应为{count}（{rule.people_article}）")
    elif day:
        for member in found.values():
            why = _eligible(member, kind, day)
            if why:
                c.add("people", why)
                break
    return [found[u] for u in uuids if u in found]


def check_step(kind: str, data: dict) -> dict:
    """A step's own values: {date, meeting (activity uuid), people [member uuids], days, hours, months, note} →
    date, meeting (Activity), people [Member], days, hours, months, note; ValidationError per field."""
    if kind not in rules.STEPS:
        raise v.ValidationError({"kind": "请选择步骤"})
    records.require_keys(data, set(STEP_FIELDS))
    c = v.Checker()
    day = c.run("date", v.date, data.get("date"), "日期", not_after=records.today())
    meeting = _meeting(data.get("meeting"), kind, day, c)
    if day is None and meeting is not None and "date" not in c.errors:
        day = meeting.date  # the meeting's own date, not typed again
    if day is None and "date" not in c.errors:
        c.add("date", "请填写日期，或选择决定此事的会议")
    out = {"date": day, "meeting": meeting, "people": _people(data.get("people"), kind, day, c),
           "days": _count(data.get("days"), "days", "培训天数", c, 366) if kind == "training" else None,
           "hours": _count(data.get("hours"), "hours", "培训学时", c, 10000) if kind == "training" else None,
           "months": _count(data.get("months"), "months", "延长月数", c, 120) if kind == "extend" else None,
           "note": c.run("note", v.text, data.get("note"), "说明", 200) or ""}
    c.done()
    return out


def _refuse_archived(days) -> None:
    archive.refuse_days(days, "date", "发展党员记录")


def _chain(applicant: Applicant, steps: dict[str, dict], kind: str) -> None:
    """The whole path checked as it would be: problems of this step at its fields, of another as a sentence."""
    problems = rules.chain_problems(applicant.birth_date, applicant.applied_on, steps)
    mine = {field: message for k, field, message in problems if k == kind}
    if mine:
        raise v.ValidationError(mine)
    if problems:
        other, _, message = problems[0]
        what = rules.STEPS[other].label if other in rules.STEPS else "申请日期"
        raise v.ValidationError({"": f"这样改后，已登记的“{what}”与规定不符：{message}"})


def _check(applicant: Applicant, kind: str, version: str | None) -> DevelopmentStep | None:
    """The step's row; a change from a form or list that read it at version ("" for none) is refused
    (ConflictError, the step as its form shows it now, None when taken back) when it changed since: recorded
    again, recorded meanwhile where the form saw none, or taken back meanwhile. No version: no check."""
    row = DevelopmentStep.get_or_none(DevelopmentStep.applicant == applicant, DevelopmentStep.kind == kind)
    if version is not None and records.version_of(row) != version:
        stored = None if row is None else {"kind": kind, **step_snapshot(applicant.uuid, kind),
                                           "version": records.version_of(row)}
        error = records.conflict(applicant.uuid, stored)  # the step's changes are noted in the person's history
        error.what = f"{applicant.name}的“{rules.STEPS[kind].label}”"
        raise error
    return row


def step_version(uuid: str, kind: str) -> str:
    """The version of one step of a person's path, as a form reads it ("" when it is not recorded)."""
    return records.version_of(DevelopmentStep.select().join(Applicant).where(
        Applicant.uuid == uuid, DevelopmentStep.kind == kind).first())


def record_step(uuid: str, kind: str, data: dict, version: str | None = None) -> str:
    """Record (or correct) one step of a person's path; returns the step's UUID. Refused, with the reason at its
    field, when out of order or earlier than the rules allow; the member roster follows. version: the step's as
    the form read it ("" for none); a step changed since is not overwritten (ConflictError, see _check)."""
    values = check_step(kind, data)

    def write():
        records.touch(Applicant, Applicant.uuid == uuid)  # one change to a person's path at a time
        applicant = records.get_live(Applicant, uuid)
        row = _check(applicant, kind, version)
        steps = steps_of([applicant.id])[applicant.id]
        old = steps.get(kind)
        steps[kind] = {"kind": kind, **{k: values[k] for k in ("date", "days", "hours", "months")}}
        _chain(applicant, steps, kind)
        _refuse_archived([values["date"]] + ([old["date"]] if old else []))
        row = row or DevelopmentStep(applicant=applicant, kind=kind)
        for key in ("date", "meeting", "days", "hours", "months", "note"):
            setattr(row, key, values[key])
        row.updated_at = records.later(row.updated_at)
        row.save()
        DevelopmentPerson.delete().where(DevelopmentPerson.applicant == applicant,
                                         DevelopmentPerson.step == kind).execute()
        for member in values["people"]:
            DevelopmentPerson.create(applicant=applicant, step=kind, member=member)
        new = {"date": values["date"], "meeting": values["meeting"].title if values["meeting"] else "",
               "people": "、".join(m.name for m in values["people"]), "days": values["days"],
               "hours": values["hours"], "months": values["months"], "note": values["note"]}
        before = {} if old is None else {
            "date": old["date"], "meeting": old["meeting_title"], "people": "、".join(old["names"]), "days": old["days"],
            "hours": old["hours"], "months": old["months"], "note": old["note"]}
        _note(applicant, kind, "update" if old else "create", before, new)
        _sync_member(applicant, steps_of([applicant.id])[applicant.id])
        return row.uuid
    return records.writing(write)


def _note(applicant: Applicant, kind: str, action: str, before: dict, after: dict) -> None:
    """The step in the person's own history (their record's audit trail), its fields named as the form names them."""
    label = rules.STEPS[kind].label
    changes = {f"{label}·{FIELD_LABELS[k]}": pair for k, pair in audit.diff(before, after).items()}
    verb = {"create": "登记", "update": "修改", "erase": "撤销"}[action]
    audit.note("applicant", applicant.uuid, "update", f"{applicant.name}：{verb}“{label}”", changes)


def remove_step(uuid: str, kind: str, version: str | None = None) -> None:
    """Take a step back (undo); refused while a later step rests on it, and (with the version a form or undo step
    read) when it changed since."""
    def write():
        records.touch(Applicant, Applicant.uuid == uuid)
        applicant = records.get_live(Applicant, uuid)
        _check(applicant, kind, version)
        steps = steps_of([applicant.id])[applicant.id]
        old = steps.pop(kind, None)
        if old is None:
            return
        later = [rules.STEPS[k].label for k, rule in rules.STEPS.items() if k in steps and kind in rule.after]
        if later:
            raise v.ValidationError({"": f"“{'”“'.join(later)}”以“{rules.STEPS[kind].label}”为前提，请先撤销后面的步骤"})
        _refuse_archived([old["date"]])
        DevelopmentStep.delete().where(DevelopmentStep.applicant == applicant, DevelopmentStep.kind == kind).execute()
        DevelopmentPerson.delete().where(DevelopmentPerson.applicant == applicant,
                                         DevelopmentPerson.step == kind).execute()
        _note(applicant, kind, "erase", {"date": old["date"]}, {"date": None})
        _sync_member(applicant, steps)
    records.writing(write)


def step_snapshot(uuid: str, kind: str) -> dict | None:
    """What record_step takes to put a step back as it is now; None when it is not recorded."""
    applicant = records.get_live(Applicant, uuid)
    step = steps_of([applicant.id])[applicant.id].get(kind)
    return None if step is None else {k: step[k] for k in STEP_FIELDS}


def put_step(uuid: str, kind: str, snapshot: dict | None, version: str | None = None) -> None:
    """A step back as a snapshot had it (undo and redo): recorded again, or taken back when there was none; with a
    version, only over the step as it was then."""
    if snapshot is None:
        remove_step(uuid, kind, version)
    else:
        record_step(uuid, kind, snapshot, version)


# -- the member roster -------------------------------------------------------------------

PERSON = {"name": "name", "gender": "gender", "birth_date": "birth_date", "phone": "phone", "post": "job_title"}


def _roster_values(steps: dict[str, dict]) -> dict:
    full = "full" in steps
    return {"party_status": "full" if full else "probationary", "join_date": steps["probationary"]["date"],
            "full_date": rules.probation_end(steps) if full else None}


def _save_member(data: dict, name: str) -> str:
    try:
        return members.save_member(data)
    except v.ValidationError as e:
        raise v.ValidationError({"": f"党员名册中“{name}”的信息与此不符：" + "；".join(e.errors.values())}) from e


def _sync_member(applicant: Applicant, steps: dict[str, dict]) -> None:
    """The member record as the path says: none before 预备党员; 预备党员 with 入党日期; 正式党员 with 转正日期
    (预备期满之日, 党章第七条)."""
    member = Member.get_or_none(Member.id == applicant.member_id) if applicant.member_id else None
    if "probationary" not in steps:
        if member is not None:
            _take_back(applicant, member)
        return
    wanted = _roster_values(steps)
    if member is None:
        member = _same_person(applicant)
    if member is None:
        notes = f"工作单位：{applicant.workplace}" if applicant.workplace else ""
        uuid = _save_member({"name": applicant.name, "gender": applicant.gender, "birth_date": applicant.birth_date,
                             "phone": applicant.phone, "job_title": applicant.post, "notes": notes, **wanted},
                            applicant.name)
    else:
        if member.deleted_at is not None:
            raise v.ValidationError({"": f"党员名册中的“{member.name}”在回收站中，请先恢复该党员"})
        current = members.member_snapshot(member.uuid)
        if all(current[k] == val for k, val in wanted.items()):
            uuid = member.uuid
        else:
            uuid = _save_member({**current, **wanted}, member.name)
    Applicant.update(member=Member.get(Member.uuid == uuid).id).where(Applicant.id == applicant.id).execute()


def _same_person(applicant: Applicant) -> Member | None:
    """A member already in the roster under the same name and birth date, linked to no one else: typed there
    before, so linked rather than added twice."""
    taken = Applicant.select(Applicant.member).where(Applicant.member.is_null(False), Applicant.id != applicant.id)
    return Member.select().where(Member.deleted_at.is_null(), Member.name == applicant.name,
                                 Member.birth_date == applicant.birth_date, Member.id.not_in(taken)).first()


def _take_back(applicant: Applicant, member: Member) -> None:
    """Admission undone: the member it added goes again, unless records elsewhere already count them."""
    used = [f for f in Member._meta.backrefs if f.model is not Applicant
            and f.model.select().where(f == member.id).exists()]
    if used:
        raise v.ValidationError({"": f"党员名册中的“{member.name}”已有出勤、党费等记录，不能撤销接收预备党员；"
                                     "如需更正，请改日期，或在“党员”页处理"})
    Applicant.update(member=None).where(Applicant.id == applicant.id).execute()
    members.erase_member(member.uuid)


def pass_on_to_member(uuid: str, changed: dict) -> None:
    """Details of the person changed on the path (name, phone…) written to their member record as well."""
    applicant = Applicant.get(Applicant.uuid == uuid)
    wanted = {PERSON[k]: val for k, val in changed.items() if k in PERSON}
    if not wanted or not applicant.member_id:
        return
    member = Member.get(Member.id == applicant.member_id)
    if member.deleted_at is None:
        _save_member({**members.member_snapshot(member.uuid), **wanted}, member.name)


# -- what the step form offers -------------------------------------------------------------

def eligible_members(kind: str, day: dt.date | None) -> list[dict]:
    """The members who may take part in a step on a day (everyone in the branch then when no day is given yet)."""
    if kind not in rules.STEPS or not rules.STEPS[kind].people[1]:
        return []
    day = day or records.today()
    select = Member.select().where(Member.deleted_at.is_null()).order_by(Member.name, Member.id)
    return [{"uuid": m.uuid, "name": m.name, "status": m.party_status} for m in select if not _eligible(m, kind, day)]


def meetings_for(kind: str) -> list[dict]:
    """The live meetings of the type that decides this step, newest first."""
    wanted = rules.STEPS[kind].meeting if kind in rules.STEPS else None
    if wanted is None:
        return []
    select = (Activity.select(Activity.uuid, Activity.title, Activity.date)
              .where(Activity.deleted_at.is_null(), Activity.type == wanted).order_by(Activity.date.desc()).limit(500))
    return [{"uuid": a.uuid, "title": a.title, "date": a.date} for a in select]
