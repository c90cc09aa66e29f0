"""Data package imports played by other PCs (real processes through tests/other_pc.py), and a digest of a store's
records that does not depend on the order they were written in (ids and audit times differ between runs)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

from exports.data_package import read_package, write_package
from models.exchange.package_import import apply_import, plan_import
from models.exchange.package_records import KINDS, content, store_records
from models.records.schema import Organisation, StudyGroup
from models.store import close_database, open_database


def _wait(path: str) -> None:
    deadline = time.monotonic() + 60
    while not Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def import_file(path: str, ready: str | None = None, go: str | None = None, writing: str | None = None,
                hold: float = 0.0) -> dict:
    """Import a package as import-data does. ready is touched once the process is up and go waited for (so two
    imports start together); writing is touched once half of the records are written inside the import's
    transaction, which then stays open for hold seconds (so a test can kill the process mid-way)."""
    if ready:
        Path(ready).touch()
    if go:
        _wait(go)
    package = read_package(Path(path))
    plan = plan_import(package)

    def progress(done: int, total: int) -> None:
        if writing and total and done * 2 >= total and not Path(writing).exists():
            Path(writing).touch()
            time.sleep(hold)
    return apply_import(package, {c.uuid: "mine" for c in plan.conflicts}, progress)


def demo_package(folder: Path, name: str, records: int, seed: int, branch: str) -> Path:
    """A package of a demo store of its own; its organisations' credit codes and its groups' names made its own
    (the demo gives the same ones to every store), so that two packages hold different records."""
    from models.exchange.demo import fill_demo
    close_database()
    open_database(folder / f"{name}.sqlite")
    try:
        fill_demo(records, seed=seed, today=dt.date(2025, 6, 30))
        Organisation.update(credit_code="").execute()
        StudyGroup.update(name=StudyGroup.name.concat(f"（{branch}）")).execute()
        path = folder / f"{name}.zip"
        write_package(path)
    finally:
        close_database()
    return path


def record_digest() -> tuple[dict[str, int], str]:
    """({kind: records}, a SHA-256 of every record as a package carries it, sorted by identity)."""
    counts, whole = {}, hashlib.sha256()
    for kind in KINDS:
        found = sorted((r["uuid"], json.dumps(content(r), ensure_ascii=False, sort_keys=True, default=str))
                       for r in store_records(kind))
        counts[kind] = len(found)
        for uuid, text in found:
            whole.update(f"{kind}\t{uuid}\t{text}\n".encode())
    return counts, whole.hexdigest()
