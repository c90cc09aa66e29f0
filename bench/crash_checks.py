"""The kill test's pieces: running the crash child, reading what it announced, and checking a store after."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).with_name("crash_child.py")


# -- running the child -----------------------------------------------------------------------------

def parse(line: str) -> tuple[str, dict | None]:
    """One event; a line the kill cut short (no newline: a long plan being written) is ("torn", None)."""
    if not line.endswith("\n"):
        return "torn", None
    kind, _, rest = line.rstrip("\n").partition(" ")
    return kind, (json.loads(rest) if rest else None)


class Trigger:
    """Kill when the child prints its nth line of this kind (and op), at once or `after` seconds later:
    e.g. Trigger("ack", "save", 3), or Trigger("begin", "backup", after=0.05) to land inside a backup."""

    def __init__(self, kind: str, op: str | None = None, nth: int = 1, after: float = 0.0):
        self.kind, self.op, self.nth, self.after, self.seen = kind, op, nth, after, 0

    def __call__(self, kind: str, payload: dict | None) -> bool:
        if kind == self.kind and (self.op is None or (payload or {}).get("op") == self.op):
            self.seen += 1
            return self.seen == self.nth
        return False


class BulkWriteTrigger(Trigger):
    """Kill `after` seconds into the nth kind's bulk write of a package import, or at once when a package import
    is acknowledged before that (its package was in the store already: there was nothing to write)."""

    def __init__(self, nth: int, after: float = 0.0):
        super().__init__("stage", "package", nth, after)

    def __call__(self, kind: str, payload: dict | None) -> bool:
        if kind == "ack" and (payload or {}).get("op") == "package":
            self.after = 0.0
            return True
        return super().__call__(kind, payload)


@dataclass
class Run:
    events: list[tuple[str, dict | None]]
    killed: bool          # it died of the kill (not of its own accord)
    returncode: int | None
    stderr: str
    seconds: float        # from "ready" to its end


def run_child(mode: str, store: Path, work: Path, *, seed: int, prefix: str, kill_after: float | None = None,
              kill_on: Trigger | None = None, import_rows: int = 200, saves_per_import: str = "30-200",
              package: Path | None = None, bomb: Path | None = None, bug: str | None = None, bug_delay: float = 0.5,
              timeout: float = 120) -> Run:
    """Start the child, kill it kill_after seconds after it says "ready" (or when kill_on fires), and collect
    what it printed. Without either it runs to its end (the migrate mode ends by itself)."""
    command = [sys.executable, str(CHILD), mode, str(store), "--seed", str(seed), "--prefix", prefix,
               "--import-rows", str(import_rows), "--saves-per-import", saves_per_import]
    if package:
        command += ["--package", str(package)]
    if bomb:
        command += ["--bomb", str(bomb)]
    if bug:
        command += ["--bug", bug, "--bug-delay", str(bug_delay)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(work / "home" / name.lower())
    env.pop("BRANCH_LEDGER_DB", None)
    errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=ROOT, env=env,
                            text=True, encoding="utf-8")
    events: list = []
    ready = threading.Event()
    started: list[float] = []

    def read():
        for line in proc.stdout:
            kind, payload = parse(line)
            events.append((kind, payload))
            if kind == "ready":
                started.append(time.perf_counter())
                ready.set()
            if kill_on is not None and kill_on(kind, payload):
                if kill_on.after:
                    timer = threading.Timer(kill_on.after, proc.kill)
                    timer.daemon = True
                    timer.start()
                else:
                    proc.kill()  # SIGKILL, at once, from the thread that saw the line

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ready.wait(timeout)
    if kill_after is not None and ready.is_set():
        time.sleep(kill_after)
        if proc.poll() is None:
            proc.kill()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    reader.join(10)
    end = time.perf_counter()
    errors.seek(0)
    stderr = errors.read()
    errors.close()
    if os.name == "nt":  # kill() is TerminateProcess there: as abrupt, with exit status 1
        killed = proc.returncode not in (0, None)
    else:
        killed = proc.returncode == -signal.SIGKILL
    return Run(events, killed, proc.returncode, stderr, end - started[0] if started else 0.0)


def phase(mode: str, events: list) -> str:
    """What the child was doing when it died."""
    kinds = [k for k, _ in events]
    if "ready" not in kinds:
        return "start-up"
    if mode == "migrate":
        if "done" in kinds:
            return "after the migration"
        if "step" in kinds:
            steps = [p["version"] for k, p in events if k == "step"]
            done = [p["version"] for k, p in events if k == "stepped"]
            return f"migration (step to v{steps[-1]}{', its work done' if done[-1:] == steps[-1:] else ''})"
        return "migration" if "begin" in kinds else "start-up"
    if mode == "fresh" and "opened" not in kinds:
        return "store creation"
    pending, writing, planned = None, False, None
    for kind, payload in events:
        if kind == "begin":
            pending, writing, planned = payload, False, None
        elif kind in ("ack", "refused"):
            pending = None
        elif kind == "stage":
            writing = True
        elif kind == "planned":
            planned = payload
    if pending is None:
        return "between operations"
    if pending["op"] == "save":
        return "edit" if pending.get("uuid") else "save"
    if pending["op"] == "import":
        return "import (writing its rows)" if writing else "import (checks, backup first)"
    if pending["op"] == "bomb":
        return "hostile package import (refused)"
    if pending["op"] == "package":
        if writing:
            return "package import (writing its records)"
        if planned is None:
            return "package import (reading, checks)"
        return "package import (backup first)" if planned["added"] else "package re-import (nothing to write)"
    return pending["op"]


# -- reading records back --------------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """An activity as planned, or as found: its title, attendance {(name, status)}, figures {(name, ×100)}."""
    title: str
    attendance: frozenset
    figures: frozenset


def planned(tag: str, attendance: list, figures: list) -> Shape:
    return Shape(f"KT {tag} A{len(attendance)} F{len(figures)}", frozenset(map(tuple, attendance)),
                 frozenset(map(tuple, figures)))


def read_records(con) -> dict[str, tuple[str, Shape, object]]:
    """Every activity the child wrote: {uuid: (tag, shape, deleted_at)}, from any DB-API connection."""
    rows = con.execute("SELECT id, uuid, title, deleted_at FROM activity WHERE title LIKE 'KT %'").fetchall()
    by_id = {i: (uuid, title, deleted) for i, uuid, title, deleted in rows}
    attendance: dict[int, set] = {i: set() for i in by_id}
    figures: dict[int, set] = {i: set() for i in by_id}
    for i, name, status in con.execute(
            "SELECT t.activity_id, m.name, t.status FROM attendance t JOIN member m ON m.id = t.member_id"
            " JOIN activity a ON a.id = t.activity_id WHERE a.title LIKE 'KT %'"):
        attendance[i].add((name, status))
    for i, name, value in con.execute(
            "SELECT f.activity_id, n.name, f.value_centi FROM figure f JOIN indicator n ON n.id = f.indicator_id"
            " JOIN activity a ON a.id = f.activity_id WHERE a.title LIKE 'KT %'"):
        figures[i].add((name, value))
    return {uuid: (title.split()[1], Shape(title, frozenset(attendance[i]), frozenset(figures[i])), deleted)
            for i, (uuid, title, deleted) in by_id.items()}


def whole_problems(records: dict, plans: dict[str, Shape], where: str) -> list[str]:
    """Every activity found must be exactly as some operation planned it: no half-saved parts."""
    out = []
    for uuid, (tag, shape, deleted) in records.items():
        plan = plans.get(tag)
        if plan is None:
            out.append(f"{where}: activity {tag} ({uuid}) was never planned by any operation")
        elif shape != plan:
            out.append(f"{where}: activity {tag} is not whole: attendance {len(shape.attendance)} of "
                       f"{len(plan.attendance)}{'' if shape.attendance <= plan.attendance else ' (wrong rows)'}, "
                       f"figures {len(shape.figures)} of {len(plan.figures)}"
                       f"{'' if shape.title == plan.title else ', title differs'}")
        if deleted is not None:
            out.append(f"{where}: activity {tag} is in the recycle bin")
    return out


def _header(path: Path):
    from models.store import StoreError
    from models.store.opening import read_header
    try:
        return read_header(path)
    except (OSError, StoreError):
        return "unreadable"


def table_counts(con, tables) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def schema_objects(con) -> set[tuple[str, str]]:
    """Tables, indexes, triggers and views; not the planner's statistics (PRAGMA optimize adds those)."""
    return {(t, n) for t, n in con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'")}


def store_checks(con) -> list[str]:
    problems = [f"integrity_check: {r[0]}" for r in con.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    problems += [f"foreign_key_check: {tuple(r)}" for r in con.execute("PRAGMA foreign_key_check").fetchall()]
    return problems


# -- the harness -------------------------------------------------------------------------------------
