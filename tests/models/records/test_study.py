"""Study groups: plan against what was done, reflections, members who joined mid-year."""
import datetime as dt

import pytest

from models.records.members import save_member
from models.records.study import (
    SessionQuery,
    count_sessions,
    get_group,
    get_plan,
    get_session,
    list_groups,
    members_on,
    plan_vs_done,
    plans_vs_done,
    reflection_count,
    save_group,
    save_plan,
    save_session,
    session_snapshot,
    set_archived,
)
from models.records.validation import ValidationError


@pytest.fixture
def group(store):
    a = save_member({"name": "青年甲", "gender": "male", "party_status": "full"})
    b = save_member({"name": "青年乙", "gender": "female", "party_status": "full"})
    c = save_member({"name": "青年丙", "gender": "female", "party_status": "full"})
    uuid = save_group({"name": "“青听”学习小组", "purpose": "青年理论学习", "leader": a, "founded_on": "2023-01-01",
                       "members": [{"member": a, "joined_on": "2023-01-01"}, {"member": b, "joined_on": "2023-01-01"},
                                   {"member": c, "joined_on": "2024-07-01"}]})
    return uuid, (a, b, c)


def session(group_uuid, day, present=None, reflections=(), topic="党章学习"):
    rows = members_on(group_uuid, day)
    for row in rows:
        if present is not None and row["member"] not in present:
            row["status"], row["reason"] = "leave", "出差"
    return save_session({"group": group_uuid, "date": day, "topic": topic, "attendance": rows,
                         "reflections": [{"member": m, "text": "很有收获"} for m in reflections]})


def test_group_members_and_archive(group):
    uuid, (a, b, c) = group
    got = get_group(uuid)
    assert got["leader"] == a and len(got["members"]) == 3
    assert {m["name"] for m in members_on(uuid, dt.date(2024, 6, 30))} == {"青年甲", "青年乙"}
    assert len(members_on(uuid, dt.date(2024, 7, 1))) == 3
    save_group({**{k: got[k] for k in ("uuid", "name", "purpose", "leader", "founded_on", "members")},
                "purpose": "改过的宗旨"})  # editing keeps its own name
    assert get_group(uuid)["purpose"] == "改过的宗旨" and len(get_group(uuid)["members"]) == 3
    set_archived(uuid, True)
    assert list_groups() == [] and list_groups(include_archived=True)[0]["archived"]


def test_plan_vs_done(group):
    uuid, (a, b, c) = group
    save_plan(uuid, 2024, {"goals": "全年12次", "topics": [
        {"month": 3, "topic": "党章学习"}, {"month": 5, "topic": "条例学习"}, {"month": 8, "topic": "青年座谈"}]})
    session(uuid, dt.date(2024, 3, 10), present={a, b}, reflections=[a])
    session(uuid, dt.date(2024, 3, 25), present={a}, reflections=[a])
    session(uuid, dt.date(2024, 8, 2), reflections=[a, b, c])  # 丙 joined in July: now expected
    session(uuid, dt.date(2024, 10, 9), topic="临时加学")
    rows = {r["month"]: r for r in plan_vs_done(uuid, 2024, today=dt.date(2024, 9, 1))}
    assert sorted(rows) == [3, 5, 8, 10]
    assert len(rows[3]["sessions"]) == 2 and rows[3]["attendance_rate"] == pytest.approx(3 / 4)
    assert rows[3]["reflections"] == (2, 3)
    assert rows[5]["sessions"] == [] and rows[5]["overdue"]
    assert rows[8]["attendance_rate"] == 1 and rows[8]["reflections"] == (3, 3)
    assert rows[10]["planned"] == [] and not rows[10]["overdue"]
    assert not {r["month"]: r for r in plan_vs_done(uuid, 2024, today=dt.date(2024, 5, 31))}[5]["overdue"]


def test_several_groups_are_read_at_once_as_each_alone(group):
    uuid, (a, b, c) = group
    other = save_group({"name": "“红色领航”学习小组", "purpose": "", "leader": b, "founded_on": "2023-01-01",
                        "members": [{"member": b, "joined_on": "2023-01-01"}]})
    save_plan(uuid, 2024, {"topics": [{"month": 3, "topic": "党章学习"}, {"month": 5, "topic": "条例学习"}]})
    save_plan(other, 2024, {"topics": [{"month": 5, "topic": "青年座谈"}]})
    session(uuid, dt.date(2024, 3, 10), present={a, b}, reflections=[a])
    session(other, dt.date(2024, 3, 12), reflections=[b])
    session(other, dt.date(2024, 6, 1), topic="临时加学")
    session(uuid, dt.date(2023, 12, 30))  # another year: in neither
    today = dt.date(2024, 9, 1)
    both = plans_vs_done(2024, [uuid, other], today)
    assert both == {uuid: plan_vs_done(uuid, 2024, today), other: plan_vs_done(other, 2024, today)}
    assert [r["month"] for r in both[other]] == [3, 5, 6] and both[other][1]["overdue"]
    assert [s["topic"] for r in both[uuid] for s in r["sessions"]] == ["党章学习"]


def test_reflections_counted_against_those_present(group):
    uuid, (a, b, c) = group
    s = session(uuid, dt.date(2024, 3, 10), present={a, b}, reflections=[a])
    assert reflection_count(get_session(s)) == (1, 2)


def test_session_checks_and_snapshot(group):
    uuid, _ = group
    with pytest.raises(ValidationError) as e:
        save_session({"group": "", "date": "", "topic": "", "duration_minutes": "两小时"})
    assert set(e.value.errors) == {"group", "date", "topic", "duration_minutes"}
    s = session(uuid, dt.date(2024, 4, 1))
    before = session_snapshot(s)
    save_session({**before, "topic": "改", "attendance": [], "reflections": []})
    save_session(before)
    assert session_snapshot(s) == before
    assert count_sessions(SessionQuery(group=uuid)) == 1


def test_plan_round_trip_and_checks(group):
    uuid, _ = group
    save_plan(uuid, 2025, {"goals": "定目标", "tasks": "定任务", "standards": "定标准",
                           "topics": [{"month": 1, "topic": "开年第一课", "lead": "青年甲"}]})
    assert get_plan(uuid, 2025)["topics"][0]["lead"] == "青年甲"
    with pytest.raises(ValidationError) as e:
        save_plan(uuid, 2025, {"topics": [{"month": 13, "topic": "x"}, {"month": 2, "topic": ""}]})
    assert "topics" in e.value.errors
    assert get_plan(uuid, 2025)["goals"] == "定目标"  # unchanged
