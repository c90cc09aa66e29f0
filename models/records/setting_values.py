"""One stored setting, read or written: a JSON value under its key in the setting table."""
from __future__ import annotations

import json

from models.records.schema import Setting


def get_setting(key: str, default=None):
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_setting(key: str, value) -> None:
    payload = json.dumps(value, ensure_ascii=False)
    Setting.insert(key=key, value=payload).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: payload}).execute()
