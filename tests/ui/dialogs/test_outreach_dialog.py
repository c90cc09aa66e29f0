"""The outreach event form: 亮点 and 成效 on the basics tab, saved and shown again."""
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.records.outreach import EventQuery, count_events, get_event
from ui.dialogs.outreach_dialog import OutreachDialog


def open_dialog(qtbot, uuid=None):
    dialog = OutreachDialog(None, uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_highlight_and_outcomes_round_trip(store, qtbot):
    dialog = open_dialog(qtbot)
    dialog.field("title").setValue("千村千品帮万农")
    dialog.field("kind").setValue("rural")
    highlight, outcomes = dialog.field("highlight"), dialog.field("outcomes")
    assert dialog.forms[0].captions["outcomes"] == "成效" and outcomes.isVisible() and highlight.isVisible()
    highlight.click()
    outcomes.setPlainText("帮助销售农产品 340万元。")
    save(dialog)
    assert dialog.result() == OutreachDialog.DialogCode.Accepted
    event = get_event(dialog.saved_uuid)
    assert event["highlight"] is True and event["outcomes"] == "帮助销售农产品 340万元。"

    again = open_dialog(qtbot, dialog.saved_uuid)
    assert again.field("highlight").isChecked() and again.field("outcomes").toPlainText() == event["outcomes"]


def test_too_long_outcomes_are_shown_beside_the_field(store, qtbot, answer):
    dialog = open_dialog(qtbot)
    dialog.field("title").setValue("援藏行")
    dialog.field("kind").setValue("aid_tibet_xinjiang")
    dialog.field("outcomes").setPlainText("效" * 20_001)
    save(dialog)
    assert "最多 20000 个字" in dialog.error_text("outcomes")
    assert count_events(EventQuery()) == 0
    answer.reply_with(QMessageBox.StandardButton.Discard)


def test_what_the_organisations_add_up_to_is_written_as_the_report_writes_it(store, qtbot):
    from models.records.organisations import save_organisation
    dialog = open_dialog(qtbot)
    for name, money in (("甲协会", "200000"), ("乙基金会", "120000")):
        uuid = save_organisation({"name": name, "kind": "social_group"})
        dialog.participations.load_registry()
        dialog.participations.add(uuid, name, {"money": money, "jobs": "20"})
    dialog.update_derived()
    text = dialog.derived.text()
    assert "捐赠资金 32万元" in text and "320000" not in text  # 万元 for money, as on the home page and the report
    assert "参与社会组织 2家" in text and "提供岗位 40个" in text


def test_a_long_organisation_name_is_told_whole_in_its_tooltip(store, qtbot):
    from models.records.organisations import save_organisation
    name = "下城区中小企业公益基金会社会工作服务中心"
    uuid = save_organisation({"name": name, "kind": "foundation"})
    dialog = open_dialog(qtbot)
    dialog.participations.load_registry()
    dialog.participations.add(uuid, name)
    assert dialog.participations.table.item(0, 0).toolTip() == name
