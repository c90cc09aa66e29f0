"""Backups: the store and its attachment files in one checked .zip, a SQLite store file inside (a file copied with
SQLite's online backup API; a server copied into one by backup_server.py); where backups go, rotation, listing."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from models.store.connection import StoreError
from models.store.files import attachment_dir_of
from models.store.safety import check_file
from models.store.server import server_url, shown_target

STORE_NAME = "store.sqlite"
MANIFEST = "manifest.json"
MANIFEST_LIMIT = 64 << 20  # a manifest lists files by name: far larger is a hostile file, never read whole
COUNTED = {"member": "党员", "organisation": "社会组织", "activity": "支部活动", "study_session": "学习会",
           "outreach_event": "联建活动", "attachment": "附件"}


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def backup_store(database, dest: Path) -> Path:
    """Write a checked copy of the open store to dest (via a temporary name, synced, then renamed)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    target = sqlite3.connect(tmp)
    try:
        database.connection().backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    problems = check_file(tmp)
    if problems:
        tmp.unlink(missing_ok=True)
        raise StoreError("备份检查未通过：" + "；".join(problems[:3]))
    fsync_file(tmp)
    os.replace(tmp, dest)
    return dest


def backup_folder(store: Path | str) -> Path:
    """Where a store's backups go: beside a file, or for a server in this PC's data folder, one folder per server."""
    url = server_url(store)
    if url is None:
        return Path(store).parent / "backups"
    from models.store.paths import data_dir, safe_file_name
    from models.store.server import parse_url
    address = parse_url(url)
    return data_dir() / "server-backups" / safe_file_name(f"{address.host or 'local'}-{address.port or 5432}-"
                                                         f"{address.dbname}", 120)


def _store_name(store: Path | str) -> str:
    """The name a store's backups carry (and their manifest names): the file's, or the server database's."""
    url = server_url(store)
    if url is None:
        return Path(store).name
    from models.store.server import parse_url
    return parse_url(url).dbname


def _counts(sqlite_file: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{sqlite_file}?mode=ro", uri=True)
    try:
        out = {}
        for table in COUNTED:
            where = "" if table == "attachment" else " WHERE deleted_at IS NULL"
            out[table] = con.execute(f'SELECT count(*) FROM "{table}"{where}').fetchone()[0]
        return out
    finally:
        con.close()


def make_backup(database, store: Path | str, reason: str = "手动", dest: Path | None = None,
                second: Path | None = None, now: dt.datetime | None = None, copier=None) -> Path:
    """One .zip: the store copied and checked, its attachment files, and a manifest. Written under a temporary
    name, synced, then renamed; then rotated, and copied to a second folder. A file is copied with the backup
    API; copier(work folder) -> (store file, its attachment folder) copies a server (backup_server.py)."""
    from models import __version__
    now = now or dt.datetime.now()
    folder, name = backup_folder(store), _store_name(store)
    dest = Path(dest) if dest else folder / f"{Path(name).stem}-{now:%Y%m%d-%H%M%S}-{reason}.zip"
    dest.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(dest.parent)
    with tempfile.TemporaryDirectory(dir=dest.parent) as work:
        if copier is not None:
            copy, files = copier(Path(work))
        else:
            copy, files = backup_store(database, Path(work) / STORE_NAME), attachment_dir_of(Path(store))
        con = sqlite3.connect(copy)
        hashes = [h for (h,) in con.execute("SELECT DISTINCT sha256 FROM attachment")]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.close()
        manifest = {"program_version": __version__, "schema_version": version, "created_at": now.isoformat(),
                    "reason": reason, "store": name, "counts": _counts(copy), "attachments": []}
        if server_url(store):
            manifest["server"] = shown_target(store)  # never with its password
        tmp = dest.with_name(dest.name + ".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(copy, STORE_NAME)
            for sha in hashes:
                kept = next(iter((files / sha[:2]).glob(sha + "*")), None) if (files / sha[:2]).is_dir() else None
                if kept is not None:
                    zf.write(kept, f"attachments/{sha[:2]}/{kept.name}")
                    manifest["attachments"].append(f"attachments/{sha[:2]}/{kept.name}")
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        fsync_file(tmp)
        os.replace(tmp, dest)
    if dest.parent == folder:
        rotate(folder, name, now)
    if second:
        copy_to(dest, Path(second))
    return dest


def clear_leftovers(folder: Path, older_than: dt.timedelta = dt.timedelta(days=1)) -> None:
    """Remove what backups cut off by a crash left behind (work folders, .tmp files), once they are stale."""
    cutoff = (dt.datetime.now() - older_than).timestamp()
    for path in list(folder.glob("tmp*")) + list(folder.glob("*.tmp")):
        try:
            if path.stat().st_mtime < cutoff:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        except OSError:
            pass  # in use or already gone: try again next time


def copy_to(backup: Path, folder: Path) -> Path:
    """Copy a finished backup into another folder (a USB drive, a network share), the same careful way."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup.name
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(backup, tmp)
    fsync_file(tmp)
    os.replace(tmp, target)
    return target


def _created(path: Path) -> dt.datetime | None:
    parts = path.stem.split("-")
    try:
        return dt.datetime.strptime(f"{parts[-3]}-{parts[-2]}", "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        return None


def _manifest_store(path: Path) -> str | None:
    try:
        return read_manifest(path).get("store")
    except (OSError, KeyError, ValueError, AttributeError, zipfile.BadZipFile):
        return None


def backups_of(folder: Path, store_name: str) -> list[tuple[dt.datetime, Path]]:
    """(created, path) of this store's backups in folder, newest first. The name must be exactly
    <stem>-<date>-<time>-<reason>.zip (ledger's never take ledger-old's), and the manifest, where it says,
    must name this very store (ledger.sqlite's never take ledger.db's)."""
    stem = Path(store_name).stem
    exact = re.compile(re.escape(stem) + r"-\d{8}-\d{6}-[^-]*\.zip")
    found = []
    for path in folder.glob("*.zip"):
        created = _created(path) if exact.fullmatch(path.name) else None
        named = _manifest_store(path) if created else None
        if created and named in (None, store_name):
            found.append((created, path))
    return sorted(found, reverse=True)


def rotate(folder: Path, store_name: str, now: dt.datetime) -> list[Path]:
    """Keep, as Anki does, everything from the last two days, then one a day for 12 days, one a week for
    10 weeks and one a month for 9 months; remove the rest (of this store's backups only). Returns what was removed."""
    found = backups_of(folder, store_name)
    daily, weekly, monthly, removed = set(), set(), set(), []
    for created, path in found:
        if now - created <= dt.timedelta(days=2):
            continue
        day, week, month = created.date(), created.isocalendar()[:2], (created.year, created.month)
        if len(daily) < 12 and day not in daily:
            daily.add(day)
        elif day not in daily and len(weekly) < 10 and week not in weekly:
            weekly.add(week)
        elif day not in daily and week not in weekly and len(monthly) < 9 and month not in monthly:
            monthly.add(month)
        else:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def read_manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        if zf.getinfo(MANIFEST).file_size > MANIFEST_LIMIT:
            raise ValueError("manifest too large")
        with zf.open(MANIFEST) as f:
            return json.loads(f.read(MANIFEST_LIMIT + 1).decode("utf-8"))


def list_backups(store: Path | str) -> list[dict]:
    """Backups of this store, newest first: {path, created, size, reason, counts} (unreadable ones marked)."""
    out = []
    for created, path in backups_of(backup_folder(store), _store_name(store)):
        row = {"path": path, "created": created, "size": path.stat().st_size, "reason": "", "counts": {},
               "readable": True}
        try:
            manifest = read_manifest(path)
            row.update(reason=manifest.get("reason", ""), counts=manifest.get("counts", {}))
        except (OSError, KeyError, ValueError, AttributeError, zipfile.BadZipFile):
            row["readable"] = False
        out.append(row)
    return sorted(out, key=lambda r: r["created"] or dt.datetime.min, reverse=True)
