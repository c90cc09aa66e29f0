"""Paste a list of organisation names (e.g. from Excel), see how each matched the registry, decide the rest."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.exchange.org_matching import match_names, pasted_lines
from ui.dialogs.organisation_dialog import OrganisationDialog

STATUS = {"exact": "名称一致", "code": "信用代码一致", "near": "名称相近，请确认", "none": "名录中没有"}
SKIP, CREATE = "", "__create__"


class PasteNamesDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("粘贴参与组织名单"))
        self.resize(760, 560)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("每行一个组织名称（可直接从 Excel 复制一列粘贴；含信用代码也可以）"))
        match = QPushButton(self.tr("匹配名录"), self)
        match.clicked.connect(self.match)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("粘贴的内容"), self.tr("匹配结果"), self.tr("加入为")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 130)
        self.table.verticalHeader().hide()
        self.summary = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(match)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.results: list[dict] = []

    def match(self) -> None:
        self.results = match_names(pasted_lines(self.text.toPlainText()))
        self.table.setRowCount(len(self.results))
        for i, found in enumerate(self.results):
            self.table.setItem(i, 0, QTableWidgetItem(found["text"]))
            self.table.setItem(i, 1, QTableWidgetItem(self.tr(STATUS[found["status"]])))
            choice = QComboBox()
            if found["organisation"]:
                choice.addItem(found["name"], found["organisation"])
            for candidate in found["candidates"]:
                choice.addItem(self.tr("是“%1”").replace("%1", candidate["name"]), candidate["organisation"])
            choice.addItem(self.tr("不加入"), SKIP)
            choice.addItem(self.tr("在名录中新建…"), CREATE)
            if found["status"] == "near":  # a near miss is the person's call, not ours
                choice.setCurrentIndex(choice.findData(SKIP))
            self.table.setCellWidget(i, 2, choice)
        counts = {s: sum(r["status"] == s for r in self.results) for s in STATUS}
        self.summary.setText(self.tr("共 %1 行：匹配 %2 个，相近待确认 %3 个，未找到 %4 个")
                             .replace("%1", str(len(self.results)))
                             .replace("%2", str(counts["exact"] + counts["code"]))
                             .replace("%3", str(counts["near"])).replace("%4", str(counts["none"])))

    def chosen(self) -> list[str]:
        """The organisations to add, in pasted order; 新建 opens the organisation form with the name filled in."""
        out = []
        for i, found in enumerate(self.results):
            data = self.table.cellWidget(i, 2).currentData()
            if data == CREATE:
                data = OrganisationDialog.ask(self, initial={"name": found["text"].split()[0]})
            if data:
                out.append(data)
        return out

    @classmethod
    def ask(cls, parent=None) -> list[str]:
        """UUIDs of the organisations the person chose to add (empty when cancelled)."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return dialog.chosen()
