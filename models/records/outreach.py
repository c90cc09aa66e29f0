"""Outreach events (联建/帮扶活动) with partner social organisations, their roles and contributions."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from models.records import codes, common as records, parts, validation as v
from models.records.common import ListQuery
from models.records.schema import Figure, Indicator, Organisation, OutreachEvent, Participation, ReportSection

FIELDS = ("title", "series", "kind", "start_date", "end_date", "place", "region", "co_organisers", "description",
          "outcomes", "section", "highlight")
PART_FIELDS = ("participations", "figures", "attachments")
SEARCH = (OutreachEvent.title, OutreachEvent.series, OutreachEvent.place, OutreachEvent.region,
          OutreachEvent.co_organisers, OutreachEvent.description, OutreachEvent.outcomes)
SORTABLE = {"start_date": OutreachEvent.start_date, "title": OutreachEvent.title, "series": OutreachEvent.series,
            "kind": OutreachEvent.kind, "region": OutreachEvent.region, "deleted_at": OutreachEvent.deleted_at}
TEXT_LIMITS = {"series": ("系列", 100), "place": ("地点", 200), "region": ("帮扶地区", 100),
               "co_organisers": ("联合主办单位", 300), "description": ("活动情况", 100_000), "outcomes": ("成效", 20_000)}
# Figures the participating organisations' own rows add up to: indicator name → how.
DERIVED = {"参与社会组织": "count", "捐赠资金": "money_fen", "捐赠物资价值": "in_kind_fen", "提供岗位": "jobs"}


@dataclass
class EventQuery(ListQuery):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: str = ""
    series: str = ""
    sort: str = "start_date"
    descending: bool = True


def _amount(value, label: str) -> int | None:
    """Money typed in 元 (or a count) → exact ×100 integer; blank → None."""
    return None if value in (None, "") else v.centi(value, label)


def check_participations(rows, c: v.Checker) -> list[dict]:
    rows = rows or []
    if not isinstance(rows, list):
        c.add("participations", "参与组织列表格式不对")
        return []
    uuids = [r.get("organisation") for r in rows if isinstance(r, dict)]
    found = {o.uuid: o for o in Organisation.select().where(Organisation.uuid.in_(uuids))} if uuids else {}
    out, seen = [], set()
    for i, row in enumerate(rows, 1):
        org = found.get(row.get("organisation")) if isinstance(row, dict) else None
        if org is None:
            c.add("participations", f"第 {i} 个参与组织不在社会组织名录中")
            continue
        if org.uuid in seen:
            c.add("participations", f"“{org.name}”重复列出")
            continue
        seen.add(org.uuid)
        role = c.run("participations", v.choice, row.get("role") or "participant", f"“{org.name}”的角色", codes.ROLES)
        money = c.run("participations", _amount, row.get("money"), f"“{org.name}”的捐赠资金")
        in_kind = c.run("participations", _amount, row.get("in_kind"), f"“{org.name}”的捐赠物资价值")
        jobs = c.run("participations", _amount, row.get("jobs"), f"“{org.name}”提供的岗位数")
        if jobs is not None and jobs % 100:
            c.add("participations", f"“{org.name}”提供的岗位数应为整数")
        note = c.run("participations", v.text, row.get("note"), f"“{org.name}”的说明", 200)
        out.append({"organisation": org.id, "role": role, "money_fen": money, "in_kind_fen": in_kind,
                    "jobs": None if jobs is None else jobs // 100, "note": note or ""})
    return out


def check_event(data: dict) -> tuple[dict, dict]:
    records.require_keys(data, set(FIELDS) | set(PART_FIELDS))
    c = v.Checker()
    out = {
        "title": c.run("title", v.text, data.get("title"), "活动名称", 200, required=True),
        "kind": c.run("kind", v.choice, data.get("kind"), "活动类别", codes.OUTREACH_KINDS),
        "start_date": c.run("start_date", v.date, data.get("start_date"), "开始日期", required=True,
                            not_after=records.today() + dt.timedelta(days=366)),
        "end_date": c.run("end_date", v.date, data.get("end_date"), "结束日期",
                          not_after=records.today() + dt.timedelta(days=3 * 366)),
        "highlight": c.run("highlight", v.flag, data.get("highlight"), "亮点"),
    }
    for key, (label, size) in TEXT_LIMITS.items():
        out[key] = c.run(key, v.text, data.get(key), label, size)
    if out["start_date"] and out["end_date"] and out["end_date"] < out["start_date"]:
        c.add("end_date", "结束日期不能早于开始日期")
    out["section"] = parts.check_section(data.get("section"), c)
    found = {"participations": check_participations(data.get("participations"), c),
             "figures": parts.check_figures(data.get("figures"), c),
             "attachments": parts.check_attachments(data.get("attachments"), c)}
    c.done()
    return out, found


def save_event(data: dict) -> str:
    """Add (no uuid) or update an event with its organisations, figures and attachments, all at once."""
    values, found = check_event(data)
    tables = {"participations": Participation, "figures": Figure, "attachments": parts.Attachment}
    writers = {key: (lambda i, t=table, rows=found[key]: parts.replace(t, "event", i, rows))
               for key, table in tables.items() if key in data}
    return records.save_with_parts(OutreachEvent, data.get("uuid"), values, writers, data.get("version"), get_event)


def participations_of(event_id: int) -> list[dict]:
    select = (Participation.select(Participation, Organisation).join(Organisation)
              .where(Participation.event == event_id).order_by(Participation.id))
    return [{"organisation": p.organisation.uuid, "name": p.organisation.name, "role": p.role,
             "money": None if p.money_fen is None else parts.centi_text(p.money_fen),
             "in_kind": None if p.in_kind_fen is None else parts.centi_text(p.in_kind_fen),
             "jobs": p.jobs, "note": p.note} for p in select]


def get_event(uuid: str) -> dict:
    row = records.get_live(OutreachEvent, uuid)
    out = {name: getattr(row, name) for name in FIELDS if name != "section"}
    out.update(uuid=row.uuid, version=records.version_of(row), section=row.section.uuid if row.section_id else "",
               participations=participations_of(row.id), figures=parts.figures_of(Figure.event, row.id),
               attachments=parts.attachments_of(parts.Attachment.event, row.id))
    return out


def event_snapshot(uuid: str) -> dict:
    data = get_event(uuid)
    data.pop("version")
    data["participations"] = [{k: p[k] for k in ("organisation", "role", "money", "in_kind", "jobs", "note")}
                              for p in data["participations"]]
    data["figures"] = [{k: f[k] for k in ("indicator", "value", "note")} for f in data["figures"]]
    return data


def derived_figures(participations: list[dict]) -> dict[str, int]:
    """What the participating organisations' rows add up to, ×100 like stored figures: {indicator name: value}."""
    out = {"参与社会组织": len(participations) * 100}
    for name, key in (("捐赠资金", "money"), ("捐赠物资价值", "in_kind"), ("提供岗位", "jobs")):
        values = [p.get(key) for p in participations if p.get(key) not in (None, "")]
        if values:
            out[name] = sum(v.centi(x, name) for x in values)
    return out


def disagreements(entered: list[dict], participations: list[dict]) -> dict[str, tuple[int, int]]:
    """Figures whose entered value differs from what the organisations add up to: {name: (entered, derived)}."""
    derived = derived_figures(participations)
    names = {i.uuid: i.name for i in Indicator.select(Indicator.uuid, Indicator.name)}
    out = {}
    for row in entered:
        name = names.get(row.get("indicator"))
        if name in derived:
            try:
                value = v.centi(row.get("value"), name)
            except v.ValidationError:
                continue
            if value != derived[name]:
                out[name] = (value, derived[name])
    return out


def filtered(query: EventQuery):
    select = records.filtered(OutreachEvent, SEARCH, query)
    select = records.in_period(select, OutreachEvent.start_date, query.date_from, query.date_to)
    if query.kind:
        select = select.where(OutreachEvent.kind == query.kind)
    if query.series:
        select = select.where(OutreachEvent.series == query.series)
    return select


def count_events(query: EventQuery) -> int:
    return records.count(filtered(query), query.text)


def list_events(query: EventQuery, offset: int = 0, limit: int = 200) -> list[dict]:
    rows = records.page(filtered(query), OutreachEvent, SORTABLE, query, offset, limit)
    ids = [r.id for r in rows]
    orgs = dict(Participation.select(Participation.event, fn.count(Participation.id))
                .where(Participation.event.in_(ids)).group_by(Participation.event).tuples()) if ids else {}
    sections = dict(ReportSection.select(ReportSection.id, ReportSection.name).tuples())
    return [{**{name: getattr(r, name) for name in FIELDS if name != "section"}, "uuid": r.uuid,
             "version": records.version_of(r), "deleted_at": r.deleted_at, "organisations": orgs.get(r.id, 0),
             "section_name": sections.get(r.section_id, "")} for r in rows]


def list_series() -> list[str]:
    select = (OutreachEvent.select(OutreachEvent.series).where(OutreachEvent.deleted_at.is_null(),
                                                               OutreachEvent.series != "")
              .distinct().order_by(OutreachEvent.series))
    return [s for (s,) in select.tuples()]


def figure_totals(query: EventQuery) -> list[dict]:
    """Sums of the events' figures by indicator (units never mixed): [{name, unit, value_centi, events}]."""
    ids = filtered(query).select(OutreachEvent.id)
    select = (Figure.select(Indicator.name, Indicator.unit, fn.sum(Figure.value_centi), fn.count(Figure.id))
              .join(Indicator).where(Figure.event.in_(ids))
              .group_by(Indicator.id).order_by(Indicator.position, Indicator.id))
    return [{"name": n, "unit": u, "value_centi": total, "events": count} for n, u, total, count in select.tuples()]


def organisation_history(uuid: str) -> list[dict]:
    """The live events an organisation took part in, newest first, with what it gave."""
    select = (Participation.select(Participation, OutreachEvent).join(OutreachEvent)
              .switch(Participation).join(Organisation)
              .where(Organisation.uuid == uuid, OutreachEvent.deleted_at.is_null())
              .order_by(OutreachEvent.start_date.desc()))
    return [{"event": p.event.uuid, "title": p.event.title, "series": p.event.series,
             "start_date": p.event.start_date, "role": p.role, "money_fen": p.money_fen,
             "in_kind_fen": p.in_kind_fen, "jobs": p.jobs} for p in select]


def delete_event(uuid: str, version: str | None = None) -> None:
    records.soft_delete(OutreachEvent, uuid, version)


def restore_event(uuid: str) -> None:
    records.restore(OutreachEvent, uuid)


def erase_event(uuid: str, version: str | None = None) -> None:
    records.erase(OutreachEvent, uuid, version)
