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


def test_a_new_list_is_not_recorded_until_someone_records_it(store, qtbot):
    from models.records.activities import get_activity, save_activity
    from models.records.members import save_member
    from models.records.validation import ValidationError
    for name in ("甲", "乙"):
        save_member({"name": name, "gender": "male", "party_status": "full"})
    editor = AttendanceEditor()
    qtbot.addWidget(editor)
    from models.records.activities import members_for
    editor.setValue(members_for(__import__("datetime").date(2024, 3, 5), ""))
    assert "尚未记录出勤" in editor.summary.text()
    basics = {"type": "member_meeting", "title": "党员大会", "date": "2024-03-05"}
    assert get_activity(save_activity({**basics, "attendance": editor.value()}))["attendance"] == []
    first = editor.table.cellWidget(0, 1)
    first.setCurrentIndex(first.findData("absent"))
    assert "未记录 1 人" in editor.summary.text()
    try:
        save_activity({**basics, "attendance": editor.value()})
        raise AssertionError("a list marked in part was saved")
    except ValidationError as e:
        assert "还有 1 人未记录出勤情况" in e.errors["attendance"]
    editor.mark_all_present()
    assert "应到 2 人，实到 2 人" in editor.summary.text()


def test_an_empty_list_says_what_to_press_instead_of_counting_noughts(qtbot):
    editor = AttendanceEditor()
    qtbot.addWidget(editor)
    editor.resize(800, 500)
    editor.show()
    editor.setValue([])  # a saved lecture with no attendance: nothing listed
    assert editor.empty_note.isVisible() and "按活动日期重新列出在册党员" in editor.empty_note.text()
    assert "应到 0 人" not in editor.summary.text() and "尚未记录出勤" in editor.summary.text()
    editor.setValue(rows(3))
    assert not editor.empty_note.isVisible() and "应到 3 人" in editor.summary.text()
