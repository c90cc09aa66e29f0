"""Start-up: the bundled font, one copy per store, unplanned errors logged and shown."""
import sys

from PySide6.QtGui import QFontDatabase

from models.store.lock import StoreLock
from resources import FONT_FAMILY
from ui import app as app_module
from ui.errors import install_excepthook


def test_bundled_font_is_registered(qapp):
    assert FONT_FAMILY in QFontDatabase.families()
    assert FONT_FAMILY in qapp.font().families()


def test_second_copy_says_so_and_exits(tmp_path, qapp, answer):
    store = tmp_path / "ledger.sqlite"
    with StoreLock(store):
        assert app_module.run_app(store, str(tmp_path / "log.txt")) == 1
    assert "已在另一个支部台账程序中打开" in answer.messages[-1][1]
    assert not store.exists()  # the store was never opened


def test_a_damaged_store_is_reported_not_crashed(tmp_path, qapp, answer):
    store = tmp_path / "ledger.sqlite"
    store.write_text("garbage" * 100)
    assert app_module.run_app(store, str(tmp_path / "log.txt")) == 1
    assert "不是支部台账的数据文件" in answer.messages[-1][1]


def test_unplanned_errors_are_logged_and_shown(tmp_path, qapp, answer, monkeypatch):
    import logging
    log_file = tmp_path / "app.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    try:
        install_excepthook(str(log_file))
        try:
            raise ZeroDivisionError("除零")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "ZeroDivisionError" in log_file.read_text(encoding="utf-8")
    kind, text = answer.messages[-1]
    assert kind == "critical" and "意外错误" in text and str(log_file) in text


def test_an_error_inside_a_button_click_is_caught_and_the_program_goes_on(tmp_path, qapp, qtbot, answer,
                                                                           monkeypatch):
    from PySide6.QtWidgets import QPushButton
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(str(tmp_path / "app.log"))
    clicks = []

    def broken():
        clicks.append(1)
        raise KeyError("意外")

    button = QPushButton("试一下")
    qtbot.addWidget(button)
    button.clicked.connect(broken)
    button.click()
    button.click()
    assert len(clicks) == 2  # still running, still answering clicks
    assert [kind for kind, _ in answer.messages] == ["critical", "critical"]


def test_a_damaged_store_is_replaced_by_its_newest_good_backup(tmp_path, qapp, answer):
    from models.records.common import ListQuery
    from models.records.members import count_members, save_member
    from models.store import close_database, db, make_backup, open_database
    store = tmp_path / "ledger.sqlite"
    open_database(store)
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    make_backup(db, store, "测试")
    close_database()
    data = bytearray(store.read_bytes())
    data[0:100] = data[0:16] + b"\x00" * 84  # a wrecked header: SQLite cannot read the file
    data[16:18] = b"\x00\x01"
    store.write_bytes(bytes(data))
    opened = app_module.open_store(store)
    assert opened is not None and "恢复" in answer.messages[-1][1]
    assert count_members(ListQuery()) == 1
    assert list(tmp_path.glob("ledger.损坏-*.sqlite"))  # the damaged file was kept
    opened[1].release()
    close_database()


def test_a_network_store_is_refused_and_the_local_one_offered(tmp_path, qapp, answer, monkeypatch):
    from models.records.settings import branch_settings
    from models.store import close_database, safety as store_safety
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(store_safety, "_mounts", lambda: [("/", "ext4"), (str(share), "cifs")])
    local = tmp_path / "local" / "ledger.sqlite"
    monkeypatch.setenv("BRANCH_LEDGER_DB", str(local))
    opened = app_module.open_store(share / "ledger.sqlite")
    assert "网络共享位置" in answer.messages[-1][1]
    assert opened[0] == local and branch_settings()["backup_dir_2"] == str(share)
    opened[1].release()
    close_database()


def start_without_a_loop(tmp_path, monkeypatch, qtbot, asked_name, demo=False):
    """run_app until the window is on screen and the first-run question has had its turn, with the question and
    the event loop patched; returns (parent, demo offered) per question asked, and the window."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        reloaded = 0

        def reload_pages(self):
            self.reloaded += 1

    from ui import main_window
    from ui.dialogs.branch_name_dialog import BranchNameDialog
    asked, windows, turns = [], [], []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(BranchNameDialog, "ask", classmethod(
        lambda cls, parent=None, offer_demo=False: asked.append((parent, offer_demo)) or (asked_name, demo)))
    monkeypatch.setattr(main_window, "MainWindow", lambda store: windows.append(Window()) or windows[-1])
    ask = app_module.ask_branch_name
    monkeypatch.setattr(app_module, "ask_branch_name", lambda window: (ask(window), turns.append(1)))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: qtbot.waitUntil(lambda: bool(turns), timeout=5000) or 0))
    assert app_module.run_app(tmp_path / "ledger.sqlite", str(tmp_path / "log.txt")) == 0
    return asked, windows[0]


def test_first_run_asks_for_the_branch_name_over_the_window(tmp_path, qapp, qtbot, monkeypatch):
    from models.records.settings import branch_settings
    from models.store import open_database
    asked, window = start_without_a_loop(tmp_path, monkeypatch, qtbot, "市民政局社会组织管理科党支部")
    assert asked == [(window, True)]  # once the window is on screen, over it; an empty store is offered the demo
    open_database(tmp_path / "ledger.sqlite")
    assert branch_settings()["branch_name"] == "市民政局社会组织管理科党支部"
    asked, _ = start_without_a_loop(tmp_path, monkeypatch, qtbot, "不该再问")  # the next start has the name
    assert asked == []
    open_database(tmp_path / "ledger.sqlite")
    assert branch_settings()["branch_name"] == "市民政局社会组织管理科党支部"


def test_first_run_goes_on_without_a_name(tmp_path, qapp, qtbot, monkeypatch):
    from models.records.settings import branch_settings
    from models.store import open_database
    asked, window = start_without_a_loop(tmp_path, monkeypatch, qtbot, None)
    assert asked == [(window, True)]  # the window is open all the same
    open_database(tmp_path / "ledger.sqlite")
    assert branch_settings()["branch_name"] == ""


def test_first_run_fills_in_the_demo_when_asked(tmp_path, qapp, qtbot, monkeypatch):
    from models.exchange.demo_clearing import demo_count, nothing_recorded
    from models.store import open_database
    asked, window = start_without_a_loop(tmp_path, monkeypatch, qtbot, None, demo=True)
    assert window.reloaded == 1 and "已填入示例数据" in window.statusBar().currentMessage()
    open_database(tmp_path / "ledger.sqlite")
    assert not nothing_recorded() and demo_count() > app_module.DEMO_ACTIVITIES
    asked, window = start_without_a_loop(tmp_path, monkeypatch, qtbot, "某党支部")
    assert asked == [(window, False)]  # the name is still asked for; the demo is offered on an empty store only
