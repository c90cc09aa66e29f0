"""Crash safety, the short version of bench/kill_test.py: a child process writing to a store is killed
(SIGKILL), then the store must open whole with everything acknowledged in it and nothing half-done.

The kills here land on chosen moments (inside an import, inside a package import's bulk write, inside a
backup, right after an acknowledgement, at fractions of an upgrade) so a few rounds cover each case; the
script kills at random, 100 rounds and more.
The negative controls plant a known fault in the child and kill it inside the fault's window: the same
checks must report it.
"""
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.kill_test import Harness, Trigger
from models.store import close_database, db, open_database
from models.store.migrations import SCHEMA_VERSION
from models.store.opening import read_header

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the child is killed with SIGKILL")

pytestmark = pytest.mark.sqlite_only("kills a writer of the SQLite file and reads the file")


def make_harness(tmp_path, **options) -> Harness:
    return Harness(tmp_path / "kill", seed=20240501, import_rows=40, saves_per_import="5-15", demo_records=300,
                   package_records=(150, 150), timeout=30, **options)


def test_killed_saves_and_imports_lose_nothing_acknowledged_and_leave_nothing_half_done(tmp_path):
    harness = make_harness(tmp_path)
    assert harness.writes_round(kill_on=Trigger("ack", "save", 4)) == []           # just after an acknowledgement
    assert harness.writes_round(kill_on=Trigger("begin", "import", after=0.04)) == []  # inside an import
    assert harness.writes_round(kill_on=Trigger("ack", "import")) == []            # just after an import returned
    assert harness.writes_round(kill_after=0.25) == []                             # wherever it is
    assert sum(n for what, n in harness.kills.items() if what.startswith("import")) >= 1
    assert harness.facts["saves acknowledged"] > 0 and harness.facts["import rows acknowledged"] >= 40
    assert harness.facts["stores reopened and checked"] == 4
    assert harness.facts["finished backups unpacked and checked"] >= 1  # the backups made before each import


def test_a_killed_package_import_leaves_all_of_it_or_none_and_importing_it_again_changes_nothing(tmp_path):
    harness = make_harness(tmp_path)
    assert harness.package_round(kill_on=Trigger("stage", "package", 5)) == []  # as its activities are written
    assert harness.package_round(kill_on=Trigger("ack", "package")) == []       # just after it was acknowledged
    assert harness.package_round(kill_on=Trigger("ack", "package")) == []       # after a second import of it
    assert harness.kills["package import (writing its records)"] == 1
    assert harness.facts["killed package imports left nothing"] == 1
    assert harness.facts["package imports acknowledged"] == 1
    assert harness.facts["package re-imports that changed nothing"] == 1
    assert harness.facts["package records verified whole"] >= 2 * 150  # two checks found all of it, whole
    assert harness.facts["packages made"] == 1  # the three rounds were one series


def test_a_killed_backup_never_has_its_final_name_and_a_finished_one_holds_what_was_acknowledged(tmp_path):
    harness = make_harness(tmp_path)
    assert harness.backup_round(kill_on=Trigger("begin", "backup", after=0.02)) == []  # in the middle of one
    assert harness.backup_round(kill_on=Trigger("ack", "backup", 2)) == []            # just after the second
    assert harness.kills["backup"] >= 1
    assert harness.facts["finished backups unpacked and checked"] >= 2


def test_a_killed_upgrade_leaves_the_store_wholly_old_or_wholly_new(tmp_path):
    harness = make_harness(tmp_path)
    steps = harness.v1_facts()["step seconds"]  # {version: seconds} of an unkilled upgrade
    assert harness.migrate_round(kill_on=Trigger("begin", "migration", after=0.01)) == []  # the backup first
    for nth, version in enumerate(sorted(steps), 1):
        assert harness.migrate_round(kill_on=Trigger("step", nth=nth)) == []   # as the step's transaction begins
        assert harness.migrate_round(kill_on=Trigger("step", nth=nth, after=steps[version] / 2)) == []  # midway
        assert harness.migrate_round(kill_on=Trigger("stepped", nth=nth)) == []  # its work done, not committed
    assert sum(n for what, n in harness.kills.items() if what.startswith("migration (step")) >= 1


def test_random_kills(tmp_path):
    harness = make_harness(tmp_path)
    harness.longest_delay = {"writes": 0.4, "backup": 0.4, "package": 0.6}
    for kind in ("writes", "backup", "migrate", "package", "writes", "backup", "migrate", "writes"):
        assert harness.random_round(kind) == []


def test_a_new_store_killed_after_its_first_saves_opens(tmp_path):
    """A new store is made whole under another name and renamed into place: killed right after its first saves,
    its header already says what it is (version, application id), never only its write-ahead log."""
    harness = make_harness(tmp_path)
    assert harness.fresh_round(kill_on=Trigger("ack", "save", 3)) == []
    assert harness.facts["stores reopened and checked"] == 1
    assert harness.facts["fresh stores killed before their first checkpoint"] == 0


# A transaction cut off on a store file whose header still says version 0 (what the first open leaves while
# it switches a new file to WAL: the kill test's fresh rounds land there now and then), made on purpose.
CUT_OFF = """
import os, signal, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA cache_size = 1")  # so the transaction's pages reach the file before it commits
con.execute("BEGIN")
con.execute("CREATE TABLE t (x)")
con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,) for _ in range(200)])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_new_store_cut_off_in_its_first_write_opens(tmp_path):
    path = tmp_path / "ledger.sqlite"
    con = sqlite3.connect(path)  # a SQLite file with a header and nothing in it
    con.execute("CREATE TABLE x (a)")
    con.execute("DROP TABLE x")
    con.commit()
    con.close()
    assert subprocess.run([sys.executable, "-c", CUT_OFF, str(path)]).returncode == -signal.SIGKILL
    assert Path(f"{path}-journal").stat().st_size > 0 and read_header(path) == (0, 0)
    open_database(path)
    try:
        assert db.pragma("user_version") == SCHEMA_VERSION
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()


@pytest.mark.parametrize("bug, kind, caught", [
    ("ack-early", "writes", "is missing"),                                   # acknowledged before the commit
    ("split", "writes", "is not whole"),                                     # attendance in a second transaction
    ("import-rows", "writes", "the killed import"),                          # an import committed in two parts
    ("backup-direct", "backup", "has its final name but is not whole"),      # no temporary name
    ("migrate-split", "migrate", "neither wholly old nor wholly new"),        # an upgrade not in one transaction
    ("package-split", "package", "is in the store in part"),                 # a package import in two parts
])
def test_the_checks_catch_a_planted_bug(tmp_path, bug, kind, caught):
    harness = make_harness(tmp_path, bug=bug, bug_delay=10)
    found = getattr(harness, f"{kind}_round")(kill_on=Trigger("window"))
    assert any(caught in text for text in found), found
