"""The demo's new members (发展党员): a pipeline with someone at every stage — a talk due and one overdue, activists
short of and past their year, a trained 发展对象, 预备党员 one of them near 转正, and two made full members this year,
one after an extended probation — each step on the rules' dates, decided by meetings the demo holds for it."""
from __future__ import annotations

import datetime as dt

from models.exchange import demo_words as w
from models.records import development_rules as rules
from models.records.schema import Activity, Applicant

WORKPLACES = ("市民政局社会组织管理科", "市民政局办公室", "市社会组织服务中心", "市慈善总会", "市民政局社会事务处")
MEETING_TITLES = {"activist": "支部委员会：研究确定入党积极分子", "candidate": "支部委员会：研究确定发展对象",
                  "probationary": "支部党员大会：讨论接收预备党员", "extend": "支部党员大会：讨论预备党员转正（延长预备期）",
                  "full": "支部党员大会：讨论预备党员转正"}


def _paths(today: dt.date) -> list[dict[str, dt.date | tuple]]:
    """Each person's application date and steps, counted back from today so every stage shows at once."""
    def back(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    y, months = rules.add_years, rules.add_months
    admitted_on_time = y(back(40), -1)        # 转正 40 days ago, after one year of probation
    admitted_extended = months(y(back(20), -1), -6)  # 转正 20 days ago, after a year and six months
    paths = [
        {"applied": back(12)},                                                   # talk due within the month
        {"applied": back(50)},                                                   # talk overdue
        {"applied": back(200), "talk": back(185), "activist": back(150)},        # a few months as activist
        {"applied": back(430), "talk": back(415), "activist": back(380)},        # past a year: may be 发展对象
        {"applied": back(640), "talk": back(625), "activist": back(590), "candidate": back(200),
         "training": back(120)},                                                 # trained, waiting for 支部大会
        {"applied": back(1000), "talk": back(985), "activist": back(950), "candidate": back(560),
         "training": back(480), "probationary": back(350)},                     # 转正 due within a month
        {"applied": back(900), "talk": back(885), "activist": back(850), "candidate": back(300),
         "training": back(250), "probationary": back(100)},                     # early in probation
        {"applied": y(admitted_on_time, -2), "talk": y(admitted_on_time, -2) + dt.timedelta(days=12),
         "activist": y(admitted_on_time, -2) + dt.timedelta(days=40), "candidate": back(40 + 365 + 200),
         "training": back(40 + 365 + 120), "probationary": admitted_on_time, "full": back(40)},
    ]
    first = y(admitted_extended, -2)
    paths.append({"applied": first, "talk": first + dt.timedelta(days=20), "activist": first + dt.timedelta(days=60),
                  "candidate": y(first + dt.timedelta(days=60), 1) + dt.timedelta(days=30),
                  "training": y(first + dt.timedelta(days=60), 1) + dt.timedelta(days=90),
                  "probationary": admitted_extended, "extend": y(admitted_extended, 1), "full": back(20)})
    return paths


def pipeline_size(today: dt.date) -> tuple[int, int]:
    """(meetings, members) the pipeline adds: counted within the demo's activities and members, not on top."""
    paths = _paths(today)
    meetings = sum(1 for path in paths for kind in path if kind != "applied" and rules.STEPS[kind].meeting)
    return meetings, sum("probationary" in path for path in paths)


def fill_development(demo, members: list[tuple[int, dt.date | None]], meeting_types, branch: str) -> None:
    """The pipeline, its meetings (with everyone in the branch present; as many as demo.pipeline_meetings allows, the
    rest of the steps without one) and the members the admitted became, at the demo's meetings since."""
    rng, today = demo.rng, demo.today
    full_on = {m: demo.joined[m] + dt.timedelta(days=365) for m, _ in members}  # as demo.members() sets full_date
    left = dict(members)

    def full_members(day: dt.date, count: int) -> list[int]:
        ready = [m for m in full_on if full_on[m] <= day and (left[m] is None or left[m] > day)]
        return rng.sample(ready, min(count, len(ready)))

    applicants, steps, people, meetings, attendance = [], [], [], [], []
    paths = _paths(today)
    admitted = []
    for i, path in enumerate(paths):
        birth = path["applied"] - dt.timedelta(days=365 * rng.randint(22, 34) + rng.randrange(300))
        person = (demo.name(), rng.choice(["male", "female"]), birth, WORKPLACES[i % len(WORKPLACES)],
                  rng.choice(w.JOB_TITLES), f"1{rng.choice('3578')}{rng.randrange(10**9):09d}")
        applicants.append((*person, path["applied"], ""))
        if "probationary" in path:
            end = rules.probation_end({k: {"date": d, "months": 6 if k == "extend" else None}
                                       for k, d in path.items() if k in ("probationary", "extend")})
            admitted.append((i, person, path["probationary"], end if "full" in path else None))
    ids = demo.insert("applicant", "name gender birth_date workplace post phone applied_on notes", applicants)
    for applicant, path in zip(ids, paths):
        for kind, day in path.items():
            if kind == "applied":
                continue
            rule = rules.STEPS[kind]
            held = rule.meeting and len(meetings) < demo.pipeline_meetings
            if held:
                row = list(demo.activity_row(rule.meeting, day))
                row[1] = MEETING_TITLES[kind]
                meetings.append(tuple(row))
            steps.append((applicant, kind, day, len(meetings) if held else None,
                          3 if kind == "training" else None, 24 if kind == "training" else None,
                          6 if kind == "extend" else None, ""))
            for member in full_members(day, rule.people[1]) if rule.people[1] else ():
                people.append((applicant, kind, member))
    meeting_ids = demo.insert("activity", "type title date start_time end_time place host recorder speaker agenda "
                                          "content decisions guests tags section_id", meetings)
    for meeting, row in zip(meeting_ids, meetings):
        day = row[2]
        attendance += [(meeting, None, m, "present", "") for m, gone in members
                       if demo.joined[m] <= day and (gone is None or gone > day)]
    demo.insert("attendance", "activity_id session_id member_id status reason", attendance)
    demo.insert("development_step", "applicant_id kind date meeting_id days hours months note",
                [(a, k, d, meeting_ids[n - 1] if n else None, *rest) for a, k, d, n, *rest in steps])
    demo.insert("development_person", "applicant_id step member_id", people)
    new_members = demo.insert("member", "name gender birth_date ethnicity education phone party_status join_date "
                                        "full_date party_post job_title left_on left_to notes",
                              [(p[0], p[1], p[2], "汉族", "bachelor", p[5], "full" if full else "probationary", joined,
                                full, "", p[4], None, "", f"工作单位：{p[3]}") for _, p, joined, full in admitted])
    for member, (i, *_rest) in zip(new_members, admitted):
        Applicant.update(member=member).where(Applicant.id == ids[i]).execute()
    since = [(member, joined) for member, (_, _, joined, _) in zip(new_members, admitted)]
    demo.insert("attendance", "activity_id session_id member_id status reason", [
        (meeting, None, member, "present", "") for member, joined in since
        for (meeting,) in Activity.select(Activity.id).where(Activity.source_branch == branch, Activity.date >= joined,
                                                             Activity.type.in_(meeting_types)).tuples()])
