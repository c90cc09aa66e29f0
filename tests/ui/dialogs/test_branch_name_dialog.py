"""The first-run question for the branch's full name: focused, OK only with a name, 以后再填 gives None."""
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton

from ui.dialogs.branch_name_dialog import BranchNameDialog

NAME = "市民政局社会组织管理科党支部"


def type_chinese(widget, text):
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_ok_waits_for_a_name_and_the_name_is_given_back(qtbot, monkeypatch):
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.name)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        dialog.name.setText("   ")
        assert not ok.isEnabled()  # blanks are not a name
        dialog.name.clear()
        type_chinese(dialog.name, " " + NAME + " ")
        assert ok.isEnabled()
        ok.click()
        return dialog.result()
    monkeypatch.setattr(BranchNameDialog, "exec", exec_)
    assert BranchNameDialog.ask() == (NAME, False)
    assert not seen[0].demo.isVisibleTo(seen[0])  # no demo offered on a store with records
    qtbot.addWidget(seen[0])


def test_later_gives_none(qtbot, monkeypatch):
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        dialog.name.setText(NAME)
        later = next(b for b in dialog.buttons.findChildren(QPushButton) if b.text() == "以后再填")
        later.click()
        return dialog.result()
    monkeypatch.setattr(BranchNameDialog, "exec", exec_)
    assert BranchNameDialog.ask() == (None, False)
    assert seen[0].result() == QDialog.DialogCode.Rejected
    qtbot.addWidget(seen[0])


def test_the_demo_is_offered_on_an_empty_store_and_counts_with_either_button(qtbot, monkeypatch):
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        assert dialog.demo.isVisibleTo(dialog) and not dialog.demo.isChecked()  # an empty store is the default
        dialog.demo.setChecked(True)
        next(b for b in dialog.buttons.findChildren(QPushButton) if b.text() == "以后再填").click()
        return dialog.result()
    monkeypatch.setattr(BranchNameDialog, "exec", exec_)
    assert BranchNameDialog.ask(None, offer_demo=True) == (None, True)
    qtbot.addWidget(seen[0])
