"""The parts several record kinds carry: attendance, figures, attachments (checked, read, replaced)."""
from __future__ import annotations

from models.records import codes, validation as v
from models.records.schema import Attachment, Attendance, Figure, Indicator, Member, ReportSection

# -- attendance -----------------------------------------------------------------


def check_attendance(rows, c: v.Checker) -> list[dict]:
    """[{member (uuid), status, reason}] → rows with member ids; problems go to the 'attendance' field.

    A status left empty means 未记录: a list nobody marked is attendance not recorded (no rows, so no rate is
    claimed for the meeting); a list marked only in part is refused, so no one is counted by guess."""
    rows = rows or []
    if not isinstance(rows, list):
        c.add("attendance", "出勤名单格式不对")
        return []
    unmarked = [r for r in rows if isinstance(r, dict) and not r.get("status")]
    if unmarked and len(unmarked) == len(rows):
        return []
    if unmarked:
        c.add("attendance", f"还有 {len(unmarked)} 人未记录出勤情况，请逐一选择，或点“全部出席”后再改")
        return []
    uuids = [r.get("member") for r in rows if isinstance(r, dict)]
    ids = dict(Member.select(Member.uuid, Member.id).where(Member.uuid.in_(uuids)).tuples()) if uuids else {}
    out, seen = [], set()
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or row.get("member") not in ids:
            c.add("attendance", f"出勤名单第 {i} 行的党员不存在")
            continue
        if row["member"] in seen:
            c.add("attendance", f"出勤名单第 {i} 行与前面的党员重复")
            continue
        seen.add(row["member"])
        status = c.run("attendance", v.choice, row.get("status"), f"第 {i} 行的出勤情况", codes.ATTENDANCE)
        reason = c.run("attendance", v.text, row.get("reason"), f"第 {i} 行的原因", 200)
        out.append({"member": ids[row["member"]], "status": status,
                    "reason": "" if status == "present" else (reason or "")})
    return out


def attendance_of(owner_field, owner_id: int) -> list[dict]:
    select = (Attendance.select(Attendance, Member).join(Member)
              .where(owner_field == owner_id).order_by(Member.name, Member.id))
    return [{"member": a.member.uuid, "name": a.member.name, "status": a.status, "reason": a.reason}
            for a in select]


def replace(model, owner: str, owner_id: int, rows: list[dict]) -> None:
    """A record's rows of one part (attendance, figures, attachments, participations…) replaced by these."""
    model.delete().where(getattr(model, owner) == owner_id).execute()
    if rows:
        model.insert_many([{owner: owner_id, **r} for r in rows]).execute()


def check_section(value, c: v.Checker):
    """The live report section a record is filed under, or None (unfiled)."""
    if not value:
        return None
    section = ReportSection.get_or_none(ReportSection.uuid == value, ReportSection.deleted_at.is_null())
    if section is None:
        c.add("section", "所选栏目已不存在，请重新选择")
    return section


def tally(rows: list[dict]) -> dict:
    """应到 (everyone listed), 实到 (present), and the on-leave and absent counts."""
    counts = {status: 0 for status in codes.ATTENDANCE}
    for row in rows:
        counts[row["status"]] += 1
    return {"expected": len(rows), **counts}


# -- figures --------------------------------------------------------------------


def check_figures(rows, c: v.Checker) -> list[dict]:
    """[{indicator (uuid), value, note}] → rows with indicator ids, value ×100 and an approximation as entered."""
    rows = rows or []
    if not isinstance(rows, list):
        c.add("figures", "指标数据格式不对")
        return []
    uuids = [r.get("indicator") for r in rows if isinstance(r, dict)]
    found = {i.uuid: i for i in Indicator.select().where(Indicator.uuid.in_(uuids))} if uuids else {}
    out, seen = [], set()
    for i, row in enumerate(rows, 1):
        indicator = found.get(row.get("indicator")) if isinstance(row, dict) else None
        if indicator is None:
            c.add("figures", f"第 {i} 项指标不存在，请从指标目录中选择")
            continue
        if indicator.uuid in seen:
            c.add("figures", f"指标“{indicator.name}”填写了两次")
            continue
        seen.add(indicator.uuid)
        value = c.run("figures", v.figure_value, row.get("value"), f"“{indicator.name}”的数值")
        note = c.run("figures", v.text, row.get("note"), f"“{indicator.name}”的说明", 200)
        if value is not None:
            out.append({"indicator": indicator.id, "value_centi": value[0], "as_entered": value[1], "note": note or ""})
    return out


def figures_of(owner_field, owner_id: int) -> list[dict]:
    select = (Figure.select(Figure, Indicator).join(Indicator)
              .where(owner_field == owner_id).order_by(Indicator.position, Indicator.id))
    return [{"indicator": f.indicator.uuid, "name": f.indicator.name, "unit": f.indicator.unit,
             "value": f.as_entered or centi_text(f.value_centi), "value_centi": f.value_centi,
             "as_entered": f.as_entered, "note": f.note} for f in select]


def centi_text(value_centi: int) -> str:
    """An exact value ×100 as plain text: 1400 → '14', 12345 → '123.45'."""
    whole, cents = divmod(value_centi, 100)
    return str(whole) if not cents else f"{whole}.{cents:02d}".rstrip("0")


# -- attachments ----------------------------------------------------------------


def check_attachments(rows, c: v.Checker) -> list[dict]:
    """[{sha256, name, size, mime}] as returned by attachments.add_file (names may be edited)."""
    rows = rows or []
    if not isinstance(rows, list):
        c.add("attachments", "附件列表格式不对")
        return []
    out = []
    for i, row in enumerate(rows, 1):
        sha = row.get("sha256") if isinstance(row, dict) else None
        if not isinstance(sha, str) or len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha):
            c.add("attachments", f"第 {i} 个附件无效")
            continue
        name = c.run("attachments", v.text, row.get("name"), f"第 {i} 个附件的名称", 255, required=True)
        size = row.get("size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            c.add("attachments", f"第 {i} 个附件的大小无效")
            continue
        # A type longer than its column is refused, not cut: a cut one differs from the file's on every import.
        mime = c.run("attachments", v.text, row.get("mime") or "", f"第 {i} 个附件的文件类型", 100)
        out.append({"sha256": sha, "name": name or "", "size": size, "mime": mime or ""})
    return out


def attachments_of(owner_field, owner_id: int) -> list[dict]:
    select = Attachment.select().where(owner_field == owner_id).order_by(Attachment.id)
    return [{"sha256": a.sha256, "name": a.name, "size": a.size, "mime": a.mime} for a in select]

