"""Two people, one record: a save or delete over someone else's newer change is refused, on both backends,
with another PC played by a real second process on the same store."""
import datetime as dt

import pytest
from other_pc import answers, run_elsewhere, start

from models.records import activities, members, organisations, outreach, recycle, study
from models.records.common import ConflictError, ListQuery, NotFound, newest_change
from models.records.members import delete_member, get_member, list_members, save_member
from models.records.schema import Member
from models.store import db

BASE = {"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1990-05-01",
        "join_date": "2012-06-30", "phone": "13900001111"}


def form(uuid: str) -> dict:
    """What the member form holds once opened: the record with its version."""
    data = get_member(uuid)
    return {**{k: data[k] for k in members.FIELDS}, "uuid": uuid, "version": data["version"]}


def save_step(data: dict, **more) -> dict:
    return {"call": "models.records.members.save_member", "args": [data], **more}


def test_a_save_over_another_pcs_newer_save_is_refused_and_keeping_mine_is_a_choice(store, tmp_path):
    uuid = save_member(BASE)
    mine = form(uuid)
    [theirs] = run_elsewhere(store, tmp_path, save_step({**form(uuid), "phone": "13900002222", "job_title": "科长"}))
    assert theirs == {"result": uuid}
    with pytest.raises(ConflictError) as refused:
        save_member({**mine, "phone": "13900003333"})
    e = refused.value
    assert not e.deleted and e.uuid == uuid
    assert e.stored["phone"] == "13900002222" and e.stored["job_title"] == "科长"  # what to show beside mine
    assert e.stored["version"] == get_member(uuid)["version"] != mine["version"]
    assert e.by and e.at is not None and "保存了新的内容" in str(e)
    assert get_member(uuid)["phone"] == "13900002222"  # nothing of the refused save was written
    save_member({**mine, "phone": "13900003333", "version": e.stored["version"]})  # overwrite, knowingly
    assert get_member(uuid)["phone"] == "13900003333"


def test_two_processes_saving_the_same_record_at_once_one_wins_and_the_other_is_refused(store, tmp_path):
    uuid = save_member(BASE)
    go = tmp_path / "go"
    seen = form(uuid)  # both PCs opened the form on the same version
    slow = start(store, tmp_path, save_step({**seen, "phone": "13911111111"}, wait_for=str(go), hold=1.0))
    quick = start(store, tmp_path, save_step({**seen, "phone": "13922222222"}, wait_for=str(go), hold=0.0))
    go.touch()
    results = [answers(slow)[0], answers(quick)[0]]
    won = [r for r in results if r.get("result") == uuid]
    lost = [r for r in results if r.get("error") == "ConflictError"]
    assert len(won) == 1 and len(lost) == 1, results
    stored = get_member(uuid)["phone"]
    assert stored in ("13911111111", "13922222222")
    assert lost[0]["stored"]["phone"] == stored  # the one refused is shown the winner's record


def test_a_refused_save_of_a_record_with_parts_writes_none_of_them(store, tmp_path):
    save_member(BASE)
    uuid = activities.save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-03-05",
                                     "attendance": activities.members_for(dt.date(2024, 3, 5))})
    opened = activities.get_activity(uuid)
    [done] = run_elsewhere(store, tmp_path, {"call": "models.records.activities.save_activity",
                                        "args": [{**activities.snapshot(uuid), "place": "三楼会议室"}]})
    assert done == {"result": uuid}
    mine = {k: v for k, v in opened.items()}
    mine["attendance"] = [{**a, "status": "leave", "reason": "出差"} for a in mine["attendance"]]
    with pytest.raises(ConflictError) as refused:
        activities.save_activity({**mine, "title": "改过的主题"})
    assert refused.value.stored["place"] == "三楼会议室"
    now = activities.get_activity(uuid)
    assert now["title"] == "主题党日" and {a["status"] for a in now["attendance"]} == {"present"}


def test_deleting_a_record_changed_since_the_list_showed_it_is_refused(store, tmp_path):
    uuid = save_member(BASE)
    [shown] = list_members(ListQuery())
    assert shown["version"] == get_member(uuid)["version"]
    run_elsewhere(store, tmp_path, save_step({**form(uuid), "notes": "刚补充的备注"}))
    with pytest.raises(ConflictError):
        delete_member(uuid, shown["version"])
    assert get_member(uuid)["notes"] == "刚补充的备注"  # still live
    [again] = list_members(ListQuery())
    delete_member(uuid, again["version"])
    with pytest.raises(NotFound):
        get_member(uuid)


def test_saving_a_record_someone_moved_to_the_recycle_bin_says_so(store, tmp_path):
    uuid = save_member(BASE)
    mine = form(uuid)
    run_elsewhere(store, tmp_path, {"call": "models.records.members.delete_member", "args": [uuid]})
    with pytest.raises(ConflictError) as refused:
        save_member({**mine, "phone": "13900003333"})
    assert refused.value.deleted and refused.value.stored is None and "回收站" in str(refused.value)
    with pytest.raises(ConflictError) as again:
        delete_member(uuid, mine["version"])
    assert again.value.deleted
    recycle.purge_record("member", uuid)
    with pytest.raises(NotFound):  # gone for good: nothing to compare with
        save_member({**mine, "phone": "13900003333"})


def test_saves_without_a_version_are_as_before(store):
    """Imports, undo and the command line give no version: they save as they always did."""
    uuid = save_member(BASE)
    version = get_member(uuid)["version"]
    save_member({**BASE, "uuid": uuid, "phone": "13900004444"})
    save_member({**BASE, "uuid": uuid, "phone": "13900005555"})
    assert get_member(uuid)["phone"] == "13900005555" and get_member(uuid)["version"] != version


def test_every_save_gives_a_new_version_even_within_one_tick(store, monkeypatch):
    uuid = save_member(BASE)
    frozen = members.records.utcnow()
    Member.update(updated_at=frozen).where(Member.uuid == uuid).execute()
    monkeypatch.setattr(members.records, "utcnow", lambda: frozen)  # the clock has not moved since
    before = form(uuid)
    save_member({**before, "phone": "13900006666"})
    with pytest.raises(ConflictError):
        save_member({**before, "phone": "13900007777"})


def test_each_kind_lists_and_opens_with_the_same_version(store):
    save_member(BASE)
    org = organisations.save_organisation({"name": "市慈善总会", "kind": "social_group",
                                           "credit_code": "51110000500000000B", "party_org": "none"})
    act = activities.save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-03-05"})
    event = outreach.save_event({"title": "助学", "kind": "education_disability", "start_date": "2024-04-01"})
    group = study.save_group({"name": "青年学习小组"})
    session = study.save_session({"group": group, "kind": "study", "date": "2024-05-01", "topic": "学习"})
    pairs = [
        (organisations.list_organisations(ListQuery()), organisations.get_organisation(org)),
        (activities.list_activities(activities.ActivityQuery(), fields=("title",)), activities.get_activity(act)),
        (outreach.list_events(outreach.EventQuery()), outreach.get_event(event)),
        (study.list_sessions(study.SessionQuery()), study.get_session(session)),
    ]
    for listed, opened in pairs:
        assert [r["version"] for r in listed] == [opened["version"]]
    assert recycle.live_version("activity", act) == activities.get_activity(act)["version"]
    activities.delete_activity(act)
    assert recycle.live_version("activity", act) is None
    assert study.get_group(group)["version"]


def test_a_group_and_a_session_refuse_a_save_over_a_newer_one(store, tmp_path):
    group = study.save_group({"name": "青年学习小组", "purpose": "学理论"})
    opened = study.get_group(group)
    run_elsewhere(store, tmp_path, {"call": "models.records.study.save_group",
                               "args": [{"uuid": group, "name": "青年学习小组", "purpose": "学理论、强本领"}]})
    mine = {k: opened[k] for k in ("uuid", "version", "name", "founded_on", "leader", "members")}
    with pytest.raises(ConflictError) as refused:
        study.save_group({**mine, "purpose": "我的宗旨"})
    assert refused.value.stored["purpose"] == "学理论、强本领"
    session = study.save_session({"group": group, "kind": "study", "date": "2024-05-01", "topic": "学习"})
    seen = study.get_session(session)["version"]
    study.save_session({**study.session_snapshot(session), "topic": "改过"})
    with pytest.raises(ConflictError):
        study.save_session({**study.session_snapshot(session), "version": seen, "topic": "又改"})


def test_a_years_plan_saved_meanwhile_is_not_overwritten(store, tmp_path):
    group = study.save_group({"name": "青年学习小组"})
    empty = study.get_plan(group, 2024)
    assert empty["version"] == ""
    run_elsewhere(store, tmp_path, {"call": "models.records.study.save_plan",
                               "args": [group, 2024, {"goals": "另一台电脑定的目标"}]})
    with pytest.raises(ConflictError) as refused:  # both began a plan for the year: the second is asked
        study.save_plan(group, 2024, {"goals": "我的目标", "version": ""})
    assert refused.value.stored["goals"] == "另一台电脑定的目标"
    plan = study.get_plan(group, 2024)
    study.save_plan(group, 2024, {"goals": "我的目标", "version": plan["version"]})
    with pytest.raises(ConflictError):
        study.save_plan(group, 2024, {"goals": "旧版本上的目标", "version": plan["version"]})
    assert study.get_plan(group, 2024)["goals"] == "我的目标"


def test_the_change_mark_moves_when_another_process_saves(store, tmp_path):
    uuid = save_member(BASE)
    mark = newest_change()
    assert mark == newest_change()  # reading changes nothing
    run_elsewhere(store, tmp_path, save_step({**form(uuid), "phone": "13900008888"}))
    assert newest_change() != mark


@pytest.mark.sqlite_only("writes a timestamp in a form peewee does not read back as a datetime")
def test_a_timestamp_written_in_another_form_is_still_one_version(store):
    uuid = save_member(BASE)
    db.execute_sql("UPDATE member SET updated_at = '2024-01-02T03:04:05' WHERE uuid = ?", (uuid,))
    save_member({**form(uuid), "phone": "13900009999"})  # no false conflict
    assert get_member(uuid)["phone"] == "13900009999"
