"""The 党建覆盖 page through its widgets: the period's figures, the work list and its filters, a joint branch set up
with its organisations, one joining and leaving on a day, the organisation form's 变更日期, undo and redo."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from models.records import common as records
from models.records.organisations import get_organisation, save_organisation
from models.records.party_orgs import list_party_orgs
from ui.dialogs.membership_dialog import MembershipDialog
from ui.dialogs.organisation_dialog import OrganisationDialog
from ui.dialogs.party_org_dialog import PartyOrgDialog
from ui.pages.coverage_page import PARTIES, WORK, CoveragePage

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def orgs(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    made = {}
    for name, extra in (("甲协会", {"party_org": "independent", "changed_on": "2025-03-01"}),
                        ("乙商会", {"instructor": "王指导", "changed_on": "2025-04-01"}),
                        ("丙基金会", {"kind": "foundation"}), ("丁学会", {})):
        made[name] = save_organisation({"name": name, "kind": "social_group", "registered_on": "2020-01-01", **extra})
    return made


@pytest.fixture
def page(orgs, qtbot):
    widget = CoveragePage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def press_save(values: dict, seen: list, before=None):
    def exec_(dialog):
        if before:
            before(dialog)
        for key, value in values.items():
            dialog.field(key).setValue(value)
        seen.append(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    return exec_


def names(table) -> list[str]:
    return [table.item(i, 0).text() for i in range(table.rowCount())]


def test_the_work_list_shows_organisations_without_either_and_filters(page):
    assert names(page.work) == ["丁学会", "丙基金会"]
    page.kind.setCurrentIndex(page.kind.findData("foundation"))
    assert names(page.work) == ["丙基金会"]
    page.kind.setCurrentIndex(0)
    page.missing.setCurrentIndex(page.missing.findData("no_instructor"))
    assert names(page.work) == ["丁学会", "丙基金会", "甲协会"]
    page.filter_box.setText("甲")
    assert names(page.work) == ["甲协会"]
    assert "（1）" in page.view.tabText(WORK)


def test_the_figures_follow_the_period(page):
    cell = lambda key, column: page.box.cells[key, column].text()  # noqa: E731
    assert (cell("covered", 1), cell("covered", 2), cell("covered", 3)) == ("2", "2", "+0")  # this year
    page.period.setCurrentIndex(page.period.findData("last_year"))
    assert (cell("covered", 1), cell("covered", 2), cell("rate", 2), cell("rate", 3)) == ("0", "2", "50%", "+50个百分点")
    assert "新成立党支部 1 个" in page.box.done.text() and "选派党建工作指导员 1 名" in page.box.done.text()


def test_a_joint_branch_set_up_joined_left_undone_and_redone(page, orgs, monkeypatch):
    seen = []
    page.view.setCurrentIndex(PARTIES)

    def tick(dialog):
        for i in range(dialog.organisations.count()):
            item = dialog.organisations.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in ("丙基金会", "丁学会") else Qt.CheckState.Unchecked)
    monkeypatch.setattr(PartyOrgDialog, "exec", press_save({"name": "第一联合党支部", "set_up_on": "2026-03-01"},
                                                           seen, tick))
    page.new_record()
    assert get_organisation(orgs["丙基金会"])["party_org"] == "joint"
    assert names(page.work) == []
    page.select_uuid(page.party_rows[0]["uuid"] if page.party_rows[0]["name"] == "第一联合党支部"
                     else page.party_rows[1]["uuid"])
    assert sorted(page.current_row()["current"]) == sorted(["丙基金会", "丁学会"])
    assert "新成立党支部 1 个（独立党支部 0 个；联合党支部 1 个，覆盖社会组织 2 家）" in page.box.done.text()

    monkeypatch.setattr(MembershipDialog, "exec", press_save({"organisation": orgs["丁学会"], "date": "2026-05-01"},
                                                             seen))
    page.change_members(False)
    assert get_organisation(orgs["丁学会"])["party_org"] == "none"
    assert names(page.work) == ["丁学会"]
    page.undo_stack.undo()
    assert get_organisation(orgs["丁学会"])["party_org"] == "joint"
    page.undo_stack.redo()
    assert get_organisation(orgs["丁学会"])["party_org"] == "none"
    page.undo_stack.undo()
    page.undo_stack.undo()  # the branch itself
    assert get_organisation(orgs["丙基金会"])["party_org"] == "none"
    assert [r["name"] for r in page.party_rows] == ["甲协会党支部"]


def test_a_refused_date_stays_in_the_form_with_its_reason(page, orgs, monkeypatch):
    page.view.setCurrentIndex(PARTIES)
    page.select_uuid(page.party_rows[0]["uuid"])
    seen = []
    monkeypatch.setattr(PartyOrgDialog, "exec", press_save({"ended_on": "2024-01-01"}, seen))
    page.edit_party()
    assert seen[0].error_text("ended_on")
    assert seen[0].field("ended_on").value() == dt.date(2024, 1, 1)
    assert page.undo_stack.count() == 0


def test_the_organisation_form_records_a_change_on_its_date(page, orgs, monkeypatch):
    page.select_uuid(orgs["丁学会"])
    seen = []
    monkeypatch.setattr(OrganisationDialog, "exec", press_save({"instructor": "李指导", "changed_on": "2026-02-01"},
                                                               seen))
    page.edit_current()
    assert get_organisation(orgs["丁学会"])["instructor"] == "李指导"
    assert names(page.work) == ["丙基金会"]
    assert "选派党建工作指导员 1 名" in page.box.done.text()
    page.undo_stack.undo()
    assert get_organisation(orgs["丁学会"])["instructor"] == ""
    assert "选派党建工作指导员 0 名" in page.box.done.text()


def test_a_party_organisation_opens_from_data_health(store, qtbot, orgs, monkeypatch):
    from ui.main_window import MainWindow
    window = MainWindow(store)
    qtbot.addWidget(window)
    uuid = list_party_orgs()[0]["uuid"]
    opened = []
    monkeypatch.setattr(PartyOrgDialog, "exec", lambda d: opened.append(d.field("name").value()) or 0)
    window.open_record("party_org", uuid)
    assert window.current_page_key() == "coverage" and opened == ["甲协会党支部"]
    assert window.pages["coverage"][1].view.currentIndex() == PARTIES


def test_a_party_organisations_history_says_who_joined_and_left(page, orgs, qtbot):
    from models.records import party_orgs
    from ui.dialogs.history_dialog import HistoryDialog
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2026-01-05",
                                       "organisations": [orgs["丙基金会"]]})
    party_orgs.remove_organisation(joint, orgs["丙基金会"], "2026-04-01")
    dialog = HistoryDialog(None, joint, {"name": "名称"})
    qtbot.addWidget(dialog)
    texts = [dialog.table.item(i, 3).text() for i in range(dialog.table.rowCount())]
    assert "覆盖的社会组织：（空） → 丙基金会（2026年1月5日加入）" in texts
    assert "覆盖的社会组织：丙基金会 → 2026年4月1日移出" in texts


def test_a_custom_period_reads_the_figures_as_the_dates_change(page):
    page.period.setCurrentIndex(page.period.findData("custom"))
    assert page.date_from.isVisibleTo(page)
    page.date_from.setValue(dt.date(2025, 3, 15))
    page.date_to.setValue(dt.date(2025, 3, 31))
    assert page.span() == (dt.date(2025, 3, 15), dt.date(2025, 3, 31))
    assert page.box.cells["covered", 1].text() == "1" and page.box.cells["covered", 2].text() == "1"
    page.date_to.setValue(dt.date(2025, 4, 30))
    assert page.box.cells["covered", 2].text() == "2" and "选派党建工作指导员 1 名" in page.box.done.text()


def test_the_organisation_form_keeps_its_two_party_choices_in_agreement(page, orgs, qtbot):
    from models.records import party_orgs
    joint = party_orgs.save_party_org({"name": "联合", "kind": "joint", "set_up_on": "2026-01-05"})
    dialog = OrganisationDialog(None, orgs["丁学会"])
    qtbot.addWidget(dialog)
    dialog.field("joint_branch").setValue(joint)
    assert dialog.field("party_org").value() == "joint"
    dialog.field("party_org").setValue("independent")
    assert dialog.field("joint_branch").value() == ""
    dialog.field("joint_branch").setValue(joint)
    dialog.field("changed_on").setValue(dt.date(2026, 2, 1))
    assert dialog.save()
    assert get_organisation(orgs["丁学会"])["joint_branch"] == joint


def test_delete_on_the_work_list_says_where_organisations_are_deleted(page, orgs):
    said = []
    page.status.connect(said.append)
    page.select_row(0)
    page.delete_current()
    assert get_organisation(orgs["丁学会"]) and said == ["社会组织请在“社会组织”页删除；这里只列出尚未覆盖的"]


def test_the_ledger_button_writes_the_periods_ledger(page, qtbot, monkeypatch, tmp_path):
    import openpyxl

    from ui import files
    out = tmp_path / "党建覆盖台账.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: out)
    monkeypatch.setattr(files, "open_in_viewer", lambda path: None)
    page.period.setCurrentIndex(page.period.findData("last_year"))
    page.ledger_button.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    summary = {r[0]: r[1:] for r in openpyxl.load_workbook(out)["覆盖情况"].iter_rows(values_only=True)}
    assert "期间：2025-01-01 至 2025-12-31" in summary and summary["已覆盖（党组织或指导员，家）"] == (0, 2, 2)


def test_the_organisation_form_lists_its_party_organisations_and_instructors_over_time(orgs, qtbot):
    data = get_organisation(orgs["乙商会"])
    for key in ("deleted_at", "party_org_date"):
        data.pop(key)
    save_organisation({**data, "instructor": "李指导", "party_org": "independent", "changed_on": "2026-02-01"})
    dialog = OrganisationDialog(None, orgs["乙商会"])
    qtbot.addWidget(dialog)
    table = dialog.party_history
    rows = [[table.item(i, c).text() for c in range(table.columnCount())] for i in range(table.rowCount())]
    assert rows == [["党组织", "乙商会党支部", "独立党支部", "2026-02-01", "至今"],
                    ["党建工作指导员", "李指导", "", "2026-02-01", "至今"],
                    ["党建工作指导员", "王指导", "", "2025-04-01", "2026-02-01"]]
