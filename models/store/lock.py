"""One program per store file: an OS file lock beside the store, released by the OS if the program dies.
A server store is shared by design: its lock holds nothing (the server keeps concurrent writers apart)."""
from __future__ import annotations

import os
from pathlib import Path


class StoreInUse(Exception):
    """Another copy of the program has this store open."""


class StoreLock:
    def __init__(self, store: Path | str):
        from models.store.server import server_url
        self.shared = server_url(store) is not None
        self.path = None if self.shared else Path(str(store) + ".lock")
        self._file = None

    def acquire(self) -> "StoreLock":
        if self.shared:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")
        try:
            _lock(f)
        except OSError:
            f.close()
            raise StoreInUse(f"支部台账已在另一个窗口中打开了这个数据文件（{self.path.with_suffix('')}），"
                             "请切换到那个窗口继续工作。同一数据文件不能同时打开两次。") from None
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()).encode())
        f.flush()
        self._file = f
        return self

    def release(self) -> None:
        if self._file:
            _unlock(self._file)
            self._file.close()
            self._file = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


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
