"""Create a group, a plan, a session with attendance and a reflection through the widgets."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.records.members import save_member
from models.records.study import get_plan, get_session, list_groups
from ui.dialogs.group_dialog import GroupDialog
from ui.dialogs.plan_dialog import PlanDialog
from ui.dialogs.session_dialog import SessionDialog
from ui.pages.study_page import StudyPage


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog.result()


@pytest.fixture
def page(store, qtbot):
    for name in ("青年甲", "青年乙"):
        save_member({"name": name, "gender": "male", "party_status": "full"})
    widget = StudyPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_group_plan_session_reflection(page, monkeypatch):
    def make_group(dialog):
        dialog.field("name").setValue("“青听”学习小组")
        members = dialog.field("members")
        for i in range(members.choose.count()):
            members.add(members.choose.itemData(i), dt.date(2024, 1, 1))
        return save(dialog)
    monkeypatch.setattr(GroupDialog, "exec", make_group)
    page.new_group()
    group = list_groups()[0]
    assert group["name"] == "“青听”学习小组" and group["members"] == 2
    assert page.group.currentData() == group["uuid"]

    year = dt.date.today().year
    page.year.setCurrentIndex(page.year.findData(year))

    def make_plan(dialog):
        dialog.field("goals").setValue("每月一学")
        dialog.field("topics").setValue([{"month": 1, "topic": "开年第一课"}, {"month": 12, "topic": "年终交流"}])
        return save(dialog)
    monkeypatch.setattr(PlanDialog, "exec", make_plan)
    page.edit_plan()
    assert [t["topic"] for t in get_plan(group["uuid"], year)["topics"]] == ["开年第一课", "年终交流"]
    assert page.progress.rowCount() == 2

    def make_session(dialog):
        assert dialog.field("group").value() == group["uuid"]  # starts in the group looked at
        dialog.field("date").setValue(dt.date(year, 1, 15))
        dialog.field("topic").setValue("开年第一课")
        dialog.relist_members()
        attendance = dialog.attendance
        assert attendance.table.rowCount() == 2
        attendance.all_present.click()
        status = attendance.table.cellWidget(1, 1)
        status.setCurrentIndex(status.findData("leave"))
        assert dialog.reflections.members.count() == 1
        present = attendance.value()[0]["member"]
        dialog.reflections.set_text(present, "深受教育")
        assert "已交 1 篇 / 应交 1 篇" in dialog.reflections.count.text()
        return save(dialog)
    monkeypatch.setattr(SessionDialog, "exec", make_session)
    page.new_record()
    assert page.model.total == 1
    row = page.current_row()
    assert (row["present"], row["expected"], row["reflections"]) == (1, 2, 1)
    session = get_session(row["uuid"])
    assert session["reflections"][0]["text"] == "深受教育"
    january = next(r for r in range(page.progress.rowCount()) if page.progress.item(r, 0).text() == "1月")
    assert page.progress.item(january, 3).text() == "50%"
    page.undo_stack.undo()
    assert page.model.total == 0


def test_session_sheet_and_ledger_from_the_page(page, tmp_path, monkeypatch, qtbot):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from models.records.study import members_on, save_group, save_session
    from ui import files
    member = save_member({"name": "青年丙", "gender": "male", "party_status": "full"})
    group = save_group({"name": "青听", "members": [{"member": member, "joined_on": "2020-01-01"}]})
    day = dt.date(dt.date.today().year, 1, 20)
    save_session({"group": group, "date": day, "topic": "党章学习", "attendance": members_on(group, day),
                  "reflections": [{"member": member, "text": "收获很大"}]})
    page.reload()
    page.select_row(0)
    opened = []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    monkeypatch.setattr(files, "ask_save_path", lambda *a: tmp_path / "记录.pdf")
    page.export_sheet()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    text = "".join(p.extract_text() for p in PdfReader(opened[0]).pages)
    assert "党章学习" in text and "收获很大" in text
    monkeypatch.setattr(files, "ask_save_path", lambda *a: tmp_path / "台账.xlsx")
    page.export_ledger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10_000)
    assert load_workbook(opened[1]).worksheets[0].max_row == 2


def test_the_only_group_is_chosen_when_the_page_opens(store, qtbot):
    from models.records.study import save_group, save_session
    only = save_group({"name": "青听"})
    save_session({"group": only, "date": dt.date.today(), "topic": "开年第一课"})
    widget = StudyPage()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.group.currentData() == only and widget.model.query.group == only
    assert widget.progress.isVisible() and widget.model.rowCount() == 1
    other = save_group({"name": "书香"})
    widget.load_groups()                                  # another group now: what was chosen stays chosen
    assert widget.group.currentData() == only
    second = StudyPage()
    qtbot.addWidget(second)
    assert second.group.currentData() == "" and other      # two groups: all of them, until one is picked
