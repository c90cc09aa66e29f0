"""Sizes that fit the screen: a window or form asked for more room than a small or scaled screen has gets what
there is, so its buttons are never off the edge (1024×768 at 125 % leaves 819×614)."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = (16, 48)  # what the window's own frame and title bar take around it


def resize_within_screen(widget: QWidget, width: int, height: int) -> bool:
    """Resize to width×height, or to as much of that as the screen's free area holds; whether it all fitted."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    least = widget.minimumSizeHint()
    fitted = (min(width, room.width() - FRAME[0]), min(height, room.height() - FRAME[1]))
    widget.resize(max(fitted[0], least.width()), max(fitted[1], least.height()))
    return fitted == (width, height)


def form_columns(wanted: int, wide: int = 1200) -> int:
    """Columns for a form of captions and fields: as asked on a wide screen, one fewer where the screen's free
    width is under `wide` (a 1024-pixel screen, or 1366 at 125 %), so no field is pushed past the edge."""
    screen = QGuiApplication.primaryScreen()
    narrow = screen is not None and screen.availableGeometry().width() < wide
    return max(1, wanted - 1) if narrow else wanted
