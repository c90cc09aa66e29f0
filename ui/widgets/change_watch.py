"""Lists that follow the store: a cheap poll of the newest change, and the rows read again without losing place."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from models.records.common import newest_change


class ChangeWatch(QObject):
    """Calls changed() when anyone changed the store since seen(): asked every few seconds while the widget is on
    screen, its window in front and no dialog open over it (or at once, when told to look)."""

    def __init__(self, widget: QWidget, changed: Callable[[], None], interval_ms: int = 3000):
        super().__init__(widget)
        self.widget, self.changed = widget, changed
        self.mark = None  # the store's change mark when the widget last read its rows
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(lambda: self.look(force=False))

    def seen(self) -> None:
        """The widget has just read its rows."""
        self.mark = newest_change()

    def look(self, force: bool = True) -> bool:
        """Tell the widget if the store changed since it read its rows; True when it did."""
        if not (force or self.watching()):
            return False
        mark = newest_change()
        if mark is None or mark == self.mark:  # nothing new, or the store cannot be read just now
            return False
        self.mark = mark
        self.changed()
        return True

    def watching(self) -> bool:
        widget = self.widget
        return widget.isVisible() and widget.window().isActiveWindow() and QApplication.activeModalWidget() is None


def reread_keeping_place(view: QTableView, model, uuid: str | None) -> None:
    """The model's rows read again (model.refetch()); the record uuid selected again if still listed, and the view
    scrolled where it was."""
    column = max(view.currentIndex().column(), 0)
    bars = (view.verticalScrollBar(), view.horizontalScrollBar())
    places = [bar.value() for bar in bars]
    model.refetch()
    row = model.row_of(uuid) if uuid else -1
    if row >= 0:
        view.selectionModel().setCurrentIndex(
            model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
    view.doItemsLayout()  # the scroll bars' ranges for the rows read, before their places are set back
    for bar, place in zip(bars, places):
        bar.setValue(place)
