"""The record kinds a data package carries: their fields and types, and the store's records in that form."""
from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections import defaultdict

from models.exchange.ledger_rows import chunks
from models.exchange.package_coverage import INSTRUCTORS, PARTY_ORGS, read_link, read_term
from models.records import activities, development, dues, members, organisations, outreach, study
from models.records.parts import centi_text
from models.records.schema import (
    Activity,
    Applicant,
    Attachment,
    Attendance,
    DevelopmentPerson,
    DevelopmentStep,
    DuesBase,
    DuesPayment,
    Figure,
    Indicator,
    InstructorTerm,
    Member,
    Organisation,
    OutreachEvent,
    Participation,
    PartyOrgLink,
    PlanTopic,
    Reflection,
    ReportSection,
    StudyGroup,
    StudyGroupMember,
    StudyPlan,
    StudySession,
)
from models.records.validation import clean

S, S0, I, I0, B, B0 = "str", "str?", "int", "int?", "bool", "bool?"
TYPE_LABELS = {S: "文字", S0: "文字或 null", I: "整数", I0: "整数或 null", B: "true/false", B0: "true/false 或 null"}
DEFAULTS = {S: "", S0: None, I0: None, B: False, B0: None}  # an int (I) has no default: it must be given
IDENTITY = ("uuid", "source_branch", "deleted")  # who a record is and where it came from, not what it says
MAX_ROWS = 10_000  # child rows of one record (attendance, figures…): a branch has tens of members, not thousands

ATTENDANCE = {"member": S, "status": S, "reason": S}
FIGURES = {"indicator": S, "value": S, "note": S}
ATTACHMENTS = {"sha256": S, "name": S, "size": I, "mime": S}
COMMON = {"uuid": S, "source_branch": S, "deleted": B}


def _text(fields) -> dict:
    return {name: S for name in fields}


# kind (the JSON file's name) → (table, {field: type, or {child field: type} for a list of child rows}),
# in the order records are written: every kind only points at kinds before it.
KINDS = {
    "sections": (ReportSection, {"uuid": S, "name": S, "position": I}),
    "indicators": (Indicator, {"uuid": S, "name": S, "unit": S, "position": I, "rule": S}),
    "members": (Member, {**COMMON, **_text(members.FIELDS), "birth_date": S0, "join_date": S0, "full_date": S0,
                         "came_on": S0, "left_on": S0, "young_cadre": B0}),
    # party_orgs and instructors: the history the columns are derived from (package_coverage)
    "organisations": (Organisation, {**COMMON, **_text(organisations.FIELDS), "registered_on": S0,
                                     "party_org_date": S0, "party_orgs": PARTY_ORGS, "instructors": INSTRUCTORS}),
    "study_groups": (StudyGroup, {**COMMON, "name": S, "purpose": S, "leader": S, "founded_on": S0, "archived": B,
                                  "members": {"member": S, "joined_on": S0, "left_on": S0}}),
    "study_plans": (StudyPlan, {"uuid": S, "group": S, "year": I, "goals": S, "tasks": S, "standards": S,
                                "topics": {"month": I, "topic": S, "materials": S, "lead": S}}),
    "activities": (Activity, {**COMMON, **_text(activities.FIELDS), "start_time": S0, "end_time": S0, "highlight": B,
                              "attendance": ATTENDANCE, "figures": FIGURES, "attachments": ATTACHMENTS}),
    "study_sessions": (StudySession, {**COMMON, **_text(study.FIELDS), "duration_minutes": I0,
                                      "attendance": ATTENDANCE, "attachments": ATTACHMENTS,
                                      "reflections": {"member": S, "text": S, "submitted_on": S0}}),
    "outreach_events": (OutreachEvent, {**COMMON, **_text(outreach.FIELDS), "end_date": S0, "highlight": B,
                                        "participations": {"organisation": S, "role": S, "money": S0,
                                                           "in_kind": S0, "jobs": I0, "note": S},
                                        "figures": FIGURES, "attachments": ATTACHMENTS}),
    "dues": (DuesBase, {"uuid": S, "member": S, "year": I, **_text(dues.BASE_FIELDS), "income": S0,
                        "payments": {"month": I, "paid_on": S, "amount": S, "note": S}}),
    # a person on the path to membership: the steps (each once; meeting: an activity's uuid or "") and the members
    # who took part in them (step: the step's kind); member: the roster's record once admitted, or ""
    "development": (Applicant, {**COMMON, **_text(development.FIELDS), "member": S,
                                "steps": {"kind": S, "date": S, "meeting": S, "days": I0, "hours": I0, "months": I0,
                                          "note": S},
                                "people": {"step": S, "member": S}}),
}
LABELS = {"sections": "栏目", "indicators": "指标", "members": "党员", "organisations": "社会组织",
          "study_groups": "学习小组", "study_plans": "学习计划", "activities": "支部活动", "study_sessions": "学习会",
          "outreach_events": "联建活动", "dues": "党费", "development": "发展党员"}
REFERENCES = {"section": ReportSection, "group": StudyGroup, "leader": Member, "member": Member}
# fields a kind writes from columns of other names: (kind, field) → how a stored row reads
READ = {("dues", "income"): lambda r: None if r.income_fen is None else centi_text(r.income_fen),
        ("dues", "due"): lambda r: centi_text(r.due_fen)}
FLAGS = {"deleted": "deleted_at", "archived": "archived_at"}  # true when the record has that moment
# child list → (table, the column pointing at the record, how one row reads)
CHILDREN = {
    "attendance": (Attendance, lambda r, ref: {"member": ref(Member, r.member_id), "status": r.status,
                                               "reason": r.reason}),
    "figures": (Figure, lambda r, ref: {"indicator": ref(Indicator, r.indicator_id),
                                        "value": r.as_entered or centi_text(r.value_centi), "note": r.note}),
    "attachments": (Attachment, lambda r, ref: {"sha256": r.sha256, "name": r.name, "size": r.size,
                                                "mime": r.mime}),
    "reflections": (Reflection, lambda r, ref: {"member": ref(Member, r.member_id), "text": r.text,
                                                "submitted_on": plain(r.submitted_on)}),
    "participations": (Participation, lambda r, ref: {
        "organisation": ref(Organisation, r.organisation_id), "role": r.role,
        "money": None if r.money_fen is None else centi_text(r.money_fen),
        "in_kind": None if r.in_kind_fen is None else centi_text(r.in_kind_fen), "jobs": r.jobs, "note": r.note}),
    "members": (StudyGroupMember, lambda r, ref: {"member": ref(Member, r.member_id),
                                                  "joined_on": plain(r.joined_on), "left_on": plain(r.left_on)}),
    "topics": (PlanTopic, lambda r, ref: {"month": r.month, "topic": r.topic, "materials": r.materials,
                                          "lead": r.lead}),
    "payments": (DuesPayment, lambda r, ref: {"month": r.month, "paid_on": plain(r.paid_on),
                                              "amount": centi_text(r.amount_fen), "note": r.note}),
    "steps": (DevelopmentStep, lambda r, ref: {"kind": r.kind, "date": plain(r.date),
                                               "meeting": ref(Activity, r.meeting_id), "days": r.days,
                                               "hours": r.hours, "months": r.months, "note": r.note}),
    "people": (DevelopmentPerson, lambda r, ref: {"step": r.step, "member": ref(Member, r.member_id)}),
    "party_orgs": (PartyOrgLink, read_link),
    "instructors": (InstructorTerm, read_term),
}
OWNER = {"activities": "activity", "study_sessions": "session", "outreach_events": "event",
         "study_groups": "group", "study_plans": "plan", "dues": "base", "development": "applicant",
         "organisations": "organisation"}


def plain(value):
    """A stored value as JSON has it: dates as 2022-09-30, times as 14:30."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def is_uuid(value) -> bool:
    try:
        return isinstance(value, str) and str(uuidlib.UUID(value)) == value
    except ValueError:
        return False


def label_of(record: dict) -> str:
    text = record.get("name") or record.get("title") or record.get("topic") or ""
    if not text and "year" in record:
        text = f"{record['year']}年"  # a study plan's, a member's dues
    return str(text)[:40] or str(record.get("uuid", ""))[:8]


def _typed(value, type_: str) -> bool:
    if type_ in (S, S0):
        return isinstance(value, str) or (type_ == S0 and value is None)
    if type_ in (I, I0):
        return (isinstance(value, int) and not isinstance(value, bool)) or (type_ == I0 and value is None)
    return isinstance(value, bool) or (type_ == B0 and value is None)


def _row(value, spec: dict, where: str, problems: list) -> dict | None:
    """One object checked against its spec, with missing fields filled by their defaults."""
    if not isinstance(value, dict):
        problems.append(f"{where}应为一个对象")
        return None
    unknown = [k for k in value if k not in spec]
    if unknown:
        problems.append(f"{where}有未知字段“{str(unknown[0])[:30]}”")
        return None
    out = {}
    for key, type_ in spec.items():
        if isinstance(type_, dict):
            rows = value.get(key, [])
            if not isinstance(rows, list):
                problems.append(f"{where}的“{key}”应为列表")
                return None
            if len(rows) > MAX_ROWS:
                problems.append(f"{where}的“{key}”有 {len(rows)} 行，超过了 {MAX_ROWS} 行的上限")
                return None
            out[key] = [_row(r, type_, f"{where}“{key}”第 {i} 行", problems) for i, r in enumerate(rows, 1)]
            if None in out[key]:
                return None
        elif key not in value:
            if type_ not in DEFAULTS:
                problems.append(f"{where}缺少“{key}”")
                return None
            out[key] = DEFAULTS[type_]
        elif not _typed(value[key], type_):
            problems.append(f"{where}的“{key}”应为{TYPE_LABELS[type_]}")
            return None
        else:  # text without the characters no field keeps, the rule the forms and the .xlsx import apply
            out[key] = clean(value[key]) if isinstance(value[key], str) else value[key]
    return out


def typed_record(kind: str, item, i: int, seen: set[str], problems: list[str]) -> dict | None:
    """The kind's ith record (from 1) checked for shape and types, with defaults filled; None when it is not a
    record. seen: the uuids of the records before it."""
    label = LABELS[kind]
    row = _row(item, KINDS[kind][1], f"{label}第 {i} 条", problems)
    if row is None:
        return None
    if not is_uuid(row["uuid"]):
        problems.append(f"{label}第 {i} 条的编号“{str(row['uuid'])[:40]}”不是有效的 UUID（小写，带连字符）")
    elif row["uuid"] in seen:
        problems.append(f"{label}第 {i} 条的编号与前面的记录重复")
    seen.add(row["uuid"])
    return row


def content(record: dict) -> dict:
    """What a record says, to compare two versions: identity left out, child rows in a fixed order."""
    return {k: (sorted(v, key=repr) if isinstance(v, list) else v) for k, v in record.items() if k not in IDENTITY}


def store_records(kind: str, select=None) -> list[dict]:
    """The store's records of a kind (all of them, or those the select picks) in package form."""
    model, spec = KINDS[kind]
    rows = list(model.select() if select is None else select)
    maps: dict = {}

    def ref(table, row_id) -> str:
        if table not in maps:
            maps[table] = dict(table.select(table.id, table.uuid).tuples())
        return maps[table].get(row_id, "")

    children = {}
    for name in (k for k, t in spec.items() if isinstance(t, dict)):
        table, read = CHILDREN[name]
        owner = getattr(table, OWNER[kind])
        found = children[name] = defaultdict(list)
        for chunk in chunks([r.id for r in rows]):
            for child in table.select().where(owner.in_(chunk)).order_by(table.id):
                found[getattr(child, OWNER[kind] + "_id")].append(read(child, ref))
    out = []
    for row in rows:
        record = {}
        for key, type_ in spec.items():
            if isinstance(type_, dict):
                record[key] = children[key][row.id]
            elif key in FLAGS:
                record[key] = getattr(row, FLAGS[key]) is not None
            elif key in REFERENCES:
                record[key] = ref(REFERENCES[key], getattr(row, key + "_id"))
            elif (kind, key) in READ:
                record[key] = READ[kind, key](row)
            else:
                record[key] = plain(getattr(row, key))
        out.append(record)
    return out
