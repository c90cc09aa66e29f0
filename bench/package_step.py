"""The benchmark's data package step: importing a package of the bench store into a fresh store, against raw inserts."""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from bench.measures import interleaved, row

# Tables the floor fills, parents before the rows that point at them. Sections and indicators are left out:
# a fresh store is seeded with the same catalogue the bench store has, so the import matches them by name
# and adds none, and the floor's rows point at the seeded ones (same ids).
PARENTS = {"members": "member", "organisations": "organisation", "study_groups": "study_group",
           "study_plans": "study_plan", "activities": "activity", "study_sessions": "study_session",
           "outreach_events": "outreach_event"}
# child table → {its column pointing at a record: that record's table}
CHILDREN = {"study_group_member": {"group_id": "study_group"}, "plan_topic": {"plan_id": "study_plan"},
            "participation": {"event_id": "outreach_event"},
            "attendance": {"activity_id": "activity", "session_id": "study_session"},
            "reflection": {"session_id": "study_session"},
            "figure": {"activity_id": "activity", "event_id": "outreach_event"},
            "attachment": {"activity_id": "activity", "session_id": "study_session", "event_id": "outreach_event"}}
ORDER = ["member", "organisation", "study_group", "study_group_member", "study_plan", "plan_topic", "activity",
         "study_session", "outreach_event", "participation", "attendance", "reflection", "figure", "attachment"]


def floor_rows(store: Path, uuids: dict[str, list[str]]) -> dict[str, tuple[list[str], list[tuple]]]:
    """The bench store's rows of the records in the package and of their parts: {table: (columns, rows)}."""
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        con.execute("CREATE TEMP TABLE wanted (uuid TEXT PRIMARY KEY)")
        con.executemany("INSERT INTO wanted VALUES (?)", [(u,) for kind in PARENTS for u in uuids.get(kind, [])])
        out = {}
        for table in ORDER:
            if table in CHILDREN:
                where = " OR ".join(f'"{col}" IN (SELECT id FROM "{parent}" WHERE uuid IN (SELECT uuid FROM wanted))'
                                    for col, parent in CHILDREN[table].items())
            else:
                where = "uuid IN (SELECT uuid FROM wanted)"
            cursor = con.execute(f'SELECT * FROM "{table}" WHERE {where} ORDER BY id')
            out[table] = ([d[0] for d in cursor.description], cursor.fetchall())
        return out
    finally:
        con.close()


def insert_floor(target: Path, rows: dict[str, tuple[list[str], list[tuple]]]) -> None:
    """The same rows put into the same tables (search triggers and all) by executemany, in one transaction."""
    con = sqlite3.connect(target, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = 1")
        con.execute("PRAGMA synchronous = 2")
        con.execute("BEGIN")
        for table, (columns, values) in rows.items():
            names = ", ".join(f'"{c}"' for c in columns)
            con.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', values)
        con.execute("COMMIT")
    finally:
        con.close()


def _remove_store(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(path.parent / "backups", ignore_errors=True)


def data_package(store: Path, repeat: int, date_from=None, date_to=None) -> list[dict]:
    """Export once (untimed); then read_package, plan_import and apply_import as `import-data` does, each
    time into a new store made by open_database, against raw executemany of the same rows into an empty store.

    The bench store is open through the program's global database while steps run: it is closed for the
    step and opened again afterwards.
    """
    from exports.data_package import read_package, write_package
    from models.exchange.package_import import apply_import, plan_import
    from models.store import close_database, open_database, store_path
    with tempfile.TemporaryDirectory(prefix="bench-package-") as folder:
        work = Path(folder)
        package = work / "package.zip"
        counts = write_package(package, date_from, date_to)
        opened = store_path()
        close_database()
        try:
            records = read_package(package).records
            total = sum(len(records[k]) for k in PARENTS)
            rows = floor_rows(store, {k: [r["uuid"] for r in records[k]] for k in PARENTS})
            del records
            template = work / "empty" / "empty.sqlite"
            open_database(template)
            close_database()
            runs = {"program": 0, "floor": 0}

            def target(kind: str) -> Path:
                runs[kind] += 1
                path = work / f"{kind}-{runs[kind]}" / "store.sqlite"
                _remove_store(work / f"{kind}-{runs[kind] - 1}" / "store.sqlite")
                return path

            def program():
                open_database(target("program"))
                try:
                    pkg = read_package(package)
                    assert not plan_import(pkg).conflicts
                    added = apply_import(pkg)["added"]
                finally:
                    close_database()
                assert added == total, (added, total)

            def floor():
                path = target("floor")
                path.parent.mkdir()
                shutil.copyfile(template, path)
                insert_floor(path, rows)

            program_times, floor_times = interleaved(program, floor, repeat)
        finally:
            open_database(opened)
    children = sum(len(values) for table, (_, values) in rows.items() if table in CHILDREN)
    span = f" {date_from}…{date_to}" if date_from or date_to else ""
    return [row(f"data package import{span} of {total:,} records", program_times, floor_times, 4, parts=children,
                counts={k: n for k, n in counts.items() if n})]
