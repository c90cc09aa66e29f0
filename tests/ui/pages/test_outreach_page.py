"""Create an outreach event with three organisations and figures through the widgets."""
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from models.records.organisations import save_organisation
from models.records.outreach import get_event
from models.records.validation import credit_check_char
from ui.dialogs.outreach_dialog import OutreachDialog
from ui.dialogs.paste_names_dialog import PasteNamesDialog
from ui.pages.outreach_page import OutreachPage

NAMES = ("市慈善总会", "市电子商务协会", "市物流与采购协会")


def code(n):
    body = f"51330100MJ{n:07d}"
    return body + credit_check_char(body)


@pytest.fixture
def page(store, qtbot):
    for i, name in enumerate(NAMES):
        save_organisation({"name": name, "kind": "social_group", "credit_code": code(i)})
    widget = OutreachPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def figure(dialog, name, value):
    figures = dialog.figures
    figures.add_row()
    row = figures.table.rowCount() - 1
    combo = figures.table.cellWidget(row, 0)
    combo.setCurrentIndex(combo.findText(name))
    figures.table.cellWidget(row, 1).setText(value)


def test_event_with_three_organisations_and_figures(page, monkeypatch):
    seen = []

    def exec_(dialog):
        dialog.field("title").setValue("千村千品帮万农助力乡村振兴")
        dialog.field("series").setValue("第四届“社会组织伙伴日”")
        dialog.field("kind").setValue("rural")
        editor = dialog.participations
        assert editor.add_picked(NAMES[0]) and editor.add_picked(f"{NAMES[1]}（{code(1)}）")
        editor.add_picked(NAMES[2])
        editor.table.cellWidget(0, 2).setText("1,000,000")
        editor.table.cellWidget(1, 2).setText("2400000")
        figure(dialog, "参与社会组织", "3")
        figure(dialog, "捐赠资金", "3000000")
        assert "不一致" in dialog.derived.text() and "捐赠资金" in dialog.derived.text()
        dialog.figures.table.cellWidget(1, 1).setText("3400000")
        assert "不一致" not in dialog.derived.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen.append(dialog)
        return dialog.result()
    monkeypatch.setattr(OutreachDialog, "exec", exec_)
    page.new_record()
    assert page.model.total == 1
    event = get_event(page.current_row()["uuid"])
    assert [p["name"] for p in event["participations"]] == list(NAMES)
    assert {f["name"]: f["value_centi"] for f in event["figures"]} == {"参与社会组织": 300, "捐赠资金": 340_000_000}
    assert "340万元" in page.totals.text()
    page.undo_stack.undo()
    assert page.model.total == 0


def test_pasted_names_are_matched_and_near_misses_wait_for_a_decision(page, qtbot):
    dialog = PasteNamesDialog()
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(f"{NAMES[0]}\n{code(2)}\n市电子商务学会\n没有这个组织")
    dialog.match()
    assert [dialog.table.item(i, 1).text() for i in range(4)] == [
        "名称一致", "信用代码一致", "名称相近，请确认", "名录中没有"]
    assert len(dialog.chosen()) == 2  # the near miss and the unknown are not added unasked
    near = dialog.table.cellWidget(2, 2)
    near.setCurrentIndex(near.findText("是“市电子商务协会”"))
    assert len(dialog.chosen()) == 3


def test_organisation_form_shows_its_history(page, qtbot):
    from models.records.common import ListQuery
    from models.records.organisations import list_organisations
    from models.records.outreach import save_event
    from ui.dialogs.organisation_dialog import OrganisationDialog
    org = next(o for o in list_organisations(ListQuery()) if o["name"] == NAMES[1])
    save_event({"title": "援藏行", "kind": "aid_tibet_xinjiang", "start_date": "2022-05-01",
                "participations": [{"organisation": org["uuid"], "role": "donor", "money": "3000000"}]})
    dialog = OrganisationDialog(None, org["uuid"])
    qtbot.addWidget(dialog)
    assert dialog.history.rowCount() == 1
    assert dialog.history.item(0, 1).text() == "援藏行" and dialog.history.item(0, 4).text() == "300万元"


def test_outreach_ledger_from_the_page(page, tmp_path, monkeypatch, qtbot):
    from openpyxl import load_workbook

    from models.records.common import ListQuery
    from models.records.organisations import list_organisations
    from models.records.outreach import save_event
    from ui import files
    org = list_organisations(ListQuery())[0]
    save_event({"title": "援藏行", "kind": "aid_tibet_xinjiang", "start_date": "2022-05-01",
                "participations": [{"organisation": org["uuid"], "role": "donor", "money": "1200000.10"}]})
    page.reload()
    opened = []
    monkeypatch.setattr(files, "open_in_viewer", opened.append)
    monkeypatch.setattr(files, "ask_save_path", lambda *a: tmp_path / "台账.xlsx")
    page.export_ledger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    sheets = load_workbook(opened[0]).worksheets
    assert "援藏行" in [c.value for c in sheets[0][2]]
    assert any(str(c.value) == "1200000.1" for c in sheets[1][2])
