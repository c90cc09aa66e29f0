"""Attachment files: kept in a folder beside the store under their content hash, written the careful way."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from models.store.connection import store_path


def attachment_dir() -> Path:
    """The folder beside the open store that holds its attachment files."""
    return attachment_dir_of(store_path())


def attachment_dir_of(store: Path) -> Path:
    return store.parent / f"{store.stem}-attachments"


def stored_file(sha256: str) -> Path | None:
    """The kept file with this hash, or None. It is named by hash plus the extension the file first
    came with (so the system viewer can open it); the name the user sees may change freely."""
    folder = attachment_dir() / sha256[:2]
    return next((p for p in folder.glob(sha256 + "*") if p.stem == sha256), None) if folder.is_dir() else None


def file_size(source: Path) -> int | None:
    """The size of a file a person picked, or None when it is not there (or not a file)."""
    return source.stat().st_size if source.is_file() else None


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""


def keep_file(source: Path) -> str:
    """Copy a file into the attachment folder (once per content); returns its SHA-256.

    The copy is written under a temporary name and renamed, so a crash never leaves half a file
    under a real hash; the original can then be moved or deleted.
    """
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    if stored_file(sha) is None:
        target = attachment_dir() / sha[:2] / (sha + _suffix(source.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as f:
                shutil.copyfileobj(f, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return sha
