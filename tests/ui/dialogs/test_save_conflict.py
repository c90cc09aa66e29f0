"""A form saved over someone else's newer save: the conflict dialog, and each of its three choices."""
import datetime as dt

import pytest
from other_pc import run_elsewhere
from PySide6.QtWidgets import QDialogButtonBox

from models.records.activities import get_activity, members_for, save_activity, snapshot
from models.records.members import get_member, save_member
from ui.dialogs.activity_dialog import ActivityDialog
from ui.dialogs.member_dialog import MemberDialog
from ui.dialogs.save_conflict_dialog import MERGE, MINE, THEIRS, Conflict, SaveConflictDialog

BASE = {"name": "王芳", "gender": "female", "party_status": "full", "birth_date": "1990-05-01",
        "join_date": "2012-06-30", "phone": "13900001111", "job_title": "科员"}


@pytest.fixture
def member(store):
    return save_member(BASE)


def open_form(qtbot, uuid: str) -> MemberDialog:
    dialog = MemberDialog(None, uuid)
    qtbot.addWidget(dialog)
    return dialog


def someone_else_saves(store, tmp_path, uuid: str, **changes) -> None:
    """Another PC (a second process on the same store) saves the member with changes."""
    data = {k: v for k, v in get_member(uuid).items() if k not in ("deleted_at", "young", "active", "version")}
    [answer] = run_elsewhere(store, tmp_path, {"call": "models.records.members.save_member",
                                               "args": [{**data, **changes}]})
    assert answer == {"result": uuid}


@pytest.fixture
def asked(monkeypatch):
    """SaveConflictDialog.ask replaced: it records the conflict and gives the answer set in asked.reply."""
    class Asked:
        conflicts = []
        reply = None
    monkeypatch.setattr(SaveConflictDialog, "ask", classmethod(
        lambda cls, parent, conflict: Asked.conflicts.append(conflict) or Asked.reply(conflict)))
    return Asked


def test_the_refused_save_shows_both_versions_and_keeping_mine_overwrites_knowingly(store, member, tmp_path, qtbot,
                                                                                     asked):
    dialog = open_form(qtbot, member)
    dialog.field("phone").setValue("13900003333")
    someone_else_saves(store, tmp_path, member, job_title="科长", notes="对方加的备注")
    asked.reply = lambda conflict: (MINE, conflict.mine)
    replaced = []
    dialog.replaced = lambda: replaced.append(True)
    assert dialog.save()
    [conflict] = asked.conflicts
    assert set(conflict.differing()) == {"phone", "job_title", "notes"}
    assert conflict.mine["phone"] == "13900003333" and conflict.theirs["job_title"] == "科长"
    assert conflict.by  # who saved meanwhile, from the audit trail
    stored = get_member(member)
    assert (stored["phone"], stored["job_title"], stored["notes"]) == ("13900003333", "科员", "")
    assert replaced == [True]


def test_taking_theirs_puts_their_record_in_the_form_and_saves_nothing(store, member, tmp_path, qtbot, asked):
    dialog = open_form(qtbot, member)
    dialog.field("phone").setValue("13900003333")
    someone_else_saves(store, tmp_path, member, job_title="科长")
    version = get_member(member)["version"]
    asked.reply = lambda conflict: (THEIRS, conflict.theirs)
    assert not dialog.save() and dialog.result() == 0  # still open, showing their record
    assert dialog.field("job_title").value() == "科长" and dialog.field("phone").value() == "13900001111"
    assert get_member(member)["version"] == version and not dialog.is_dirty()
    assert "他人" in dialog.message.text()
    dialog.field("notes").setValue("在对方版本上补充")  # and goes on from there without a new conflict
    assert dialog.save()
    assert get_member(member)["notes"] == "在对方版本上补充" and get_member(member)["job_title"] == "科长"


def test_merging_takes_each_field_from_the_side_chosen(store, member, tmp_path, qtbot, asked):
    dialog = open_form(qtbot, member)
    dialog.field("phone").setValue("13900003333")
    dialog.field("notes").setValue("我的备注")
    someone_else_saves(store, tmp_path, member, job_title="科长", notes="对方的备注")

    def choose(conflict: Conflict):
        # Suggested: theirs where only they changed a field, mine where only I did; both changed → mine.
        assert [conflict.suggested(k) for k in ("job_title", "phone", "notes")] == [THEIRS, MINE, MINE]
        return MERGE, conflict.merged({"job_title": THEIRS, "phone": MINE, "notes": THEIRS})
    asked.reply = choose
    assert dialog.save()
    stored = get_member(member)
    assert (stored["phone"], stored["job_title"], stored["notes"]) == ("13900003333", "科长", "对方的备注")


def test_going_back_keeps_what_was_typed_and_the_next_save_asks_again(store, member, tmp_path, qtbot, asked):
    dialog = open_form(qtbot, member)
    dialog.field("phone").setValue("13900003333")
    someone_else_saves(store, tmp_path, member, job_title="科长")
    asked.reply = lambda conflict: None
    assert not dialog.save()
    assert dialog.field("phone").value() == "13900003333" and dialog.field("job_title").value() == "科员"
    assert get_member(member)["phone"] == "13900001111"
    assert not dialog.save() and len(asked.conflicts) == 2


def test_a_record_moved_to_the_recycle_bin_meanwhile_is_said_and_the_form_kept(store, member, tmp_path, qtbot, asked,
                                                                              answer):
    dialog = open_form(qtbot, member)
    dialog.field("phone").setValue("13900003333")
    run_elsewhere(store, tmp_path, {"call": "models.records.members.delete_member", "args": [member]})
    assert not dialog.save()
    [(kind, text)] = answer.messages
    assert kind == "warning" and "回收站" in text and "保留" in text
    assert dialog.field("phone").value() == "13900003333" and asked.conflicts == []


def test_the_dialog_marks_the_differing_fields_and_names_values_as_the_form_does(store, member, qtbot):
    form = open_form(qtbot, member)
    mine = form.values()
    theirs = {**mine, "gender": "male", "job_title": "科长"}
    mine["job_title"] = "副科长"
    conflict = Conflict([("name", "姓名"), ("gender", "性别"), ("job_title", "职务职级")], mine, theirs,
                        form.values(), "李文", dt.datetime(2024, 5, 1, 8, 30), form.describe)
    dialog = SaveConflictDialog(None, conflict)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert [table.item(r, 0).text() for r in range(3)] == ["姓名", "● 性别", "● 职务职级"]
    assert (table.item(1, 1).text(), table.item(1, 2).text()) == ("女", "男")  # labels, not codes
    assert table.item(0, 3).text() == "相同" and set(dialog.sides) == {"gender", "job_title"}
    assert dialog.sides["gender"].currentData() == THEIRS and dialog.sides["job_title"].currentData() == MINE
    dialog.merge_button.click()
    choice, values = dialog.result_choice
    assert choice == MERGE and values["gender"] == "male" and values["job_title"] == "副科长"


def test_an_activitys_attendance_compares_in_words_and_a_merge_keeps_their_list(store, tmp_path, qtbot, asked):
    save_member(BASE)
    save_member({**BASE, "name": "李文", "phone": "13900002222"})
    uuid = save_activity({"type": "theme_day", "title": "主题党日", "date": "2024-03-05",
                          "attendance": members_for(dt.date(2024, 3, 5))})
    dialog = ActivityDialog(None, uuid)
    qtbot.addWidget(dialog)
    dialog.field("place").setValue("一楼会议室")
    theirs = snapshot(uuid)
    theirs["attendance"][0].update(status="leave", reason="出差")
    run_elsewhere(store, tmp_path, {"call": "models.records.activities.save_activity", "args": [theirs]})

    def choose(conflict):
        assert conflict.differing() == ["place", "attendance"]
        assert "请假" in conflict.describe("attendance", conflict.theirs["attendance"])
        return MERGE, conflict.merged({"place": MINE, "attendance": THEIRS})
    asked.reply = choose
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    stored = get_activity(uuid)
    assert stored["place"] == "一楼会议室"
    assert sorted(a["status"] for a in stored["attendance"]) == ["leave", "present"]
