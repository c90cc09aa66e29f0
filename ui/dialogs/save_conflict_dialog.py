"""Someone else saved the record while it was open here: both versions field by field, and what to keep."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from collections.abc import Callable

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.records import codes
from ui.widgets.labels import code_label, label, local_time_text

MINE, THEIRS, MERGE = "mine", "theirs", "merge"
CHANGED = QColor("#fff4d6")  # a differing row, as a highlighter would mark it
SHORT = 120  # characters of a long text shown in its cell (all of it in the tooltip)
HIDDEN = {"sha256", "size", "mime", "uuid", "member", "organisation", "indicator"}  # ids, not words


@dataclass
class Conflict:
    """One record as typed here (mine), as saved meanwhile (theirs) and as it was opened (base), in form shape."""
    fields: list[tuple[str, str]]          # (key, caption) in the form's order
    mine: dict
    theirs: dict
    base: dict
    by: str = ""
    at: dt.datetime | None = None
    describe: Callable[[str, object], str] = field(default=lambda key, value: plain_text(value))

    def differing(self) -> list[str]:
        return [key for key, _ in self.fields if self.mine.get(key) != self.theirs.get(key)]

    def suggested(self, key: str) -> str:
        """Theirs where only they changed the field since it was opened; otherwise what was typed here."""
        untouched_here = self.mine.get(key) == self.base.get(key)
        return THEIRS if untouched_here and self.theirs.get(key) != self.base.get(key) else MINE

    def merged(self, sides: dict[str, str]) -> dict:
        return {key: (self.theirs if sides.get(key) == THEIRS else self.mine).get(key) for key in self.mine}


def item_text(item, names: dict | None = None) -> str:
    """One row of a list field (an attendance line, an attachment, a figure) in a few words."""
    if not isinstance(item, dict):
        return plain_text(item)
    words = []
    for key, value in item.items():
        if value in (None, "", [], False):
            continue
        if isinstance(value, str) and names and value in names:
            words.append(names[value])
        elif key == "status":
            words.append(code_label(codes.ATTENDANCE, value))
        elif key == "role":
            words.append(code_label(codes.ROLES, value))
        elif key not in HIDDEN:
            text = plain_text(value)
            words.append(text[:20] + "…" if len(text) > 20 else text)
    return " ".join(words)


def plain_text(value, names: dict | None = None) -> str:
    """A stored or typed value as words: dates as 2024-03-05, yes/no, lists as how many and which."""
    if value is None or value == "":
        return label("（空）")
    if isinstance(value, bool):
        return label("是") if value else label("否")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        if not value:
            return label("（无）")
        return label("%1 项：").replace("%1", str(len(value))) + "；".join(item_text(i, names) for i in value)
    return str(value)


class SaveConflictDialog(QDialog):
    """Rows of 项目 / 我填写的 / 他人保存的 / 采用; the differing ones marked, each with its own choice."""

    def __init__(self, parent, conflict: Conflict):
        super().__init__(parent)
        self.conflict = conflict
        self.result_choice: tuple[str, dict] | None = None
        self.setWindowTitle(self.tr("保存冲突：记录已被他人修改"))
        who = conflict.by or self.tr("他人")
        when = local_time_text(conflict.at) if conflict.at else ""
        differing = conflict.differing()
        intro = QLabel(self.tr("您打开这条记录后，%1%2保存了新的内容。您的修改还没有保存，也不会丢失。\n"
                               "下表逐项对照两个版本，有 %3 项不同（已标出）；请为每一项选择要保留的内容，"
                               "或整体保留一方。")
                       .replace("%1", who).replace("%2", self.tr("于 %1 ").replace("%1", when) if when else "")
                       .replace("%3", str(len(differing))), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflict.fields), 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("项目"), self.tr("我填写的"), self.tr("他人保存的"),
                                              self.tr("采用")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.sides: dict[str, QComboBox] = {}
        for row, (key, caption) in enumerate(conflict.fields):
            self._fill_row(row, key, caption, key in differing)
        self.table.resizeRowsToContents()

        self.buttons = QDialogButtonBox(self)
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        self.merge_button = self._button(self.tr("按所选合并并保存"), MERGE, accept)
        self.mine_button = self._button(self.tr("全部保留我的（覆盖他人的修改）"), MINE, accept)
        self.theirs_button = self._button(self.tr("全部采用他人的（放弃我的修改）"), THEIRS, accept)
        back = self.buttons.addButton(self.tr("返回表单"), QDialogButtonBox.ButtonRole.RejectRole)
        back.clicked.connect(self.reject)
        self.merge_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("字") * 70, self.fontMetrics().height() * 30)

    def _fill_row(self, row: int, key: str, caption: str, differs: bool) -> None:
        conflict = self.conflict
        cells = [caption, conflict.describe(key, conflict.mine.get(key)),
                 conflict.describe(key, conflict.theirs.get(key))]
        for column, text in enumerate(cells):
            shown = text if column == 0 or len(text) <= SHORT else text[:SHORT] + "…"
            item = QTableWidgetItem(("● " if differs and column == 0 else "") + shown)
            item.setToolTip(text)
            if differs:
                item.setBackground(QBrush(CHANGED))
                if column == 0:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
            else:
                item.setForeground(QBrush(QColor("gray")))
            self.table.setItem(row, column, item)
        if not differs:
            self.table.setItem(row, 3, QTableWidgetItem(self.tr("相同")))
            return
        side = QComboBox(self.table)
        side.addItem(self.tr("我的"), MINE)
        side.addItem(self.tr("他人的"), THEIRS)
        side.setCurrentIndex(side.findData(conflict.suggested(key)))
        self.table.setCellWidget(row, 3, side)
        self.sides[key] = side

    def _button(self, text: str, choice: str, role) -> QPushButton:
        button = self.buttons.addButton(text, role)
        button.clicked.connect(lambda: self.choose(choice))
        return button

    def chosen_sides(self) -> dict[str, str]:
        return {key: combo.currentData() for key, combo in self.sides.items()}

    def choose(self, choice: str) -> None:
        conflict = self.conflict
        values = {MINE: conflict.mine, THEIRS: conflict.theirs}.get(choice) or conflict.merged(self.chosen_sides())
        self.result_choice = (choice, dict(values))
        self.accept()

    @classmethod
    def ask(cls, parent, conflict: Conflict) -> tuple[str, dict] | None:
        """("merge" | "mine" | "theirs", the values to put in the form), or None to go back to the form as typed."""
        dialog = cls(parent, conflict)
        return dialog.result_choice if dialog.exec() == QDialog.DialogCode.Accepted else None
