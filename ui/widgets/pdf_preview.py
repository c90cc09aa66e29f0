"""The report preview: its pages one under another, fit to width or zoomed, page by page; only the pages in view
are rendered, on the worker thread, at the scale they are shown (sharp, never a scaled-up bitmap)."""
from __future__ import annotations

import bisect
import logging
import math

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from ui.tasks import run_quietly

log = logging.getLogger(__name__)

POINT = 96 / 72  # logical pixels per PDF point at 100 %
STEPS = (25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)  # the zooms 放大/缩小 go through
GAP = 12  # logical pixels around and between pages
BUDGET = 160 << 20  # bytes of rendered pages kept (a page is 3 MB fit to 900 px, 42 MB at 400 %); farthest go first
BACKGROUND = QColor("#8c8c8c")


class PageView(QAbstractScrollArea):
    """The pages of one PDF (their sizes known, their pixels asked for as they come into view)."""
    changed = Signal()  # the page shown, the page count or the zoom changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setSingleStep(40)
        self.path, self.sizes, self.tops = None, [], []  # sizes in points; tops in pixels at the zoom shown
        self.zoom: int | None = None  # percent; None: the widest page fits the width
        self.images: dict[int, tuple[float, QImage]] = {}  # page -> (the scale it was rendered at, its pixels)
        self.current = 0
        self.note = ""
        self._rendering = False  # one request at a time: the worker thread serves the whole window
        self._quiet = False  # moving the view on purpose (go_to, zoom): the page shown stays as set
        self._laid_scale, self._laid_width = 1.0, 1

    # -- the document ------------------------------------------------------------
    def load(self, path, sizes) -> None:
        self._show(path, list(sizes), self.note)
        self._render()

    def clear(self, note: str) -> None:
        self._show(None, [], note)

    def _show(self, path, sizes: list, note: str) -> None:
        self.path, self.sizes, self.tops, self.images, self.current, self.note = path, sizes, [], {}, 0, note
        # With pages, always there: fitting the page to the width must not make the scroll bar come and go.
        on, off = Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        self.setVerticalScrollBarPolicy(on if sizes else off)
        self._relayout(top=0)

    # -- geometry ----------------------------------------------------------------
    def scale(self) -> float:
        """Logical pixels per point."""
        if self.zoom is not None:
            return self.zoom / 100 * POINT
        widest = max((w for w, _ in self.sizes), default=595)
        return max(0.05, (self.viewport().width() - 2 * GAP - 0.5) / widest)  # 0.5: rounding up stays inside

    def percent(self) -> int:
        return round(self.scale() / POINT * 100)

    def _width(self) -> int:
        """Of what the view scrolls over: the widest page and its margins, or the view if wider."""
        widest = max((math.ceil(w * self.scale()) for w, _ in self.sizes), default=0)
        return max(self.viewport().width(), widest + 2 * GAP)

    def page_rect(self, index: int) -> QRect:
        w, h = self.sizes[index]
        width, height = math.ceil(w * self.scale()), math.ceil(h * self.scale())
        return QRect((self._width() - width) // 2, self.tops[index], width, height)

    def page_at(self, y: float) -> int:
        return max(0, bisect.bisect_right(self.tops, y) - 1)

    def visible(self) -> range:
        if not self.sizes:
            return range(0)
        top = self.verticalScrollBar().value()
        return range(self.page_at(top), self.page_at(top + self.viewport().height()) + 1)

    def _relayout(self, top: float | None = None, anchor: float = 0) -> None:
        """Place the pages at the zoom and width now in force. The view's top goes to `top`; without one, the
        spot `anchor` pixels down the view stays in view where it was (and the middle across stays the middle)."""
        bar, across = self.verticalScrollBar(), self.horizontalScrollBar()
        keep = top is None and bool(self.tops)
        if keep:
            y = bar.value() + anchor
            page = self.page_at(y)
            within = (y - self.tops[page]) / self._pitch(page)
            middle = (across.value() + self.viewport().width() / 2) / self._laid_width
        self._laid_scale, self._laid_width = self.scale(), self._width()
        self._quiet = True  # a range that shrinks moves the view: not by hand
        self.tops, y = [], GAP
        for index in range(len(self.sizes)):
            self.tops.append(y)
            y += self._pitch(index)
        bar.setRange(0, max(0, y - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        across.setRange(0, self._laid_width - self.viewport().width())
        across.setPageStep(self.viewport().width())
        if keep:
            top = self.tops[page] + within * self._pitch(page) - anchor
            across.setValue(round(middle * self._laid_width - self.viewport().width() / 2))
        self._scroll_to(top or 0)

    def _pitch(self, index: int) -> int:
        """From the top of the page to the top of the next, as last laid out."""
        return math.ceil(self.sizes[index][1] * self._laid_scale) + GAP

    def _scroll_to(self, top: float) -> None:
        self._quiet = True
        self.verticalScrollBar().setValue(round(top))
        self._quiet = False
        self.viewport().update()
        self.changed.emit()

    # -- moving about ------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if self.sizes:
            self.current = max(0, min(index, len(self.sizes) - 1))
            self._scroll_to(self.tops[self.current] - GAP)

    def set_zoom(self, zoom: int | None, anchor: float | None = None) -> None:
        """Zoom to percent (None: fit to width), keeping the spot at anchor pixels down the view (default: the
        middle) where it is."""
        self.zoom = zoom
        self._relayout(anchor=self.viewport().height() / 2 if anchor is None else anchor)
        self._render()

    def zoom_in(self, anchor: float | None = None) -> None:
        self.set_zoom(next((s for s in STEPS if s > self.percent()), STEPS[-1]), anchor)

    def zoom_out(self, anchor: float | None = None) -> None:
        self.set_zoom(next((s for s in reversed(STEPS) if s < self.percent()), STEPS[0]), anchor)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if not self._quiet and self.sizes:  # scrolled by hand: the page shown is the one across the middle
            self.current = self.page_at(self.verticalScrollBar().value() + self.viewport().height() / 2)
            self.changed.emit()
        self.viewport().update()
        self._render()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout(anchor=0)  # fit to width follows the width; what is at the top stays there
        self._render()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._render()

    def wheelEvent(self, event) -> None:
        turned = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.sizes and turned:
            (self.zoom_in if turned > 0 else self.zoom_out)(event.position().y())
            event.accept()
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.set_zoom(None)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Home, Qt.Key.Key_End):
            self.go_to({Qt.Key.Key_PageDown: self.current + 1, Qt.Key.Key_PageUp: self.current - 1,
                        Qt.Key.Key_Home: 0, Qt.Key.Key_End: len(self.sizes) - 1}[key])
        else:
            super().keyPressEvent(event)

    # -- pixels ------------------------------------------------------------------
    def _render(self) -> None:
        """Ask the worker for the pages in view that are not yet rendered at the scale shown."""
        if self._rendering or not self.isVisible():
            return
        scale = self.scale() * self.devicePixelRatioF()
        wanted = [i for i in self.visible() if self.images.get(i, (None,))[0] != scale]
        if not wanted:
            return
        from exports.pdf_pages import render_pages
        self._rendering, path = True, self.path
        run_quietly(lambda progress: render_pages(path, wanted, scale),
                    lambda pages: self._rendered(path, pages), lambda error: self._failed(path, error))

    def _rendered(self, path, pages) -> None:
        if not isValid(self):
            return
        self._rendering = False
        if path != self.path:  # another document came meanwhile
            self._render()
            return
        for page in pages:
            image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self.images[page.index] = (page.scale, image)
        kept, shown = 0, self.visible()
        for index in sorted(self.images, key=lambda i: abs(i - self.current)):
            kept += self.images[index][1].sizeInBytes()
            if kept > BUDGET and index not in shown:
                del self.images[index]
        self.viewport().update()
        self._render()  # the view may have moved meanwhile

    def _failed(self, path, error: BaseException) -> None:
        if not isValid(self):
            return
        self._rendering = False
        if path == self.path:
            log.error("preview of %s", path, exc_info=error)
            self.clear(self.tr("无法显示预览：%1").replace("%1", str(error)))

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if not self.sizes:
            painter.setPen(QColor("white"))
            painter.drawText(self.viewport().rect().adjusted(GAP, GAP, -GAP, -GAP),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.note)
            return
        painter.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        scale = self.scale() * self.devicePixelRatioF()
        for index in self.visible():
            rect = self.page_rect(index)
            painter.fillRect(rect, QColor("white"))
            rendered, image = self.images.get(index, (None, None))
            if rendered == scale:
                painter.drawImage(rect.topLeft(), image)  # pixel for pixel
            elif image is not None:
                painter.drawImage(QRectF(rect), image)  # the old zoom's pixels, until this zoom's come
        painter.end()


class PdfPreview(QWidget):
    """The page view under a row of buttons: zoom, fit to width, page up and down."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = PageView(self)
        self.bar = QWidget(self)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.zoom_label, self.page_label = QLabel(self.bar), QLabel(self.bar)

        def button(text, tip, action, arrow=Qt.ArrowType.NoArrow):
            made = QToolButton(self.bar)
            made.setText(self.tr(text))
            made.setArrowType(arrow)
            made.setToolTip(self.tr(tip))
            made.clicked.connect(action)
            return made
        # Signs and arrows, as in every viewer: the row must fit beside the form at 1024 pixels.
        self.zoom_out = button("−", "缩小（Ctrl+减号，或按住 Ctrl 向后滚动滚轮）", lambda: self.view.zoom_out())
        self.zoom_in = button("+", "放大（Ctrl+加号，或按住 Ctrl 向前滚动滚轮）", lambda: self.view.zoom_in())
        self.fit = button("适合宽度", "页面宽度与窗口一致（Ctrl+0）", lambda: self.view.set_zoom(None))
        self.fit.setCheckable(True)
        self.previous = button("上一页", "上一页（PgUp）", lambda: self.view.go_to(self.view.current - 1),
                               Qt.ArrowType.UpArrow)
        self.next = button("下一页", "下一页（PgDn）", lambda: self.view.go_to(self.view.current + 1),
                           Qt.ArrowType.DownArrow)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400%"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.fit):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.previous, self.page_label, self.next):
            row.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.bar)
        column.addWidget(self.view, 1)
        self.view.changed.connect(self._show_state)
        self.clear()

    def load(self, path, sizes) -> None:
        """Show the PDF at path, whose pages measure sizes (points), from its first page."""
        self.view.load(path, sizes)

    def clear(self, note: str = "") -> None:
        self.view.clear(note or self.tr("点击“预览”查看汇报的版面。"))

    def _show_state(self) -> None:
        view, count = self.view, len(self.view.sizes)
        self.bar.setVisible(bool(count))
        self.zoom_label.setText(f"{view.percent()}%")
        # "3 / 32" as viewers write it, the words in its tooltip: the row fits beside the form at 819 pixels
        # (1024×768 at 125 %).
        self.page_label.setText(f"{view.current + 1} / {count}")
        self.page_label.setToolTip(self.tr("第 %1 页，共 %2 页").replace("%1", str(view.current + 1))
                                   .replace("%2", str(count)))
        self.fit.setChecked(view.zoom is None)
        self.zoom_out.setEnabled(view.percent() > STEPS[0])
        self.zoom_in.setEnabled(view.percent() < STEPS[-1])
        self.previous.setEnabled(view.current > 0)
        self.next.setEnabled(view.current < count - 1)
