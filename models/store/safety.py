"""Where a store may live and whether it is whole: network drives refused, damaged files set aside."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "sshfs", "9p", "afs", "ceph",
              "glusterfs", "davfs", "fuse.davfs2", "ncpfs", "coda", "lustre", "gpfs"}
DRIVE_REMOTE = 4


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) pairs of this machine (Linux); empty where unknown."""
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            return [(line.split()[1].replace("\\040", " "), line.split()[2]) for line in f if len(line.split()) > 2]
    except OSError:
        return []


def is_network_path(path: Path) -> bool:
    """True when the file lives on a network share, where SQLite's locking cannot be trusted."""
    path = Path(os.path.abspath(path))
    if os.name == "nt":
        text = str(path)
        if text.startswith("\\\\"):
            return True
        import ctypes
        drive = os.path.splitdrive(text)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE
    best, kind = "", ""
    for point, fs in _mounts():
        if (str(path) == point or str(path).startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, kind = point, fs
    return kind in NETWORK_FS


def network_message(path: Path) -> str:
    return (f"数据文件“{path}”位于网络共享位置。SQLite 数据文件放在网络驱动器上，遇到网络中断或多台电脑同时写入时"
            "很容易损坏，所以本程序不在网络位置上直接打开数据文件。请把数据文件放在本机，"
            "可以把这个网络位置设为“第二备份文件夹”，每次备份都会自动复制过去。")


def quick_check(path: Path) -> list[str]:
    """SQLite's quick_check, read-only: empty when the store looks whole (a server checks its own pages)."""
    from models.store.server import server_url
    if server_url(path):
        return []
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [r[0] for r in con.execute("PRAGMA quick_check") if r[0] != "ok"]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        return [str(e)]


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Move a damaged store (and its journal files) out of the way under a dated name, never deleting it;
    returns its new name."""
    now = now or dt.datetime.now()
    aside = path.with_name(f"{path.stem}.损坏-{now:%Y%m%d-%H%M%S}{path.suffix}")
    n = 1
    while aside.exists():  # set aside twice in one second: the first one is never overwritten
        n += 1
        aside = path.with_name(f"{path.stem}.损坏-{now:%Y%m%d-%H%M%S}-{n}{path.suffix}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            os.replace(extra, Path(str(aside) + suffix))
    return aside


def check_file(path: Path) -> list[str]:
    """Problems found by integrity_check and foreign_key_check; empty when the file is whole."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"外键错误：{r[0]} 第 {r[1]} 行" for r in con.execute("PRAGMA foreign_key_check")]
        return problems
    except sqlite3.DatabaseError as e:
        return [str(e)]
    finally:
        con.close()
