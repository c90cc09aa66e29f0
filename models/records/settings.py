"""The branch's settings: names for the report, report sections (栏目) and the figures catalogue."""
from __future__ import annotations

import os
from pathlib import Path

from peewee import fn

from models.records import audit, codes, common as records, validation as v
from models.records.schema import Activity, Figure, Indicator, OutreachEvent, ReportSection, StudySession
from models.records.setting_values import get_setting, set_setting
from models.store import db, utcnow

TEXT_SETTINGS = {"branch_name": ("支部名称", 60), "office_name": ("落款单位", 60), "operator": ("操作人", 30),
                 "backup_dir_2": ("第二备份文件夹", 500)}


# The same settings under the names the command line uses (main.py settings show / set).
CLI_KEYS = {"branch.name": "branch_name", "report.signer": "office_name", "operator": "operator",
            "backup.second_folder": "backup_dir_2"}


def branch_settings() -> dict:
    return {key: get_setting(key, "") for key in TEXT_SETTINGS}


def save_branch_settings(data: dict) -> None:
    c = v.Checker()
    values = {key: c.run(key, v.text, data.get(key), label, size) for key, (label, size) in TEXT_SETTINGS.items()
              if key in data}
    folder = values.get("backup_dir_2")
    if folder and not os.path.isdir(folder):
        c.add("backup_dir_2", f"找不到文件夹“{folder}”（U盘是否已插上？）")
    c.done()
    with db.atomic():
        for key, value in values.items():
            set_setting(key, value)


def second_backup_folder() -> Path | None:
    """The second backup folder set in settings, when it is there right now (a USB drive may be out)."""
    folder = (get_setting("backup_dir_2", "") or "").strip()
    return Path(folder) if folder and os.path.isdir(folder) else None


def _live(model):
    return model.select().where(model.deleted_at.is_null()).order_by(model.position, model.id)


def list_sections(counted: bool = False) -> list[dict]:
    """The report sections in order; counted adds how many live records each holds (a full count, so only
    where it is shown)."""
    used = section_use_counts() if counted else {}
    return [{"uuid": s.uuid, "name": s.name, **({"used": used.get(s.id, 0)} if counted else {})}
            for s in _live(ReportSection)]


def section_use_counts() -> dict[int, int]:
    """Live records per section id, over activities, study sessions and outreach events."""
    used: dict[int, int] = {}
    for m in (Activity, StudySession, OutreachEvent):
        for section, n in (m.select(m.section, fn.COUNT(m.id)).where(m.deleted_at.is_null(), m.section.is_null(False))
                           .group_by(m.section).tuples()):
            used[section] = used.get(section, 0) + n
    return used


def save_sections(rows: list[dict]) -> None:
    """Store the sections in the given order: rows with a uuid are renamed, rows without are added,
    live sections left out are removed (refused while records are filed under them)."""
    c = v.Checker()
    names = [c.run(f"{i}", v.text, r.get("name"), "栏目名称", 60, required=True) for i, r in enumerate(rows)]
    seen = set()
    for i, name in enumerate(names):
        if name and name in seen:
            c.add(f"{i}", f"栏目“{name}”重复")
        seen.add(name)
    if not rows:
        c.add("0", "至少保留一个栏目")
    keep = {r["uuid"] for r in rows if r.get("uuid")}
    dropped = [s for s in _live(ReportSection) if s.uuid not in keep]
    used = section_use_counts() if dropped else {}
    for s in dropped:
        if used.get(s.id):
            c.add("removed", f"栏目“{s.name}”下还有 {used[s.id]} 条记录，不能删除")
    c.done()
    now = utcnow()
    with db.atomic():
        for s in dropped:
            s.deleted_at = s.updated_at = now
            s.save()
            audit.note("report_section", s.uuid, "delete", s.name)
        for position, (row, name) in enumerate(zip(rows, names)):
            if row.get("uuid"):
                section = records.get_live(ReportSection, row["uuid"])
                if section.name != name:
                    audit.note("report_section", section.uuid, "update", name, {"name": [section.name, name]})
                section.name, section.position, section.updated_at = name, position, now
                section.save()
            else:
                audit.note("report_section", ReportSection.create(name=name, position=position).uuid, "create", name)


def list_indicators() -> list[dict]:
    used = dict(Figure.select(Figure.indicator, fn.count(Figure.id)).group_by(Figure.indicator).tuples())
    return [{"uuid": i.uuid, "name": i.name, "unit": i.unit, "rule": i.rule, "builtin": i.builtin,
             "used": used.get(i.id, 0)} for i in _live(Indicator)]


RULE_CODES = {label: code for code, label in codes.FIGURE_RULES.items()}  # 累加 → sum, as a sheet says it


def check_indicator(data: dict, uuid: str | None = None) -> dict:
    c = v.Checker()
    out = {"name": c.run("name", v.text, data.get("name"), "指标名称", 60, required=True),
           "unit": c.run("unit", v.text, data.get("unit"), "单位", 10, required=True),
           "rule": c.run("rule", v.choice, RULE_CODES.get(data.get("rule"), data.get("rule")), "汇总方式",
                         codes.FIGURE_RULES)}
    clash = records.duplicate_of(Indicator, Indicator.name, out["name"], uuid)
    if clash:
        c.add("name", f"已有指标“{clash.name}”（{clash.unit}）")
    if uuid:
        current = records.get_live(Indicator, uuid)
        if out["unit"] and out["unit"] != current.unit and Figure.select().where(Figure.indicator == current).exists():
            c.add("unit", "该指标已有数据，不能更改单位")
    c.done()
    return out


def save_indicator(data: dict) -> str:
    """Add (no uuid) or rename an indicator, or change its rule; values are kept ×100, so 元 amounts are exact fen."""
    uuid = data.get("uuid")
    if not data.get("rule"):  # a form without the rule leaves it as it is (a new indicator is added up)
        data = {**data, "rule": records.get_live(Indicator, uuid).rule if uuid else "sum"}
    values = check_indicator(data, uuid)
    if not uuid:
        values["position"] = (Indicator.select(fn.max(Indicator.position)).scalar() or 0) + 1
    return records.save(Indicator, uuid, values)


def delete_indicator(uuid: str) -> None:
    row = records.get_live(Indicator, uuid)
    if Figure.select().where(Figure.indicator == row).exists():
        raise v.ValidationError({"name": f"指标“{row.name}”已被记录使用，不能删除"})
    records.soft_delete(Indicator, uuid)


FONT_ROLES = {"fang": "仿宋（正文）", "hei": "黑体（一级标题）", "kai": "楷体（二级标题）", "song": "宋体/小标宋（标题、页码）"}


def report_fonts() -> dict[str, str]:
    return {role: (get_setting("report_fonts") or {}).get(role, "") for role in FONT_ROLES}


def save_report_fonts(chosen: dict[str, str]) -> None:
    """Font files for the report, by role; each must be a TrueType file (.ttf/.ttc) that exists."""
    c = v.Checker()
    out = {}
    for role, label in FONT_ROLES.items():
        path = (chosen.get(role) or "").strip()
        if path and not os.path.isfile(path):
            c.add(role, f"找不到字体文件“{path}”")
        elif path and Path(path).suffix.lower() not in (".ttf", ".ttc"):
            c.add(role, f"{label}须为 TrueType 字体文件（.ttf 或 .ttc）；.otf 字体无法嵌入 PDF")
        out[role] = path
    c.done()
    set_setting("report_fonts", out)
