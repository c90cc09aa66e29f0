"""社会组织党建 figures for any period, computed from the dated history (coverage.py), and the report's sentence.

Coverage on a day: an active organisation (live, registered by then or with no registration date) covered by a
party organisation or served by an instructor that day. A row dated from a day covers it from that day; one that
ended on a day no longer covers it that day. The period's start is the day before its first day."""
from __future__ import annotations

import datetime as dt

from models.records.dates import chinese_date
from models.records.schema import InstructorTerm, Organisation, PartyOrg, PartyOrgLink
from models.reporting.numbers import percent
from models.reporting.report_text import span

# the indicators a person could also type as an activity's figures: when the history has the period's figures,
# the report says them from the history and leaves the typed ones unsaid (one statement per indicator)
DERIVED_INDICATORS = ("新成立党支部", "调整联合党支部", "覆盖社会组织", "党建工作指导员")


def _on(row, day: dt.date) -> bool:
    return row["date_from"] <= day and (row["date_to"] is None or row["date_to"] > day)


def _within(day, date_from: dt.date, date_to: dt.date) -> bool:
    return day is not None and date_from <= day <= date_to


def _read() -> tuple[dict, list, list, dict]:
    orgs = {i: {"name": n, "registered_on": r} for i, n, r in Organisation.select(
        Organisation.id, Organisation.name, Organisation.registered_on).where(Organisation.deleted_at.is_null()).tuples()}
    parties = {p.id: p for p in PartyOrg.select()}
    links = [{"party": p, "org": o, "date_from": f, "date_to": t} for p, o, f, t in PartyOrgLink.select(
        PartyOrgLink.party_org, PartyOrgLink.organisation, PartyOrgLink.date_from, PartyOrgLink.date_to).tuples()
        if o in orgs]
    terms = [{"org": o, "name": n, "date_from": f, "date_to": t} for o, n, f, t in InstructorTerm.select(
        InstructorTerm.organisation, InstructorTerm.name, InstructorTerm.date_from, InstructorTerm.date_to).tuples()
        if o in orgs]
    return orgs, links, terms, parties


def coverage_on(day: dt.date, orgs: dict, links: list, terms: list) -> dict:
    """{active, party (covered by a party organisation), instructor (served by one), covered (either), rate %,
    covered_ids}."""
    active = {i for i, o in orgs.items() if o["registered_on"] is None or o["registered_on"] <= day}
    party = {k["org"] for k in links if k["org"] in active and _on(k, day)}
    served = {t["org"] for t in terms if t["org"] in active and _on(t, day)}
    covered = party | served
    return {"active": len(active), "party": len(party), "instructor": len(served), "covered": len(covered),
            "rate": len(covered) / len(active) if active else None, "covered_ids": covered}


def standing_on(day: dt.date) -> dict:
    """Each live organisation's party organisation and instructors on a day, as coverage_on counts them:
    {org id: {party (a PartyOrg or None), since (the day it joined it), instructors [names]}}."""
    orgs, links, terms, parties = _read()
    out = {i: {"party": None, "since": None, "instructors": []} for i in orgs}
    for k in sorted(links, key=lambda k: k["date_from"]):
        if _on(k, day):
            out[k["org"]].update(party=parties[k["party"]], since=k["date_from"])
    for t in sorted(terms, key=lambda t: t["date_from"]):
        if _on(t, day):
            out[t["org"]]["instructors"].append(t["name"])
    return out


def points(start: float | None, end: float | None) -> float:
    """The change of a rate in percentage points, from the rates as printed (93.3% and 75.9%: 17.4)."""
    if start is None or end is None:
        return 0
    return round(round(end * 100, 1) - round(start * 100, 1), 1)


def coverage_figures(date_from: dt.date, date_to: dt.date) -> dict:
    """A period's party-building figures: new_independent, new_joint [{name, organisations}], new_branches (both),
    adjusted_joint [names], newly_covered (organisations not covered at the start, covered at the end),
    instructors (people newly assigned), assignments (organisations given an instructor), start and end
    (coverage_on; rate a fraction), changes (history rows dated in the period: 0 means the period has nothing to say)."""
    orgs, links, terms, parties = _read()
    start = coverage_on(date_from - dt.timedelta(days=1), orgs, links, terms)
    end = coverage_on(date_to, orgs, links, terms)
    # a branch counts once it covers a live organisation: not one set up empty, nor one whose only organisation
    # went to the recycle bin
    linked = {k["party"] for k in links}
    new = [p for p in parties.values() if p.id in linked and _within(p.set_up_on, date_from, date_to)]
    joint = []
    for p in sorted((p for p in new if p.kind == "joint"), key=lambda p: (p.set_up_on, p.name)):
        covered = {k["org"] for k in links if k["party"] == p.id and k["date_from"] <= date_to}
        joint.append({"name": p.name, "organisations": len(covered)})
    new_ids = {p.id for p in new}
    adjusted = {k["party"] for k in links if k["party"] not in new_ids and parties[k["party"]].kind == "joint"
                and (_within(k["date_from"], date_from, date_to) or _within(k["date_to"], date_from, date_to))}
    adjusted |= {p.id for p in parties.values() if p.kind == "joint" and p.id not in new_ids
                 and _within(p.ended_on, date_from, date_to)}
    assigned = [t for t in terms if _within(t["date_from"], date_from, date_to)]
    changes = sum(_within(r["date_from"], date_from, date_to) or _within(r["date_to"], date_from, date_to)
                  for r in links + terms) + len(new)
    return {"new_independent": sum(p.kind == "independent" for p in new), "new_joint": joint,
            "new_branches": len(new), "adjusted_joint": sorted(parties[i].name for i in adjusted),
            "newly_covered": len(end["covered_ids"] - start["covered_ids"]),
            "instructors": len({t["name"] for t in assigned}), "assignments": len({t["org"] for t in assigned}),
            "start": start, "end": end, "changes": changes}


def coverage_sentence(date_from: dt.date, date_to: dt.date, when: str, today: dt.date | None = None) -> str:
    """今年以来选派党建工作指导员10名，新成立党支部14个（其中联合党支部3个，覆盖社会组织9家），调整联合党支部2个，
    新覆盖社会组织21家；截至9月30日，全市登记在册的120家社会组织中已有96家建立党组织或选派党建工作指导员，
    覆盖率80%，较年初75%提高5个百分点（期初 for a period not starting on 1 January). — '' when the history has
    nothing dated in the period."""
    f = coverage_figures(date_from, date_to)
    if not f["changes"]:
        return ""
    parts = [f"选派党建工作指导员{f['instructors']}名" if f["instructors"] else ""]
    if f["new_branches"]:
        joint = f["new_joint"]
        inner = (f"（其中联合党支部{len(joint)}个，覆盖社会组织{sum(j['organisations'] for j in joint)}家）"
                 if joint and f["new_independent"] else
                 f"（均为联合党支部，覆盖社会组织{sum(j['organisations'] for j in joint)}家）" if joint else "")
        parts.append(f"新成立党支部{f['new_branches']}个{inner}")
    parts += [f"调整联合党支部{len(f['adjusted_joint'])}个" if f["adjusted_joint"] else "",
              f"新覆盖社会组织{f['newly_covered']}家" if f["newly_covered"] else ""]
    text = f"{when}{'，'.join(p for p in parts if p)}" if any(parts) else ""
    end, start = f["end"], f["start"]
    if end["active"]:
        last = min(date_to, today or dt.date.today())
        rate = (f"截至{span(last, None, date_from.year != date_to.year)}，在册的{end['active']}家社会组织中{end['covered']}家已建立党组织"
                f"或选派党建工作指导员，覆盖率{percent(end['rate'])}")
        diff = points(start["rate"], end["rate"])
        if diff:
            change = f"{abs(diff):g}个百分点"
            since = "年初" if (date_from.month, date_from.day) == (1, 1) else "期初"
            rate += f"，较{since}{percent(start['rate'])}{'提高' if diff > 0 else '下降'}{change}"
        text = f"{text}；{rate}" if text else rate
    return text + "。"


def changes_in(date_from: dt.date, date_to: dt.date) -> list[dict]:
    """The history rows dated in the period, by day: [{day, organisation, what}] — joined or left a party
    organisation, an instructor assigned or no longer serving, a party organisation set up or dissolved. The rows
    coverage_figures counts: live organisations', and party organisations that cover one."""
    orgs, links, terms, parties = _read()
    out = []
    for p in (parties[i] for i in {k["party"] for k in links}):
        label = "联合党支部" if p.kind == "joint" else "党支部"
        if _within(p.set_up_on, date_from, date_to):
            out.append({"day": p.set_up_on, "organisation": "", "what": f"成立{label}“{p.name}”"})
        if _within(p.ended_on, date_from, date_to):
            out.append({"day": p.ended_on, "organisation": "", "what": f"撤销{label}“{p.name}”"})
    for k in links:
        name, org = parties[k["party"]].name, orgs[k["org"]]["name"]
        if _within(k["date_from"], date_from, date_to):
            out.append({"day": k["date_from"], "organisation": org, "what": f"纳入“{name}”"})
        if _within(k["date_to"], date_from, date_to):
            out.append({"day": k["date_to"], "organisation": org, "what": f"移出“{name}”"})
    for t in terms:
        org = orgs[t["org"]]["name"]
        if _within(t["date_from"], date_from, date_to):
            out.append({"day": t["date_from"], "organisation": org, "what": f"选派党建工作指导员{t['name']}"})
        if _within(t["date_to"], date_from, date_to):
            out.append({"day": t["date_to"], "organisation": org, "what": f"党建工作指导员{t['name']}不再担任"})
    return sorted(out, key=lambda r: (r["day"], r["organisation"], r["what"]))


def coverage_chapter(sections: list[dict], activities: list[dict]) -> int:
    """The chapter (an index into sections) the paragraph belongs in: the section the period's supervision work
    (监督管理工作) is filed under most, else the second (the office tells party building in the organisations under
    强化改革创新, with the rest of its supervision), else the first."""
    uuids = [s["uuid"] for s in sections]
    counts: dict[str, int] = {}
    for a in activities:
        if a["type"] == "supervision" and a["section"] in uuids:
            counts[a["section"]] = counts.get(a["section"], 0) + 1
    if counts:
        return uuids.index(max(counts, key=lambda u: (counts[u], -uuids.index(u))))
    return 1 if len(sections) > 1 else 0


def coverage_problems() -> list[dict]:
    """数据检查's findings, newest first: [{kind, uuid, name, date, problem}] — a joint branch standing with no live
    organisation in it (it covers nobody: dissolve it or take organisations in), and an organisation covered by a
    party organisation or an instructor from before the day it was registered."""
    orgs = {o.id: o for o in Organisation.select().where(Organisation.deleted_at.is_null())}
    out = []
    open_in = {k.party_org_id for k in PartyOrgLink.select().where(PartyOrgLink.date_to.is_null())
               if k.organisation_id in orgs}
    for p in PartyOrg.select().where(PartyOrg.kind == "joint", PartyOrg.ended_on.is_null()):
        if p.id not in open_in:
            out.append({"kind": "party_org", "uuid": p.uuid, "name": p.name, "date": p.set_up_on,
                        "problem": "联合党支部未撤销，但现在没有覆盖任何社会组织"})
    rows = [(k.organisation_id, k.date_from, "党组织") for k in PartyOrgLink.select()]
    rows += [(t.organisation_id, t.date_from, "党建工作指导员") for t in InstructorTerm.select()]
    seen = set()
    for org_id, day, what in sorted(rows, key=lambda r: r[1]):
        org = orgs.get(org_id)
        if org is not None and org.registered_on and day < org.registered_on and (org_id, what) not in seen:
            seen.add((org_id, what))
            out.append({"kind": "organisation", "uuid": org.uuid, "name": org.name, "date": day,
                        "problem": f"{what}自{chinese_date(day)}起覆盖，早于登记日期{chinese_date(org.registered_on)}"})
    return sorted(out, key=lambda r: (r["date"], r["name"]), reverse=True)
