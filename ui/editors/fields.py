"""Form fields that speak plain Python values: value() and setValue() on every one."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from models.records import validation
from models.records.settings import list_sections
from ui.widgets.labels import label


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


class CheckField(QCheckBox):
    """A yes/no box (亮点); value() is True or False."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)

    def value(self) -> bool:
        return self.isChecked()

    def setValue(self, value) -> None:
        self.setChecked(bool(value))


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


class SectionField(ChoiceField):
    """The 汇报栏目 every record form offers: the report's sections, or none."""

    def __init__(self, parent=None):
        super().__init__({s["uuid"]: s["name"] for s in list_sections()}, self.tr("未归入栏目"), parent)


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


class DateField(QWidget):
    """A date typed the ways people write it (2022-09-30, 2022/9/30, 2022年9月30日, 20220930) or picked from
    a calendar. value() is a date, None when empty, or the typed text when it is not a date yet — the
    model's check then says what is wrong beside the field, and nothing typed is dropped."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("如 2022-09-30"))
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("如 2022-09-30") + 36)
        self.edit.setClearButtonEnabled(True)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.textChanged.connect(lambda _: self.changed.emit() if self.day() or not self.edit.text() else None)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("从日历中选择"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")  # ▾ says it once
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        picker = QWidgetAction(menu)
        picker.setDefaultWidget(self.calendar)
        menu.addAction(picker)
        menu.aboutToShow.connect(self._open_calendar)
        self.calendar.clicked.connect(lambda date: (self.setValue(date.toPython()), menu.close()))
        self.button.setMenu(menu)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def _open_calendar(self) -> None:
        day = self.day() or dt.date.today()  # an empty field opens on this month
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _tidy(self) -> None:
        day = self.day()
        if day and self.edit.text() != day.isoformat():
            self.edit.setText(day.isoformat())

    def day(self) -> dt.date | None:
        """The date typed, or None when empty or not (yet) a date."""
        try:
            return validation.date(self.edit.text(), "日期")
        except validation.ValidationError:
            return None

    def value(self):
        text = self.edit.text().strip()
        return self.day() or (text or None)

    def setValue(self, value) -> None:
        self.edit.setText(value.isoformat() if isinstance(value, dt.date) else (value or ""))


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


def remove_focused_row(table) -> bool:
    """Remove the row of a table of cell widgets that holds the focus; False when there is none."""
    row = focused_row(table)
    if row >= 0:
        table.removeRow(row)
    return row >= 0


def focused_row(table) -> int:
    """The row of a table of cell widgets that holds the keyboard focus (or the current row)."""
    from PySide6.QtWidgets import QApplication
    focus = QApplication.focusWidget()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            cell = table.cellWidget(row, column)
            if cell is not None and focus is not None and (cell is focus or cell.isAncestorOf(focus)):
                return row
    return table.currentRow()
