"""The 党建覆盖 page's figures: coverage at the period's start and end with the change, and what the period did."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel

from models.reporting.coverage_report import points
from ui.widgets.labels import rate_text

ROWS = (("active", "在册社会组织（家）"), ("party", "已建立党组织（家）"), ("instructor", "有党建工作指导员（家）"),
        ("covered", "已覆盖（党组织或指导员，家）"), ("rate", "覆盖率"))


class CoverageBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(self.tr("覆盖情况"), parent)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        for column, text in enumerate(("", self.tr("期初"), self.tr("期末"), self.tr("变化"))):
            grid.addWidget(QLabel(f"<b>{text}</b>", self), 0, column)
        self.cells = {}
        for row, (key, text) in enumerate(ROWS, 1):
            grid.addWidget(QLabel(self.tr(text), self), row, 0)
            for column in (1, 2, 3):
                cell = QLabel(self)
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(cell, row, column)
                self.cells[key, column] = cell
        self.done = QLabel(self)
        self.done.setWordWrap(True)
        grid.addWidget(self.done, 0, 4, len(ROWS) + 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(4, 1)

    def show_figures(self, f: dict) -> None:
        tr = self.tr
        start, end = f["start"], f["end"]
        for key, _ in ROWS:
            if key == "rate":
                texts = (rate_text(start["rate"]), rate_text(end["rate"]), "" if start["rate"] is None or end["rate"] is None
                         else f"{points(start['rate'], end['rate']):+g}" + tr("个百分点"))
            else:
                texts = (str(start[key]), str(end[key]), f"{end[key] - start[key]:+d}")
            for column, text in zip((1, 2, 3), texts):
                self.cells[key, column].setText(text)
        joint, adjusted = f["new_joint"], f["adjusted_joint"]
        new = tr("新成立党支部 %1 个").replace("%1", str(f["new_branches"]))
        if joint:
            new += tr("（独立党支部 %1 个；联合党支部 %2 个，覆盖社会组织 %3 家）").replace(
                "%1", str(f["new_independent"])).replace("%2", str(len(joint))).replace(
                "%3", str(sum(j["organisations"] for j in joint)))
        names = "、".join(adjusted[:3]) + (tr("等") if len(adjusted) > 3 else "")
        lines = [
            new,
            tr("调整联合党支部 %1 个%2").replace("%1", str(len(adjusted)))
            .replace("%2", tr("：%1").replace("%1", names) if adjusted else ""),
            tr("新覆盖社会组织 %1 家").replace("%1", str(f["newly_covered"])),
            tr("选派党建工作指导员 %1 名（%2 家社会组织）").replace("%1", str(f["instructors"]))
            .replace("%2", str(f["assignments"])),
        ]
        self.done.setText(f"<b>{tr('本期')}</b><br>" + "<br>".join(lines))
