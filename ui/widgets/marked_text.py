"""Text with the words searched for marked, painted so in a list's cells and cut with … where it does not fit."""
from __future__ import annotations

import html

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

# A cell's text as pieces (text, how): PLAIN, MARK (a word searched for; a model's True) or BOLD (a field's name).
MarkedRole = Qt.ItemDataRole.UserRole + 7
PLAIN, MARK, BOLD = 0, 1, 2
STYLES = {MARK: "<span style='background-color:#ffe082; color:#000000;'>{}</span>",  # readable when selected too
          BOLD: "<b>{}</b>"}


def marked_html(pieces: list[tuple[str, int]]) -> str:
    """The pieces as HTML, the words marked (also for tooltips)."""
    return "".join(STYLES.get(int(how), "{}").format(html.escape(text)) for text, how in pieces)


def fitted(pieces: list[tuple[str, int]], font: QFont, width: int) -> list[tuple[str, int]]:
    """As many of the pieces as fit in width pixels on one line, the last one cut and followed by …"""
    bold = QFont(font)
    bold.setBold(True)
    metrics = {True: QFontMetrics(bold), False: QFontMetrics(font)}
    out, used = [], 0
    for text, how in pieces:
        measure = metrics[int(how) == BOLD]
        wide = measure.horizontalAdvance(text)
        if used + wide <= width:
            out.append((text, how))
            used += wide
            continue
        room = width - used - metrics[False].horizontalAdvance("…")
        while text and measure.horizontalAdvance(text) > room:
            text = text[:-1]
        return out + ([(text, how)] if text else []) + [("…", PLAIN)]
    return out


class MarkedTextDelegate(QStyledItemDelegate):
    """Paints a cell's MarkedRole pieces on one line in place of its plain text (which stays, for copying and
    the keyboard search)."""

    def paint(self, painter, option, index) -> None:
        pieces = index.data(MarkedRole)
        if not pieces:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, item.widget).adjusted(2, 0, -2, 0)
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(item.font)
        document.setHtml(marked_html(fitted(pieces, item.font, area.width())))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.save()
        painter.setClipRect(area)
        painter.translate(QPointF(area.left(), area.top() + (area.height() - document.size().height()) / 2))
        document.documentLayout().draw(painter, context)
        painter.restore()
