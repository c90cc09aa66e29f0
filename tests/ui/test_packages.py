"""Data packages from the window: import another PC's records, deciding what differs."""
from models.records.common import ListQuery
from models.records.members import get_member, list_members, save_member
from ui import files
from ui.dialogs.conflicts_dialog import ConflictsDialog
from ui.main_window import MainWindow
from ui.tasks import pool


def test_export_then_import_with_a_conflict(store, tmp_path, qtbot, monkeypatch, answer):
    from exports.data_package import write_package
    uuid = save_member({"name": "张三", "gender": "male", "party_status": "full", "job_title": "科员"})
    package = tmp_path / "包.zip"
    write_package(package)
    save_member({"uuid": uuid, "name": "张三", "gender": "male", "party_status": "full", "job_title": "科长"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    monkeypatch.setattr(files, "ask_open_path", lambda *a: package)
    asked = []
    monkeypatch.setattr(ConflictsDialog, "ask", classmethod(lambda cls, parent, c: asked.append(c) or {c[0].uuid: "theirs"}))
    window.packages.import_()
    qtbot.waitUntil(lambda: bool(answer.messages), timeout=10_000)
    pool().waitForDone()
    assert asked and asked[0][0].uuid == uuid
    assert get_member(uuid)["job_title"] == "科员"  # took theirs
    assert len(list_members(ListQuery())) == 1
