"""Attachment files: copied under their content hash, same content kept once, size limit."""
import hashlib

import pytest

from models.records import attachments
from models.records.attachments import add_file
from models.records.validation import ValidationError
from models.store import attachment_dir, stored_file


def test_copy_named_by_hash_and_original_can_go(store, tmp_path):
    source = tmp_path / "签到表.JPG"
    source.write_bytes(b"sign-in sheet")
    row = add_file(source)
    sha = hashlib.sha256(b"sign-in sheet").hexdigest()
    assert row == {"sha256": sha, "name": "签到表.JPG", "size": 13, "mime": "image/jpeg"}
    kept = stored_file(sha)
    assert kept == attachment_dir() / sha[:2] / f"{sha}.jpg"
    source.unlink()
    assert kept.read_bytes() == b"sign-in sheet"


def test_same_content_is_kept_once(store, tmp_path):
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(b"same")
        add_file(tmp_path / name)
    files = [p for p in attachment_dir().rglob("*") if p.is_file()]
    assert len(files) == 1 and not any(p.name.startswith(".incoming") for p in files)


def test_too_big_and_missing_files_are_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_BYTES", 10)
    big = tmp_path / "大文件.mp4"
    big.write_bytes(b"x" * 11)
    with pytest.raises(ValidationError, match="超过了"):
        add_file(big)
    with pytest.raises(ValidationError, match="找不到"):
        add_file(tmp_path / "没有.doc")
    assert not attachment_dir().exists() or not any(attachment_dir().rglob("*.mp4"))
