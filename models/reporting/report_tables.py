"""The report's tables, chart data and ledger appendices, as plain rows (no drawing here)."""
from __future__ import annotations

import datetime as dt

from peewee import SQL, fn

from models.records import codes
from models.records.common import raw_rows
from models.records.schema import Activity, Attendance, Figure, Indicator, OutreachEvent
from models.records.study import SessionQuery, list_sessions
from models.reporting.numbers import with_unit

QUARTER_SHORT = ("一季度", "二季度", "三季度", "四季度")
# The stacked chart keeps 三会一课 and 主题党日 apart and folds every other type into one series.
CHART_TYPES = (*codes.THREE_MEETINGS_ONE_LESSON, "theme_day")
# Column widths in mm, 156 in all (the text width); 序号 holds five digits on one line.
APPENDICES = {
    "activities": ("支部活动台账", ("序号", "日期", "类型", "主题", "地点", "实到/应到"), (13, 21, 26, 50, 27, 19)),
    "study": ("学习小组学习会台账", ("序号", "日期", "学习小组", "学习主题", "领学人", "出勤", "心得"),
              (13, 21, 26, 48, 18, 15, 15)),
    "outreach": ("社会组织联建活动台账", ("序号", "日期", "活动名称", "系列", "帮扶地区", "主要指标"),
                 (13, 21, 37, 28, 17, 40)),
}
ALL_ROWS = 10_000_000


def months_of(date_from: dt.date, date_to: dt.date) -> list[tuple[int, int]]:
    out, (y, m) = [], (date_from.year, date_from.month)
    while (y, m) <= (date_to.year, date_to.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def columns_of(date_from: dt.date, date_to: dt.date) -> list[tuple[str, list[tuple[int, int]]]]:
    """The table's time columns: months for up to half a year, quarters up to two years, years beyond."""
    months = months_of(date_from, date_to)
    with_year = date_from.year != date_to.year
    if len(months) <= 6:
        return [(f"{y}年{m}月" if with_year else f"{m}月", [(y, m)]) for y, m in months]
    groups: dict[str, list] = {}
    for y, m in months:
        if len(months) <= 24:
            label = (f"{y}年" if with_year else "") + QUARTER_SHORT[(m - 1) // 3]
        else:
            label = f"{y}年"
        groups.setdefault(label, []).append((y, m))
    return list(groups.items())


def type_table(date_from: dt.date, date_to: dt.date, by_month: dict) -> dict:
    """Activities by type × month/quarter/year with totals: {columns, rows, corner}; rows only for types that occurred.
    corner heads the first column when a table too wide for the page is printed turned, the periods down the side."""
    cols = columns_of(date_from, date_to)
    rows = []
    for kind, label in codes.ACTIVITY_TYPES.items():
        values = [sum(by_month.get(ym, {}).get(kind, 0) for ym in months) for _, months in cols]
        if sum(values):
            rows.append([label, *values, sum(values)])
    if rows:
        rows.append(["合计", *(sum(r[i] for r in rows) for i in range(1, len(cols) + 2))])
    if len(cols) == 1:  # a month's column and its total would be the same figures twice
        return {"columns": ["活动类型", "次数"], "rows": [[r[0], r[-1]] for r in rows], "corner": "时间"}
    return {"columns": ["活动类型", *(c for c, _ in cols), "合计"], "rows": rows, "corner": "时间"}


def month_chart(date_from: dt.date, date_to: dt.date, by_month: dict) -> dict | None:
    """Stacked bars of activities per month (per quarter past two years) by type."""
    months = months_of(date_from, date_to)
    cols = columns_of(date_from, date_to) if len(months) > 24 else [
        (f"{y % 100:02d}.{m}" if date_from.year != date_to.year else f"{m}月", [(y, m)]) for y, m in months]
    series = []
    for kind in (*CHART_TYPES, "other"):
        picks = [kind] if kind != "other" else [k for k in codes.ACTIVITY_TYPES if k not in CHART_TYPES]
        values = [sum(by_month.get(ym, {}).get(k, 0) for ym in ms for k in picks) for _, ms in cols]
        if sum(values):
            series.append({"label": codes.ACTIVITY_TYPES[kind] if kind != "other" else "其他活动", "values": values})
    if not series:
        return None
    return {"kind": "stacked", "categories": [c for c, _ in cols], "series": series, "unit": "次"}


def figure_charts(date_from: dt.date, date_to: dt.date, limit: int = 2) -> list[dict]:
    """One bar chart per indicator (units never mix) of the outreach events' figures by series, for the
    indicators most series report; money in 万元. Only indicators whose rule adds them up (累加): a series'
    organisations or a running total summed over events would be a number nobody reported."""
    select = (Figure.select(OutreachEvent.series, Indicator.id, Indicator.name, Indicator.unit,
                            fn.sum(Figure.value_centi))
              .join(Indicator).switch(Figure).join(OutreachEvent)
              .where(OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= date_from,
                     OutreachEvent.start_date <= date_to, Indicator.rule == "sum")
              .group_by(OutreachEvent.series, Indicator.id).order_by(OutreachEvent.series).tuples())
    per: dict[int, dict] = {}
    for series, indicator, name, unit, total in select:
        chart = per.setdefault(indicator, {"name": name, "unit": unit, "bars": []})
        chart["bars"].append((series or "未列入系列", total))
    # a single bar says no more than the sentence beside it
    chosen = sorted((c for c in per.values() if len(c["bars"]) > 1),
                    key=lambda c: (-len(c["bars"]), c["unit"] != "元", c["name"]))[:limit]
    out = []
    for c in chosen:
        money = c["unit"] == "元"
        out.append({"kind": "bars", "caption": f"联建活动{c['name']}（{'万元' if money else c['unit']}）",
                    "categories": [s for s, _ in c["bars"]],
                    "values": [v / (1_000_000 if money else 100) for _, v in c["bars"]],
                    "labels": [with_unit(v, c["unit"]) for _, v in c["bars"]]})
    return out


def figure_texts(owner_field, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Each owner's figures as (indicator name, value with unit: an approximation as entered), in catalogue order."""
    out: dict[int, list] = {}
    for start in range(0, len(ids), 500):  # SQLite limits the number of bound values
        chunk = ids[start:start + 500]
        for owner, name, unit, value, entered in (
                Figure.select(owner_field, Indicator.name, Indicator.unit, Figure.value_centi, Figure.as_entered)
                .join(Indicator).where(owner_field.in_(chunk)).order_by(Indicator.position, Indicator.id).tuples()):
            out.setdefault(owner, []).append((name, with_unit(value, unit, entered)))
    return out


def _activity_rows(date_from, date_to) -> list[list]:
    rows = raw_rows(Activity.select(Activity.id, Activity.date, Activity.type, Activity.title, Activity.place)
                    .where(Activity.deleted_at.is_null(), Activity.date >= date_from, Activity.date <= date_to)
                    .order_by(Activity.date, Activity.id))
    counts: dict[int, list[int]] = {}
    ids = Activity.select(Activity.id).where(Activity.deleted_at.is_null(), Activity.date >= date_from,
                                             Activity.date <= date_to)
    for activity, status, n in raw_rows(Attendance.select(Attendance.activity, Attendance.status, fn.COUNT(SQL("*")))
                                        .where(Attendance.activity.in_(ids))
                                        .group_by(Attendance.activity, Attendance.status)):
        c = counts.setdefault(activity, [0, 0])
        c[0] += n if status == "present" else 0
        c[1] += n
    return [[str(i), str(day), codes.ACTIVITY_TYPES.get(kind, kind), title, place,
             f"{counts[a][0]}/{counts[a][1]}" if a in counts else "—"]
            for i, (a, day, kind, title, place) in enumerate(rows, 1)]


def _study_rows(date_from, date_to) -> list[list]:
    sessions = list_sessions(SessionQuery(date_from=date_from, date_to=date_to, sort="date", descending=False),
                             0, ALL_ROWS)
    return [[str(i), str(s["date"]), s["group_name"], s["topic"], s["lead_speaker"],
             f"{s['present']}/{s['expected']}" if s["expected"] else "—",
             f"{s['reflections']}/{s['present']}" if s["present"] else str(s["reflections"])]
            for i, s in enumerate(sessions, 1)]


def _outreach_rows(date_from, date_to) -> list[list]:
    events = list(OutreachEvent.select(OutreachEvent.id, OutreachEvent.start_date, OutreachEvent.title,
                                       OutreachEvent.series, OutreachEvent.region)
                  .where(OutreachEvent.deleted_at.is_null(), OutreachEvent.start_date >= date_from,
                         OutreachEvent.start_date <= date_to)
                  .order_by(OutreachEvent.start_date, OutreachEvent.id).tuples())
    figures = figure_texts(Figure.event, [e[0] for e in events])
    return [[str(i), str(day), title, series, region, "；".join(f"{n}{v}" for n, v in figures.get(e, []))]
            for i, (e, day, title, series, region) in enumerate(events, 1)]


def appendix(key: str, date_from: dt.date, date_to: dt.date) -> dict:
    """One ledger appendix: {key, title, columns, widths (mm, summing to the 156 mm text width), rows}."""
    title, columns, widths = APPENDICES[key]
    make = {"activities": _activity_rows, "study": _study_rows, "outreach": _outreach_rows}[key]
    return {"key": key, "title": title, "columns": list(columns), "widths": list(widths),
            "rows": make(date_from, date_to)}
