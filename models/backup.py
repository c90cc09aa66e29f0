"""Copies of the live store made with SQLite's online backup API, checked before they count."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from models.db import StoreError


def check_file(path: Path) -> list[str]:
    """Problems found by integrity_check and foreign_key_check; empty when the file is whole."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"外键错误：{r[0]} 第 {r[1]} 行" for r in con.execute("PRAGMA foreign_key_check")]
        return problems
    except sqlite3.DatabaseError as e:
        return [str(e)]
    finally:
        con.close()


def backup_store(database, dest: Path) -> Path:
    """Write a checked copy of the open store to dest (via a temporary name, synced, then renamed)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    target = sqlite3.connect(tmp)
    try:
        database.connection().backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    problems = check_file(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        raise StoreError("备份检查未通过：" + "；".join(problems[:3]))
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, dest)
    return dest
