"""Party dues in data packages: a round trip, importing twice, a conflict and both decisions, refusals."""
import datetime as dt
import hashlib
import json
import zipfile

import pytest
from package_helpers import fingerprint, package_from

from exports.data_package import read_package
from models.exchange.package_import import PackageError, apply_import, plan_import
from models.records import common as records, dues
from models.records.dues_accounts import month_collection, year_bases
from models.records.members import save_member

TODAY = dt.date(2025, 2, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)


def _fill() -> dict:
    person = {"gender": "male", "party_status": "full", "join_date": "2001-01-01"}
    a = save_member({"name": "甲", **person})
    b = save_member({"name": "乙", **person})
    dues.save_base(a, 2024, {"category": "employed", "income": "5600.5", "note": "工资"})
    dues.save_base(b, 2024, {"category": "farmer", "due": "0.8"})
    dues.copy_bases(2025)
    dues.record_payment(a, 2024, 1, {"paid_on": "2024-01-05", "amount": "100", "note": "多交"})
    dues.mark_paid(2024, 2, [a, b], "2024-02-06")
    dues.record_payment(b, 2025, 1, {"paid_on": "2025-01-03"})
    return {"甲": a, "乙": b}


def _tables() -> dict:
    """What the dues pages show, for 2024 and 2025."""
    return {year: ([(r["name"], r["category"], r["income_fen"], r["due_fen"], r["note"]) for r in year_bases(year)],
                   [[(r["name"], r["paid_fen"], r["paid_on"], r["note"]) for r in month_collection(year, m)["rows"]]
                    for m in range(1, 13)]) for year in (2024, 2025)}


@pytest.fixture
def package(store, tmp_path):
    """A package written from a separate store holding two members' dues; (path, what its pages showed)."""
    path, shown, counts = package_from(tmp_path, "dues.zip", _fill, _tables)
    assert counts["dues"] == 4
    return path, shown


def test_dues_travel_whole_and_a_second_import_changes_nothing(package):
    path, shown = package
    assert apply_import(read_package(path))["added"] == 6  # two members, four years of dues
    assert _tables() == shown
    before = fingerprint()
    assert apply_import(read_package(path)) == {"added": 0, "updated": 0, "unchanged": 6, "kept": 0}
    assert fingerprint() == before


def test_a_year_changed_on_both_sides_is_a_conflict_named_by_its_member(package):
    path, shown = package
    apply_import(read_package(path))
    a = next(r["member"] for r in year_bases(2024) if r["name"] == "甲")
    dues.record_payment(a, 2024, 3, {"paid_on": "2024-03-09"})
    mine = _tables()
    plan = plan_import(read_package(path))
    [conflict] = plan.conflicts
    assert (conflict.kind, conflict.label, conflict.fields) == ("dues", "甲2024年", ["payments"])
    assert apply_import(read_package(path), {conflict.uuid: "mine"})["kept"] == 1 and _tables() == mine
    assert apply_import(read_package(path), {conflict.uuid: "theirs"})["updated"] == 1 and _tables() == shown


def test_a_year_set_on_two_pcs_for_the_same_member_is_one_year(package):
    path, shown = package
    pkg = read_package(path)
    apply_import(pkg)
    # a year of dues set here under a uuid of its own, for a member who came in the package
    b = next(r["member"] for r in year_bases(2025) if r["name"] == "乙")
    theirs = next(r for r in pkg.records["dues"] if r["member"] == b and r["year"] == 2025)
    dues.put_payment(b, 2025, 1, None)
    plan = plan_import(pkg)
    assert [c.uuid for c in plan.conflicts] == [theirs["uuid"]] and plan.added == []


def _edited(path, tmp_path, change):
    """The package with its dues.json changed, and the manifest made to agree."""
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    records_ = json.loads(files["dues.json"])
    change(records_)
    files["dues.json"] = json.dumps(records_, ensure_ascii=False).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["counts"]["dues"] = len(records_)
    manifest["files"]["dues.json"] = hashlib.sha256(files["dues.json"]).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    out = tmp_path / "edited.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return read_package(out)


@pytest.mark.parametrize("change, says", [
    (lambda rs: rs[0]["payments"][0].update(amount="0.01"), "少于每月应交"),
    (lambda rs: rs[0].update(category="rich"), "党费类别"),
    (lambda rs: rs[0].update(member="3f1b2c4d-0000-4000-8000-000000000000"), "党员（3f1b2c4d…）在数据包和本机都找不到"),
    (lambda rs: rs[0]["payments"].append(dict(rs[0]["payments"][0])), "重复"),
    (lambda rs: rs.append({**rs[0], "uuid": "3f1b2c4d-0000-4000-8000-000000000001"}), "出现两次"),
    (lambda rs: rs[0].update(year=1800), "年份"),
])
def test_a_package_with_bad_dues_is_refused_and_writes_nothing(package, tmp_path, change, says):
    path, _ = package
    edited = _edited(path, tmp_path, change)
    before = fingerprint()
    with pytest.raises(PackageError) as e:
        apply_import(edited)
    assert says in str(e.value)
    assert fingerprint() == before
