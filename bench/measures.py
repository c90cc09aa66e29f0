"""Each measurement of the benchmark: the program's time against a floor measured in the same run."""
from __future__ import annotations

import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).with_name("probe.py")
SEARCH_TERMS = ("党课", "调研", "党支部", "主题党日")  # 2, 2, 3 and 4 characters, all common in the demo data


def row(measure, program, floor, limit, **extra) -> dict:
    """One line of the table: medians in ms, the ratio, and whether it is within limit × floor."""
    median, low = statistics.median(program) * 1000, statistics.median(floor) * 1000
    ratio = median / low if low else None
    return {"measure": measure, "median_ms": round(median, 2), "floor_ms": round(low, 2),
            "ratio": round(ratio, 2) if ratio else None, "target": f"≤ {limit} × floor", "limit": limit,
            "ok": ratio is not None and ratio <= limit, "runs": len(program), **extra}


def interleaved(program, floor, repeat: int) -> tuple[list[float], list[float]]:
    """Alternate the two so both see the same noise of a shared machine."""
    a, b = [], []
    for _ in range(repeat):
        for fn, out in ((program, a), (floor, b)):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return a, b


def child_env(home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())  # fresh settings and logs, never the user's own
    return env


def _launch(args: list[str], env: dict) -> tuple[float, list[str]]:
    """Seconds from launch to the child's "painted" line, and every line it printed."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(PROBE), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, encoding="utf-8", cwd=ROOT)
    lines, painted = [], None
    for line in proc.stdout:
        lines.append(line.strip())
        if line.startswith("painted") and painted is None:
            painted = time.perf_counter() - start
    errors = proc.stderr.read()  # Qt's offscreen plugin chatters there; shown only when the probe fails
    proc.wait(timeout=300)
    if painted is None:
        raise RuntimeError(f"probe {args[0]} did not paint: {lines} {errors[-2000:]}")
    return painted, lines


def byte_compile() -> None:
    """Compile the program's modules once, as an installed copy has them (the frozen build, a pip install):
    with PYTHONDONTWRITEBYTECODE set, every start would otherwise compile them all again."""
    for folder in ("ui", "models", "exports", "resources", "bench"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)


def startup_and_memory(store: Path, repeat: int) -> list[dict]:
    byte_compile()
    with tempfile.TemporaryDirectory() as home:
        env = child_env(Path(home))
        _launch(["bare"], env), _launch(["window", str(store)], env)  # warm the OS file cache for both
        program, floor, least, memory = [], [], [], []
        for _ in range(repeat):
            seconds, lines = _launch(["window", str(store)], env)
            program.append(seconds)
            memory += [int(l.split()[1]) for l in lines if l.startswith("memory") and l.split()[1] != "None"]
            floor.append(_launch(["bare"], env)[0])
            least.append(_launch(["skeleton", str(store)], env)[0])
    rows = [row("start-up vs stack skeleton (probe.py skeleton)", program, least, 1.15),
            {**row("  for scale: a bare Qt window vs the skeleton", floor, least, 1), "ok": None, "target": "—",
             "note": "reference"}]
    peak = max(memory) / 1024 if memory else None
    rows.append({"measure": "peak memory, activities page open", "median_ms": None, "floor_ms": None,
                 "ratio": None, "peak_mb": round(peak, 1) if peak else None, "target": "≤ 200 MB",
                 "ok": peak is not None and peak <= 200, "runs": len(memory)})
    return rows


FROZEN = ROOT / "dist" / "branch-ledger" / ("branch-ledger.exe" if sys.platform == "win32" else "branch-ledger")
READY = "窗口已就绪"


def _until_ready(command: list[str], env: dict, log: Path) -> float:
    """Seconds from launch until the program's log says its window is ready (painted); the program is then killed."""
    log.unlink(missing_ok=True)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    try:
        while True:
            if log.exists() and READY in log.read_text(encoding="utf-8", errors="replace"):
                return time.perf_counter() - start
            if proc.poll() is not None:
                raise RuntimeError(f"{command[0]} ended ({proc.returncode}) before its window was ready")
            if time.perf_counter() - start > 120:
                raise RuntimeError(f"{command[0]}: no window after 120 s")
            time.sleep(0.001)
    finally:
        proc.kill()
        proc.wait()


def frozen_startup(store: Path, repeat: int) -> list[dict]:
    """The built program (dist/, PyInstaller) against the source build, both timed the same way: launch until the
    log says the window is ready. Only when dist/ holds a build; README says how to make one."""
    if not FROZEN.exists():
        return [{"measure": "start-up, frozen build vs source build", "median_ms": None, "floor_ms": None,
                 "ratio": None, "target": "—", "ok": None, "note": f"not built ({FROZEN.relative_to(ROOT)} missing)"}]
    byte_compile()
    with tempfile.TemporaryDirectory() as home:
        env = child_env(Path(home))
        log = Path(env["XDG_STATE_HOME"]) / "BranchLedger" / "log" / "branch-ledger.log"
        frozen = [str(FROZEN), "--db", str(store)]
        source = [sys.executable, str(ROOT / "main.py"), "--db", str(store)]
        _until_ready(frozen, env, log), _until_ready(source, env, log)  # warm the OS file cache for both
        built, plain = interleaved(lambda: _until_ready(frozen, env, log), lambda: _until_ready(source, env, log),
                                   repeat)
    return [{**row("start-up, frozen build vs source build (to the log's 窗口已就绪)", built, plain, 1), "ok": None,
             "target": "—", "note": "reference"}]


def activities_page(store: Path, repeat: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run([sys.executable, str(PROBE), "page", str(store), str(repeat)], capture_output=True,
                             text=True, encoding="utf-8", env=child_env(Path(home)), cwd=ROOT, timeout=600)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return [row("activities page: first rows painted", got["program"], got["floor"], 2)]


def _floor_term(con: sqlite3.Connection, term: str) -> str:
    """The raw MATCH the floor runs: the term itself, or for a 2-character term (which has no trigram)
    the commonest trigram starting with it, so the floor finds a similar number of rows."""
    if len(term) >= 3:
        return term
    upper = term[:-1] + chr(ord(term[-1]) + 1)
    return con.execute("SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY doc DESC LIMIT 1",
                       (term, upper)).fetchone()[0]


def search(store: Path, repeat: int) -> list[dict]:
    from models.records import activities
    from models.records.activities import ActivityQuery, count_activities, list_activities
    from models.records.schema import Activity
    from models.store import search_index as index
    con = sqlite3.connect(store)
    block = index.SPEC["activity"][0] * index.BLOCK
    live = ("FROM search_index JOIN activity a ON a.id = search_index.rowid - ? WHERE search_index MATCH ?"
            " AND search_index.rowid BETWEEN ? AND ? AND a.deleted_at IS NULL")
    rows, two = [], []
    for term in SEARCH_TERMS:
        query = ActivityQuery(text=term)
        raw = _floor_term(con, term)
        params = (block, '"' + raw + '"', block, block + index.BLOCK - 1)

        def floor():  # the page's ids sorted first, then only those rows read whole, as the program does
            con.execute(f"SELECT count(*) {live}", params).fetchone()
            con.execute(f"SELECT * FROM activity WHERE id IN (SELECT a.id {live} ORDER BY a.date DESC, a.id"
                        " LIMIT 200) ORDER BY date DESC, id", params).fetchall()

        program, low = interleaved(lambda: (count_activities(query), list_activities(query, 0, 200)), floor, repeat)
        found = {i for (i,) in Activity.select(Activity.id).where(index.Search(term).condition(Activity)).tuples()}
        like = Activity.select(Activity.id)
        clause = None
        for field in activities.SEARCH:
            clause = field.contains(term) if clause is None else clause | field.contains(term)
        start = time.perf_counter()
        scanned = {i for (i,) in like.where(clause).tuples()}
        like_ms = (time.perf_counter() - start) * 1000
        line = row(f"search {len(term)} characters “{term}”, first page", program, low, 3, hits=len(found),
                   floor_match=raw, identical_to_like=found == scanned, like_scan_ms=round(like_ms, 1))
        line["ok"] = line["ok"] and line["identical_to_like"]
        rows.append(line)
        if len(term) == 2:
            two.append(line["median_ms"])
    worst = max(two)
    rows.append({"measure": "search 2 characters, absolute", "median_ms": worst, "floor_ms": None, "ratio": None,
                 "target": "≤ 20 ms median", "ok": worst <= 20, "runs": repeat})
    con.close()
    return rows
