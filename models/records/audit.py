"""The audit trail: every save, delete and restore, with who did it and which fields changed from what to what."""
from __future__ import annotations

import datetime as dt
import getpass
import json

from models.records.schema import AuditEntry
from models.records.setting_values import get_setting

ACTIONS = {"create": "新建", "update": "修改", "delete": "删除到回收站", "restore": "从回收站恢复",
           "erase": "撤销新建", "purge": "彻底删除", "archive": "归档", "unarchive": "取消归档", "import": "导入"}


def operator() -> str:
    """The name set in 设置, or the computer's user name."""
    name = (get_setting("operator", "") or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 — no user name on this system is no reason to refuse a save
            name = "未知"
    return name[:30]


def _plain(value):
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(getattr(value, "name", value))  # a related record (a section) by its name


def diff(old: dict, new: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs."""
    return {k: [_plain(old.get(k)), _plain(v)] for k, v in new.items() if _plain(old.get(k)) != _plain(v)}


def note(kind: str, uuid: str, action: str, summary: str = "", changes: dict | None = None) -> None:
    AuditEntry.create(operator=operator(), kind=kind, record_uuid=uuid, action=action, summary=summary[:200],
                      changes=json.dumps(changes or {}, ensure_ascii=False, default=str))


def history(uuid: str) -> list[dict]:
    """A record's entries, newest first."""
    select = AuditEntry.select().where(AuditEntry.record_uuid == uuid).order_by(AuditEntry.at.desc(),
                                                                                 AuditEntry.id.desc())
    return [{"at": e.at, "operator": e.operator, "action": e.action, "action_label": ACTIONS.get(e.action, e.action),
             "summary": e.summary, "changes": json.loads(e.changes or "{}")} for e in select]
