"""Undo and redo of saves and deletes on a page, by putting records back as they were."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from models.records.common import NotFound
from models.records.validation import ValidationError


class RecordCommand(QUndoCommand):
    """A change already made; undo and redo call the store again and refresh the page."""

    def __init__(self, page, text: str, uuid: str, undo: Callable[[], None], redo: Callable[[], None]):
        super().__init__(text)
        self.page, self.uuid, self._undo, self._redo = page, uuid, undo, redo
        self._done = True  # pushed after the change itself was made

    def redo(self) -> None:
        if self._done:
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)
        self._done = False

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except (NotFound, ValidationError) as e:
            # Changed elsewhere since (deleted, or clashing with a newer record): say so, drop the step.
            why = self.page.tr("这条记录已被删除或移入回收站") if isinstance(e, NotFound) else "；".join(e.errors.values())
            QMessageBox.warning(self.page, self.page.tr("撤销/重做"),
                                self.page.tr("无法完成“%1”：%2").replace("%1", self.text()).replace("%2", why))
            self.setObsolete(True)
        self.page.refresh(self.uuid)
