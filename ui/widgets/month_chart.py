"""A small stacked bar chart: activities per month of the year, by type."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from models.records import codes
from ui.widgets.labels import label

COLOURS = ["#c62828", "#ef6c00", "#f9a825", "#2e7d32", "#1565c0", "#6a1b9a", "#00838f", "#8d6e63", "#9e9e9e"]


class MonthChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.months: list[dict[str, int]] = [{} for _ in range(12)]
        self.types: list[str] = []
        self.setMinimumHeight(190)

    def sizeHint(self) -> QSize:
        return QSize(520, 210)

    def set_data(self, by_month: dict[tuple[int, int], dict[str, int]], year: int) -> None:
        self.months = [dict(by_month.get((year, m), {})) for m in range(1, 13)]
        totals: dict[str, int] = {}
        for month in self.months:
            for kind, n in month.items():
                totals[kind] = totals.get(kind, 0) + n
        top = sorted(totals, key=totals.get, reverse=True)[:6]  # the rest share one colour, so the legend fits
        self.types = top + (["other_types"] if len(totals) > len(top) else [])
        for month in self.months:  # fold the rare types into one colour
            rest = sum(n for k, n in month.items() if k not in top)
            if rest:
                month["other_types"] = rest
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        legend_h = metrics.height() + 6
        left, bottom = metrics.horizontalAdvance("000") + 8, metrics.height() + 6
        area = QRectF(left, legend_h + 4, self.width() - left - 8, self.height() - bottom - legend_h - 8)
        peak = max([sum(m.values()) for m in self.months] + [1])
        painter.setPen(QColor("#999"))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(QRectF(0, area.top() - 6, left - 4, metrics.height()), Qt.AlignmentFlag.AlignRight, str(peak))
        slot = area.width() / 12
        for i, month in enumerate(self.months):
            x, y = area.left() + i * slot + slot * 0.2, area.bottom()
            for j, kind in enumerate(self.types):
                h = area.height() * month.get(kind, 0) / peak
                if h:
                    painter.fillRect(QRectF(x, y - h, slot * 0.6, h), QColor(COLOURS[j]))
                    y -= h
            painter.setPen(QColor("#444"))
            painter.drawText(QRectF(area.left() + i * slot, area.bottom() + 2, slot, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, f"{i + 1}月")
        x = left
        for j, kind in enumerate(self.types):
            text = label(codes.ACTIVITY_TYPES.get(kind, "其他类型"))
            painter.fillRect(QRectF(x, 4, 10, 10), QColor(COLOURS[j]))
            painter.drawText(int(x + 14), metrics.ascent() + 2, text)
            x += 24 + metrics.horizontalAdvance(text)
        painter.end()
