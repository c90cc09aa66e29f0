"""Attachments of a record: photos with thumbnails, sign-in sheets, documents; drop files or pick them."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from models.records.attachments import add_file, is_image
from models.records.validation import ValidationError
from models.store import stored_file
from ui import read_only
from ui.editors.form import ERROR_STYLE

THUMB = 96


def thumbnail(path: str) -> QIcon | None:
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QIcon(QPixmap.fromImage(image)) if not image.isNull() else None


class AttachmentsEditor(QWidget):
    """value(): [{sha256, name, size, mime}]; files are copied into the store when added."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 60, THUMB + 44))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMovement(QListView.Movement.Static)
        self.list.itemDoubleClicked.connect(lambda item: self.open_item(item))
        self.problem = QLabel(self)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("附件（可把文件拖到这里；单个文件不超过 50 MB）"), self))
        buttons.addStretch(1)
        for text, slot in ((self.tr("添加文件…"), self.pick), (self.tr("打开"), lambda: self.open_item()),
                           (self.tr("重命名"), self.rename_current), (self.tr("移除"), self.remove_current)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if text == self.tr("打开"):
                read_only.viewing(button)  # a form opened for reading still opens its files
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)

    # -- value -----------------------------------------------------------------
    def value(self) -> list[dict]:
        return [dict(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def setValue(self, rows: list[dict] | None) -> None:
        self.list.clear()
        for row in rows or []:
            self._add_item(row)

    def _add_item(self, row: dict) -> None:
        item = QListWidgetItem(row["name"], self.list)
        item.setData(Qt.ItemDataRole.UserRole, dict(row))
        item.setToolTip(f"{row['name']}（{row['size'] / 1024:,.0f} KB）")
        path = stored_file(row["sha256"])
        icon = thumbnail(str(path)) if path and is_image(row) else None
        item.setIcon(icon or self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))

    # -- adding ------------------------------------------------------------------
    def add_paths(self, paths: list[str]) -> int:
        """Copy files into the store and list them; problems are shown under the list. Returns how many."""
        problems, added = [], 0
        have = {row["sha256"] for row in self.value()}
        for path in paths:
            try:
                row = add_file(path)
            except ValidationError as e:
                problems.extend(e.errors.values())
                continue
            except OSError as e:
                problems.append(self.tr("无法读取“%1”：%2").replace("%1", path).replace("%2", e.strerror or str(e)))
                continue
            if row["sha256"] not in have:
                have.add(row["sha256"])
                self._add_item(row)
                added += 1
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        if added:
            self.changed.emit()
        return added

    @staticmethod
    def choose_files(parent) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, parent.tr("添加附件"), "",
                                                parent.tr("所有文件 (*);;图片 (*.jpg *.jpeg *.png);;文档 (*.pdf *.doc *.docx *.xls *.xlsx)"))
        return paths

    def pick(self) -> None:
        self.add_paths(self.choose_files(self))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()

    # -- acting on one ---------------------------------------------------------
    def open_item(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.list.currentItem()
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        path = stored_file(row["sha256"])
        if path is None:
            self.problem.setText(self.tr("附件文件“%1”不在附件文件夹中，可能已被移走。").replace("%1", row["name"]))
            self.problem.show()
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        row = item.data(Qt.ItemDataRole.UserRole)
        name, ok = QInputDialog.getText(self, self.tr("重命名附件"), self.tr("新名称："), text=row["name"])
        if ok and name.strip() and name.strip() != row["name"]:
            row["name"] = name.strip()
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setText(row["name"])
            self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
