"""Figures of a record: an indicator from the catalogue, a value, its unit, a note."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from models.records.settings import list_indicators
from ui.editors.fields import remove_focused_row


class FiguresEditor(QWidget):
    """value(): [{indicator (uuid), value (text as typed), note}] — checked by models.records.parts.check_figures,
    which also reads approximations the office writes (200余, 近300万); rows left wholly blank are skipped."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.catalogue = list_indicators()
        self.units = {i["uuid"]: i["unit"] for i in self.catalogue}
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("指标"), self.tr("数值"), self.tr("单位"), self.tr("说明")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, self.fontMetrics().horizontalAdvance(self.tr("可填约数：200余、近300万")) + 24)
        self.table.setColumnWidth(2, 50)
        self.table.verticalHeader().hide()
        add = QPushButton(self.tr("添加指标"), self)
        remove = QPushButton(self.tr("删除所选"), self)
        add.clicked.connect(lambda: self.add_row())
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("指标数据（如：新成立党支部 14 个；金额按元填写；可填约数，如 200余）"), self))
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def add_row(self, row: dict | None = None) -> None:
        row = row or {}
        i = self.table.rowCount()
        self.table.insertRow(i)
        indicator = QComboBox()
        indicator.addItem(self.tr("请选择指标"), "")  # a new row names no indicator until one is chosen
        for item in self.catalogue:
            indicator.addItem(item["name"], item["uuid"])
        if row.get("indicator") and indicator.findData(row["indicator"]) < 0:
            indicator.addItem(row.get("name", "?"), row["indicator"])  # retired from the catalogue
        indicator.setCurrentIndex(max(0, indicator.findData(row.get("indicator") or "")))
        value = QLineEdit(str(row.get("value", "")))  # free text: the office writes 200余, 近300万
        value.setPlaceholderText(self.tr("可填约数：200余、近300万"))
        value.setToolTip(self.tr("填数字，或照原样填约数，如 200余、近300万、超5000；汇报按原样写出，合计时按数字计算"))
        unit = QLabel(self.units.get(indicator.currentData(), row.get("unit", "")))
        note = QLineEdit(row.get("note", ""))
        indicator.currentIndexChanged.connect(lambda _, c=indicator, u=unit: (u.setText(self.units.get(c.currentData(), "")),
                                                                              self.changed.emit()))
        value.textChanged.connect(lambda _: self.changed.emit())
        note.textChanged.connect(lambda _: self.changed.emit())
        for column, widget in enumerate((indicator, value, unit, note)):
            self.table.setCellWidget(i, column, widget)
        if not row:
            value.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        if remove_focused_row(self.table):
            self.changed.emit()

    def value(self) -> list[dict]:
        rows = [{"indicator": self.table.cellWidget(i, 0).currentData(),
                 "value": self.table.cellWidget(i, 1).text().strip(),
                 "note": self.table.cellWidget(i, 3).text().strip()} for i in range(self.table.rowCount())]
        return [r for r in rows if any(r.values())]

    def setValue(self, rows: list[dict] | None) -> None:
        self.table.setRowCount(0)
        for row in rows or []:
            self.add_row(row)
