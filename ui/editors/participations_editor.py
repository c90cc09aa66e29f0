"""The organisations taking part in an event: picked from the registry by name or credit code, with roles."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.records import codes
from models.records.common import ListQuery
from models.records.organisations import list_organisations
from ui.dialogs.organisation_dialog import OrganisationDialog
from ui.editors.fields import remove_focused_row
from ui.widgets.labels import label

COLUMNS = ("组织名称", "角色", "捐赠资金（元）", "物资价值（元）", "提供岗位", "说明")


class ParticipationsEditor(QWidget):
    """value(): [{organisation (uuid), role, money, in_kind, jobs, note}] — checked by models.records.outreach."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.picker = QLineEdit(self)
        self.picker.setPlaceholderText(self.tr("输入组织名称或信用代码的一部分，从下拉中选择后按回车添加"))
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.picker.setCompleter(completer)
        completer.activated.connect(self.add_picked)
        self.picker.returnPressed.connect(lambda: self.add_picked(self.picker.text()))
        self.load_registry()
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 80), (2, 120), (3, 120), (4, 80), (5, 100)):  # the name has what is left
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.new_org = QPushButton(self.tr("新建社会组织…"), self)
        self.new_org.clicked.connect(self.create_organisation)
        self.paste_button = QPushButton(self.tr("粘贴名单…"), self)
        remove = QPushButton(self.tr("移除所选"), self)
        remove.clicked.connect(self.remove_current)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        for button in (self.new_org, self.paste_button, remove):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def load_registry(self) -> None:
        self.registry = {}
        for org in list_organisations(ListQuery(sort="name"), 0, 1_000_000):
            key = f"{org['name']}（{org['credit_code']}）" if org["credit_code"] else org["name"]
            self.registry[key] = org
            self.registry.setdefault(org["name"], org)
        self.completions.setStringList([k for k, o in self.registry.items() if k != o["name"] or not o["credit_code"]])

    def add_picked(self, text: str) -> bool:
        org = self.registry.get(text.strip())
        if org is None:
            return False
        self.add(org["uuid"], org["name"])
        self.picker.clear()
        return True

    def add(self, uuid: str, name: str, row: dict | None = None) -> None:
        if uuid in {r["organisation"] for r in self.value()}:
            return
        row = row or {}
        i = self.table.rowCount()
        self.table.insertRow(i)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, uuid)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setToolTip(name)  # a long name ends in … where the form is narrow
        self.table.setItem(i, 0, item)
        role = QComboBox()
        for code, text in codes.ROLES.items():
            role.addItem(label(text), code)
        role.setCurrentIndex(max(0, role.findData(row.get("role") or "participant")))
        role.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.table.setCellWidget(i, 1, role)
        for column, key in ((2, "money"), (3, "in_kind"), (4, "jobs"), (5, "note")):
            edit = QLineEdit("" if row.get(key) is None else str(row[key]))
            edit.textChanged.connect(lambda _: self.changed.emit())
            self.table.setCellWidget(i, column, edit)
        self.changed.emit()

    def create_organisation(self) -> None:
        """Register a new organisation without leaving (or losing) the event being typed."""
        uuid = OrganisationDialog.ask(self)
        if uuid:
            self.load_registry()
            org = next(o for o in self.registry.values() if o["uuid"] == uuid)
            self.add(uuid, org["name"])

    def remove_current(self) -> None:
        if remove_focused_row(self.table):
            self.changed.emit()

    def value(self) -> list[dict]:
        out = []
        for i in range(self.table.rowCount()):
            cells = [self.table.cellWidget(i, c).text().strip() for c in (2, 3, 4, 5)]
            out.append({"organisation": self.table.item(i, 0).data(Qt.ItemDataRole.UserRole),
                        "role": self.table.cellWidget(i, 1).currentData(),
                        "money": cells[0] or None, "in_kind": cells[1] or None,
                        "jobs": cells[2] or None, "note": cells[3]})
        return out

    def setValue(self, rows: list[dict] | None) -> None:
        self.table.setRowCount(0)
        names = {o["uuid"]: o["name"] for o in self.registry.values()}
        for row in rows or []:
            self.add(row["organisation"], row.get("name") or names.get(row["organisation"], "?"), row)
