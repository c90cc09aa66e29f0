"""Create a group, a plan, a session with attendance and a reflection through the widgets."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.members import save_member
from models.study import get_plan, get_session, list_groups
from ui.group_dialog import GroupDialog
from ui.plan_dialog import PlanDialog
from ui.session_dialog import SessionDialog
from ui.study_page import StudyPage


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
        attendance.table.cellWidget(1, 1).setCurrentIndex(1)  # 请假
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
