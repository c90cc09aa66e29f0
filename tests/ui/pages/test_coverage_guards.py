"""党建覆盖's party-organisation changes guarded as every record's are: undo and redo refused in an archived period,
and a save over a change made on another PC meanwhile refused, showing what changed, nothing lost."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.records import common as records, party_orgs
from models.records.archive import archive_period
from models.records.common import ConflictError
from models.records.coverage import party_snapshot
from models.records.organisations import get_organisation
from ui.dialogs import membership_dialog
from ui.dialogs.membership_dialog import MembershipDialog
from ui.dialogs.organisation_dialog import OrganisationDialog
from ui.dialogs.party_org_dialog import PartyOrgDialog
from ui.pages.coverage_page import PARTIES, CoveragePage

TODAY = dt.date(2026, 6, 30)
ARCHIVED = "2026年5月1日至2026年5月31日已归档，其中的党组织变更只能查看；如需修改，请先在“设置”页取消归档"


@pytest.fixture
def orgs(store, monkeypatch):
    from models.records.organisations import save_organisation
    monkeypatch.setattr(records, "today", lambda: TODAY)
    made = {name: save_organisation({"name": name, "kind": "social_group", "registered_on": "2020-01-01"})
            for name in ("甲协会", "乙商会", "丙基金会")}
    made["joint"] = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2026-03-01",
                                               "organisations": [made["甲协会"], made["乙商会"]]})
    return made


@pytest.fixture
def page(orgs, qtbot):
    widget = CoveragePage()
    qtbot.addWidget(widget)
    widget.show()
    widget.view.setCurrentIndex(PARTIES)
    widget.select_uuid(orgs["joint"])
    return widget


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    return said


def press_save(values: dict, before=None):
    def exec_(dialog):
        if before:
            before(dialog)
        for key, value in values.items():
            dialog.field(key).setValue(value)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    return exec_


def test_undo_and_redo_of_a_party_change_in_an_archived_period_are_refused(page, orgs, monkeypatch, warnings):
    monkeypatch.setattr(MembershipDialog, "exec", press_save({"organisation": orgs["乙商会"], "date": "2026-05-10"}))
    page.change_members(False)
    assert get_organisation(orgs["乙商会"])["party_org"] == "none"
    archive_period("2026-05-01", "2026-05-31")
    left = party_snapshot(orgs["joint"])
    page.undo_stack.undo()
    assert warnings == ["无法完成““乙商会”移出“联合””：" + ARCHIVED]
    assert party_snapshot(orgs["joint"]) == left and get_organisation(orgs["乙商会"])["party_org"] == "none"
    assert page.current_row()["current"] == ["甲协会"]


def test_redo_into_an_archived_period_is_refused(page, orgs, monkeypatch, warnings):
    monkeypatch.setattr(MembershipDialog, "exec", press_save({"organisation": orgs["丙基金会"], "date": "2026-05-10"}))
    page.change_members(True)
    page.undo_stack.undo()
    assert get_organisation(orgs["丙基金会"])["party_org"] == "none" and not warnings
    archive_period("2026-05-01", "2026-05-31")
    page.undo_stack.redo()
    assert ARCHIVED in warnings[0]
    assert get_organisation(orgs["丙基金会"])["party_org"] == "none"
    assert sorted(page.current_row()["current"]) == ["乙商会", "甲协会"]


def test_undo_of_the_organisation_form_in_an_archived_period_is_refused(page, orgs, monkeypatch, warnings):
    page.view.setCurrentIndex(0)
    page.missing.setCurrentIndex(page.missing.findData("all"))
    page.select_uuid(orgs["丙基金会"])
    monkeypatch.setattr(OrganisationDialog, "exec", press_save({"instructor": "李指导", "changed_on": "2026-05-10"}))
    page.edit_current()
    assert get_organisation(orgs["丙基金会"])["instructor"] == "李指导"
    archive_period("2026-05-01", "2026-05-31")
    page.undo_stack.undo()
    assert ARCHIVED in warnings[0] and get_organisation(orgs["丙基金会"])["instructor"] == "李指导"


def test_deleting_a_party_set_up_in_an_archived_period_is_refused(page, orgs, warnings):
    archive_period("2026-03-01", "2026-03-31")
    page.delete_current()
    assert "2026年3月1日至2026年3月31日已归档" in warnings[0]
    assert party_snapshot(orgs["joint"]) is not None and page.undo_stack.count() == 0


def test_a_rename_over_a_change_made_elsewhere_shows_both_and_keeps_what_was_typed(page, orgs, monkeypatch):
    from models.records.coverage import get_party
    from ui.dialogs import record_dialog
    asked, opened = [], get_party(orgs["joint"])["version"]
    monkeypatch.setattr(record_dialog.SaveConflictDialog, "ask", lambda parent, conflict: asked.append(conflict))
    seen = []

    def elsewhere(dialog):  # another PC adds an organisation while the form is open
        seen.append(dialog)
        party_orgs.add_organisation(orgs["joint"], orgs["丙基金会"], "2026-06-01")
    monkeypatch.setattr(PartyOrgDialog, "exec", press_save({"name": "第一联合党支部"}, elsewhere))
    page.edit_party()
    [conflict] = asked
    assert "covering" in conflict.differing() and "丙基金会" in conflict.theirs["covering"]
    assert seen[0].field("name").value() == "第一联合党支部" and not seen[0].result()
    assert party_snapshot(orgs["joint"])["name"] == "联合" and page.undo_stack.count() == 0
    with pytest.raises(ConflictError):  # the same from the store's side: a stale version is refused
        party_orgs.save_party_org({"uuid": orgs["joint"], "name": "二", "kind": "joint", "set_up_on": "2026-03-01",
                                   "ended_on": None, "notes": "", "version": opened})


def test_a_join_over_a_change_made_elsewhere_says_what_it_covers_now_then_saves_again(page, orgs, monkeypatch,
                                                                                       warnings):
    party_orgs.remove_organisation(orgs["joint"], orgs["乙商会"], "2026-06-01")  # elsewhere, after the list read it
    tries = []

    def exec_(dialog):
        dialog.field("organisation").setValue(orgs["丙基金会"])
        dialog.field("date").setValue("2026-06-10")
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.click()
        tries.append(dialog.result())
        assert get_organisation(orgs["丙基金会"])["party_org"] == "none"  # refused, the choice still in the form
        assert dialog.field("organisation").value() == orgs["丙基金会"]
        save.click()  # again, knowing
        return dialog.result()
    monkeypatch.setattr(MembershipDialog, "exec", exec_)
    monkeypatch.setattr(membership_dialog.QMessageBox, "warning",
                        lambda parent, title, text, *a: warnings.append(text))
    page.change_members(True)
    assert tries == [0] and "它现在覆盖：甲协会" in warnings[0]
    assert get_organisation(orgs["丙基金会"])["party_org"] == "joint"


def test_delete_over_a_change_made_elsewhere_is_refused(page, orgs, warnings):
    party_orgs.add_organisation(orgs["joint"], orgs["丙基金会"], "2026-06-01")
    page.delete_current()
    assert "已被" in warnings[0] and "丙基金会" in warnings[0]
    assert party_snapshot(orgs["joint"]) is not None and page.undo_stack.count() == 0


def test_undo_of_a_join_is_refused_over_a_change_made_elsewhere_since(page, orgs, monkeypatch, warnings):
    monkeypatch.setattr(MembershipDialog, "exec", press_save({"organisation": orgs["丙基金会"], "date": "2026-06-10"}))
    page.change_members(True)
    party_orgs.remove_organisation(orgs["joint"], orgs["乙商会"], "2026-06-20")  # another PC, after the join
    page.undo_stack.undo()
    assert "已被" in warnings[0] and "修改" in warnings[0]
    current = {k["organisation"] for k in party_snapshot(orgs["joint"])["links"] if k["date_to"] is None}
    assert current == {orgs["甲协会"], orgs["丙基金会"]}  # both changes stand: nothing put back over theirs
    assert get_organisation(orgs["乙商会"])["party_org"] == "none"


def test_undo_of_the_organisation_form_is_refused_over_a_change_made_elsewhere_since(page, orgs, monkeypatch,
                                                                                   warnings):
    from models.records.organisations import organisation_snapshot, save_organisation
    from ui.pages.coverage_page import WORK
    page.view.setCurrentIndex(WORK)
    page.select_uuid(orgs["丙基金会"])
    monkeypatch.setattr(OrganisationDialog, "exec", press_save({"instructor": "李指导", "changed_on": "2026-06-01"}))
    page.edit_current()
    save_organisation({**organisation_snapshot(orgs["丙基金会"]), "contact_person": "赵联系"})  # another PC
    page.undo_stack.undo()
    assert "已被" in warnings[0]
    kept = get_organisation(orgs["丙基金会"])
    assert (kept["instructor"], kept["contact_person"]) == ("李指导", "赵联系")


def test_this_pages_own_party_change_does_not_block_the_undo_of_its_organisation_edit(page, orgs, monkeypatch,
                                                                                     warnings):
    from ui.pages.coverage_page import WORK
    page.view.setCurrentIndex(WORK)
    page.select_uuid(orgs["丙基金会"])
    monkeypatch.setattr(OrganisationDialog, "exec", press_save({"instructor": "李指导", "changed_on": "2026-06-01"}))
    page.edit_current()
    page.view.setCurrentIndex(PARTIES)
    page.select_uuid(orgs["joint"])
    monkeypatch.setattr(MembershipDialog, "exec", press_save({"organisation": orgs["丙基金会"], "date": "2026-06-10"}))
    page.change_members(True)  # moves 丙基金会's own columns (party_org) too
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert warnings == []
    back = get_organisation(orgs["丙基金会"])
    assert (back["instructor"], back["party_org"]) == ("", "none")


def test_this_pages_own_organisation_edit_does_not_block_the_undo_of_its_party_change(page, orgs, monkeypatch,
                                                                                     warnings):
    from ui.pages.coverage_page import WORK
    monkeypatch.setattr(PartyOrgDialog, "exec", press_save({"name": "第一联合党支部"}))
    page.edit_party()
    page.view.setCurrentIndex(WORK)
    page.select_uuid(orgs["丙基金会"])
    monkeypatch.setattr(OrganisationDialog, "exec", press_save({"joint_branch": orgs["joint"],
                                                                "changed_on": "2026-06-01"}))
    page.edit_current()  # 丙基金会 joins the branch: the branch changes too
    assert get_organisation(orgs["丙基金会"])["joint_branch"] == orgs["joint"]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert warnings == []
    assert party_snapshot(orgs["joint"])["name"] == "联合" and get_organisation(orgs["丙基金会"])["party_org"] == "none"


def test_an_undo_the_store_cannot_take_says_why_and_is_dropped(page, orgs, monkeypatch, warnings):
    from models.records import coverage
    from models.store import StoreError
    from ui.pages import coverage_page
    monkeypatch.setattr(MembershipDialog, "exec", press_save({"organisation": orgs["丙基金会"], "date": "2026-06-10"}))
    page.change_members(True)

    def busy(*args):
        raise StoreError("数据库正忙，请稍后再试。")
    monkeypatch.setattr(coverage_page, "put_party", busy)
    page.undo_stack.undo()  # said, not raised out of the undo stack
    assert "数据库正忙" in warnings[0] and page.undo_stack.count() == 0
    assert get_organisation(orgs["丙基金会"])["party_org"] == "joint" and coverage.party_version(orgs["joint"])
