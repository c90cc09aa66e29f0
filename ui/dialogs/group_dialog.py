"""The study group form: name, purpose, leader, founding date, and its members with their dates."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.records.members import active_members
from models.records.study import get_group, save_group
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField, NotesField, TextField, remove_focused_row
from ui.editors.form import Form


class GroupMembersEditor(QWidget):
    """value(): [{member, joined_on, left_on}]."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.people = {m["uuid"]: m["name"] for m in active_members(dt.date.today())}
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("加入日期"), self.tr("退出日期")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 150)
        self.table.verticalHeader().hide()
        self.choose = QComboBox(self)
        for uuid, name in self.people.items():
            self.choose.addItem(name, uuid)
        add = QPushButton(self.tr("加入小组"), self)
        add.clicked.connect(lambda: self.add(self.choose.currentData(), dt.date.today()))
        remove = QPushButton(self.tr("移出所选"), self)
        remove.clicked.connect(lambda: remove_focused_row(self.table))
        row = QHBoxLayout()
        row.addWidget(self.choose, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def add(self, uuid: str | None, joined=None, left=None, name: str = "") -> None:
        if not uuid or uuid in {r["member"] for r in self.value()}:
            return
        i = self.table.rowCount()
        self.table.insertRow(i)
        item = QTableWidgetItem(name or self.people.get(uuid, "?"))
        item.setData(Qt.ItemDataRole.UserRole, uuid)
        self.table.setItem(i, 0, item)
        for column, day in ((1, joined), (2, left)):
            field = DateField()
            field.setValue(day)
            self.table.setCellWidget(i, column, field)

    def value(self) -> list[dict]:
        return [{"member": self.table.item(i, 0).data(Qt.ItemDataRole.UserRole),
                 "joined_on": self.table.cellWidget(i, 1).value(), "left_on": self.table.cellWidget(i, 2).value()}
                for i in range(self.table.rowCount())]

    def setValue(self, rows: list[dict] | None) -> None:
        self.table.setRowCount(0)
        for row in rows or []:
            self.add(row["member"], row.get("joined_on"), row.get("left_on"), row.get("name", ""))


class GroupDialog(RecordDialog):
    TITLE = "学习小组"

    def build_form(self, form: Form) -> None:
        tr = self.tr
        members = {m["uuid"]: m["name"] for m in active_members(dt.date.today())}
        form.add("name", tr("小组名称"), TextField(60, tr("如：“青听”学习小组")), required=True)
        form.add("leader", tr("组长"), ChoiceField(members, blank=tr("未指定")))
        form.add("founded_on", tr("成立日期"), DateField())
        form.add("purpose", tr("宗旨"), NotesField(lines=4))
        form.add("members", tr("成员"), GroupMembersEditor(), column=1)

    def load(self, uuid: str) -> dict:
        data = get_group(uuid)
        data.pop("archived")
        return data

    def set_values(self, data: dict) -> None:
        leader = self.field("leader")
        if data.get("leader") and leader.findData(data["leader"]) < 0:  # a leader who has since left stays shown
            name = next((m["name"] for m in data.get("members", []) if m["member"] == data["leader"]), "?")
            leader.addItem(name, data["leader"])
        super().set_values(data)

    def store(self, data: dict) -> str:
        return save_group(data)
