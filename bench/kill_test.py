"""The kill test: a child process (bench/crash_child.py) writes to a store and is killed with SIGKILL at random
moments; nothing it acknowledged may be lost, nothing may be left half-done.

    python bench/kill_test.py [--rounds N] [--seed S] [--kinds writes,backup,migrate,fresh,package] [--bug NAME]

Kinds: writes (saves and 200-row imports), backup (make_backup over and over), migrate (a v1 fixture being
upgraded), fresh (a store created by the child itself), package (saves and imports of a data package of
demo records, made once per series; a series ends once its package is in and a second import of it changed
nothing; after each import the child tries a hostile package of 200,000 bare records, which must be refused
for the memory it would take, within 400 MB, leaving the store as it was). After each kill the store must open, pass integrity_check and foreign_key_check, hold every
acknowledged record whole, and show imports (a package's every record with all its parts, or none of
them), backups and upgrades all-or-nothing. --bug plants one of the child's known faults: the same checks
must then report problems (exit status 1), which shows they can see them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = Path(__file__).with_name("crash_child.py")
KINDS = ("writes", "backup", "migrate", "fresh", "package")
PATTERN = ("writes", "writes", "backup", "package", "writes", "migrate", "writes", "backup", "fresh", "migrate",
           "writes", "package")
BUG_KIND = {"ack-early": "writes", "split": "writes", "import-rows": "writes", "backup-direct": "backup",
            "migrate-split": "migrate", "package-split": "package"}
SERIES = 10  # rounds of one kind that share a store before a new one is made


from bench.crash_checks import (  # noqa: E402 — after the path is set
    BulkWriteTrigger,
    Run,
    Shape,
    Trigger,
    _header,
    phase,
    planned,
    read_records,
    run_child,
    store_checks,
    whole_problems,
)
from bench.crash_migrate import MigrationRounds  # noqa: E402
from bench.crash_package import PackageFacts, PackageRounds  # noqa: E402


@dataclass
class Series:
    """One store that several rounds write to in turn, and what is known to be in it."""
    store: Path
    reference: dict[str, str] = field(default_factory=dict)  # uuid → tag, as found after the last round
    members: set[str] = field(default_factory=set)           # acknowledged members (fresh stores)
    package: PackageFacts | None = None                      # the data package its rounds import (package)
    rounds: int = 0
    broken: bool = False


class Harness(MigrationRounds, PackageRounds):
    def __init__(self, work: Path, seed: int = 1, import_rows: int = 200, saves_per_import: str = "30-200",
                 demo_records: int = 2000, package_records: tuple[int, int] = (300, 2000), bug: str | None = None,
                 bug_delay: float = 0.05, verbose: bool = False, timeout: float = 120):
        self.work, self.rng, self.seed, self.timeout = Path(work), random.Random(seed), seed, timeout
        self.import_rows, self.saves_per_import, self.demo_records = import_rows, saves_per_import, demo_records
        self.package_records = package_records  # activities in a series' package (the other kinds in proportion)
        self.bug, self.bug_delay, self.verbose = bug, bug_delay, verbose
        self.work.mkdir(parents=True, exist_ok=True)
        self.plans: dict[str, Shape] = {}
        self.series: dict[str, Series] = {}
        self.round = 0
        self.problems: list[tuple[int, str, str]] = []
        self._reported: set[str] = set()
        self.kills: Counter = Counter()     # what the child was doing when killed
        self.rounds: Counter = Counter()    # rounds per kind
        self.facts: Counter = Counter()     # what was verified
        # Random kills fall this many seconds at most after the child is loaded: a writer spends about half
        # its time in imports, a backup loop most of it in backups, a fresh store is new for a short while,
        # a package series' child reaches its first import within a second.
        self.longest_delay = {"writes": 1.5, "backup": 1.0, "fresh": 0.3, "package": 1.2}
        self._demo: Path | None = None
        self._v1: dict | None = None

    # -- stores ----------------------------------------------------------------------------------

    def _new_store(self, kind: str, demo: bool) -> Series:
        from bench.crash_child import MEMBER_PREFIX, MEMBERS
        from models.records.members import save_member
        from models.store import close_database, open_database
        folder = self.work / f"{kind}-{self.round}"
        folder.mkdir(parents=True, exist_ok=True)
        store = folder / "ledger.sqlite"
        if demo:
            shutil.copyfile(self.demo_template(), store)
        else:
            open_database(store)
            for i in range(1, MEMBERS + 1):
                save_member({"name": f"{MEMBER_PREFIX}{i:02d}", "gender": "male", "party_status": "full"})
            close_database()
        return Series(store)

    def demo_template(self) -> Path:
        """A store of demo records (so a backup takes a while) with the child's members, built once."""
        if self._demo is None:
            from bench.crash_child import MEMBER_PREFIX, MEMBERS
            from models.exchange.demo import fill_demo
            from models.records.members import save_member
            from models.store import close_database, open_database
            path = self.work / "demo-template" / "ledger.sqlite"
            path.parent.mkdir(parents=True, exist_ok=True)
            open_database(path)
            fill_demo(self.demo_records, seed=self.seed, today=dt.date(2025, 12, 31))
            for i in range(1, MEMBERS + 1):
                save_member({"name": f"{MEMBER_PREFIX}{i:02d}", "gender": "male", "party_status": "full"})
            close_database()
            self._demo = path
        return self._demo

    def _series(self, kind: str) -> Series:
        s = self.series.get(kind)
        if s is None or s.broken or s.rounds >= SERIES or (s.package and s.package.done):
            if s is not None:
                shutil.rmtree(s.store.parent, ignore_errors=True)
            s = self.series[kind] = self._new_store(kind, demo=(kind == "backup"))
            if kind == "package":
                s.package = self.make_package(s.store.parent)
        s.rounds += 1
        return s

    # -- bookkeeping -------------------------------------------------------------------------------

    def _problem(self, kind: str, text: str) -> None:
        if text in self._reported:  # a broken record stays broken: it is reported in the round it appeared
            return
        self._reported.add(text)
        self.problems.append((self.round, kind, text))
        if self.verbose:
            print(f"  round {self.round} ({kind}): PROBLEM {text}", flush=True)

    def _child_failed(self, kind: str, run: Run) -> None:
        if not run.killed and run.returncode not in (0, None):
            tail = " | ".join(run.stderr.strip().splitlines()[-3:])
            self._problem(kind, f"the child failed by itself (exit {run.returncode}): {tail}")

    def _note_kill(self, kind: str, run: Run) -> str:
        what = phase(kind, run.events) if run.killed else "finished before the kill"
        self.kills[what] += 1
        return what

    # -- writes, fresh and backup rounds --------------------------------------------------------

    def writes_round(self, kill_after: float | None = None, kill_on: Trigger | None = None) -> list[str]:
        return self._writing_round("writes", kill_after, kill_on)

    def backup_round(self, kill_after: float | None = None, kill_on: Trigger | None = None) -> list[str]:
        return self._writing_round("backup", kill_after, kill_on)

    def fresh_round(self, kill_after: float | None = None, kill_on: Trigger | None = None) -> list[str]:
        self.round += 1
        folder = self.work / f"fresh-{self.round}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        series = Series(folder / "ledger.sqlite")
        found = self._write_and_check("fresh", series, kill_after, kill_on)
        if not found:  # a store with a problem stays for a look
            shutil.rmtree(folder, ignore_errors=True)
        return found

    def _writing_round(self, kind: str, kill_after, kill_on) -> list[str]:
        self.round += 1
        series = self._series(kind)
        return self._write_and_check(kind, series, kill_after, kill_on)

    def _write_and_check(self, kind: str, series: Series, kill_after, kill_on) -> list[str]:
        before = len(self.problems)
        self.rounds[kind] += 1
        run = run_child(kind, series.store, self.work, seed=self.rng.randrange(1 << 30), prefix=f"r{self.round}.",
                        kill_after=kill_after, kill_on=kill_on, import_rows=self.import_rows,
                        saves_per_import=self.saves_per_import, package=series.package.path if series.package else None,
                        bomb=series.package.bomb if series.package else None,
                        bug=self.bug, bug_delay=self.bug_delay, timeout=self.timeout)
        what = self._note_kill(kind, run)
        self._child_failed(kind, run)
        self._check_written(kind, series, run.events)
        found = [text for _, _, text in self.problems[before:]]
        if self.verbose:
            print(f"round {self.round:3d} {kind:7s} killed after {run.seconds:5.2f} s during {what:20s} "
                  f"{len(run.events):5d} lines  {'ok' if not found else f'{len(found)} PROBLEMS'}", flush=True)
        return found

    def _check_written(self, kind: str, series: Series, events: list) -> None:
        from models.store import close_database, db, open_database
        expected = dict(series.reference)
        members = set(series.members)
        pending = None
        snapshots: list[tuple[str, str, dict]] = []  # (time begun, tag, acknowledged records then)
        for ev, payload in events:
            if ev == "begin":
                pending = payload
                if payload["op"] == "save":
                    self.plans[payload["tag"]] = planned(payload["tag"], payload["attendance"], payload["figures"])
                elif payload["op"] == "import":
                    for row in payload["rows"]:
                        self.plans[row["tag"]] = planned(row["tag"], row["attendance"], row["figures"])
                if payload["op"] in ("import", "backup", "package"):
                    snapshots.append((payload["t"], payload["tag"], dict(expected)))
            elif ev == "ack":
                if pending is None or payload.get("op") != pending["op"]:
                    self._problem(kind, f"acknowledgement without its operation: {payload}")
                    continue
                if payload["op"] == "save":
                    expected[payload["uuid"]] = payload["tag"]
                    self.facts["saves acknowledged"] += 1
                elif payload["op"] == "import":
                    if payload["added"] != len(pending["rows"]):
                        self._problem(kind, f"import {payload['tag']} added {payload['added']} of "
                                            f"{len(pending['rows'])} rows")
                    expected.update({row["uuid"]: row["tag"] for row in pending["rows"]})
                    self.facts["imports acknowledged"] += 1
                    self.facts["import rows acknowledged"] += len(pending["rows"])
                elif payload["op"] == "member":
                    members.add(payload["name"])
                elif payload["op"] == "backup":
                    self.facts["backups acknowledged"] += 1
                elif payload["op"] == "package":
                    self._package_acknowledged(kind, series.package, payload)
                elif payload["op"] == "bomb":
                    self._problem(kind, f"the hostile package was imported ({payload['tag']}): {payload}")
                pending = None
            elif ev == "refused":
                self._bomb_refused(kind, payload)
                pending = None

        if kind == "fresh":
            if not series.store.exists():
                self.facts["fresh stores killed before the file existed"] += 1
                return
            wal = Path(f"{series.store}-wal")
            if wal.exists() and wal.stat().st_size and _header(series.store) == (0, 0):
                self.facts["fresh stores killed before their first checkpoint"] += 1
        from models.store import backup_folder
        written = set(backup_folder(series.store).glob("*.zip"))  # not those reopening may make (an upgrade)
        try:
            open_database(series.store)
        except Exception as e:  # noqa: BLE001 — any failure to open is the finding
            series.broken = True
            self._problem(kind, f"the store does not open after the kill: {type(e).__name__}: {e}")
            return
        try:
            con = db.connection()
            for text in store_checks(con):
                self._problem(kind, text)
            if series.package:
                self._check_package(kind, series.package, con, pending)
            records = read_records(con)
            names = {n for (n,) in con.execute("SELECT name FROM member WHERE deleted_at IS NULL")}
        finally:
            close_database()
        self.facts["stores reopened and checked"] += 1
        for name in members - names:
            self._problem(kind, f"acknowledged member {name} is missing")
        pending_edit = pending["uuid"] if pending and pending["op"] == "save" else None
        for uuid, tag in expected.items():
            got = records.get(uuid)
            if got is None:
                self._problem(kind, f"acknowledged activity {tag} ({uuid}) is missing")
            elif got[0] != tag and not (uuid == pending_edit and got[0] == pending["tag"]):
                self._problem(kind, f"activity {uuid} is {got[0]}, but {tag} was acknowledged last")
        pending_rows = {r["uuid"]: r["tag"] for r in pending["rows"]} if pending and pending["op"] == "import" else {}
        for uuid, (tag, _, _) in records.items():
            if uuid in expected:
                continue
            if pending and pending["op"] == "save" and not pending_edit and tag == pending["tag"]:
                continue  # the save in flight committed; its acknowledgement never came
            if pending_rows.get(uuid) == tag:
                continue
            self._problem(kind, f"activity {tag} ({uuid}) is in the store though nothing wrote it")
        if pending_rows:
            there = sum(1 for u, t in pending_rows.items() if records.get(u, ("",))[0] == t)
            if there not in (0, len(pending_rows)):
                self._problem(kind, f"the killed import {pending['tag']} left {there} of {len(pending_rows)} rows")
            self.facts["killed imports left nothing" if there == 0 else
                       "killed imports left all rows" if there == len(pending_rows) else
                       "killed imports left some rows"] += 1
        for text in whole_problems(records, self.plans, "store"):
            self._problem(kind, text)
        series.reference = {uuid: tag for uuid, (tag, _, _) in records.items()}
        series.members = members | names
        self.facts["activities verified whole"] += len(records)
        self._check_backups(kind, series.store, snapshots, pending, written)

    def _check_backups(self, kind: str, store: Path, snapshots: list, pending: dict | None,
                       written: set[Path]) -> None:
        """Every backup under its final name unpacks and holds what was acknowledged before it began."""
        from models.store import StoreError, backup_folder
        from models.store.backup import read_manifest
        from models.store.unpacking import unpack
        folder = backup_folder(store)
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.suffix != ".zip":
                self.facts["temporary leftovers in backup folders"] += 1
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
                continue
            with tempfile.TemporaryDirectory(dir=self.work) as tmp:
                try:
                    extracted = unpack(path, Path(tmp))
                    created = read_manifest(path)["created_at"]
                except (StoreError, KeyError, ValueError) as e:
                    in_flight = pending is not None and pending["op"] in ("backup", "import", "package")
                    self._problem(kind, f"backup {path.name} has its final name but is not whole"
                                        f"{' (its writing was killed)' if in_flight else ''}: {e}")
                    path.unlink()
                    continue
                begun = dt.datetime.fromisoformat(created)
                owners = [s for s in snapshots if dt.datetime.fromisoformat(s[0]) <= begun]
                con = sqlite3.connect(extracted)
                try:
                    records = read_records(con)
                finally:
                    con.close()
            path.unlink()  # checked; removed so the folder stays small
            self.facts["finished backups unpacked and checked"] += 1
            if path not in written:
                self.facts["backups made on reopening (an unfinished new store upgraded)"] += 1
                continue
            if not owners:
                self._problem(kind, f"backup {path.name} was made before any operation of this round began")
                continue
            _, tag, acknowledged = max(owners, key=lambda s: dt.datetime.fromisoformat(s[0]))
            for uuid, record_tag in acknowledged.items():
                if records.get(uuid, ("",))[0] != record_tag:
                    self._problem(kind, f"backup {path.name} (begun by {tag}) lacks acknowledged activity "
                                        f"{record_tag} ({uuid})")
            for text in whole_problems(records, self.plans, f"backup {path.name}"):
                self._problem(kind, text)

    # -- migration rounds ----------------------------------------------------------------------------

    def random_round(self, kind: str) -> list[str]:
        """One round of the kind, killed after a random delay sized to what the child does."""
        if kind == "migrate":  # every other one timed from the step's start, so some land inside it
            facts = self.v1_facts()
            if self.rounds["migrate"] % 2:
                versions = sorted(facts["step seconds"])
                nth = self.rng.randrange(len(versions))
                after = self.rng.uniform(0, 3 * facts["step seconds"][versions[nth]])
                return self.migrate_round(kill_on=Trigger("step", nth=nth + 1, after=after))
            return self.migrate_round(kill_after=self.rng.uniform(0, facts["seconds"]))
        if kind == "package" and self.rounds["package"] % 2:  # every other one timed from a kind's bulk write
            return self.package_round(kill_on=BulkWriteTrigger(self.rng.randint(1, 7), self.rng.uniform(0, 0.1)))
        return getattr(self, f"{kind}_round")(kill_after=self.rng.uniform(0, self.longest_delay[kind]))

    def summary(self, seconds: float) -> str:
        rounds = sum(self.rounds.values())
        lines = [f"kill test: {rounds} rounds in {seconds:.1f} s ({seconds / max(rounds, 1):.2f} s a round)"
                 + (f", planted bug: {self.bug}" if self.bug else ""),
                 "  rounds:  " + ", ".join(f"{k} {self.rounds[k]}" for k in KINDS if self.rounds[k]),
                 "  killed during:  " + ", ".join(f"{k} {n}" for k, n in self.kills.most_common()),
                 "  verified:  " + ", ".join(f"{k} {n}" for k, n in sorted(self.facts.items())),
                 f"  problems found: {len(self.problems)}"
                 + (f" in {len({r for r, _, _ in self.problems})} rounds" if self.problems else "")]
        shown: Counter = Counter()
        for r, kind, text in self.problems:
            shown[kind] += 1
            if shown[kind] <= 8:
                lines.append(f"    round {r} ({kind}): {text}")
        lines += [f"    … and {n - 8} more in {kind} rounds" for kind, n in shown.items() if n > 8]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None, help="random by default (printed)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="which kinds of round to run")
    parser.add_argument("--import-rows", type=int, default=200)
    parser.add_argument("--demo-records", type=int, default=2000, help="size of the store backups are made of")
    parser.add_argument("--package-records", default="300-2000",
                        help="activities in a package series' package, a range (other kinds in proportion)")
    parser.add_argument("--bug", choices=sorted(BUG_KIND), help="plant a known fault: problems must be found")
    parser.add_argument("--bug-delay", type=float, default=0.05, help="how long a planted bug's window lasts")
    parser.add_argument("--work", type=Path, help="folder for the stores (a temporary one by default)")
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    kinds = [k for k in args.kinds.split(",") if k]
    if args.bug:
        kinds = [BUG_KIND[args.bug]]
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        parser.error(f"unknown kinds: {sorted(unknown)}")
    schedule = [k for k in PATTERN if k in kinds]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = args.work or Path(tempfile.mkdtemp(prefix="kill-test-"))
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(work / "home" / name.lower())  # settings and logs stay out of the user's folders
    print(f"kill test: seed {seed}, {args.rounds} rounds of {', '.join(dict.fromkeys(schedule))}, in {work}",
          flush=True)
    low, _, high = args.package_records.partition("-")
    harness = Harness(work, seed, import_rows=args.import_rows, demo_records=args.demo_records,
                      package_records=(int(low), int(high or low)), bug=args.bug, bug_delay=args.bug_delay,
                      verbose=not args.quiet)
    start = time.perf_counter()
    if "migrate" in kinds:
        facts = harness.v1_facts()
        steps = ", ".join(f"to v{v} {t * 1000:.1f} ms" for v, t in sorted(facts["step seconds"].items()))
        print(f"an unkilled upgrade of the v1 fixture takes {facts['seconds']:.3f} s from start-up (steps: {steps}): "
              "kills fall within that or, every other round, 3 × a step from its start", flush=True)
    for i in range(args.rounds):
        harness.random_round(schedule[i % len(schedule)])
    seconds = time.perf_counter() - start
    print(harness.summary(seconds), flush=True)
    if not harness.problems and args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if harness.problems else 0


if __name__ == "__main__":
    sys.exit(main())
