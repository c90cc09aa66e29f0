"""The report preview: fit to width following the width, zoom re-rendering sharp pages, page up and down, and a long
report rendering only the pages in view."""
import math

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from exports import pdf_pages
from ui.widgets.pdf_preview import GAP, PdfPreview


def make_pdf(path, count):
    """count A4 pages; page k (from 0) has a black band across its top, (k % 50 + 1) × 10 points long, to tell it by."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    canvas = Canvas(str(path), pagesize=A4)
    for k in range(count):
        canvas.rect(0, A4[1] - 60, (k % 50 + 1) * 10, 60, stroke=0, fill=1)
        canvas.drawString(100, 400, f"Page {k + 1}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def preview(qtbot):
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    return widget


def open_pdf(preview, path):
    preview.load(path, pdf_pages.page_sizes(path))


def rendered(preview, index):
    """The page's pixels once they are rendered at the scale shown, else None."""
    scale, image = preview.view.images.get(index, (None, None))
    return image if scale == preview.view.scale() * preview.view.devicePixelRatioF() else None


def sharp_width(preview, qtbot, index=0):
    qtbot.waitUntil(lambda: rendered(preview, index) is not None, timeout=10_000)
    return rendered(preview, index).width()


def test_fit_to_width_follows_a_resize(preview, qtbot, tmp_path):
    open_pdf(preview, make_pdf(tmp_path / "a.pdf", 3))
    assert preview.fit.isChecked()
    narrow = sharp_width(preview, qtbot)
    assert narrow == preview.view.viewport().width() - 2 * GAP  # the page fills the width, rendered that wide
    preview.resize(900, 500)
    qtbot.waitUntil(lambda: rendered(preview, 0) is not None and rendered(preview, 0).width() > narrow, timeout=10_000)
    assert rendered(preview, 0).width() == preview.view.viewport().width() - 2 * GAP
    assert preview.view.horizontalScrollBar().maximum() == 0  # nothing to scroll across when fitted


def test_zoom_renders_the_pages_again_at_the_width_shown(preview, qtbot, tmp_path):
    open_pdf(preview, make_pdf(tmp_path / "a.pdf", 3))
    fitted = sharp_width(preview, qtbot)
    percent = preview.view.percent()
    preview.zoom_in.click()
    assert not preview.fit.isChecked() and preview.view.percent() > percent
    assert preview.zoom_label.text() == f"{preview.view.percent()}%"
    wider = sharp_width(preview, qtbot)
    assert wider > fitted and wider == math.ceil(595.2756 * preview.view.percent() / 100 * 96 / 72)
    assert preview.view.horizontalScrollBar().maximum() > 0  # wider than the view now: scroll across
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert sharp_width(preview, qtbot) < fitted
    wheel = QWheelEvent(QPointF(100, 100), QPointF(100, 100), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    before = preview.view.percent()
    QApplication.sendEvent(preview.view.viewport(), wheel)  # Ctrl + wheel away from you: bigger
    assert preview.view.percent() > before
    qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.fit.isChecked() and sharp_width(preview, qtbot) == fitted


def band_length(image):
    """How far the page's black band reaches across, in pixels."""
    y = 10
    return next((x for x in range(image.width()) if QColor(image.pixel(x, y)).lightness() > 128), image.width())


def test_page_down_and_up_go_to_the_page_and_say_so(preview, qtbot, tmp_path):
    open_pdf(preview, make_pdf(tmp_path / "a.pdf", 5))
    view = preview.view
    assert preview.page_label.text() == "1 / 5" and not preview.previous.isEnabled()
    assert preview.page_label.toolTip() == "第 1 页，共 5 页"  # the words, where the row has no room for them
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert preview.page_label.text() == "3 / 5"
    assert view.verticalScrollBar().value() == view.page_rect(2).top() - GAP  # page 3 at the top of the view
    sharp_width(preview, qtbot, 2)
    assert abs(band_length(rendered(preview, 2)) - 30 * view.scale()) <= 2  # and what is drawn there is page 3
    preview.previous.click()
    assert preview.page_label.text() == "2 / 5"
    assert view.verticalScrollBar().value() == view.page_rect(1).top() - GAP
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)  # already at the first page: stays
    assert preview.page_label.text() == "1 / 5"
    qtbot.keyClick(view, Qt.Key.Key_End)
    preview.next.click()  # at the last page the button is off
    assert preview.page_label.text() == "5 / 5" and not preview.next.isEnabled()
    view.verticalScrollBar().setValue(view.page_rect(1).top())  # scrolled by hand: the label follows
    assert preview.page_label.text() == "2 / 5"


def test_a_long_report_renders_only_the_pages_in_view(preview, qtbot, tmp_path, monkeypatch):
    path = make_pdf(tmp_path / "long.pdf", 280)
    asked = []
    render = pdf_pages.render_pages
    monkeypatch.setattr(pdf_pages, "render_pages", lambda p, indexes, scale: asked.extend(indexes) or
                        render(p, indexes, scale))
    open_pdf(preview, path)
    sharp_width(preview, qtbot)
    assert asked == list(preview.view.visible()) and len(asked) <= 2
    qtbot.keyClick(preview.view, Qt.Key.Key_End)
    assert preview.page_label.text() == "280 / 280"
    sharp_width(preview, qtbot, 279)
    assert len(asked) <= 4 and 279 in asked  # the first page or two, then the last: none between
    assert abs(band_length(rendered(preview, 279)) - 300 * preview.view.scale()) <= 2


def test_clearing_shows_the_note_and_hides_the_buttons(preview, tmp_path):
    open_pdf(preview, make_pdf(tmp_path / "a.pdf", 2))
    assert preview.bar.isVisible()
    preview.clear("报告期已改变")
    assert not preview.bar.isVisible() and preview.view.note == "报告期已改变" and not preview.view.images
