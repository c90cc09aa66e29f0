"""Backups from the window: after 30 minutes of changes, on close, on demand; restore from the list."""
from PySide6.QtWidgets import QMessageBox

from models.records.common import ListQuery
from models.records.members import count_members, save_member
from models.store import list_backups
from ui import backups as backups_module
from ui.dialogs.restore_dialog import RestoreDialog
from ui.main_window import MainWindow
from ui.tasks import pool


def test_backups_after_changes_on_close_and_restore(store, qtbot, monkeypatch, answer):
    window = MainWindow(store)
    qtbot.addWidget(window)
    backups = window.backups
    clock = [1000.0]
    monkeypatch.setattr(backups_module.time, "monotonic", lambda: clock[0])
    backups.tick()
    assert list_backups(store) == []  # nothing changed, nothing to back up
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    window.pages["members"][1].changed.emit()
    clock[0] += 29 * 60
    backups.tick()
    pool().waitForDone()
    assert list_backups(store) == []
    clock[0] += 60
    backups.tick()
    pool().waitForDone()
    qtbot.waitUntil(lambda: len(list_backups(store)) == 1, timeout=5000)
    first = list_backups(store)[0]["path"]

    save_member({"name": "乙", "gender": "male", "party_status": "full"})
    window.pages["members"][1].changed.emit()
    window.close()  # a backup on close, after changes
    assert len(list_backups(store)) == 2

    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, s: first))
    answer.reply_with(QMessageBox.StandardButton.Yes)
    window.restore()
    assert count_members(ListQuery()) == 1
    assert window.pages["members"][1].model.total == 1


def test_an_empty_store_file_is_refused_at_start_and_left_alone(tmp_path, qapp, answer):
    from ui import app as app_module
    store = tmp_path / "ledger.sqlite"
    store.touch()
    answer.reply_with(QMessageBox.StandardButton.No)  # not made into a new store unless the person says so
    assert app_module.open_store(store) is None
    assert answer.messages[0][0] == "question" and "新建" in answer.messages[0][1]
    kind, text = answer.messages[-1]
    assert kind == "critical" and "空文件" in text and "--new" not in text
    assert store.stat().st_size == 0


def test_an_empty_store_file_becomes_a_new_store_when_the_person_says_so(tmp_path, qapp, answer):
    from models.store import close_database, db
    from ui import app as app_module
    store = tmp_path / "ledger.sqlite"
    store.touch()
    opened = app_module.open_store(store)
    try:
        assert opened is not None and [kind for kind, _ in answer.messages] == ["question"]
        save_member({"name": "甲", "gender": "male", "party_status": "full"})
        assert count_members(ListQuery()) == 1 and db.pragma("user_version") > 0
    finally:
        opened[1].release()
        close_database()
    assert store.stat().st_size > 0


def test_a_foreign_backup_chosen_in_the_window_is_refused_and_the_store_kept(store, qtbot, monkeypatch, answer,
                                                                             tmp_path):
    import os
    import sqlite3
    import zipfile

    from models.store import db, make_backup
    window = MainWindow(store)
    qtbot.addWidget(window)
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    good = make_backup(db, store, "测试")
    other = tmp_path / "别的程序.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE orders (id INTEGER)")
    con.commit()
    con.close()
    foreign = tmp_path / "外来.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(foreign, "w") as dst:
        for item in src.infolist():
            dst.writestr(item.filename, other.read_bytes() if item.filename == "store.sqlite" else src.read(item))
    inode = os.stat(store).st_ino
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, s: foreign))
    answer.reply_with(QMessageBox.StandardButton.Yes)
    window.restore()
    kind, text = answer.messages[-1]
    assert kind == "warning" and "不能用于恢复" in text and "未作任何改动" in text
    assert os.stat(store).st_ino == inode and count_members(ListQuery()) == 1
    save_member({"name": "乙", "gender": "male", "party_status": "full"})  # the store is still open and writable
    assert count_members(ListQuery()) == 2


def test_a_store_whose_header_is_wrecked_at_start_is_restored_from_its_newest_good_backup(tmp_path, qapp, answer):
    """A wrecked header reads as another program's file: with backups of this very store beside it, the newest
    good one is offered as for any damaged store, and the wrecked file is kept."""
    from models.store import close_database, db, make_backup, open_database
    from ui import app as app_module
    store = tmp_path / "ledger.sqlite"
    open_database(store)
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    make_backup(db, store, "测试")
    close_database()
    data = bytearray(store.read_bytes())
    data[16:100] = b"\x00\x01" + b"\xee" * 82
    store.write_bytes(bytes(data))
    opened = app_module.open_store(store)
    assert opened is not None and "恢复" in answer.messages[-1][1]
    assert count_members(ListQuery()) == 1
    assert next(tmp_path.glob("ledger.损坏-*.sqlite")).read_bytes() == bytes(data)
    opened[1].release()
    close_database()
