"""The audit trail: every save, delete and restore, with who did it and which fields changed from what to what."""
from __future__ import annotations

import datetime as dt
import getpass
import json

from models.records import id_card
from models.records.schema import AuditEntry
from models.records.setting_values import get_setting
from models.store import database_role, pc_name

WIDTH = 30  # the audit_entry.operator column

ACTIONS = {"create": "新建", "update": "修改", "delete": "删除到回收站", "restore": "从回收站恢复",
           "erase": "撤销新建", "purge": "彻底删除", "archive": "归档", "unarchive": "取消归档", "import": "导入"}


def operator() -> str:
    """Who is saving. On a server: its database account and this PC (account@PC), since the settings there are
    shared by every PC; on a file: the name set in 设置, or the computer's user name and this PC."""
    role = database_role()
    if role:
        return at_pc(role)
    name = (get_setting("operator", "") or "").strip()
    if name:
        return name[:WIDTH]
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name on this system is no reason to refuse a save
        user = "未知"
    return at_pc(user)


def at_pc(who: str) -> str:
    """who@PC within the column: each side keeps at least its first characters when both are long."""
    pc = pc_name()
    if len(who) + 1 + len(pc) > WIDTH:
        pc = pc[:max(WIDTH // 2, WIDTH - 1 - len(who))]
        who = who[:WIDTH - 1 - len(pc)]
    return f"{who}@{pc}"


def _plain(value):
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(getattr(value, "name", value))  # a related record (a section) by its name


def diff(old: dict, new: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs; an ID card number masked (see _masked)."""
    out = {}
    for key, value in new.items():
        pair = [_plain(old.get(key)), _plain(value)]
        if pair[0] != pair[1]:
            out[key] = _masked(pair) if key == "id_card" else pair
    return out


def _masked(pair: list) -> list:
    """An ID card number's change as lists show the number: anyone may read a record's history, and the whole
    number stays in the record only. A change to the hidden digits alone still reads as a change."""
    old, new = (id_card.masked(v) if isinstance(v, str) else v for v in pair)
    return [old, new if new != old else f"{new}（出生日期位已更正）"]


def note(kind: str, uuid: str, action: str, summary: str = "", changes: dict | None = None) -> None:
    AuditEntry.create(operator=operator(), kind=kind, record_uuid=uuid, action=action, summary=summary[:200],
                      changes=json.dumps(changes or {}, ensure_ascii=False, default=str))


def history(uuid: str) -> list[dict]:
    """A record's entries, newest first."""
    select = AuditEntry.select().where(AuditEntry.record_uuid == uuid).order_by(AuditEntry.at.desc(),
                                                                                 AuditEntry.id.desc())
    return [{"at": e.at, "operator": e.operator, "action": e.action, "action_label": ACTIONS.get(e.action, e.action),
             "summary": e.summary, "changes": json.loads(e.changes or "{}")} for e in select]
