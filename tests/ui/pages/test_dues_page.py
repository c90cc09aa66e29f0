"""The 党费 page through its widgets: bases typed in the table, last year's copied, a month collected, undo."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.records import common as records, dues
from models.records.dues_accounts import month_collection, year_bases
from models.records.members import save_member
from ui.dialogs.payment_dialog import PaymentDialog
from ui.pages.dues_page import BASES, MONTH, DuesPage
from ui.widgets.dues_tables import CATEGORY, DUE, INCOME, NOTE, PAID, RATE, months_text

TODAY = dt.date(2025, 3, 10)


@pytest.fixture
def people(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    person = {"gender": "female", "party_status": "full", "join_date": "2001-01-01"}
    return {name: save_member({"name": name, **person}) for name in ("甲", "乙")} | {
        "丙": save_member({"name": "丙", **person, "left_on": "2025-02-15", "left_to": "区局"})}


@pytest.fixture
def page(people, qtbot):
    widget = DuesPage()
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def row(page, name):
    return next(i for i, r in enumerate(page.bases.rows) if r["name"] == name)


def choose(page, qtbot, name, category):
    combo = page.bases.cellWidget(row(page, name), CATEGORY)
    combo.setCurrentIndex(combo.findData(category))
    qtbot.wait(20)  # the table hands the change on once the edit is over


def type_in(page, qtbot, name, column, text):
    page.bases.item(row(page, name), column).setText(text)
    qtbot.wait(20)


def base(name):
    return next(r for r in year_bases(TODAY.year) if r["name"] == name)


def test_a_base_is_set_in_the_table_with_errors_at_the_cell(page, qtbot):
    assert [r["name"] for r in page.bases.rows] == ["丙", "乙", "甲"]  # 丙 owes January and February
    assert page.bases.item(row(page, "丙"), 5).text() == "1—2月"
    choose(page, qtbot, "甲", "employed")
    assert "税后月工资收入" in page.message.text() and not base("甲")["set"]
    assert "税后月工资收入" in page.bases.item(row(page, "甲"), INCOME).toolTip()
    type_in(page, qtbot, "甲", INCOME, "6000")
    assert base("甲")["due_fen"] == 9000 and page.message.isHidden()
    i = row(page, "甲")
    assert (page.bases.item(i, RATE).text(), page.bases.item(i, DUE).text()) == ("1.5%", "90.00")
    assert page.bases.item(i, INCOME).toolTip() == ""
    type_in(page, qtbot, "甲", INCOME, "六千")
    assert "应为数字" in page.message.text() and page.bases.item(row(page, "甲"), INCOME).text() == "六千"
    assert base("甲")["due_fen"] == 9000  # a refused edit changes nothing
    choose(page, qtbot, "乙", "farmer")  # another row saved: 甲's refused text stays as typed
    assert base("乙")["due_fen"] == 20 and page.bases.item(row(page, "甲"), INCOME).text() == "六千"
    type_in(page, qtbot, "乙", DUE, "0.8")
    type_in(page, qtbot, "乙", NOTE, "自愿")
    assert (base("乙")["due_fen"], base("乙")["note"]) == (80, "自愿")


def test_undo_and_redo_put_a_base_back(page, qtbot):
    choose(page, qtbot, "乙", "student")
    choose(page, qtbot, "乙", "retired")
    type_in(page, qtbot, "乙", INCOME, "5200")
    assert base("乙")["category"] == "retired"
    page.undo_stack.undo()
    assert base("乙")["category"] == "student"
    assert page.bases.cellWidget(row(page, "乙"), CATEGORY).currentData() == "student"
    page.undo_stack.undo()
    assert not base("乙")["set"]
    page.undo_stack.redo()
    page.undo_stack.redo()
    assert base("乙")["due_fen"] == 5200


def test_last_years_bases_are_copied_and_the_copy_undone(page, people, qtbot):
    dues.save_base(people["甲"], 2024, {"category": "employed", "income": "4000"})
    page.copy_button.click()
    assert base("甲")["due_fen"] == 4000 and page.undo_stack.undoText() == "沿用上年基数（1人）"
    page.undo_stack.undo()
    assert not base("甲")["set"]


def test_a_month_is_collected_on_one_screen(page, people, qtbot, monkeypatch, answer):
    for name in ("甲", "乙", "丙"):
        dues.save_base(people[name], 2025, {"category": "employed", "income": "3000"})  # 15元
    page.reload()
    page.view.setCurrentIndex(MONTH)
    assert page.month.currentData() == 3
    assert [r["name"] for r in page.collection.rows] == ["乙", "甲"]  # 丙 left in February
    assert "应交 2 人，已交 0 人，未交 2 人；应交 30.00 元，实交 0.00 元" in page.month_tab.summary.text()

    def pay(dialog):
        dialog.form.fields["amount"].setValue("10")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert "不能少于" in dialog.error_text("amount")  # refused at the field, the dialog stays
        dialog.form.fields["amount"].setValue("20")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    monkeypatch.setattr(PaymentDialog, "exec", pay)
    page.collection.selectRow(1)
    page.edit_current()
    assert month_collection(2025, 3)["paid_fen"] == 2000
    assert "已交 1 人" in page.month_tab.summary.text() and page.collection.item(1, 5).text() == "已交"
    page.collection.clearSelection()
    page.mark_paid()  # nobody chosen: everyone unpaid, after asking
    assert answer.messages[-1][0] == "question"
    found = month_collection(2025, 3)
    assert (found["paid"], found["paid_fen"]) == (2, 3500)
    assert found["rows"][0]["paid_on"] == TODAY
    page.undo_stack.undo()
    assert month_collection(2025, 3)["paid"] == 1
    page.collection.selectRow(1)
    page.delete_current()
    assert month_collection(2025, 3)["paid"] == 0
    page.undo_stack.undo()
    assert month_collection(2025, 3)["paid_fen"] == 2000
    page.year.setValue(2024)
    assert page.collection.rowCount() == 3 and "3 人未核定基数" in page.month_tab.summary.text()


def test_the_window_shows_the_page_and_its_ledger_exports(store, people, qtbot, tmp_path, monkeypatch, answer):
    from ui import files
    from ui.main_window import MainWindow
    dues.save_base(people["甲"], 2025, {"category": "student"})
    window = MainWindow(store)  # the open store: the window's own check of it finds nothing to say
    qtbot.addWidget(window)
    window.show()
    window.go_to("dues")
    page = window.pages["dues"][1]
    assert isinstance(page, DuesPage) and window.undo_action.isEnabled()
    choose(page, qtbot, "乙", "student")
    window._undo("undo")
    assert not base("乙")["set"]
    out = tmp_path / "党费.xlsx"
    monkeypatch.setattr(files, "ask_save_path", lambda *a: out)
    monkeypatch.setattr(files, "open_in_viewer", lambda path: None)
    page.ledger_button.click()
    qtbot.waitUntil(out.exists, timeout=10_000)
    assert page.view.currentIndex() == BASES and page.bases.item(row(page, "甲"), PAID).text() == "0/12"


def test_months_are_said_as_ranges():
    assert months_text(list(range(1, 13))) == "1—12月"
    assert months_text([1, 2, 3, 8, 9]) == "1—3、8—9月" and months_text([5]) == "5月" and months_text([]) == ""


def test_a_shorter_year_leaves_no_lists_of_the_longer_one_in_sight(page, people, qtbot):
    from PySide6.QtWidgets import QComboBox
    page.year.setValue(2024)  # 丙 too: three rows
    page.year.setValue(2030)  # 丙 has left: two
    shown = [c for c in page.bases.viewport().findChildren(QComboBox) if c.isVisible()]
    assert page.bases.rowCount() == 2 and len(shown) == 2
