"""Merging data packages: round trip, importing twice, conflicts and both decisions, refusals that write nothing."""
import datetime as dt
import json
import zipfile
from uuid import uuid4

import pytest
from package_helpers import fingerprint, make_package

from exports.data_package import read_package, write_package
from models.exchange.package_import import PackageError, apply_import, plan_import
from models.records import activities, archive, members, study
from models.records.audit import history
from models.records.schema import Activity, Member, StudyPlan
from models.store import stored_file


def _by_name(package) -> dict:
    """Records by kind, with sections and indicators named rather than numbered (each store has its own)."""
    names = {r["uuid"]: r["name"] for k in ("sections", "indicators") for r in package.records[k]}
    out = {}
    for kind, recs in package.records.items():
        if kind in ("sections", "indicators"):
            continue
        text = json.dumps(sorted(recs, key=lambda r: r["uuid"]), ensure_ascii=False, sort_keys=True)
        for uuid, name in names.items():
            text = text.replace(uuid, name)
        out[kind] = json.loads(text)
    return out


@pytest.fixture
def package(store, tmp_path):
    path, uuids = make_package(tmp_path)
    return read_package(path), uuids


def test_round_trip_into_an_empty_store_then_again_changes_nothing(package, tmp_path):
    pkg, uuids = package
    counts = apply_import(pkg)
    assert counts == {"added": 9, "updated": 0, "unchanged": 0, "kept": 0}
    write_package(tmp_path / "back.zip")
    again = read_package(tmp_path / "back.zip")
    assert _by_name(again) == _by_name(pkg)
    a = Member.get(Member.uuid == uuids["members"][0])
    assert a.source_branch == "城东支部"
    assert Member.get(Member.uuid == uuids["members"][2]).deleted_at is not None  # travelled in the recycle bin
    sha = activities.get_activity(uuids["activity"])["attachments"][0]["sha256"]
    assert stored_file(sha).read_bytes() == b"\xff\xd8photo" * 300
    before = fingerprint()
    plan = plan_import(pkg)
    assert (plan.added, plan.conflicts, len(plan.unchanged)) == ([], [], 9)
    assert apply_import(pkg) == {"added": 0, "updated": 0, "unchanged": 9, "kept": 0}
    assert fingerprint() == before


def _reflections(session: str) -> set[tuple]:
    return {(r["member"], r["text"], r["submitted_on"]) for r in study.get_session(session)["reflections"]}


def test_a_reflection_handed_in_without_text_is_kept_and_a_second_import_changes_nothing(package):
    pkg, uuids = package
    a, b, _ = uuids["members"]
    [session] = pkg.records["study_sessions"]
    assert {"member": b, "text": "", "submitted_on": "2024-03-07"} in session["reflections"]
    apply_import(pkg)
    assert _reflections(uuids["session"]) == {(a, "收获很大", dt.date(2024, 3, 6)), (b, "", dt.date(2024, 3, 7))}
    before = fingerprint()
    plan = plan_import(pkg)
    assert (plan.added, plan.conflicts, len(plan.unchanged)) == ([], [], 9)
    assert apply_import(pkg) == {"added": 0, "updated": 0, "unchanged": 9, "kept": 0}
    assert fingerprint() == before


def test_taking_their_session_keeps_its_reflection_without_text(package):
    pkg, uuids = package
    apply_import(pkg)
    study.save_session({**study.session_snapshot(uuids["session"]), "topic": "本机改过的主题"})
    [conflict] = plan_import(pkg).conflicts
    assert conflict.uuid == uuids["session"] and "reflections" in conflict.fields  # the form left the empty one out
    assert apply_import(pkg, {uuids["session"]: "theirs"})["updated"] == 1
    assert len(_reflections(uuids["session"])) == 2
    assert plan_import(pkg).conflicts == []


def test_an_approximate_figure_travels_as_entered(package):
    pkg, uuids = package
    apply_import(pkg)
    figures = {f["name"]: f for f in activities.get_activity(uuids["activity"])["figures"]}
    assert (figures["受益人数"]["value"], figures["受益人数"]["value_centi"]) == ("200余", 20000)
    assert plan_import(pkg).conflicts == []


def test_a_group_set_aside_travels_so(package):
    pkg, uuids = package
    apply_import(pkg)
    assert study.get_group(uuids["group"])["archived"]
    study.set_archived(uuids["group"], False)
    [conflict] = plan_import(pkg).conflicts
    assert (conflict.uuid, conflict.fields) == (uuids["group"], ["archived"])
    apply_import(pkg, {uuids["group"]: "theirs"})
    assert study.get_group(uuids["group"])["archived"] and plan_import(pkg).conflicts == []


def _change_phone_here(uuid):
    data = members.member_snapshot(uuid)
    members.save_member({**data, "phone": "13900139000"})


def test_a_record_changed_on_both_sides_waits_for_a_decision(package):
    pkg, uuids = package
    apply_import(pkg)
    _change_phone_here(uuids["members"][0])
    plan = plan_import(pkg)
    assert [(c.kind, c.uuid, c.fields) for c in plan.conflicts] == [("members", uuids["members"][0], ["phone"])]
    before = fingerprint()
    with pytest.raises(PackageError, match="请选择"):
        apply_import(pkg)
    assert fingerprint() == before


def test_keep_mine(package):
    pkg, uuids = package
    apply_import(pkg)
    _change_phone_here(uuids["members"][0])
    before = fingerprint()
    assert apply_import(pkg, {uuids["members"][0]: "mine"})["kept"] == 1
    assert members.get_member(uuids["members"][0])["phone"] == "13900139000"
    assert fingerprint() == before


def test_take_theirs(package):
    pkg, uuids = package
    apply_import(pkg)
    _change_phone_here(uuids["members"][0])
    assert apply_import(pkg, {uuids["members"][0]: "theirs"})["updated"] == 1
    assert members.get_member(uuids["members"][0])["phone"] == "13800138000"
    assert history(uuids["members"][0])[0]["changes"]["phone"] == ["13900139000", "13800138000"]
    assert plan_import(pkg).conflicts == []


def test_a_record_deleted_here_is_a_conflict_and_theirs_brings_it_back(package):
    pkg, uuids = package
    apply_import(pkg)
    activities.delete_activity(uuids["activity"])
    [conflict] = plan_import(pkg).conflicts
    assert conflict.deleted_here and conflict.uuid == uuids["activity"]
    apply_import(pkg, {uuids["activity"]: "theirs"})
    assert activities.get_activity(uuids["activity"])["title"] == "主题党日"


def test_records_keep_the_branch_they_name(package):
    pkg, uuids = package
    pkg.records["members"][1]["source_branch"] = "城西支部"
    pkg.records["organisations"][0]["source_branch"] = ""
    apply_import(pkg)
    assert Member.get(Member.uuid == uuids["members"][1]).source_branch == "城西支部"
    from models.records.schema import Organisation
    assert Organisation.get(Organisation.uuid == uuids["organisation"]).source_branch == "城东支部"


@pytest.mark.parametrize("spoil, words", [
    (lambda p: p.records["members"].clear(), "在数据包和本机都找不到"),
    (lambda p: p.records["members"][0].update(gender="x"), "性别"),
    (lambda p: p.records["activities"][0].update(date="2024-02-30"), "不是真实存在的日期"),
    (lambda p: p.records["outreach_events"][0]["participations"][0].update(role="boss"), "角色"),
    (lambda p: p.records["study_sessions"][0].update(group="00000000-0000-4000-8000-000000000000"), "学习小组"),
    (lambda p: p.attachments.clear(), "附件"),
    (lambda p: p.records["organisations"].append({**p.records["organisations"][0], "uuid": str(uuid4())}), "重复"),
    (lambda p: p.records["study_plans"][0].update(group=""), "学习小组"),
])
def test_invalid_or_dangling_records_are_refused_before_anything_is_written(package, spoil, words):
    pkg, _ = package
    spoil(pkg)
    before = fingerprint()
    with pytest.raises(PackageError, match=words):
        apply_import(pkg)
    assert fingerprint() == before and Activity.select().count() == 0


def test_records_in_an_archived_period_are_refused(package):
    pkg, _ = package
    archive.archive_period("2024-01-01", "2024-12-31")
    before = fingerprint()
    with pytest.raises(PackageError, match="已归档"):
        apply_import(pkg)
    assert fingerprint() == before


def test_a_date_range_takes_dated_records_inside_it_and_what_they_point_at(store, tmp_path):
    path, uuids = make_package(tmp_path, date_from="2024-05-15", date_to="2024-12-31")
    pkg = read_package(path)
    assert [r["uuid"] for r in pkg.records["outreach_events"]] == [uuids["event"]]
    assert pkg.records["activities"] == [] and pkg.records["study_sessions"] == []
    assert pkg.attachments == set()
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["date_from"] == "2024-05-15" and manifest["counts"]["outreach_events"] == 1
    apply_import(pkg)
    assert plan_import(pkg).added == []


def test_a_groups_plan_for_a_year_is_one_plan_whichever_pc_made_it(package):
    pkg, _ = package
    apply_import(pkg)
    pkg.records["study_plans"][0]["uuid"] = str(uuid4())  # the same plan, made again on another PC
    pkg.records["study_plans"][0]["goals"] = "另一台电脑的目标"
    [conflict] = plan_import(pkg).conflicts
    assert conflict.fields == ["goals"]
    apply_import(pkg, {conflict.uuid: "theirs"})
    assert plan_import(pkg).conflicts == [] and StudyPlan.select().count() == 1
