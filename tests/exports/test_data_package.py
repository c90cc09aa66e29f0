"""Data package files: the manifest, and hostile packages refused with nothing written (hand-made and generated)."""
import hashlib
import itertools
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from package_helpers import fill, fingerprint, make_package

from exports import data_package, package_reader
from exports.data_package import read_package, write_package
from models import __version__
from models.exchange.package_import import PackageError, apply_import, plan_import
from models.exchange.package_records import KINDS
from models.store import attachment_dir, close_database, open_database


@pytest.fixture
def package(store, tmp_path):
    return make_package(tmp_path)[0]


def members_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rewrite(files: dict[str, bytes], dest, fix_manifest: bool = True):
    """Write files as a zip; with fix_manifest the manifest's checksums and counts are made to fit them."""
    if fix_manifest and "manifest.json" in files:
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = {n: hashlib.sha256(b).hexdigest() for n, b in files.items() if n != "manifest.json"}
        for kind in KINDS:
            try:
                manifest["counts"][kind] = len(json.loads(files[f"{kind}.json"]))
            except (KeyError, ValueError, TypeError):
                pass
        files = {**files, "manifest.json": json.dumps(manifest).encode()}
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def test_the_manifest_describes_and_checks_every_file(package):
    files = members_of(package)
    manifest = json.loads(files.pop("manifest.json"))
    assert (manifest["format"], manifest["format_version"]) == ("branch-ledger-data-package", 5)
    assert manifest["program_version"] == __version__ and manifest["source_branch"] == "城东支部"
    assert manifest["exported_at"].endswith("+00:00")
    assert manifest["files"] == {n: hashlib.sha256(b).hexdigest() for n, b in files.items()}
    assert manifest["counts"]["activities"] == len(json.loads(files["activities.json"])) == 1
    assert sum(n.startswith("attachments/") for n in files) == 1


def _json_edit(name, change):
    def edit(files):
        value = json.loads(files[name])
        change(value)
        files[name] = json.dumps(value).encode()
    return edit


HOSTILE = {
    "escaping path": (lambda f: f.update({"../evil.json": b"[]"}), "数据包以外"),
    "absolute path": (lambda f: f.update({"/tmp/evil.json": b"[]"}), "绝对路径"),
    "windows path": (lambda f: f.update({"C:/evil.json": b"[]"}), "绝对路径"),
    "unknown file": (lambda f: f.update({"run.exe": b"MZ"}), "不认识"),
    "zip bomb": (lambda f: f.update({"members.json": b"[" + b" " * (30 << 20) + b"]"}), "压缩炸弹"),
    "malformed json": (lambda f: f.update({"members.json": b'[{"uuid": '}), "JSON"),
    "not utf-8": (lambda f: f.update({"members.json": "[]".encode("utf-16")}), "JSON"),
    "nan": (lambda f: f.update({"indicators.json": b"[NaN]"}), "JSON"),
    "wrong type": (_json_edit("members.json", lambda v: v[0].update(name=5)), "应为文字"),
    "unknown field": (_json_edit("members.json", lambda v: v[0].update(salary="1")), "未知字段"),
    "bad uuid": (_json_edit("members.json", lambda v: v[0].update(uuid="../../x")), "UUID"),
    "duplicate uuid": (_json_edit("members.json", lambda v: v.append(v[0])), "重复"),
    "not a list": (lambda f: f.update({"activities.json": b'{"a": 1}'}), "列表"),
    "future format": (_json_edit("manifest.json", lambda m: m.update(format_version=package_reader.FORMAT_VERSION + 1)),
                      "不受支持"),
    "not a package": (_json_edit("manifest.json", lambda m: m.pop("format")), "不是支部台账的数据包"),
    "no manifest": (lambda f: f.pop("manifest.json"), "清单"),
    "dangling member": (_json_edit("members.json", lambda v: v.clear()), "都找不到"),
    "invalid value": (_json_edit("activities.json", lambda v: v[0].update(type="party")), "活动类型"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_packages_are_refused_and_nothing_is_written(package, tmp_path, name):
    edit, words = HOSTILE[name]
    files = members_of(package)
    edit(files)
    bad = rewrite(files, tmp_path / "bad.zip")
    before, kept = fingerprint(), sorted(attachment_dir().rglob("*"))
    with pytest.raises(PackageError, match=words) as caught:
        apply_import(read_package(bad), {})
    assert str(caught.value).startswith("数据包未导入：")
    assert fingerprint() == before and sorted(attachment_dir().rglob("*")) == kept


def test_a_checksum_that_does_not_match_is_refused(package, tmp_path):
    files = members_of(package)
    files["members.json"] = files["members.json"].replace("甲".encode(), "丁".encode())
    with pytest.raises(PackageError, match="校验值不符"):
        read_package(rewrite(files, tmp_path / "bad.zip", fix_manifest=False))
    attachment = next(n for n in files if n.startswith("attachments/"))
    files[attachment] = b"other bytes"  # listed with its new checksum, but no longer the file its name promises
    with pytest.raises(PackageError, match="校验值不符"):
        read_package(rewrite(files, tmp_path / "worse.zip"))


def test_sizes_beyond_the_limits_and_broken_zips_are_refused(package, tmp_path, monkeypatch):
    monkeypatch.setattr(package_reader, "MAX_TOTAL", 1000)
    with pytest.raises(PackageError, match="解压后超过"):
        read_package(package)
    monkeypatch.undo()
    (tmp_path / "text.zip").write_text("not a zip")
    with pytest.raises(PackageError, match="不是有效的 .zip"):
        read_package(tmp_path / "text.zip")
    data = package.read_bytes()
    (tmp_path / "cut.zip").write_bytes(data[: len(data) // 2])
    with pytest.raises(PackageError):
        read_package(tmp_path / "cut.zip")
    with pytest.raises(PackageError, match="找不到文件"):
        read_package(tmp_path / "missing.zip")


JSON = st.recursive(st.none() | st.booleans() | st.integers(-2, 10 ** 20) | st.text(max_size=12)
                    | st.floats(allow_nan=False, allow_infinity=False),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=6)


def _mutate(value, data, depth=0):
    """One random change somewhere inside a JSON value."""
    if isinstance(value, list) and value and depth < 4 and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(value) - 1))
        value[i] = _mutate(value[i], data, depth + 1)
        return value
    if isinstance(value, dict) and value and depth < 4:
        key = data.draw(st.sampled_from(sorted(value)))
        how = data.draw(st.sampled_from(["inside", "drop", "replace", "add"]))
        if how == "inside":
            value[key] = _mutate(value[key], data, depth + 1)
        elif how == "drop":
            del value[key]
        elif how == "replace":
            value[key] = data.draw(JSON)
        else:
            value[data.draw(st.text(max_size=8))] = data.draw(JSON)
        return value
    return data.draw(JSON)


EXAMPLES = itertools.count()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_packages_raise_only_package_errors_and_a_refusal_writes_nothing(package, tmp_path, data):
    close_database()  # each example starts from its own fresh store: empty, or holding the package unchanged
    open_database(tmp_path / f"target-{next(EXAMPLES)}.sqlite")
    if data.draw(st.booleans()):
        apply_import(read_package(package))
    decision = data.draw(st.sampled_from(["mine", "theirs"]))
    files = members_of(package)
    name = data.draw(st.sampled_from(["manifest.json"] + [f"{k}.json" for k in KINDS]))
    files[name] = json.dumps(_mutate(json.loads(files[name]), data), ensure_ascii=False).encode()
    bad = rewrite(files, tmp_path / "mutated.zip", fix_manifest=data.draw(st.booleans()))
    before = fingerprint()
    try:
        pkg = read_package(bad)
        plan = plan_import(pkg)
        assert fingerprint() == before  # planning never writes
        apply_import(pkg, {c.uuid: decision for c in plan.conflicts})
    except PackageError as e:
        assert str(e).startswith("数据包未导入：")
        assert fingerprint() == before


def test_a_package_of_the_first_format_still_imports(package, tmp_path):
    """Written before 亮点, rules and 停用 travelled: those fields take their defaults."""
    files = members_of(package)
    manifest = json.loads(files["manifest.json"])
    manifest["format_version"] = 1
    for name, fields in (("activities.json", ("highlight", "outcomes")), ("indicators.json", ("rule",)),
                         ("outreach_events.json", ("highlight",)), ("study_groups.json", ("archived",))):
        records = json.loads(files[name])
        for record in records:
            for field in fields:
                record.pop(field, None)
        files[name] = json.dumps(records, ensure_ascii=False).encode("utf-8")
        manifest["files"][name] = hashlib.sha256(files[name]).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    old = read_package(rewrite(files, tmp_path / "v1.zip"))
    assert old.records["activities"] and apply_import(old, {}) is not None


def test_a_package_written_a_slice_at_a_time_holds_what_one_written_whole_holds(store, tmp_path, monkeypatch):
    fill(tmp_path)
    write_package(tmp_path / "whole.zip")
    monkeypatch.setattr(data_package, "SLICE", 2)  # every kind in several slices
    write_package(tmp_path / "sliced.zip")
    whole, sliced = members_of(tmp_path / "whole.zip"), members_of(tmp_path / "sliced.zip")
    assert sliced.keys() == whole.keys()
    for name in whole:
        if name.endswith(".json") and name != "manifest.json":
            assert json.loads(sliced[name]) == json.loads(whole[name]), name
        elif name != "manifest.json":
            assert sliced[name] == whole[name], name
    assert json.loads(sliced["manifest.json"])["counts"] == json.loads(whole["manifest.json"])["counts"]
