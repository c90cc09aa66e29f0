"""Party building in the supervised organisations (社会组织党建): party organisations and the dated history of which
organisations each covered and who their instructors were. Every change is a dated history row; the organisation's
party_org, party_org_date and instructor columns are derived from the rows still open (sync), never typed twice."""
from __future__ import annotations

import datetime as dt

from models.records import archive, audit, common as records, validation as v
from models.records.dates import chinese_date
from models.records.schema import InstructorTerm, Organisation, PartyOrg, PartyOrgLink

FIELDS = ("name", "kind", "set_up_on", "ended_on", "notes")


# -- the organisation's side: its party organisation and instructor, changed on a day ----------------

def open_link(org_id: int) -> PartyOrgLink | None:
    return PartyOrgLink.select().where(PartyOrgLink.organisation == org_id, PartyOrgLink.date_to.is_null()).first()


def _open_term(org_id: int) -> InstructorTerm | None:
    return InstructorTerm.select().where(InstructorTerm.organisation == org_id,
                                         InstructorTerm.date_to.is_null()).first()


def _refuse_day(on: dt.date, since: dt.date | None, field: str, what: str) -> None:
    if on > records.today():
        raise v.ValidationError({field: f"{what}不能晚于今天"})
    if since is not None and on < since:
        raise v.ValidationError({field: f"{what}不能早于{chinese_date(since)}（当前情况开始的日期）"})
    archive.refuse_days([on], field, "党组织变更")


def _close(link: PartyOrgLink, on: dt.date) -> None:
    """The organisation leaves link's party organisation on day on; an independent branch ends with it."""
    link.date_to = on
    link.updated_at = records.later(link.updated_at)
    link.save()
    party = link.party_org
    ended = party.kind == "independent" and party.ended_on is None
    if ended:
        party.ended_on = on
    party.updated_at = records.later(party.updated_at)  # a new version of the branch (see hold_party)
    party.save()
    if ended:
        audit.note("party_org", party.uuid, "update", party.name, {"ended_on": [None, on.isoformat()]})


def _bump(party: PartyOrg) -> None:
    """Which organisations a party organisation covers changed: a new version of it, so a form or list that read it
    before is not saved over the change (hold_party)."""
    party.updated_at = records.later(party.updated_at)
    PartyOrg.update(updated_at=party.updated_at).where(PartyOrg.id == party.id).execute()


def hold_party(uuid: str, version: str) -> PartyOrg:
    """The party organisation, held until the transaction ends, if it is still at version: ConflictError (with it
    as its form shows it now) if someone changed it or the organisations it covers since; NotFound if it is gone."""
    records.touch(PartyOrg, PartyOrg.uuid == uuid)
    party = PartyOrg.get_or_none(PartyOrg.uuid == uuid)
    if party is None:
        raise records.NotFound(uuid)
    if records.version_of(party) != version:
        raise records.conflict(uuid, get_party(uuid))
    return party


def party_version(uuid: str) -> str | None:
    """The version of a party organisation (what hold_party checks), None when it is gone."""
    party = PartyOrg.get_or_none(PartyOrg.uuid == uuid)
    return records.version_of(party) if party is not None else None


def get_party(uuid: str) -> dict:
    """A party organisation as its form shows it: its snapshot with version and covering (the names of the
    organisations it covers now, 、-separated)."""
    found = party_snapshot(uuid)
    if found is None:
        raise records.NotFound(uuid)
    party = PartyOrg.get(PartyOrg.uuid == uuid)
    names = dict(Organisation.select(Organisation.uuid, Organisation.name).where(
        Organisation.uuid.in_([k["organisation"] for k in found["links"]])).tuples())
    return {**found, "version": records.version_of(party),
            "covering": "、".join(names[k["organisation"]] for k in found["links"] if k["date_to"] is None)}


def join_on(party: PartyOrg, org: Organisation, on: dt.date, field: str = "changed_on") -> None:
    """org is covered by party from day on, leaving the party organisation it had (inside a transaction);
    a refusal is said at field."""
    current = open_link(org.id)
    if current is not None and current.party_org_id == party.id:
        return
    if party.ended_on is not None and on >= party.ended_on:
        raise v.ValidationError({field: f"“{party.name}”已于{chinese_date(party.ended_on)}撤销"})
    if on < party.set_up_on:
        raise v.ValidationError({field: f"“{party.name}”成立于{chinese_date(party.set_up_on)}，"
                                        "加入日期不能早于成立日期"})
    if org.registered_on and on < org.registered_on:
        raise v.ValidationError({field: f"“{org.name}”登记于{chinese_date(org.registered_on)}，加入日期不能早于登记日期"})
    _refuse_day(on, current.date_from if current else None, field, "日期")
    if current is not None:
        _close(current, on)
    PartyOrgLink.create(party_org=party, organisation=org, date_from=on)
    _bump(party)
    sync([org.id])
    audit.note("party_org", party.uuid, "update", party.name,
               {"覆盖的社会组织": ["", f"{org.name}（{chinese_date(on)}加入）"]})


def leave_on(link: PartyOrgLink, on: dt.date, field: str = "changed_on") -> None:
    _refuse_day(on, link.date_from, field, "日期")
    _close(link, on)


def change_organisation(org: Organisation, party_org: str, joint: str, instructor: str, on: dt.date) -> bool:
    """Bring org's history to the party organisation and instructor chosen, as of day on (inside a transaction).
    party_org: a codes.PARTY_ORGS code; joint: the joint branch's uuid ("" sets up a new one named after org).
    Returns whether anything changed."""
    changed = False
    current = open_link(org.id)
    kind = current.party_org.kind if current else "none"
    joint_id = None
    if party_org == "joint" and joint:
        found = PartyOrg.get_or_none(PartyOrg.uuid == joint, PartyOrg.kind == "joint")
        if found is None:
            raise v.ValidationError({"joint_branch": "所选的联合党支部已不存在"})
        joint_id = found.id
    if party_org != kind or (joint_id is not None and current.party_org_id != joint_id):
        changed = True
        if party_org == "none":
            leave_on(current, on, "changed_on")
        elif party_org == "independent" or joint_id is None:
            _refuse_day(on, current.date_from if current else None, "changed_on", "变更日期")
            if org.registered_on and on < org.registered_on:
                raise v.ValidationError({"changed_on": "变更日期不能早于登记日期：党组织不能在社会组织登记之前成立"})
            name = f"{org.name}党支部" if party_org == "independent" else f"{org.name}联合党支部"
            party = PartyOrg.create(name=name[:100], kind=party_org, set_up_on=on)
            audit.note("party_org", party.uuid, "create", party.name)
            if current is not None:
                _close(current, on)
            PartyOrgLink.create(party_org=party, organisation=org, date_from=on)
        else:
            join_on(PartyOrg.get_by_id(joint_id), org, on)
    term = _open_term(org.id)
    if (term.name if term else "") != instructor:
        changed = True
        _refuse_day(on, term.date_from if term else None, "changed_on", "变更日期")
        if term is not None:
            term.date_to = on
            term.updated_at = records.later(term.updated_at)
            term.save()
        if instructor:
            InstructorTerm.create(organisation=org, name=instructor, date_from=on)
    return changed


def sync(org_ids) -> None:
    """Set each organisation's party_org, party_org_date and instructor from its open history rows."""
    for org in Organisation.select().where(Organisation.id.in_(list(org_ids))):
        link, term = open_link(org.id), _open_term(org.id)
        now = {"party_org": link.party_org.kind if link else "none", "party_org_date": link.date_from if link else None,
               "instructor": term.name if term else ""}
        if any(getattr(org, k) != value for k, value in now.items()):
            Organisation.update(**now, updated_at=records.later(org.updated_at)).where(
                Organisation.id == org.id).execute()


def refuse_overlaps(org_ids) -> None:
    """ValidationError when an organisation would be covered by two party organisations on the same day."""
    links = (PartyOrgLink.select(PartyOrgLink, Organisation.name.alias("org_name")).join(Organisation)
             .where(PartyOrgLink.organisation.in_(list(org_ids)))
             .order_by(PartyOrgLink.organisation, PartyOrgLink.date_from).objects())
    last: dict[int, PartyOrgLink] = {}
    for link in links:
        before = last.get(link.organisation_id)
        if before is not None and (before.date_to is None or before.date_to > link.date_from):
            raise v.ValidationError({"organisation": f"“{link.org_name}”在{chinese_date(link.date_from)}"
                                                     "已属于另一个党组织，同一时间只能属于一个党组织"})
        last[link.organisation_id] = link


# -- snapshots: an organisation's history, a party organisation with its links (undo and redo) ---------

def _party_fields(party: PartyOrg) -> dict:
    return {"uuid": party.uuid, **{k: getattr(party, k) for k in FIELDS}}


def history_snapshot(org_id: int) -> dict:
    """{links: [{party_org: {uuid, name, kind, set_up_on, ended_on, notes}, date_from, date_to}],
    terms: [{name, date_from, date_to}]} — what put_history needs to put them back exactly."""
    links = PartyOrgLink.select().where(PartyOrgLink.organisation == org_id).order_by(PartyOrgLink.id)
    terms = InstructorTerm.select().where(InstructorTerm.organisation == org_id).order_by(InstructorTerm.id)
    return {"links": [{"party_org": _party_fields(k.party_org), "date_from": k.date_from, "date_to": k.date_to}
                      for k in links],
            "terms": [{"name": t.name, "date_from": t.date_from, "date_to": t.date_to} for t in terms]}


def history_rows(org_uuid: str) -> list[dict]:
    """An organisation's party organisations and instructors over time, the latest first, as its form lists them:
    [{what: 党组织 / 党建工作指导员, name, kind (a codes.PARTY_ORG_KINDS code, "" for an instructor), date_from,
    date_to}]."""
    org = Organisation.get_or_none(Organisation.uuid == org_uuid)
    if org is None:
        return []
    found = history_snapshot(org.id)
    rows = [{"what": "党组织", "name": k["party_org"]["name"], "kind": k["party_org"]["kind"],
             "date_from": k["date_from"], "date_to": k["date_to"]} for k in found["links"]]
    rows += [{"what": "党建工作指导员", "name": t["name"], "kind": "", "date_from": t["date_from"],
              "date_to": t["date_to"]} for t in found["terms"]]
    return sorted(rows, key=lambda r: (r["date_from"], r["what"]), reverse=True)


def refuse_archived_rows(before: dict, after: dict) -> None:
    """ValidationError when putting rows back (undo, redo) would change a day in an archived period, as a direct
    change on that day is refused. before, after: {row's identity: its days}; a row added or removed changes all
    its days, a row kept only the days that differ."""
    days = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            days += old or new
        else:
            days += [d for pair in zip(old, new) if pair[0] != pair[1] for d in pair]
    archive.refuse_days([d for d in days if d], "changed_on", "党组织变更")


def _party_days(party) -> tuple:
    return (party.set_up_on, party.ended_on) if isinstance(party, PartyOrg) else (party["set_up_on"],
                                                                                   party["ended_on"])


def _put_party(fields: dict, guarded: bool = False) -> PartyOrg:
    party = PartyOrg.get_or_none(PartyOrg.uuid == fields["uuid"])
    values = {k: fields[k] for k in FIELDS}
    if guarded:
        refuse_archived_rows({"party": _party_days(party)} if party else {}, {"party": _party_days(fields)})
    if party is None:
        return PartyOrg.create(uuid=fields["uuid"], **values)
    if any(getattr(party, k) != value for k, value in values.items()):
        PartyOrg.update(**values, updated_at=records.later(party.updated_at)).where(PartyOrg.id == party.id).execute()
    return party


def _history_rows(snapshot: dict) -> dict:
    """An organisation's history snapshot as {row's identity: its days}, for refuse_archived_rows."""
    rows = {("link", k["party_org"]["uuid"], k["date_from"]): (k["date_from"], k["date_to"])
            for k in snapshot["links"]}
    rows.update({("term", t["name"], t["date_from"]): (t["date_from"], t["date_to"]) for t in snapshot["terms"]})
    return rows


def drop_orphans(party_ids) -> None:
    """An independent branch no organisation was ever linked to is nothing: it goes with its last link."""
    for party in PartyOrg.select().where(PartyOrg.id.in_(list(party_ids)), PartyOrg.kind == "independent"):
        if not PartyOrgLink.select().where(PartyOrgLink.party_org == party.id).exists():
            party.delete_instance()


def put_history(org_id: int, snapshot: dict, guarded: bool = False) -> None:
    """Replace an organisation's history with a snapshot's (inside a transaction), then its columns. guarded (undo
    and redo): refused when that would change a day in an archived period."""
    if guarded:
        refuse_archived_rows(_history_rows(history_snapshot(org_id)), _history_rows(snapshot))
    before = {k.party_org_id for k in PartyOrgLink.select().where(PartyOrgLink.organisation == org_id)}
    PartyOrgLink.delete().where(PartyOrgLink.organisation == org_id).execute()
    InstructorTerm.delete().where(InstructorTerm.organisation == org_id).execute()
    parties = []
    for link in snapshot["links"]:
        party = _put_party(link["party_org"], guarded)
        parties.append(party)
        PartyOrgLink.create(party_org=party, organisation=org_id, date_from=link["date_from"],
                            date_to=link["date_to"])
    for term in snapshot["terms"]:
        InstructorTerm.create(organisation=org_id, **term)
    drop_orphans(before)
    for party in PartyOrg.select().where(PartyOrg.id.in_(list(before | {p.id for p in parties}))):
        _bump(party)
    sync([org_id])


def party_snapshot(uuid: str) -> dict | None:
    """A party organisation and its links ({..., links: [{organisation uuid, date_from, date_to}]}), None if gone."""
    party = PartyOrg.get_or_none(PartyOrg.uuid == uuid)
    if party is None:
        return None
    links = (PartyOrgLink.select(PartyOrgLink, Organisation.uuid.alias("org"))
             .join(Organisation).where(PartyOrgLink.party_org == party.id).order_by(PartyOrgLink.id).objects())
    return {**_party_fields(party),
            "links": [{"organisation": k.org, "date_from": k.date_from, "date_to": k.date_to} for k in links]}


def _party_rows(snapshot: dict | None) -> dict:
    """A party organisation's snapshot as {row's identity: its days}, for refuse_archived_rows."""
    if snapshot is None:
        return {}
    rows = {("link", k["organisation"], k["date_from"]): (k["date_from"], k["date_to"]) for k in snapshot["links"]}
    return {"party": _party_days(snapshot), **rows}


def put_party(uuid: str, snapshot: dict | None, version: str | None = None) -> None:
    """Put a party organisation back as a snapshot had it (None: removed), its organisations' columns with it;
    refused when that would change a day in an archived period. version: the one a list showed; a party
    organisation changed since is left alone (ConflictError)."""
    def write():
        if version is not None:
            hold_party(uuid, version)
        refuse_archived_rows(_party_rows(party_snapshot(uuid)), _party_rows(snapshot))
        party = PartyOrg.get_or_none(PartyOrg.uuid == uuid)
        touched = set()
        if party is not None:
            touched |= {k.organisation_id for k in party.links}
            PartyOrgLink.delete().where(PartyOrgLink.party_org == party.id).execute()
            if snapshot is None:
                party.delete_instance()
                audit.note("party_org", uuid, "erase", party.name)
        if snapshot is not None:
            party = _put_party(snapshot)
            for link in snapshot["links"]:
                org = Organisation.get_or_none(Organisation.uuid == link["organisation"])
                if org is None:
                    raise records.NotFound(link["organisation"])
                touched.add(org.id)
                PartyOrgLink.create(party_org=party, organisation=org, date_from=link["date_from"],
                                    date_to=link["date_to"])
            _bump(party)
            audit.note("party_org", uuid, "update", party.name)
        refuse_overlaps(touched)
        sync(touched)
    records.writing(write)
