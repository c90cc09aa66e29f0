"""Party building in data packages: each organisation's party organisations and instructors over time travel with
it (a joint branch stays one branch across PCs), a second import changes nothing, bad rows are refused whole, and
an organisation from an older package gets its history from its columns."""
import datetime as dt
import hashlib
import json
import zipfile

import pytest
from package_helpers import fingerprint, package_from

from exports.data_package import read_package
from models.exchange.package_import import PackageError, apply_import, plan_import
from models.records import common as records, party_orgs
from models.records.organisations import get_organisation, save_organisation
from models.records.schema import Organisation, PartyOrg
from models.reporting.coverage_report import coverage_figures

TODAY = dt.date(2025, 2, 10)
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)


def _fill() -> None:
    org = lambda name, **kw: save_organisation({"name": name, "kind": "social_group",  # noqa: E731
                                                "registered_on": "2020-01-01", **kw})
    a, b, c = org("甲协会"), org("乙商会", instructor="王指导", changed_on="2023-03-01"), org("丙学会")
    joint = party_orgs.save_party_org({"name": "第一联合党支部", "kind": "joint", "set_up_on": "2024-03-01",
                                       "organisations": [a, b]})
    party_orgs.add_organisation(joint, c, "2024-05-01")
    data = get_organisation(a)
    for key in ("deleted_at", "party_org_date"):
        data.pop(key)
    save_organisation({**data, "party_org": "independent", "changed_on": "2024-09-01"})


def _shown() -> dict:
    f = coverage_figures(*YEAR)
    for end in ("start", "end"):
        f[end].pop("covered_ids")
    parties = sorted((p["name"], p["kind"], str(p["set_up_on"]), tuple(sorted(p["current"])))
                     for p in party_orgs.list_party_orgs())
    return {"figures": f, "parties": parties,
            "columns": sorted((o.name, o.party_org, str(o.party_org_date), o.instructor) for o in Organisation.select())}


@pytest.fixture
def package(store, tmp_path):
    path, shown, _ = package_from(tmp_path, "coverage.zip", _fill, _shown)
    return path, shown


def test_the_history_travels_whole_and_a_second_import_changes_nothing(package):
    path, shown = package
    assert apply_import(read_package(path))["added"] == 3
    assert _shown() == shown
    assert PartyOrg.select().where(PartyOrg.kind == "joint").count() == 1  # one branch covering three, not three
    before = fingerprint()
    assert apply_import(read_package(path)) == {"added": 0, "updated": 0, "unchanged": 3, "kept": 0}
    assert fingerprint() == before


def test_a_changed_history_is_a_conflict_settled_either_way(package):
    path, shown = package
    apply_import(read_package(path))
    uuid = next(o.uuid for o in Organisation.select() if o.name == "丙学会")
    data = get_organisation(uuid)
    for key in ("deleted_at", "party_org_date"):
        data.pop(key)
    save_organisation({**data, "instructor": "李指导", "changed_on": "2025-01-02"})
    [conflict] = plan_import(read_package(path)).conflicts
    assert conflict.fields == ["instructor", "instructors"]
    assert apply_import(read_package(path), {conflict.uuid: "theirs"})["updated"] == 1
    assert _shown() == shown


def _edited(path, tmp_path, change):
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    recs = json.loads(files["organisations.json"])
    change(recs)
    files["organisations.json"] = json.dumps(recs, ensure_ascii=False).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["files"]["organisations.json"] = hashlib.sha256(files["organisations.json"]).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    out = tmp_path / "edited.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out


def test_a_bad_history_row_is_refused_and_nothing_is_written(package, tmp_path):
    path, _ = package

    def bad(recs):
        recs[0]["party_orgs"][0]["date_to"] = "2019-01-01"
        recs[1]["instructors"] = [{"name": "", "date_from": "2024-13-01", "date_to": None}]
    before = fingerprint()
    with pytest.raises(PackageError) as e:
        apply_import(read_package(_edited(path, tmp_path, bad)))
    said = "；".join(e.value.problems)
    assert "截止日期早于起始日期" in said and "指导员第 1 行" in said
    assert fingerprint() == before


def test_an_older_package_without_history_gets_it_from_the_columns(package, tmp_path):
    path, _ = package

    def old(recs):
        for rec in recs:
            rec.pop("party_orgs")
            rec.pop("instructors")
    apply_import(read_package(_edited(path, tmp_path, old)))
    by_name = {o.name: o for o in Organisation.select()}
    assert by_name["甲协会"].party_org == "independent" and str(by_name["甲协会"].party_org_date) == "2024-09-01"
    assert by_name["乙商会"].instructor == "王指导"
    f = coverage_figures(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert f["start"]["covered"] == f["end"]["covered"] == 3
