"""The ledgers' own shapes: records' parts loaded in bulk for many rows, and the figures cell written and read."""
from __future__ import annotations

import re
import unicodedata

from models.records import parts, validation as v
from models.records.schema import (
    Activity,
    Attendance,
    Figure,
    Indicator,
    Member,
    Organisation,
    OutreachEvent,
    Participation,
    Reflection,
    StudySession,
)

CHUNK = 500


def normalise_name(text: str) -> str:
    """Names compared as people type them: full-width forms folded, spaces (often used to pad names) dropped,
    and the characters no field keeps too (a name stored with one still matches the ledger, which drops it)."""
    return "".join(unicodedata.normalize("NFKC", v.clean(text)).split())


def chunks(items: list):
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def activity_parts(uuids: list[str]) -> dict[str, dict]:
    """Attendance (by name) and figures of many activities in a few queries: {uuid: {attendance, figures}}."""
    out: dict[str, dict] = {}
    for chunk in chunks(list(uuids)):
        ids = dict(Activity.select(Activity.id, Activity.uuid).where(Activity.uuid.in_(chunk)).tuples())
        got = {i: {"attendance": [], "figures": []} for i in ids}
        for activity, status, reason, member, name in (
                Attendance.select(Attendance.activity, Attendance.status, Attendance.reason, Member.uuid, Member.name)
                .join(Member).where(Attendance.activity.in_(list(ids))).order_by(Member.name, Member.id).tuples()):
            got[activity]["attendance"].append({"member": member, "name": name, "status": status, "reason": reason})
        for activity, value, entered, note, indicator, name, unit in (
                Figure.select(Figure.activity, Figure.value_centi, Figure.as_entered, Figure.note, Indicator.uuid,
                              Indicator.name, Indicator.unit).join(Indicator).where(Figure.activity.in_(list(ids)))
                .order_by(Indicator.position, Indicator.id).tuples()):
            got[activity]["figures"].append({"indicator": indicator, "name": name, "unit": unit,
                                             "value_centi": value, "as_entered": entered, "note": note})
        out.update({ids[i]: p for i, p in got.items()})
    return out


def figures_text(figures: list[dict]) -> str:
    """Figures as one cell: "新成立党支部 14个；参与社会组织 200余家", an approximation as entered, a note in
    brackets after its value."""
    return "；".join(f"{f['name']} {f.get('as_entered') or parts.centi_text(f['value_centi'])}{f['unit']}"
                    + (f"（{f['note']}）" if f.get("note") else "") for f in figures)


_NOTE = re.compile(r"^(.*?)\s*[（(]([^（()）]*)[)）]$", re.S)


def parse_figures(text: str, catalogue: dict[str, dict]) -> tuple[list[dict], list[str]]:
    """The figures cell back against the catalogue {normalised name: indicator}, longest names first."""
    out, errors, seen = [], [], set()
    for piece in re.split(r"[；;\n]+", text):
        piece, note = piece.strip(), ""
        if not piece:
            continue
        if m := _NOTE.match(piece):
            piece, note = m[1], m[2].strip()
        head = unicodedata.normalize("NFKC", piece).strip()
        name = next((n for n in catalogue if head.replace(" ", "").startswith(n)), None)
        if name is None:
            errors.append(f"指标“{re.split(r'[ 0-9]', head)[0][:20]}”不在指标目录中，请先在“设置”页添加")
            continue
        indicator = catalogue[name]
        rest, unit = head.replace(" ", "")[len(name):], indicator["unit"]
        value = rest[:-len(unit)] if unit and rest.endswith(unit) else rest
        try:  # the form's own rule: a number, or an approximation as the office writes it (200余, 近300万)
            value_centi, as_entered = v.figure_value(value, f"“{indicator['name']}”的数值")
        except v.ValidationError as e:
            wrong_unit = value == rest and not re.fullmatch(r"[-0-9.,]*", value)
            errors.append(f"“{piece[:30]}”应写成“{indicator['name']} 数值{indicator['unit']}”" if wrong_unit
                          else str(e))
            continue
        try:
            note = v.text(note, f"“{indicator['name']}”的说明", 200)
        except v.ValidationError as e:
            errors.append(str(e))
            continue
        if indicator["uuid"] in seen:
            errors.append(f"指标“{indicator['name']}”填写了两次")
            continue
        seen.add(indicator["uuid"])
        out.append({"indicator": indicator["uuid"], "value": as_entered or value.replace(",", ""),
                    "value_centi": value_centi, "as_entered": as_entered, "note": note})
    return out, errors


def session_parts(uuids: list[str]) -> dict[str, dict]:
    """Materials, place, attendance and reflections of many sessions in three queries: {uuid: {...}}."""
    rows = (StudySession.select(StudySession.id, StudySession.uuid, StudySession.materials, StudySession.place)
            .where(StudySession.uuid.in_(uuids)).tuples())
    got = {sid: {"uuid": uuid, "materials": materials, "place": place, "attendance": [], "reflections": []}
           for sid, uuid, materials, place in rows}
    ids = list(got)
    if ids:
        for sid, status, reason, member, name in (
                Attendance.select(Attendance.session, Attendance.status, Attendance.reason, Member.uuid, Member.name)
                .join(Member).where(Attendance.session.in_(ids)).order_by(Member.name, Member.id).tuples()):
            got[sid]["attendance"].append({"member": member, "name": name, "status": status, "reason": reason})
        for sid, text, submitted_on, member, name in (
                Reflection.select(Reflection.session, Reflection.text, Reflection.submitted_on, Member.uuid,
                                  Member.name)
                .join(Member).where(Reflection.session.in_(ids)).order_by(Member.name, Member.id).tuples()):
            got[sid]["reflections"].append({"member": member, "name": name, "text": text,
                                            "submitted_on": submitted_on})
    return {parts["uuid"]: parts for parts in got.values()}


def event_parts(uuids: list[str]) -> dict[str, dict]:
    """Participating organisations and figures of many events in two queries: {event uuid: {...}}."""
    got = {u: {"participations": [], "figures": []} for u in uuids}
    if not uuids:
        return got
    for event, role, money, in_kind, jobs, note, name, code in (
            Participation.select(OutreachEvent.uuid, Participation.role, Participation.money_fen,
                                 Participation.in_kind_fen, Participation.jobs, Participation.note,
                                 Organisation.name, Organisation.credit_code)
            .join(Organisation).switch(Participation).join(OutreachEvent)
            .where(OutreachEvent.uuid.in_(uuids)).order_by(Participation.id).tuples()):
        got[event]["participations"].append({"role": role, "money_fen": money, "in_kind_fen": in_kind, "jobs": jobs,
                                             "note": note, "name": name, "credit_code": code})
    for event, value, entered, note, name, unit in (
            Figure.select(OutreachEvent.uuid, Figure.value_centi, Figure.as_entered, Figure.note, Indicator.name,
                          Indicator.unit)
            .join(Indicator).switch(Figure).join(OutreachEvent)
            .where(OutreachEvent.uuid.in_(uuids)).order_by(Indicator.position, Indicator.id).tuples()):
        got[event]["figures"].append({"name": name, "unit": unit, "value_centi": value, "as_entered": entered,
                                      "note": note})
    return got
