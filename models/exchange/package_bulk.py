"""A checked package's new records written in bulk: executemany on the raw connection, in the import's transaction."""
from __future__ import annotations

import json

from models.exchange.package_records import KINDS, OWNER
from models.records import audit, parts, validation as v
from models.records.schema import (
    Activity,
    Attachment,
    Attendance,
    DevelopmentPerson,
    DevelopmentStep,
    DuesPayment,
    Figure,
    Indicator,
    Member,
    Organisation,
    Participation,
    PlanTopic,
    Reflection,
    ReportSection,
    StudyGroup,
    StudyGroupMember,
)
from models.store import column_map, driver_errors, insert_rows, largest_id, new_uuid, utcnow

# record kind → its parts as the form saves them: (list in the package, table); the audit names these parts
PARTS = {"activities": (("attendance", Attendance), ("figures", Figure), ("attachments", Attachment)),
         "study_sessions": (("attendance", Attendance), ("attachments", Attachment), ("reflections", Reflection)),
         "outreach_events": (("participations", Participation), ("figures", Figure), ("attachments", Attachment)),
         "study_groups": (("members", StudyGroupMember),),
         "study_plans": (("topics", PlanTopic),),
         "dues": (("payments", DuesPayment),),
         "development": (("steps", DevelopmentStep), ("people", DevelopmentPerson))}
# study groups save their members apart
AUDITED_PARTS = {"activities", "study_sessions", "outreach_events", "dues", "development"}
# what a reference in a package record points at: (the field in the record, the table of the record it names)
REFERENCES = {"section": ReportSection, "group": StudyGroup, "leader": Member, "member": Member}


def _text(value) -> str:
    return v.text(value, "", 1 << 30) or ""


def _centi(value) -> int | None:
    return None if value in (None, "") else v.centi(value, "")


def _part_row(name: str, row: dict, ids) -> dict | None:
    """One part row in the form the save path stores it."""
    if name == "attendance":
        return {"member": ids(Member, row["member"]), "status": row["status"],
                "reason": "" if row["status"] == "present" else _text(row["reason"])}
    if name == "figures":
        value_centi, as_entered = v.figure_value(row["value"], "")
        return {"indicator": ids(Indicator, row["indicator"]), "value_centi": value_centi, "as_entered": as_entered,
                "note": _text(row["note"])}
    if name == "attachments":
        return parts.check_attachments([row], v.Checker())[0]
    if name == "reflections":  # kept even without text: the package says it was handed in
        return {"member": ids(Member, row["member"]), "text": _text(row["text"]),
                "submitted_on": v.date(row["submitted_on"], "")}
    if name == "participations":
        jobs = _centi(row["jobs"])
        return {"organisation": ids(Organisation, row["organisation"]), "role": row["role"] or "participant",
                "money_fen": _centi(row["money"]), "in_kind_fen": _centi(row["in_kind"]),
                "jobs": None if jobs is None else jobs // 100, "note": _text(row["note"])}
    if name == "payments":
        return {"month": row["month"], "paid_on": v.date(row["paid_on"], ""), "amount_fen": v.centi(row["amount"], ""),
                "note": _text(row["note"])}
    if name == "steps":  # a step of someone's path, and the meeting that decided it
        return {"kind": row["kind"], "date": v.date(row["date"], ""), "days": row["days"], "hours": row["hours"],
                "meeting": ids(Activity, row["meeting"]) if row["meeting"] else None, "months": row["months"],
                "note": _text(row["note"])}
    if name == "people":
        return {"step": row["step"], "member": ids(Member, row["member"])}
    if name == "members":
        return {"member": ids(Member, row["member"]), "joined_on": v.date(row["joined_on"], ""),
                "left_on": v.date(row["left_on"], "")}
    return {key: value.strip() if isinstance(value, str) else value for key, value in row.items()}  # topics


def _default(field):
    default = field.default
    return field.db_value(default() if callable(default) else default)


def _plan_values(rec: dict) -> dict:
    return {key: rec[key].strip() if isinstance(rec[key], str) else rec[key]
            for key in ("year", "goals", "tasks", "standards")}


class BulkWriter:
    """Writes the added records of one import, kind by kind, inside the caller's transaction.

    Saving record by record through the forms' save path costs milliseconds each (queries built per record and
    per part); a package of 100,000 records would take minutes. Every record here has passed plan_import, which
    ran the forms' checks, so what is left is writing the rows the save path writes: the records, their parts and
    the audit entries (the search index follows by its triggers).
    """

    CHUNK = 5000  # rows per executemany: between chunks the import may be cancelled
    RECORDS = 2000  # records whose rows are made and written together

    def __init__(self, progress=None, total: int = 0, branch: str = ""):
        self.now = utcnow()
        self.operator = audit.operator()
        self.maps: dict = {}  # table → {uuid: id}, and ("names", table) → {id: name}, read when first needed
        self.progress, self.total, self.done = progress, total, 0
        self.branch = branch  # the package's: for records that do not name the branch they were entered in

    def advance(self, records: int) -> None:
        """Count written records and tell progress, which may raise to cancel the whole import."""
        self.done += records
        if self.progress:
            self.progress(self.done, self.total)

    def write(self, kind: str, recs: list[dict], checked: dict[str, dict | None]) -> None:
        """The kind's new records (mapped) with their parts and audit entries.
        SQLite's own errors are raised as the save path raises them."""
        with driver_errors():
            self._write(kind, recs, checked)

    def _write(self, kind: str, recs: list[dict], checked: dict[str, dict | None]) -> None:
        # A slice at a time: the rows, parts and audit entries of 20,000 activities at once would hold ~100 MB.
        for start in range(0, len(recs), self.RECORDS):
            self._write_some(kind, recs[start:start + self.RECORDS], checked)

    def _write_some(self, kind: str, recs: list[dict], checked: dict[str, dict | None]) -> None:
        model = KINDS[kind][0]
        table = model._meta.table_name
        self.maps.pop(model, None)  # this kind's ids and names change now: read again when next needed
        self.maps.pop(("names", model), None)
        before = largest_id(table)
        rows, entries = [], []
        for rec in recs:
            values = _plan_values(rec) if kind == "study_plans" else dict(checked[rec["uuid"]])
            if kind == "dues":  # the member's year: what the base's form is given apart from the table
                values.update(year=rec["year"], member=None)
            if kind == "development":  # the roster's record of someone admitted, given apart from the form
                values.update(member=None)
            for key, target in REFERENCES.items():
                if key in values or (key == "group" and kind == "study_plans"):
                    values[key] = self._id(target, rec[key]) if rec.get(key) else None
            rows.append({**values, "uuid": rec["uuid"], "created_at": self.now, "updated_at": self.now,
                         "deleted_at": self.now if rec.get("deleted") else None,
                         "source_branch": rec.get("source_branch") or self.branch})
            if kind == "study_groups":
                rows[-1]["archived_at"] = self.now if rec["archived"] else None
            if kind != "study_plans":  # plans are saved without an audit entry, as the plan editor saves them
                entries += self._audit(kind, table, rec, values)
        self._insert(model, rows)
        # Within this write transaction no one else adds rows, so the ids past the old largest are these records'.
        new = column_map(table, "uuid", "id", after_id=before)
        for name, part in PARTS.get(kind, ()):
            found = []
            for rec in recs:
                owner = new[rec["uuid"]]
                for item in rec[name]:
                    row = _part_row(name, item, self._id)
                    row.update(uuid=new_uuid(), created_at=self.now, updated_at=self.now)
                    row[OWNER[kind]] = owner
                    found.append(row)
            self._insert(part, found)
        self._insert(audit.AuditEntry, entries)
        self.advance(len(recs))

    def _insert(self, model, rows: list[dict]) -> None:
        """Rows as dicts by field name; a field a row leaves out gets the model's default, as a save gives it."""
        if not rows:
            return
        fields = [f for f in model._meta.sorted_fields if f.name != "id"]
        columns, names = [f.column_name for f in fields], [f.name for f in fields]
        for start in range(0, len(rows), self.CHUNK):
            self.advance(0)
            chunk = rows[start:start + self.CHUNK]
            insert_rows(model._meta.table_name, columns, [tuple(row[name] if name in row else _default(field)
                                                                for name, field in zip(names, fields)) for row in chunk])

    def _id(self, model, uuid: str) -> int:
        if model not in self.maps:
            self.maps[model] = column_map(model._meta.table_name, "uuid", "id")
        return self.maps[model][uuid]

    def _name(self, model, record_id: int) -> str:
        key = ("names", model)
        if key not in self.maps:
            self.maps[key] = column_map(model._meta.table_name, "id", "name")
        return self.maps[key][record_id]

    def _audit(self, kind: str, table: str, rec: dict, values: dict) -> list[dict]:
        """The entries a save from a form writes: created, and moved to the recycle bin when it travelled there."""
        named = {k: v for k, v in values.items()  # a dues base's own, a person's own (not the roster's record)
                 if not (kind in ("dues", "development") and k in ("year", "member"))}
        for key in ("section", "group"):  # named in the audit, as the form's save names them; a leader by id
            if named.get(key) is not None:
                named[key] = self._name(REFERENCES[key], named[key])
        changes = audit.diff({}, named)
        if kind in AUDITED_PARTS:
            changes["parts"] = [name for name, _ in PARTS[kind]]
        label = str(values.get("name") or values.get("title") or values.get("topic") or "")[:200]
        if kind == "dues":  # as the base's own save names it
            label = f"{self._name(Member, values['member'])} {values['year']}年党费基数"
        out = [{"at": self.now, "operator": self.operator, "kind": table, "record_uuid": rec["uuid"],
                "action": "create", "summary": label,
                "changes": json.dumps(changes, ensure_ascii=False, default=str)}]
        if rec.get("deleted"):
            out.append({**out[0], "action": "delete", "changes": "{}"})
        return out
