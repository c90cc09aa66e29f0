"""Form fields: empty dates, drop-downs over codes, the unsaved-changes question."""
import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from models import codes
from ui.fields import ChoiceField, DateField, TriStateField
from ui.member_dialog import MemberDialog


def test_date_field_can_be_empty_and_opens_on_this_month(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    assert field.value() is None
    field.setValue(dt.date(2022, 9, 30))
    assert field.value() == dt.date(2022, 9, 30)
    field.setValue(None)
    assert field.value() is None and field.edit.text().strip() == ""
    field.show()
    edit = field.edit
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2))
    calendar = edit.calendarWidget()
    assert calendar.isVisible()
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    calendar.window().close()
    assert field.value() is None  # looking at the calendar fills in nothing


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
