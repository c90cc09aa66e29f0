"""An account that may only look, on the office's server: every page and form opens, editing is grey and stays
grey, the note says why, and clicking everything that is still enabled writes nothing and raises no error."""
import pytest
from PySide6.QtWidgets import (QAbstractButton, QDialog, QFileDialog, QGroupBox, QLineEdit, QMenu, QPlainTextEdit,
                               QPushButton, QToolButton)

from models.exchange.demo import fill_demo
from models.records.activities import ActivityQuery, list_activities
from models.store import close_database, db, is_read_only, open_database
from ui.main_window import PAGES, MainWindow

pytestmark = pytest.mark.postgres

EDITING = ("新建", "删除", "恢复", "彻底删除", "清空回收站", "记录学习会", "保存", "保存字体设置", "归档该期间",
           "取消所选归档…", "添加", "上移", "下移", "添加指标", "删除所选指标", "清除示例数据…")


@pytest.fixture
def viewer(pg_cluster):
    """A server store with records in it, opened with an account granted SELECT alone."""
    name = pg_cluster.copy_of("template_ledger")
    open_database(pg_cluster.url(name))
    fill_demo(40, seed=3)
    close_database()
    url = pg_cluster.reading(name)
    open_database(url)
    assert is_read_only()
    yield url
    from ui.tasks import pool
    pool().waitForDone(10_000)  # a page's reading (数据检查 checks once painted) ends before the store goes
    close_database()
    pg_cluster.drop_later(name)


@pytest.fixture
def writes(monkeypatch):
    """Every statement that would change the store, as the program sends it."""
    sent = []
    original = type(db.obj).execute_sql

    def watched(self, sql, params=None, *args, **kwargs):
        if sql.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP"):
            sent.append(sql)
        return original(self, sql, params, *args, **kwargs)
    monkeypatch.setattr(type(db.obj), "execute_sql", watched)
    return sent


def _window(qtbot, url) -> MainWindow:
    window = MainWindow(url)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_page_greys_its_editing_and_says_why(qtbot, viewer, answer):
    window = _window(qtbot, viewer)
    assert "只有查看权限" in window.read_only_label.text()
    assert window.store_label.text().startswith("单位服务器：postgresql://")  # not 数据文件: no file is involved
    for action in (window.new_action, window.delete_action, window.undo_action, window.redo_action):
        assert not action.isEnabled()
    for key, *_ in PAGES:
        window.go_to(key)
        page = window.pages[key][1]
        if hasattr(page, "undo_stack"):
            page.select_row(0)  # a chosen row enables 删除 on a writable store
            assert page.current_row() is not None and page.edit_button.isEnabled(), key
            assert not page.new_button.isEnabled() and not page.delete_button.isEnabled(), key
            assert not window.delete_action.isEnabled() and not window.new_action.isEnabled(), key
        for button in page.findChildren(QPushButton):
            if button.text() in EDITING and button.isVisibleTo(page):
                assert not button.isEnabled(), (key, button.text())
    settings = window.pages["settings"][1]
    assert settings.server_box.isEnabled() and settings.server_box.try_button.isEnabled()  # this PC's own choice
    assert all(not box.isEnabled() for box in settings.findChildren(QGroupBox) if box is not settings.server_box
               and not settings.server_box.isAncestorOf(box))
    report = window.pages["report"][1]
    assert report.signer.isReadOnly() and all(editor.isReadOnly() for editor in report.leads.values())
    home = window.pages["home"][1]
    assert any("只有查看权限" in label.text() for label in home.findChildren(type(window.read_only_label)))


def test_a_record_opens_for_reading(qtbot, viewer, answer):
    from ui.dialogs.activity_dialog import ActivityDialog
    from ui.dialogs.member_dialog import MemberDialog
    uuid = list_activities(ActivityQuery(), 0, 1)[0]["uuid"]
    dialog = ActivityDialog(None, uuid)
    qtbot.addWidget(dialog)
    assert "查看" in dialog.windowTitle()
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled() and save.isHidden()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "关闭"
    texts = dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit)
    assert texts and all(t.isReadOnly() for t in texts)
    history = next(b for b in dialog.buttons.buttons() if b.text() == "修改历史…")
    opened = [b for b in dialog.findChildren(QAbstractButton) if b.isEnabled() and b.text()
              and not dialog.buttons.isAncestorOf(b)]
    assert [b.text() for b in opened] == ["打开"]  # the attachment viewer alone: every editing button is grey
    assert history.isEnabled()
    dialog.reject()  # nothing typed: closes without asking
    assert not [m for m in answer.messages if m[0] == "question"]
    member = MemberDialog(None)  # even a new form (reached some other way) cannot be saved
    qtbot.addWidget(member)
    assert member.buttons.button(member.buttons.StandardButton.Save).isHidden()


def test_clicking_everything_still_enabled_writes_nothing(qtbot, viewer, answer, writes, monkeypatch, tmp_path):
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)  # every dialog opened, then closed
    monkeypatch.setattr(QMenu, "exec", lambda self, *a: None)
    for name in ("getSaveFileName", "getOpenFileName", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    window = _window(qtbot, viewer)
    clicked = []
    for key, *_ in PAGES:
        window.go_to(key)
        page = window.pages[key][1]
        if hasattr(page, "undo_stack"):
            page.select_row(0)
        for button in page.findChildren(QAbstractButton):
            if not (button.isEnabled() and button.isVisibleTo(page)):
                continue
            menu = button.menu() if isinstance(button, (QPushButton, QToolButton)) else None
            if menu is None:  # a button's menu pops up in Qt's own loop: its entries are triggered instead
                button.click()
                clicked.append((key, button.text()))
            for action in menu.actions() if menu else []:
                if action.isEnabled():
                    action.trigger()
                    clicked.append((key, action.text()))
        for action in (window.undo_action, window.redo_action, window.delete_action, window.new_action,
                       window.edit_action):
            action.trigger()
    assert ("activities", "编辑") in clicked and ("settings", "测试连接") in clicked
    from ui.tasks import pool
    assert pool().waitForDone(60_000)
    qtbot.wait(50)
    assert writes == []
    assert not [m for m in answer.messages if m[0] in ("warning", "critical")], answer.messages
