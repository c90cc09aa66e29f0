"""The 党建覆盖 page's two tabs: the work list of organisations still uncovered, with its filters, and the party
organisations with their buttons; the page wires them to what they do."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from models.records.party_orgs import UNCOVERED
from ui.widgets.labels import label


def table(parent, headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table choosing whole rows, one at a time; column stretch takes what the others leave."""
    out = QTableWidget(0, len(headers), parent)
    out.setHorizontalHeaderLabels(headers)
    out.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    out.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    out.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    out.verticalHeader().hide()
    for column in range(len(headers)):
        out.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents)
    return out


def fill(view: QTableWidget, rows: list[dict], cells) -> None:
    """The rows' cells as texts, each whole in its tooltip (a long list of names ends in … in its cell)."""
    view.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for column, text in enumerate(cells(row)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            view.setItem(i, column, item)


class WorkTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        tr = self.tr
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(tr("筛选：名称、信用代码、法定代表人、联系人、地址（Ctrl+F）"))
        self.filter_box.setClearButtonEnabled(True)
        self.missing = QComboBox(self)
        for code, text in UNCOVERED.items():
            self.missing.addItem(label(text), code)
        self.kind = QComboBox(self)
        self.kind.addItem(tr("全部类型"), "")
        for code, text in codes.ORG_KINDS.items():
            self.kind.addItem(label(text), code)
        self.edit_button = QPushButton(tr("编辑社会组织…"), self)
        self.edit_button.setToolTip(tr("打开选中社会组织的信息，填写党组织情况或党建工作指导员及变更日期（Ctrl+E）"))
        self.table = table(self, [tr(t) for t in ("名称", "类型", "登记日期", "党组织", "党建工作指导员", "联系人",
                                                  "联系电话")], 0)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        for widget in (self.filter_box, self.missing, self.kind, self.edit_button):
            row.addWidget(widget, 1 if widget is self.filter_box else 0)
        box.addLayout(row)
        box.addWidget(self.table, 1)


class PartyTab(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        tr = self.tr
        self.new_button = QPushButton(tr("新建联合党支部…"), self)
        self.new_button.setToolTip(tr("成立一个联合党支部并勾选它覆盖的社会组织（Ctrl+N）"))
        self.edit_button = QPushButton(tr("编辑…"), self)
        self.edit_button.setToolTip(tr("修改选中党组织的名称、成立或撤销日期"))
        self.join_button = QPushButton(tr("加入社会组织…"), self)
        self.join_button.setToolTip(tr("选中的党组织自某日起覆盖一家社会组织（原属的党组织同日移出）"))
        self.leave_button = QPushButton(tr("移出社会组织…"), self)
        self.leave_button.setToolTip(tr("一家社会组织自某日起不再由选中的党组织覆盖"))
        self.delete_button = QPushButton(tr("删除"), self)
        self.delete_button.setToolTip(tr("删除误建的党组织及其覆盖记录（撤销请用“编辑”填写撤销日期）；可以撤销"))
        self.table = table(self, [tr(t) for t in ("名称", "类型", "成立日期", "撤销日期", "现覆盖", "覆盖的社会组织")], 5)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.join_button, self.leave_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.table, 1)
