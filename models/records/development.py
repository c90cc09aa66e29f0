"""New members (发展党员): the people on the path — checks, saving, listing by stage with the next step due.

The steps themselves (recorded one at a time, with the roster kept in step) are development_steps; the rules and
their intervals are development_rules."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from models.records import codes, common as records, development_rules as rules, validation as v
from models.records.common import ListQuery
from models.records.schema import Activity, Applicant, DevelopmentPerson, DevelopmentStep, Member

FIELDS = ("name", "gender", "birth_date", "workplace", "post", "phone", "applied_on", "notes")
SEARCH = (Applicant.name, Applicant.workplace, Applicant.post, Applicant.phone, Applicant.notes)
# the list's 阶段 filter: a stage, or everyone with a step overdue or due soon
FILTERS = {**rules.STAGES, "due": "有待办事项"}
SORTABLE = ("name", "gender", "applied_on", "stage", "stage_date", "next_date", "workplace", "deleted_at")
STAGE_ORDER = {code: i for i, code in enumerate(rules.STAGES)}


@dataclass
class ApplicantQuery(ListQuery):
    stage: str = ""      # "" everyone, a rules.STAGES code, or "due"


def check_applicant(data: dict, today: dt.date | None = None) -> dict:
    """Checked, normalised values of the applicant form, or ValidationError with a message per field."""
    records.require_keys(data, set(FIELDS))
    today = today or records.today()
    c = v.Checker()
    out = {
        "name": c.run("name", v.text, data.get("name"), "姓名", 50, required=True),
        "gender": c.run("gender", v.choice, data.get("gender"), "性别", codes.GENDERS),
        "birth_date": c.run("birth_date", v.date, data.get("birth_date"), "出生日期", required=True,
                            not_after=today),
        "workplace": c.run("workplace", v.text, data.get("workplace"), "工作单位", 100),
        "post": c.run("post", v.text, data.get("post"), "职务", 60),
        "phone": c.run("phone", v.phone, data.get("phone"), "联系电话"),
        "applied_on": c.run("applied_on", v.date, data.get("applied_on"), "申请日期", required=True,
                            not_after=today),
        "notes": c.run("notes", v.text, data.get("notes"), "备注", 2000),
    }
    for _, field, message in rules.chain_problems(out["birth_date"], out["applied_on"], {}):
        c.add(field, message)
    c.done()
    return out


def save_applicant(data: dict) -> str:
    """Add (no uuid) or update (uuid given) a person on the path; returns the UUID. A change of the application
    date is checked against the steps taken; a change of the person's own details reaches their member record."""
    from models.records import development_steps
    values = check_applicant(data)
    uuid = data.get("uuid")

    def write():
        row = Applicant.get_or_none(Applicant.uuid == uuid, Applicant.deleted_at.is_null()) if uuid else None
        if row is not None:
            steps = steps_of([row.id])[row.id]
            problems = rules.chain_problems(values["birth_date"], values["applied_on"], steps)
            if problems:
                raise v.ValidationError({"applied_on": "这样修改后与已登记的步骤不符：" + problems[0][2]})
            before = {k: getattr(row, k) for k in FIELDS}
        saved = records.save(Applicant, uuid, values, version=data.get("version"), current=get_applicant)
        if row is not None:
            development_steps.pass_on_to_member(saved, {k: val for k, val in values.items() if before[k] != val})
        return saved
    return records.writing(write)


def get_applicant(uuid: str) -> dict:
    row = records.get_live(Applicant, uuid)
    return _row(row, steps_of([row.id]).get(row.id, {}), records.today())


def applicant_snapshot(uuid: str) -> dict:
    """What save_applicant needs to put the person back as they are now (for undo)."""
    row = records.get_live(Applicant, uuid)
    return {"uuid": row.uuid, **{name: getattr(row, name) for name in FIELDS}}


def delete_applicant(uuid: str, version: str | None = None) -> None:
    records.soft_delete(Applicant, uuid, version)


def restore_applicant(uuid: str) -> None:
    records.restore(Applicant, uuid)


def erase_applicant(uuid: str, version: str | None = None) -> None:
    records.erase(Applicant, uuid, version)


# -- reading ----------------------------------------------------------------------------

def steps_of(applicant_ids: list[int]) -> dict[int, dict[str, dict]]:
    """{applicant id: {kind: {uuid, kind, label, date, meeting, meeting_title, meeting_type, days, hours, months,
    note, people [member uuids], names [their names]}}}."""
    out: dict[int, dict[str, dict]] = {i: {} for i in applicant_ids}
    if not applicant_ids:
        return out
    select = (DevelopmentStep.select(DevelopmentStep, Activity.uuid.alias("meeting_uuid"),
                                     Activity.title.alias("meeting_title"), Activity.type.alias("meeting_type"))
              .join(Activity, JOIN.LEFT_OUTER, on=(DevelopmentStep.meeting == Activity.id))
              .where(DevelopmentStep.applicant.in_(applicant_ids)))
    for s in select.objects():
        step = rules.STEPS.get(s.kind)
        out[s.applicant_id][s.kind] = {
            "uuid": s.uuid, "kind": s.kind, "label": step.label if step else s.kind, "date": s.date,
            "meeting": s.meeting_uuid, "meeting_title": s.meeting_title or "", "meeting_type": s.meeting_type or "",
            "days": s.days, "hours": s.hours, "months": s.months, "note": s.note, "people": [], "names": []}
    people = (DevelopmentPerson.select(DevelopmentPerson.applicant, DevelopmentPerson.step, Member.uuid, Member.name)
              .join(Member).where(DevelopmentPerson.applicant.in_(applicant_ids))
              .order_by(DevelopmentPerson.id).tuples())
    for applicant, kind, member, name in people:
        step = out[applicant].get(kind)
        if step is not None:
            step["people"].append(member)
            step["names"].append(name)
    return out


def _row(row: Applicant, steps: dict[str, dict], today: dt.date) -> dict:
    out = {name: getattr(row, name) for name in FIELDS}
    stage = rules.stage_of(steps)
    reached = [s for k, s in steps.items() if rules.STEPS.get(k) and rules.STEPS[k].stage == stage]
    nxt = rules.next_step(row.applied_on, steps, today)
    out.update(uuid=row.uuid, version=records.version_of(row), deleted_at=row.deleted_at, steps=steps,
               stage=stage, stage_label=rules.STAGES[stage],
               stage_date=reached[0]["date"] if reached else row.applied_on, next=nxt,
               next_date=(nxt["due"] or nxt["earliest"]) if nxt else None,
               probation_end=rules.probation_end(steps), member=row.member.uuid if row.member_id else None)
    return out


def _filtered_rows(query: ListQuery, today: dt.date) -> list[dict]:
    select = records.filtered(Applicant, SEARCH, query).order_by(Applicant.id)
    found = list(select)
    steps = steps_of([r.id for r in found])
    rows = [_row(r, steps[r.id], today) for r in found]
    stage = getattr(query, "stage", "")
    if stage == "due":
        rows = [r for r in rows if r["next"] and r["next"]["state"] in ("overdue", "due_soon")]
    elif stage:
        rows = [r for r in rows if r["stage"] == stage]
    return rows


def _sort_key(key: str):
    def value(row):
        got = STAGE_ORDER[row["stage"]] if key == "stage" else row.get(key)
        return (got is None, got if got is not None else 0)
    return value


def count_applicants(query: ListQuery) -> int:
    return len(_filtered_rows(query, records.today()))


def list_applicants(query: ListQuery, offset: int = 0, limit: int = 200) -> list[dict]:
    """The people on the path as the page lists them (a branch has tens of them, so they are sorted here)."""
    rows = _filtered_rows(query, records.today())
    key = query.sort if query.sort in SORTABLE else "applied_on"
    rows.sort(key=lambda r: r["name"])
    rows.sort(key=_sort_key(key), reverse=query.descending)
    return rows[offset:offset + limit]


def pipeline(today: dt.date | None = None) -> list[dict]:
    """Every live person on the path, by application date: the rows the home page, 数据检查 and the ledger read."""
    return sorted(_filtered_rows(ListQuery(), today or records.today()), key=lambda r: (r["applied_on"], r["name"]))
