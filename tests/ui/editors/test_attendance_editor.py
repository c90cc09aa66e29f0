"""The attendance editor: every row's editors belong to that row, and none outlives it."""
from PySide6.QtWidgets import QComboBox, QLineEdit

from ui.editors.attendance_editor import AttendanceEditor


def rows(n, status="present"):
    return [{"member": f"m{i}", "name": f"党员{i}", "status": status, "reason": ""} for i in range(n)]


def test_listing_again_leaves_no_editor_of_an_old_row_on_screen(qtbot):
    editor = AttendanceEditor()
    qtbot.addWidget(editor)
    editor.resize(800, 500)
    editor.show()
    editor.setValue(rows(13))
    editor.setValue(rows(13, "leave"))       # a dialog lists its members twice: loading, then the group's list
    editor.merge_members(rows(5))
    visible = [w for w in editor.table.viewport().findChildren(QLineEdit) + editor.table.viewport().findChildren(
        QComboBox) if w.isVisible()]
    assert len(visible) == 2 * editor.table.rowCount() == 10
    assert [r["status"] for r in editor.value()] == ["leave"] * 5
