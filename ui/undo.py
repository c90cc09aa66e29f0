"""Undo and redo of saves and deletes on a page, by putting records back as they were."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from models.records.common import ConflictError, NotFound
from models.records.validation import ValidationError
from models.store import StoreError


class RecordCommand(QUndoCommand):
    """A change already made; undo and redo call the store again and refresh the page.

    Each is given the version the page's own last change left the record at (page.versions; None when in the
    recycle bin), so a record someone else changed since is not put back over their change: the step is refused
    and dropped.
    """

    def __init__(self, page, text: str, uuid: str, undo: Callable[[str | None], None],
                 redo: Callable[[str | None], None]):
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

    def _run(self, action: Callable[[str | None], None]) -> None:
        try:
            action(self.page.versions.get(self.uuid))
        except (NotFound, ValidationError, ConflictError, StoreError) as e:
            # Changed elsewhere since (deleted, changed by someone else, or clashing with a newer record): say so,
            # drop the step.
            QMessageBox.warning(self.page, self.page.tr("撤销/重做"),
                                self.page.tr("无法完成“%1”：%2").replace("%1", self.text()).replace("%2", self._why(e)))
            self.setObsolete(True)
        else:
            # Only the page's own change moves the version it keeps: after a refusal an older step of this record
            # is still given the version before the other person's change, and is refused too.
            self.page.remember(self.uuid)
        self.page.refresh(self.uuid)

    def _why(self, e: Exception) -> str:
        tr = self.page.tr
        if isinstance(e, ConflictError):
            who = e.by or tr("他人")
            return (tr("这条记录已被%1移到回收站") if e.deleted else tr("这条记录已被%1修改过")).replace("%1", who)
        if isinstance(e, StoreError):  # the store could not be reached or was busy: nothing was put back
            return str(e)
        return tr("这条记录已被删除或移入回收站") if isinstance(e, NotFound) else "；".join(e.errors.values())


class StoreStep(QUndoCommand):
    """A change already made to something that is not a whole record (a member's dues, a step on the path to
    membership); undo and redo put it back through the store, then the page reads again. A step the store refuses
    now (its record deleted, a later step resting on it, the month archived) is said and dropped.
    gone: the words for a record no longer there."""

    def __init__(self, page, text: str, uuid: str, undo: Callable[[], object], redo: Callable[[], object],
                 gone: str = ""):
        super().__init__(text)
        self.page, self.uuid, self._undo, self._redo, self.gone = page, uuid, undo, redo, gone
        self._done = True  # pushed after the change itself was made

    def redo(self) -> None:
        if not self._done:
            self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)
        self._done = False

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (NotFound, ValidationError, StoreError) as e:
            self._refused(self._why(e))
        self.page.refresh(self.uuid)

    def _why(self, e: Exception) -> str:
        tr = self.page.tr
        return "；".join(e.errors.values()) if isinstance(e, ValidationError) else (
            (self.gone or tr("这条记录已被删除或移入回收站")) if isinstance(e, NotFound) else str(e))

    def _refused(self, why: str) -> None:
        tr = self.page.tr
        QMessageBox.warning(self.page, tr("撤销/重做"), tr("无法完成“%1”：%2").replace("%1", self.text()).replace("%2", why))
        self.setObsolete(True)


class VersionedStep(StoreStep):
    """A StoreStep whose undo and redo are given the versions this page's own last change left the things it changes
    at (page.versions[key] for each of keys; "" for none), so nothing is put back over a change someone else made
    since: the store's ConflictError is said (page.conflict_text(e) tells what it holds now) and the step dropped.
    A step done notes the versions it left (page.remember_keys(keys)); a refused one leaves the page's own versions as
    they were, so earlier steps stay refused over that change too."""

    def __init__(self, page, text: str, uuid: str, keys: list, undo: Callable[[dict], object],
                 redo: Callable[[dict], object], gone: str = ""):
        super().__init__(page, text, uuid, undo, redo, gone)
        self.keys = list(keys)

    def _run(self, action: Callable[[dict], object]) -> None:
        try:
            action({key: self.page.versions.get(key) for key in self.keys})
        except ConflictError as e:
            self._refused(self.page.conflict_text(e))
        except (NotFound, ValidationError, StoreError) as e:
            self._refused(self._why(e))
        else:
            self.page.remember_keys(self.keys)
        self.page.refresh(self.uuid)
