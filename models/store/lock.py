"""One program per store file: OS file locks, released by the OS if the program dies. The file is known by its
identity (device and inode), so a hard link or a second path to it is the same store; where the OS gives no
inode, by its resolved path. A server store is shared by design: its lock holds nothing."""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("branch_ledger")
_held: list["StoreLock"] = []  # locks this process holds, re-keyed when their file is replaced (a restore)


class StoreInUse(Exception):
    """Another copy of the program has this store open."""


def resolved(store: Path | str) -> Path:
    return Path(os.path.normcase(os.path.realpath(store)))


def identity(store: Path | str) -> str | None:
    """'device:inode' of the store file; None when it does not exist yet or the OS gives no inode (then the
    resolved path is all there is, and the lock beside it keys on that)."""
    try:
        st = os.stat(resolved(store))
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}" if st.st_ino else None


def lock_folder() -> Path:
    """Where identity locks live: one folder for every store on this PC, wherever its paths point."""
    return Path(tempfile.gettempdir()) / "branch-ledger-locks"


class StoreLock:
    def __init__(self, store: Path | str):
        from models.store.server import server_url
        self.shared = server_url(store) is not None
        self.store = None if self.shared else resolved(store)
        self.path = None if self.shared else Path(str(self.store) + ".lock")
        self._file = None
        self._identity: tuple[str, object] | None = None  # (identity, its locked file)

    def acquire(self) -> "StoreLock":
        if self.shared:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = _take(self.path, self._in_use(False))
        try:
            self.rekey()
        except BaseException:
            self.release()
            raise
        _held.append(self)
        return self

    def rekey(self) -> None:
        """Hold the identity lock of the file now at the store's path (it is new after a restore or once
        created). Raises StoreInUse when another copy holds it through another path or link."""
        key = identity(self.store)
        if self._file is None or (self._identity and self._identity[0] == key):
            return
        taken = None
        if key is not None:
            try:
                folder = lock_folder()
                folder.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha256(key.encode()).hexdigest()[:32] + ".lock"
                taken = (key, _take(folder / name, self._in_use(True)))
            except OSError as e:  # a temp folder nobody may write: the lock beside the store still holds
                log.warning("无法在临时文件夹中为数据文件加锁（%s），只按路径加锁", e)
        if self._identity:
            _release(self._identity[1])
        self._identity = taken

    def _in_use(self, other_path: bool) -> StoreInUse:
        alias = "（通过另一个路径或链接指向同一个文件）" if other_path else ""
        # Said so it fits a window and the command line alike: the other copy may be either.
        return StoreInUse(f"这个数据文件{alias}（{self.store}）已在另一个支部台账程序中打开，同一数据文件不能同时"
                          "打开两次。请在那里继续，或先关闭它再试。")

    def release(self) -> None:
        if self._identity:
            _release(self._identity[1])
            self._identity = None
        if self._file:
            _release(self._file)
            self._file = None
        if self in _held:
            _held.remove(self)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def rekey(store: Path | str) -> None:
    """After the file at store's path was created or replaced: the locks held on it follow the new file."""
    where = resolved(store)
    for lock in [lock for lock in _held if lock.store == where]:
        lock.rekey()


def _take(path: Path, refused: StoreInUse):
    try:
        f = open(path, "a+b")
    except PermissionError:
        f = open(path, "rb")  # another user's lock file: locking needs no write
    try:
        _lock(f)
    except OSError:
        f.close()
        raise refused from None
    if f.writable():
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()).encode())
        f.flush()
    return f


def _release(f) -> None:
    try:
        _unlock(f)
    finally:
        f.close()


if os.name == "nt":
    import msvcrt

    def _lock(f):
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(f):
        f.seek(0)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(f):
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(f):
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
