"""Attachment files: copied into the store's attachment folder under their content hash."""
from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path

from models.db import store_path
from models.validation import ValidationError

MAX_BYTES = 50 * 1024 * 1024
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"}


def attachment_dir() -> Path:
    """The folder beside the store that holds its attachment files."""
    store = store_path()
    return store.parent / f"{store.stem}-attachments"


def stored_path(sha256: str, name: str = "") -> Path:
    """Where a file with this hash is kept (the extension only helps the system viewer)."""
    return attachment_dir() / sha256[:2] / (sha256 + Path(name).suffix.lower())


def add_file(source: str | Path) -> dict:
    """Copy a file into the attachment folder; returns {sha256, name, size, mime}.

    The copy is written under a temporary name and renamed, so a crash never leaves half a file
    under a real hash; the original can then be moved or deleted.
    """
    source = Path(source)
    if not source.is_file():
        raise ValidationError({"attachments": f"找不到文件“{source.name}”"})
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise ValidationError({"attachments": f"文件“{source.name}”有 {size / 1048576:.1f} MB，"
                                              f"超过了 {MAX_BYTES // 1048576} MB 的上限，请压缩后再添加"})
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    target = stored_path(sha, source.name)
    if not target.exists():
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
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return {"sha256": sha, "name": source.name, "size": size, "mime": mime}


def is_image(row: dict) -> bool:
    return row.get("mime") in IMAGE_TYPES
