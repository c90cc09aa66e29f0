"""The activity form: 亮点 and 成效 on the basics tab, figures typed as the office writes them (200余)."""
import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from models.records.activities import ActivityQuery, count_activities, get_activity
from ui.dialogs.activity_dialog import ActivityDialog


def open_dialog(qtbot, uuid=None):
    dialog = ActivityDialog(None, uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def fill_basics(dialog):
    dialog.field("type").setValue("supervision")
    dialog.field("title").setValue("新任法定代表人公示")
    dialog.field("date").setValue(dt.date(2024, 3, 5))


def test_highlight_and_outcomes_are_saved_and_shown_again(store, qtbot):
    dialog = open_dialog(qtbot)
    fill_basics(dialog)
    highlight, outcomes = dialog.field("highlight"), dialog.field("outcomes")
    assert dialog.tabs.currentIndex() == 0 and highlight.isVisible() and outcomes.isVisible()
    assert "会写进情况汇报" in outcomes.placeholderText()
    highlight.click()
    outcomes.setPlainText("全年公示新任法定代表人 36 人，做到应公示尽公示。")
    save(dialog)
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    saved = get_activity(dialog.saved_uuid)
    assert saved["highlight"] is True
    assert saved["outcomes"] == "全年公示新任法定代表人 36 人，做到应公示尽公示。"

    again = open_dialog(qtbot, dialog.saved_uuid)
    assert again.field("highlight").isChecked()
    assert again.field("outcomes").toPlainText() == saved["outcomes"]
    again.field("highlight").click()  # taken off the highlights
    save(again)
    assert get_activity(dialog.saved_uuid)["highlight"] is False


def test_too_long_outcomes_are_shown_beside_the_field(store, qtbot, answer):
    dialog = open_dialog(qtbot)
    fill_basics(dialog)
    dialog.field("outcomes").setPlainText("成" * 1001)
    save(dialog)
    assert "最多 1000 个字" in dialog.error_text("outcomes")
    assert count_activities(ActivityQuery()) == 0
    answer.reply_with(QMessageBox.StandardButton.Discard)


def test_figures_take_approximations_and_show_them_as_entered(store, qtbot):
    dialog = open_dialog(qtbot)
    fill_basics(dialog)
    figures = dialog.field("figures")
    add = next(b for b in figures.findChildren(QPushButton) if b.text() == "添加指标")
    add.click()
    indicator, value = figures.table.cellWidget(0, 0), figures.table.cellWidget(0, 1)
    assert indicator.currentData() == "" and indicator.currentText() == "请选择指标"  # no indicator chosen for you
    assert value.validator() is None and "200余" in value.placeholderText() and "近300万" in value.toolTip()
    indicator.setCurrentIndex(indicator.findText("新任法定代表人公示"))
    value.setText("200余")
    add.click()  # a second row left blank is not a mistake to report
    save(dialog)
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    saved = get_activity(dialog.saved_uuid)["figures"]
    assert [(f["name"], f["value"], f["value_centi"]) for f in saved] == [("新任法定代表人公示", "200余", 20000)]

    again = open_dialog(qtbot, dialog.saved_uuid)
    shown = again.field("figures").table
    assert shown.rowCount() == 1
    assert shown.cellWidget(0, 0).currentText() == "新任法定代表人公示" and shown.cellWidget(0, 1).text() == "200余"


def test_a_figure_without_an_indicator_is_pointed_out(store, qtbot, answer):
    dialog = open_dialog(qtbot)
    fill_basics(dialog)
    figures = dialog.field("figures")
    figures.add_row()
    figures.table.cellWidget(0, 1).setText("近300万")
    save(dialog)
    assert "请从指标目录中选择" in dialog.error_text("figures")
    assert count_activities(ActivityQuery()) == 0
    answer.reply_with(QMessageBox.StandardButton.Discard)


def test_a_refused_save_keeps_the_dialog_size_and_shows_the_tab_with_the_problem(store, qtbot):
    dialog = open_dialog(qtbot)
    dialog.resize(980, 700)
    fill_basics(dialog)
    dialog.field("figures").setValue([{"indicator": "no-such-indicator", "value": "14"}])
    save(dialog)
    assert dialog.result() != ActivityDialog.DialogCode.Accepted
    assert (dialog.width(), dialog.height()) >= (980, 700)
    assert dialog.tabs.currentWidget().isAncestorOf(dialog.field("figures"))
    assert count_activities(ActivityQuery()) == 0
