"""The 党费 page between PCs: a payment or base saved, deleted or marked over a change made on another PC meanwhile
is refused, saying what it holds now, with what was typed kept; undo and redo never put one back over another
person's change, and never refuse over the page's own."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.records import common as records, dues
from models.records.members import save_member
from ui.dialogs import record_dialog
from ui.dialogs.payment_dialog import PaymentDialog
from ui.pages.dues_page import MONTH, DuesPage
from ui.widgets.dues_tables import CATEGORY, INCOME, NOTE

TODAY = dt.date(2025, 3, 10)
WAGE = {"category": "employed", "income": "3000"}  # 15元 a month


@pytest.fixture
def people(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    person = {"gender": "female", "party_status": "full", "join_date": "2001-01-01"}
    made = {name: save_member({"name": name, **person}) for name in ("甲", "乙")}
    for uuid in made.values():
        dues.save_base(uuid, 2025, WAGE)
    return made


@pytest.fixture
def page(people, qtbot, answer):
    widget = DuesPage()
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.view.setCurrentIndex(MONTH)
    return widget


def choose_row(page, name):
    page.collection.selectRow(next(i for i, r in enumerate(page.collection.rows) if r["name"] == name))


def base_row(page, name):
    return next(i for i, r in enumerate(page.bases.rows) if r["name"] == name)


def paying(amount, before=None, kept=None):
    """The payment form: amount typed, then (before) another PC acts, then 保存."""
    def exec_(dialog):
        dialog.field("amount").setValue(amount)
        if before:
            before()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        if kept is not None:
            kept.append((dialog.field("amount").value(), dialog.result()))
        return dialog.result()
    return exec_


def warnings(answer):
    return [text for kind, text in answer.messages if kind == "warning"]


def test_a_payment_made_elsewhere_while_the_form_was_open_is_not_overwritten(page, people, monkeypatch, answer):
    asked, kept = [], []
    monkeypatch.setattr(record_dialog.SaveConflictDialog, "ask", lambda parent, conflict: asked.append(conflict))
    def elsewhere():  # another PC pays the month while the form is open
        dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-08", "amount": "30"})
    monkeypatch.setattr(PaymentDialog, "exec", paying("20", elsewhere, kept))
    choose_row(page, "甲")
    page.edit_current()
    [conflict] = asked  # both shown: what was typed here, and what the other PC saved
    assert conflict.mine["amount"] == "20" and conflict.theirs["amount"] == "30.00"
    assert kept == [("20", 0)]  # the form stayed open with what was typed
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "30.00" and page.undo_stack.count() == 0
    row = next(r for r in page.collection.rows if r["name"] == "甲")
    assert row["paid_fen"] == 3000  # the list shows the payment as it is now


def test_a_payment_taken_away_elsewhere_while_the_form_was_open_is_said_then_saved_again(page, people, monkeypatch):
    dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-05"})
    page.reload()
    tries = []

    def exec_(dialog):
        dialog.field("amount").setValue("25")
        dues.remove_payment(people["甲"], 2025, 3)  # another PC
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.click()
        tries.append((dialog.result(), dialog.message.text(), dialog.field("amount").value()))
        assert dues.payment_snapshot(people["甲"], 2025, 3) is None
        save.click()  # again, knowing
        return dialog.result()
    monkeypatch.setattr(PaymentDialog, "exec", exec_)
    choose_row(page, "甲")
    page.edit_current()
    [(result, message, amount)] = tries
    assert result == 0 and "其他电脑上删除" in message and amount == "25"
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "25.00"


def test_deleting_a_payment_changed_elsewhere_since_the_list_read_it_is_refused(page, people, answer):
    dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-05"})
    page.reload()
    choose_row(page, "甲")
    dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-06", "amount": "40"})  # another PC
    page.delete_current()
    [said] = warnings(answer)
    assert "已被" in said and "其他电脑" in said and "40.00" in said
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "40.00" and page.undo_stack.count() == 0
    assert next(r for r in page.collection.rows if r["name"] == "甲")["paid_fen"] == 4000


def test_marking_paid_over_a_payment_made_elsewhere_marks_no_one(page, people, answer):
    dues.record_payment(people["乙"], 2025, 3, {"paid_on": "2025-03-06", "amount": "40"})  # after the list read it
    page.mark_paid()
    assert "乙 2025年3月党费已被" in warnings(answer)[0]
    assert dues.payment_snapshot(people["甲"], 2025, 3) is None
    assert dues.payment_snapshot(people["乙"], 2025, 3)["amount"] == "40.00" and page.undo_stack.count() == 0
    page.mark_paid()  # the list now shows 乙 paid: 甲 alone is marked
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "15.00"
    assert dues.payment_snapshot(people["乙"], 2025, 3)["amount"] == "40.00"


def test_a_base_changed_elsewhere_keeps_what_was_typed_in_the_table_then_saves_it_knowingly(page, people, qtbot):
    i = base_row(page, "甲")
    dues.save_base(people["甲"], 2025, {"category": "employed", "income": "6000"})  # another PC
    page.bases.item(i, INCOME).setText("4000")
    qtbot.wait(20)
    assert "已被" in page.message.text() and "每月应交 90.00 元" in page.message.text()
    assert page.bases.item(i, INCOME).text() == "4000" and dues.base_snapshot(people["甲"], 2025)["income"] == "6000.00"
    assert page.undo_stack.count() == 0
    page.bases.item(i, NOTE).setText("核对过")
    qtbot.wait(20)
    assert dues.base_snapshot(people["甲"], 2025) == {"category": "employed", "income": "4000.00", "due": None,
                                                      "note": "核对过"}


def test_undo_and_redo_of_a_payment_are_refused_over_a_change_made_elsewhere(page, people, monkeypatch, answer):
    monkeypatch.setattr(PaymentDialog, "exec", paying("20"))
    choose_row(page, "甲")
    page.edit_current()
    choose_row(page, "甲")
    monkeypatch.setattr(PaymentDialog, "exec", paying("22"))
    page.edit_current()
    assert page.undo_stack.count() == 2
    dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-09", "amount": "50"})  # another PC
    page.undo_stack.undo()
    page.undo_stack.undo()  # the earlier step too: never over their change
    assert len(warnings(answer)) == 2 and all("50.00" in w for w in warnings(answer))
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "50.00"


def test_redo_of_a_payment_is_refused_over_one_made_elsewhere_after_the_undo(page, people, monkeypatch, answer):
    monkeypatch.setattr(PaymentDialog, "exec", paying("20"))
    choose_row(page, "甲")
    page.edit_current()
    page.undo_stack.undo()
    assert dues.payment_snapshot(people["甲"], 2025, 3) is None and not warnings(answer)
    dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-09", "amount": "50"})  # another PC
    page.undo_stack.redo()
    assert "50.00" in warnings(answer)[0]
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "50.00"


def test_undo_of_a_base_is_refused_over_a_change_made_elsewhere_but_not_over_the_pages_own(page, people, qtbot,
                                                                                          answer):
    combo = page.bases.cellWidget(base_row(page, "乙"), CATEGORY)
    combo.setCurrentIndex(combo.findData("student"))
    qtbot.wait(20)
    page.bases.item(base_row(page, "乙"), NOTE).setText("学生")
    qtbot.wait(20)
    page.undo_stack.undo()
    page.undo_stack.undo()  # the page's own changes, one after another: both undone
    assert not warnings(answer) and dues.base_snapshot(people["乙"], 2025)["income"] == "3000.00"
    page.undo_stack.redo()
    dues.save_base(people["乙"], 2025, {"category": "retired", "income": "5200"})  # another PC
    page.undo_stack.undo()
    assert "已被" in warnings(answer)[0] and dues.base_snapshot(people["乙"], 2025)["category"] == "retired"


def test_undo_of_last_years_copy_takes_no_base_away_when_one_was_changed_elsewhere(page, people, answer):
    third = save_member({"name": "丁", "gender": "male", "party_status": "full", "join_date": "2001-01-01"})
    fourth = save_member({"name": "戊", "gender": "male", "party_status": "full", "join_date": "2001-01-01"})
    for uuid in (third, fourth):
        dues.save_base(uuid, 2024, WAGE)
    page.reload()
    page.copy_button.click()
    assert page.undo_stack.undoText() == "沿用上年基数（2人）"
    dues.save_base(fourth, 2025, {"category": "student"})  # another PC corrects one of them
    page.undo_stack.undo()
    assert "戊 2025年党费基数已被" in warnings(answer)[0]
    assert dues.base_snapshot(third, 2025) is not None  # all or none: the other stays too
    assert dues.base_snapshot(fourth, 2025)["category"] == "student"


def test_deleting_a_base_changed_elsewhere_since_the_table_read_it_is_refused(page, people, answer):
    page.view.setCurrentIndex(0)
    page.bases.selectRow(base_row(page, "乙"))
    dues.save_base(people["乙"], 2025, {"category": "student"})  # another PC
    page.delete_current()
    assert "乙 2025年党费基数已被" in warnings(answer)[0] and "学生" in warnings(answer)[0]
    assert dues.base_snapshot(people["乙"], 2025)["category"] == "student" and page.undo_stack.count() == 0


def test_a_payment_saved_knowingly_over_anothers_is_not_one_to_undo(page, people, monkeypatch):
    from ui.dialogs.save_conflict_dialog import MINE
    monkeypatch.setattr(record_dialog.SaveConflictDialog, "ask", lambda parent, conflict: (MINE, conflict.mine))

    def elsewhere():
        dues.record_payment(people["甲"], 2025, 3, {"paid_on": "2025-03-08", "amount": "30"})
    monkeypatch.setattr(PaymentDialog, "exec", paying("20", elsewhere))
    choose_row(page, "甲")
    page.edit_current()
    assert dues.payment_snapshot(people["甲"], 2025, 3)["amount"] == "20.00"
    assert page.undo_stack.count() == 0  # its undo would put back the month as it was before the other PC's payment
