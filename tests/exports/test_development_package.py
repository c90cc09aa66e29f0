"""New members in data packages: a round trip (the deciding meetings travel even from outside the dates), importing
twice, a conflict and both decisions, and packages the rules refuse."""
import datetime as dt
import hashlib
import json
import zipfile

import pytest
from package_helpers import fingerprint, package_from

from exports.data_package import read_package
from models.exchange.package_import import PackageError, apply_import, plan_import
from models.records import common as records, development as dev, development_steps as steps
from models.records.activities import save_activity
from models.records.members import save_member

TODAY = dt.date(2025, 2, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)


def _fill() -> None:
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    a, b = save_member({"name": "甲", **full}), save_member({"name": "乙", **full})
    committee = save_activity({"type": "committee_meeting", "title": "支委会：确定发展对象", "date": "2022-03-15"})
    meeting = save_activity({"type": "member_meeting", "title": "支部党员大会：接收预备党员", "date": "2023-01-10"})
    zhang = dev.save_applicant({"name": "张", "gender": "male", "birth_date": "1996-02-03", "applied_on": "2021-03-01",
                                "workplace": "市社会组织服务中心", "post": "科员", "phone": "13800000000"})
    for kind, data in (("talk", {"date": "2021-03-05", "people": [a]}),
                       ("activist", {"date": "2021-03-10", "people": [a, b]}),
                       ("candidate", {"meeting": committee, "people": [a, b]}),
                       ("training", {"date": "2022-05-09", "days": 3, "hours": 24}),
                       ("probationary", {"meeting": meeting}),
                       ("full", {"date": "2024-01-12", "note": "按期转正"})):
        steps.record_step(zhang, kind, data)
    li = dev.save_applicant({"name": "李", "gender": "female", "birth_date": "2000-01-01", "applied_on": "2025-01-06"})
    steps.record_step(li, "talk", {"date": "2025-01-08", "people": [b]})


def _shown() -> list:
    """What the 发展党员 page shows of everyone, down to each step's meeting and people."""
    return [(r["name"], r["applied_on"], r["stage"], r["member"] is not None,
             {k: (s["date"], s["meeting_title"], sorted(s["names"]), s["days"], s["note"])
              for k, s in r["steps"].items()}) for r in dev.pipeline(TODAY)]


@pytest.fixture
def package(store, tmp_path):
    """A package of 2025 only, written from a separate store; (path, what its page showed)."""
    path, shown, counts = package_from(tmp_path, "development.zip", _fill, _shown,
                                       date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    assert counts["development"] == 2 and counts["activities"] == 2  # both meetings, though dated before 2025
    return path, shown


def test_a_path_travels_whole_and_a_second_import_changes_nothing(package):
    path, shown = package
    assert apply_import(read_package(path))["added"] == 2 + 2 + 3  # people, meetings, members (甲 乙 and 张)
    assert _shown() == shown
    zhang = next(r for r in dev.pipeline(TODAY) if r["name"] == "张")
    from models.records.members import get_member
    assert get_member(zhang["member"])["full_date"] == dt.date(2024, 1, 10)
    before = fingerprint()
    assert apply_import(read_package(path)) == {"added": 0, "updated": 0, "unchanged": 7, "kept": 0}
    assert fingerprint() == before


def test_a_path_changed_on_both_sides_is_a_conflict_settled_either_way(package):
    path, shown = package
    apply_import(read_package(path))
    li = next(r["uuid"] for r in dev.pipeline(TODAY) if r["name"] == "李")
    steps.record_step(li, "talk", {**steps.step_snapshot(li, "talk"), "note": "本机补记"})
    mine = _shown()
    [conflict] = plan_import(read_package(path)).conflicts
    assert (conflict.kind, conflict.label, conflict.fields) == ("development", "李", ["steps"])
    assert apply_import(read_package(path), {conflict.uuid: "mine"})["kept"] == 1 and _shown() == mine
    assert apply_import(read_package(path), {conflict.uuid: "theirs"})["updated"] == 1 and _shown() == shown


def _edited(path, tmp_path, change):
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    records_ = json.loads(files["development.json"])
    change({r["name"]: r for r in records_})
    files["development.json"] = json.dumps(records_, ensure_ascii=False).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["files"]["development.json"] = hashlib.sha256(files["development.json"]).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    out = tmp_path / "edited.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return read_package(out)


def _step(rec, kind):
    return next(s for s in rec["steps"] if s["kind"] == kind)


@pytest.mark.parametrize("change, says", [
    (lambda rs: _step(rs["张"], "candidate").update(date="2022-03-09"), "一年以上"),
    (lambda rs: _step(rs["张"], "training").update(days=2, hours=16), "第十七条"),
    (lambda rs: _step(rs["张"], "full").update(date="2024-01-09"), "期满后才能讨论转为正式党员"),
    (lambda rs: rs["张"]["steps"].remove(_step(rs["张"], "talk")), "步骤“入党谈话”没有登记"),
    (lambda rs: (rs["张"]["steps"].remove(_step(rs["张"], "talk")),
                 rs["张"].update(people=[p for p in rs["张"]["people"] if p["step"] != "talk"])), "请先登记“入党谈话”"),
    (lambda rs: rs["张"]["people"].pop(), "入党介绍人人数不正确"),
    (lambda rs: rs["李"].update(birth_date="2010-01-01"), "年满18周岁"),
    (lambda rs: _step(rs["张"], "candidate").update(meeting="3f1b2c4d-0000-4000-8000-000000000000"),
     "会议（3f1b2c4d…）在数据包和本机都找不到"),
    (lambda rs: rs["李"]["people"][0].update(member="3f1b2c4d-0000-4000-8000-000000000001"), "党员（3f1b2c4d…）"),
    (lambda rs: rs["李"]["steps"].append(dict(rs["李"]["steps"][0])), "重复"),
])
def test_a_package_against_the_rules_is_refused_and_writes_nothing(package, tmp_path, change, says):
    path, _ = package
    edited = _edited(path, tmp_path, change)
    before = fingerprint()
    with pytest.raises(PackageError) as e:
        apply_import(edited)
    assert says in str(e.value)
    assert fingerprint() == before
