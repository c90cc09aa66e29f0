"""Search timings on one or more stores side by side (a SQLite file, a server URL), not a test.

    python bench/search_stores.py STORE [STORE …] [--terms 党课 调研 …] [--repeat 7]

For each term: the activities page's search as the program runs it (the count and the first 200 rows), median
and fastest of several runs, the hits, and whether they are exactly what a LIKE scan of the same fields finds.
Make the stores first, e.g. `main.py --db postgresql://… demo --records 100000` and the same into a file.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TERMS = ("党课", "调研", "党支部", "主题党日", "滨", "喀则", "Ab")  # 2, 2, 3, 4 characters; rare; none; ASCII


def measure(target: str, terms, repeat: int) -> list[dict]:
    from models.records import activities
    from models.records.activities import ActivityQuery, count_activities, list_activities
    from models.records.schema import Activity
    from models.store import Search, close_database, open_database, shown_target
    open_database(target)
    rows = []
    try:
        for term in terms:
            query, times = ActivityQuery(text=term), []
            for _ in range(repeat):
                start = time.perf_counter()
                hits = count_activities(query)
                list_activities(query, 0, 200)
                times.append(time.perf_counter() - start)
            found = {i for (i,) in Activity.select(Activity.id).where(Search(term).condition(Activity)).tuples()}
            clause = None
            for field in activities.SEARCH:
                clause = field.contains(term) if clause is None else clause | field.contains(term)
            start = time.perf_counter()
            scanned = {i for (i,) in Activity.select(Activity.id).where(clause).tuples()}
            rows.append({"store": shown_target(target), "term": term, "hits": hits,
                         "median_ms": round(statistics.median(times) * 1000, 1), "min_ms": round(min(times) * 1000, 1),
                         "like_scan_ms": round((time.perf_counter() - start) * 1000), "identical": found == scanned})
    finally:
        close_database()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("stores", nargs="+")
    parser.add_argument("--terms", nargs="+", default=TERMS)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    for store in args.stores:
        for row in measure(store, args.terms, args.repeat):
            print("\t".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
