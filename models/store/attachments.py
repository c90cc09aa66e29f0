"""Attachment files: copied into the store's attachment folder under their content hash."""
from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path

from models.store.db import store_path
from models.records.validation import ValidationError

MAX_BYTES = 50 * 1024 * 1024
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"}


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


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""


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
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
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
    return {"sha256": sha, "name": source.name, "size": size, "mime": mime}


def is_image(row: dict) -> bool:
    return row.get("mime") in IMAGE_TYPES
