"""Benchmark at N activities (default 100,000): medians against floors measured in the same run, and peak memory.

    python bench/run.py [--records N] [--repeat K] [--only NAME ...]

`--only server` (or server among the names) adds the server column, bench/server.py: the program on a
PostgreSQL store of 1,000,000 activities beside this SQLite store, in the same run.

The store is built once with the demo data into bench/results/ (git-ignored) and reused. Every target
prints one line ending in ok or MISS; the table is also written as JSON beside the store. A missed
target is a finding, not a crash: the exit status is 0 either way.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import documents, measures  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TODAY = dt.date(2025, 12, 31)  # fixed, so a cached store and the year measured stay the same
YEAR = 2025
REPORT_PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))  # about 5,000 activities at 100,000


def build_store(records: int) -> Path:
    """The demo store of that size, built once and then reused."""
    from models.exchange.demo import fill_demo
    from models.store import close_database, db, open_database
    from models.store.migrations import SCHEMA_VERSION
    path = RESULTS / f"store-{records}-v{SCHEMA_VERSION}.sqlite"
    if path.exists():
        return path
    RESULTS.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + "-building.sqlite")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    print(f"building the demo store with {records:,} activities (once) …", flush=True)
    start = time.perf_counter()
    open_database(partial)
    counts = fill_demo(records, seed=1, today=TODAY)
    from models.records.settings import save_branch_settings
    save_branch_settings({"branch_name": "市民政局社会组织管理科党支部"})  # as a store in use has: no first-run question
    db.execute_sql("INSERT INTO search_index(search_index) VALUES ('optimize')")
    close_database()
    partial.rename(path)
    print(f"  built in {time.perf_counter() - start:.0f} s: {counts}", flush=True)
    return path


def measure(store: Path, repeat: int, only: set[str]) -> list[dict]:
    from models.store import close_database, open_database
    slow = min(repeat, 3)  # the documents take seconds to a minute each
    plan = [
        ("startup", lambda: measures.startup_and_memory(store, 2 * repeat)),  # cheap, and the noisiest
        ("frozen", lambda: measures.frozen_startup(store, repeat)),
        ("page", lambda: measures.activities_page(store, repeat)),
        ("search", lambda: measures.search(store, repeat)),
        ("report", lambda: documents.report_pdf(store, slow, *REPORT_PERIOD)),
        ("package", lambda: documents.data_package(store, slow)),
        ("ledger", lambda: documents.ledger(store, slow, YEAR)),
    ]
    rows = []
    open_database(store)
    try:
        for name, run in plan:
            if only and name not in only:
                continue
            print(f"measuring {name} …", flush=True)
            rows += run()
    finally:
        close_database()
    return rows


def number(value, unit: str = "") -> str:
    return "—" if value is None else f"{value:,.1f}{unit}"


def table(rows: list[dict]) -> str:
    lines = [f"{'measure':<52} {'median':>10} {'floor':>10} {'ratio':>6}  {'target':<16} result"]
    for r in rows:
        median = number(r.get("peak_mb"), " MB") if "peak_mb" in r else number(r["median_ms"], " ms")
        verdict = r.get("note") or ("ok" if r["ok"] else "MISS")
        extra = "" if r.get("identical_to_like", True) else " (results differ from LIKE)"
        lines.append(f"{r['measure']:<52} {median:>10} {number(r['floor_ms'], ' ms'):>10} "
                     f"{number(r['ratio']):>6}  {r['target']:<16}{extra} {verdict}")
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> str:
    """One line per target, program against its floor: `start-up vs stack skeleton: 0.171 s vs 0.152 s = 1.12×
    (target ≤1.15×) ok`."""
    out = []
    for r in rows:
        if r.get("ok") is None or r.get("ratio") is None:
            continue
        out.append(f"{r['measure']}: {r['median_ms'] / 1000:.3f} s vs {r['floor_ms'] / 1000:.3f} s = {r['ratio']:.2f}×"
                   f" (target ≤{r['limit']}×) {'ok' if r['ok'] else 'MISS'}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="activities in the demo store")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each measurement, the median kept (start-up"
                        " twice as many; the report, the package and the ledger at most 3)")
    parser.add_argument("--only", nargs="*", default=[], help="startup frozen page search report package ledger"
                        " server (the PostgreSQL column: built once, ~20 minutes; measured in ~10)")
    args = parser.parse_args(argv)
    store = build_store(args.records)
    if "server" in args.only:
        from bench import server
        server.write(server.measure(store, args.records, server.RECORDS, args.repeat), server.RECORDS)
        if set(args.only) == {"server"}:
            return 0
    rows = measure(store, args.repeat, set(args.only))
    text = table(rows)
    print()
    print(f"支部台账 benchmark, {args.records:,} activities, {args.repeat} runs, {platform.platform()},"
          f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    print(text)
    print()
    print(verdicts(rows))
    out = RESULTS / f"bench-{args.records}.json"
    out.write_text(json.dumps({"records": args.records, "repeat": args.repeat, "when": dt.datetime.now().isoformat(
        timespec="seconds"), "platform": platform.platform(), "sqlite": sqlite3.sqlite_version, "rows": rows},
        ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
