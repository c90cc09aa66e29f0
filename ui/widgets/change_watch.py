"""Lists that follow the store: a cheap poll of the newest change, and the rows read again without losing place."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QItemSelectionModel, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from shiboken6 import isValid

from models.records.common import newest_change
from ui.tasks import run_quietly


class ChangeWatch(QObject):
    """Calls changed() when anyone changed the store since seen(): asked every few seconds while the widget is on
    screen, its window in front and no dialog open over it (or at once, when told to look). The store is asked on
    the worker thread (a round trip to a server must not stall the window); the answer comes back by signal."""

    def __init__(self, widget: QWidget, changed: Callable[[], None], interval_ms: int = 3000):
        super().__init__(widget)
        self.widget, self.changed = widget, changed
        self.mark = None  # the store's change mark when the widget last read its rows
        self.asking = False  # a question is on its way: the next tick does not pile another behind it
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(lambda: self.look(force=False))

    def seen(self) -> None:
        """The widget has just read its rows (on this thread, as it read them)."""
        self.mark = newest_change()

    def look(self, force: bool = True) -> bool:
        """Ask, off the window's thread, whether the store changed since the widget read its rows; the widget is
        told when the answer comes. False when not asked now (not watching, or a question still on its way)."""
        if self.asking or not (force or self.watching()):
            return False
        self.asking = True
        run_quietly(lambda progress: newest_change(), self._answered, self._failed)
        return True

    def _answered(self, mark) -> None:
        self.asking = False
        if not isValid(self) or not isValid(self.widget):  # the page went while the question was on its way
            return
        if mark is None or mark == self.mark:  # nothing new, or the store cannot be read just now
            return
        self.mark = mark
        self.changed()

    def _failed(self, error: BaseException) -> None:
        self.asking = False
        raise error  # not the store being away (newest_change says None then): a fault, to the error handler

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
