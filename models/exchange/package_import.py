"""Merging a data package into the store: a plan first (added, unchanged, in conflict), then one transaction."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from peewee import DoesNotExist, IntegrityError

from models.exchange.ledger_rows import chunks
from models.exchange.package_bulk import BulkWriter
from models.exchange.package_catalogue import DATED, RECORD_KINDS, known_uuids, mapped_record, match_catalogue
from models.exchange.package_checks import LiveOrganisations, check_record
from models.exchange.package_coverage import snapshot as coverage_snapshot, write_history
from models.exchange.package_development import write_path
from models.exchange.package_records import KINDS, LABELS, content, label_of, store_records
from models.records import (
    activities,
    archive,
    audit,
    codes,
    common as records,
    dues,
    members,
    organisations,
    outreach,
    study,
    validation as v,
)
from models.records.attachments import add_file
from models.records.parts import replace
from models.records.schema import (
    DuesBase,
    DuesPayment,
    Member,
    PlanTopic,
    Reflection,
    StudyGroup,
    StudyPlan,
    StudySession,
)
from models.records.settings import second_backup_folder
from models.store import attachment_dir, backup_open_store, db, stored_file, utcnow

HISTORY = ("party_orgs", "instructors")  # an organisation's history, written apart from its form's fields
SAVERS = {"members": members.save_member, "organisations": organisations.save_organisation,
          "study_groups": study.save_group, "activities": activities.save_activity,
          "study_sessions": study.save_session, "outreach_events": outreach.save_event}


class PackageError(Exception):
    """A package refused: every problem found, in Chinese; nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems) or ["数据包无法读取"]
        shown = "；".join(self.problems[:20])
        more = f"……共 {len(self.problems)} 处问题" if len(self.problems) > 20 else ""
        super().__init__(f"数据包未导入：{shown}{more}")


@dataclass
class Package:
    """A read and checked package: its manifest, records by kind, and the attachment files it carries."""
    manifest: dict
    records: dict[str, list[dict]]
    attachments: set[str] = field(default_factory=set)
    copy_attachment: Callable[[str, Path], None] | None = None  # writes one file out, checking its hash

    @property
    def branch(self) -> str:
        return v.clean(self.manifest.get("source_branch", ""))


@dataclass
class Conflict:
    kind: str
    uuid: str
    label: str
    fields: list[str]           # the fields that differ
    deleted_here: bool = False  # the record is in this PC's recycle bin


@dataclass
class Plan:
    added: list[tuple[str, str]] = field(default_factory=list)      # (kind, uuid)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)     # a package section/indicator → the one here
    new_catalogue: list[tuple[str, dict]] = field(default_factory=list)  # sections and indicators to add
    here: dict[str, dict] = field(default_factory=dict)      # uuid of a conflict → the record here
    values: dict[str, dict | None] = field(default_factory=dict)  # uuid of an added record → its checked values


def _local(kind: str, recs: list[dict]) -> dict[str, dict]:
    model = KINDS[kind][0]
    out = {}
    for chunk in chunks([r["uuid"] for r in recs]):
        out.update({r["uuid"]: r for r in store_records(kind, model.select().where(model.uuid.in_(chunk)))})
    if kind == "study_plans":  # a group's plan for a year is the same plan, whichever PC made it
        by_year = {(r["group"], r["year"]): r for r in store_records(kind, StudyPlan.select().where(
            StudyPlan.deleted_at.is_null()))}
        out.update({r["uuid"]: by_year[(r["group"], r["year"])] for r in recs
                    if r["uuid"] not in out and (r["group"], r["year"]) in by_year})
    if kind == "dues":  # so is a member's dues for a year
        by_year = {(r["member"], r["year"]): r for r in store_records(kind)}
        out.update({r["uuid"]: by_year[(r["member"], r["year"])] for r in recs
                    if r["uuid"] not in out and (r["member"], r["year"]) in by_year})
    return out


def _twins(package: Package) -> list[str]:
    """Two live records of the package the forms would refuse as one and the same (same name or credit code)."""
    out = []
    for kind, keys in (("organisations", ("name", "credit_code")), ("study_groups", ("name",))):
        for key in keys:
            seen = set()
            for rec in package.records.get(kind, []):
                value = rec[key].strip().lower() if isinstance(rec[key], str) else ""
                if value and not rec["deleted"] and value in seen:
                    out.append(f"{LABELS[kind]}“{label_of(rec)}”与数据包中的另一条重复（{value[:30]}）")
                seen.add(value)
    seen = set()
    for rec in package.records.get("dues", []):
        if (rec["member"], rec["year"]) in seen:
            out.append(f"{LABELS['dues']}“{label_of(rec)}”：同一党员同一年的党费在数据包中出现两次")
        seen.add((rec["member"], rec["year"]))
    return out


CHECK_STEP = 500  # records checked between two words to progress
PLAN_STEP = 2000  # records compared with this PC's at a time: all of them read from the store at once take room


def plan_import(package: Package, progress=None, keep_values: bool = False) -> Plan:
    """What importing would do, found without writing; PackageError when any record is invalid or points nowhere.
    progress(done, total) is told how many records are checked; it may raise to cancel. keep_values keeps the
    checked values of the records to add (what the import writes; room a plan only shown does not need)."""
    plan, problems = Plan(), []
    total, done = sum(len(package.records.get(kind, [])) for kind in RECORD_KINDS), 0
    for kind in ("sections", "indicators"):
        match_catalogue(package, kind, plan, problems)
    known = known_uuids(package, plan)
    problems += _twins(package)
    periods, twins = archive.list_archived(), LiveOrganisations()
    for kind, start in ((k, i) for k in RECORD_KINDS for i in range(0, len(package.records.get(k, [])), PLAN_STEP)):
        if len(problems) > 200:
            break
        recs = [mapped_record(r, plan) for r in package.records[kind][start:start + PLAN_STEP]]
        local = _local(kind, recs)
        for rec in recs:
            if progress and done % CHECK_STEP == 0:
                progress(done, total)
            done += 1
            found, values = check_record(kind, rec, known, package.attachments, twins)
            problems += found
            here = local.get(rec["uuid"])
            if here is None:
                day = rec.get(DATED.get(kind, ""))
                if day and archive.within(day, periods):
                    problems.append(f"{LABELS[kind]}“{label_of(rec)}”的日期 {day} 在已归档的期间内，不能导入")
                plan.added.append((kind, rec["uuid"]))
                if keep_values:
                    plan.values[rec["uuid"]] = values
                continue
            mine, theirs = content(here), content(rec)
            if mine == theirs and not (here.get("deleted") and not rec.get("deleted")):
                plan.unchanged.append((kind, rec["uuid"]))
            else:
                differ = sorted(k for k in theirs if mine.get(k) != theirs[k])
                plan.here[rec["uuid"]] = here
                plan.conflicts.append(Conflict(kind, rec["uuid"], _label(kind, rec), differ,
                                               bool(here.get("deleted"))))
    if problems:
        raise PackageError(problems)
    return plan


def _copy_files(package: Package, needed: set[str]) -> None:
    """Attachment files not yet here, added to the attachment folder (by hash, so a rolled-back import leaves
    only unused files behind, never a record without its file)."""
    missing = sorted(sha for sha in needed if stored_file(sha) is None)
    if not missing:
        return
    attachment_dir().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=attachment_dir(), prefix=".package-") as folder:
        for sha in missing:  # one at a time: the temporary copies never take more than one file's room
            target = Path(folder) / sha
            package.copy_attachment(sha, target)
            add_file(target)
            target.unlink()


def _write_plan(rec: dict, here: dict | None) -> None:
    group = StudyGroup.get(StudyGroup.uuid == rec["group"])
    row = StudyPlan.get(StudyPlan.uuid == here["uuid"]) if here else StudyPlan(uuid=rec["uuid"], group=group)
    for key in ("year", "goals", "tasks", "standards"):
        setattr(row, key, rec[key].strip() if isinstance(rec[key], str) else rec[key])
    row.updated_at = utcnow()
    row.save()
    replace(PlanTopic, "plan", row.id, [{k: t[k].strip() if isinstance(t[k], str) else t[k] for k in t}
                                        for t in rec["topics"]])


def _empty_reflections(rec: dict) -> None:
    """Reflections a package carries without text, which the session form leaves out: kept, as handed in."""
    empty = [r for r in rec["reflections"] if not r["text"].strip()]
    if not empty:
        return
    session = StudySession.get(StudySession.uuid == rec["uuid"]).id
    ids = dict(Member.select(Member.uuid, Member.id).where(Member.uuid.in_([r["member"] for r in empty])).tuples())
    Reflection.insert_many([{"session": session, "member": ids[r["member"]], "text": "",
                             "submitted_on": v.date(r["submitted_on"], "")} for r in empty]).execute()


def _label(kind: str, rec: dict) -> str:
    """What a conflict is called: a year of dues by its member too (the member is here, as the record is)."""
    if kind != "dues":
        return label_of(rec)
    member = Member.get_or_none(Member.uuid == rec["member"])
    return f"{member.name if member else ''}{label_of(rec)}"


def _write_dues(rec: dict, here: dict | None) -> None:
    """A member's year of dues as the package has it: the base, and its payments replacing those here."""
    member = Member.get(Member.uuid == rec["member"])
    values = dues.check_base({k: rec[k] for k in dues.BASE_FIELDS})
    row = (DuesBase.get(DuesBase.uuid == here["uuid"]) if here
           else DuesBase(uuid=rec["uuid"], member=member, year=rec["year"]))
    old = {key: getattr(row, key) for key in values} if here else {}
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    row.save()
    replace(DuesPayment, "base", row.id, [{"month": p["month"], "paid_on": v.date(p["paid_on"], ""),
                                           "amount_fen": v.centi(p["amount"], ""), "note": p["note"].strip()}
                                          for p in rec["payments"]])
    audit.note("dues_base", row.uuid, "update" if here else "create", f"{member.name} {rec['year']}年党费基数",
               {**audit.diff(old, values), "parts": ["payments"]})


def _write(kind: str, rec: dict, here: dict | None) -> None:
    model = KINDS[kind][0]
    if kind == "study_plans":
        return _write_plan(rec, here)
    if kind == "dues":
        return _write_dues(rec, here)
    if kind == "development":
        return write_path(rec, here)
    if here is not None and here.get("deleted"):
        records.restore(model, rec["uuid"])
    data = {k: val for k, val in rec.items() if k not in ("source_branch", "deleted", "archived") + HISTORY}
    if kind == "organisations" and (rec["party_orgs"] or rec["instructors"]):
        data["history"] = coverage_snapshot(rec)  # put back as the package has it, joint branches by their uuid
    SAVERS[kind](data)
    if kind == "study_groups":
        study.set_archived(rec["uuid"], rec["archived"])
    if kind == "study_sessions":
        _empty_reflections(rec)
    if rec.get("deleted") and (here is None or here.get("deleted")):
        records.soft_delete(model, rec["uuid"])
    if here is None:  # records created from the package keep the branch they came from
        model.update(source_branch=rec.get("source_branch") or "").where(model.uuid == rec["uuid"]).execute()


def apply_import(package: Package, decisions: dict[str, str] | None = None, progress=None) -> dict:
    """Import in one transaction, after a backup: {"added", "updated", "unchanged", "kept"}.

    decisions: {uuid: "mine" | "theirs"} for every conflict; PackageError (nothing written) otherwise.
    progress(done, total) is told how many records are written; it may raise to cancel, and the transaction
    then rolls back whole.
    """
    decisions = decisions or {}
    # Planned again: the store may have changed while the person decided. The bar stays at its start meanwhile,
    # and 取消 works from the first record.
    plan = plan_import(package, progress and (lambda done, total: progress(0, total)), keep_values=True)
    undecided = [c for c in plan.conflicts if decisions.get(c.uuid) not in ("mine", "theirs")]
    if undecided:
        raise PackageError([f"{LABELS[c.kind]}“{c.label}”两边内容不同，请选择保留本机的还是采用数据包的"
                            for c in undecided])
    theirs = {c.uuid for c in plan.conflicts if decisions[c.uuid] == "theirs"}
    write = {uuid for _, uuid in plan.added} | theirs
    counts = {"added": len(plan.added), "updated": len(theirs), "unchanged": len(plan.unchanged),
              "kept": len(plan.conflicts) - len(theirs)}
    if not write and not plan.new_catalogue:
        return counts
    backup_open_store("导入数据包前", second_backup_folder())
    _copy_files(package, {a["sha256"] for kind in RECORD_KINDS for rec in package.records.get(kind, [])
                          if rec["uuid"] in write for a in rec.get("attachments", [])})
    try:
        with db.atomic():
            for kind, rec in plan.new_catalogue:
                extra = ({"unit": rec["unit"].strip(), "rule": rec["rule"] if rec.get("rule") in codes.FIGURE_RULES
                          else "sum"} if kind == "indicators" else {})
                KINDS[kind][0].create(uuid=rec["uuid"], name=rec["name"].strip(), position=rec["position"], **extra)
            writer = BulkWriter(progress, len(write), package.branch)
            for kind in RECORD_KINDS:  # every kind only points at kinds before it
                todo = [mapped_record(rec, plan) for rec in package.records.get(kind, []) if rec["uuid"] in write]
                writer.write(kind, [rec for rec in todo if rec["uuid"] not in theirs], plan.values)
                if kind == "organisations":  # their party organisations and instructors over time
                    for rec in (rec for rec in todo if rec["uuid"] not in theirs):
                        write_history(rec)
                for rec in (rec for rec in todo if rec["uuid"] in theirs):
                    _write(kind, rec, plan.here[rec["uuid"]])  # few: replaced through the forms' save path
                    writer.advance(1)
    except (v.ValidationError, records.NotFound, IntegrityError, DoesNotExist,
            OverflowError) as e:  # a check missed: undo all
        detail = "；".join(e.errors.values()) if isinstance(e, v.ValidationError) else str(e)
        raise PackageError([f"写入时发现问题，已全部撤销：{detail}"]) from e
    return counts
