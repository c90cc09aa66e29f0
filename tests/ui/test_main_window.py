"""The main window: pages in the navigation, actions, remembered page and size."""
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from ui.dialogs.member_dialog import MemberDialog
from ui.main_window import MainWindow


def test_navigation_and_remembered_page(store, qtbot):
    window = MainWindow(store)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["首页", "支部活动", "学习小组", "联建活动", "党员", "党费", "发展党员", "社会组织", "党建覆盖",
                      "汇报导出", "回收站", "设置", "数据检查"]
    assert window.store_label.text() == f"数据文件：{store}"
    window.go_to("settings")
    assert not window.new_action.isEnabled()
    window.resize(700, 500)  # inside the offscreen 800×600 screen
    window.close()

    again = MainWindow(store)
    qtbot.addWidget(again)
    assert again.current_page_key() == "settings"
    assert (again.width(), again.height()) == (700, 500)


def test_a_page_is_built_when_first_shown(store, qtbot):
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert set(window.pages.made) == {"home"}  # a fresh start opens on the home page, and builds nothing else
    window.go_to("members")
    page = window.pages.made["members"]
    assert window.stack.currentWidget() is page and window.stack.count() == 13
    assert window.delete_action in page.view.actions()
    window.go_to("home")
    window.go_to("members")
    assert window.pages.made["members"] is page  # built once
    assert set(window.pages.made) == {"home", "members"}


def test_every_page_can_be_built_and_shown(store, qtbot):
    from ui.main_window import PAGES
    window = MainWindow(store)
    qtbot.addWidget(window)
    for key, _, _, name in PAGES:
        window.go_to(key)
        assert type(window.stack.currentWidget()).__name__ == name
    assert window.stack.count() == len(PAGES) == len(window.pages.made)


def test_a_page_reads_its_rows_once_when_first_shown_and_again_when_shown_again(store, qtbot, monkeypatch):
    from ui.pages.member_page import MemberPage
    reads = []
    fetch = MemberPage.fetch
    monkeypatch.setattr(MemberPage, "fetch", lambda self, *args: reads.append(1) or fetch(self, *args))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.go_to("members")
    assert len(reads) == 1
    window.go_to("home")
    window.go_to("members")  # what other pages changed meanwhile
    assert len(reads) == 2
    assert "nothing" not in window.pages and "settings" in window.pages and "settings" not in window.pages.made


def test_the_toolbar_edits_and_deletes_the_selected_row(store, qtbot):
    from models.records.members import save_member
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.go_to("members")
    page = window.pages["members"][1]
    assert window.new_action.isEnabled() and not window.edit_action.isEnabled()
    page.select_row(0)
    assert window.edit_action.isEnabled() and window.delete_action.isEnabled() and page.edit_button.isEnabled()
    window.go_to("settings")
    assert not window.edit_action.isEnabled() and not window.new_action.isEnabled()


def test_the_home_page_fills_in_after_it_is_shown(store, qtbot):
    from models.records.members import save_member
    save_member({"name": "甲", "gender": "male", "party_status": "full"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    home = window.pages["home"][1]
    assert home.figures.text() == ""  # read on the worker thread, shown when it comes back
    qtbot.waitUntil(lambda: "支部活动 0 次" in home.figures.text(), timeout=10_000)


def test_ctrl_n_opens_the_form_of_the_current_page(store, qtbot, monkeypatch):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.go_to("members")
    opened = []
    monkeypatch.setattr(MemberDialog, "exec", lambda d: opened.append(d) or 0)
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    window.new_action.trigger()
    assert opened and opened[0].windowTitle().startswith("党员信息")


def test_qt_buttons_speak_chinese(qapp):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().startswith("取消")
    assert box.button(QDialogButtonBox.StandardButton.Save).text().startswith("保存")


def test_keyboard_delete_and_find(store, qtbot, answer):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from models.records.members import save_member
    save_member({"name": "张伟", "gender": "male", "party_status": "full"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.go_to("members")
    page = window.stack.currentWidget()
    page.select_row(0)
    page.view.setFocus()
    QTest.keyClick(page.view, Qt.Key.Key_Delete)
    assert page.model.total == 0
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_box.hasFocus()


def test_global_search_opens_the_record(store, qtbot, monkeypatch):
    from models.records.activities import save_activity
    from ui.dialogs.activity_dialog import ActivityDialog
    from ui.dialogs.global_search_dialog import GlobalSearchDialog
    uuid = save_activity({"type": "field_research", "title": "社会组织实地调研", "date": "2020-05-01"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    monkeypatch.setattr(GlobalSearchDialog, "ask", classmethod(lambda cls, parent: ("activity", uuid)))
    opened = []
    monkeypatch.setattr(ActivityDialog, "exec", lambda d: opened.append(d.field("title").value()) or 0)
    assert window.search_action.shortcut().toString() == "Ctrl+Shift+F"
    window.search_action.trigger()
    assert window.current_page_key() == "activities" and opened == ["社会组织实地调研"]


def test_global_search_opens_an_applicant_in_their_form_on_the_development_page(store, qtbot, monkeypatch):
    import datetime as dt

    from models.records.development import save_applicant
    from ui.dialogs.applicant_dialog import ApplicantDialog
    from ui.dialogs.global_search_dialog import GlobalSearchDialog, HitRole
    save_applicant({"name": "李明", "gender": "male", "birth_date": dt.date(1998, 5, 1),
                    "applied_on": dt.date(2024, 3, 1), "workplace": "市社会组织服务中心"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    found = GlobalSearchDialog(text="服务中心")
    qtbot.addWidget(found)
    hit = found.results.topLevelItem(0).child(0)
    assert found.results.topLevelItem(0).text(0).startswith("发展党员：1 条") and hit.text(2) == "工作单位"
    monkeypatch.setattr(GlobalSearchDialog, "ask", classmethod(lambda cls, parent: hit.data(0, HitRole)))
    opened = []
    monkeypatch.setattr(ApplicantDialog, "exec", lambda d: opened.append(d.field("name").value()) or 0)
    window.search_action.trigger()
    assert window.current_page_key() == "development" and opened == ["李明"]


def test_undo_right_after_a_restore_from_the_recycle_bin_undoes_the_restore(store, qtbot, answer):
    from models.records.common import ListQuery
    from models.records.members import list_members, save_member
    save_member({"name": "张伟", "gender": "male", "party_status": "full"})
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.go_to("members")
    members = window.stack.currentWidget()
    members.select_row(0)
    members.delete_current()
    assert list_members(ListQuery()) == []
    window.go_to("recycle")
    recycle = window.stack.currentWidget()
    recycle.table.selectRow(0)
    recycle.restore_selected()
    window.go_to("members")
    assert members.model.total == 1
    window._undo("undo")                                   # takes the restore back: no false error
    assert list_members(ListQuery()) == [] and members.model.total == 0
    window._undo("redo")
    assert [m["name"] for m in list_members(ListQuery())] == ["张伟"]
    assert not [text for kind, text in answer.messages if kind == "warning"]


def test_no_two_pages_share_a_shortcut(store, qtbot):
    window = MainWindow(store)
    qtbot.addWidget(window)
    keys = [a.shortcut().toString() for a in window.findChildren(QAction) if a.shortcut().toString()]
    assert len(keys) == len(set(keys)) and "Ctrl+0" in keys
