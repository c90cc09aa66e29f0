"""Attachments of a record: the rules for adding a file (it exists, it is not too big) and what a row holds."""
from __future__ import annotations

import mimetypes
from pathlib import Path

from models.records.validation import ValidationError
from models.store import file_size, keep_file

MAX_BYTES = 50 * 1024 * 1024
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"}


def add_file(source: str | Path) -> dict:
    """Keep a copy of a file in the store's attachment folder; returns {sha256, name, size, mime}."""
    source = Path(source)
    size = file_size(source)
    if size is None:
        raise ValidationError({"attachments": f"找不到文件“{source.name}”"})
    if size > MAX_BYTES:
        raise ValidationError({"attachments": f"文件“{source.name}”有 {size / 1048576:.1f} MB，"
                                              f"超过了 {MAX_BYTES // 1048576} MB 的上限，请压缩后再添加"})
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return {"sha256": keep_file(source), "name": source.name, "size": size, "mime": mime}


def is_image(row: dict) -> bool:
    return row.get("mime") in IMAGE_TYPES
