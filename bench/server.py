"""The benchmark's server column: the program on a PostgreSQL store of 1,000,000 activities beside the SQLite store of
100,000, measured in one run. Not a test: figures and ratios are printed, a missed target is a finding.

    python bench/run.py --only server          (or: python bench/server.py [--records N] [--repeat K])

The measure phase takes ~10 minutes on 2 cores (the year's PDF with ~100,000 appendix rows alone ~4).

The server is a cluster of its own made from Debian's server binaries (/usr/lib/postgresql/*/bin, or PG_BIN) in
bench/results/pg-<records>/: built once (the demo data in slices of 100,000 activities, each in one
transaction with the search index's triggers off, the index then built in one pass; ~15 minutes on 2 cores),
then reused; started on a free local port for the run and stopped after it. Durability is off there, as in the
tests' cluster: the figures are for reading, which it does not change.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests"))  # pg_cluster: finding the server's binaries and a free port

from bench.measures import PROBE, child_env

RESULTS = ROOT / "bench" / "results"
RECORDS = 1_000_000  # activities in the server store
SLICE = 100_000  # activities the server store is filled with at a time (one demo of this size each)
TERMS = ("党课", "调研", "党", "滨")  # 2, 2 and 1 character (common), 1 character (rare)
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
TODAY = dt.date(2025, 12, 31)


class Server:
    """A PostgreSQL cluster kept in bench/results, owned by the postgres user when run as root."""

    def __init__(self, folder: Path):
        from pg_cluster import _free_port, server_bin
        self.bin = server_bin()
        if self.bin is None:
            raise SystemExit("bench/server.py: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)")
        self.folder, self.port = folder, _free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        done = subprocess.run(prefix + list(command), capture_output=True, text=True, timeout=600, check=False)
        if done.returncode:
            raise RuntimeError(f"{command[0]}: {(done.stderr or done.stdout).strip()[-800:]}")

    def start(self) -> bool:
        """Start the cluster (made first when missing); True when it was new."""
        new = not (self.folder / "PG_VERSION").exists()
        if new:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            if self.as_root:
                shutil.chown(self.folder, "postgres")
            self._run(str(self.bin / "initdb"), "-D", str(self.folder), "--locale=C.UTF-8", "-E", "UTF8", "-A",
                      "trust", "-U", "postgres")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off -c maintenance_work_mem=512MB"
                   " -c max_wal_size=4GB")  # reading with the server's default memory, as an office's has
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "120", "start")
        return new

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder), "-m", "fast", "-w", "stop")

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self, statement: str) -> None:
        import psycopg2
        con = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        con.autocommit = True
        try:
            con.cursor().execute(statement)
        finally:
            con.close()


def fill(server: Server, records: int) -> None:
    """The demo data, SLICE activities at a time, into the database `ledger`; an empty `ledger_empty` beside it."""
    from models.exchange.demo import fill_demo
    from models.records.settings import save_branch_settings
    from models.store import (
        close_database,
        db,
        open_database,
        rebuild_index,
        search_server,
    )
    print(f"building the server store with {records:,} activities (once) …", flush=True)
    start = time.perf_counter()
    for name in ("ledger", "ledger_empty"):
        server.admin(f'DROP DATABASE IF EXISTS "{name}"')
        server.admin(f'CREATE DATABASE "{name}"')
        open_database(server.url(name))
        close_database()
    open_database(server.url("ledger"))
    try:
        save_branch_settings({"branch_name": "市民政局社会组织管理科党支部"})
        with db.atomic():  # the triggers off while it fills: the index is built in one pass after
            search_server.drop(db)
        settle, search_server.settle = search_server.settle, lambda database=None: None  # no index to settle
        try:
            for done in range(0, records, SLICE):
                fill_demo(min(SLICE, records - done), seed=1 + done // SLICE, today=TODAY)
                print(f"  {min(done + SLICE, records):,} activities, {time.perf_counter() - start:.0f} s", flush=True)
        finally:
            search_server.settle = settle
        print(f"  search index: {rebuild_index():,} entries, {time.perf_counter() - start:.0f} s", flush=True)
        db.execute_sql("VACUUM ANALYZE")
    finally:
        close_database()
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)


def timed(fn, repeat: int) -> tuple[float, object]:
    """The median seconds of repeat runs of fn, and what its last run gave."""
    times, got = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        got = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), got


def first_rows(store: str, repeat: int) -> float:
    """The activities page to its first rows painted (bench/probe.py page, in a process of its own)."""
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run([sys.executable, str(PROBE), "page", store, str(repeat)], capture_output=True,
                             text=True, encoding="utf-8", env=child_env(Path(home)), cwd=ROOT, timeout=900, check=False)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return statistics.median(json.loads(out.stdout.strip().splitlines()[-1])["program"])


def searches(stores: dict[str, str], repeat: int, rounds: int = 3) -> dict[str, dict]:
    """Each term searched repeat times in a row on one store, then on the other, the two taking turns term by term
    and round by round, so both columns see the same load of a shared machine and each search the caches its own
    repeats leave, as a person refining one search does: {store's name: {measure: (median seconds, found)}}."""
    from models.records.activities import ActivityQuery, count_activities, list_activities
    from models.records.common import AtLeast
    from models.store import close_database, open_database
    times = {name: {term: [] for term in TERMS} for name in stores}
    found = {name: {} for name in stores}
    for _ in range(rounds):
        for term in TERMS:
            query = ActivityQuery(text=term)
            for name, store in stores.items():
                open_database(store)
                try:
                    count_activities(ActivityQuery())  # the caches warm, as the window's first page leaves them
                    list_activities(query, 0, 200)  # and a new connection's own (a server reads its catalogue)
                    for _ in range(repeat):
                        start = time.perf_counter()
                        count = count_activities(query)
                        list_activities(query, 0, 200)
                        times[name][term].append(time.perf_counter() - start)
                    found[name][term] = f"more than {int(count)}" if isinstance(count, AtLeast) else count  # as said
                finally:
                    close_database()
    return {name: {f"search “{term}” ({len(term)} character{'s' if len(term) > 1 else ''}): count and first 200":
                   (statistics.median(times[name][term]), found[name][term]) for term in TERMS} for name in stores}


def in_store(store: str, package: Path, fresh, repeat: int, searched: dict) -> dict:
    """Every measure on one store, the searches taken already (searches()): {measure: (seconds, what it found)}."""
    from exports.data_package import read_package
    from exports.report import write_report
    from models.exchange.package_import import PackageError, apply_import, plan_import
    from models.reporting.report_data import build_report
    from models.store import close_database, open_database
    got = {"first rows of the activities page": (first_rows(store, repeat), None), **searched}
    open_database(store)
    try:
        slow = max(1, min(repeat, 2))
        got["year report: its data (build_report)"] = timed(
            lambda: len(build_report(*YEAR)["appendices"][0]["rows"]), slow)
        with tempfile.TemporaryDirectory() as folder:
            got["year report: the PDF without appendices"] = timed(
                lambda: write_report(Path(folder) / "r.pdf", *YEAR, appendices=()).stat().st_size, slow)
            got["year report: the PDF with its appendices (once)"] = timed(  # ~100,000 rows: minutes at 1,000,000
                lambda: write_report(Path(folder) / "a.pdf", *YEAR).stat().st_size, 1)
    finally:
        close_database()

    def import_once():
        target = fresh()
        open_database(target)
        try:
            pkg = read_package(package)
            return apply_import(pkg, {c.uuid: "mine" for c in plan_import(pkg).conflicts})["added"]
        finally:
            close_database()
    try:
        got["package import of a year (into an empty store)"] = timed(import_once, slow)
    except PackageError as e:  # a finding to print, not a reason to lose the other figures
        got["package import of a year (into an empty store)"] = (None, f"refused: {str(e)[:60]}")
    return got


LIMITS = {"first rows of the activities page": 2, "search “党课” (2 characters): count and first 200": 2,
          "search “调研” (2 characters): count and first 200": 2}
ABSOLUTE = {"year report: its data (build_report)": 10, "year report: the PDF without appendices": 10}


def report(sqlite: dict, server: dict, records: int, sqlite_records: int) -> list[dict]:
    print(f"\n{'measure':<58} {'SQLite ' + f'{sqlite_records:,}':>14} {'server ' + f'{records:,}':>16} "
          f"{'ratio':>6}  target")
    rows = []
    for measure, (here, found) in sqlite.items():
        there, found_there = server[measure]
        if here is None or there is None:
            print(f"{measure:<58} not measured  ({found} | {found_there})")
            rows.append({"measure": measure, "ok": None, "note": [found, found_there]})
            continue
        ratio = there / here if here else None
        target, ok = "—", None
        if measure in LIMITS:
            target, ok = f"≤ {LIMITS[measure]} × SQLite", ratio is not None and ratio <= LIMITS[measure]
        elif measure in ABSOLUTE:
            target, ok = f"≤ {ABSOLUTE[measure]} s on the server", there <= ABSOLUTE[measure]
        verdict = "" if ok is None else "ok" if ok else "MISS"
        print(f"{measure:<58} {here * 1000:>11,.1f} ms {there * 1000:>13,.1f} ms {ratio or 0:>6.2f}  {target} "
              f"{verdict}  (found {found} | {found_there})")
        rows.append({"measure": measure, "sqlite_ms": round(here * 1000, 1), "server_ms": round(there * 1000, 1),
                     "ratio": round(ratio, 2) if ratio else None, "target": target, "ok": ok,
                     "found": [found, found_there]})
    return rows


def measure(sqlite_store: Path, sqlite_records: int, records: int, repeat: int) -> list[dict]:
    """Both columns in one run: the SQLite store of the main table beside the server store (built first if need be)."""
    from exports.data_package import write_package
    from models.store import close_database, open_database
    server = Server(RESULTS / f"pg-{records}")  # a newer program upgrades it when it opens it, as any store
    new = server.start()
    try:
        if new or not (server.folder / "filled").exists():
            fill(server, records)
            (server.folder / "filled").touch()
        with tempfile.TemporaryDirectory(prefix="bench-server-") as folder:
            work = Path(folder)
            package = work / "year.zip"
            open_database(sqlite_store)
            try:
                write_package(package, *YEAR)
            finally:
                close_database()
            made = iter(range(1, 100))

            def fresh_file() -> str:
                path = work / f"s{next(made)}" / "store.sqlite"
                path.parent.mkdir()
                return str(path)

            def fresh_database() -> str:
                name = f"import_{next(made)}"
                server.admin(f'CREATE DATABASE "{name}" TEMPLATE "ledger_empty"')
                return server.url(name)
            print("measuring the searches, on each store in turns …", flush=True)
            found = searches({"sqlite": str(sqlite_store), "server": server.url("ledger")}, repeat)
            print("measuring SQLite …", flush=True)
            sqlite = in_store(str(sqlite_store), package, fresh_file, repeat, found["sqlite"])
            print("measuring the server …", flush=True)
            there = in_store(server.url("ledger"), package, fresh_database, repeat, found["server"])
            for name in (f"import_{i}" for i in range(1, next(made))):
                server.admin(f'DROP DATABASE IF EXISTS "{name}"')
        return report(sqlite, there, records, sqlite_records)
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    import argparse

    from bench.run import build_store
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=RECORDS, help="activities in the server store")
    parser.add_argument("--sqlite-records", type=int, default=100_000, help="activities in the SQLite store")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    write(measure(build_store(args.sqlite_records), args.sqlite_records, args.records, args.repeat), args.records)
    return 0


def write(rows: list[dict], records: int) -> None:
    out = RESULTS / f"bench-server-{records}.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
