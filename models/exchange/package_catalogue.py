"""A package's sections and indicators matched to this PC's, and the UUIDs its records may point at."""
from __future__ import annotations

from models.exchange.ledger_rows import chunks
from models.exchange.package_records import KINDS, LABELS, label_of
from models.records import validation as v
from models.records.schema import Activity, Indicator, ReportSection, StudyGroup

RECORD_KINDS = [k for k in KINDS if k not in ("sections", "indicators")]
DATED = {"activities": "date", "study_sessions": "date", "outreach_events": "start_date"}


def existing(model, uuids, live: bool = False) -> set[str]:
    out = set()
    for chunk in chunks(sorted(uuids)):
        select = model.select(model.uuid).where(model.uuid.in_(chunk))
        out |= {u for (u,) in (select.where(model.deleted_at.is_null()) if live else select).tuples()}
    return out


def match_catalogue(package, kind: str, plan, problems: list) -> None:
    """Sections and indicators are matched by UUID, then by name (an indicator only where its unit agrees: 元 and
    万元 are not one figure); the rest are added. Those here stay as they are."""
    model = KINDS[kind][0]
    live = list(model.select().where(model.deleted_at.is_null()).order_by(model.id))
    by_uuid, by_name = {r.uuid: r for r in live}, {}
    for r in live:
        by_name.setdefault(r.name.strip().lower(), r)
    gone = existing(model, [r["uuid"] for r in package.records.get(kind, [])]) - set(by_uuid)
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


def mapped_record(rec: dict, plan) -> dict:
    """A package record with its section and indicators replaced by the ones here they stand for (the record
    itself when they are the same: 20,000 copies of a package's records take room)."""
    def moved(uuid):
        return plan.mapped.get(uuid, uuid) != uuid
    if not (rec.get("section") and moved(rec["section"])) and not any(moved(f["indicator"])
                                                                       for f in rec.get("figures", ())):
        return rec
    out = dict(rec)
    if out.get("section"):
        out["section"] = plan.mapped.get(out["section"], out["section"])
    if "figures" in out:
        out["figures"] = [{**f, "indicator": plan.mapped.get(f["indicator"], f["indicator"])} for f in out["figures"]]
    return out


def known_uuids(package, plan) -> dict[str, set[str]]:
    """Every UUID a record may point at: in the package, or here."""
    recs = package.records
    wanted = {kind: {r["uuid"] for r in recs.get(kind, [])} for kind in RECORD_KINDS}
    member_refs = {x["member"] for k in ("activities", "study_sessions") for r in recs.get(k, [])
                   for x in r["attendance"] + r.get("reflections", [])}
    member_refs |= {x["member"] for r in recs.get("study_groups", []) for x in r["members"]}
    member_refs |= {r["leader"] for r in recs.get("study_groups", []) if r["leader"]}
    member_refs |= {r["member"] for r in recs.get("dues", []) if r["member"]}
    member_refs |= {x for r in recs.get("development", []) for x in [r["member"]] + [p["member"] for p in r["people"]]
                    if x}
    meetings = {s["meeting"] for r in recs.get("development", []) for s in r["steps"] if s["meeting"]}
    orgs = {p["organisation"] for r in recs.get("outreach_events", []) for p in r["participations"]}
    groups = {r["group"] for k in ("study_sessions", "study_plans") for r in recs.get(k, [])}
    live_groups = {r["uuid"] for r in recs.get("study_groups", []) if not r["deleted"]}
    return {"member": wanted["members"] | existing(KINDS["members"][0], member_refs),
            "organisation": wanted["organisations"] | existing(KINDS["organisations"][0], orgs),
            "group": live_groups | existing(StudyGroup, groups, live=True),
            "activity": wanted["activities"] | existing(Activity, meetings),
            "section": set(plan.mapped.values()) | existing(ReportSection, _refs(recs, "section", plan), live=True),
            "indicator": set(plan.mapped.values()) | existing(Indicator, _refs(recs, "indicator", plan), live=True)}


def _refs(recs: dict, key: str, plan) -> set[str]:
    """The sections (or indicators) records point at that the package does not carry: they must be here."""
    rows = ([r] if key == "section" else r.get("figures", []) for k in DATED for r in recs.get(k, []))
    return {row[key] for found in rows for row in found if row.get(key)} - set(plan.mapped)
