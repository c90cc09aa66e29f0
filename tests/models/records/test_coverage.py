"""社会组织党建: party organisations and their dated history, the columns derived from it, and a period's figures."""
import datetime as dt

import pytest

from models.records import common as records, party_orgs
from models.records.organisations import get_organisation, organisation_snapshot, save_organisation
from models.records.validation import ValidationError
from models.reporting.coverage_report import coverage_figures, coverage_sentence

TODAY = dt.date(2024, 12, 20)
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture
def today(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)


def org(name: str, **changes) -> str:
    return save_organisation({"name": name, "kind": "social_group", "registered_on": "2020-01-01", **changes})


def change(uuid: str, **changes) -> None:
    data = get_organisation(uuid)
    for key in ("deleted_at", "party_org_date"):
        data.pop(key)
    save_organisation({**data, **changes})


def figures(date_from=YEAR[0], date_to=YEAR[1]) -> dict:
    return coverage_figures(date_from, date_to)


def test_an_organisation_form_change_is_a_dated_history_row_and_the_columns_follow(today):
    uuid = org("甲协会", party_org="independent", instructor="张三", changed_on="2023-05-01")
    row = get_organisation(uuid)
    assert (row["party_org"], row["party_org_date"], row["instructor"]) == ("independent", dt.date(2023, 5, 1), "张三")
    change(uuid, party_org="none", instructor="李四", changed_on="2024-02-01")
    row = get_organisation(uuid)
    assert (row["party_org"], row["party_org_date"], row["instructor"]) == ("none", None, "李四")
    history = organisation_snapshot(uuid)["history"]
    assert history["links"][0]["date_to"] == dt.date(2024, 2, 1)
    assert history["links"][0]["party_org"]["ended_on"] == dt.date(2024, 2, 1)  # its own branch ends with it
    assert [(t["name"], t["date_to"]) for t in history["terms"]] == [("张三", dt.date(2024, 2, 1)), ("李四", None)]


def test_a_change_dated_before_the_current_state_or_after_today_is_refused_at_the_date(today):
    uuid = org("甲协会", instructor="张三", changed_on="2024-05-01")
    with pytest.raises(ValidationError) as e:
        change(uuid, instructor="李四", changed_on="2024-04-30")
    assert "不能早于2024年5月1日" in e.value.errors["changed_on"]
    with pytest.raises(ValidationError) as e:
        change(uuid, instructor="李四", changed_on="2024-12-21")
    assert "changed_on" in e.value.errors
    assert get_organisation(uuid)["instructor"] == "张三"  # nothing half-written


def test_a_joint_branch_covers_several_organisations_and_counts_once(today):
    a, b, c = org("甲"), org("乙"), org("丙")
    joint = party_orgs.save_party_org({"name": "第一联合党支部", "kind": "joint", "set_up_on": "2024-03-01",
                                       "organisations": [a, b]})
    party_orgs.add_organisation(joint, c, "2024-06-01")
    assert {get_organisation(u)["party_org"] for u in (a, b, c)} == {"joint"}
    f = figures()
    assert f["new_branches"] == 1 and f["new_independent"] == 0
    assert f["new_joint"] == [{"name": "第一联合党支部", "organisations": 3}]
    assert f["newly_covered"] == 3 and f["adjusted_joint"] == []
    assert (f["start"]["covered"], f["end"]["covered"], f["end"]["active"]) == (0, 3, 3)


def test_leaving_a_joint_branch_for_its_own_adjusts_the_joint_branch_in_that_period(today):
    a, b = org("甲"), org("乙")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2023-03-01",
                                       "organisations": [a, b]})
    change(a, party_org="independent", changed_on="2024-09-01")
    f = figures()
    assert f["adjusted_joint"] == ["联合"] and f["new_independent"] == 1
    assert f["newly_covered"] == 0  # covered before and after
    assert figures(dt.date(2023, 1, 1), dt.date(2023, 12, 31))["adjusted_joint"] == []
    members = next(p for p in party_orgs.list_party_orgs() if p["uuid"] == joint)["current"]
    assert members == ["乙"]


def test_coverage_rate_at_the_start_and_end_counts_only_organisations_registered_by_then(today):
    org("甲", instructor="王", changed_on="2023-06-01")
    org("乙", registered_on="2024-05-01")
    c = org("丙")
    change(c, instructor="赵", changed_on="2024-07-01")
    f = figures()
    assert (f["start"]["active"], f["start"]["covered"]) == (2, 1)
    assert (f["end"]["active"], f["end"]["covered"]) == (3, 2)
    assert f["instructors"] == 1 and f["assignments"] == 1
    text = coverage_sentence(*YEAR, "全年", TODAY)
    assert text.startswith("全年选派党建工作指导员1名，新覆盖社会组织1家；")
    assert "在册的3家社会组织中2家" in text and "覆盖率66.7%，较年初50%提高16.7个百分点" in text
    second_half = coverage_sentence(dt.date(2024, 7, 1), dt.date(2024, 12, 31), "下半年", TODAY)
    assert second_half.startswith("下半年选派党建工作指导员1名") and "较期初33.3%提高33.4个百分点" in second_half


def test_a_period_without_history_says_nothing(today):
    org("甲", instructor="王", changed_on="2023-06-01")
    assert coverage_sentence(*YEAR, "全年", TODAY) == ""


def test_a_branch_dissolved_stops_covering_and_cannot_end_before_its_last_member_joined(today):
    a, b = org("甲"), org("乙")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2023-03-01",
                                       "organisations": [a]})
    party_orgs.add_organisation(joint, b, "2024-02-01")
    data = {"uuid": joint, "name": "联合", "kind": "joint", "set_up_on": "2023-03-01", "notes": ""}
    with pytest.raises(ValidationError) as e:
        party_orgs.save_party_org({**data, "ended_on": "2024-01-15"})
    assert "ended_on" in e.value.errors
    party_orgs.save_party_org({**data, "ended_on": "2024-10-01"})
    assert {get_organisation(u)["party_org"] for u in (a, b)} == {"none"}
    assert figures()["adjusted_joint"] == ["联合"]


def test_an_organisation_cannot_be_in_two_party_organisations_at_once(today):
    a = org("甲", party_org="independent", changed_on="2024-01-01")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2023-03-01"})
    with pytest.raises(ValidationError):  # before its own branch was set up
        party_orgs.add_organisation(joint, a, "2023-06-01")
    party_orgs.add_organisation(joint, a, "2024-06-01")  # moves: its own branch ends that day
    snapshot = organisation_snapshot(a)["history"]
    assert [(k["party_org"]["kind"], k["date_to"]) for k in snapshot["links"]] == [
        ("independent", dt.date(2024, 6, 1)), ("joint", None)]


def test_undo_puts_a_party_organisation_and_its_members_back(today):
    from models.records.coverage import party_snapshot, put_party
    a, b = org("甲"), org("乙")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2024-03-01",
                                       "organisations": [a]})
    before = party_snapshot(joint)
    party_orgs.add_organisation(joint, b, "2024-05-01")
    after = party_snapshot(joint)
    put_party(joint, before)
    assert get_organisation(b)["party_org"] == "none"
    put_party(joint, after)
    assert get_organisation(b)["party_org"] == "joint"
    put_party(joint, None)
    assert {get_organisation(u)["party_org"] for u in (a, b)} == {"none"}


def test_data_health_names_an_empty_joint_branch_and_coverage_before_registration(today):
    from models.reporting.health import find_problems
    a = org("甲", instructor="王", changed_on="2021-01-01")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2023-03-01",
                                       "organisations": [a]})
    assert find_problems(only=("coverage",)) == []
    party_orgs.remove_organisation(joint, a, "2024-01-01")
    data = get_organisation(a)
    for key in ("deleted_at", "party_org_date"):
        data.pop(key)
    save_organisation({**data, "registered_on": "2022-06-01"})  # registered later than its instructor came
    [found] = find_problems(only=("coverage",))
    problems = {(r["kind"], r["problem"]) for r in found["rows"]}
    assert ("party_org", "联合党支部未撤销，但现在没有覆盖任何社会组织") in problems
    assert ("organisation", "党建工作指导员自2021年1月1日起覆盖，早于登记日期2022年6月1日") in problems
    party_orgs.save_party_org({"uuid": joint, "name": "联合", "kind": "joint", "set_up_on": "2023-03-01",
                               "ended_on": "2024-01-01", "notes": ""})
    assert [r["kind"] for r in find_problems(only=("coverage",))[0]["rows"]] == ["organisation"]


def test_a_branch_counts_only_while_it_covers_a_live_organisation(today):
    from models.records.organisations import delete_organisation, restore_organisation
    a = org("甲", party_org="independent", changed_on="2024-03-01")
    party_orgs.save_party_org({"name": "空的联合党支部", "kind": "joint", "set_up_on": "2024-04-01"})
    assert figures()["new_branches"] == 1
    delete_organisation(a)
    assert figures()["new_branches"] == 0 and figures()["end"]["active"] == 0
    assert [p["name"] for p in party_orgs.list_party_orgs()] == ["空的联合党支部"]  # its own branch binned with it
    restore_organisation(a)
    assert figures()["new_branches"] == 1


def test_an_archived_period_keeps_its_party_organisation_changes(today):
    from models.records.archive import archive_period
    a = org("甲")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2023-03-01",
                                       "organisations": [a]})
    archive_period("2023-01-01", "2023-12-31")
    data = {"uuid": joint, "name": "联合", "kind": "joint", "notes": ""}
    with pytest.raises(ValidationError) as e:
        party_orgs.save_party_org({**data, "set_up_on": "2023-02-01"})
    assert "已归档" in e.value.errors["set_up_on"]
    with pytest.raises(ValidationError):
        party_orgs.remove_organisation(joint, a, "2023-10-01")
    party_orgs.remove_organisation(joint, a, "2024-02-01")
    party_orgs.save_party_org({**data, "set_up_on": "2023-03-01", "notes": "改名前", "name": "联合一"})


def test_undo_on_the_organisation_page_puts_the_history_back_exactly(today):
    from models.records.organisations import organisation_snapshot
    a = org("甲", instructor="王", changed_on="2023-01-01")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2023-03-01",
                                       "organisations": [a]})
    before = organisation_snapshot(a)
    change(a, party_org="independent", instructor="李", changed_on="2024-05-01")
    after = organisation_snapshot(a)
    save_organisation(before)  # undo
    assert organisation_snapshot(a) == before
    assert next(p for p in party_orgs.list_party_orgs() if p["uuid"] == joint)["current"] == ["甲"]
    assert [p["kind"] for p in party_orgs.list_party_orgs()] == ["joint"]  # its own branch went with the undo
    save_organisation(after)  # redo
    assert organisation_snapshot(a) == after and get_organisation(a)["party_org"] == "independent"


def test_a_party_organisation_changed_since_it_was_read_is_not_saved_over_and_undo_keeps_archived_days(today):
    from models.records.archive import archive_period
    from models.records.common import ConflictError
    from models.records.coverage import get_party, party_snapshot, put_party
    a, b = org("甲"), org("乙")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2024-03-01",
                                       "organisations": [a]})
    read = get_party(joint)
    party_orgs.add_organisation(joint, b, "2024-05-01")  # elsewhere: a new version of the branch
    data = {k: read[k] for k in ("uuid", "name", "kind", "set_up_on", "ended_on", "notes", "version")}
    with pytest.raises(ConflictError) as e:
        party_orgs.save_party_org({**data, "name": "改名"})
    assert e.value.stored["covering"] == "甲、乙"
    with pytest.raises(ConflictError):
        party_orgs.remove_organisation(joint, a, "2024-06-01", read["version"])
    with pytest.raises(ConflictError):
        put_party(joint, None, read["version"])
    party_orgs.save_party_org({**data, "name": "改名", "version": get_party(joint)["version"]})
    before = party_snapshot(joint)
    archive_period("2024-05-01", "2024-05-31")
    with pytest.raises(ValidationError) as refused:
        put_party(joint, {**before, "links": before["links"][:1]})  # undoing 乙's joining in May
    assert "已归档" in refused.value.errors["changed_on"] and party_snapshot(joint) == before
    put_party(joint, {**before, "notes": "备注"})  # a change on no archived day goes through


def test_purging_an_organisation_takes_its_own_branch_and_its_history_and_a_joint_branch_keeps_the_rest(today):
    from models.records import audit
    from models.records.organisations import delete_organisation
    from models.records.recycle import purge_record
    from models.records.schema import InstructorTerm, PartyOrg, PartyOrgLink
    a = org("甲", party_org="independent", instructor="王", changed_on="2024-03-01")
    b, c = org("乙"), org("丙")
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2024-03-01",
                                       "organisations": [b, c]})
    own = PartyOrg.get(PartyOrg.kind == "independent").uuid
    for uuid in (a, b):
        delete_organisation(uuid)
        purge_record("organisation", uuid)
    assert [p.uuid for p in PartyOrg.select()] == [joint]  # no branch left standing for nothing
    assert PartyOrgLink.select().count() == 1 and InstructorTerm.select().count() == 0
    assert [p["current"] for p in party_orgs.list_party_orgs()] == [["丙"]]
    assert [e["action"] for e in audit.history(own)][0] == "purge"
    assert audit.history(joint)[0]["changes"] == {"覆盖的社会组织": ["乙", "彻底删除"]}


def test_a_branch_dated_before_registration_is_refused_in_the_words_of_the_field_that_holds_the_date(store):
    from models.records.organisations import save_organisation
    from models.records.validation import ValidationError
    with pytest.raises(ValidationError) as refused:
        save_organisation({"name": "新登记协会", "kind": "social_group", "registered_on": "2024-05-01",
                           "party_org": "independent", "changed_on": "2024-04-01"})
    assert refused.value.errors["changed_on"].startswith("变更日期不能早于登记日期")
