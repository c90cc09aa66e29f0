"""Attendance of a meeting: every member listed, marked 出席 / 请假 / 缺席 with a reason; 应到/实到 derived."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.records import codes
from ui.widgets.labels import label


class AttendanceEditor(QWidget):
    """value(): [{member, name, status, reason}] — the same rows models.records.parts takes."""
    changed = Signal()
    STATUSES = list(codes.ATTENDANCE)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("出勤情况"), self.tr("请假或缺席原因")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(1, 110)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.empty_note = QLabel(self.table.viewport())  # an empty list says why, and what to press
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color: gray;")
        QVBoxLayout(self.table.viewport()).addWidget(self.empty_note)
        self.summary = QLabel(self)
        self.all_present = QPushButton(self.tr("全部出席"), self)
        self.copy_previous = QPushButton(self.tr("沿用上次同类会议的出勤"), self)
        self.relist = QPushButton(self.tr("按活动日期重新列出在册党员"), self)
        self.all_present.clicked.connect(self.mark_all_present)
        buttons = QHBoxLayout()
        for button in (self.all_present, self.copy_previous, self.relist):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)  # a line of its own: beside the buttons it would widen the form past 800
        layout.addWidget(self.table, 1)

    # -- value -----------------------------------------------------------------
    def value(self) -> list[dict]:
        rows = []
        for i in range(self.table.rowCount()):
            name = self.table.item(i, 0)
            rows.append({"member": name.data(Qt.ItemDataRole.UserRole), "name": name.text(),
                         "status": self.table.cellWidget(i, 1).currentData(),
                         "reason": self.table.cellWidget(i, 2).text().strip()})
        return rows

    def setValue(self, rows: list[dict] | None) -> None:
        rows = rows or []
        # Rows removed first: their editors are hidden at once. A replaced cell widget would only be deleted
        # later, and inside a modal dialog's own event loop "later" never comes: it stays on screen.
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            name = QTableWidgetItem(row.get("name", ""))
            name.setData(Qt.ItemDataRole.UserRole, row["member"])
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            status = QComboBox()
            status.addItem(self.tr("未记录"), "")
            for code in self.STATUSES:
                status.addItem(label(codes.ATTENDANCE[code]), code)
            status.setCurrentIndex(max(0, status.findData(row.get("status", "present") or "")))
            reason = QLineEdit(row.get("reason", ""))
            reason.setPlaceholderText(self.tr("原因"))
            reason.setEnabled(status.currentData() not in ("present", ""))
            status.currentIndexChanged.connect(lambda _, s=status, r=reason: self._status_changed(s, r))
            reason.textChanged.connect(lambda _: self.changed.emit())
            self.table.setItem(i, 0, name)
            self.table.setCellWidget(i, 1, status)
            self.table.setCellWidget(i, 2, reason)
        self._update_summary()
        self.changed.emit()

    # -- actions ---------------------------------------------------------------
    def mark_all_present(self) -> None:
        self.setValue([{**row, "status": "present", "reason": ""} for row in self.value()])

    def apply_previous(self, previous: dict[str, dict]) -> int:
        """Take status and reason from an earlier meeting for the members it had; returns how many."""
        rows = self.value()
        for row in rows:
            if row["member"] in previous:
                row.update(previous[row["member"]])
        self.setValue(rows)
        return sum(row["member"] in previous for row in rows)

    def merge_members(self, listed: list[dict]) -> None:
        """List exactly the given members, keeping the marks of those already listed."""
        marks = {row["member"]: row for row in self.value()}
        self.setValue([marks.get(row["member"], row) for row in listed])

    def _status_changed(self, status: QComboBox, reason: QLineEdit) -> None:
        present = status.currentData() in ("present", "")
        reason.setEnabled(not present)
        if present:
            reason.clear()
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        rows = self.value()
        self.empty_note.setText(self.tr("没有列出党员。\n要记录出勤，先点上面的“%1”。").replace("%1", self.relist.text()))
        self.empty_note.setVisible(not rows)
        count = {code: sum(r["status"] == code for r in rows) for code in ("", *self.STATUSES)}
        if count[""] == len(rows):  # none listed, or none marked yet: nothing to count
            self.summary.setText(self.tr("尚未记录出勤（不记录则汇报中不计算这次的出勤率）"))
            return
        self.summary.setText(self.tr("应到 %1 人，实到 %2 人，请假 %3 人，缺席 %4 人")
                             .replace("%1", str(len(rows))).replace("%2", str(count["present"]))
                             .replace("%3", str(count["leave"])).replace("%4", str(count["absent"]))
                             + (self.tr("，未记录 %1 人").replace("%1", str(count[""])) if count[""] else ""))
