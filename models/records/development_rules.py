"""The path of a new member and its intervals, from the 2014 working rules (《中国共产党发展党员工作细则》) and the
Party Constitution (党章); each rule names its article. Plain functions of dates: no store, no Qt."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.records.dates import add_months, add_years, chinese_date

RULES = "《中国共产党发展党员工作细则》"

STAGES = {"applicant": "入党申请人", "activist": "入党积极分子", "candidate": "发展对象", "probationary": "预备党员",
          "full": "正式党员"}

MIN_AGE = 18             # 细则第五条（党章第一条）：年满十八岁的……可以申请入党
TALK_MONTHS = 1          # 细则第七条：党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话
ACTIVIST_YEARS = 1       # 细则第十三条：经过一年以上培养教育和考察……可列为发展对象
TRAINING_DAYS, TRAINING_HOURS = 3, 24  # 细则第十七条：短期集中培训，一般不少于三天（或不少于二十四个学时）
PROBATION_YEARS = 1      # 细则第三十二条：预备期为一年，从支部大会通过其为预备党员之日算起
EXTENSION_MONTHS = (6, 12)  # 细则第三十二条：可以延长一次预备期，不能少于半年，最长不超过一年
SOON_DAYS = 30           # a date this near counts as 即将到期 on the home page


@dataclass(frozen=True)
class Step:
    label: str
    stage: str | None          # the stage the person is at once the step is taken (None: no change)
    after: tuple[str, ...]     # the steps that must come first
    meeting: str | None        # the activity type of the meeting that decides it
    role: str = ""             # what the members taking part are called
    people: tuple[int, int] = (0, 0)  # how many of them, at least and at most
    full_members: bool = False        # they must be full members (正式党员) on the day
    article: str = ""
    people_article: str = ""          # the article that says who takes part


# In the order of the path; "extend" is taken only when probation is extended.
STEPS = {
    "talk": Step("入党谈话", None, (), None, "谈话人", (1, 2), False, "细则第七条", "细则第七条"),
    "activist": Step("确定为入党积极分子", "activist", ("talk",), "committee_meeting", "培养联系人", (1, 2), True,
                     "细则第八条、第九条", "细则第九条"),
    "candidate": Step("列为发展对象", "candidate", ("activist",), "committee_meeting", "入党介绍人", (2, 2), True,
                      "细则第十三条、第十四条", "细则第十四条"),
    "training": Step("集中培训", None, ("candidate",), None, article="细则第十七条"),
    "probationary": Step("接收为预备党员", "probationary", ("candidate", "training"), "member_meeting",
                         article="党章第五条、细则第三十二条"),
    "extend": Step("延长预备期", None, ("probationary",), "member_meeting", article="细则第三十二条"),
    "full": Step("转为正式党员", "full", ("probationary",), "member_meeting", article="党章第七条、细则第三十二条"),
}
SHORT = {"talk": "入党谈话", "activist": "确定积极分子", "candidate": "列为发展对象", "training": "集中培训",
         "probationary": "接收预备党员", "extend": "延长预备期", "full": "预备党员转正"}  # where room is short
MEETINGS = {"committee_meeting": "支部委员会", "member_meeting": "支部党员大会"}


def old_enough(birth: dt.date, on: dt.date) -> bool:
    return add_years(birth, MIN_AGE) <= on


def training_end(step: dict) -> dt.date:
    """The last day of a concentrated training that began on step["date"] and lasted step["days"] days."""
    return step["date"] + dt.timedelta(days=max(1, step.get("days") or 1) - 1)


def probation_end(steps: dict[str, dict]) -> dt.date | None:
    """预备期满之日: a year from the 支部大会 that admitted the member, plus an extension (细则第三十二条)."""
    if "probationary" not in steps:
        return None
    end = add_years(steps["probationary"]["date"], PROBATION_YEARS)
    months = (steps.get("extend") or {}).get("months")
    return add_months(end, months) if months else end


def stage_of(steps: dict[str, dict]) -> str:
    """The stage the steps taken have brought a person to."""
    stage = "applicant"
    for kind, step in STEPS.items():
        if kind in steps and step.stage:
            stage = step.stage
    return stage


def _cn(day: dt.date) -> str:
    return chinese_date(day)


def chain_problems(birth: dt.date | None, applied: dt.date | None,
                   steps: dict[str, dict]) -> list[tuple[str, str, str]]:
    """What the rules refuse in a person's path: [(step kind or "applicant", field, message)], in the path's order.

    steps: {kind: {date, days, hours, months}}; a step out of order, or earlier than its interval allows, is named
    with the article it breaks."""
    out = []
    if birth and applied and not old_enough(birth, applied):
        out.append(("applicant", "applied_on", f"申请入党须年满{MIN_AGE}周岁（{RULES}第五条）：出生于{_cn(birth)}，"
                                               f"{_cn(add_years(birth, MIN_AGE))}起才能申请"))
    for kind, rule in STEPS.items():
        step = steps.get(kind)
        if step is None:
            continue
        missing = [STEPS[k].label for k in rule.after if k not in steps]
        if missing:
            out.append((kind, "kind", f"请先登记“{'”“'.join(missing)}”，再登记“{rule.label}”"))
            continue
        day = step["date"]
        earliest, why = _earliest(kind, applied, steps)
        if earliest and day < earliest:
            out.append((kind, "date", why))
        out += [(kind, field, message) for field, message in _own_values(kind, step)]
    return out


def _earliest(kind: str, applied: dt.date | None, steps: dict[str, dict]) -> tuple[dt.date | None, str]:
    """The first day a step may be dated, given the steps before it, and the reason said when it is earlier."""
    if kind == "talk":
        return applied, f"谈话日期不能早于递交入党申请书的日期（{_cn(applied)}）" if applied else ""
    if kind == "activist":
        day = steps["talk"]["date"]
        return day, f"确定为入党积极分子不能早于入党谈话（{_cn(day)}）"
    if kind == "candidate":
        start = steps["activist"]["date"]
        day = add_years(start, ACTIVIST_YEARS)
        return day, (f"入党积极分子须经过一年以上的培养教育和考察（{RULES}第十三条）：{_cn(start)}确定为积极分子，"
                     f"最早{_cn(day)}可列为发展对象")
    if kind == "training":
        day = steps["candidate"]["date"]
        return day, f"集中培训的对象是发展对象（{RULES}第十七条），培训不能早于列为发展对象的日期（{_cn(day)}）"
    if kind == "probationary":
        day = training_end(steps["training"])
        return day, f"接收预备党员的支部党员大会不能早于集中培训结束的日期（{_cn(day)}），未经培训的不能发展入党（{RULES}第十七条）"
    first_end = add_years(steps["probationary"]["date"], PROBATION_YEARS)
    if kind == "extend":
        return first_end, (f"预备期为一年（{RULES}第三十二条），{_cn(first_end)}期满后才能讨论延长预备期")
    end = probation_end(steps)  # full
    extended = "（含延长的预备期）" if "extend" in steps else ""
    return end, f"预备期{extended}{_cn(end)}期满（{RULES}第三十二条），期满后才能讨论转为正式党员"


def _own_values(kind: str, step: dict) -> list[tuple[str, str]]:
    out = []
    if kind == "training":
        days, hours = step.get("days"), step.get("hours")
        if not days and not hours:
            out.append(("days", "请填写培训天数或学时"))
        elif (days or 0) < TRAINING_DAYS and (hours or 0) < TRAINING_HOURS:
            out.append(("days", f"集中培训一般不少于{TRAINING_DAYS}天或{TRAINING_HOURS}个学时（{RULES}第十七条）"))
    if kind == "extend":
        low, high = EXTENSION_MONTHS
        months = step.get("months")
        if months is None:
            out.append(("months", "请填写延长的月数"))
        elif not low <= months <= high:
            out.append(("months", f"预备期只能延长一次，不能少于半年，最长不超过一年（{RULES}第三十二条）：应为"
                                  f"{low}—{high}个月"))
    return out


def next_step(applied: dt.date, steps: dict[str, dict], today: dt.date) -> dict | None:
    """What comes next on a person's path: {kind, label, earliest, due, state, rule}, None at its end.

    earliest: the first day the rules allow it; due: the day by which it should be done. state: overdue (due has
    passed), due_soon (due, or earliest, within SOON_DAYS), ready (may be done now), waiting (not yet), open (no
    date set by the rules)."""
    if "full" in steps:
        return None
    if "talk" not in steps:
        kind, earliest, due = "talk", applied, add_months(applied, TALK_MONTHS)
        rule = f"收到入党申请书后一个月内谈话（{RULES}第七条）"
    elif "activist" not in steps:
        kind, earliest, due, rule = "activist", None, None, "支部委员会研究决定（细则第八条）"
    elif "candidate" not in steps:
        kind, due = "candidate", None
        earliest = add_years(steps["activist"]["date"], ACTIVIST_YEARS)
        rule = f"培养考察一年以上（{RULES}第十三条）"
    elif "training" not in steps:
        kind, earliest, due, rule = "training", None, None, f"不少于3天或24学时（{RULES}第十七条）"
    elif "probationary" not in steps:
        kind, due = "probationary", None
        earliest = training_end(steps["training"])
        rule = "支部党员大会讨论接收（党章第五条）"
    else:
        kind = "full"
        earliest = due = probation_end(steps)
        rule = f"预备期满及时讨论转正（{RULES}第三十二条）"
    return {"kind": kind, "label": STEPS[kind].label, "earliest": earliest, "due": due, "rule": rule,
            "state": _state(earliest, due, today)}


def _state(earliest: dt.date | None, due: dt.date | None, today: dt.date) -> str:
    soon = dt.timedelta(days=SOON_DAYS)
    if due and today > due:
        return "overdue"
    if due and due - today <= soon:
        return "due_soon"
    if earliest and earliest > today:
        return "due_soon" if earliest - today <= soon else "waiting"
    return "ready" if earliest else "open"
