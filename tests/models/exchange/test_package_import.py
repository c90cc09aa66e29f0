"""Merging data packages: round trip, importing twice, conflicts and both decisions, refusals that write nothing."""
import datetime as dt
import hashlib
import json
import zipfile
from uuid import uuid4

import pytest
from package_helpers import fingerprint, make_package

from exports.data_package import read_package, write_package
from models.exchange.package_import import PackageError, apply_import, plan_import
from models.records import activities, archive, members, settings, study
from models.records.audit import history
from models.records.schema import Activity, Member, StudyPlan
from models.store import close_database, open_database, store_path, stored_file


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


def _on(path, work):
    """work() done on another PC's store (a SQLite file of its own); the test's store is open again afterwards."""
    before = store_path()
    close_database()
    open_database(path)
    try:
        return work()
    finally:
        close_database()
        open_database(before)


def _pc_with_its_own_catalogue(extra_section: str | None = None) -> dict:
    """A PC where 社区服务 and 服务时长 were made by hand (so under uuids of its own), and an activity using them."""
    rows = settings.list_sections() + [{"name": "社区服务"}] + ([{"name": extra_section}] if extra_section else [])
    settings.save_sections(rows)
    sections = {s["name"]: s["uuid"] for s in settings.list_sections()}
    hours = settings.save_indicator({"name": "服务时长", "unit": "小时"})
    made = {"community": activities.save_activity({
        "type": "volunteer", "title": "社区服务活动", "date": "2024-04-01", "section": sections["社区服务"],
        "figures": [{"indicator": hours, "value": "3", "note": ""}]})}
    if extra_section:
        made["extra"] = activities.save_activity({"type": "volunteer", "title": "另一栏目的活动", "date": "2024-04-02",
                                                  "section": sections[extra_section]})
    return made


def _catalogue() -> tuple[list, list]:
    return ([s["name"] for s in settings.list_sections()],
            sorted((i["name"], i["unit"]) for i in settings.list_indicators()))


def test_sections_and_indicators_made_on_both_pcs_are_matched_by_name_both_ways(store, tmp_path):
    """The same 栏目 and 指标 made by hand on two PCs (two uuids each) are one: packages go both ways without
    duplicates, records land under this PC's own; one this PC lacks is added."""
    here = _pc_with_its_own_catalogue()
    mine = _catalogue()
    there = _on(tmp_path / "other.sqlite", lambda: (_pc_with_its_own_catalogue("志愿服务"),
                                                    write_package(tmp_path / "theirs.zip"))[0])
    apply_import(read_package(tmp_path / "theirs.zip"))
    names, indicators = _catalogue()
    assert names == mine[0] + ["志愿服务"] and indicators == mine[1]  # matched, and the missing one added
    section_here = {s["name"]: s["uuid"] for s in settings.list_sections()}
    hours_here = next(i["uuid"] for i in settings.list_indicators() if i["name"] == "服务时长")
    got = activities.get_activity(there["community"])
    assert got["section"] == section_here["社区服务"] and [f["indicator"] for f in got["figures"]] == [hours_here]
    assert activities.get_activity(there["extra"])["section"] == section_here["志愿服务"]
    assert activities.get_activity(here["community"])["section"] == section_here["社区服务"]
    write_package(tmp_path / "back.zip")

    def import_back():
        before = _catalogue()
        counts = apply_import(read_package(tmp_path / "back.zip"))
        assert _catalogue() == before  # every one of ours is known there already
        assert plan_import(read_package(tmp_path / "back.zip")).added == []
        return counts
    assert _on(tmp_path / "other.sqlite", import_back)["added"] == 1  # this PC's own activity


def _without_catalogue(source, dest):
    """The package as another tool may write it: sections and indicators left out, as they are here already."""
    with zipfile.ZipFile(source) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(files.pop("manifest.json"))
    for kind in ("sections", "indicators"):
        files.pop(f"{kind}.json")
        manifest["counts"].pop(kind)
    manifest["files"] = {n: hashlib.sha256(b).hexdigest() for n, b in files.items()}
    with zipfile.ZipFile(dest, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def test_a_package_may_point_at_sections_and_indicators_already_here(store, tmp_path):
    """The format page promises: what a record points at is in the package or already on this PC."""
    made = _pc_with_its_own_catalogue()
    write_package(tmp_path / "full.zip")
    pkg = read_package(_without_catalogue(tmp_path / "full.zip", tmp_path / "bare.zip"))
    pkg.records["activities"][0].update(uuid=str(uuid4()), title="另一台电脑补录的活动")
    assert apply_import(pkg)["added"] == 1
    copy = activities.get_activity(pkg.records["activities"][0]["uuid"])
    original = activities.get_activity(made["community"])
    assert (copy["section"], copy["figures"][0]["indicator"]) == (original["section"],
                                                                  original["figures"][0]["indicator"])
    pkg.records["activities"][0]["section"] = str(uuid4())  # here neither: still refused
    with pytest.raises(PackageError, match="栏目.*在数据包和本机都找不到"):
        plan_import(pkg)


def test_an_indicator_of_the_same_name_in_another_unit_is_not_taken_for_ours(store, tmp_path):
    _on(tmp_path / "other.sqlite", lambda: (_pc_with_its_own_catalogue(), write_package(tmp_path / "theirs.zip")))
    settings.save_indicator({"name": "服务时长", "unit": "天"})
    before = fingerprint()
    with pytest.raises(PackageError, match="指标“服务时长”在本机的单位是“天”，数据包中是“小时”"):
        apply_import(read_package(tmp_path / "theirs.zip"))
    assert fingerprint() == before
