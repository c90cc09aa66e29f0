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
        for i, month in enumerate(self.months):  # fold the rare types into one colour (and out of the peak)
            rest = sum(n for k, n in month.items() if k not in top)
            self.months[i] = {k: n for k, n in month.items() if k in top}
            if rest:
                self.months[i]["other_types"] = rest
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        left, bottom = metrics.horizontalAdvance("000") + 8, metrics.height() + 6
        legend = self._legend(metrics, left)
        legend_h = (max((y for _, _, y, _ in legend), default=0) + 1) * (metrics.height() + 4) + 2
        area = QRectF(left, legend_h + 4, self.width() - left - 8, self.height() - bottom - legend_h - 8)
        peak = self.peak()
        painter.setPen(QColor("#999"))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if self.is_empty():  # a scale of "1" over nothing would read as a figure; say there is nothing yet
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("本年尚无活动记录"))
        else:
            painter.drawText(QRectF(0, area.top() - 6, left - 4, metrics.height()), Qt.AlignmentFlag.AlignRight,
                             str(peak))
        slot = area.width() / 12
        names = self.month_names(metrics, slot)
        for i, month in enumerate(self.months):
            x, y = area.left() + i * slot + slot * 0.2, area.bottom()
            for j, kind in enumerate(self.types):
                h = area.height() * month.get(kind, 0) / peak
                if h:
                    painter.fillRect(QRectF(x, y - h, slot * 0.6, h), QColor(COLOURS[j]))
                    y -= h
            painter.setPen(QColor("#444"))
            painter.drawText(QRectF(area.left() + i * slot, area.bottom() + 2, slot, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, names[i])
        for j, text, row, x in legend:
            top = 4 + row * (metrics.height() + 4)
            painter.fillRect(QRectF(x, top, 10, 10), QColor(COLOURS[j]))
            painter.drawText(int(x + 14), top + metrics.ascent() - 2, text)
        painter.end()

    @staticmethod
    def month_names(metrics, slot: float) -> list[str]:
        """1月…12月 where a month's slot holds it; on a narrower chart the numbers, and on a narrower one still
        every other number (1 3 5 …), so neighbours never run together as 101112."""
        if metrics.horizontalAdvance("12月") + 4 <= slot:
            return [f"{m}月" for m in range(1, 13)]
        if metrics.horizontalAdvance("12") + 4 <= slot:
            return [str(m) for m in range(1, 13)]
        return [str(m) if m % 2 else "" for m in range(1, 13)]

    def is_empty(self) -> bool:
        return not any(sum(m.values()) for m in self.months)

    def peak(self) -> int:
        """The busiest month's count: the top of the scale, and the figure written beside it."""
        return max([sum(m.values()) for m in self.months] + [1])

    def _legend(self, metrics, left: int) -> list[tuple[int, str, int, int]]:
        """(colour, text, row, x) of each legend entry: as many rows as the width needs, so none is cut."""
        out, x, row = [], left, 0
        for j, kind in enumerate(self.types):
            text = label(codes.ACTIVITY_TYPES.get(kind, "其他类型"))
            width = 24 + metrics.horizontalAdvance(text)
            if x > left and x + width > self.width():
                x, row = left, row + 1
            out.append((j, text, row, x))
            x += width
        return out
