"""A form of fields in columns, each with a place under it for the message about what is wrong."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets.mnemonics import Mnemonics

ERROR_STYLE = "color: #c62828;"
INVALID_STYLE = "border: 1px solid #c62828; border-radius: 2px;"


def _frame(widget: QWidget) -> QWidget:
    """The part of a field that gets the red frame (a date field's edit, not its clear button)."""
    return getattr(widget, "edit", widget)


def _keyboard_part(widget: QWidget) -> QWidget:
    """Where a caption's Alt-key puts the cursor: the field, its focus proxy, or an editor's first focusable part
    (a label's Alt-key does nothing for a widget that takes no focus itself)."""
    target = widget.focusProxy() or widget
    if target.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return target
    return next((w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus), widget)


class Form(QWidget):
    """Fields with their captions (each with an Alt-key; forms shown together share `keys`) and messages."""

    def __init__(self, columns: int = 1, parent=None, keys: Mnemonics | None = None):
        super().__init__(parent)
        self.keys = keys or Mnemonics()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.captions: dict[str, str] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.columns = []
        for _ in range(columns):
            layout = QFormLayout()
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            row.addLayout(layout, 1)
            self.columns.append(layout)

    def add(self, key: str, text: str, widget: QWidget, column: int = 0, required: bool = False) -> QWidget:
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        error = QLabel(holder)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        caption = QLabel(self.keys.caption(text, key) + ("<span style='color:#c62828'>*</span>" if required else "")
                         + "：")
        caption.setBuddy(_keyboard_part(widget))
        self.columns[min(column, len(self.columns) - 1)].addRow(caption, holder)  # fewer columns on a narrow screen
        self.fields[key] = widget
        self.errors[key] = error
        self.captions[key] = text
        return widget

    def values(self) -> dict:
        return {key: widget.value() for key, widget in self.fields.items()}

    def set_values(self, data: dict) -> None:
        for key, widget in self.fields.items():
            if key in data:
                widget.setValue(data[key])

    def clear_errors(self) -> None:
        for key, error in self.errors.items():
            error.hide()
            _frame(self.fields[key]).setStyleSheet("")

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message under its field, focus the first; returns messages with no field here."""
        self.clear_errors()
        unplaced = []
        first = None
        for key, message in errors.items():
            if key not in self.fields:
                unplaced.append(message)
                continue
            self.errors[key].setText(message)
            self.errors[key].show()
            _frame(self.fields[key]).setStyleSheet(INVALID_STYLE)
            first = first or self.fields[key]
        if first is not None:
            first.setFocus()
        return unplaced

    def error_text(self, key: str) -> str:
        return self.errors[key].text() if not self.errors[key].isHidden() else ""
