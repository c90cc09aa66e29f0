"""Attachment files, kept under their content hash: in a folder beside a SQLite store, or in the server's
attachment_file table (shared by every PC), read through a local cache folder so a file still opens by path.

Either way a file is written the careful way: under a temporary name, synced, then renamed.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from models.store.connection import db, is_server, store_path

# The server's table of files (created with the server's bookkeeping, beside ledger_version).
FILE_TABLE = "attachment_file"
FILE_TABLE_SQL = (f'CREATE TABLE "{FILE_TABLE}" ("sha256" TEXT NOT NULL PRIMARY KEY, "suffix" TEXT NOT NULL,'
                  ' "data" BYTEA NOT NULL)')


def attachment_dir() -> Path:
    """The folder that holds the open store's attachment files: beside a SQLite store, or a server's local cache."""
    if is_server():
        import platformdirs

        from models.store.paths import APP_NAME
        key = hashlib.sha256(db.obj.address.shown.encode()).hexdigest()[:16]
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "server-files" / key
    return attachment_dir_of(store_path())


def attachment_dir_of(store: Path) -> Path:
    return store.parent / f"{store.stem}-attachments"


def _in_folder(folder: Path, sha256: str) -> Path | None:
    folder = folder / sha256[:2]
    return next((p for p in folder.glob(sha256 + "*") if p.stem == sha256), None) if folder.is_dir() else None


def stored_file(sha256: str) -> Path | None:
    """The kept file with this hash, or None. It is named by hash plus the extension the file first
    came with (so the system viewer can open it); the name the user sees may change freely.
    On a server the table says whether the store has the file; the cache only saves fetching it again."""
    if not is_server():
        return _in_folder(attachment_dir(), sha256)
    row = db.execute_sql(f'SELECT "suffix" FROM "{FILE_TABLE}" WHERE "sha256" = %s', (sha256,)).fetchone()
    if row is None:
        return None
    target = attachment_dir() / sha256[:2] / (sha256 + row[0])
    if not target.is_file():
        data = db.execute_sql(f'SELECT "data" FROM "{FILE_TABLE}" WHERE "sha256" = %s', (sha256,)).fetchone()[0]
        _write(target, lambda out: out.write(bytes(data)))
    return target


def file_size(source: Path) -> int | None:
    """The size of a file a person picked, or None when it is not there (or not a file)."""
    return source.stat().st_size if source.is_file() else None


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""


def _write(target: Path, fill) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_hash(source: Path) -> str:
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_file(source: Path) -> str:
    """Keep a copy of a file with the store (once per content); returns its SHA-256.

    The copy is written under a temporary name and renamed, so a crash never leaves half a file
    under a real hash; the original can then be moved or deleted.
    """
    sha = file_hash(source)
    if is_server():
        keep_on_server(sha, _suffix(source.name), Path(source).read_bytes())
    if _in_folder(attachment_dir(), sha) is None:
        target = attachment_dir() / sha[:2] / (sha + _suffix(source.name))

        def copy(out):
            with open(source, "rb") as f:
                shutil.copyfileobj(f, out)
        _write(target, copy)
    return sha


def keep_on_server(sha256: str, suffix: str, data: bytes, database=None) -> None:
    """A file into a server's table, unless it is there already (same hash, same content)."""
    import psycopg2
    (database or db).execute_sql(
        f'INSERT INTO "{FILE_TABLE}" ("sha256", "suffix", "data") VALUES (%s, %s, %s) ON CONFLICT DO NOTHING',
        (sha256, suffix, psycopg2.Binary(data)))
