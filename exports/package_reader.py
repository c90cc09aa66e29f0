"""Reading a data package safely: names, sizes and checksums checked, its JSON a record at a time within limits."""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path

from exports.package_json import Held, NotAList, TooLong, elements, refuse_constant
from models.exchange.package_import import Package, PackageError
from models.exchange.package_records import KINDS, LABELS, typed_record
from models.records.attachments import MAX_BYTES

FORMAT = "branch-ledger-data-package"
FORMAT_VERSION = 5  # 5 added the member's 公民身份号码, 工作单位, 转入日期 and 转入自, and each organisation's
# party organisations and instructors over time; 4 发展党员 (development.json); 3 党费 (dues.json); 2 亮点, 成效,
# indicator rules, approximate figures, 停用 groups
MANIFEST = "manifest.json"
FOLDER = "attachments/"
HEX64 = re.compile(r"[0-9a-f]{64}")
# Limits against zip bombs: what a package may unpack to in all, per JSON file, and how far a member may shrink.
MAX_TOTAL = 4 << 30
MAX_JSON = 256 << 20
MAX_MANIFEST = 20 << 20  # read whole: 100,000 members' checksums fit
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20  # members smaller than this may compress as well as they like
MAX_ENTRIES = 100_000
# Limits on what the records read hold in memory (a small file may parse into millions of objects): all of them
# together (a package of 20,000 activities holds about 120 MB by this count), and one record's text.
MAX_HELD = 192 << 20
MAX_RECORD = 2_000_000
MAX_PROBLEMS = 50  # a kind's file is read no further once this many of its records are refused


def _refuse(message: str):
    raise PackageError([message])


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    shown = name[:60]
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        _refuse(f"数据包中的文件名“{shown}”是绝对路径，已拒绝")
    if ".." in re.split(r"[/\\]", name):
        _refuse(f"数据包中的文件名“{shown}”指向数据包以外的位置，已拒绝")
    allowed = name in (MANIFEST, FOLDER) or name in {f"{k}.json" for k in KINDS} or (
        name.startswith(FOLDER) and HEX64.fullmatch(name[len(FOLDER):]))
    if not allowed:
        _refuse(f"数据包中有不认识的文件“{shown}”")
    if info.flag_bits & 0x1:
        _refuse(f"数据包中的“{shown}”已加密，无法读取")


def _sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Zip bombs refused from the sizes the zip declares (reading then stops at them); each says its limit."""
    if len(infos) > MAX_ENTRIES:
        _refuse(f"数据包中的文件过多（{len(infos)} 个，上限 {MAX_ENTRIES} 个）")
    if sum(i.file_size for i in infos) > MAX_TOTAL:
        _refuse(f"数据包解压后超过 {MAX_TOTAL >> 30} GB 的上限，已拒绝")
    for info in infos:
        name = info.filename[:60]
        limit, what = ((MAX_MANIFEST, "清单文件") if info.filename == MANIFEST else
                       (MAX_JSON, "每个 JSON 文件") if info.filename.endswith(".json") else (MAX_BYTES, "每个附件"))
        if info.file_size > limit:
            _refuse(f"数据包中的“{name}”解压后有 {info.file_size >> 20} MB，超过了{what} {limit >> 20} MB 的上限")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            _refuse(f"数据包中的“{name}”压缩比超过 {MAX_RATIO} 倍的上限（疑似压缩炸弹），已拒绝")


class _Checked:
    """A member's bytes as they are read: hashed, counted, and refused past the size the zip declares."""

    def __init__(self, stream, info: zipfile.ZipInfo):
        self.stream, self.info, self.size, self.digest = stream, info, 0, hashlib.sha256()

    def read(self, n: int) -> bytes:
        block = self.stream.read(n)
        self.size += len(block)
        if self.size > self.info.file_size:
            _refuse(f"数据包中的“{self.info.filename[:60]}”大小与声明不符")
        self.digest.update(block)
        return block

    def finish(self) -> str:
        """Read to the end; the SHA-256 of all of it."""
        while self.read(1 << 20):
            pass
        if self.size != self.info.file_size:
            _refuse(f"数据包中的“{self.info.filename[:60]}”大小与声明不符")
        return self.digest.hexdigest()


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as f:
        data = f.read(info.file_size + 1)
    if len(data) != info.file_size:
        _refuse(f"数据包中的“{info.filename[:60]}”大小与声明不符")
    return data


def _records(zf: zipfile.ZipFile, info: zipfile.ZipInfo, held: Held, problems: list) -> tuple[list, str | None]:
    """A kind's records read one at a time, each typed as it comes and counted in `held`: (records, the file's
    SHA-256, or None when the file was left unread past too many refused records)."""
    name, kind = info.filename, info.filename[:-5]
    out, seen, before, i = [], set(), len(problems), 0
    with zf.open(info) as raw:
        stream = _Checked(raw, info)
        try:
            for i, item in enumerate(elements(stream, MAX_RECORD), 1):
                record = typed_record(kind, item, i, seen, problems)
                if record is not None:
                    out.append(record)
                    if not held.keep(record):
                        _refuse(f"数据包中的记录过多：读到{LABELS[kind]}第 {i} 条时已超过 {MAX_HELD >> 20} MB 的"
                                "内存上限，已拒绝；请按起止日期分成几个数据包导出")
                if len(problems) - before >= MAX_PROBLEMS:
                    problems.append(f"“{name}”中有问题的记录已达 {MAX_PROBLEMS} 条，其余的未再检查")
                    return out, None
        except TooLong:
            _refuse(f"数据包中“{name}”的第 {i + 1} 条记录超过 {MAX_RECORD // 10000} 万字的上限，已拒绝")
        except NotAList:
            _refuse(f"数据包中的“{name}”应为一个列表")
        except ValueError:  # not JSON, not UTF-8, NaN, nested past Python's depth
            _refuse(f"数据包中的“{name}”不是有效的 JSON（UTF-8）")
        return out, stream.finish()


def _json(data: bytes, name: str):
    try:
        return json.loads(data.decode("utf-8"), parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        _refuse(f"数据包中的“{name}”不是有效的 JSON（UTF-8）")


def _check_manifest(m) -> None:
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        _refuse("这不是支部台账的数据包（清单中没有数据包格式标识）")
    version = m.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= FORMAT_VERSION:
        _refuse(f"数据包格式版本“{str(version)[:20]}”不受支持（本程序读取版本 {FORMAT_VERSION}），请升级程序后再导入")
    for key in ("program_version", "source_branch", "exported_at"):
        if not isinstance(m.get(key), str) or len(m[key]) > 100:
            _refuse(f"数据包清单中的“{key}”应为文字")
    if len(m["source_branch"]) > 60:
        _refuse("数据包清单中的支部名称过长")
    counts, files = m.get("counts"), m.get("files")
    if not isinstance(counts, dict) or any(k not in KINDS or not isinstance(n, int) or isinstance(n, bool)
                                           for k, n in counts.items()):
        _refuse("数据包清单中的记录数（counts）格式不对")
    if not isinstance(files, dict) or any(not isinstance(s, str) or not HEX64.fullmatch(s) for s in files.values()):
        _refuse("数据包清单中的校验值（files）格式不对")


def read_package(path) -> Package:
    """Read and check a package without touching the store; PackageError (in Chinese) for anything amiss."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        _refuse(f"找不到文件“{path.name}”")
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(f"“{path.name}”不是数据包（不是有效的 .zip 文件）")
    try:
        with zf:
            return _read_package(zf, path)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError,
            OverflowError) as e:
        raise PackageError([f"数据包已损坏，无法读取（{type(e).__name__}）"]) from e


def _read_package(zf: zipfile.ZipFile, path: Path) -> Package:
    infos = zf.infolist()
    names: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        _check_name(info)
        if info.filename in names:
            _refuse(f"数据包中的“{info.filename[:60]}”出现了两次")
        names[info.filename] = info
    _sizes(infos)
    if MANIFEST not in names:
        _refuse("数据包中没有清单文件 manifest.json")
    manifest = _json(_read(zf, names[MANIFEST]), MANIFEST)
    _check_manifest(manifest)
    members = {n for n, i in names.items() if n != MANIFEST and not i.is_dir()}
    if set(manifest["files"]) != members:
        odd = sorted(set(manifest["files"]) ^ members)[0]
        _refuse(f"数据包中的文件与清单不符（“{odd[:60]}”）")
    records, problems, held = {}, [], Held(MAX_HELD)
    for name in sorted(members):
        if name.endswith(".json"):
            records[name[:-5]], digest = _records(zf, names[name], held, problems)
        else:
            with zf.open(names[name]) as f:
                digest = _Checked(f, names[name]).finish()
        if digest is not None and (digest != manifest["files"][name] or (
                name.startswith(FOLDER) and digest != name[len(FOLDER):])):
            _refuse(f"数据包中的“{name[:60]}”校验值不符，文件可能已损坏或被改动")
    for kind, n in manifest["counts"].items():
        if len(records.get(kind, [])) != n and not problems:
            problems.append(f"数据包清单中{kind}的记录数（{n}）与文件中的（{len(records.get(kind, []))}）不符")
    if problems:
        raise PackageError(problems)
    shas = {n[len(FOLDER):] for n in members if n.startswith(FOLDER)}
    return Package(manifest, {k: records.get(k, []) for k in KINDS}, shas,
                   lambda sha, target: extract_attachment(path, sha, target))


def extract_attachment(path, sha: str, target: Path) -> None:
    """One attachment file written out, its bytes checked against its hash again as they are copied."""
    if not HEX64.fullmatch(sha):
        _refuse("附件文件名无效")
    with zipfile.ZipFile(path) as zf, zf.open(FOLDER + sha) as f, open(target, "wb") as out:
        info = zf.getinfo(FOLDER + sha)
        if info.file_size > MAX_BYTES:
            _refuse("附件文件过大")
        stream = _Checked(f, info)  # stops at the size the zip declares
        for block in iter(lambda: stream.read(1 << 20), b""):
            out.write(block)
        digest = stream.finish()
    if digest != sha:
        target.unlink(missing_ok=True)
        _refuse("附件文件的校验值不符，数据包在读取后被改动")
