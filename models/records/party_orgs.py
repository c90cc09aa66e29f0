"""Party organisations (党组织) as the 党建覆盖 page keeps them: listing, a joint branch set up with the organisations
it covers, an organisation joining or leaving on a day, a branch's name and dates; and the work list of
organisations still without a party organisation or an instructor."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.records import archive, audit, codes, common as records, coverage, validation as v
from models.records.common import ListQuery
from models.records.dates import chinese_date
from models.records.schema import Organisation, PartyOrg, PartyOrgLink

UNCOVERED = {"": "未覆盖（既无党组织也无指导员）", "no_party_org": "未建立党组织", "no_instructor": "无党建工作指导员"}


@dataclass
class WorkQuery(ListQuery):
    missing: str = ""   # a key of UNCOVERED
    kind: str = ""      # "" any, or a codes.ORG_KINDS code


def work_list(query: WorkQuery) -> list[dict]:
    """Live organisations still lacking what query.missing names, by name: [{uuid, name, kind, registered_on,
    party_org, instructor, legal_rep, contact_person, contact_phone}]."""
    from models.records.organisations import SEARCH
    select = records.filtered(Organisation, SEARCH, query)
    if query.missing == "no_party_org":
        select = select.where(Organisation.party_org == "none")
    elif query.missing == "no_instructor":
        select = select.where(Organisation.instructor == "")
    elif query.missing != "all":  # "all": every live organisation (the ones a party organisation may take in)
        select = select.where(Organisation.party_org == "none", Organisation.instructor == "")
    if query.kind in codes.ORG_KINDS:
        select = select.where(Organisation.kind == query.kind)
    keys = ("uuid", "name", "kind", "registered_on", "party_org", "instructor", "legal_rep", "contact_person",
            "contact_phone")
    return [{k: getattr(r, k) for k in keys} for r in select.order_by(Organisation.name, Organisation.id)]


def list_party_orgs(include_ended: bool = True) -> list[dict]:
    """Every party organisation, standing ones first, by name: [{uuid, name, kind, kind_label, set_up_on, ended_on,
    notes, version, members [{organisation uuid, name, date_from, date_to}], current (names covered now)}]."""
    select = PartyOrg.select().order_by(PartyOrg.ended_on.is_null(False), PartyOrg.name, PartyOrg.id)
    if not include_ended:
        select = select.where(PartyOrg.ended_on.is_null())
    parties = list(select)
    links: dict[int, list] = {p.id: [] for p in parties}
    rows = (PartyOrgLink.select(PartyOrgLink, Organisation.uuid.alias("org"), Organisation.name.alias("org_name"))
            .join(Organisation).where(Organisation.deleted_at.is_null())
            .order_by(PartyOrgLink.date_from, Organisation.name).objects())
    for k in rows:
        if k.party_org_id in links:
            links[k.party_org_id].append({"organisation": k.org, "name": k.org_name, "date_from": k.date_from,
                                          "date_to": k.date_to})
    # an independent branch is its organisation's: in the recycle bin with it (a joint one is listed empty, to be
    # dissolved or given organisations)
    return [{"uuid": p.uuid, "name": p.name, "kind": p.kind, "kind_label": codes.PARTY_ORG_KINDS.get(p.kind, p.kind),
             "set_up_on": p.set_up_on, "ended_on": p.ended_on, "notes": p.notes, "members": links[p.id],
             "version": records.version_of(p),
             "current": [m["name"] for m in links[p.id] if m["date_to"] is None]} for p in parties
            if p.kind == "joint" or links[p.id]]


def joint_branches() -> dict[str, str]:
    """{uuid: name} of the joint branches standing now, for the organisation form's choice."""
    select = PartyOrg.select().where(PartyOrg.kind == "joint", PartyOrg.ended_on.is_null()).order_by(PartyOrg.name)
    return {p.uuid: p.name for p in select}


def check_party_org(data: dict, today: dt.date | None = None) -> dict:
    records.require_keys(data, set(coverage.FIELDS) | {"organisations"})
    today = today or records.today()
    c = v.Checker()
    out = {
        "name": c.run("name", v.text, data.get("name"), "名称", 100, required=True),
        "kind": c.run("kind", v.choice, data.get("kind") or "joint", "类型", codes.PARTY_ORG_KINDS),
        "set_up_on": c.run("set_up_on", v.date, data.get("set_up_on"), "成立日期", required=True, not_after=today),
        "ended_on": c.run("ended_on", v.date, data.get("ended_on"), "撤销日期", not_after=today),
        "notes": c.run("notes", v.text, data.get("notes"), "备注", 2000),
    }
    if out["set_up_on"] and out["ended_on"] and out["ended_on"] < out["set_up_on"]:
        c.add("ended_on", "撤销日期不能早于成立日期")
    c.done()
    return out


def save_party_org(data: dict) -> str:
    """Set up a party organisation (no uuid; data["organisations"]: the uuids of the organisations it covers from its
    set-up day, each leaving the one it had) or change its name, dates and notes. A branch dissolved (ended_on)
    stops covering its organisations that day. Returns the uuid."""
    values = check_party_org(data)
    uuid = data.get("uuid")

    def write():
        if uuid and data.get("version") is not None:  # the form's version: not saved over a newer change
            party = coverage.hold_party(uuid, data["version"])
        else:
            party = PartyOrg.get_or_none(PartyOrg.uuid == uuid) if uuid else None
        for key in ("set_up_on", "ended_on"):  # a day moved into or out of an archived period
            if party is None or getattr(party, key) != values[key]:
                archive.refuse_days([d for d in (values[key], getattr(party, key, None)) if d], key, "党组织变更")
        if party is None:
            if values["ended_on"]:
                raise v.ValidationError({"ended_on": "新建的党组织不能已撤销"})
            party = PartyOrg.create(**values, **({"uuid": uuid} if uuid else {}))
            audit.note("party_org", party.uuid, "create", party.name)
            for org_uuid in data.get("organisations") or ():
                coverage.join_on(party, _org(org_uuid), values["set_up_on"], "set_up_on")
            return party.uuid
        links = list(party.links)
        first = min((k.date_from for k in links), default=None)
        if first is not None and values["set_up_on"] > first:
            raise v.ValidationError({"set_up_on": f"已有社会组织自{chinese_date(first)}起属于该党组织，成立日期不能晚于此日"})
        last = max((k.date_from for k in links), default=None)
        if values["ended_on"] and last is not None and values["ended_on"] < last:
            raise v.ValidationError({"ended_on": f"撤销日期不能早于{chinese_date(last)}（最后一家社会组织加入的日期）"})
        old = {k: getattr(party, k) for k in values}
        PartyOrg.update(**values, updated_at=records.later(party.updated_at)).where(PartyOrg.id == party.id).execute()
        if values["ended_on"]:
            for link in links:
                if link.date_to is None or link.date_to > values["ended_on"]:
                    link.date_to = values["ended_on"]
                    link.save()
        coverage.sync({k.organisation_id for k in links})
        audit.note("party_org", party.uuid, "update", values["name"], audit.diff(old, values))
        return party.uuid
    return records.writing(write)


def _org(uuid: str) -> Organisation:
    org = Organisation.get_or_none(Organisation.uuid == uuid, Organisation.deleted_at.is_null())
    if org is None:
        raise v.ValidationError({"organisation": "所选的社会组织已不存在或在回收站中"})
    return org


def _party(uuid: str, version: str | None = None) -> PartyOrg:
    """The party organisation; with the version a list or form read, held and refused if changed since."""
    if version is not None:
        return coverage.hold_party(uuid, version)
    party = PartyOrg.get_or_none(PartyOrg.uuid == uuid)
    if party is None:
        raise records.NotFound(uuid)
    return party


def add_organisation(party_uuid: str, org_uuid: str, on, version: str | None = None) -> None:
    """The organisation joins the party organisation on day on (leaving the one it had that day); with the
    version the page read, refused over a newer change (ConflictError)."""
    day = v.Checker()
    on = day.run("date", v.date, on, "加入日期", required=True, not_after=records.today())
    day.done()
    records.writing(lambda: coverage.join_on(_party(party_uuid, version), _org(org_uuid), on, "date"))


def remove_organisation(party_uuid: str, org_uuid: str, on, version: str | None = None) -> None:
    """The organisation leaves the party organisation on day on (no longer covered by it from that day); version
    as for add_organisation."""
    day = v.Checker()
    on = day.run("date", v.date, on, "移出日期", required=True, not_after=records.today())
    day.done()

    def write():
        party, org = _party(party_uuid, version), _org(org_uuid)
        link = coverage.open_link(org.id)
        if link is None or link.party_org_id != party.id:
            raise v.ValidationError({"organisation": f"“{org.name}”现在不属于“{party.name}”"})
        coverage.leave_on(link, on, "date")
        coverage.sync([org.id])
        audit.note("party_org", party.uuid, "update", party.name,
                   {"覆盖的社会组织": [org.name, f"{chinese_date(on)}移出"]})
    records.writing(write)
