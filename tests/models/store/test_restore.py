"""Restore: a backup is checked whole in a temporary folder before the live store is touched; a damaged, empty
or foreign store is restored over without being opened and kept aside; a backup bomb is refused within bounds."""
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.store import StoreError, close_database, db, list_backups, make_backup, open_database, restore_backup
from models.store.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.sqlite_only("backups and restores of the SQLite file; a server is restored where it runs")
ROOT = Path(__file__).resolve().parents[3]


def rewritten(backup: Path, dest: Path, store_bytes: bytes | None = None, manifest: dict | None = None) -> Path:
    """A copy of a backup with its store file or its manifest replaced."""
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "store.sqlite" and store_bytes is not None:
                data = store_bytes
            if item.filename == "manifest.json" and manifest is not None:
                data = json.dumps(manifest, ensure_ascii=False).encode()
            dst.writestr(item.filename, data)
    return dest


def sqlite_bytes(tmp_path: Path, *statements: str) -> bytes:
    path = tmp_path / f"made-{len(list(tmp_path.glob('made-*')))}.sqlite"
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return path.read_bytes()


@pytest.fixture
def two_members(store, tmp_path):
    """A store with one member in a backup and a second added since: (store, backup)."""
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    backup = make_backup(db, store, "测试")
    save_member({"name": "乙", "gender": "male", "party_status": "full"})
    return store, backup


def assert_untouched(store: Path, inode: int, backups: int) -> None:
    assert os.stat(store).st_ino == inode  # the live file was never replaced
    assert count_members(ListQuery()) == 2
    assert len(list_backups(store)) == backups  # not even a safety backup: the backup was refused first


def test_a_foreign_sqlite_file_in_a_backup_is_refused_before_anything_changes(two_members, tmp_path):
    store, good = two_members
    inode, backups = os.stat(store).st_ino, len(list_backups(store))
    foreign = rewritten(good, tmp_path / "foreign.zip",
                        sqlite_bytes(tmp_path, "CREATE TABLE customers (id INTEGER, name TEXT)",
                                     "INSERT INTO customers VALUES (1, 'x')"))
    with pytest.raises(StoreError, match="不是支部台账的数据") as refused:
        restore_backup(foreign, store)
    assert "未作任何改动" in str(refused.value)
    assert_untouched(store, inode, backups)
    restore_backup(good, store)  # and every verb still works: the good backup restores
    assert count_members(ListQuery()) == 1


@pytest.mark.parametrize("statements, says", [
    (["PRAGMA application_id = 1112689732", f"PRAGMA user_version = {SCHEMA_VERSION}", "CREATE TABLE member (id)"],
     "缺少数据表"),
    (["PRAGMA application_id = 1112689732", f"PRAGMA user_version = {SCHEMA_VERSION + 1}", "CREATE TABLE x (a)"],
     "更新版本"),
])
def test_a_store_of_ours_in_name_only_is_refused(two_members, tmp_path, statements, says):
    store, good = two_members
    inode, backups = os.stat(store).st_ino, len(list_backups(store))
    forged = rewritten(good, tmp_path / "forged.zip", sqlite_bytes(tmp_path, *statements))
    with pytest.raises(StoreError, match=says):
        restore_backup(forged, store)
    assert_untouched(store, inode, backups)


def test_counts_that_differ_from_the_manifest_are_refused(two_members, tmp_path):
    store, good = two_members
    inode, backups = os.stat(store).st_ino, len(list_backups(store))
    with zipfile.ZipFile(good) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["counts"]["member"] = 40
    with pytest.raises(StoreError, match="记录数.*党员"):
        restore_backup(rewritten(good, tmp_path / "short.zip", manifest=manifest), store)
    assert_untouched(store, inode, backups)


def test_an_empty_store_in_a_backup_is_refused(two_members, tmp_path):
    store, good = two_members
    inode, backups = os.stat(store).st_ino, len(list_backups(store))
    with pytest.raises(StoreError, match="空的（0 字节）"):
        restore_backup(rewritten(good, tmp_path / "empty.zip", b""), store)
    assert_untouched(store, inode, backups)


def wreck(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:100] = b"\x00\x01" + b"\xee" * 82  # a wrecked header: SQLite cannot read the file
    path.write_bytes(bytes(data))


def test_a_damaged_store_is_restored_over_without_opening_it_and_kept_aside(two_members, tmp_path):
    store, good = two_members
    close_database()
    wreck(store)
    wrecked = store.read_bytes()
    with pytest.raises(StoreError):
        open_database(store)
    close_database()
    done = restore_backup(good, store)
    assert done.safety is None and done.aside.read_bytes() == wrecked
    assert done.aside.parent == store.parent and "损坏" in done.aside.name
    assert str(done.aside) in done.note()
    assert count_members(ListQuery()) == 1


def test_an_empty_store_is_restored_over(two_members):
    store, good = two_members
    close_database()
    store.write_bytes(b"")
    done = restore_backup(good, store)
    assert done.aside is not None and done.aside.stat().st_size == 0
    assert count_members(ListQuery()) == 1


# A backup bomb, restored in a child process that measures its own peak memory and the peak size of the
# store's folder (where a restore extracts) every few milliseconds.
MEASURED = """
import json, os, resource, sys, threading, time
from pathlib import Path
from models.store import StoreError, close_database, open_database, restore_backup
store, bomb = Path(sys.argv[1]), Path(sys.argv[2])
peak, done = [0], [False]
def size(folder):
    total = 0
    for root, dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total
base = size(store.parent)
def watch():
    while not done[0]:
        peak[0] = max(peak[0], size(store.parent) - base)
        time.sleep(0.002)
threading.Thread(target=watch, daemon=True).start()
open_database(store)
try:
    restore_backup(bomb, store)
    said = ""
except StoreError as e:
    said = str(e)
done[0] = True
close_database()
try:  # VmHWM starts afresh at exec; ru_maxrss may carry the peak of the process this one was forked from
    memory = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) * 1024
except (OSError, StopIteration):
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"said": said, "disk": peak[0], "memory": memory}))
"""
BOMB = 300 << 20  # more than the 200 MB a restore may use on the way


def bomb_zip(path: Path, manifest: bytes, head: bytes, size: int) -> Path:
    """store.sqlite: head, then zeros up to size bytes (deflated to a few hundred KB)."""
    zero = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", manifest)
        with zf.open("store.sqlite", "w", force_zip64=True) as out:
            out.write(head)
            left = size - len(head)
            while left > 0:
                out.write(zero[:min(left, len(zero))])
                left -= len(zero)
    return path


def lie_about_size(path: Path, size: int) -> None:
    """Make the zip's central directory say store.sqlite unpacks to size bytes (its data unpacks far larger)."""
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = int.from_bytes(data[central + 28:central + 30], "little")
        if bytes(data[central + 46:central + 46 + name_length]) == b"store.sqlite":
            assert int.from_bytes(data[central + 24:central + 28], "little") != 0xFFFFFFFF
            data[central + 24:central + 28] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["honest", "header-says-less", "zip-says-less"])
def test_a_backup_bomb_is_refused_within_bounds(two_members, tmp_path, kind):
    store, good = two_members
    with zipfile.ZipFile(good) as zf:
        manifest, real = zf.read("manifest.json"), zf.read("store.sqlite")
    head = bytearray(real[:100])
    if kind == "honest":  # the header promises all of it: 300 MB of pages, nearly all zeros
        head[28:32] = (BOMB // 4096).to_bytes(4, "big")
    bomb = bomb_zip(tmp_path / f"{kind}.zip", manifest, bytes(head) + real[100:], BOMB)
    if kind == "zip-says-less":
        lie_about_size(bomb, len(real))
    assert bomb.stat().st_size < 2 << 20
    close_database()
    before = store.read_bytes()
    child = subprocess.run([sys.executable, "-c", MEASURED, str(store), str(bomb)], capture_output=True, text=True,
                           cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert child.returncode == 0, child.stderr
    measured = json.loads(child.stdout)
    assert measured["said"] and "未作任何改动" in measured["said"], measured
    assert measured["disk"] < 200 << 20, measured
    assert measured["memory"] < 400 << 20, measured
    assert store.read_bytes() == before


# A restore killed at any moment: the store is then wholly as it was or wholly the backup, and opens.
RESTORING = """
import sys
from pathlib import Path
from models.store import restore_backup
print("ready", flush=True)
restore_backup(Path(sys.argv[2]), Path(sys.argv[1]))
print("done", flush=True)
"""


def test_a_restore_killed_at_any_moment_leaves_a_whole_store(tmp_path):
    import random
    import shutil
    import time

    from models.exchange.demo import fill_demo
    template = tmp_path / "template" / "ledger.sqlite"
    open_database(template)
    fill_demo(600, seed=3)
    backup = make_backup(db, template, "测试", dest=tmp_path / "备份.zip")
    for i in range(5):
        save_member({"name": f"新{i}", "gender": "male", "party_status": "full"})
    before, after = count_members(ListQuery()) - 5, count_members(ListQuery())
    close_database()

    def start(folder: Path):
        shutil.copytree(template.parent, folder)
        child = subprocess.Popen([sys.executable, "-c", RESTORING, str(folder / "ledger.sqlite"), str(backup)],
                                 stdout=subprocess.PIPE, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert child.stdout.readline().strip() == "ready"
        return child

    clock = time.perf_counter()
    whole = start(tmp_path / "unkilled")
    assert whole.wait(timeout=60) == 0
    took = time.perf_counter() - clock
    rng, seen = random.Random(7), set()
    for n in range(10):
        folder = tmp_path / f"round-{n}"
        child = start(folder)
        time.sleep(rng.uniform(0, took))
        child.kill()
        child.wait()
        open_database(folder / "ledger.sqlite")
        try:
            assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            members = count_members(ListQuery())
        finally:
            close_database()
        assert members in (before, after), members
        seen.add(members)
    assert seen, seen  # the kills landed before and after the rename, as chance had it
    leftovers = [p for n in range(10) for p in (tmp_path / f"round-{n}").glob(".ledger.sqlite.restoring-*")]
    open_database(folder / "ledger.sqlite")
    restore_backup(backup, folder / "ledger.sqlite")  # the next restore clears what a killed one left
    close_database()
    assert not list(folder.glob(".ledger.sqlite.restoring-*")), leftovers
