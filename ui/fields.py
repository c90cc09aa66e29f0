"""Form fields that speak plain Python values: value() and setValue() on every one."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPlainTextEdit, QSizePolicy, QToolButton, QWidget,
)

from ui.labels import label


class TextField(QLineEdit):
    def __init__(self, max_len: int = 200, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        # One character more than allowed, so the check can say how long the text is.
        self.setMaxLength(max_len + 1)

    def value(self) -> str:
        return self.text()

    def setValue(self, value) -> None:
        self.setText("" if value is None else str(value))


class NotesField(QPlainTextEdit):
    """A few lines of text; keeps its height so the form around it stays compact."""

    def __init__(self, parent=None, lines: int = 3):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._height = self.fontMetrics().lineSpacing() * lines + 14
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def value(self) -> str:
        return self.toPlainText()

    def setValue(self, value) -> None:
        self.setPlainText(value or "")


class ChoiceField(QComboBox):
    """A drop-down over codes; shows labels, gives back the code ('' when nothing is chosen)."""

    def __init__(self, options: dict, blank: str | None = None, parent=None):
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, "")
        for code, text in options.items():
            self.addItem(label(text), code)

    def value(self):
        return self.currentData()

    def setValue(self, value) -> None:
        index = self.findData(value if value is not None else "")
        self.setCurrentIndex(max(index, 0))


class EditableChoiceField(QComboBox):
    """A drop-down of suggestions that also takes any typed text (民族, 党内职务)."""

    def __init__(self, suggestions: list[str], parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.addItems(suggestions)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

    def value(self) -> str:
        return self.currentText()

    def setValue(self, value) -> None:
        self.setCurrentText(value or "")


class TriStateField(ChoiceField):
    """是 / 否 / 按规则自动 (None)."""

    def __init__(self, auto_label: str, parent=None):
        super().__init__({}, parent=parent)
        self.clear()
        for text, data in ((auto_label, None), ("是", True), ("否", False)):
            self.addItem(label(text), data)

    def setValue(self, value) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}.get(value, 0))


NULL_DATE = QDate(1900, 1, 1)


class _NullDateEdit(QDateEdit):
    """A date edit whose minimum date stands for “not filled in”, shown blank."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NULL_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(" ")
        self.setDate(NULL_DATE)

    def _calendar_on_this_month(self) -> None:
        # An empty field opens its calendar on this month, not on January 1900.
        if self.date() == NULL_DATE:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        self._calendar_on_this_month()

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        self._calendar_on_this_month()


class DateField(QWidget):
    """A date with a calendar pop-up and a button that empties it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = _NullDateEdit(self)
        clear = QToolButton(self)
        clear.setText("×")
        clear.setToolTip(self.tr("清空日期"))
        clear.clicked.connect(lambda: self.setValue(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(clear)
        self.setFocusProxy(self.edit)

    def value(self) -> dt.date | None:
        date = self.edit.date()
        return None if date == NULL_DATE else dt.date(date.year(), date.month(), date.day())

    def setValue(self, value: dt.date | None) -> None:
        self.edit.setDate(QDate(value.year, value.month, value.day) if value else NULL_DATE)


class TimeField(TextField):
    """A time of day typed as 14:30 (checked by the model, which also reads 14：30 and 14点30分)."""

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(8, placeholder, parent)

    def setValue(self, value) -> None:
        self.setText(value.strftime("%H:%M") if isinstance(value, dt.time) else (value or ""))


class FolderField(QWidget):
    """A folder (or, given a file filter, a file) path typed or chosen with 选择…."""

    def __init__(self, placeholder: str = "", parent=None, file_filter: str = ""):
        super().__init__(parent)
        self.file_filter = file_filter
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        choose = QToolButton(self)
        choose.setText(self.tr("选择…"))
        choose.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(choose)
        self.setFocusProxy(self.edit)

    def choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        if self.file_filter:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择文件"), self.edit.text(), self.file_filter)
        else:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("选择文件夹"), self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def value(self) -> str:
        return self.edit.text()

    def setValue(self, value) -> None:
        self.edit.setText(value or "")
