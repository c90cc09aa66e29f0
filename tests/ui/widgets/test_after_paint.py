"""Work that waits for a paint runs once, after the widget is on screen, and not at all for a widget never shown."""
from PySide6.QtWidgets import QWidget

from ui.widgets.after_paint import after_paint


def test_runs_once_after_the_paint(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    ran = []
    after_paint(widget, lambda: ran.append(widget.isVisible()))
    qtbot.wait(20)
    assert ran == []  # not shown: nothing painted, nothing run
    widget.show()
    qtbot.waitUntil(lambda: ran == [True])
    widget.update()
    qtbot.wait(50)
    assert ran == [True]  # later paints do not run it again
