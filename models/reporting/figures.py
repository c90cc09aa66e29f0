"""A period's figures, each indicator summed up by its own rule: 累加, 取最新 (截至…), 取最大, or not at all."""
from __future__ import annotations

import datetime as dt

from models.records.dates import as_date
from models.records.schema import Activity, Figure, Indicator, OutreachEvent, ReportSection
from models.reporting.numbers import with_unit


def figure_rows(date_from: dt.date, date_to: dt.date) -> list[dict]:
    """Every figure of the period's live activities and events: {owner ("a"/"e"), owner_id, section (uuid or
    None), day, name, unit, rule, position, value_centi, as_entered}, in catalogue order."""
    sections = dict(ReportSection.select(ReportSection.id, ReportSection.uuid)
                    .where(ReportSection.deleted_at.is_null()).tuples())
    out = []
    for code, owner, field, day in (("a", Activity, Figure.activity, Activity.date),
                                    ("e", OutreachEvent, Figure.event, OutreachEvent.start_date)):
        select = (Figure.select(owner.id, owner.section, day, Indicator.name, Indicator.unit, Indicator.rule,
                                Indicator.position, Figure.value_centi, Figure.as_entered)
                  .join(Indicator).switch(Figure).join(owner, on=(field == owner.id))
                  .where(owner.deleted_at.is_null(), day >= date_from, day <= date_to).tuples())
        for owner_id, section, when, name, unit, rule, position, value, entered in select:
            when = as_date(when)
            out.append({"owner": code, "owner_id": owner_id, "section": sections.get(section), "day": when,
                        "name": name, "unit": unit, "rule": rule, "position": position, "value_centi": value,
                        "as_entered": entered})
    return sorted(out, key=lambda r: (r["position"], r["name"], r["day"]))


def summed_up(rows: list[dict]) -> list[dict]:
    """One statement per indicator whose rule sums it up, over rows of one indicator or many:
    {name, unit, rule, records, text (捐赠资金390万元), day (the date a 取最新 value stood at)}.
    An indicator 不汇总 (the same organisations join many events) gives none: its values are told per event."""
    by_name: dict[str, list[dict]] = {}
    for row in rows:
        by_name.setdefault(row["name"], []).append(row)
    out = []
    for name, group in by_name.items():
        rule, unit = group[0]["rule"], group[0]["unit"]
        if rule == "none":
            continue
        if rule == "latest":
            chosen = max(group, key=lambda r: (r["day"], r["owner_id"]))
            value, entered, day = chosen["value_centi"], chosen["as_entered"], chosen["day"]
        elif rule == "max":
            chosen = max(group, key=lambda r: r["value_centi"])
            value, entered, day = chosen["value_centi"], chosen["as_entered"], chosen["day"]
        else:
            value, day = sum(r["value_centi"] for r in group), None
            approximate = [r for r in group if r["as_entered"]]
            entered = (group[0]["as_entered"] if len(group) == 1
                       else "约" + with_unit(value, unit).removesuffix(unit) if approximate else "")
        out.append({"name": name, "unit": unit, "rule": rule, "records": len(group), "day": day,
                    "value_centi": value, "text": with_unit(value, unit, entered)})
    return out
