"""Run in a process of its own by the package limit tests: import a data package (as import-data does: read, plan,
import) into a new store, or make a demo package; one JSON line says what came of it, the peak memory
(resource.getrusage) and the most the work folder (store, backups, temporary files) grew on disk."""
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# getrusage's peak is carried over from the process this one was started by (Linux keeps ru_maxrss across fork
# and exec): the tests start it through this small relay, so what it reports is the probe's own.
RELAY = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"
ADDRESS_SPACE = 3 << 30  # a runaway stops with MemoryError instead of taking the machine's memory


def run(*args: str, work: Path, timeout: float = 300) -> dict:
    """The probe's answer, for the tests: it runs through the relay, with its user folders and TMPDIR in work."""
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", TMPDIR=str(work / "tmp"))
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(work / "home" / name.lower())
    env.pop("BRANCH_LEDGER_DB", None)
    (work / "tmp").mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-c", RELAY, sys.executable, __file__, *args, str(work)],
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=ROOT, env=env)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0 and lines, f"the probe failed ({done.returncode}): {done.stderr[-3000:]}"
    return json.loads(lines[-1])


def _folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.stat().st_size if path.is_file() else 0
        except OSError:  # gone between listing and looking: a temporary file
            pass
    return total


class DiskWatch(threading.Thread):
    """The most the folder grew over its size at the start, sampled every 20 ms."""

    def __init__(self, folder: Path):
        super().__init__(daemon=True)
        self.folder, self.start_bytes, self.most, self.running = folder, _folder_bytes(folder), 0, True

    def run(self):
        while self.running:
            self.most = max(self.most, _folder_bytes(self.folder) - self.start_bytes)
            time.sleep(0.02)

    def stop(self) -> int:
        self.running = False
        self.join()
        return max(self.most, _folder_bytes(self.folder) - self.start_bytes)


def import_package(package: Path, work: Path) -> dict:
    from exports.data_package import read_package
    from models.exchange.package_import import PackageError, apply_import, plan_import
    from models.store import open_database
    open_database(work / "ledger.sqlite")
    watch = DiskWatch(work)
    watch.start()
    started, out = time.perf_counter(), {"refused": None, "counts": None}
    try:
        loaded = read_package(package)
        plan = plan_import(loaded)  # kept while importing, as import-data and the window keep it
        out["counts"] = apply_import(loaded, {c.uuid: "theirs" for c in plan.conflicts})
    except PackageError as e:
        out["refused"] = e.problems
    except MemoryError:
        out["refused"] = ["MemoryError"]
    out["seconds"] = round(time.perf_counter() - started, 2)
    out["disk_mb"] = round(watch.stop() / 2 ** 20, 1)
    return out


def make_demo(records: int, package: Path, work: Path) -> dict:
    import datetime as dt

    from exports.data_package import write_package
    from models.exchange.demo import fill_demo
    from models.store import close_database, open_database
    open_database(work / "source.sqlite")
    fill_demo(records, seed=7, today=dt.date(2025, 12, 31))
    counts = write_package(package)
    close_database()
    return {"counts": counts}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    verb, *args, work = sys.argv[1:]
    work = Path(work)
    out = (import_package(Path(args[0]), work) if verb == "import"
           else make_demo(int(args[0]), Path(args[1]), work))
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # Linux gives KB
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
