"""An organisation's party-building history in a data package: the party organisations that covered it from when
to when (a joint branch by its uuid, the same on every PC) and its instructors, written after the organisation
itself (package_checks checks the rows)."""
from __future__ import annotations

from models.records import common as records, coverage, validation as v
from models.records.schema import Organisation

# child lists of an organisation record (package_records.KINDS)
PARTY_ORGS = {"party_org": "str", "name": "str", "kind": "str", "set_up_on": "str", "ended_on": "str?", "notes": "str",
              "date_from": "str", "date_to": "str?"}
INSTRUCTORS = {"name": "str", "date_from": "str", "date_to": "str?"}


def _day(value):
    return value.isoformat() if value else None


def read_link(row, ref) -> dict:
    party = row.party_org
    return {"party_org": party.uuid, "name": party.name, "kind": party.kind, "set_up_on": _day(party.set_up_on),
            "ended_on": _day(party.ended_on), "notes": party.notes, "date_from": _day(row.date_from),
            "date_to": _day(row.date_to)}


def read_term(row, ref) -> dict:
    return {"name": row.name, "date_from": _day(row.date_from), "date_to": _day(row.date_to)}


def snapshot(rec: dict) -> dict:
    """The package's rows as coverage.put_history takes them."""
    return {"links": [{"party_org": {"uuid": r["party_org"], "name": r["name"].strip(), "kind": r["kind"],
                                     "set_up_on": v.date(r["set_up_on"], ""), "ended_on": v.date(r["ended_on"], ""),
                                     "notes": r["notes"].strip()},
                       "date_from": v.date(r["date_from"], ""), "date_to": v.date(r["date_to"], "")}
                      for r in rec.get("party_orgs", [])],
            "terms": [{"name": r["name"].strip(), "date_from": v.date(r["date_from"], ""),
                       "date_to": v.date(r["date_to"], "")} for r in rec.get("instructors", [])]}


def write_history(rec: dict) -> None:
    """After the organisation is written: its history as the package has it. A package from before the history
    travelled (no rows) gets one from the organisation's columns, dated as the form would date it."""
    org = Organisation.get(Organisation.uuid == rec["uuid"])
    if rec.get("party_orgs") or rec.get("instructors"):
        coverage.put_history(org.id, snapshot(rec))
        coverage.refuse_overlaps([org.id])
        return
    day = org.party_org_date or org.registered_on or records.today()
    coverage.change_organisation(org, org.party_org, "", org.instructor, day)
    coverage.sync([org.id])
