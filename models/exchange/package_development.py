"""A person's path to membership taken from a data package over the one here (the person chose the package's)."""
from __future__ import annotations

from models.records import common as records, development, validation as v
from models.records.parts import replace
from models.records.schema import Activity, Applicant, DevelopmentPerson, DevelopmentStep, Member


def _ids(model, uuids) -> dict[str, int]:
    wanted = [u for u in uuids if u]
    return dict(model.select(model.uuid, model.id).where(model.uuid.in_(wanted)).tuples()) if wanted else {}


def write_path(rec: dict, here: dict | None) -> None:
    """The person as the package has them (added, or over the one here): their details as the form checks them,
    the member record they are linked to, their steps and the members who took part (replacing those here), in
    one audit entry as the bulk writer makes it. Checked before, with their path, by plan_import."""
    if here is not None and here.get("deleted"):
        records.restore(Applicant, rec["uuid"])
    values = development.check_applicant({k: rec[k] for k in development.FIELDS})
    records.save(Applicant, rec["uuid"], values, parts=("steps", "people"))
    row = Applicant.get(Applicant.uuid == rec["uuid"])
    members = _ids(Member, [rec["member"]] + [p["member"] for p in rec["people"]])
    meetings = _ids(Activity, [s["meeting"] for s in rec["steps"]])
    Applicant.update(member=members.get(rec["member"])).where(Applicant.id == row.id).execute()
    replace(DevelopmentStep, "applicant", row.id, [
        {"kind": s["kind"], "date": v.date(s["date"], ""), "meeting": meetings.get(s["meeting"]), "days": s["days"],
         "hours": s["hours"], "months": s["months"], "note": s["note"].strip()} for s in rec["steps"]])
    replace(DevelopmentPerson, "applicant", row.id, [{"step": p["step"], "member": members[p["member"]]}
                                                      for p in rec["people"]])
    if rec["deleted"] and (here is None or here.get("deleted")):  # as the other kinds
        records.soft_delete(Applicant, rec["uuid"])
    if here is None:  # a person added from the package keeps the branch they came from
        Applicant.update(source_branch=rec.get("source_branch") or "").where(Applicant.id == row.id).execute()
