"""Form fields: empty dates, drop-downs over codes, the unsaved-changes question."""
import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from models.records import codes
from ui.dialogs.member_dialog import MemberDialog
from ui.editors.fields import ChoiceField, DateField, TriStateField


def test_date_field_can_be_empty_and_opens_on_this_month(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    assert field.value() is None
    field.setValue(dt.date(2022, 9, 30))
    assert field.value() == dt.date(2022, 9, 30)
    field.setValue(None)
    assert field.value() is None and field.edit.text() == ""
    field.button.menu().aboutToShow.emit()
    today = QDate.currentDate()
    calendar = field.calendar
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert field.value() is None  # looking at the calendar fills in nothing
    calendar.clicked.emit(QDate(2021, 7, 1))
    assert field.value() == dt.date(2021, 7, 1)


def test_dates_can_be_typed_the_ways_people_write_them(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    for typed in ("2022-09-30", "2022/9/30", "2022年9月30日", "20220930"):
        field.edit.clear()
        QTest.keyClicks(field.edit, typed) if typed.isascii() else field.edit.setText(typed)
        assert field.value() == dt.date(2022, 9, 30), typed
    field.edit.setText("2022-13-01")
    assert field.value() == "2022-13-01"  # kept as typed, so the form can say what is wrong


def test_choice_fields_give_codes_and_show_labels(qtbot):
    field = ChoiceField(codes.PARTY_STATUSES, blank="请选择")
    qtbot.addWidget(field)
    assert field.value() == ""
    field.setValue("probationary")
    assert field.currentText() == "预备党员" and field.value() == "probationary"
    tri = TriStateField("按年龄")
    tri.setValue(False)
    assert tri.value() is False
    tri.setValue(None)
    assert tri.value() is None


def test_leaving_a_changed_form_asks_first(store, qtbot, answer):
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.fields["name"].setValue("赵雷")
    answer.reply_with(QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible() and dialog.form.fields["name"].value() == "赵雷"
    assert answer.messages[-1][0] == "question"
    answer.reply_with(QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()


def test_an_untouched_form_closes_without_asking(store, qtbot, answer):
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert not dialog.isVisible() and answer.messages == []
