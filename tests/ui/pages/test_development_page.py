"""The 发展党员 page through its widgets: people listed by stage with their next step, a person added, steps
recorded in the step form (the rules' reasons at the fields, nothing typed lost), undone and redone, the roster
following, and the page reached from the home page's 应办事项."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.records import common as records, development as dev, development_steps as steps
from models.records.activities import save_activity
from models.records.members import get_member, save_member
from ui.dialogs.applicant_dialog import ApplicantDialog
from ui.dialogs.step_dialog import StepDialog
from ui.pages.development_page import DevelopmentPage

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def party(store, monkeypatch):
    monkeypatch.setattr(records, "today", lambda: TODAY)
    full = {"gender": "female", "party_status": "full", "join_date": "2009-01-01", "full_date": "2010-01-01"}
    return {"甲": save_member({"name": "甲", **full}), "乙": save_member({"name": "乙", **full}),
            "丙": save_member({"name": "丙", "gender": "male", "party_status": "probationary",
                              "join_date": "2026-01-01"})}


@pytest.fixture
def page(party, qtbot):
    widget = DevelopmentPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def press_save(values: dict, seen: list):
    """Replace the modal exec(): set the fields (a step's kind first, as a person picks it) and press 保存."""
    def exec_(dialog):
        for key, value in values.items():
            dialog.field(key).setValue(value)
        seen.append(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    return exec_


def tick(names: list[str]):
    def set_people(dialog):
        people = dialog.field("people").list
        for i in range(people.count()):
            item = people.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)
    return set_people


def applicant(applied="2025-03-01") -> str:
    return dev.save_applicant({"name": "张三", "gender": "male", "birth_date": "2000-01-01", "applied_on": applied})


def test_a_person_is_added_and_listed_with_the_talk_due(page, monkeypatch):
    seen = []
    monkeypatch.setattr(ApplicantDialog, "exec", press_save({
        "name": "李四", "gender": "female", "birth_date": dt.date(2001, 5, 6), "applied_on": dt.date(2026, 6, 20),
        "workplace": "市社会组织服务中心"}, seen))
    page.new_record()
    assert page.model.total == 1
    texts = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert texts == ["李四", "2026-06-20", "入党申请人", "2026-06-20", "入党谈话", "2026-07-20 前", "即将到期",
                     "市社会组织服务中心"]


def test_an_applicant_under_eighteen_is_refused_at_the_field(page, monkeypatch):
    seen = []
    monkeypatch.setattr(ApplicantDialog, "exec", press_save({
        "name": "少年", "gender": "male", "birth_date": dt.date(2010, 1, 1), "applied_on": dt.date(2026, 6, 1)}, seen))
    page.new_record()
    assert page.model.total == 0
    assert "年满18周岁" in seen[0].error_text("applied_on") and seen[0].field("name").value() == "少年"


def test_steps_recorded_in_the_form_with_the_rules_reasons_at_the_fields(page, party, monkeypatch):
    uuid = applicant()
    page.reload()
    page.select_uuid(uuid)
    seen = []

    def talk(dialog):
        assert dialog.field("kind").value() == "talk"  # the next step is offered
        assert not dialog.form.columns[0].isRowVisible(dialog.field("days").parentWidget())
        assert [dialog.field("people").list.item(i).text() for i in range(3)] == ["丙", "乙", "甲"]  # 谈话人: any member
        tick(["甲"])(dialog)
        return press_save({"date": dt.date(2025, 3, 20)}, seen)(dialog)
    monkeypatch.setattr(StepDialog, "exec", talk)
    page.step_button.click()
    assert dev.get_applicant(uuid)["steps"]["talk"]["names"] == ["甲"]

    committee = save_activity({"type": "committee_meeting", "title": "支委会：确定积极分子", "date": "2025-04-10"})

    def activist_too_early(dialog):
        assert dialog.field("kind").value() == "activist"
        offered = [dialog.field("meeting").itemData(i) for i in range(dialog.field("meeting").count())]
        assert offered == ["", committee]
        dialog.field("date").setValue(dt.date(2025, 3, 1))
        tick(["甲"])(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert "不能早于入党谈话" in dialog.error_text("date")
        assert dialog.field("people").value() == [party["甲"]]  # kept as ticked
        dialog.field("date").setValue(None)
        dialog.field("meeting").setValue(committee)  # the date comes from the meeting
        return press_save({}, seen)(dialog)
    monkeypatch.setattr(StepDialog, "exec", activist_too_early)
    page.record_step()
    step = dev.get_applicant(uuid)["steps"]["activist"]
    assert (step["date"], step["meeting"]) == (dt.date(2025, 4, 10), committee)
    assert page.current_row()["stage"] == "activist"
    texts = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert texts[4:7] == ["列为发展对象", "2026-04-10 起", "可以办理"]

    def candidate_with_a_probationary_sponsor(dialog):
        names = [dialog.field("people").list.item(i).text() for i in range(dialog.field("people").list.count())]
        assert names == ["乙", "甲"] and "入党介绍人：2名正式党员" == dialog.field("people").hint.text()
        dialog.field("date").setValue(dt.date(2026, 4, 9))
        tick(["甲", "乙"])(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert "第十三条" in dialog.error_text("date")
        dialog.reject = lambda: None
        return 0
    monkeypatch.setattr(StepDialog, "exec", candidate_with_a_probationary_sponsor)
    page.record_step()
    assert "candidate" not in dev.get_applicant(uuid)["steps"]


def test_undo_and_redo_of_a_step_take_the_roster_with_them(page, party, monkeypatch):
    uuid = applicant(applied="2023-01-02")
    for kind, data in (("talk", {"date": "2023-01-10", "people": [party["甲"]]}),
                       ("activist", {"date": "2023-02-01", "people": [party["甲"]]}),
                       ("candidate", {"date": "2024-02-01", "people": [party["甲"], party["乙"]]}),
                       ("training", {"date": "2024-03-01", "days": 3})):
        steps.record_step(uuid, kind, data)
    page.reload()
    page.select_uuid(uuid)
    monkeypatch.setattr(StepDialog, "exec", press_save({"date": dt.date(2024, 4, 1)}, []))
    page.record_step()
    member = dev.get_applicant(uuid)["member"]
    assert get_member(member)["party_status"] == "probationary"
    assert page.undo_stack.undoText() == "登记张三的“接收为预备党员”"
    page.undo_stack.undo()
    assert dev.get_applicant(uuid)["member"] is None and dev.get_applicant(uuid)["stage"] == "candidate"
    page.undo_stack.redo()
    again = dev.get_applicant(uuid)
    assert again["stage"] == "probationary" and get_member(again["member"])["join_date"] == dt.date(2024, 4, 1)



def test_an_undo_the_store_refuses_is_said_and_dropped(page, party, monkeypatch):
    uuid = applicant()
    page.reload()
    page.select_uuid(uuid)
    monkeypatch.setattr(StepDialog, "exec", press_save({"date": dt.date(2025, 3, 10), "people": [party["甲"]]}, []))
    page.record_step()
    assert page.undo_stack.count() == 1
    dev.delete_applicant(uuid)  # the person went to the 回收站 meanwhile
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    page.undo_stack.undo()
    assert len(said) == 1 and said[0].endswith("：这条记录已被删除或移入回收站"), said
    assert page.undo_stack.count() == 0  # the step is dropped, nothing left to redo

def test_a_step_is_deleted_from_its_form(page, party, monkeypatch, answer):
    uuid = applicant()
    steps.record_step(uuid, "talk", {"date": "2025-03-10", "people": [party["乙"]]})
    page.reload()
    page.select_uuid(uuid)

    def remove(dialog):
        dialog.field("kind").setValue("talk")
        assert not dialog.remove_button.isHidden() and dialog.field("people").value() == [party["乙"]]
        dialog.remove_button.click()
        return dialog.result()
    monkeypatch.setattr(StepDialog, "exec", remove)
    page.record_step()
    assert dev.get_applicant(uuid)["steps"] == {}
    page.undo_stack.undo()
    assert dev.get_applicant(uuid)["steps"]["talk"]["names"] == ["乙"]


def test_the_stage_filter_and_the_home_pages_button_lead_here(page, party, monkeypatch, qtbot):
    from ui.main_window import MainWindow
    late = applicant(applied="2026-05-01")  # talk overdue
    applicant(applied="2026-06-25")
    page.reload()
    page.choices["stage"].setCurrentIndex(page.choices["stage"].findData("due"))
    assert page.model.total == 2
    page.choices["stage"].setCurrentIndex(page.choices["stage"].findData("activist"))
    assert page.model.total == 0
    page.choices["stage"].setCurrentIndex(0)

    opened = []
    monkeypatch.setattr(StepDialog, "exec", lambda dialog: opened.append(dialog.applicant["uuid"]) or 0)
    window = MainWindow(store_path_for_test())
    qtbot.addWidget(window)
    home = window.pages["home"][1]
    home.reload()
    rows = [r for r in range(home.due_grid.rowCount()) if home.due_grid.itemAtPosition(r, 1)
            and home.due_grid.itemAtPosition(r, 1).widget().text() == "张三"]
    cells = [[home.due_grid.itemAtPosition(r, c).widget() for c in range(5)] for r in rows]
    assert [[w.text() for w in (row[0], row[3], row[4])] for row in cells] == [
        ["入党谈话", "应于2026-06-01前", "登记"], ["入党谈话", "应于2026-07-25前", "登记"]]
    assert "已逾期" in cells[0][2].text() and "第七条" in cells[0][0].toolTip()
    buttons = [row[4] for row in cells]
    buttons[0].click()
    assert window.current_page_key() == "development" and opened == [late]


def store_path_for_test():
    from models.store import store_path
    return store_path()
