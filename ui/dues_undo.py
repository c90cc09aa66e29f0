"""Undo and redo on the 党费 page: a member's base or payments put back as they were."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from models.records.common import NotFound
from models.records.validation import ValidationError
from models.store import StoreError


class DuesStep(QUndoCommand):
    """A change already made to a member's dues; undo and redo put it back through the store, then the page reads
    again. A step the store refuses now (the member deleted, the month archived) is said and dropped."""

    def __init__(self, page, text: str, member: str, undo, redo):
        super().__init__(text)
        self.page, self.member, self._undo, self._redo = page, member, undo, redo
        self._done = True  # pushed after the change itself was made

    def redo(self) -> None:
        if not self._done:
            self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)
        self._done = False

    def _run(self, action) -> None:
        try:
            action()
        except (NotFound, ValidationError, StoreError) as e:
            why = "；".join(e.errors.values()) if isinstance(e, ValidationError) else (
                self.page.tr("该党员已被删除或移入回收站") if isinstance(e, NotFound) else str(e))
            QMessageBox.warning(self.page, self.page.tr("撤销/重做"),
                                self.page.tr("无法完成“%1”：%2").replace("%1", self.text()).replace("%2", why))
            self.setObsolete(True)
        self.page.refresh(self.member)
