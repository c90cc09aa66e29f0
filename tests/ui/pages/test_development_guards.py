"""发展党员 steps between PCs: a step recorded or taken back over a change made on another PC meanwhile is refused,
saying what it holds now, with what was typed kept; undo and redo never put a step back over another person's
change, and never refuse over the page's own."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.records import common as records, development as dev, development_steps as steps
from models.records.members import save_member
from ui.dialogs import record_dialog
from ui.dialogs.save_conflict_dialog import MINE
from ui.dialogs.step_dialog import StepDialog
from ui.pages.development_page import DevelopmentPage

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def party(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    return {"甲": save_member({"name": "甲", **full}), "乙": save_member({"name": "乙", **full})}


@pytest.fixture
def person(party):
    return dev.save_applicant({"name": "张三", "gender": "male", "birth_date": "2000-01-01",
                               "applied_on": "2025-03-01"})


@pytest.fixture
def page(person, qtbot, answer):
    widget = DevelopmentPage()
    qtbot.addWidget(widget)
    widget.show()
    widget.reload()
    widget.select_uuid(person)
    return widget


def talk(day: str, who: str, note: str = "") -> dict:
    return {"date": day, "people": [who], "note": note}


def saving(values: dict, elsewhere=None, seen: list | None = None):
    """The step form: values typed, then (elsewhere) another PC acts, then 保存."""
    def exec_(dialog):
        for key, value in values.items():
            dialog.field(key).setValue(value)
        if elsewhere:
            elsewhere()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        if seen is not None:
            seen.append((dialog.result(), dialog.values(), dialog.message.text()))
        return dialog.result()
    return exec_


def warnings(answer):
    return [text for kind, text in answer.messages if kind == "warning"]


def test_a_step_recorded_elsewhere_while_the_form_was_open_is_not_overwritten(page, party, person, monkeypatch):
    asked, seen = [], []
    monkeypatch.setattr(record_dialog.SaveConflictDialog, "ask", lambda parent, conflict: asked.append(conflict))

    def elsewhere():  # another PC records the same step while the form is open
        steps.record_step(person, "talk", talk("2025-03-12", party["乙"], "另一台电脑"))
    monkeypatch.setattr(StepDialog, "exec", saving({"date": dt.date(2025, 3, 10), "people": [party["甲"]],
                                                    "note": "这里"}, elsewhere, seen))
    page.record_step()
    [conflict] = asked  # both shown, the people by name
    assert conflict.mine["note"] == "这里" and conflict.theirs["note"] == "另一台电脑"
    assert conflict.describe("people", conflict.theirs["people"]) == "乙"
    [(result, typed, _)] = seen
    assert result == 0 and typed["note"] == "这里" and typed["people"] == [party["甲"]]  # nothing typed lost
    assert steps.step_snapshot(person, "talk")["note"] == "另一台电脑" and page.undo_stack.count() == 0


def test_a_step_saved_knowingly_over_anothers_is_not_one_to_undo(page, party, person, monkeypatch):
    monkeypatch.setattr(record_dialog.SaveConflictDialog, "ask", lambda parent, conflict: (MINE, conflict.mine))

    def elsewhere():  # another PC records the same step while the form is open
        steps.record_step(person, "talk", talk("2025-03-12", party["乙"]))
    monkeypatch.setattr(StepDialog, "exec", saving({"date": dt.date(2025, 3, 10), "people": [party["甲"]]},
                                                   elsewhere))
    page.record_step()
    assert steps.step_snapshot(person, "talk")["people"] == [party["甲"]]
    assert page.undo_stack.count() == 0


def test_a_step_taken_back_elsewhere_while_the_form_was_open_is_said_then_recorded_again(page, party, person,
                                                                                      monkeypatch):
    steps.record_step(person, "talk", talk("2025-03-10", party["甲"]))
    tries = []

    def exec_(dialog):
        dialog.field("kind").setValue("talk")
        dialog.field("note").setValue("补记")
        steps.remove_step(person, "talk")  # another PC
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.click()
        tries.append((dialog.result(), dialog.message.text(), dialog.field("note").value()))
        assert steps.step_snapshot(person, "talk") is None
        save.click()  # again, knowing
        return dialog.result()
    monkeypatch.setattr(StepDialog, "exec", exec_)
    page.record_step()
    [(result, message, note)] = tries
    assert result == 0 and "其他电脑上删除" in message and note == "补记"
    assert steps.step_snapshot(person, "talk")["note"] == "补记"


def test_taking_a_step_back_over_a_change_made_elsewhere_is_refused_until_pressed_again(page, party, person,
                                                                                      monkeypatch, answer):
    steps.record_step(person, "talk", talk("2025-03-10", party["甲"]))
    said = []

    def exec_(dialog):
        dialog.field("kind").setValue("talk")
        steps.record_step(person, "talk", talk("2025-03-12", party["乙"]))  # another PC
        dialog.remove_button.click()
        said.append((dialog.result(), dialog.message.text()))
        assert steps.step_snapshot(person, "talk") is not None
        dialog.remove_button.click()  # again, knowing
        return dialog.result()
    monkeypatch.setattr(StepDialog, "exec", exec_)
    page.record_step()
    [(result, message)] = said
    assert result == 0 and "已被" in message and "2025-03-12（乙）" in message
    assert steps.step_snapshot(person, "talk") is None


def test_undo_and_redo_of_a_step_are_refused_over_a_change_made_elsewhere(page, party, person, monkeypatch, answer):
    monkeypatch.setattr(StepDialog, "exec", saving({"date": dt.date(2025, 3, 10), "people": [party["甲"]]}))
    page.record_step()
    monkeypatch.setattr(StepDialog, "exec", saving({"kind": "talk", "note": "更正"}))
    page.record_step()
    assert page.undo_stack.count() == 2
    steps.record_step(person, "talk", talk("2025-03-12", party["乙"], "另一台电脑"))
    page.undo_stack.undo()
    page.undo_stack.undo()  # the earlier step too: never over their change
    assert len(warnings(answer)) == 2 and all("2025-03-12" in w for w in warnings(answer))
    assert steps.step_snapshot(person, "talk")["note"] == "另一台电脑"


def test_redo_of_a_step_is_refused_over_one_recorded_elsewhere_after_the_undo(page, party, person, monkeypatch,
                                                                             answer):
    monkeypatch.setattr(StepDialog, "exec", saving({"date": dt.date(2025, 3, 10), "people": [party["甲"]]}))
    page.record_step()
    page.undo_stack.undo()
    assert steps.step_snapshot(person, "talk") is None and not warnings(answer)
    steps.record_step(person, "talk", talk("2025-03-12", party["乙"], "另一台电脑"))
    page.undo_stack.redo()
    assert "已被" in warnings(answer)[0]
    assert steps.step_snapshot(person, "talk")["note"] == "另一台电脑"


def test_the_pages_own_changes_to_a_step_undo_and_redo_one_after_another(page, party, person, monkeypatch, answer):
    monkeypatch.setattr(StepDialog, "exec", saving({"date": dt.date(2025, 3, 10), "people": [party["甲"]]}))
    page.record_step()
    monkeypatch.setattr(StepDialog, "exec", saving({"kind": "talk", "note": "更正"}))
    page.record_step()
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert steps.step_snapshot(person, "talk") is None
    page.undo_stack.redo()
    page.undo_stack.redo()
    assert not warnings(answer) and steps.step_snapshot(person, "talk")["note"] == "更正"
