"""The program the kill test runs and kills: it writes to a store and says what it did only once it is done.

    python bench/crash_child.py MODE STORE [--seed S] [--prefix P] [--import-rows N] [--package ZIP] [--bug NAME]

MODE
  writes   form-sized activity saves (new ones and edits, each with attendance and figures) and, after every
           --saves-per-import (a random number in that range), an all-or-nothing import of --import-rows rows
           (models.exchange.activity_import), forever;
  fresh    creates the store, adds the members one by one, then as writes;
  backup   one to four saves, then a backup (models.store.backup.make_backup) to a name it announces, forever;
  package  one to five saves, then an import of the data package --package (models.exchange.package_import), forever:
           the first import that completes adds the package's records, every later one must change nothing;
           after each, an import of the hostile package --bomb (if given), which must be refused;
  migrate  opens the store (which upgrades it) once, closes it and exits.

Each line on stdout is one event, flushed as it is written:
  ready            the program is loaded (the parent's clock for a random kill starts here)
  begin {json}     an operation is about to start, with its whole plan
  ack {json}       the operation returned: only from now on is it acknowledged
  opened / done    fresh: the store was created; migrate: the upgrade finished (begun by "begin")
  step / stepped   migrate: a schema step began (inside its transaction) / its work is done, not yet committed
  planned          a package import has checked the package: how many of its records it will add
  refused {json}   the hostile package was refused (the operation ends, nothing written): why, and the peak memory
  stage            an import made its backup and begins writing its rows (its one transaction); a package
                   import says it as it begins each kind's bulk write (in the same one transaction)
  window           planted bugs only: the bug's unsafe moment has begun (the parent may kill right here)

An activity's title is "KT <tag> A<attendance rows> F<figures>", and the begin line holds its attendance
[[member name, status]] and figures [[indicator name, value × 100]], so the parent can check every record
in the store against what it was meant to be, acknowledged or not.

--bug plants a known fault, for the negative controls (they must be caught by the same checks):
  ack-early       a save is acknowledged before its transaction commits
  split           an activity is committed, then its attendance and figures in a second transaction
  import-rows     an import commits in two parts (half its rows, then the rest) instead of all at once
  backup-direct   a backup zip is written straight to its final name
  migrate-split   the upgrade's statements commit one by one, the version number last
  package-split   a package import commits in two parts (the registries, then the dated records)
Each bug says "window" at its unsafe moment and then waits --bug-delay seconds there (a slow disk).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
import uuid as uuidlib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEMBER_PREFIX = "测试党员"
MEMBERS = 16
BUGS = ("ack-early", "split", "import-rows", "backup-direct", "migrate-split", "package-split")
# a package split in two: the registries first, then the dated records (with the catalogue they are matched by)
PACKAGE_PARTS = (("sections", "indicators", "members", "organisations", "study_groups", "study_plans"),
                 ("sections", "indicators", "activities", "study_sessions", "outreach_events"))


def say(kind: str, payload: dict | None = None) -> None:
    print(kind if payload is None else f"{kind} {json.dumps(payload, ensure_ascii=False)}", flush=True)


def title_of(tag: str, attendance: list, figures: list) -> str:
    return f"KT {tag} A{len(attendance)} F{len(figures)}"


class Writer:
    def __init__(self, store: Path, rng: random.Random, prefix: str, import_rows: int, bug: str | None,
                 bug_delay: float, saves_per_import: tuple[int, int] = (30, 200)):
        self.store, self.rng, self.prefix, self.saves_per_import = store, rng, prefix, saves_per_import
        self.import_rows, self.bug, self.bug_delay = import_rows, bug, bug_delay
        self.seq = 0
        self.mine: list[str] = []  # activities this process saved and had acknowledged (edited now and then)

    # -- the store's people and indicators ------------------------------------------------

    def load(self) -> None:
        from models.records.schema import Indicator, Member
        self.members = {m.name: m.uuid for m in Member.select().where(
            Member.name.startswith(MEMBER_PREFIX), Member.deleted_at.is_null())}
        self.indicators = {i.name: (i.uuid, i.unit) for i in Indicator.select().where(Indicator.deleted_at.is_null())}

    def add_members(self) -> None:
        from models.records.members import save_member
        for i in range(1, MEMBERS + 1):
            name = f"{MEMBER_PREFIX}{i:02d}"
            say("begin", {"op": "member", "name": name})
            uuid = save_member({"name": name, "gender": "male", "party_status": "full"})
            say("ack", {"op": "member", "name": name, "uuid": uuid})

    # -- plans ------------------------------------------------------------------------------

    def tag(self) -> str:
        self.seq += 1
        return f"{self.prefix}{self.seq}"

    def plan_parts(self) -> tuple[list, list]:
        rng = self.rng
        names = rng.sample(sorted(self.members), rng.randint(3, min(12, len(self.members))))
        attendance = [[n, rng.choices(("present", "leave", "absent"), (8, 1, 1))[0]] for n in names]
        figures = [[n, rng.randint(1, 500) * 100 + rng.choice((0, 0, 50))]
                   for n in rng.sample(sorted(self.indicators), 2)]
        return attendance, figures

    def form_data(self, tag: str, attendance: list, figures: list) -> dict:
        from models.records import codes
        rng = self.rng
        return {"type": rng.choice(sorted(codes.ACTIVITY_TYPES)), "title": title_of(tag, attendance, figures),
                "date": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366)), "place": "党员活动室",
                "content": "会议围绕年度重点工作开展讨论。" * rng.randint(1, 20),
                "attendance": [{"member": self.members[n], "status": s, "reason": "" if s == "present" else "出差"}
                               for n, s in attendance],
                "figures": [{"indicator": self.indicators[n][0], "value": f"{v / 100:.2f}", "note": ""}
                            for n, v in figures]}

    # -- operations -------------------------------------------------------------------------

    def save(self) -> None:
        edit = self.rng.choice(self.mine) if self.mine and self.rng.random() < 0.3 else None
        tag = self.tag()
        attendance, figures = self.plan_parts()
        say("begin", {"op": "save", "tag": tag, "uuid": edit, "t": dt.datetime.now().isoformat(),
                      "attendance": attendance, "figures": figures})
        data = self.form_data(tag, attendance, figures)
        if edit:
            data["uuid"] = edit
        if self.bug == "ack-early":
            uuid = self._save_acknowledged_early(data, tag)
        elif self.bug == "split":
            uuid = self._save_split(data)
        else:
            from models.records.activities import save_activity
            uuid = save_activity(data)
        if self.bug != "ack-early":
            say("ack", {"op": "save", "tag": tag, "uuid": uuid})
        if uuid not in self.mine:
            self.mine.append(uuid)

    def run_import(self) -> None:
        from models.exchange.activity_import import import_activities
        from models.records import codes
        tag = self.tag()
        rows, attendance_rows, plan_rows = [], [], []
        for j in range(1, self.import_rows + 1):
            row_tag, uuid = f"{tag}.{j}", str(uuidlib.uuid4())
            attendance, figures = self.plan_parts()
            plan_rows.append({"uuid": uuid, "tag": row_tag, "attendance": attendance, "figures": figures})
            rows.append({"编号": uuid, "日期": f"2024-{self.rng.randint(1, 12)}-{self.rng.randint(1, 28)}",
                         "活动类型": codes.ACTIVITY_TYPES[self.rng.choice(sorted(codes.ACTIVITY_TYPES))],
                         "主题": title_of(row_tag, attendance, figures), "地点": "党员活动室",
                         "指标": "；".join(f"{n} {v / 100:g}{self.indicators[n][1]}" for n, v in figures)})
            attendance_rows += [{"活动编号": uuid, "姓名": n, "出勤情况": codes.ATTENDANCE[s],
                                 "原因": "" if s == "present" else "出差"} for n, s in attendance]
        say("begin", {"op": "import", "tag": tag, "t": dt.datetime.now().isoformat(), "rows": plan_rows})
        if self.bug == "import-rows":
            added = self._import_row_by_row(rows, attendance_rows)
        else:
            added = import_activities(rows, attendance_rows)["added"]
        say("ack", {"op": "import", "tag": tag, "added": added})

    def run_package(self, path: Path) -> None:
        from exports.data_package import read_package
        from models.exchange.package_import import apply_import
        tag = self.tag()
        say("begin", {"op": "package", "tag": tag, "t": dt.datetime.now().isoformat()})
        package = read_package(path)
        counts = self._package_split(package) if self.bug == "package-split" else apply_import(package)
        say("ack", {"op": "package", "tag": tag, **counts})

    def run_bomb(self, path: Path) -> None:
        from bench.probe import peak_kb
        from exports.data_package import read_package
        from models.exchange.package_import import PackageError, apply_import
        tag = self.tag()
        say("begin", {"op": "bomb", "tag": tag, "t": dt.datetime.now().isoformat()})
        try:
            counts = apply_import(read_package(path))
        except PackageError as e:
            say("refused", {"op": "bomb", "tag": tag, "why": e.problems[0][:100], "peak_mb": (peak_kb() or 0) >> 10})
        else:
            say("ack", {"op": "bomb", "tag": tag, **counts})

    def backup(self) -> None:
        from models.store import backup_folder, db, make_backup
        tag, now = self.tag(), dt.datetime.now()
        dest = backup_folder(self.store) / f"{self.store.stem}-{now:%Y%m%d-%H%M%S}-kt{tag}.zip"
        say("begin", {"op": "backup", "tag": tag, "t": now.isoformat(), "dest": str(dest)})
        if self.bug == "backup-direct":
            self._backup_direct(dest, now)
        else:
            make_backup(db, self.store, f"kt{tag}", dest=dest, now=now)
        say("ack", {"op": "backup", "tag": tag, "dest": str(dest)})

    def writes(self) -> None:
        while True:
            for _ in range(self.rng.randint(*self.saves_per_import)):
                self.save()
            self.run_import()

    def packages(self, path: Path, bomb: Path | None) -> None:
        while True:
            for _ in range(self.rng.randint(1, 5)):
                self.save()
            self.run_package(path)
            if bomb:
                self.run_bomb(bomb)

    def backups(self) -> None:
        while True:
            for _ in range(self.rng.randint(1, 4)):
                self.save()
            self.backup()

    # -- planted bugs -------------------------------------------------------------------------

    def window(self) -> None:
        say("window")
        time.sleep(self.bug_delay)

    def _save_acknowledged_early(self, data: dict, tag: str) -> str:
        from models.records.activities import save_activity
        from models.store import db
        with db.atomic():
            uuid = save_activity(data)  # a savepoint inside the outer transaction, which is not committed yet
            say("ack", {"op": "save", "tag": tag, "uuid": uuid})
            self.window()
        return uuid

    def _save_split(self, data: dict) -> str:
        from models.records.activities import save_activity
        bare = {k: v for k, v in data.items() if k not in ("attendance", "figures")}
        uuid = save_activity(bare)  # the activity committed on its own: a new one has no attendance yet
        self.window()
        return save_activity({**data, "uuid": uuid})  # its parts in a second transaction

    def _import_row_by_row(self, rows: list[dict], attendance_rows: list[dict]) -> int:
        from models.exchange.activity_import import import_activities
        half = len(rows) // 2
        first = {r["编号"] for r in rows[:half]}
        added = import_activities(rows[:half], [a for a in attendance_rows if a["活动编号"] in first])["added"]
        self.window()
        rest = [a for a in attendance_rows if a["活动编号"] not in first]
        return added + import_activities(rows[half:], rest)["added"]

    def _package_split(self, package) -> dict:
        from models.exchange.package_import import Package, apply_import
        counts = {}
        for n, kinds in enumerate(PACKAGE_PARTS):
            if n:
                self.window()
            part = Package(package.manifest, {k: package.records.get(k, []) for k in kinds}, package.attachments,
                           package.copy_attachment)
            for key, value in apply_import(part).items():
                counts[key] = counts.get(key, 0) + value
        return counts

    def _backup_direct(self, dest: Path, now: dt.datetime) -> None:
        from models.store import db
        from models.store.backup import MANIFEST, STORE_NAME, backup_store
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=dest.parent) as work:
            copy = backup_store(db, Path(work) / STORE_NAME)
            with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:  # the final name from the first byte
                zf.write(copy, STORE_NAME)
                self.window()
                zf.writestr(MANIFEST, json.dumps({"created_at": now.isoformat(), "counts": {}}))


def _announced(version: int, step):
    """The step as it is, saying first (from inside its transaction) that it has begun."""
    def run(database, migrator):
        say("step", {"version": version, "t": time.perf_counter()})
        step(database, migrator)
        say("stepped", {"version": version, "t": time.perf_counter()})
    return run


def migrate(store: Path, bug: str | None, bug_delay: float) -> None:
    from models.store import close_database, db, open_database
    start = time.perf_counter()
    say("begin", {"op": "migration"})
    if bug == "migrate-split":
        from playhouse.migrate import SqliteMigrator

        from models.store import migrations
        open_database(store, migrate=False)
        for version in range(db.pragma("user_version") + 1, migrations.SCHEMA_VERSION + 1):
            migrations.STEPS[version](db.obj, SqliteMigrator(db.obj))  # no transaction: each statement commits
            say("window")
            time.sleep(bug_delay)
            db.pragma("user_version", version)
    else:
        from models.store import migrations
        for version, step in list(migrations.STEPS.items()):
            migrations.STEPS[version] = _announced(version, step)
        open_database(store)
    close_database()
    say("done", {"seconds": round(time.perf_counter() - start, 4)})


def _announce_import_rows() -> None:
    """Say when an import has made its backup and starts writing its rows (its one transaction)."""
    from models.exchange import activity_import
    for name in ("backup_open_store", "make_backup"):
        backup = getattr(activity_import, name, None)
        if callable(backup):
            def announced(*args, _backup=backup, **kwargs):
                made = _backup(*args, **kwargs)
                say("stage", {"op": "import", "stage": "rows"})
                return made
            setattr(activity_import, name, announced)
            return


def _announce_package_steps() -> None:
    """Say what a package import found to add, and as it begins writing each kind of record (all of them in its
    one transaction)."""
    from models.exchange import package_import
    from models.exchange.package_bulk import BulkWriter
    plan_import, write = package_import.plan_import, BulkWriter.write

    def planned(package, *args, **kwargs):
        plan = plan_import(package, *args, **kwargs)
        say("planned", {"op": "package", "added": len(plan.added), "unchanged": len(plan.unchanged)})
        return plan

    def announced(self, kind, recs, checked):
        say("stage", {"op": "package", "stage": kind, "records": len(recs)})
        return write(self, kind, recs, checked)
    package_import.plan_import, BulkWriter.write = planned, announced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("writes", "fresh", "backup", "migrate", "package"))
    parser.add_argument("store", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prefix", default="r0.", help="tags are this prefix and a running number")
    parser.add_argument("--import-rows", type=int, default=200)
    parser.add_argument("--saves-per-import", default="30-200", help="a range, e.g. 30-200")
    parser.add_argument("--package", type=Path, help="package mode: the data package to import")
    parser.add_argument("--bomb", type=Path, help="package mode: a hostile package to import after each, refused")
    parser.add_argument("--bug", choices=BUGS)
    parser.add_argument("--bug-delay", type=float, default=0.5)
    args = parser.parse_args(argv)
    from models.store import open_database
    say("ready")
    if args.mode == "migrate":
        migrate(args.store, args.bug, args.bug_delay)
        return 0
    open_database(args.store)
    _announce_import_rows()
    _announce_package_steps()
    low, _, high = args.saves_per_import.partition("-")
    writer = Writer(args.store, random.Random(args.seed), args.prefix, args.import_rows, args.bug, args.bug_delay,
                    (int(low), int(high or low)))
    if args.mode == "fresh":
        say("opened")
        writer.add_members()
    writer.load()
    if args.mode == "backup":
        writer.backups()
    elif args.mode == "package":
        writer.packages(args.package, args.bomb)
    else:
        writer.writes()
    return 0


if __name__ == "__main__":
    sys.exit(main())
