"""Add, edit, filter, delete and restore a member through the widgets."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from models.records.common import ListQuery
from models.records.members import get_member, list_members
from ui.dialogs.member_dialog import MemberDialog
from ui.pages.member_page import MemberPage
from ui.pages.recycle_page import RecyclePage


@pytest.fixture
def page(store, qtbot):
    widget = MemberPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill_and_save(values: dict):
    """Replace the modal exec(): type into the dialog's fields and press 保存."""
    def exec_(dialog):
        for key, value in values.items():
            dialog.form.fields[key].setValue(value)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        fill_and_save.last = dialog
        return dialog.result()
    return exec_


def test_add_member_through_the_form(page, monkeypatch):
    monkeypatch.setattr(MemberDialog, "exec", fill_and_save({
        "name": "陈晓", "gender": "female", "party_status": "full", "birth_date": dt.date(1994, 2, 3),
        "join_date": dt.date(2016, 6, 1), "full_date": dt.date(2017, 6, 1), "phone": "13600001234"}))
    page.new_record()
    assert page.model.total == 1
    row = page.current_row()
    assert row["name"] == "陈晓" and row["young"]
    assert page.model.data(page.model.index(0, 1)) == "女"


def test_bad_input_is_shown_at_the_field_and_kept(page, monkeypatch):
    monkeypatch.setattr(MemberDialog, "exec", fill_and_save({
        "name": "陈晓", "gender": "female", "party_status": "probationary", "phone": "12345",
        "join_date": dt.date(2016, 6, 1), "full_date": dt.date(2015, 6, 1)}))
    assert MemberDialog.ask(page) is None
    dialog = fill_and_save.last
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "格式不对" in dialog.form.error_text("phone")
    assert "转正日期" in dialog.form.error_text("full_date")
    assert dialog.form.error_text("name") == ""
    assert dialog.form.fields["name"].value() == "陈晓"  # nothing typed is lost
    assert list_members(ListQuery()) == []


def test_edit_filter_delete_restore(page, monkeypatch, qtbot, answer):
    from models.records.members import save_member
    for name, title in (("张伟", "科长"), ("李娜", "科员"), ("王强", "科员")):
        save_member({"name": name, "gender": "male", "party_status": "full", "job_title": title})
    page.reload()
    assert page.model.total == 3

    page.filter_box.setText("科员")
    qtbot.waitUntil(lambda: page.model.total == 2)
    page.select_row(0)
    target = page.current_row()
    monkeypatch.setattr(MemberDialog, "exec", fill_and_save({"job_title": "副科长"}))
    page.edit_current()
    assert get_member(target["uuid"])["job_title"] == "副科长"
    assert page.model.total == 1  # no longer matches the filter

    page.filter_box.clear()
    page.apply_filter()
    assert page.select_uuid(target["uuid"])
    page.delete_current()
    assert answer.messages and "回收站" in answer.messages[-1][1]
    assert page.model.total == 2

    bin_page = RecyclePage()
    qtbot.addWidget(bin_page)
    bin_page.reload()
    assert bin_page.table.item(0, 1).text() == target["name"]
    bin_page.table.selectRow(0)
    bin_page.restore_selected()
    page.reload()
    assert page.model.total == 3


def test_declining_the_delete_keeps_the_member(page, answer):
    from PySide6.QtWidgets import QMessageBox

    from models.records.members import save_member
    save_member({"name": "张伟", "gender": "male", "party_status": "full"})
    page.reload()
    page.select_row(0)
    answer.reply_with(QMessageBox.StandardButton.No)
    page.delete_current()
    assert page.model.total == 1


def test_sort_by_clicking_a_header(page):
    from models.records.members import save_member
    for name, born in (("甲", "1980-01-01"), ("乙", "1990-01-01"), ("丙", "1970-01-01")):
        save_member({"name": name, "gender": "male", "party_status": "full", "birth_date": born})
    page.reload()
    page.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert [page.model.row_at(i)["name"] for i in range(3)] == ["乙", "甲", "丙"]


def test_history_of_a_member_from_its_form(page, qtbot, monkeypatch):
    from models.records.members import save_member
    from ui.dialogs.history_dialog import HistoryDialog
    uuid = save_member({"name": "张伟", "gender": "male", "party_status": "full", "job_title": "科员"})
    save_member({"uuid": uuid, "name": "张伟", "gender": "male", "party_status": "full", "job_title": "科长"})
    dialog = MemberDialog(page, uuid)
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda d: shown.append(d) or 0)
    dialog.show_history()
    table = shown[0].table
    assert table.rowCount() == 2
    assert table.item(0, 2).text() == "修改" and "职务职级：科员 → 科长" in table.item(0, 3).text()


def test_a_store_that_cannot_be_written_keeps_the_form(page, monkeypatch, answer):
    from models.store import db
    db.execute_sql("PRAGMA query_only = 1")
    try:
        monkeypatch.setattr(MemberDialog, "exec", fill_and_save({"name": "陈晓", "gender": "female",
                                                                 "party_status": "full"}))
        assert MemberDialog.ask(page) is None
    finally:
        db.execute_sql("PRAGMA query_only = 0")
    assert "只读" in answer.messages[-1][1]
    assert fill_and_save.last.form.fields["name"].value() == "陈晓"  # what was typed is still there
    assert page.model.total == 0


def test_state_and_category_filters_are_remembered_across_restarts(store, qtbot):
    from models.records.members import save_member
    save_member({"name": "张明", "gender": "male", "party_status": "full"})
    save_member({"name": "李华", "gender": "female", "party_status": "probationary"})
    save_member({"name": "王强", "gender": "male", "party_status": "full", "join_date": dt.date(2010, 1, 1),
                 "left_on": dt.date(2020, 1, 1)})
    first = MemberPage()
    qtbot.addWidget(first)
    first.show()
    assert first.model.total == 3
    first.choices["state"].setCurrentIndex(first.choices["state"].findData("active"))
    assert first.model.total == 2
    first.choices["category"].setCurrentIndex(first.choices["category"].findData("probationary"))
    assert [r["name"] for r in first.model.rows] == ["李华"]
    first.close()

    again = MemberPage()  # as after a restart: the same choices, and the list they give
    qtbot.addWidget(again)
    again.show()
    assert again.choices["state"].currentData() == "active"
    assert again.choices["category"].currentText() == "预备党员"
    assert [r["name"] for r in again.model.rows] == ["李华"]
    again.choices["category"].setCurrentIndex(0)  # 全部
    again.choices["state"].setCurrentIndex(again.choices["state"].findData("left"))
    assert [r["name"] for r in again.model.rows] == ["王强"]
    again.choices["category"].setCurrentIndex(again.choices["category"].findData("probationary"))
    assert again.empty_note.isVisible() and "没有符合条件的记录" in again.empty_note.text()
