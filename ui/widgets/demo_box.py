"""The 设置 page's 示例数据 box: shown while the store holds demo records, with the one button that clears them."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton

from models.exchange.demo_clearing import clear_demo, demo_count
from ui.tasks import run_task


class DemoBox(QGroupBox):
    cleared = Signal(int, int)  # removed, kept

    def __init__(self, parent=None):
        super().__init__(self.tr("示例数据"), parent)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("清除示例数据…"), self)
        self.clear_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.addWidget(self.note, 1)
        row.addWidget(self.clear_button)
        self.refresh()

    def refresh(self) -> None:
        count = demo_count()
        self.note.setText(self.tr("本数据文件中有 %1 条示例记录（首次使用时选择填入的）。"
                                  "清除后自己录入的记录不受影响；示例中的党员、社会组织或学习小组若已被自己录入的记录"
                                  "用到，会保留下来。").replace("%1", str(count)))
        self.setVisible(count > 0)

    def clear(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("清除示例数据"), self.tr("将彻底删除全部示例记录（不进回收站）。清除前会先备份数据文件。\n\n确定清除吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_task(self, self.tr("正在清除示例数据…"), lambda progress: clear_demo(), self.done, self.failed)

    def done(self, result: tuple[int, int]) -> None:
        self.refresh()
        self.cleared.emit(*result)

    def failed(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("清除示例数据"), self.tr("没有清除：%1\n数据没有改变。").replace("%1", str(error)))
