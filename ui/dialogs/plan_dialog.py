"""A study group's plan for one year: goals, tasks, standards (定目标、定任务、定标准) and monthly topics."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.records.study import get_plan, save_plan
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import NotesField, remove_focused_row
from ui.editors.form import Form
from ui.widgets.screen_fit import resize_within_screen


class TopicsEditor(QWidget):
    """value(): [{month, topic, materials, lead}]."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("月份"), self.tr("学习主题"), self.tr("学习材料"), self.tr("领学人")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(3, 90)
        self.table.verticalHeader().hide()
        add = QPushButton(self.tr("添加一行"), self)
        add.clicked.connect(lambda: self.add_row({"month": min(12, self.table.rowCount() + 1)}))
        remove = QPushButton(self.tr("删除所选行"), self)
        remove.clicked.connect(lambda: remove_focused_row(self.table))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_row(self, row: dict) -> None:
        i = self.table.rowCount()
        self.table.insertRow(i)
        month = QSpinBox()
        month.setRange(1, 12)
        month.setSuffix(self.tr("月"))
        month.setValue(row.get("month") or 1)
        self.table.setCellWidget(i, 0, month)
        for column, key in ((1, "topic"), (2, "materials"), (3, "lead")):
            self.table.setCellWidget(i, column, QLineEdit(row.get(key, "")))

    def value(self) -> list[dict]:
        return [{"month": self.table.cellWidget(i, 0).value(), "topic": self.table.cellWidget(i, 1).text(),
                 "materials": self.table.cellWidget(i, 2).text(), "lead": self.table.cellWidget(i, 3).text()}
                for i in range(self.table.rowCount())]

    def setValue(self, rows: list[dict] | None) -> None:
        self.table.setRowCount(0)
        for row in rows or []:
            self.add_row(row)


class PlanDialog(RecordDialog):
    """uuid is the group's; the year is fixed when the dialog opens."""
    TITLE = "学习计划"
    COLUMNS = 1

    def __init__(self, parent=None, uuid: str | None = None, year: int = 0, group_name: str = ""):
        self.year = year
        super().__init__(parent, uuid)
        self.setWindowTitle(self.tr("%1 %2年学习计划").replace("%1", group_name).replace("%2", str(year)))
        resize_within_screen(self, max(self.width(), 820), 640)

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("goals", tr("定目标"), NotesField(lines=3))
        form.add("tasks", tr("定任务"), NotesField(lines=3))
        form.add("standards", tr("定标准"), NotesField(lines=3))
        form.add("topics", tr("每月学习主题"), TopicsEditor())

    def load(self, uuid: str) -> dict:
        return get_plan(uuid, self.year)

    def store(self, data: dict) -> str:
        group = data.pop("uuid")
        save_plan(group, self.year, data)
        return group

    @classmethod
    def ask(cls, parent=None, uuid: str | None = None, year: int = 0, group_name: str = "") -> str | None:
        dialog = cls(parent, uuid, year, group_name)
        return dialog.saved_uuid if dialog.exec() == cls.DialogCode.Accepted else None
