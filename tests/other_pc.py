"""Another PC on the same store, as a real process: `python tests/other_pc.py STORE SCRIPT.json` runs the steps
of the script against the store and prints what each gave, one JSON line per step.

A step is {"call": "models.records.members.save_member", "args": [...]} and may add
"wait_for": a file to wait for first (so two processes start a save together), and
"hold": seconds to stay inside the save's transaction once its version was compared (so another process's save
meets this one's lock). A ConflictError, NotFound or ValidationError is printed as {"error": name, ...}.
"""
from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.records import common
from models.records.validation import ValidationError
from models.store import close_database, open_database


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
