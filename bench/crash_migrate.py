"""The kill test's migration rounds: a v1 store being upgraded is killed, and must be wholly old or new."""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from bench.crash_checks import Trigger, run_child, schema_objects, store_checks, table_counts

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_V1 = ROOT / "tests" / "models" / "store" / "fixtures" / "store-v1.sqlite"


class MigrationRounds:
    """Mixed into the harness: uses its work folder, seed, counters and problem list."""

    def v1_facts(self) -> dict:
        """The v1 fixture's row counts, the schema objects a store has at each version when upgraded from it,
        and how long an unkilled upgrade takes (from the child's start, and each step)."""
        if self._v1 is None:
            from models.store import close_database, migrations, open_database
            con = sqlite3.connect(f"file:{FIXTURE_V1}?mode=ro", uri=True)
            tables = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            facts = {"counts": table_counts(con, tables), "objects": {1: schema_objects(con)}}
            con.close()
            folder = self.work / "migrated-reference"
            current = migrations.SCHEMA_VERSION
            for version in range(2, current + 1):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                shutil.copyfile(FIXTURE_V1, folder / "ledger.sqlite")
                migrations.SCHEMA_VERSION = version  # the ladder up to this rung only
                try:
                    open_database(folder / "ledger.sqlite")
                    close_database()
                finally:
                    migrations.SCHEMA_VERSION = current
                con = sqlite3.connect(folder / "ledger.sqlite")
                facts["objects"][version] = schema_objects(con)
                con.close()
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            shutil.copyfile(FIXTURE_V1, folder / "timed.sqlite")
            run = run_child("migrate", folder / "timed.sqlite", self.work, seed=0, prefix="m.")
            facts["seconds"] = run.seconds
            began = {}
            facts["step seconds"] = {}
            for kind, payload in run.events:
                if kind == "step":
                    began[payload["version"]] = payload["t"]
                elif kind == "stepped":
                    facts["step seconds"][payload["version"]] = payload["t"] - began[payload["version"]]
            shutil.rmtree(folder, ignore_errors=True)
            self._v1 = facts
        return self._v1

    def migrate_round(self, kill_after: float | None = None, kill_on: Trigger | None = None) -> list[str]:
        from models.store import StoreError, backup_folder, close_database, db, open_database
        from models.store.unpacking import unpack
        from models.store.migrations import SCHEMA_VERSION
        self.round += 1
        kind = "migrate"
        self.rounds[kind] += 1
        before = len(self.problems)
        facts = self.v1_facts()
        folder = self.work / f"migrate-{self.round}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        store = folder / "ledger.sqlite"
        shutil.copyfile(FIXTURE_V1, store)
        run = run_child("migrate", store, self.work, seed=0, prefix=f"r{self.round}.", kill_after=kill_after,
                        kill_on=kill_on, bug=self.bug, bug_delay=self.bug_delay, timeout=self.timeout)
        what = self._note_kill(kind, run)
        self._child_failed(kind, run)

        con = sqlite3.connect(store)  # as the file is: opening it with the program would finish the upgrade
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            objects = schema_objects(con)
            for text in store_checks(con):
                self._problem(kind, text)
            counts = table_counts(con, facts["counts"])
        finally:
            con.close()
        if objects == facts["objects"].get(version):
            self.facts["killed migrations left the store wholly old" if version == 1 else
                       "killed migrations left the store wholly new" if version == SCHEMA_VERSION else
                       f"killed migrations left the store wholly at version {version} (steps are separate)"] += 1
        else:
            old, new = facts["objects"][1], facts["objects"][SCHEMA_VERSION]
            added = sorted(n for _, n in objects - old)[:4]
            self._problem(kind, f"the store is neither wholly old nor wholly new: version {version}, "
                                f"{len(objects - old)} objects the old schema lacks (e.g. {added}), "
                                f"{len(new - objects)} of the new schema's missing")
        if counts != facts["counts"]:
            changed = {t: (facts["counts"][t], n) for t, n in counts.items() if n != facts["counts"][t]}
            self._problem(kind, f"row counts changed by the killed migration: {changed}")
        try:
            open_database(store)
            try:
                con = db.connection()
                for text in store_checks(con):
                    self._problem(kind, f"after finishing the upgrade: {text}")
                if db.pragma("user_version") != SCHEMA_VERSION:
                    self._problem(kind, "opening did not finish the upgrade")
                if table_counts(con, facts["counts"]) != facts["counts"]:
                    self._problem(kind, "row counts changed when the upgrade was finished")
            finally:
                close_database()
        except Exception as e:  # noqa: BLE001
            self._problem(kind, f"the store does not open after the kill: {type(e).__name__}: {e}")
        if backup_folder(store).is_dir():
            for path in sorted(backup_folder(store).iterdir()):
                if path.suffix != ".zip":
                    self.facts["temporary leftovers in backup folders"] += 1
                    continue
                with tempfile.TemporaryDirectory(dir=self.work) as tmp:
                    try:
                        con = sqlite3.connect(unpack(path, Path(tmp)))
                        if table_counts(con, facts["counts"]) != facts["counts"]:
                            self._problem(kind, f"backup {path.name} does not hold the store as it was")
                        con.close()
                        self.facts["finished backups unpacked and checked"] += 1
                    except StoreError as e:
                        self._problem(kind, f"backup {path.name} has its final name but is not whole: {e}")
        found = [text for _, _, text in self.problems[before:]]
        if self.verbose:
            print(f"round {self.round:3d} {kind:7s} killed after {run.seconds:5.2f} s during {what:20s} "
                  f"{'':11s}  {'ok' if not found else f'{len(found)} PROBLEMS'}", flush=True)
        if not found:
            shutil.rmtree(folder, ignore_errors=True)
        return found

    # -- the whole run -----------------------------------------------------------------------------------
