"""Merging a data package into the store: a plan first (added, unchanged, in conflict), then one transaction."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from peewee import DoesNotExist, IntegrityError

from models.exchange.ledger_rows import chunks
from models.exchange.package_bulk import BulkWriter
from models.exchange.package_checks import LiveOrganisations, check_record
from models.exchange.package_records import KINDS, LABELS, content, label_of, store_records
from models.records import (
    activities,
    archive,
    codes,
    common as records,
    members,
    organisations,
    outreach,
    study,
    validation as v,
)
from models.records.attachments import add_file
from models.records.parts import replace
from models.records.schema import (
    Indicator,
    Member,
    PlanTopic,
    Reflection,
    ReportSection,
    StudyGroup,
    StudyPlan,
    StudySession,
)
from models.records.settings import second_backup_folder
from models.store import attachment_dir, backup_open_store, db, stored_file, utcnow

RECORD_KINDS = [k for k in KINDS if k not in ("sections", "indicators")]
DATED = {"activities": "date", "study_sessions": "date", "outreach_events": "start_date"}
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
    here: dict[str, dict] = field(default_factory=dict)      # uuid → the matching record here, if any
    values: dict[str, dict | None] = field(default_factory=dict)  # uuid of an added record → its checked values


def _existing(model, uuids, live: bool = False) -> set[str]:
    out = set()
    for chunk in chunks(sorted(uuids)):
        select = model.select(model.uuid).where(model.uuid.in_(chunk))
        out |= {u for (u,) in (select.where(model.deleted_at.is_null()) if live else select).tuples()}
    return out


def _catalogue(package: Package, kind: str, plan: Plan, problems: list) -> None:
    """Sections and indicators are matched by UUID, then by name (an indicator only where its unit agrees: 元 and
    万元 are not one figure); the rest are added. Those here stay as they are."""
    model = KINDS[kind][0]
    live = list(model.select().where(model.deleted_at.is_null()).order_by(model.id))
    by_uuid, by_name = {r.uuid: r for r in live}, {}
    for r in live:
        by_name.setdefault(r.name.strip().lower(), r)
    gone = _existing(model, [r["uuid"] for r in package.records.get(kind, [])]) - set(by_uuid)
    for rec in package.records.get(kind, []):
        twin = by_uuid.get(rec["uuid"]) or by_name.get(rec["name"].strip().lower())
        if twin is not None and kind == "indicators" and twin.uuid != rec["uuid"] and twin.unit != rec["unit"].strip():
            problems.append(f"指标“{label_of(rec)}”在本机的单位是“{twin.unit}”，数据包中是“{rec['unit'][:10]}”，"
                            "请先在设置中统一单位（或改名）后再导入")
            continue
        c = v.Checker()
        c.run("name", v.text, rec["name"], f"{LABELS[kind]}名称", 60, required=True)
        if kind == "indicators":
            c.run("unit", v.text, rec["unit"], "单位", 10, required=True)
        if not -10 ** 9 < rec["position"] < 10 ** 9:
            c.add("position", "排序号不正确")
        if twin is not None:
            plan.mapped[rec["uuid"]] = twin.uuid
        elif rec["uuid"] in gone:
            problems.append(f"{LABELS[kind]}“{label_of(rec)}”在本机已删除，请先恢复它")
        elif c.errors:
            problems += [f"{LABELS[kind]}“{label_of(rec)}”：{m}" for m in c.errors.values()]
        else:
            plan.mapped[rec["uuid"]] = rec["uuid"]
            plan.new_catalogue.append((kind, rec))


def _mapped(rec: dict, plan: Plan) -> dict:
    """A package record with its section and indicators replaced by the ones here they stand for."""
    out = dict(rec)
    if out.get("section"):
        out["section"] = plan.mapped.get(out["section"], out["section"])
    if "figures" in out:
        out["figures"] = [{**f, "indicator": plan.mapped.get(f["indicator"], f["indicator"])} for f in out["figures"]]
    return out


def _known(package: Package, plan: Plan) -> dict[str, set[str]]:
    """Every UUID a record may point at: in the package, or here."""
    recs = package.records
    wanted = {kind: {r["uuid"] for r in recs.get(kind, [])} for kind in RECORD_KINDS}
    member_refs = {x["member"] for k in ("activities", "study_sessions") for r in recs.get(k, [])
                   for x in r["attendance"] + r.get("reflections", [])}
    member_refs |= {x["member"] for r in recs.get("study_groups", []) for x in r["members"]}
    member_refs |= {r["leader"] for r in recs.get("study_groups", []) if r["leader"]}
    orgs = {p["organisation"] for r in recs.get("outreach_events", []) for p in r["participations"]}
    groups = {r["group"] for k in ("study_sessions", "study_plans") for r in recs.get(k, [])}
    live_groups = {r["uuid"] for r in recs.get("study_groups", []) if not r["deleted"]}
    return {"member": wanted["members"] | _existing(KINDS["members"][0], member_refs),
            "organisation": wanted["organisations"] | _existing(KINDS["organisations"][0], orgs),
            "group": live_groups | _existing(StudyGroup, groups, live=True),
            "section": set(plan.mapped.values()) | _existing(ReportSection, _refs(recs, "section", plan), live=True),
            "indicator": set(plan.mapped.values()) | _existing(Indicator, _refs(recs, "indicator", plan), live=True)}


def _refs(recs: dict, key: str, plan: Plan) -> set[str]:
    """The sections (or indicators) records point at that the package does not carry: they must be here."""
    rows = ([r] if key == "section" else r.get("figures", []) for k in DATED for r in recs.get(k, []))
    return {row[key] for found in rows for row in found if row.get(key)} - set(plan.mapped)


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
    return out


CHECK_STEP = 500  # records checked between two words to progress


def plan_import(package: Package, progress=None) -> Plan:
    """What importing would do, found without writing; PackageError when any record is invalid or points nowhere.
    progress(done, total) is told how many records are checked; it may raise to cancel."""
    plan, problems = Plan(), []
    total, done = sum(len(package.records.get(kind, [])) for kind in RECORD_KINDS), 0
    for kind in ("sections", "indicators"):
        _catalogue(package, kind, plan, problems)
    known = _known(package, plan)
    problems += _twins(package)
    periods, twins = archive.list_archived(), LiveOrganisations()
    for kind in RECORD_KINDS:
        recs = [_mapped(r, plan) for r in package.records.get(kind, [])]
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
                plan.values[rec["uuid"]] = values
                continue
            plan.here[rec["uuid"]] = here
            mine, theirs = content(here), content(rec)
            if mine == theirs and not (here.get("deleted") and not rec.get("deleted")):
                plan.unchanged.append((kind, rec["uuid"]))
            else:
                differ = sorted(k for k in theirs if mine.get(k) != theirs[k])
                plan.conflicts.append(Conflict(kind, rec["uuid"], label_of(rec), differ,
                                               bool(here.get("deleted"))))
        if len(problems) > 200:
            break
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
        for sha in missing:
            target = Path(folder) / sha
            package.copy_attachment(sha, target)
            add_file(target)


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


def _write(kind: str, rec: dict, here: dict | None) -> None:
    model = KINDS[kind][0]
    if kind == "study_plans":
        return _write_plan(rec, here)
    if here is not None and here.get("deleted"):
        records.restore(model, rec["uuid"])
    SAVERS[kind]({k: val for k, val in rec.items() if k not in ("source_branch", "deleted", "archived")})
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
    plan = plan_import(package, progress and (lambda done, total: progress(0, total)))
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
    todo = [(kind, _mapped(rec, plan)) for kind in RECORD_KINDS for rec in package.records.get(kind, [])
            if rec["uuid"] in write]
    for _, rec in todo:
        rec.setdefault("source_branch", "")
        rec["source_branch"] = rec["source_branch"] or package.branch
    _copy_files(package, {a["sha256"] for _, rec in todo for a in rec.get("attachments", [])})
    try:
        with db.atomic():
            for kind, rec in plan.new_catalogue:
                extra = ({"unit": rec["unit"].strip(), "rule": rec["rule"] if rec.get("rule") in codes.FIGURE_RULES
                          else "sum"} if kind == "indicators" else {})
                KINDS[kind][0].create(uuid=rec["uuid"], name=rec["name"].strip(), position=rec["position"], **extra)
            writer = BulkWriter(progress, len(todo))
            for kind in RECORD_KINDS:  # every kind only points at kinds before it
                writer.write(kind, [rec for k, rec in todo if k == kind and rec["uuid"] not in theirs], plan.values)
                for rec in (rec for k, rec in todo if k == kind and rec["uuid"] in theirs):
                    _write(kind, rec, plan.here[rec["uuid"]])  # few: replaced through the forms' save path
                    writer.advance(1)
    except (v.ValidationError, records.NotFound, IntegrityError, DoesNotExist,
            OverflowError) as e:  # a check missed: undo all
        detail = "；".join(e.errors.values()) if isinstance(e, v.ValidationError) else str(e)
        raise PackageError([f"写入时发现问题，已全部撤销：{detail}"]) from e
    return counts
