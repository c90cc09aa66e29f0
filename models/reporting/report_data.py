"""The summary report (情况汇报) of a period as plain data: title, chapters of paragraphs, tables, ledgers.

The chapters read as the office writes (DOMAIN.md, "How the office writes"): highlights first with their 成效,
activities counted by type in one sentence, a series of events as one paragraph, figures summed up by their
indicator's rule, gaps stated once as ranges, and nobody named for a shortfall.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

from models.records import codes, common as records
from models.records.dates import chinese_date, month_end
from models.records.settings import branch_settings, list_sections
from models.reporting.coverage_report import DERIVED_INDICATORS, coverage_chapter, coverage_sentence
from models.reporting.development_report import development_sentence, development_shortfalls
from models.reporting.dues_report import dues_sentence, dues_shortfall
from models.reporting.numbers import chinese_number, percent
from models.reporting.report_clauses import (
    HANDFUL,
    activity_clause,
    deed,
    outreach_paragraphs,
    said_statements,
    sum_phrases,
    summed_series,
    totals_sentence,
    woven,
)
from models.reporting.report_records import group_people, plan_state, previous_counts, told_records
from models.reporting.report_tables import APPENDICES, appendix, figure_charts, month_chart, months_of, type_table
from models.reporting.report_text import (
    bucket_ranges,
    change_phrase,
    counts_phrase,
    days_phrase,
    gap_sentences,
    join_dated,
    names_phrase,
    only_its_type,
    period_said_once,
)
from models.reporting.section_texts import get_section_text, period_key, period_kind, period_label
from models.reporting.statistics import buckets, expected_frequency, period_statistics

# Meetings a branch holds as a matter of course: counted, never told one by one unless they carry figures.
ROUTINE = set(codes.EXPECTED_FREQUENCY) | {"theory_study"}
UNFILED = "其他工作"
Progress = Callable[[int, int], None]


def _when(date_from: dt.date, date_to: dt.date, today: dt.date) -> str:
    """How the chapters start a count: 全年 (今年以来 while this year is not over), 上半年, 本季度, 本月, or 期间."""
    kind = period_kind(date_from, date_to)
    if kind == "year" and date_from <= today < date_to:
        return "今年以来"
    if kind == "half":
        return "上半年" if date_from.month == 1 else "下半年"
    label = period_label(date_from, date_to)
    if kind == "custom" and label.endswith("月") and label.count("年") == 1:
        return label.split("年", 1)[1]  # whole months of one year: 1—9月
    return {"year": "全年", "quarter": "本季度", "month": "本月"}.get(kind, "期间")


def _activities_paragraph(key, stats: dict, acts: list[dict], when: str, year: bool, told: set) -> str:
    counts = stats["activities"]["by_section"].get(key, {})
    if not counts:
        return ""
    text = f"{when}{counts_phrase(counts)}。"
    notable = [a for a in acts if not a["highlight"] and (
        a["figured"] or a["type"] not in ROUTINE and not only_its_type(a["title"], a["type"]))]
    if notable and len(notable) <= HANDFUL:  # 其中 right after the counts it picks from
        # the same deed on several days told once (3月3日、20日，开展…); one with figures keeps its own day, as
        # 9日、18日，公示新任法定代表人2人 would read as 2 in all
        deeds: dict = {}
        for a in notable:
            deeds.setdefault(("a", a["id"]) if a["figured"] else deed(a), (deed(a), []))[1].append(a["day"])
        text += "其中，" + join_dated([f"{days_phrase(days, year)}，{what}" for what, days in deeds.values()]) + "。"
        told.update(("a", a["id"]) for a in notable)
    speakers = [a["speaker"] for a in acts if a["type"] == "party_lecture" and a["speaker"]]
    if speakers:
        text += f"{names_phrase(speakers)}讲授党课。"
    present = stats["attendance"]["by_section"].get(key)
    if present and present["expected"] and present["expected"] != stats["attendance"]["expected"]:
        # (when every recorded attendance is in this chapter, the opening paragraph has said it already)
        text += attendance_sentence(present)
    return text


def _study_paragraphs(key, stats: dict, date_from: dt.date, date_to: dt.date) -> list[str]:
    out = []
    for g in (g for g in stats["study"]["groups"] if g["section"] == key):
        name = g["name"] if g["name"].endswith("组") else f"“{g['name']}”学习小组"
        years = range(date_from.year, date_to.year + 1)
        states = {y: plan_state(g["uuid"], y) for y in years} if len(years) <= 3 else {}
        planned = [y for y, s in states.items() if s != "none"]
        parts = []
        if planned:
            label = "、".join(f"{y}年" for y in planned)
            lacks = {s for y, s in states.items() if y in planned}
            text = f"制定{label}学习计划"
            text += "，定目标、定任务、定标准" if lacks & {"full", "no_topics"} else "（未写明目标、任务和标准）"
            if "no_topics" in lacks:
                text += "（尚未列出各月学习专题）"
            parts.append(text)
        parts.append(f"计划学习{g['planned']}次，实际开展{g['held']}次" if g["planned"] else f"开展学习{g['held']}次")
        people = group_people(g["uuid"], date_from, date_to)
        if names_phrase(people["leads"]):  # sessions recorded without a lead speaker name nobody
            parts.append(f"由{names_phrase(people['leads'])}领学")
        if g["reflections"]:
            parts.append(f"{names_phrase(people['writers'])}撰写心得体会{g['reflections']}篇")
        out.append(f"{name}" + "，".join(parts) + "。")
    return out


def _chapter_blocks(key, stats: dict, found: dict, lead: str, date_from: dt.date, date_to: dt.date,
                    extra: tuple[str, ...] = ()) -> list[dict]:
    """A section's paragraphs: the lead paragraph, highlights, counts by type (and extra: party dues), study,
    events, figures."""
    year, when = date_from.year != date_to.year, _when(date_from, date_to, stats["today"])
    acts = [a for a in found["activities"] if a["section"] == key]
    events = [e for e in found["events"] if e["section"] == key]
    highlights = sorted([a for a in acts if a["highlight"]], key=lambda a: (a["day"], a["id"]))
    told = {("a", a["id"]) for a in highlights}
    event_lead, event_rest = outreach_paragraphs(events, when, year, told)
    paragraphs = [line.strip() for line in lead.splitlines() if line.strip()]
    paragraphs += [woven(activity_clause(a, year), a) for a in highlights] + event_lead
    paragraphs.append(_activities_paragraph(key, stats, acts, when, year, told))
    figures = [f for f in found["figures"] if f["section"] == key]
    sums = sum_phrases(said_statements(figures, told))
    said = any(sums == sum_phrases(said_statements(rows)) for rows in summed_series(events))  # a series' paragraph did
    totals = totals_sentence(figures, year, told, sums=not said)
    # 以上工作 are the records just told: right after the activities when no events follow, not after the dues,
    # coverage or study paragraphs, which add nothing to them
    paragraphs += ([totals] if not events else []) + list(extra)
    paragraphs += _study_paragraphs(key, stats, date_from, date_to) + event_rest + ([totals] if events else [])
    own = len([line for line in lead.splitlines() if line.strip()])
    paragraphs = paragraphs[:own] + period_said_once([p for p in paragraphs[own:] if p], when)
    if len(paragraphs) == own:
        paragraphs.append("本期台账中未登记该项工作的记录。")
    return [{"kind": "para", "text": p} for p in paragraphs]


def _problems(stats: dict, date_from: dt.date, date_to: dt.date) -> tuple[list[str], list[str], bool]:
    """What was not done, each stated once, as ranges; what they are measured against besides 组织生活制度 (the
    study plans, the dues and new-member rules, when one of theirs is among them); and whether any whole
    month/quarter/year could be checked."""
    with_year = date_from.year != date_to.year
    out = gap_sentences(stats["gaps"], with_year)
    planned = len(out)
    for g in stats["study"]["groups"]:
        name = g["name"] if g["name"].endswith("组") else f"“{g['name']}”学习小组"
        years = range(date_from.year, date_to.year + 1)
        if len(years) <= 3:
            missing = [y for y in years if plan_state(g["uuid"], y) == "none"]
            if missing:
                out.append(f"{name}未制定{'、'.join(f'{y}年' for y in missing)}学习计划")
        months = [dt.date(y, m, 1) for y, m in g["overdue"]  # only months wholly in the period
                  if dt.date(y, m, 1) >= date_from and month_end(y, m) <= date_to]
        if months:
            out.append(f"{name}{bucket_ranges('month', months, with_year)}的学习计划未按期开展")
    rules = ["学习计划"] if len(out) > planned else []
    absent = stats["attendance"].get("absent", 0)
    if absent:
        out.append("部分支部活动有党员缺席")  # how many the opening paragraph has said (缺席N人次): once
    today = stats["today"]
    dues = dues_shortfall(date_from, date_to, today, _when(date_from, date_to, today))
    development = development_shortfalls(date_from, date_to, today)
    out += ([dues] if dues else []) + development
    kinds = [kind for kind, said in (("党费收缴", dues), ("发展党员工作", development)) if said]
    rules += ["及".join(kinds) + "有关规定"] if kinds else []
    last = min(date_to, today)
    checked = any(buckets(f, date_from, date_to, last) for f in expected_frequency().values())
    return out, rules, checked


def _intro(label: str, branch: str, stats: dict, before: dict | None) -> str:
    acts, study, events = stats["activities"], stats["study"], stats["outreach"]
    compare = (lambda now, key: f"，{change_phrase(now, before[key])}") if before else (lambda now, key: "")
    done = [f"开展支部活动{acts['total']}次（其中“三会一课”{acts['three_one']}次）{compare(acts['total'], 'activities')}"
            if acts["total"] else "",
            f"组织学习小组学习会{study['held']}次" if study["held"] else "",
            f"开展社会组织联建活动{events['events']}次{compare(events['events'], 'events')}" if events["events"] else ""]
    if not any(done):
        return f"{label}，{branch}台账中未登记支部活动、学习会和联建活动记录。"
    text = f"{label}，{branch}共" + "；".join(d for d in done if d) + "。"
    if stats["attendance"]["expected"]:
        text += attendance_sentence(stats["attendance"], "支部活动")
    return text


def attendance_sentence(present: dict, what: str = "活动") -> str:
    """在记录出勤的9次活动中，党员平均出勤率96%，请假2人次: the rate over the records that have it, absences counted."""
    return (f"在记录出勤的{present['activities']}次{what}中，党员平均出勤率{percent(present['rate'])}"
            + "".join(f"，{label}{present[status]}人次" for status, label in (("leave", "请假"), ("absent", "缺席"))
                      if present.get(status)) + "。")


def _data_blocks(date_from: dt.date, date_to: dt.date, stats: dict, told: dict,
                 said: str = "") -> tuple[list[dict], dict, list[dict]]:
    """主要数据: 表1 by type and month/quarter, 图1 per month, then the outreach figures and their charts; said: the
    chapters' text, whose totals are not said again."""
    by_month = stats["activities"]["by_month"]
    table, charts, blocks = type_table(date_from, date_to, by_month), [], []
    months = len(months_of(date_from, date_to))
    if table["rows"]:
        blocks += [{"kind": "subheading", "text": "（一）支部活动分类统计"},
                   {"kind": "table", "caption": "表1 支部活动分类统计（单位：次）", **table}]
    if table["rows"] and months > 1:  # one month's single bar would say no more than the table
        per = "各月" if months <= 24 else "各年"  # as month_chart groups its bars
        charts.append({"caption": f"{per}支部活动情况（单位：次）", **month_chart(date_from, date_to, by_month)})
        blocks.append({"kind": "subheading", "text": f"（二）{per}支部活动情况"})
    rows = [f for f in told["figures"] if f["owner"] == "e"]  # each told in its chapter: here only what adds up
    total = totals_sentence(rows, date_from.year != date_to.year, {(r["owner"], r["owner_id"]) for r in rows})
    if all(part in said for part in total.removeprefix("以上工作合计").rstrip("。").replace("；", "、").split("、")):
        total = ""  # a chapter holding all the period's events has said these totals: 950万元 once, not twice
    figure_charts_found = figure_charts(date_from, date_to)
    if total or figure_charts_found:
        charts += figure_charts_found
        number = chinese_number(sum(b["kind"] == "subheading" for b in blocks) + 1)
        blocks.append({"kind": "subheading", "text": f"（{number}）联建活动主要指标"})
        if total:
            blocks.append({"kind": "para", "text": total.replace("以上工作合计", "联建活动合计", 1)})
    charts = [{**c, "caption": f"图{n} {c['caption']}"} for n, c in enumerate(charts, 1)]
    if table["rows"] and months > 1:  # 图1 goes under its own heading, the figure charts after the totals
        blocks.insert(3, charts[0])
        blocks += charts[1:]
    else:
        blocks += charts
    return blocks, table, charts


def build_report(date_from: dt.date, date_to: dt.date, title: str | None = None,
                 appendices=("activities", "study", "outreach"), today: dt.date | None = None,
                 progress: Progress | None = None, signed_on: dt.date | None = None) -> dict:
    """Everything the PDF and the .docx print, as plain data:
    title, period_label, period_key, date_from, date_to, branch_name, office_name, date_text (2022年9月30日),
    intro [paragraphs], chapters [{heading 一、…, section uuid or None, blocks [{kind: subheading / para / table /
    stacked / bars, text or caption and data}]}], gaps [sentences of what was not done], statistics_table,
    charts, appendices [{key, title, columns, widths (mm), rows}], empty, statistics (period_statistics)."""
    tick = progress or (lambda done, total: None)
    today = today or records.today()
    names = branch_settings()
    branch = (names.get("branch_name") or "").strip() or "党支部"
    label, key = period_label(date_from, date_to), period_key(date_from, date_to)
    stats = period_statistics(date_from, date_to, today)
    tick(1, 4)
    # party building in the organisations is said from the registry's history; typed figures of the same indicators
    # are then left unsaid, so no indicator is stated twice
    coverage = coverage_sentence(date_from, date_to, _when(date_from, date_to, today), today)
    told = told_records(date_from, date_to, DERIVED_INDICATORS if coverage else ())
    # a year under way opens as its chapters count (今年以来): 2026年以来, not 2026年 as if the year were over
    opening = f"{date_from.year}年以来" if _when(date_from, date_to, today) == "今年以来" else label
    # a period under way is compared with the same days a year earlier: 1 January to 4 December with the same
    # eleven months and four days of last year, not with all of it
    intro = _intro(opening, branch, stats, previous_counts(date_from, min(date_to, max(today, date_from))))
    empty = not (stats["activities"]["total"] or stats["study"]["held"] or stats["outreach"]["events"])
    chapters = []
    when = _when(date_from, date_to, today)
    # party dues and new members are the branch's own organisational work: in the first chapter, after its meetings
    # and before the study groups, as the office's report tells 锻造坚强堡垒 before 搭建成长平台
    party = tuple(p for p in (dues_sentence(date_from, date_to, today, when),
                              development_sentence(date_from, date_to, when)) if p)
    sections = list_sections()
    where = coverage_chapter(sections, told["activities"])
    for n, s in enumerate(sections):
        lead = get_section_text(s["uuid"], key)
        extra = (party if n == 0 else ()) + ((coverage,) if coverage and n == where else ())
        if lead.strip() or not empty or extra:
            chapters.append({"heading": s["name"], "section": s["uuid"],
                             "blocks": _chapter_blocks(s["uuid"], stats, told, lead, date_from, date_to, extra)})
    if any(stats[k]["by_section"].get(None) for k in ("activities", "study", "outreach")):
        chapters.append({"heading": UNFILED, "section": None,
                         "blocks": _chapter_blocks(None, stats, told, "", date_from, date_to)})
    tick(2, 4)
    said = "".join(b.get("text", "") for c in chapters for b in c["blocks"])
    data_blocks, table, charts = _data_blocks(date_from, date_to, stats, told, said)
    if data_blocks:
        chapters.append({"heading": "主要数据", "section": None, "blocks": data_blocks})
    problems, rules, checked = _problems(stats, date_from, date_to)
    if problems:
        measures = "“三会一课”等组织生活制度" + ("和" + "、".join(rules) if rules else "")
        text = f"对照{measures}，本期存在以下不足：" + "；".join(problems) + "。"
    else:
        text = "对照“三会一课”等组织生活制度要求，本期各项组织生活均已按期开展，未发现缺项。" if checked else ""
    if text:  # said plainly: a report that hid a missed meeting would be worse than none
        chapters.append({"heading": "存在的不足", "section": None, "blocks": [{"kind": "para", "text": text}]})
    for n, chapter in enumerate(chapters, 1):
        chapter["heading"] = f"{chinese_number(n)}、{chapter['heading']}"
    tick(3, 4)
    ledgers = [a for a in (appendix(k, date_from, date_to) for k in appendices if k in APPENDICES) if a["rows"]]
    tick(4, 4)
    return {"title": (title or "").strip() or f"关于{branch}{label}党建工作情况的汇报",
            "period_label": label, "period_key": key, "date_from": date_from, "date_to": date_to,
            "branch_name": branch, "office_name": (names.get("office_name") or "").strip() or branch,
            "date_text": chinese_date(signed_on or today), "intro": [intro], "chapters": chapters, "gaps": problems,
            "statistics_table": table, "charts": charts, "appendices": ledgers, "empty": empty, "statistics": stats}
