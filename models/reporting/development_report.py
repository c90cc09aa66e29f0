"""New members in the report, on the home page and in 数据检查: those admitted and made full members in a period,
the steps due, and the steps the rules' intervals were missed by."""
from __future__ import annotations

import datetime as dt

from models.records import common as records, development_rules as rules
from models.records.dates import chinese_date
from models.records.development import pipeline

ON_HOME = ("overdue", "due_soon", "ready")  # the states the home page's 应办事项 lists


def period_counts(date_from: dt.date, date_to: dt.date) -> dict:
    """{admitted: 接收预备党员 in the period, full: 转正 in it (on time: without an extended probation),
    extended: 转正 after an extension} — counted over the live people on the path, each on the date the member
    roster and the ledger give: 入党日期 is the day the 支部党员大会 admitted them, 转正日期 the day their probation
    (with any extension) ended (党章第七条: 预备期从支部大会通过之日算起; 党龄从预备期满转为正式党员之日算起), not the
    day of the meeting that voted on it, so a person admitted in late December a year before is counted in the
    year their probation ended even when the meeting on it was held in January."""
    counts = {"admitted": 0, "full": 0, "extended": 0}
    for row in pipeline():
        steps = row["steps"]
        if "probationary" in steps and date_from <= steps["probationary"]["date"] <= date_to:
            counts["admitted"] += 1
        if "full" in steps and date_from <= row["probation_end"] <= date_to:
            counts["extended" if "extend" in steps else "full"] += 1
    return counts


def development_sentence(date_from: dt.date, date_to: dt.date, when: str) -> str:
    """全年发展党员2名，按期转正1名。 — '' when no one was admitted or made a full member in the period."""
    counts = period_counts(date_from, date_to)
    parts = [f"发展党员{counts['admitted']}名" if counts["admitted"] else "",
             f"按期转正{counts['full']}名" if counts["full"] else "",
             f"延长预备期后转正{counts['extended']}名" if counts["extended"] else ""]
    parts = [p for p in parts if p]
    return f"{when}{'，'.join(parts)}。" if parts else ""


def development_shortfalls(date_from: dt.date, date_to: dt.date, today: dt.date) -> list[str]:
    """存在的不足 on the path of new members, nobody named: talks held, or still not held, more than a month after
    the application (细则第七条), and probations over without 转正 discussed by the period's last day (细则第三十二条).
    Read as the records stood on that day, so a later year's steps do not change an earlier year's report."""
    last = min(date_to, today)
    talks = probations = 0
    for row in pipeline(today):
        if row["applied_on"] > last:
            continue
        steps = {k: s for k, s in row["steps"].items() if s["date"] <= last}
        talk_due = rules.add_months(row["applied_on"], rules.TALK_MONTHS)
        talk = steps.get("talk")
        if talk_due < last and (talk is None or talk["date"] > talk_due) and (
                talk is None or talk["date"] >= date_from):  # a late talk belongs to the period it was held in
            talks += 1
        end = rules.probation_end(steps)
        if end and end < last and "full" not in steps:
            probations += 1
    return ([f"{talks}名入党申请人未在递交入党申请书后一个月内谈话"] if talks else []) + (
        [f"{probations}名预备党员预备期已满，尚未讨论转正"] if probations else [])


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
