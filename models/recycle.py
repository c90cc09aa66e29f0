"""The recycle bin (回收站): deleted records of every kind, to restore or remove for good."""
from __future__ import annotations

from models import activities, members, organisations, outreach, records, study
from models.schema import Activity, Member, Organisation, OutreachEvent, StudySession

# kind code → (label, table, the field that names a record, restore function)
KINDS = {
    "member": ("党员", Member, Member.name, members.restore_member),
    "organisation": ("社会组织", Organisation, Organisation.name, organisations.restore_organisation),
    "activity": ("支部活动", Activity, Activity.title, activities.restore_activity),
    "study_session": ("学习会", StudySession, StudySession.topic, study.restore_session),
    "outreach_event": ("联建活动", OutreachEvent, OutreachEvent.title, outreach.restore_event),
}


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


def purge_record(kind: str, uuid: str) -> None:
    records.purge(KINDS[kind][1], uuid)


def empty_bin() -> int:
    """Remove every record in the bin for good; returns how many."""
    rows = list_deleted()
    for row in rows:
        purge_record(row["kind"], row["uuid"])
    return len(rows)
