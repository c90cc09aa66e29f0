"""One package record checked before anything is written: the models' own field checks, then what it points at."""
from __future__ import annotations

import re
import string

from models.exchange.package_records import LABELS, is_uuid, label_of
from models.records import activities, codes, development, dues, members, organisations, outreach, parts, study
from models.records import development_rules, validation as v
from models.records.attachments import MAX_BYTES
from models.records.schema import Organisation
from models.store import stored_file

REFERENCE_KEYS = {"section", "group", "leader", "member"}  # checked against the package and the store, not by the forms
# kind → (the form's fields, its check given them and a duplicate finder; the checked values come first)
CHECKS = {
    "members": (members.FIELDS, lambda d, twins: members.check_member(d)),
    "organisations": (organisations.FIELDS, lambda d, twins: organisations.check_organisation(d, d["uuid"], twins)),
    "study_groups": (("name", "purpose", "founded_on"), lambda d, twins: study.check_group(d)[0]),
    "activities": (activities.FIELDS, lambda d, twins: activities.check_activity(d)[0]),
    "study_sessions": (study.FIELDS, lambda d, twins: study.check_session(d, require_group=False)[0]),
    "outreach_events": (outreach.FIELDS, lambda d, twins: outreach.check_event(d)[0]),
    "dues": (dues.BASE_FIELDS, lambda d, twins: dues.check_base({k: d[k] for k in dues.BASE_FIELDS})),
    "development": (development.FIELDS, lambda d, twins: development.check_applicant(d)),
}
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # SQLite's lower() folds only ASCII


class LiveOrganisations:
    """records.duplicate_of for organisations, answered from the live ones read once rather than a query each."""

    def __init__(self):
        self.by: dict[str, dict[str, list]] | None = None

    def __call__(self, model, field, value, uuid):
        if not value:
            return None
        if self.by is None:
            self.by = {"name": {}, "credit_code": {}}
            for row in Organisation.select(Organisation.id, Organisation.uuid, Organisation.name,
                                           Organisation.credit_code).where(Organisation.deleted_at.is_null()
                                                                           ).order_by(Organisation.id):
                for key in self.by:
                    self.by[key].setdefault(getattr(row, key).translate(ASCII_LOWER), []).append(row)
        return next((row for row in self.by[field.name].get(value.lower(), []) if row.uuid != uuid), None)


# child list → (the field naming what a row points at, the kind of record it points at, what to call it)
POINTERS = {"attendance": ("member", "member", "出勤名单中的党员"), "reflections": ("member", "member", "心得的党员"),
            "members": ("member", "member", "小组成员"), "figures": ("indicator", "indicator", "指标"),
            "participations": ("organisation", "organisation", "参与组织")}


def _fields(kind: str, rec: dict, c: v.Checker, twins) -> dict | None:
    """The form's own check, given the record without its references (those are checked apart): the values
    it gives (references as None), or None when it refused them."""
    if kind == "study_plans":
        if not 1990 <= rec["year"] <= 2100:
            c.add("year", "年份应在 1990–2100 之间")
        for key, label in (("goals", "目标"), ("tasks", "任务"), ("standards", "标准")):
            c.run(key, v.text, rec[key], label, 5000)
        return None
    names, check = CHECKS[kind]
    try:
        return check({"uuid": rec["uuid"], **{k: rec[k] for k in names if k not in REFERENCE_KEYS}}, twins)
    except v.ValidationError as e:
        for key, message in e.errors.items():
            if key not in REFERENCE_KEYS:
                c.add(key, message)
        return None


def _dues(rec: dict, values: dict | None, c: v.Checker) -> None:
    """A year of dues: its year, and each month paid once, on a real day, never less than due."""
    if not dues.FIRST_YEAR <= rec["year"] <= dues.LAST_YEAR:
        c.add("year", f"年份应在 {dues.FIRST_YEAR}–{dues.LAST_YEAR} 之间")
    seen = set()
    for i, p in enumerate(rec["payments"], 1):
        if not 1 <= p["month"] <= 12 or p["month"] in seen:
            c.add("payments", f"缴费第 {i} 行的月份不正确或重复")
        seen.add(p["month"])
        c.run("payments", v.date, p["paid_on"], f"缴费第 {i} 行的交纳日期", required=True)
        amount = c.run("payments", v.centi, p["amount"], f"缴费第 {i} 行的实交金额")
        if values and amount is not None and amount < values["due_fen"]:
            c.add("payments", f"缴费第 {i} 行的实交金额少于每月应交的 {dues.yuan(values['due_fen'])} 元")
        c.run("payments", v.text, p["note"], f"缴费第 {i} 行的备注", 200)


def _development(rec: dict, values: dict | None, c: v.Checker) -> None:
    """A person's path: each step once, of a known kind, on a real day, with as many members as the rules ask for
    (who they are is checked as references), and the path in the order and intervals the working rules set."""
    steps, rules = {}, development_rules
    for i, s in enumerate(rec["steps"], 1):
        rule = rules.STEPS.get(s["kind"])
        if rule is None or s["kind"] in steps:
            c.add("steps", f"步骤第 {i} 行的步骤“{str(s['kind'])[:20]}”不正确或重复")
            continue
        day = c.run("steps", v.date, s["date"], f"“{rule.label}”的日期", required=True)
        for key, what, high in (("days", "培训天数", 366), ("hours", "培训学时", 10000), ("months", "延长月数", 120)):
            if s[key] is not None and not 0 < s[key] <= high:
                c.add("steps", f"“{rule.label}”的{what}不正确")
        c.run("steps", v.text, s["note"], f"“{rule.label}”的说明", 200)
        if day:
            steps[s["kind"]] = {**s, "date": day}
    for i, p in enumerate(rec["people"], 1):
        if p["step"] not in steps:
            what = rules.STEPS[p["step"]].label if p["step"] in rules.STEPS else str(p["step"])[:20]
            c.add("people", f"相关人员第 {i} 行的步骤“{what}”没有登记")
    for kind, step in steps.items():
        low, high = rules.STEPS[kind].people
        count = sum(p["step"] == kind for p in rec["people"])
        if not low <= count <= high:
            c.add("people", f"“{rules.STEPS[kind].label}”的{rules.STEPS[kind].role or '相关人员'}人数不正确")
    if values and not c.errors:
        for _, _, message in rules.chain_problems(values["birth_date"], values["applied_on"], steps):
            c.add("steps", message)


def _span(c: v.Checker, row: dict, where: str) -> None:
    start = c.run("party_orgs", v.date, row["date_from"], f"{where}的起始日期", required=True)
    end = c.run("party_orgs", v.date, row["date_to"], f"{where}的截止日期")
    if start and end and end < start:
        c.add("party_orgs", f"{where}的截止日期早于起始日期")


def _coverage(rec: dict, c: v.Checker) -> None:
    """The rows' own values as the forms check them: a known kind, a name, real days in order."""
    for i, row in enumerate(rec.get("party_orgs", []), 1):
        where = f"党组织第 {i} 行"
        c.run("party_orgs", v.text, row["name"], f"{where}的名称", 100, required=True)
        c.run("party_orgs", v.choice, row["kind"], f"{where}的类型", codes.PARTY_ORG_KINDS)
        c.run("party_orgs", v.date, row["set_up_on"], f"{where}的成立日期", required=True)
        c.run("party_orgs", v.date, row["ended_on"], f"{where}的撤销日期")
        c.run("party_orgs", v.text, row["notes"], f"{where}的备注", 2000)
        if not is_uuid(row["party_org"]):
            c.add("party_orgs", f"{where}的党组织编号不是有效的 UUID")
        _span(c, row, where)
    for i, row in enumerate(rec.get("instructors", []), 1):
        c.run("instructors", v.text, row["name"], f"指导员第 {i} 行的姓名", 50, required=True)
        _span(c, row, f"指导员第 {i} 行")


def _rows(rec: dict, c: v.Checker) -> None:
    """The child rows' own values, checked as the record's form checks them."""
    for i, a in enumerate(rec.get("attendance", []), 1):
        c.run("attendance", v.choice, a["status"], f"出勤第 {i} 行的出勤情况", codes.ATTENDANCE)
        c.run("attendance", v.text, a["reason"], f"出勤第 {i} 行的原因", 200)
    for i, f in enumerate(rec.get("figures", []), 1):
        c.run("figures", v.figure_value, f["value"], f"第 {i} 项指标的数值")  # 200余, 近300万 as the form takes them
        c.run("figures", v.text, f["note"], f"第 {i} 项指标的说明", 200)
    parts.check_attachments(rec.get("attachments", []), c)
    if any(a["size"] > MAX_BYTES for a in rec.get("attachments", [])):
        c.add("attachments", "附件大小超过上限")
    for i, r in enumerate(rec.get("reflections", []), 1):
        c.run("reflections", v.text, r["text"], f"第 {i} 篇心得", 20_000)
        c.run("reflections", v.date, r["submitted_on"], f"第 {i} 篇心得的提交日期")
    for i, p in enumerate(rec.get("participations", []), 1):
        c.run("participations", v.choice, p["role"] or "participant", f"第 {i} 个参与组织的角色", codes.ROLES)
        for key, label in (("money", "捐赠资金"), ("in_kind", "捐赠物资价值")):
            if p[key] not in (None, ""):
                c.run("participations", v.centi, p[key], f"第 {i} 个参与组织的{label}")
        if p["jobs"] is not None and not 0 <= p["jobs"] < 10 ** 9:
            c.add("participations", f"第 {i} 个参与组织提供的岗位数不正确")
        c.run("participations", v.text, p["note"], f"第 {i} 个参与组织的说明", 200)
    for i, m in enumerate(rec.get("members", []), 1):
        joined = c.run("members", v.date, m["joined_on"], f"成员第 {i} 行的加入日期")
        left = c.run("members", v.date, m["left_on"], f"成员第 {i} 行的退出日期")
        if joined and left and left < joined:
            c.add("members", f"成员第 {i} 行的退出日期早于加入日期")
    for i, t in enumerate(rec.get("topics", []), 1):
        if not 1 <= t["month"] <= 12:
            c.add("topics", f"计划第 {i} 行的月份应为 1–12")
        c.run("topics", v.text, t["topic"], f"计划第 {i} 行的学习主题", 200, required=True)
        c.run("topics", v.text, t["materials"], f"计划第 {i} 行的学习材料", 2000)
        c.run("topics", v.text, t["lead"], f"计划第 {i} 行的领学人", 50)


def _references(kind: str, rec: dict, known: dict[str, set[str]], attachments: set[str]) -> list[str]:
    out = ["请选择学习小组"] if kind in ("study_plans", "study_sessions") and not rec["group"] else []
    if kind == "dues" and not rec["member"]:
        out.append("请选择党员")
    for key, kind, what in (("section", "section", "栏目"), ("group", "group", "学习小组"),
                            ("leader", "member", "组长"), ("member", "member", "党员")):
        if rec.get(key) and rec[key] not in known[kind]:
            out.append(f"{what}（{rec[key][:8]}…）在数据包和本机都找不到")
    for name, (key, kind, what) in POINTERS.items():
        seen = set()
        for i, row in enumerate(rec.get(name, []), 1):
            if row[key] not in known[kind]:
                out.append(f"第 {i} 个{what}（{row[key][:8]}…）在数据包和本机都找不到")
            elif row[key] in seen:
                out.append(f"第 {i} 个{what}与前面的重复")
            seen.add(row[key])
    for i, s in enumerate(rec.get("steps", []), 1):  # a person's path: the meetings that decided the steps
        if s["meeting"] and s["meeting"] not in known["activity"]:
            out.append(f"步骤第 {i} 行的会议（{s['meeting'][:8]}…）在数据包和本机都找不到")
    for i, p in enumerate(rec.get("people", []), 1):  # the same member may take part in several steps
        if p["member"] not in known["member"]:
            out.append(f"相关人员第 {i} 行的党员（{p['member'][:8]}…）在数据包和本机都找不到")
    for a in rec.get("attachments", []):
        if (a["sha256"] not in attachments and re.fullmatch(r"[0-9a-f]{64}", a["sha256"])
                and stored_file(a["sha256"]) is None):
            out.append(f"附件“{a['name'][:40]}”的文件不在数据包中")
    return out


def check_record(kind: str, rec: dict, known: dict[str, set[str]], attachments: set[str],
                 twins=None) -> tuple[list[str], dict | None]:
    """Everything wrong with one record, each said with the record's kind and name; and the values its form's
    check gives (what a new record is written with; None for a study plan). twins: a duplicate finder."""
    c = v.Checker()
    values = _fields(kind, rec, c, twins or LiveOrganisations())
    if "source_branch" in rec:  # the branch it came from is stored with it: as long as a branch name may be
        c.run("source_branch", v.text, rec["source_branch"], "来源支部名称", 60)
    _rows(rec, c)
    if kind == "dues":
        _dues(rec, values, c)
    if kind == "development":
        _development(rec, values, c)
    if kind == "organisations":
        _coverage(rec, c)
    where = f"{LABELS[kind]}“{label_of(rec)}”"
    return [f"{where}：{m}" for m in list(c.errors.values()) + _references(kind, rec, known, attachments)], values
