"""Another PC on the same store, as a real process: `python tests/other_pc.py STORE SCRIPT.json` runs the steps
of the script against the store and prints what each gave, one JSON line per step.

A step is {"call": "models.records.members.save_member", "args": [...]} and may add
"wait_for": a file to wait for first (so two processes start a save together), and
"hold": seconds to stay inside the save's transaction once its version was compared (so another process's save
meets this one's lock). A ConflictError, NotFound or ValidationError is printed as {"error": name, ...}.
Tests start it with start() and read its answers with answers(), or both at once with run_elsewhere().
"""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.records import common
from models.records.validation import ValidationError
from models.store import close_database, open_database


def start(store, folder: Path, *steps: dict) -> subprocess.Popen:
    """The steps begun in a second process on the store (a file's path or a server's URL)."""
    script = folder / f"other_pc_{len(list(folder.glob('other_pc_*.json')))}.json"
    script.write_text(json.dumps(list(steps), ensure_ascii=False, default=str), encoding="utf-8")
    return subprocess.Popen([sys.executable, __file__, str(store), str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def answers(process: subprocess.Popen) -> list[dict]:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return [json.loads(line) for line in out.splitlines()]


def run_elsewhere(store, folder: Path, *steps: dict) -> list[dict]:
    return answers(start(store, folder, *steps))


def _holding(seconds: float):
    """common.later (stamped right after the comparison, inside the transaction), slowed down."""
    plain = common.later

    def slow(previous):
        time.sleep(seconds)
        return plain(previous)
    return slow


def run(step: dict):
    module, name = step["call"].rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    if step.get("wait_for"):
        deadline = time.monotonic() + 30
        while not Path(step["wait_for"]).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    common.later = _holding(step["hold"]) if step.get("hold") else common.later
    try:
        return {"result": function(*step.get("args", []))}
    except common.ConflictError as e:
        return {"error": "ConflictError", "deleted": e.deleted, "stored": e.stored, "by": e.by}
    except common.NotFound:
        return {"error": "NotFound"}
    except ValidationError as e:
        return {"error": "ValidationError", "errors": e.errors}


def main() -> None:
    target, script = sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    open_database(target)
    try:
        for step in script:
            print(json.dumps(run(step), ensure_ascii=False, default=str), flush=True)
    finally:
        close_database()


if __name__ == "__main__":
    main()
