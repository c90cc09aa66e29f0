"""The summary report (情况汇报) of a period as plain data: title, chapters of sentences, tables, ledgers."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from peewee import fn

from models.records import codes, common as records
from models.records.dates import chinese_date
from models.records.schema import Activity, Figure, OutreachEvent, ReportSection
from models.records.settings import branch_settings, list_sections
from models.reporting.numbers import with_unit
from models.reporting.report_tables import APPENDICES, appendix, figure_charts, figure_texts, month_chart, type_table
from models.reporting.section_texts import get_section_text, period_key, period_label
from models.reporting.statistics import buckets, expected_frequency, period_statistics

# Meetings a branch holds as a matter of course; every other activity, and any with figures, is told one by one.
ROUTINE = set(codes.EXPECTED_FREQUENCY) | {"theory_study"}
NOTABLE_CAP = 8          # dated sentences per chapter; the rest are counted and left to the ledger appendix
LOW_RATE = 0.8           # members below this attendance rate are named under 存在的不足
UNFILED = "其他工作"
ORDER = ("member_meeting", "committee_meeting", "group_meeting", "party_lecture", "life_meeting")
VERBS = {"member_meeting": "召开", "committee_meeting": "召开", "group_meeting": "召开", "life_meeting": "召开",
         "party_lecture": "讲"}
NAMES = {"theme_day": "主题党日活动", "other": "其他活动"}
Progress = Callable[[int, int], None]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (chapter numbers)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones or not tens else "")


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}".removesuffix(".0") + "%"


def counts_phrase(by_type: dict[str, int]) -> str:
    """召开支部党员大会4次、支部委员会12次、党小组会12次、讲党课4次、开展主题党日活动12次: the verb once per run."""
    kinds = [k for k in ORDER if by_type.get(k)] + [k for k in by_type if k not in ORDER and by_type[k]]
    parts, verb = [], None
    for kind in kinds:
        this = VERBS.get(kind, "开展")
        name = NAMES.get(kind, codes.ACTIVITY_TYPES.get(kind, kind))
        parts.append(f"{'' if this == verb else this}{name}{by_type[kind]}次")
        verb = this
    return "、".join(parts)


def totals_phrase(totals: list[dict]) -> str:
    return "，".join(f"{t['name']}{with_unit(t['value_centi'], t['unit'])}" for t in totals)


def dated_sentence(start: dt.date, end: dt.date | None, title: str, figures: list[tuple[str, str]]) -> str:
    """2022年3月5日，千村千品帮万农助力乡村振兴，参与社会组织200家，捐赠资金340万元。"""
    when = chinese_date(start)
    if end and end > start:
        when += "至" + (chinese_date(end) if end.year != start.year else
                        f"{end.day}日" if end.month == start.month else f"{end.month}月{end.day}日")
    title = title.strip().rstrip("。；;，,：: ")
    return f"{when}，{title}" + "".join(f"，{name}{value}" for name, value in figures) + "。"


def group_sentence(g: dict) -> str:
    name = g["name"] if g["name"].endswith("组") else f"“{g['name']}”学习小组"
    text = (f"{name}计划学习{g['planned']}次，实际开展{g['held']}次" if g["planned"]
            else f"{name}开展学习{g['held']}次（未制定本期学习计划）")
    if g["reflections_expected"]:
        text += f"，收到心得体会{g['reflections']}篇（应交{g['reflections_expected']}篇）"
    return text + "。"


def _spread(rows: list[tuple], k: int) -> list[tuple]:
    """k rows evenly spaced over the date-ordered rows, so a chapter does not tell only January's work."""
    rows = sorted(rows, key=lambda r: (r[3], r[4]))
    if len(rows) <= k:
        return rows
    return [rows[i * len(rows) // k] for i in range(k)] if k > 0 else []


def _varied(rows: list[tuple]) -> list[tuple]:
    """Up to NOTABLE_CAP rows: events with figures, then activities with figures, then events, then the rest."""
    picked: list[tuple] = []
    for tier in sorted({r[:2] for r in rows}):
        picked += _spread([r for r in rows if r[:2] == tier], NOTABLE_CAP - len(picked))
    return picked


def _notable(date_from: dt.date, date_to: dt.date, sections: dict[int, str]) -> dict:
    """Per section: (dated sentences of the notable records, how many more there were)."""
    live = (Activity.deleted_at.is_null(), Activity.date >= date_from, Activity.date <= date_to)
    figured = dict(Figure.select(Figure.activity, fn.count(Figure.id)).join(Activity)
                   .where(*live).group_by(Figure.activity).tuples())
    candidates = [(0 if figured.get(i) else 1, 1, -figured.get(i, 0), day, i, "a", section, title, None, kind)
                  for i, day, kind, title, section in
                  Activity.select(Activity.id, Activity.date, Activity.type, Activity.title, Activity.section)
                  .where(*live).order_by(Activity.date, Activity.id).tuples()
                  if kind not in ROUTINE or figured.get(i)]
    event_live = (OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= date_from,
                  OutreachEvent.start_date <= date_to)
    event_figs = dict(Figure.select(Figure.event, fn.count(Figure.id)).join(OutreachEvent)
                      .where(*event_live).group_by(Figure.event).tuples())
    candidates += [(0 if event_figs.get(i) else 1, 0, -event_figs.get(i, 0), day, i, "e", section, title, end, "")
                   for i, day, end, title, section in
                   OutreachEvent.select(OutreachEvent.id, OutreachEvent.start_date, OutreachEvent.end_date,
                                        OutreachEvent.title, OutreachEvent.section).where(*event_live).tuples()]
    per: dict[str | None, list] = {}
    for row in sorted(candidates, key=lambda r: r[:4]):
        per.setdefault(sections.get(row[6]), []).append(row)
    chosen = {s: sorted(_varied(rows), key=lambda r: (r[3], r[4])) for s, rows in per.items()}
    picked = [r for rows in chosen.values() for r in rows]
    figs = {"a": figure_texts(Figure.activity, [r[4] for r in picked if r[5] == "a"]),
            "e": figure_texts(Figure.event, [r[4] for r in picked if r[5] == "e"])}
    return {s: ([dated_sentence(r[3], r[8], r[7], figs[r[5]].get(r[4], [])) for r in rows],
                len(per[s]) - len(rows)) for s, rows in chosen.items()}


def _chapter_blocks(key, stats: dict, notable: dict, lead: str) -> list[dict]:
    """A section's blocks: its lead paragraphs, then 基本情况, 重点工作 and 主要指标 as far as there is data."""
    blocks = [{"kind": "para", "text": line.strip()} for line in lead.splitlines() if line.strip()]
    counts = stats["activities"]["by_section"].get(key, {})
    basics = []
    if counts:
        basics.append(f"期间共开展支部活动{sum(counts.values())}次，其中{counts_phrase(counts)}。")
    present = stats["attendance"]["by_section"].get(key)
    if present and present["rate"] is not None:
        basics.append(f"党员参加活动平均出勤率{percent(present['rate'])}。")
    sessions = stats["study"]["by_section"].get(key)
    if sessions:
        basics.append(f"组织学习小组学习会{sessions}次。")
    basics += [group_sentence(g) for g in stats["study"]["groups"] if g["section"] == key]
    events = stats["outreach"]["by_section"].get(key)
    if events:
        basics.append(f"开展社会组织联建活动{events}次。")
    items, more = notable.get(key, ([], 0))
    totals = stats["figures_by_section"].get(key, [])
    parts = [("基本情况", ["".join(basics)] if basics else []),
             ("重点工作", items + ([f"另有{more}项工作未逐一列出，详见附件台账。"] if more else [])),
             ("主要指标", [f"以上工作合计：{totals_phrase(totals)}。"] if totals else [])]
    parts = [(title, paras) for title, paras in parts if paras]
    for n, (title, paras) in enumerate(parts, 1):
        blocks.append({"kind": "subheading", "text": f"（{chinese_number(n)}）{title}"})
        blocks += [{"kind": "para", "text": p} for p in paras]
    if not parts:
        blocks.append({"kind": "para", "text": "本期台账中未登记该项工作的记录。"})
    return blocks


def _problems(stats: dict, date_from: dt.date, date_to: dt.date) -> tuple[list[str], bool]:
    """The plain sentences of what was not done, and whether any whole month/quarter/year could be checked."""
    by_type: dict[str, list[str]] = {}
    for gap in stats["gaps"]:
        by_type.setdefault(gap["type"], []).append(gap)
    out = [f"{'、'.join(g['label'] for g in gaps)}{gaps[0]['text'][len(gaps[0]['label']):]}"
           for gaps in by_type.values()]
    with_year = date_from.year != date_to.year
    for g in stats["study"]["groups"]:
        if g["overdue"]:
            months = "、".join(f"{y}年{m}月" if with_year else f"{m}月" for y, m in g["overdue"])
            out.append(f"{g['name']}{months}的学习计划未按期开展")
    low = [m for m in stats["attendance"]["lowest"] if m["rate"] < LOW_RATE]
    if low:
        out.append("个别党员参加支部活动出勤率偏低（" + "、".join(f"{m['name']}{percent(m['rate'])}" for m in low) + "）")
    last = min(date_to, stats["today"])
    checked = any(buckets(f, date_from, date_to, last) for f in expected_frequency().values())
    return out, checked


def _intro(label: str, branch: str, stats: dict) -> str:
    acts, study, events = stats["activities"], stats["study"], stats["outreach"]
    done = [f"开展支部活动{acts['total']}次（其中“三会一课”{acts['three_one']}次）" if acts["total"] else "",
            f"组织学习小组学习会{study['held']}次" if study["held"] else "",
            f"开展社会组织联建活动{events['events']}次" if events["events"] else ""]
    if not any(done):
        return f"{label}，{branch}台账中未登记支部活动、学习会和联建活动记录。"
    text = f"{label}，{branch}共" + "，".join(d for d in done if d) + "。"
    if stats["attendance"]["rate"] is not None:
        text += f"党员参加支部活动平均出勤率{percent(stats['attendance']['rate'])}。"
    return text


def _data_blocks(date_from: dt.date, date_to: dt.date, stats: dict) -> tuple[list[dict], dict, list[dict]]:
    """主要数据: 表1 by type and month/quarter, 图1 per month, then the outreach totals and their charts."""
    by_month, totals = stats["activities"]["by_month"], stats["outreach"]["totals"]
    table, charts, blocks = type_table(date_from, date_to, by_month), [], []
    if table["rows"]:
        charts.append({"caption": "各月支部活动情况（单位：次）", **month_chart(date_from, date_to, by_month)})
        blocks += [{"kind": "subheading", "text": "（一）支部活动分类统计"},
                   {"kind": "table", "caption": "表1 支部活动分类统计（单位：次）", **table},
                   {"kind": "subheading", "text": "（二）各月支部活动情况"}]
    if totals:
        charts += figure_charts(date_from, date_to)
        blocks += [{"kind": "subheading", "text": f"（{chinese_number(3 if table['rows'] else 1)}）联建活动主要指标"},
                   {"kind": "para", "text": f"联建活动合计：{totals_phrase(totals)}。"}]
    charts = [{**c, "caption": f"图{n} {c['caption']}"} for n, c in enumerate(charts, 1)]
    if table["rows"]:  # 图1 goes under its own heading, the figure charts after the totals
        blocks.insert(3, charts[0])
        blocks += charts[1:]
    else:
        blocks += charts
    return blocks, table, charts


def build_report(date_from: dt.date, date_to: dt.date, title: str | None = None,
                 appendices=("activities", "study", "outreach"), today: dt.date | None = None,
                 progress: Progress | None = None) -> dict:
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
    section_ids = dict(ReportSection.select(ReportSection.id, ReportSection.uuid)
                       .where(ReportSection.deleted_at.is_null()).tuples())
    notable = _notable(date_from, date_to, section_ids)
    intro = _intro(label, branch, stats)
    empty = not (stats["activities"]["total"] or stats["study"]["held"] or stats["outreach"]["events"])
    chapters = []
    for s in list_sections():
        lead = get_section_text(s["uuid"], key)
        if lead.strip() or not empty:
            chapters.append({"heading": s["name"], "section": s["uuid"],
                             "blocks": _chapter_blocks(s["uuid"], stats, notable, lead)})
    if any(stats[k]["by_section"].get(None) for k in ("activities", "study", "outreach")):
        chapters.append({"heading": UNFILED, "section": None, "blocks": _chapter_blocks(None, stats, notable, "")})
    tick(2, 4)
    data_blocks, table, charts = _data_blocks(date_from, date_to, stats)
    if data_blocks:
        chapters.append({"heading": "主要数据", "section": None, "blocks": data_blocks})
    problems, checked = _problems(stats, date_from, date_to)
    if problems:
        rules = "“三会一课”等组织生活制度" + ("和学习计划" if any(g["overdue"] for g in stats["study"]["groups"]) else "")
        text = f"对照{rules}，本期存在以下不足：" + "；".join(problems) + "。"
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
            "date_text": chinese_date(today), "intro": [intro], "chapters": chapters, "gaps": problems,
            "statistics_table": table, "charts": charts, "appendices": ledgers, "empty": empty, "statistics": stats}
