"""Create an activity with attendance, a figure and an attachment through the widgets; undo; redo."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.records.activities import ActivityQuery, count_activities, get_activity, save_activity
from models.records.members import save_member
from models.records.recycle import list_deleted
from models.store import search_sqlite
from ui.dialogs.activity_dialog import ActivityDialog
from ui.pages.activity_page import ActivityPage


@pytest.fixture
def page(store, qtbot):
    for name in ("张伟", "李娜", "王强"):
        save_member({"name": name, "gender": "male", "party_status": "full"})
    widget = ActivityPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(dialog, photo):
    dialog.field("type").setValue("supervision")
    dialog.field("title").setValue("新成立社会组织党支部审批")
    dialog.field("date").setValue(dt.date(2024, 3, 5))
    dialog.field("start_time").setValue("9:30")
    attendance = dialog.attendance
    assert attendance.table.rowCount() == 3  # every member active that day, listed
    assert {r["status"] for r in attendance.value()} == {""}  # 未记录 until someone records it
    attendance.all_present.click()
    status = attendance.table.cellWidget(0, 1)
    status.setCurrentIndex(status.findData("leave"))
    attendance.table.cellWidget(0, 2).setText("出差")
    figures = dialog.field("figures")
    figures.add_row()
    combo = figures.table.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findText("新成立党支部"))
    figures.table.cellWidget(0, 1).setText("14")
    assert dialog.field("attachments").add_paths([str(photo)]) == 1


def test_create_undo_redo(page, tmp_path, monkeypatch, qtbot):
    photo = tmp_path / "签到表.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

    def exec_(dialog):
        fill(dialog, photo)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    monkeypatch.setattr(ActivityDialog, "exec", exec_)
    page.new_record()
    assert page.model.total == 1
    row = page.current_row()
    assert (row["present"], row["expected"]) == (2, 3)
    assert page.model.data(page.model.index(0, 6)) == "2/3"
    saved = get_activity(row["uuid"])
    assert saved["figures"][0]["name"] == "新成立党支部" and saved["figures"][0]["value"] == "14"
    assert saved["attachments"][0]["name"] == "签到表.png"
    assert [a["reason"] for a in saved["attendance"] if a["status"] == "leave"] == ["出差"]
    photo.unlink()  # the store keeps its own copy

    page.undo_stack.undo()
    assert count_activities(ActivityQuery()) == 0 and list_deleted() == []
    page.undo_stack.redo()
    assert count_activities(ActivityQuery()) == 1
    assert {**get_activity(row["uuid"]), "version": ""} == {**saved, "version": ""}  # the same, saved anew


def test_edit_and_delete_undo(page, monkeypatch, answer):
    from models.records.activities import members_for, save_activity
    uuid = save_activity({"type": "party_lecture", "title": "专题党课", "date": "2024-03-01",
                          "attendance": members_for(dt.date(2024, 3, 1))})
    page.reload()
    page.select_row(0)

    def rename(dialog):
        dialog.field("title").setValue("专题党课：党章学习")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    monkeypatch.setattr(ActivityDialog, "exec", rename)
    page.edit_current()
    assert get_activity(uuid)["title"] == "专题党课：党章学习"
    page.delete_current()
    assert page.model.total == 0
    page.undo_stack.undo()
    assert page.model.total == 1
    page.undo_stack.undo()
    assert get_activity(uuid)["title"] == "专题党课"
    page.undo_stack.redo()
    page.undo_stack.redo()
    assert page.model.total == 0


def test_refused_save_keeps_everything_and_shows_the_field(page, monkeypatch):
    seen = []

    def bad(dialog):
        dialog.field("title").setValue("约见谈话")
        dialog.field("start_time").setValue("10:00")
        dialog.field("end_time").setValue("9:00")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen.append(dialog)
        return dialog.result()
    monkeypatch.setattr(ActivityDialog, "exec", bad)
    page.new_record()
    dialog = seen[0]
    assert "请选择活动类型" in dialog.error_text("type")
    assert "晚于开始时间" in dialog.error_text("end_time")
    assert dialog.field("title").value() == "约见谈话"
    assert page.model.total == 0


def test_leaving_with_changes_offers_save(page, qtbot, answer):
    dialog = ActivityDialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field("type").setValue("theme_day")
    dialog.field("title").setValue("主题党日")
    answer.reply_with(QMessageBox.StandardButton.Save)
    dialog.reject()
    assert not dialog.isVisible() and dialog.saved_uuid
    assert get_activity(dialog.saved_uuid)["title"] == "主题党日"


def test_filters(page):
    from models.records.activities import save_activity
    for kind, day in (("party_lecture", dt.date.today()), ("theme_day", dt.date(2020, 1, 1))):
        save_activity({"type": kind, "title": kind, "date": day})
    page.reload()
    assert page.model.total == 2
    page.period.setCurrentIndex(page.period.findData("year"))
    assert page.model.total == 1
    page.period.setCurrentIndex(page.period.findData("all"))
    page.type_filter.setCurrentIndex(page.type_filter.findText("三会一课"))
    assert page.model.total == 1 and page.model.row_at(0)["type"] == "party_lecture"


def test_minutes_pdf_from_the_page(page, tmp_path, monkeypatch, qtbot):
    from pypdf import PdfReader

    from models.records.activities import members_for, save_activity
    from ui import files
    save_activity({"type": "member_meeting", "title": "支部党员大会：预备党员转正讨论", "date": "2024-03-01",
                   "attendance": members_for(dt.date(2024, 3, 1))})
    page.reload()
    page.select_row(0)
    target = tmp_path / "记录.pdf"
    opened = []
    monkeypatch.setattr(files, "ask_save_path", lambda *a: target)
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    page.export_minutes()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert opened == [target]
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "预备党员转正讨论" in text and "实到人数" in text


def test_ledger_export_and_import_from_the_page(page, tmp_path, monkeypatch, qtbot):
    from openpyxl import load_workbook

    from models.records.activities import save_activity
    from ui import files
    from ui.dialogs.problems_dialog import ProblemsDialog
    from ui.pages import activity_page
    save_activity({"type": "party_lecture", "title": "专题党课", "date": dt.date.today()})
    page.reload()
    ledger = tmp_path / "台账.xlsx"
    opened = []
    monkeypatch.setattr(files, "ask_save_path", lambda *a: ledger)
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    page.export_ledger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    wb = load_workbook(ledger)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert ws.cell(2, headers.index("主题") + 1).value == "专题党课"
    ws.cell(2, headers.index("主题") + 1).value = "专题党课（已改）"
    ws.append({headers.index("日期") + 1: "2022年2月30日", headers.index("主题") + 1: "坏行",
               headers.index("活动类型") + 1: "党课"})
    wb.save(ledger)

    shown = []
    monkeypatch.setattr(activity_page, "ask_open_path", lambda *a: ledger)
    monkeypatch.setattr(ProblemsDialog, "show_problems", classmethod(lambda cls, *a: shown.append(a)))
    page.import_ledger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert any("日期" in line for line in shown[0][3])
    assert page.model.row_at(0)["title"] == "专题党课"  # all or nothing: the good row was not taken either

    ws.delete_rows(3)
    wb.save(ledger)
    messages = []
    page.status.connect(messages.append)
    page.import_ledger()
    qtbot.waitUntil(lambda: any("导入完成" in m for m in messages), timeout=10_000)
    assert page.model.row_at(0)["title"] == "专题党课（已改）"


def test_removing_a_figure_row_and_members_of_the_date(page, qtbot, answer, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from models.records.members import save_member
    save_member({"name": "后来者", "gender": "male", "party_status": "full"})
    dialog = ActivityDialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    figures = dialog.field("figures")
    figures.add_row()
    figures.add_row()
    first_value = figures.table.cellWidget(0, 1)
    monkeypatch.setattr(QApplication, "focusWidget", staticmethod(lambda: first_value))  # typing in row 1
    figures.remove_current()
    assert figures.table.rowCount() == 1
    assert dialog.attendance.table.rowCount() == 4
    answer.reply_with(QMessageBox.StandardButton.Discard)


def test_a_search_counted_only_up_to_a_cap_says_so(page, qtbot, monkeypatch):
    """On a server a common word's matches are counted up to a cap: the page says 超过 N 条, still lists them all
    as it scrolls, and says the whole count once the last row is in (the cap is made 110 on this test's SQLite
    store to show it)."""
    monkeypatch.setattr(search_sqlite.Search, "cap", 110)
    for i in range(120):
        save_activity({"type": "party_lecture", "title": f"专题党课{i}", "date": dt.date(2024, 3, 1 + i % 28)})
    page.filter_box.setText("党课")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.count_label.text() == "超过 110 条")
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 120 and page.count_label.text() == "共 120 条"
    page.filter_box.setText("专题党课11")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 11 条")  # 11, 110–119
