"""Reading a backup safely: the stored file's SQLite header read before a byte is extracted, extraction stopped at
what the header promises, then the store checked whole (ours, a version this program opens, integrity, the counts
its manifest lists) and its attachment files checked against their hashes."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from pathlib import Path

import models.store.migrations as migrations
from models.store.backup import COUNTED, MANIFEST, MANIFEST_LIMIT, STORE_NAME, _counts, list_backups
from models.store.connection import APPLICATION_ID, StoreError
from models.store.opening import versions_in
from models.store.safety import check_file
from models.store.server import server_url

CHUNK = 1 << 20
MAX_RATIO = 100  # a real store shrinks 3–45 times in a .zip; far more is zeros made to fill a disk
RATIO_FLOOR = 16 << 20  # files smaller than this may shrink as well as they like
SPARE = 64 << 20  # disk left free after a restore's temporary files
ATTACHMENT = re.compile(r"attachments/([0-9a-f]{2})/(\1[0-9a-f]{62})(\.[^/\\:]{1,32})?")
TABLES = re.compile(r'CREATE TABLE "(\w+)"')


class Refused(StoreError):
    """A backup that cannot be restored; the live store has not been touched."""

    def __init__(self, backup: Path, why: str):
        super().__init__(f"备份文件“{backup.name}”不能用于恢复：{why}。当前数据未作任何改动。")


def _promised(zf: zipfile.ZipFile, info: zipfile.ZipInfo, backup: Path) -> int:
    """The stored file's size as its own SQLite header promises it, checked against what the zip says, read from
    its first 100 bytes; the file is refused here when it is empty, not SQLite, not ours or from a newer program."""
    if info.file_size == 0:
        raise Refused(backup, "其中的数据文件是空的（0 字节），没有任何数据")
    with zf.open(info) as f:
        head = f.read(100)
    versions = versions_in(head)
    if versions is None:
        raise Refused(backup, "其中的数据文件不是 SQLite 数据库，不是支部台账的数据")
    version, application = versions
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    changed, pages, valid_for = (int.from_bytes(head[i:i + 4], "big") for i in (24, 28, 92))
    if application != APPLICATION_ID or version < 1:
        raise Refused(backup, "其中的数据文件是其他程序的 SQLite 数据库，不是支部台账的数据")
    if version > migrations.SCHEMA_VERSION:
        raise Refused(backup, f"其中的数据来自更新版本的程序（数据版本 {version}，本程序支持到 "
                              f"{migrations.SCHEMA_VERSION}），请先安装新版本再恢复")
    if page_size & (page_size - 1) or not 512 <= page_size <= 65536 or changed != valid_for or pages == 0:
        raise Refused(backup, "其中的数据文件的文件头不完整，读不出它的大小")
    if pages * page_size != info.file_size:
        raise Refused(backup, f"其中的数据文件大小与它的文件头不符（文件头写明 {pages * page_size} 字节，"
                              f"备份中记为 {info.file_size} 字节）")
    return info.file_size


def _bounded(backup: Path, info: zipfile.ZipInfo, what: str) -> None:
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise Refused(backup, f"其中的{what}压缩比异常（{info.compress_size // 1024} KB 展开为 "
                              f"{info.file_size >> 20} MB），不像真实的数据")


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, size: int, backup: Path) -> str:
    """Write the member to target, stopping past size bytes; returns its SHA-256."""
    digest, written = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(info) as src, open(target, "wb") as out:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            if written > size:
                raise Refused(backup, f"其中的“{info.filename}”比它写明的 {size} 字节更大")
            digest.update(chunk)
            out.write(chunk)
    if written != size:
        raise Refused(backup, f"其中的“{info.filename}”不完整")
    return digest.hexdigest()


def _required_tables() -> set[str]:
    return set(TABLES.findall((Path(migrations.__file__).with_name("schema_v1.sql")).read_text(encoding="utf-8")))


def _check_store(store: Path, manifest: dict, backup: Path) -> dict[str, int]:
    """Refuse a store that is not whole or not ours; returns the attachment files it lists, {sha256: size}."""
    problems = check_file(store)
    if problems:
        raise Refused(backup, "数据文件检查未通过：" + "；".join(problems[:3]))
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = sorted(_required_tables() - tables)
        if missing:
            raise Refused(backup, "其中的数据文件缺少数据表（" + "、".join(missing[:5]) + "），不是支部台账的数据")
        files = dict(con.execute("SELECT sha256, max(size) FROM attachment GROUP BY sha256"))
    finally:
        con.close()
    try:
        found = _counts(store)
    except sqlite3.DatabaseError as e:
        raise Refused(backup, f"其中的数据文件不是支部台账的数据（{e}）") from e
    listed = manifest.get("counts") if isinstance(manifest, dict) else None
    if isinstance(listed, dict):
        wrong = [f"{COUNTED[t]}：清单 {listed[t]} 条，实有 {found[t]} 条" for t in COUNTED
                 if t in listed and listed[t] != found[t]]
        if wrong:
            raise Refused(backup, "记录数与备份清单不符（" + "；".join(wrong[:3]) + "）")
    return files


def _manifest(zf: zipfile.ZipFile, backup: Path) -> dict:
    info = zf.getinfo(MANIFEST)
    if info.file_size > MANIFEST_LIMIT:
        raise Refused(backup, "备份清单大得异常")
    with zf.open(info) as f:
        try:
            manifest = json.loads(f.read(MANIFEST_LIMIT + 1).decode("utf-8"))
        except ValueError as e:
            raise Refused(backup, "备份清单无法读取") from e
    return manifest if isinstance(manifest, dict) else {}


def _check_room(folder: Path, need: int, backup: Path) -> None:
    free = shutil.disk_usage(folder).free
    if need + SPARE > free:
        raise Refused(backup, f"磁盘空间不足（恢复需要约 {(need + SPARE) >> 20} MB，只剩 {free >> 20} MB）")


def unpack(backup: Path, folder: Path) -> Path:
    """Extract a backup into folder and check it whole. The store's header is read first, so a file that is
    empty, foreign, newer or larger than it promises is refused before it is written; then the store passes
    its checks, and each attachment file it lists is extracted to its recorded size and matches its hash.
    Returns the extracted store; StoreError (the live store untouched) when anything is wrong."""
    backup, folder = Path(backup), Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(backup) as zf:
            names = set(zf.namelist())
            if STORE_NAME not in names or MANIFEST not in names:
                raise StoreError(f"“{backup.name}”不是支部台账的备份文件。当前数据未作任何改动。")
            manifest = _manifest(zf, backup)
            info = zf.getinfo(STORE_NAME)
            size = _promised(zf, info, backup)
            _bounded(backup, info, "数据文件")
            _check_room(folder, size, backup)
            store = folder / STORE_NAME
            _extract(zf, info, store, size, backup)
            files = _check_store(store, manifest, backup)
            members = [(m, ATTACHMENT.fullmatch(m.filename)) for m in zf.infolist()]
            wanted = [(m, match) for m, match in members if match and match[2] in files]
            for m, match in wanted:
                if m.file_size != files[match[2]]:
                    raise Refused(backup, f"附件文件 {match[2][:12]}… 的大小与记录不符")
                _bounded(backup, m, "附件文件")
            _check_room(folder, sum(m.file_size for m, _ in wanted), backup)
            for m, match in wanted:
                if _extract(zf, m, folder / m.filename, m.file_size, backup) != match[2]:
                    raise Refused(backup, f"附件文件 {Path(m.filename).name} 已损坏")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
        raise StoreError(f"备份文件“{backup.name}”已损坏，无法读取（{e}）。当前数据未作任何改动。") from e
    return store


def newest_good(store: Path) -> Path | None:
    """The newest backup of this store that unpacks and passes its checks."""
    if server_url(store):
        return None
    for row in list_backups(store):
        with tempfile.TemporaryDirectory(dir=Path(row["path"]).parent) as work:
            try:
                unpack(row["path"], Path(work))
                return row["path"]
            except StoreError:
                continue
    return None
