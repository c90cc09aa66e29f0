"""A scrollable column of page images: what the saved PDF will look like."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


class PdfPreview(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages: list[QLabel] = []
        self.clear()

    def clear(self, note: str = "") -> None:
        holder = QWidget()
        self.column = QVBoxLayout(holder)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.note = QLabel(note or self.tr("点击“预览”查看汇报的版面。"), holder)
        self.note.setWordWrap(True)
        self.column.addWidget(self.note)
        self.pages = []
        self.setWidget(holder)

    def show_pages(self, pages, total: int) -> None:
        shown = len(pages)
        self.clear(self.tr("共 %1 页").replace("%1", str(total))
                   + (self.tr("（预览前 %1 页）").replace("%1", str(shown)) if shown < total else ""))
        for page in pages:
            image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()
            label = QLabel(self.widget())
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #bbb; background: white;")
            self.column.addWidget(label)
            self.pages.append(label)
