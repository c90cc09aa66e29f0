"""A list of problems found in a file (by sheet, row and column), so they can be fixed in one go."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout


class ProblemsDialog(QDialog):
    def __init__(self, parent, title: str, summary: str, lines: list[str]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 460)
        text = QPlainTextEdit("\n".join(lines), self)
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(summary, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)

    @classmethod
    def show_problems(cls, parent, title: str, summary: str, lines: list[str]) -> None:
        cls(parent, title, summary, lines).exec()
