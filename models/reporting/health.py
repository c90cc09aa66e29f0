"""Data health: records that contradict each other or lack what the report needs, found and never changed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from peewee import JOIN, fn

from models.records import codes, common as records, id_card
from models.records.dates import add_years, as_date
from models.records.dues_accounts import FLAG_MONTHS, NAME_MONTHS, arrears
from models.records.members import ARRIVED
from models.records.schema import (
    Activity,
    Attendance,
    Figure,
    Indicator,
    Member,
    Organisation,
    OutreachEvent,
    ReportSection,
    StudySession,
)
from models.records.validation import ValidationError, credit_code
from models.reporting.coverage_report import coverage_problems
from models.reporting.development_report import late_steps

MEETINGS_WITH_ATTENDANCE = ("member_meeting", "committee_meeting", "group_meeting", "party_lecture", "theme_day",
                            "life_meeting", "member_review")
# (kind, model, title field, date field, speaker fields): the records that list attendance
ATTENDED = (("activity", Activity, Activity.title, Activity.date, (("主讲人", Activity.speaker), ("主持人", Activity.host))),
            ("study_session", StudySession, StudySession.topic, StudySession.date,
             (("主讲人", StudySession.lead_speaker),)))
FILED = (("activity", Activity, Activity.title, Activity.date),
         ("study_session", StudySession, StudySession.topic, StudySession.date),
         ("outreach_event", OutreachEvent, OutreachEvent.title, OutreachEvent.start_date))


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    hint: str                                      # what a person does about it
    find: Callable[[int], tuple[int, list[dict]]]  # limit → (how many in all, the first rows)


def row(kind: str, uuid: str, title: str, date, problem: str) -> dict:
    return {"kind": kind, "uuid": uuid, "title": title, "date": as_date(date), "problem": problem}


def _collect(parts, limit: int) -> tuple[int, list[dict]]:
    """parts: (select, make row from a tuple); the number found in all, and the first rows, newest first."""
    total, rows = 0, []
    for select, make in parts:  # read once, not counted apart: a count costs a second pass over the attendance
        found = list(select.tuples())
        total += len(found)
        rows += [make(*values) for values in found[:limit]]
    rows.sort(key=lambda r: (r["date"] or dt.date.min, r["title"]), reverse=True)
    return total, rows[:limit]


def _attendance(kind, model, title, date, status, *where):
    """Attendance rows of live records and live members, with the record and the member's dates: the day they
    arrived in the branch (members.arrival), transferred out, and whether they came by a transfer."""
    return (Attendance.select(model.uuid, title, date, Member.name, ARRIVED, Member.left_on, Attendance.status,
                              Member.came_on)
            .join(model, on=(getattr(Attendance, "activity" if kind == "activity" else "session") == model.id))
            .switch(Attendance).join(Member, on=(Attendance.member == Member.id))
            .where(model.deleted_at.is_null(), Member.deleted_at.is_null(), *where, *status)
            .order_by(date.desc(), model.id.desc()))


def left_but_present(limit: int) -> tuple[int, list[dict]]:
    parts = [(_attendance(kind, model, title, date, (Attendance.status == "present",), Member.left_on.is_null(False),
                          date >= Member.left_on),
              lambda uuid, name, day, member, joined, left, status, came, kind=kind:
              row(kind, uuid, name, day, f"{member}已于{left}转出，却记为出席"))
             for kind, model, title, date, _ in ATTENDED]
    return _collect(parts, limit)


def outside_membership(limit: int) -> tuple[int, list[dict]]:
    """Attendance dated before the member arrived in the branch (joined the party, or transferred in), or (other
    than 出席) after they transferred out."""
    def make(kind):
        def made(uuid, name, day, member, joined, left, status, came):
            day, joined = as_date(day), as_date(joined)
            what = "转入日期" if came else "入党日期"
            when = (f"早于{member}的{what}{joined}" if joined and day < joined
                    else f"晚于{member}的转出日期{left}")
            return row(kind, uuid, name, day, f"{codes.ATTENDANCE.get(status, status)}记录{when}")
        return made
    parts = [(_attendance(kind, model, title, date, (),
                          (ARRIVED.is_null(False) & (date < ARRIVED))
                          | ((Attendance.status != "present") & Member.left_on.is_null(False)
                             & (date >= Member.left_on))), make(kind))
             for kind, model, title, date, _ in ATTENDED]
    return _collect(parts, limit)


def absent_speakers(limit: int) -> tuple[int, list[dict]]:
    """The speaker (or host) of a meeting marked on leave or absent at that very meeting."""
    parts = []
    for kind, model, title, date, roles in ATTENDED:
        for role, field in roles:
            select = _attendance(kind, model, title, date, (Attendance.status.in_(("leave", "absent")),),
                                 Member.name == field)
            parts.append((select, lambda uuid, name, day, member, joined, left, status, came, kind=kind, role=role:
                          row(kind, uuid, name, day, f"{role}{member}在本次记为{codes.ATTENDANCE[status]}")))
    return _collect(parts, limit)


def left_holding_posts(limit: int) -> tuple[int, list[dict]]:
    select = (Member.select(Member.uuid, Member.name, Member.left_on, Member.party_post)
              .where(Member.deleted_at.is_null(), Member.left_on <= records.today(), Member.party_post != "")
              .order_by(Member.left_on.desc(), Member.id.desc()))
    return _collect([(select, lambda uuid, name, left, post: row("member", uuid, name, left,
                                                                  f"已于{left}转出，仍任{post}"))], limit)


def unfiled(limit: int) -> tuple[int, list[dict]]:
    """Records under no report section (or one since deleted): the report puts them under 其他工作."""
    gone = ReportSection.select(ReportSection.id).where(ReportSection.deleted_at.is_null(False))
    parts = [(model.select(model.uuid, title, date).where(model.deleted_at.is_null(),
                                                         model.section.is_null() | model.section.in_(gone))
              .order_by(date.desc(), model.id.desc()),
              lambda uuid, name, day, kind=kind: row(kind, uuid, name, day, "没有选择汇报栏目"))
             for kind, model, title, date in FILED]
    return _collect(parts, limit)


def figures_without_unit(limit: int) -> tuple[int, list[dict]]:
    """Records holding a figure whose indicator has no unit: the report cannot say 万元 or 人次."""
    found: dict[str, dict] = {}
    for kind, model, title, date, link in (("activity", Activity, Activity.title, Activity.date, Figure.activity),
                                           ("outreach_event", OutreachEvent, OutreachEvent.title,
                                            OutreachEvent.start_date, Figure.event)):
        select = (Figure.select(model.uuid, title, date, Indicator.name)
                  .join(model, on=(link == model.id)).switch(Figure).join(Indicator)
                  .where(model.deleted_at.is_null(), fn.TRIM(Indicator.unit) == "").order_by(model.id).tuples())
        for uuid, name, day, indicator in select:
            hit = found.setdefault(uuid, row(kind, uuid, name, day, ""))
            hit.setdefault("indicators", []).append(indicator)
    rows = sorted(found.values(), key=lambda r: (r["date"] or dt.date.min, r["title"]), reverse=True)
    for hit in rows:
        hit["problem"] = "指标" + "、".join(f"“{n}”" for n in dict.fromkeys(hit.pop("indicators"))) + "没有单位"
    return len(rows), rows[:limit]


def meetings_without_attendance(limit: int) -> tuple[int, list[dict]]:
    select = (Activity.select(Activity.uuid, Activity.title, Activity.date)
              .join(Attendance, JOIN.LEFT_OUTER, on=(Attendance.activity == Activity.id))
              .where(Activity.deleted_at.is_null(), Activity.type.in_(MEETINGS_WITH_ATTENDANCE),
                     Attendance.id.is_null())
              .order_by(Activity.date.desc(), Activity.id.desc()))
    return _collect([(select, lambda uuid, name, day: row("activity", uuid, name, day, "会议没有出勤记录"))], limit)


def events_without_figures(limit: int) -> tuple[int, list[dict]]:
    select = (OutreachEvent.select(OutreachEvent.uuid, OutreachEvent.title, OutreachEvent.start_date)
              .join(Figure, JOIN.LEFT_OUTER, on=(Figure.event == OutreachEvent.id))
              .where(OutreachEvent.deleted_at.is_null(), Figure.id.is_null())
              .order_by(OutreachEvent.start_date.desc(), OutreachEvent.id.desc()))
    return _collect([(select, lambda uuid, name, day: row("outreach_event", uuid, name, day,
                                                           "联建活动没有填写指标"))], limit)


def wrong_credit_codes(limit: int) -> tuple[int, list[dict]]:
    rows = []
    for uuid, name, code in (Organisation.select(Organisation.uuid, Organisation.name, Organisation.credit_code)
                             .where(Organisation.deleted_at.is_null(), Organisation.credit_code != "")
                             .order_by(Organisation.name).tuples()):
        try:
            credit_code(code)
        except ValidationError as e:
            rows.append(row("organisation", uuid, name, None, next(iter(e.errors.values()))))
    return len(rows), rows[:limit]


def member_date_problem(m: Member) -> str:
    """What contradicts in a member's own dates (the rules the member form enforces today), or ""."""
    if m.birth_date and m.join_date and m.join_date < add_years(m.birth_date, 18):
        return "入党日期早于年满18周岁"
    if m.join_date and m.full_date and m.full_date < m.join_date:
        return "转正日期早于入党日期"
    if m.party_status == "probationary" and m.full_date:
        return "预备党员却填有转正日期"
    if m.left_on and m.join_date and m.left_on < m.join_date:
        return "转出日期早于入党日期"
    if m.came_on and m.join_date and m.came_on < m.join_date:
        return "转入日期早于入党日期"
    if m.came_on and m.left_on and m.left_on <= m.came_on:
        return "转出日期不晚于转入日期"
    return _id_card_problem(m)


def _id_card_problem(m: Member) -> str:
    """A 公民身份号码 that disagrees with the birth date or sex beside it (the form refuses it; a package, a
    roster sheet or an older tool may have written them apart)."""
    number = m.id_card or ""
    if len(number) != 18 or id_card.is_masked(number) or not number[:17].isdigit():
        return ""
    if m.birth_date and id_card.birth_of(number) not in (None, as_date(m.birth_date)):
        return "出生日期与公民身份号码不符"
    if m.gender in ("male", "female") and id_card.gender_of(number) != m.gender:
        return "性别与公民身份号码不符"
    return ""


def member_dates(limit: int) -> tuple[int, list[dict]]:
    rows = []
    for m in Member.select().where(Member.deleted_at.is_null()).order_by(Member.name):
        problem = member_date_problem(m)
        if problem:
            rows.append(row("member", m.uuid, m.name, None, problem))
    return len(rows), rows[:limit]


def shared_id_cards(limit: int) -> tuple[int, list[dict]]:
    """Live members sharing one 公民身份号码: one person entered twice. The form refuses it; a data package from
    another PC that entered the same person may bring the second."""
    shared = (Member.select(Member.id_card).where(Member.deleted_at.is_null(), Member.id_card != "")
              .group_by(Member.id_card).having(fn.COUNT(Member.id) > 1))
    members = list(Member.select(Member.uuid, Member.name, Member.id_card)
                   .where(Member.deleted_at.is_null(), Member.id_card.in_(shared))
                   .order_by(Member.id_card, Member.name).tuples())
    rows = [row("member", uuid, name, None, "公民身份号码与" + "、".join(
                f"党员“{other}”" for u, other, same in members if same == number and u != uuid) + "相同")
            for uuid, name, number in members]
    return len(rows), rows[:limit]


def _months_text(run: list[tuple[int, int]]) -> str:
    (y1, m1), (y2, m2) = run[0], run[-1]
    return f"{y1}年{m1}月至{'' if y1 == y2 else f'{y2}年'}{m2}月"


def dues_unpaid(limit: int) -> tuple[int, list[dict]]:
    """Members with FLAG_MONTHS or more consecutive months of dues unpaid; from NAME_MONTHS the rule is named."""
    rows = []
    for hit in arrears(records.today()):
        run = hit["run"]
        if len(run) < FLAG_MONTHS:
            continue
        problem = f"{_months_text(run)}连续{len(run)}个月未交党费"
        if len(run) >= NAME_MONTHS:
            problem += "：按党章第九条，没有正当理由连续六个月不交纳党费的，视为自行脱党"
        rows.append(row("member", hit["member"], hit["name"], dt.date(*run[0], 1), problem))
    return len(rows), rows[:limit]


def coverage_history(limit: int) -> tuple[int, list[dict]]:
    """A joint branch standing with no organisation left in it; an organisation covered before it was registered."""
    found = coverage_problems()
    return len(found), [row(r["kind"], r["uuid"], r["name"], r["date"], r["problem"]) for r in found[:limit]]


def development_late(limit: int) -> tuple[int, list[dict]]:
    """People on the path to membership with a step overdue, or a talk held past its month."""
    found = late_steps()
    return len(found), [row("applicant", r["applicant"], r["name"], r["date"], r["problem"]) for r in found[:limit]]


CHECKS = (
    Check("left_present", "转出党员被记为出席", "核对出勤：转出后不应再记为出席；若转出日期填错，改党员的转出日期", left_but_present),
    Check("left_post", "转出党员仍担任党内职务", "在党员信息中清空党内职务，或核对转出日期", left_holding_posts),
    Check("absent_speaker", "主讲人或主持人当次请假、缺席", "核对出勤或主讲人、主持人", absent_speakers),
    Check("outside_membership", "出勤日期不在党员在册期间", "核对出勤记录，或党员的入党、转出日期", outside_membership),
    Check("member_dates", "党员日期前后矛盾或与身份号码不符", "在党员信息中改正日期、性别或身份号码", member_dates),
    Check("shared_id_card", "公民身份号码重复", "同一人登记了两次的，核对后保留一条，把另一条移入回收站；号码填错的，改正号码",
          shared_id_cards),
    Check("unfiled", "没有归入汇报栏目", "选择汇报栏目，否则情况汇报把它列入“其他工作”", unfiled),
    Check("no_unit", "指标没有单位", "在“设置”的指标目录中为该指标填写单位", figures_without_unit),
    Check("no_attendance", "会议没有出勤记录", "在记录的“出勤”页登记出勤，否则出勤率不计这次会议", meetings_without_attendance),
    Check("no_figures", "联建活动没有填写指标", "在“指标与附件”页填写成效数字", events_without_figures),
    Check("dues_unpaid", f"连续{FLAG_MONTHS}个月以上未交党费", "核实原因并督促补交（在“党费”页登记）；"
          "连续六个月不交纳党费的，由支部按党章第九条处理", dues_unpaid),
    Check("development_late", "发展党员步骤逾期", "在“发展党员”页及时登记该步骤；已办理的，补登日期",
          development_late),
    Check("credit_code", "统一社会信用代码有误", "核对社会组织的统一社会信用代码", wrong_credit_codes),
    Check("coverage", "党组织覆盖记录前后矛盾", "在“党建覆盖”页调整或撤销该党组织；或核对社会组织的登记日期",
          coverage_history),
)


def find_problems(limit: int = 200, only: tuple[str, ...] = ()) -> list[dict]:
    """Every check that found something, in the order above: [{code, title, hint, count, rows}], each row
    {kind, uuid, title, date, problem} pointing at the record to open; at most `limit` rows a check."""
    out = []
    for check in CHECKS:
        if only and check.code not in only:
            continue
        count, rows = check.find(limit)
        if count:
            out.append({"code": check.code, "title": check.title, "hint": check.hint, "count": count, "rows": rows})
    return out
