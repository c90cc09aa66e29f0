"""Reflections (心得体会) of a study session: one text per attending member, with submitted / expected."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

NAME = Qt.ItemDataRole.UserRole + 1


class ReflectionsEditor(QWidget):
    """value(): [{member, text, submitted_on}] for the members with a text."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.texts: dict[str, str] = {}
        self.dates: dict[str, object] = {}
        self.members = QListWidget(self)
        self.members.setMaximumWidth(200)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(self.tr("在左侧选择党员，在这里填写或粘贴其心得体会"))
        self.editor.setEnabled(False)
        self.count = QLabel(self)
        self.members.currentItemChanged.connect(self._show)
        self.editor.textChanged.connect(self._typed)
        row = QHBoxLayout()
        row.addWidget(self.members)
        row.addWidget(self.editor, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addLayout(row, 1)

    def set_members(self, people: list[dict]) -> None:
        """The members expected to hand one in (those present); texts of others are kept aside, not lost."""
        current = self.members.currentItem().data(Qt.ItemDataRole.UserRole) if self.members.currentItem() else None
        self.members.blockSignals(True)
        self.members.clear()
        for person in people:
            item = QListWidgetItem(person["name"], self.members)
            item.setData(Qt.ItemDataRole.UserRole, person["member"])
            item.setData(NAME, person["name"])
        self.members.blockSignals(False)
        self._mark()
        rows = [self.members.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.members.count())]
        self.members.setCurrentRow(rows.index(current) if current in rows else (0 if rows else -1))
        self._show()

    def _show(self, *_) -> None:
        item = self.members.currentItem()
        self.editor.blockSignals(True)
        self.editor.setEnabled(item is not None)
        self.editor.setPlainText(self.texts.get(item.data(Qt.ItemDataRole.UserRole), "") if item else "")
        self.editor.blockSignals(False)

    def _typed(self) -> None:
        item = self.members.currentItem()
        if item is None:
            return
        self.texts[item.data(Qt.ItemDataRole.UserRole)] = self.editor.toPlainText()
        self._mark()
        self.changed.emit()

    def _mark(self) -> None:
        expected = self.members.count()
        submitted = 0
        for i in range(expected):
            item = self.members.item(i)
            done = bool(self.texts.get(item.data(Qt.ItemDataRole.UserRole), "").strip())
            submitted += done
            item.setText(("✓ " if done else "    ") + item.data(NAME))
        self.count.setText(self.tr("心得体会：已交 %1 篇 / 应交 %2 篇").replace("%1", str(submitted))
                           .replace("%2", str(expected)))

    def value(self) -> list[dict]:
        return [{"member": m, "text": t, "submitted_on": self.dates.get(m)} for m, t in self.texts.items()
                if t.strip()]

    def setValue(self, rows: list[dict] | None) -> None:
        self.texts = {r["member"]: r.get("text", "") for r in rows or []}
        self.dates = {r["member"]: r.get("submitted_on") for r in rows or []}
        self._mark()
        self._show()

    def set_text(self, member: str, text: str) -> None:
        """Fill one member's text (as typing would)."""
        for i in range(self.members.count()):
            if self.members.item(i).data(Qt.ItemDataRole.UserRole) == member:
                self.members.setCurrentRow(i)
                self.editor.setPlainText(text)
                return
        raise KeyError(member)
