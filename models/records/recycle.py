"""The recycle bin (回收站): deleted records of every kind, to restore or remove for good."""
from __future__ import annotations

from models.records import activities, common as records, development, members, organisations, outreach, study
from models.records.schema import (
    Activity,
    Applicant,
    Attendance,
    DevelopmentPerson,
    DuesBase,
    DuesPayment,
    Member,
    Organisation,
    OutreachEvent,
    Participation,
    Reflection,
    StudySession,
)
from models.records.validation import ValidationError

# kind code → (label, table, the field that names a record, restore function)
KINDS = {
    "member": ("党员", Member, Member.name, members.restore_member),
    "organisation": ("社会组织", Organisation, Organisation.name, organisations.restore_organisation),
    "activity": ("支部活动", Activity, Activity.title, activities.restore_activity),
    "study_session": ("学习会", StudySession, StudySession.topic, study.restore_session),
    "outreach_event": ("联建活动", OutreachEvent, OutreachEvent.title, outreach.restore_event),
    "applicant": ("发展党员", Applicant, Applicant.name, development.restore_applicant),
}


def live_version(kind: str, uuid: str) -> str | None:
    """The version of a live record of that kind; None when it is in the bin or gone (undo checks it first)."""
    model = KINDS[kind][1]
    row = model.select(model.updated_at).where(model.uuid == uuid, model.deleted_at.is_null()).first()
    return records.version_of(row) if row else None


def list_deleted() -> list[dict]:
    """Everything in the bin, newest deletion first."""
    out = []
    for kind, (label, model, name_field, _) in KINDS.items():
        for uuid, name, deleted_at in (model.select(model.uuid, name_field, model.deleted_at)
                                       .where(model.deleted_at.is_null(False)).tuples()):
            out.append({"kind": kind, "kind_label": label, "uuid": uuid, "name": name, "deleted_at": deleted_at})
    return sorted(out, key=lambda r: r["deleted_at"], reverse=True)


def restore_record(kind: str, uuid: str) -> None:
    _, model, _, restore = KINDS[kind]
    (restore or (lambda u: records.restore(model, u)))(uuid)


def _still_counted(kind: str, uuid: str) -> str:
    """Why removing this record for good would change past figures, or ''."""
    if kind == "member":
        member = Member.get(Member.uuid == uuid)
        n = Attendance.select().where(Attendance.member == member).count()
        n += Reflection.select().where(Reflection.member == member).count()
        if n:
            return f"该党员出现在 {n} 条出勤或心得记录中，彻底删除会改变以往的出勤统计"
        paid = DuesPayment.select().join(DuesBase).where(DuesBase.member == member).count()
        if paid:
            return f"该党员有 {paid} 个月的党费缴纳记录，彻底删除会改变党费收缴台账"
        if (DevelopmentPerson.select().where(DevelopmentPerson.member == member).exists()
                or Applicant.select().where(Applicant.member == member).exists()):
            return "该党员出现在发展党员台账中（谈话人、培养联系人、入党介绍人，或由发展党员接收），彻底删除会改变该台账"
        return ""
    if kind == "organisation":
        n = Participation.select().join(Organisation).where(Organisation.uuid == uuid).count()
        return f"该组织参与过 {n} 项联建活动，彻底删除会改变以往的合计" if n else ""
    return ""


def purge_record(kind: str, uuid: str) -> None:
    """Remove a record from the bin for good; refused when past records still count it."""
    reason = _still_counted(kind, uuid)
    if reason:
        raise ValidationError({"": reason + "，因此不能彻底删除（可以一直留在回收站中）。"})
    if kind == "organisation":  # with its party-building history
        organisations.purge_organisation(uuid)
    else:
        records.purge(KINDS[kind][1], uuid)


def empty_bin() -> tuple[int, int]:
    """Remove for good every record in the bin that nothing else counts; returns (removed, kept)."""
    removed = kept = 0
    for row in list_deleted():
        try:
            purge_record(row["kind"], row["uuid"])
            removed += 1
        except ValidationError:
            kept += 1
    return removed, kept
