"""New members in the report, on the home page and in 数据检查: those admitted and made full members in a period,
the steps due, and the steps the rules' intervals were missed by."""
from __future__ import annotations

import datetime as dt

from models.records import common as records, development_rules as rules
from models.records.dates import chinese_date
from models.records.development import pipeline
from models.records.schema import Applicant, DevelopmentStep

ON_HOME = ("overdue", "due_soon", "ready")  # the states the home page's 应办事项 lists


def period_counts(date_from: dt.date, date_to: dt.date) -> dict:
    """{admitted: 接收预备党员 in the period, full: 转正 in it (on time: without an extended probation),
    extended: 转正 after an extension} — counted over the live people on the path."""
    select = (DevelopmentStep.select(DevelopmentStep.applicant, DevelopmentStep.kind).join(Applicant)
              .where(Applicant.deleted_at.is_null(), DevelopmentStep.kind.in_(("probationary", "full")),
                     DevelopmentStep.date >= date_from, DevelopmentStep.date <= date_to).tuples())
    found = list(select)
    full = [a for a, kind in found if kind == "full"]
    extended = {a for (a,) in DevelopmentStep.select(DevelopmentStep.applicant).where(
        DevelopmentStep.kind == "extend", DevelopmentStep.applicant.in_(full)).tuples()} if full else set()
    return {"admitted": sum(kind == "probationary" for _, kind in found), "full": len(full) - len(extended),
            "extended": len(extended)}


def development_sentence(date_from: dt.date, date_to: dt.date, when: str) -> str:
    """全年发展党员2名，按期转正1名。 — '' when no one was admitted or made a full member in the period."""
    counts = period_counts(date_from, date_to)
    parts = [f"发展党员{counts['admitted']}名" if counts["admitted"] else "",
             f"按期转正{counts['full']}名" if counts["full"] else "",
             f"延长预备期后转正{counts['extended']}名" if counts["extended"] else ""]
    parts = [p for p in parts if p]
    return f"{when}{'，'.join(parts)}。" if parts else ""


def due_steps(today: dt.date | None = None) -> list[dict]:
    """The next step of everyone on the path that is overdue, due soon or may be taken now, the most pressing
    first: [{applicant, name, stage_label, kind, label, short, state, date, deadline (date is the day it is due by, not
    the first day allowed), rule}]."""
    today = today or records.today()
    order = {state: i for i, state in enumerate(ON_HOME)}
    out = []
    for row in pipeline(today):
        step = row["next"]
        if step and step["state"] in ON_HOME:
            out.append({"applicant": row["uuid"], "name": row["name"], "stage_label": row["stage_label"],
                        "kind": step["kind"], "label": step["label"], "short": rules.SHORT[step["kind"]],
                        "state": step["state"],
                        "date": step["due"] or step["earliest"], "deadline": step["due"] is not None,
                        "rule": step["rule"]})
    return sorted(out, key=lambda r: (order[r["state"]], r["date"] or dt.date.max, r["name"]))


def late_steps(today: dt.date | None = None) -> list[dict]:
    """数据检查's findings: a step overdue now, or a talk held later than a month after the application
    (细则第七条) — [{applicant, name, date, problem}], newest first."""
    today = today or records.today()
    out = []
    for row in pipeline(today):
        step, talk = row["next"], row["steps"].get("talk")
        if step and step["state"] == "overdue":
            out.append({"applicant": row["uuid"], "name": row["name"], "date": step["due"],
                        "problem": f"“{step['label']}”已逾期（应于{chinese_date(step['due'])}前）：{step['rule']}"})
        if talk and talk["date"] > rules.add_months(row["applied_on"], rules.TALK_MONTHS):
            out.append({"applicant": row["uuid"], "name": row["name"], "date": talk["date"],
                        "problem": f"{chinese_date(row['applied_on'])}递交入党申请书，{chinese_date(talk['date'])}"
                                   f"才谈话，超过了一个月（{rules.RULES}第七条）"})
    return sorted(out, key=lambda r: (r["date"], r["name"]), reverse=True)
