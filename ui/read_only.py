"""Read-only mode (a server account that may only look): what edits is greyed out and stays so, forms open for
reading, and one note says why. Found once at opening (models.store.is_read_only); on a writable store all of
this does nothing."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from models.store import is_read_only

VIEWING = "viewing"  # a dynamic property: this button only shows or exports, it stays usable


def active() -> bool:
    return is_read_only()


def note() -> str:
    return QCoreApplication.translate("read_only", "当前账号只有查看权限，不能新建、修改或删除")


class _Keeper(QObject):
    """Pages enable their buttons as rows are chosen; in read-only mode the ones that edit stay grey."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.EnabledChange and watched.isEnabled():
            watched.setEnabled(False)
        return False


_keeper: _Keeper | None = None


def grey(*things: QWidget | QAction) -> None:
    """In read-only mode: disable these editing buttons or actions for good, their tooltip saying why."""
    global _keeper
    if not active():
        return
    for thing in things:
        thing.setEnabled(False)
        thing.setToolTip(note())
        if isinstance(thing, QAction):
            thing.changed.connect(lambda t=thing: t.isEnabled() and t.setEnabled(False))
        else:
            _keeper = _keeper or _Keeper(QCoreApplication.instance())
            thing.installEventFilter(_keeper)


def viewing(button: QAbstractButton) -> QAbstractButton:
    """Mark a button inside a form that only shows something (opens an attachment): it stays usable."""
    button.setProperty(VIEWING, True)
    return button


def lock_form(dialog, buttons: QDialogButtonBox) -> bool:
    """In read-only mode: a record's form opens for reading. Texts can be selected and copied but not changed,
    every other field and editing button is grey, 保存 is gone and 取消 says 关闭. Returns whether it locked."""
    if not active():
        return False
    dialog.setAcceptDrops(False)
    for widget in dialog.findChildren(QWidget):
        widget.setAcceptDrops(False)  # no attachment dropped in either
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            widget.setReadOnly(True)
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif isinstance(widget, (QComboBox, QAbstractSpinBox)):
            widget.setEnabled(False)
        elif isinstance(widget, QAbstractButton) and not widget.property(VIEWING) and not buttons.isAncestorOf(widget):
            grey(widget)
    for button in buttons.buttons():
        role = buttons.buttonRole(button)
        if role in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.ApplyRole):
            button.hide()
            grey(button)
        elif role == QDialogButtonBox.ButtonRole.RejectRole:
            button.setText(QCoreApplication.translate("read_only", "关闭"))
    return True


def note_label(parent=None) -> QLabel:
    """The note, as a line at the top of a page or form."""
    label = QLabel(note() + QCoreApplication.translate("read_only", "（以只读方式打开）"), parent)
    label.setStyleSheet("color: #8a5a00;")
    label.setWordWrap(True)
    return label
