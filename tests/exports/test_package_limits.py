"""Hostile and large data packages: refused past sane limits with memory and disk bounded, and a real
20,000-activity package still imported; each measured in a process of its own (resource.getrusage)."""
import hashlib
import json
import random
import re
import struct
import uuid
import zipfile
import zlib

import pytest

resource = pytest.importorskip("resource")  # noqa: F841  (peak memory as the probe measures it: not on Windows)

from package_probe import run  # noqa: E402

PEAK_MB, DISK_MB = 400, 200
FORMAT = {"format": "branch-ledger-data-package", "format_version": 2, "program_version": "0.1.0",
          "source_branch": "城东支部", "exported_at": "2024-06-01T08:30:00+00:00"}


def _manifest(files: dict[str, bytes], counts: dict) -> bytes:
    return json.dumps({**FORMAT, "counts": counts,
                       "files": {n: hashlib.sha256(b).hexdigest() for n, b in files.items()}}).encode()


def _package(dest, files: dict[str, bytes], counts: dict):
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", _manifest(files, counts))
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def _deflated_spaces(size: int) -> tuple[bytes, int]:
    """`size` bytes of a JSON list padded with spaces, deflated (a few KB per 10 MB), and their CRC-32."""
    squeeze, crc, parts = zlib.compressobj(9, zlib.DEFLATED, -15), 0, []
    block = b" " * (1 << 20)
    for piece in [b"["] + [block] * ((size - 2) >> 20) + [b" " * ((size - 2) % (1 << 20)), b"]"]:
        parts.append(squeeze.compress(piece))
        crc = zlib.crc32(piece, crc)
    return b"".join(parts) + squeeze.flush(), crc


def _raw_zip(dest, entries: list[tuple[str, bytes, int, int]]):
    """A zip written by hand, so that it may lie: (name, deflated data, CRC-32, the unpacked size it declares)."""
    local, central = bytearray(), bytearray()
    for name, data, crc, declared in entries:
        raw = name.encode()
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, 8, 0, 0x21, crc, len(data),
                               declared, len(raw), 0, 0, 0, 0, 0, len(local)) + raw
        local += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc, len(data), declared,
                             len(raw), 0) + raw + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    dest.write_bytes(bytes(local + central + end))
    return dest


def _deflated(data: bytes) -> bytes:
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush()


def lying_bomb(dest):
    """members.json says it unpacks to 40 KB; it unpacks to 1 GB."""
    bomb, crc = _deflated_spaces(1 << 30)
    manifest = _manifest({"members.json": b"[]"}, {})
    return _raw_zip(dest, [("manifest.json", _deflated(manifest), zlib.crc32(manifest), len(manifest)),
                           ("members.json", bomb, crc, 40_000)])


def honest_bomb(dest):
    """members.json says truly that it unpacks to 1 GB (from 1 MB)."""
    bomb, crc = _deflated_spaces(1 << 30)
    manifest = _manifest({"members.json": b"[]"}, {})
    return _raw_zip(dest, [("manifest.json", _deflated(manifest), zlib.crc32(manifest), len(manifest)),
                           ("members.json", bomb, crc, 1 << 30)])


def shrunk_a_thousandfold(dest):
    """8 MB of JSON held in 8 KB: within the size limits, past the ratio any real package has."""
    return _package(dest, {"members.json": b"[" + b" " * (8 << 20) + b"]"}, {"members": 0})


def _spaced(items, seed: int) -> bytes:
    """A JSON list with random whitespace between its elements: it compresses no better than real records."""
    rng = random.Random(seed)
    gaps = [" ", "\n", "\t", "  ", " \n", "\r\n", "\n\t", ""]
    return ("[" + ",".join(item + rng.choice(gaps) for item in items) + "]").encode()


def millions_of_empty_objects(dest):
    """3,000,000 {} in 12 MB (1.5 MB zipped): as many records, each filled with every field's default."""
    return _package(dest, {"members.json": _spaced(("{}" for _ in range(3_000_000)), 1)}, {"members": 3_000_000})


def too_many_records(dest):
    """300,000 members with a uuid each and nothing else: valid, and past what memory may hold."""
    rng = random.Random(2)
    items = (f'{{"uuid": "{uuid.UUID(int=rng.getrandbits(128), version=4)}"}}' for _ in range(300_000))
    return _package(dest, {"members.json": _spaced(items, 2)}, {"members": 300_000})


def one_endless_record(dest):
    """One activity whose attendance holds 700,000 empty rows (2.5 MB of text)."""
    rows = _spaced(("{}" for _ in range(700_000)), 3).decode()
    return _package(dest, {"activities.json": f'[{{"uuid": "{uuid.uuid4()}", "attendance": {rows}}}]'.encode()},
                    {"activities": 1})


def nested_deep(dest):
    return _package(dest, {"members.json": b"[" * 200_000 + b"]" * 200_000}, {"members": 1})


HOSTILE = {  # name → (the package, the words of its refusal)
    "zip bomb lying about its size": (lying_bomb, "损坏|大小与声明不符"),
    "zip bomb declaring its size": (honest_bomb, "解压后有 1024 MB，超过了每个 JSON 文件 256 MB 的上限"),
    "decompression ratio": (shrunk_a_thousandfold, "压缩比超过 100 倍的上限"),
    "millions of small objects": (millions_of_empty_objects, "UUID"),
    "too many records": (too_many_records, r"记录过多.*MB 的内存上限"),
    "one endless record": (one_endless_record, "万字的上限"),
    "nested too deeply": (nested_deep, "不是有效的 JSON"),
}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_packages_are_refused_with_memory_and_disk_bounded(tmp_path, name):
    make, words = HOSTILE[name]
    package = make(tmp_path / "hostile.zip")
    assert package.stat().st_size < 16 << 20
    out = run("import", str(package), work=tmp_path / "work")
    assert out["refused"] and any(re.search(words, p) for p in out["refused"]), out["refused"][:3]
    assert len(out["refused"]) <= 60 and all(len(p) < 300 for p in out["refused"])  # said in a few lines
    assert out["peak_mb"] < PEAK_MB, out
    assert out["disk_mb"] < DISK_MB, out
    assert out["seconds"] < 60, out


@pytest.mark.timeout(600)
def test_a_real_package_of_20000_activities_is_written_and_imported_within_the_limits(tmp_path):
    package = tmp_path / "demo.zip"
    made = run("make", "20000", str(package), work=tmp_path / "source")
    assert made["peak_mb"] < PEAK_MB, made  # making the demo store and writing the package from it
    made = made["counts"]
    with zipfile.ZipFile(package) as zf:
        assert zf.getinfo("activities.json").file_size > 32 << 20  # 35–40 MB of JSON, as the real one
    out = run("import", str(package), work=tmp_path / "work")
    assert out["refused"] is None, out["refused"][:5]
    assert out["counts"]["added"] == sum(n for kind, n in made.items() if kind not in ("sections", "indicators",
                                                                                    "files"))
    assert out["peak_mb"] < PEAK_MB, out
