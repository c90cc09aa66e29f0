"""Add, edit, filter, delete and restore a social organisation through the widgets."""
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.records.organisations import get_organisation, save_organisation
from models.records.recycle import list_deleted
from models.records.validation import credit_check_char
from ui.dialogs.organisation_dialog import OrganisationDialog
from ui.pages.organisation_page import OrganisationPage
from ui.pages.recycle_page import RecyclePage

BODY = "52330100MJ1234567"
CODE = BODY + credit_check_char(BODY)


@pytest.fixture
def page(store, qtbot):
    widget = OrganisationPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def typing(values, seen):
    def exec_(dialog):
        for key, value in values.items():
            dialog.form.fields[key].setValue(value)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen.append(dialog)
        return dialog.result()
    return exec_


def test_add_with_a_wrong_check_character_then_correct_it(page, monkeypatch):
    seen = []
    wrong = CODE[:-1] + next(c for c in "0123" if c != CODE[-1])
    monkeypatch.setattr(OrganisationDialog, "exec", typing(
        {"name": "市养老服务发展中心", "credit_code": wrong, "kind": "social_service"}, seen))
    page.new_record()
    assert "校验位" in seen[0].form.error_text("credit_code")
    assert page.model.total == 0

    def corrected(dialog):
        dialog.form.fields["credit_code"].setValue(CODE)
        dialog.form.fields["name"].setValue("市养老服务发展中心")
        dialog.form.fields["kind"].setValue("social_service")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()
    monkeypatch.setattr(OrganisationDialog, "exec", corrected)
    page.new_record()
    assert page.model.total == 1
    assert page.model.data(page.model.index(0, 1)) == CODE


def test_edit_filter_delete_restore(page, monkeypatch, qtbot, answer):
    uuid = save_organisation({"name": "市慈善总会", "kind": "social_group", "legal_rep": "赵敏"})
    save_organisation({"name": "市书法家协会", "kind": "social_group", "legal_rep": "钱江"})
    page.reload()
    page.filter_box.setText("赵敏")
    page.apply_filter()
    assert page.model.total == 1
    page.select_row(0)
    seen = []
    monkeypatch.setattr(OrganisationDialog, "exec", typing({"grade": "4A", "party_org": "joint"}, seen))
    page.edit_current()
    assert get_organisation(uuid)["grade"] == "4A"
    page.delete_current()
    assert page.model.total == 0
    assert [r["name"] for r in list_deleted()] == ["市慈善总会"]
    bin_page = RecyclePage()
    qtbot.addWidget(bin_page)
    bin_page.table.selectRow(0)
    bin_page.restore_selected()
    assert get_organisation(uuid)["name"] == "市慈善总会"


def test_party_organisation_and_grade_filters_are_remembered(page, qtbot):
    save_organisation({"name": "市慈善总会", "credit_code": CODE, "kind": "social_service", "party_org": "joint",
                       "grade": "5A"})
    save_organisation({"name": "市读书会", "kind": "social_group", "party_org": "none"})
    page.reload()
    assert page.model.total == 2
    page.choices["party_org"].setCurrentIndex(page.choices["party_org"].findData("none"))
    assert [r["name"] for r in page.model.rows] == ["市读书会"]
    page.choices["party_org"].setCurrentIndex(0)
    page.choices["grade"].setCurrentIndex(page.choices["grade"].findData("5A"))
    assert [r["name"] for r in page.model.rows] == ["市慈善总会"]

    again = OrganisationPage()
    qtbot.addWidget(again)
    again.show()
    assert again.choices["grade"].currentText() == "5A" and again.choices["party_org"].currentData() == ""
    assert [r["name"] for r in again.model.rows] == ["市慈善总会"]
