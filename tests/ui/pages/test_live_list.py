"""A list follows what others change in the store, keeping the person's selection and scroll place, asking the
store off the window's thread; deleting or undoing over someone else's newer change is refused."""
import threading
import time

import pytest
from other_pc import run_elsewhere
from PySide6.QtWidgets import QDialogButtonBox

from models.records.members import get_member, save_member
from models.store import insert_rows, utcnow
from ui.dialogs.member_dialog import MemberDialog
from ui.dialogs.save_conflict_dialog import MINE, SaveConflictDialog
from ui.pages.member_page import MemberPage
from ui.widgets import change_watch
from ui.widgets.change_watch import ChangeWatch

BASE = {"gender": "female", "party_status": "full", "birth_date": "1990-05-01", "join_date": "2012-06-30"}


def many_members(count: int) -> None:
    now = utcnow()
    insert_rows("member", ["uuid", "created_at", "updated_at", "name", "gender", "party_status", "ethnicity",
                           "education", "phone", "party_post", "job_title", "left_to", "notes"],
                [(f"00000000-0000-0000-0000-{i:012d}", now, now, f"党员{i:04d}", "male", "full", "汉族", "", "",
                  "", "", "", "") for i in range(count)])


def edit_elsewhere(store, tmp_path, uuid: str, **changes) -> None:
    data = {k: v for k, v in get_member(uuid).items() if k not in ("deleted_at", "young", "active", "version")}
    [answer] = run_elsewhere(store, tmp_path, {"call": "models.records.members.save_member",
                                               "args": [{**data, **changes}]})
    assert answer == {"result": uuid}


def looked(page, qtbot, force: bool = True) -> bool:
    """The watch asked the store and its answer came: True when the page was told of a change."""
    told = []
    plain = page.watch.changed
    page.watch.changed = lambda: told.append(True) or plain()
    try:
        if page.watch.look(force):
            qtbot.waitUntil(lambda: not page.watch.asking, timeout=5000)
    finally:
        page.watch.changed = plain
    return bool(told)


@pytest.fixture
def page(store, qtbot):
    widget = MemberPage()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def test_a_change_made_elsewhere_shows_with_the_selection_and_scroll_kept(store, tmp_path, page, qtbot):
    many_members(300)
    page.reload()
    assert page.select_uuid("00000000-0000-0000-0000-000000000180")  # loads pages of rows to reach it
    bar = page.view.verticalScrollBar()
    bar.setValue(bar.value() - 60)  # the person scrolled on, the selected row out of sight
    place = bar.value()
    assert place > 0 and page.model.rowCount() > 100
    assert not looked(page, qtbot)  # nothing changed yet: nothing read again
    edit_elsewhere(store, tmp_path, "00000000-0000-0000-0000-000000000179", job_title="改在另一台电脑")
    assert looked(page, qtbot)
    assert page.current_row()["uuid"] == "00000000-0000-0000-0000-000000000180"
    assert bar.value() == place
    row = page.model.row_of("00000000-0000-0000-0000-000000000179")
    assert page.model.row_at(row)["job_title"] == "改在另一台电脑"
    assert not looked(page, qtbot)


def test_the_poll_runs_by_itself_while_the_window_is_in_front(store, tmp_path, page, qtbot, monkeypatch):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()
    page.select_uuid(uuid)
    monkeypatch.setattr(ChangeWatch, "watching", lambda self: True)  # offscreen windows are never "in front"
    page.watch.timer.setInterval(50)
    edit_elsewhere(store, tmp_path, uuid, name="王芳芳")
    qtbot.waitUntil(lambda: page.current_row()["name"] == "王芳芳", timeout=3000)
    page.hide()
    assert not page.watch.timer.isActive()  # only the page on screen asks


def test_no_poll_while_the_window_is_not_in_front(store, tmp_path, page, qtbot, monkeypatch):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()
    edit_elsewhere(store, tmp_path, uuid, name="王芳芳")
    monkeypatch.setattr(page, "isActiveWindow", lambda: False)  # the person works in another program
    assert not looked(page, qtbot, force=False) and page.model.row_at(0)["name"] == "王芳"
    monkeypatch.setattr(page, "isActiveWindow", lambda: True)  # and comes back
    assert looked(page, qtbot, force=False) and page.model.row_at(0)["name"] == "王芳芳"


def test_the_store_is_asked_off_the_windows_thread_and_a_slow_answer_does_not_stall_it(store, tmp_path, page,
                                                                                       qtbot, monkeypatch):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()
    edit_elsewhere(store, tmp_path, uuid, name="王芳芳")
    asked_on = []
    plain = change_watch.newest_change

    def slow_store():
        asked_on.append(threading.current_thread())
        time.sleep(1.0)  # a server far away
        return plain()
    monkeypatch.setattr(change_watch, "newest_change", slow_store)
    began = time.monotonic()
    assert page.watch.look()
    assert not page.watch.look()  # one question at a time: the next tick does not pile another behind it
    assert time.monotonic() - began < 0.5  # the window went on at once
    qtbot.waitUntil(lambda: page.model.row_at(0)["name"] == "王芳芳", timeout=5000)
    assert asked_on and asked_on[0] is not threading.main_thread()


def test_deleting_a_record_someone_changed_since_it_was_shown_is_refused(store, tmp_path, page, answer):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()
    page.select_uuid(uuid)
    edit_elsewhere(store, tmp_path, uuid, notes="另一台电脑刚写的")
    page.delete_current()
    assert get_member(uuid)["notes"] == "另一台电脑刚写的"  # still live
    kind, text = answer.messages[-1]
    assert kind == "warning" and "没有删除" in text and "修改" in text
    assert page.current_row()["notes"] == "另一台电脑刚写的" and page.undo_stack.count() == 0
    page.delete_current()  # now it was seen as it is
    assert page.model.total == 0


def test_undo_never_puts_back_over_someone_elses_change(store, tmp_path, page, monkeypatch, answer):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()

    def exec_(dialog):
        dialog.field("phone").setValue("13900001111")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    monkeypatch.setattr(MemberDialog, "exec", exec_)
    page.edit_uuid(uuid)
    assert page.undo_stack.count() == 1
    edit_elsewhere(store, tmp_path, uuid, job_title="科长")
    page.undo_stack.undo()
    stored = get_member(uuid)
    assert (stored["phone"], stored["job_title"]) == ("13900001111", "科长")
    assert "修改过" in answer.messages[-1][1]


def test_after_a_refused_undo_an_older_step_of_the_record_is_refused_too(store, tmp_path, page, monkeypatch, answer):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()
    for field, value in (("phone", "13900001111"), ("notes", "第二次修改")):
        def exec_(dialog, field=field, value=value):
            dialog.field(field).setValue(value)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
            return dialog.result()
        monkeypatch.setattr(MemberDialog, "exec", exec_)
        page.edit_uuid(uuid)
    assert page.undo_stack.count() == 2
    edit_elsewhere(store, tmp_path, uuid, job_title="科长")
    page.undo_stack.undo()  # the notes: refused
    page.undo_stack.undo()  # the phone: refused as well, not put back over 科长 with the other PC's version
    stored = get_member(uuid)
    assert (stored["phone"], stored["notes"], stored["job_title"]) == ("13900001111", "第二次修改", "科长")
    assert [kind for kind, _ in answer.messages[-2:]] == ["warning", "warning"]


def test_a_save_that_replaced_someone_elses_is_not_offered_for_undo(store, tmp_path, page, monkeypatch):
    uuid = save_member({**BASE, "name": "王芳"})
    page.reload()
    statuses = []
    page.status.connect(statuses.append)

    def exec_(dialog):
        dialog.field("phone").setValue("13900001111")
        edit_elsewhere(store, tmp_path, uuid, job_title="科长")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    monkeypatch.setattr(MemberDialog, "exec", exec_)
    monkeypatch.setattr(SaveConflictDialog, "ask", classmethod(lambda cls, parent, c: (MINE, c.mine)))
    page.edit_uuid(uuid)
    assert get_member(uuid)["phone"] == "13900001111"
    assert page.undo_stack.count() == 0 and "不能撤销" in statuses[-1]
