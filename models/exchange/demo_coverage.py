"""The demo's party building in the organisations: independent and joint branches and instructors, about a third
of them set up or assigned over the last two years, one joint branch joined and one left for an organisation's own
branch, and some organisations still uncovered — so the 党建覆盖 page, the home page and the report show change."""
from __future__ import annotations

import datetime as dt

from models.records.coverage import sync
from models.records.schema import Organisation


def _after(demo, start: dt.date, recent: bool) -> dt.date:
    """A day from start to today; a recent one falls in the last two years (never before start)."""
    floor = max(start, demo.today - dt.timedelta(days=700)) if recent else start
    return demo.day(floor, demo.today)


def fill_coverage(demo, organisation_ids: list[int]) -> None:
    rng = demo.rng
    rows = list(Organisation.select(Organisation.id, Organisation.name, Organisation.registered_on,
                                    Organisation.party_org, Organisation.instructor)
                .where(Organisation.id.in_(organisation_ids)).order_by(Organisation.id).tuples())
    since, registered_on = {}, {r[0]: r[2] for r in rows}
    parties, links, terms = [], [], []
    joint = []
    for org, name, registered, party, instructor in rows:
        day = _after(demo, registered, rng.random() < 0.35)
        since[org] = day
        if party == "independent":
            parties.append((f"{name}党支部"[:100], "independent", day, None, ""))
            links.append([len(parties) - 1, org, day, None])
        elif party == "joint":
            joint.append(org)
        if party != "none" or rng.random() < 0.6:  # the rest: the work list's organisations
            terms.append((org, instructor, _after(demo, registered, rng.random() < 0.35), None))
    for i in range(0, len(joint), 3):  # a joint branch for every three organisations
        group = joint[i:i + 3]
        first = min(since[o] for o in group)
        parties.append((f"社会组织第{i // 3 + 1}联合党支部", "joint", first, None, "由多家规模较小的社会组织联合组建"))
        # set up for them together; one registered later joins when it is registered
        links += [[len(parties) - 1, o, max(first, registered_on[o]), None] for o in group]
    _one_moves(demo, parties, links, {r[0]: r[1] for r in rows})
    ids = demo.insert("party_org", "name kind set_up_on ended_on notes", parties)
    demo.insert("party_org_link", "party_org_id organisation_id date_from date_to",
                [(ids[p], o, f, t) for p, o, f, t in links])
    demo.insert("instructor_term", "organisation_id name date_from date_to", terms)
    sync(organisation_ids)
    demo.coverage_work = work_days(demo, parties, links, terms)


def work_days(demo, parties: list, links: list, terms: list) -> list[tuple[dt.date, str, int]]:
    """The history's supervision work on the activities' days, as the report counts it: (day, indicator, how many)
    — branches set up, joint branches an organisation joined or left after their set-up, instructors assigned."""
    done: dict[tuple, set] = {}
    for i, party in enumerate(parties):
        done.setdefault((party[2], "新成立党支部"), set()).add(i)
    for p, _, since, until in links:
        if parties[p][1] == "joint":
            for day in (d for d in (since, until) if d and d > parties[p][2]):
                done.setdefault((day, "调整联合党支部"), set()).add(p)
    for _, name, since, _ in terms:
        done.setdefault((since, "党建工作指导员"), set()).add(name)
    return sorted((day, indicator, len(who)) for (day, indicator), who in done.items() if day >= demo.start)


def _one_moves(demo, parties: list, links: list, names: dict) -> None:
    """A member of an older joint branch leaves it this year for a branch of its own (调整联合党支部)."""
    year_start = dt.date(demo.today.year, 1, 1)
    for link in links:
        kind = parties[link[0]][1]
        if kind == "joint" and link[2] < year_start - dt.timedelta(days=30) and demo.today > year_start:
            moved = demo.day(year_start, demo.today)
            link[3] = moved
            parties.append((f"{names[link[1]]}党支部"[:100], "independent", moved, None, ""))
            links.append([len(parties) - 1, link[1], moved, None])
            return
