"""Plan against what was done, month by month, with overdue planned topics highlighted."""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from models.reporting.numbers import percent

OVERDUE = QColor("#fdecea")


class PlanProgress(QTableWidget):
    HEADERS = ("月份", "计划主题", "已开展的学习会", "出勤率", "心得体会", "情况")

    def __init__(self, parent=None):
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        for column in range(len(self.HEADERS)):  # the short columns fit their text; the topics share the rest
            self.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column in (1, 2) else QHeaderView.ResizeMode.ResizeToContents)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()

    def show_rows(self, rows: list[dict]) -> None:
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            received, expected = row["reflections"]
            rate = row["attendance_rate"]
            if row["overdue"]:
                state = self.tr("逾期未学")
            elif row["sessions"] and not row["planned"]:
                state = self.tr("计划外加学")
            elif row["sessions"]:
                state = self.tr("已完成")
            else:
                state = self.tr("待开展")
            cells = (self.tr("%1月").replace("%1", str(row["month"])),
                     "；".join(t["topic"] for t in row["planned"]),
                     "；".join(f"{s['date']:%m-%d} {s['topic']}" for s in row["sessions"]),
                     "" if rate is None else percent(rate),
                     f"{received}/{expected}" if row["sessions"] else "", state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the topics of a busy month end in … where the column is narrow
                if row["overdue"]:
                    item.setBackground(QBrush(OVERDUE))
                self.setItem(i, column, item)
