"""Social organisations (社会组织) the section supervises: checks, saving, listing."""
from __future__ import annotations

from dataclasses import dataclass

from models.records import audit, codes, common as records, coverage, validation as v
from models.records.common import ListQuery
from models.records.schema import InstructorTerm, Organisation, PartyOrgLink

FIELDS = ("name", "credit_code", "kind", "registered_on", "legal_rep", "party_org", "party_org_date",
          "instructor", "grade", "contact_person", "contact_phone", "address", "notes")
# what the form adds for the history of the party organisation and instructor (coverage.py): the day a change
# takes effect, the joint branch joined ("" sets up a new one), or a whole history put back (undo, redo)
CHANGE_KEYS = ("changed_on", "joint_branch", "history")
SEARCH = (Organisation.name, Organisation.credit_code, Organisation.legal_rep, Organisation.instructor,
          Organisation.contact_person, Organisation.address, Organisation.notes)
SORTABLE = {"name": Organisation.name, "credit_code": Organisation.credit_code, "kind": Organisation.kind,
            "registered_on": Organisation.registered_on, "legal_rep": Organisation.legal_rep,
            "party_org": Organisation.party_org, "instructor": Organisation.instructor,
            "grade": Organisation.grade, "contact_phone": Organisation.contact_phone,
            "deleted_at": Organisation.deleted_at}
NO_GRADE = "none"  # the 评估等级 filter's code for organisations not graded ("" means any grade)
GRADE_CHOICES = {**{code: text for code, text in codes.GRADES.items() if code}, NO_GRADE: "未评估"}


@dataclass
class OrganisationQuery(ListQuery):
    party_org: str = ""  # "" any, or a codes.PARTY_ORGS code
    grade: str = ""      # "" any, a codes.GRADES code, or NO_GRADE


def check_organisation(data: dict, uuid: str | None = None, duplicate_of=records.duplicate_of) -> dict:
    """Checked, normalised values of an organisation form, or ValidationError per field.

    duplicate_of finds another live organisation with the same name or code (a package import asks it
    of thousands at once, from organisations read once)."""
    records.require_keys(data, set(FIELDS) | set(CHANGE_KEYS))
    today = records.today()
    c = v.Checker()
    out = {
        "name": c.run("name", v.text, data.get("name"), "名称", 100, required=True),
        "credit_code": c.run("credit_code", v.credit_code, data.get("credit_code")),
        "kind": c.run("kind", v.choice, data.get("kind"), "类型", codes.ORG_KINDS),
        "registered_on": c.run("registered_on", v.date, data.get("registered_on"), "登记日期", not_after=today),
        "legal_rep": c.run("legal_rep", v.text, data.get("legal_rep"), "法定代表人", 50),
        "party_org": c.run("party_org", v.choice, data.get("party_org") or "none", "党组织情况", codes.PARTY_ORGS),
        "party_org_date": c.run("party_org_date", v.date, data.get("party_org_date"), "党组织成立日期",
                                not_after=today),
        "instructor": c.run("instructor", v.text, data.get("instructor"), "党建工作指导员", 50),
        "grade": c.run("grade", v.choice, data.get("grade") or "", "评估等级", codes.GRADES, required=False),
        "contact_person": c.run("contact_person", v.text, data.get("contact_person"), "联系人", 50),
        "contact_phone": c.run("contact_phone", v.phone, data.get("contact_phone"), "联系电话"),
        "address": c.run("address", v.text, data.get("address"), "地址", 200),
        "notes": c.run("notes", v.text, data.get("notes"), "备注", 2000),
    }
    code, kind = out["credit_code"], out["kind"]
    if code and kind and code[0] == "5" and v.CIVIL_AFFAIRS_TYPES.get(code[1], kind) != kind:
        expected = codes.ORG_KINDS[v.CIVIL_AFFAIRS_TYPES[code[1]]]
        c.add("kind", f"信用代码第 2 位表示“{expected}”，与所选类型不符")
    if out["party_org"] == "none" and out["party_org_date"]:
        c.add("party_org_date", "尚未建立党组织，成立日期应留空")
    if out["registered_on"] and out["party_org_date"] and out["party_org_date"] < out["registered_on"]:
        c.add("party_org_date", "党组织成立日期不能早于登记日期")
    if out["name"] and duplicate_of(Organisation, Organisation.name, out["name"], uuid):
        c.add("name", f"已有名为“{out['name']}”的社会组织")
    other = duplicate_of(Organisation, Organisation.credit_code, code, uuid)
    if other:
        c.add("credit_code", f"该信用代码已登记为“{other.name}”")
    c.done()
    return out


def save_organisation(data: dict, undoing: bool = False) -> str:
    """Add (no uuid) or update (uuid given) an organisation; returns the UUID. A change of its party organisation or
    instructor becomes a dated history row (on changed_on; without it on party_org_date for a new party
    organisation, else today), and the columns are derived from the history. undoing (undo, redo putting a
    snapshot back): a history that would change a day in an archived period is refused, as a direct change is."""
    uuid = data.get("uuid")
    values = check_organisation(data, uuid)
    c = v.Checker()
    on = c.run("changed_on", v.date, data.get("changed_on"), "变更日期", not_after=records.today())
    joint = c.run("joint_branch", v.text, data.get("joint_branch"), "联合党支部", 36)
    c.done()

    def write():
        row = Organisation.get_or_none(Organisation.uuid == uuid) if uuid else None
        if "party_org_date" not in data:  # the form leaves it to the history
            values["party_org_date"] = row.party_org_date if row is not None else None
        saved = records.save(Organisation, uuid, values, version=data.get("version"), current=get_organisation)
        org = Organisation.get(Organisation.uuid == saved)
        if data.get("history") is not None:
            coverage.put_history(org.id, data["history"], guarded=undoing)
            return saved
        link = coverage.open_link(org.id)
        kind = link.party_org.kind if link else "none"
        day = on
        if day is None and values["party_org"] != kind and "party_org_date" in data:
            day = values["party_org_date"]  # a package's or the command line's own date
        day = day or records.today()
        coverage.change_organisation(org, values["party_org"], joint or "", values["instructor"], day)
        coverage.sync([org.id])
        return saved
    return records.writing(write)


def get_organisation(uuid: str) -> dict:
    """The organisation as its form shows it, with joint_branch: the joint branch covering it now ("" for none)."""
    row = records.get_live(Organisation, uuid)
    link = coverage.open_link(row.id)
    joint = link.party_org.uuid if link is not None and link.party_org.kind == "joint" else ""
    return {**as_dict(row), "joint_branch": joint}


def organisation_snapshot(uuid: str) -> dict:
    """What save_organisation needs to put this record back exactly as it is now (for undo)."""
    row = records.get_live(Organisation, uuid)
    return {"uuid": row.uuid, **{name: getattr(row, name) for name in FIELDS},
            "history": coverage.history_snapshot(row.id)}


def erase_organisation(uuid: str, version: str | None = None) -> None:
    def write():
        parties = {k.party_org_id for k in PartyOrgLink.select().join(Organisation).where(Organisation.uuid == uuid)}
        records.erase(Organisation, uuid, version)
        coverage.drop_orphans(parties)
    records.writing(write)


def as_dict(row: Organisation) -> dict:
    out = {name: getattr(row, name) for name in FIELDS}
    out.update(uuid=row.uuid, deleted_at=row.deleted_at, version=records.version_of(row))
    return out


def filtered(query: ListQuery):
    """The organisations a list shows: the filter text, then the 党组织 and 评估等级 chosen."""
    select = records.filtered(Organisation, SEARCH, query)
    party_org, grade = getattr(query, "party_org", ""), getattr(query, "grade", "")
    if party_org in codes.PARTY_ORGS:
        select = select.where(Organisation.party_org == party_org)
    if grade == NO_GRADE:
        select = select.where(Organisation.grade == "")
    elif grade and grade in codes.GRADES:
        select = select.where(Organisation.grade == grade)
    return select


def count_organisations(query: ListQuery) -> int:
    return records.count(filtered(query), query.text)


def list_organisations(query: ListQuery, offset: int = 0, limit: int = 200) -> list[dict]:
    select = filtered(query)
    return [as_dict(r) for r in records.page(select, Organisation, SORTABLE, query, offset, limit)]


def delete_organisation(uuid: str, version: str | None = None) -> None:
    records.soft_delete(Organisation, uuid, version)


def _no_live_twin(row: Organisation) -> None:
    data = as_dict(row)
    data.pop("deleted_at")
    data.pop("version")
    check_organisation({k: data[k] for k in FIELDS}, row.uuid)


def restore_organisation(uuid: str) -> None:
    """Restore, unless a live organisation has since taken its name or credit code."""
    records.restore(Organisation, uuid, conflict=_no_live_twin)


def purge_organisation(uuid: str) -> None:
    """Remove an organisation from the recycle bin for good with its party-building history: its own independent
    branch goes with it, a joint branch only loses it from its history; both said in the audit trail."""
    def write():
        row = Organisation.get_or_none(Organisation.uuid == uuid, Organisation.deleted_at.is_null(False))
        if row is None:
            return
        parties = {k.party_org for k in PartyOrgLink.select().where(PartyOrgLink.organisation == row.id)}
        PartyOrgLink.delete().where(PartyOrgLink.organisation == row.id).execute()
        InstructorTerm.delete().where(InstructorTerm.organisation == row.id).execute()
        records.purge(Organisation, uuid)
        for party in parties:
            if party.kind == "independent" and not PartyOrgLink.select().where(
                    PartyOrgLink.party_org == party.id).exists():
                party.delete_instance()
                audit.note("party_org", party.uuid, "purge", party.name)
            else:
                audit.note("party_org", party.uuid, "update", party.name, {"覆盖的社会组织": [row.name, "彻底删除"]})
    records.writing(write)
