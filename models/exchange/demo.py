"""Realistic synthetic records of every kind, for a new user's first look and for benchmarks."""
from __future__ import annotations

import datetime as dt
import random
import uuid as uuidlib

from models.exchange import demo_words as w
from models.exchange.demo_coverage import fill_coverage
from models.exchange.demo_development import fill_development, pipeline_size
from models.exchange.demo_dues import fill_dues
from models.records import codes, id_card
from models.records.schema import Activity, Indicator, Member, ReportSection
from models.records.validation import credit_check_char
from models.reporting.numbers import chinese_number
from models.store import db, insert_rows, large_cache, largest_id, utcnow

MEETING_TYPES = ("member_meeting", "committee_meeting", "group_meeting", "party_lecture", "theme_day",
                 "life_meeting", "member_review", "theory_study")
TYPE_WEIGHTS = {"member_meeting": 4, "committee_meeting": 12, "group_meeting": 12, "party_lecture": 4,
                "theme_day": 12, "life_meeting": 1, "member_review": 1, "theory_study": 10, "expert_lecture": 3,
                "exchange_visit": 3, "field_research": 4, "special_study": 3, "heart_talk": 4, "care": 3,
                "volunteer": 5, "supervision": 10, "other": 2}
SECTION_OF_TYPE = {"supervision": 1, "field_research": 1, "special_study": 1, "volunteer": 2, "care": 2,
                   "exchange_visit": 2}


DEMO_BRANCH = "示例数据"  # the source branch demo records carry, so that they can be cleared again
MARKED = {"member", "organisation", "activity", "study_group", "study_session", "outreach_event", "applicant",
          "party_org"}


WORKPLACE = "市民政局社会组织管理科"


def _id_number(birth: dt.date, gender: str, i: int) -> str:
    """A well-formed 公民身份号码 for a demo member (region 110105, a sequence number of the right sex)."""
    first = f"110105{birth:%Y%m%d}{i:02d}{1 if gender == 'male' else 2}"
    return first + id_card.check_char(first)


class Demo:
    def __init__(self, records: int, seed: int, today: dt.date):
        self.n, self.rng, self.today = records, random.Random(seed), today
        self.start = today - dt.timedelta(days=365 * min(10, records // 2000 + 1))
        self.sections = [s.id for s in ReportSection.select().where(ReportSection.deleted_at.is_null())
                         .order_by(ReportSection.position)]
        self.indicators = {i.name: i.id for i in Indicator.select().where(Indicator.deleted_at.is_null())}
        self.stamp = utcnow()
        # the new members' pipeline holds its own meetings and admits its own members: part of the counts asked for
        meetings, self.pipeline_members = pipeline_size(today)
        self.pipeline_meetings = min(meetings, records)  # a demo of 10 activities links only 10 of the steps
        self.coverage_work: list[tuple[dt.date, str, int]] = []  # fill_coverage's (day, indicator, how many)
        # Identities depend on what the store already holds too, so demo data can be added twice.
        self.ids = random.Random(f"{seed}-{Activity.select().count()}-{Member.select().count()}")

    def uuid(self) -> str:
        return str(uuidlib.UUID(int=self.ids.getrandbits(128), version=4))

    def day(self, start=None, end=None) -> dt.date:
        start, end = start or self.start, end or self.today
        return start + dt.timedelta(days=self.rng.randrange(max(1, (end - start).days + 1)))

    def name(self) -> str:
        return self.rng.choice(w.SURNAMES) + "".join(self.rng.choices(w.GIVEN, k=self.rng.choice((1, 2, 2))))

    def insert(self, table: str, columns: str, rows: list[tuple]) -> list[int]:
        """Bulk insert; returns the new rows' ids, in order."""
        first = largest_id(table) + 1
        stamp = str(self.stamp)
        if table in MARKED:
            columns, rows = columns + " source_branch", [(*r, DEMO_BRANCH) for r in rows]
        insert_rows(table, ["uuid", "created_at", "updated_at"] + columns.split(),
                    [(self.uuid(), stamp, stamp, *r) for r in rows])
        return list(range(first, first + len(rows)))

    def section(self, index: int):
        return self.sections[min(index, len(self.sections) - 1)] if self.sections else None

    def members(self) -> list[tuple[int, dt.date | None]]:
        rows, left = [], []
        for i in range(max(20, self.n // 500) - self.pipeline_members):
            birth = self.day(dt.date(1965, 1, 1), dt.date(2001, 12, 31))
            joined = birth + dt.timedelta(days=365 * self.rng.randint(20, 35))
            if joined > self.today:
                joined = self.day(max(birth + dt.timedelta(days=366 * 18), self.today - dt.timedelta(days=700)))
            probationary = (self.today - joined).days < 365
            left_on = self.day(self.start) if self.rng.random() < 0.08 else None
            if left_on and left_on < joined:
                left_on = None
            left.append(left_on)
            gender = self.rng.choice(["male", "female"])
            came_on = self._transfer_in(i, joined, left_on)
            rows.append((self.name(), gender, birth,
                         "汉族" if self.rng.random() < 0.92 else self.rng.choice(codes.ETHNICITIES[1:12]),
                         self.rng.choice(["postgraduate", "bachelor", "bachelor", "college"]),
                         f"1{self.rng.choice('3578')}{self.rng.randrange(10**9):09d}",
                         "probationary" if probationary else "full", joined,
                         None if probationary else joined + dt.timedelta(days=365),
                         codes.PARTY_POSTS[i] if i < len(codes.PARTY_POSTS) and not left_on else "",
                         self.rng.choice(w.JOB_TITLES), left_on, "市级机关其他单位" if left_on else "", "",
                         _id_number(birth, gender, i) if i < 3 else "", WORKPLACE, came_on,
                         "区民政局机关党支部" if came_on else ""))
        ids = self.insert("member", "name gender birth_date ethnicity education phone party_status join_date "
                                    "full_date party_post job_title left_on left_to notes id_card workplace came_on "
                                    "came_from", rows)
        # nobody attends a meeting before arriving in the branch (members.arrival: transferred in, or joined)
        self.joined = {i: r[16] or r[7] for i, r in zip(ids, rows)}
        self.names = {i: r[0] for i, r in zip(ids, rows)}
        # who hosts, records and teaches a branch's meetings: its committee (or, short of one, anyone)
        self.committee = [r[0] for r in rows if r[9]] or [r[0] for r in rows]
        return list(zip(ids, left))

    def _transfer_in(self, i: int, joined: dt.date, left_on: dt.date | None) -> dt.date | None:
        """The demo's member transferred in mid-year (转入): the fourth, on the first of the month five months ago."""
        month = self.today.year * 12 + self.today.month - 1 - 5
        came = dt.date(month // 12, month % 12 + 1, 1)
        return came if i == 3 and joined < came and not left_on else None

    def organisations(self) -> list[int]:
        rows, seen = [], set()
        kinds = list(w.ORG_FORMS)
        for i in range(max(30, self.n // 50)):
            kind = self.rng.choices(kinds, (6, 3, 1))[0]
            name = f"{self.rng.choice(['市', *w.CITY_AREAS])}{self.rng.choice(w.ORG_FIELDS)}{self.rng.choice(w.ORG_FORMS[kind])}"
            if name in seen:
                name = f"{name[:-2]}{len(seen)}{name[-2:]}"
            seen.add(name)
            body = f"5{'123'[kinds.index(kind)]}330100MJ{i:07d}"
            party = self.rng.choices(["independent", "joint", "none"], (2, 5, 3))[0]
            registered = self.day(dt.date(2000, 1, 1))
            rows.append((name, body + credit_check_char(body), kind, registered, self.name(), party,
                         self.day(registered) if party != "none" else None, self.name(),
                         self.rng.choice(["", "", "3A", "4A", "5A", "2A"]), self.name(),
                         f"0571-8{self.rng.randrange(10**7):07d}", f"{self.rng.choice(w.CITY_AREAS)}区", ""))
        return self.insert("organisation", "name credit_code kind registered_on legal_rep party_org party_org_date "
                                           "instructor grade contact_person contact_phone address notes", rows)

    def activity_row(self, kind: str, day: dt.date, title: str = "") -> tuple:
        rng = self.rng
        if kind == "supervision":
            title = title or rng.choice(w.SUPERVISION)[0]
        elif kind in ("member_meeting", "committee_meeting", "group_meeting"):
            title = f"{codes.ACTIVITY_TYPES[kind]}：{rng.choice(w.MEETING_TOPICS)}"
        elif kind == "party_lecture":
            title = f"专题党课：{rng.choice(w.LECTURE_TOPICS)}"
        elif kind == "theme_day":
            title = f"{day.month}月主题党日：{rng.choice(w.THEME_DAYS)}"
        else:
            title = w.OTHER_TITLES[kind].format(rng.choice(w.LECTURE_TOPICS if "study" in kind or "lecture" in kind
                                                           else w.CITY_AREAS))
        start = dt.time(rng.choice((9, 10, 14, 15)), rng.choice((0, 30)))
        end = dt.time(start.hour + rng.choice((1, 2)), start.minute)
        content = (f"会议围绕“{title.split('：')[-1]}”开展，{rng.choice(['支部书记', '组织委员', '宣传委员'])}主持。"
                   f"与会党员结合岗位实际交流发言，大家一致认为要{rng.choice(['提高政治站位', '强化责任担当', '狠抓工作落实'])}，"
                   f"把学习成效转化为推动社会组织高质量发展的实际行动。")
        speaker = (rng.choice(self.committee[:3]) if kind == "party_lecture" else
                   rng.choice(w.EXPERTS) if kind == "expert_lecture" else "")
        return (kind, title, day, start, end, rng.choice(w.PLACES), self.committee[0], rng.choice(self.committee[1:4]),
                speaker,
                rng.choice(w.MEETING_TOPICS), content,
                "会议同意上述事项。" if kind in ("member_meeting", "committee_meeting") else "", "", "",
                self.section(SECTION_OF_TYPE.get(kind, 0)))

    def activities(self, members) -> None:
        count = max(0, self.n - self.pipeline_meetings)
        # approving branches, adjusting joint ones and assigning instructors are told on the history's own days with
        # its own figures, so a month's typed figures never say what the registry does not (the latest, at most a
        # quarter of a small demo's activities)
        keep = count // 4
        work = self.coverage_work[len(self.coverage_work) - keep:] if keep else []
        kinds = self.rng.choices(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()), k=count - len(work))
        planned = sorted([(d, k, None) for k, d in zip(kinds, (self.day() for _ in kinds))]
                         + [(d, "supervision", (indicator, n)) for d, indicator, n in work], key=lambda p: p[0])
        rows = [self.activity_row(k, d, w.COVERAGE_WORK[f[0]] if f else "") for d, k, f in planned]
        ids = self.insert("activity", "type title date start_time end_time place host recorder speaker agenda "
                                      "content decisions guests tags section_id", rows)
        attendance, figures = [], []
        for aid, (day, kind, told), row in zip(ids, planned, rows):
            if kind in MEETING_TYPES:
                active = [m for m, left in members if left is None or left > day]
                for m in self.rng.sample(active, min(len(active), 20)):
                    status = self.rng.choices(["present", "leave", "absent"], (90, 8, 2))[0]
                    if self.names[m] in row[6:9]:  # who hosts, records or speaks is there
                        status = "present"
                    reason = {"present": "", "leave": self.rng.choice(["出差", "病假", "公务外出"]),
                              "absent": "未说明"}[status]
                    if self.joined[m] <= day:
                        attendance.append((aid, None, m, status, reason))
            if kind == "supervision":  # the figure the title names; one to three people a notice or interview
                indicator, n = told or (dict(w.SUPERVISION)[row[1]], self.rng.randint(1, 3))
                figures.append((aid, None, self.indicators[indicator], n * 100, ""))
        self.insert("attendance", "activity_id session_id member_id status reason", attendance)
        self.insert("figure", "activity_id event_id indicator_id value_centi note", figures)

    def study(self, members) -> None:
        ids = [m for m, _ in members]
        group_count = max(1, len(ids) // 15)
        names = ["“青听”学习小组"] + [f"第{i + 1}学习小组" for i in range(1, group_count)]
        groups = self.insert("study_group", "name purpose leader_id founded_on",
                             [(n, "加强青年干部理论武装，定目标、定任务、定标准", ids[i % len(ids)], self.start)
                              for i, n in enumerate(names)])
        roster = {g: ids[i::group_count][:15] for i, g in enumerate(groups)}
        self.insert("study_group_member", "group_id member_id joined_on",
                    [(g, m, self.start) for g, ms in roster.items() for m in ms])
        years = range(self.start.year, self.today.year + 1)
        plans = self.insert("study_plan", "group_id year goals tasks standards",
                            [(g, y, "全年完成12次集中学习", "每月一个专题，轮流领学", "人人发言、人人交心得")
                             for g in groups for y in years])
        self.insert("plan_topic", "plan_id month topic materials lead",
                    [(p, m, self.rng.choice(w.STUDY_TOPICS), "", self._lead(roster[g]))
                     for (g, _), p in zip(((g, y) for g in groups for y in years), plans) for m in range(1, 13)])
        sessions = max(12, self.n // 20)
        chosen = [self.rng.choice(groups) for _ in range(sessions)]
        days = sorted(self.day() for _ in range(sessions))
        session_rows = [(g, self.rng.choice(["study", "study", "exchange"]), d, self.rng.choice(w.STUDY_TOPICS),
                         "相关文件及辅导材料", self._lead(roster[g], d), self.rng.choice((60, 90, 120)),
                         self.rng.choice(w.PLACES), "", self.section(0)) for g, d in zip(chosen, days)]
        sids = self.insert("study_session", "group_id kind date topic materials lead_speaker duration_minutes place "
                                            "notes section_id", session_rows)
        attendance, reflections, left = [], [], dict(members)
        leads = [row[5] for row in session_rows]
        for sid, g, d, lead in zip(sids, chosen, days, leads):
            for m in roster[g]:
                present = self.rng.random() < 0.9 or self.names[m] == lead  # who leads the study is there
                member_then = self.joined[m] <= d and (left[m] is None or left[m] > d)
                if member_then:
                    attendance.append((None, sid, m, "present" if present else "leave", "" if present else "出差"))
                if present and self.rng.random() < 0.7 and member_then:
                    reflections.append((sid, m, "通过本次学习，进一步坚定了理想信念，要把学习成果转化为工作实效。", d))
        self.insert("attendance", "activity_id session_id member_id status reason", attendance)
        self.insert("reflection", "session_id member_id text submitted_on", reflections)

    def _lead(self, roster: list[int], day: dt.date | None = None) -> str:
        """Who leads a group's study: one of its first four members (in the branch on that day), as a group takes
        turns among a few."""
        few = [m for m in roster[:4] if day is None or self.joined[m] <= day] or roster[:4]
        return self.names[self.rng.choice(few)]

    def outreach(self, organisations) -> None:
        count = max(10, self.n // 40)
        days = sorted(self.day() for _ in range(count))
        picks = [self.rng.choice(w.OUTREACH) for _ in range(count)]
        rows = [(title, f"第{chinese_number(d.year - 2018)}届“社会组织伙伴日”", kind, d,
                 min(self.today, d + dt.timedelta(days=self.rng.randint(0, 30))),
                 self.rng.choice(w.PLACES), self.rng.choice(w.REGIONS), partner, "组织引导社会组织积极参与。",
                 "活动取得良好社会反响。", self.section(2)) for (kind, title, partner), d in zip(picks, days)]
        ids = self.insert("outreach_event", "title series kind start_date end_date place region co_organisers "
                                            "description outcomes section_id", rows)
        parts, figures = [], []
        for eid in ids:
            chosen = self.rng.sample(organisations, min(len(organisations), self.rng.randint(3, 10)))
            money = 0
            for j, org in enumerate(chosen):
                fen = self.rng.randint(1, 500) * 100_000 if self.rng.random() < 0.5 else None
                money += fen or 0
                parts.append((eid, org, "host" if j == 0 else self.rng.choice(["participant", "donor", "organiser"]),
                              fen, None, self.rng.choice([None, 0, 5, 20]), ""))
            figures.append((None, eid, self.indicators["参与社会组织"], len(chosen) * 100, ""))
            if money:
                figures.append((None, eid, self.indicators["捐赠资金"], money, ""))
        self.insert("participation", "event_id organisation_id role money_fen in_kind_fen jobs note", parts)
        self.insert("figure", "activity_id event_id indicator_id value_centi note", figures)


def fill_demo(records: int = 2000, seed: int = 1, today: dt.date | None = None) -> dict:
    """Add synthetic records to the open store in one transaction; returns counts per kind."""
    from models.records.schema import Activity, Member, Organisation, OutreachEvent, StudySession
    demo = Demo(records, seed, today or dt.date.today())
    with large_cache(), db.atomic():
        members = demo.members()
        organisations = demo.organisations()
        fill_coverage(demo, organisations)
        demo.activities(members)
        demo.study(members)
        demo.outreach(organisations)
        fill_development(demo, members, MEETING_TYPES, DEMO_BRANCH)
        fill_dues(demo, DEMO_BRANCH)  # after the pipeline: the members it admitted owe dues too
    return {label: model.select().count() for label, model in
            (("党员", Member), ("社会组织", Organisation), ("支部活动", Activity), ("学习会", StudySession),
             ("联建活动", OutreachEvent))}
