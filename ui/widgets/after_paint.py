"""Work that waits until a widget is on screen: it runs once the widget's next paint has finished."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]):
        super().__init__(widget)  # goes with the widget if it is closed unpainted
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # queued: after this paint pass is on screen
            self.deleteLater()
        return False


def after_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call then() once, after the widget has next painted."""
    _AfterPaint(widget, then)
