"""The official-document page of the report PDF (GB/T 9704-2012): grid, paragraph styles, page numbers, signature."""
from __future__ import annotations

import functools
import math

from exports.fonts import FontSet, draw_runs
from exports.report_lines import Tight, chinese_lines, line_breaks, measured

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP, WIDTH, HEIGHT = 28 * MM, 37 * MM, 156 * MM, 225 * MM
BOTTOM = PAGE_H - TOP - HEIGHT                      # 35 mm
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NO_PT, TABLE_PT, LEDGER_PT = 16, 22, 14, 12, 10.5
# 22 lines fill the 225 mm block; a hair less, so rounding never pushes the 22nd line to the next page.
LEADING = HEIGHT / LINES - 0.001
GRID = WIDTH / CHARS                                # 15.79 pt: one character cell of the 28-character line
CHAR_SPACE = GRID - BODY_PT                         # a little negative: 28 characters of 三号 fill 156 mm
PAGE_NO_GAP = 7 * MM


def balanced_margin(wide: float, size: float, lines: int = 0) -> float:
    """The indent on each side that makes a centred title this wide break near its middle (or into as many lines,
    when given): narrower, its lines come out of even length (two characters spare for the line-break rules); 0 for
    a title of one line."""
    lines = lines or math.ceil(wide / WIDTH)
    return 0.0 if lines < 2 else max(0.0, (WIDTH - wide / lines - 2 * size) / 2)


@functools.cache
def _paragraph_classes():
    from reportlab.pdfgen.textobject import PDFTextObject
    from reportlab.platypus import Paragraph

    class SpacedText(PDFTextObject):
        """Text drawn with a character spacing; reportlab justifies a line by word spacing, which moves nothing in
        Chinese (there are no spaces), so here word spacing is added to the character spacing instead."""

        spread = 0.0      # the justifying space of the line being drawn

        def __init__(self, canvas, x, y, char_space):
            super().__init__(canvas, x, y)
            self.char_space = char_space
            if char_space:
                self.setCharSpace(char_space)

        def setWordSpace(self, wordSpace):
            self.spread = wordSpace
            self.setCharSpace(self.char_space + wordSpace)

        def _textOut(self, text, TStar=0):
            if self.spread and isinstance(text, Tight):
                self.setCharSpace(self.char_space)
                super()._textOut(text, TStar)
                self.setCharSpace(self.char_space + self.spread)
            else:
                super()._textOut(text, TStar)

    class ChineseParagraph(Paragraph):
        char_space = 0.0

        def breakLinesCJK(self, maxWidths):
            if not isinstance(maxWidths, (list, tuple)):
                maxWidths = [maxWidths]
            self.height = 0
            if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
                return self.blPara  # the lines a split already made
            if getattr(self, "_measured", None) is None:  # a table wraps each cell several times
                self._measured = measured(self.frags)
            return chinese_lines(self._measured, maxWidths, self.char_space)

        def beginText(self, x, y):
            return SpacedText(self.canv, x, y, self.char_space)

        def _get_split_blParaFunc(self):
            # Split across a page, the lines join up again as they were: reportlab's own joiner puts a space where
            # each line ended, right between words, a gap inside Chinese once the rest is broken into new lines.
            if self.blPara.kind != 1:
                return super()._get_split_blParaFunc()
            return lambda blPara, start, stop: [w for line in blPara.lines[start:stop] for w in line.words]

    class GridParagraph(ChineseParagraph):
        """A paragraph on the 28-character grid: each character takes one cell of WIDTH / 28 (reportlab paragraphs
        have no character spacing setting of their own)."""
        char_space = CHAR_SPACE

    return ChineseParagraph, GridParagraph


class Styles:
    """The report's paragraph styles over one font set, and paragraphs made with per-character fallback."""

    def __init__(self, fonts: FontSet):
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
        from reportlab.lib.styles import ParagraphStyle

        self.fonts = fonts
        # 两端对齐: every line but a paragraph's last reaches both edges of the text block
        base = dict(fontSize=BODY_PT, leading=LEADING, wordWrap="CJK", alignment=TA_JUSTIFY)
        r = fonts.roles
        self.roles = {"title": "song", "body": "fang", "h1": "hei", "h2": "kai", "note": "fang",
                      "note_more": "fang", "attach": "hei", "caption": "hei", "cell": "fang", "head": "hei",
                      "ledger": "fang", "ledger_c": "fang", "ledger_head": "hei", "ledger_title": "song"}
        self.styles = {
            "title": ParagraphStyle("title", fontName=r["song"], fontSize=TITLE_PT, leading=TITLE_PT * 1.55,
                                    alignment=TA_CENTER, wordWrap="CJK", spaceAfter=LEADING),
            "body": ParagraphStyle("body", fontName=r["fang"], firstLineIndent=2 * GRID, **base),
            "h1": ParagraphStyle("h1", fontName=r["hei"], firstLineIndent=2 * GRID, **base),
            "h2": ParagraphStyle("h2", fontName=r["kai"], firstLineIndent=2 * GRID, **base),
            # 附件：1.…, with the later names lined up under the first one
            "note": ParagraphStyle("note", fontName=r["fang"], leftIndent=5 * GRID, firstLineIndent=-3 * GRID, **base),
            "note_more": ParagraphStyle("note_more", fontName=r["fang"], leftIndent=5 * GRID, **base),
            "attach": ParagraphStyle("attach", fontName=r["hei"], **base),
            "caption": ParagraphStyle("caption", fontName=r["hei"], fontSize=14, leading=LEADING,
                                      alignment=TA_CENTER, wordWrap="CJK"),
            "cell": ParagraphStyle("cell", fontName=r["fang"], fontSize=TABLE_PT, leading=TABLE_PT * 1.3,
                                   alignment=TA_CENTER, wordWrap="CJK"),
            "head": ParagraphStyle("head", fontName=r["hei"], fontSize=TABLE_PT, leading=TABLE_PT * 1.3,
                                   alignment=TA_CENTER, wordWrap="CJK"),
            "ledger": ParagraphStyle("ledger", fontName=r["fang"], fontSize=LEDGER_PT, leading=LEDGER_PT * 1.35,
                                     wordWrap="CJK"),
            "ledger_c": ParagraphStyle("ledger_c", fontName=r["fang"], fontSize=LEDGER_PT, leading=LEDGER_PT * 1.35,
                                       alignment=TA_CENTER, wordWrap="CJK"),
            "ledger_head": ParagraphStyle("ledger_head", fontName=r["hei"], fontSize=LEDGER_PT,
                                          leading=LEDGER_PT * 1.35, alignment=TA_CENTER, wordWrap="CJK"),
            "ledger_title": ParagraphStyle("ledger_title", fontName=r["song"], fontSize=TITLE_PT,
                                           leading=TITLE_PT * 1.55, alignment=TA_CENTER, wordWrap="CJK",
                                           spaceBefore=LEADING, spaceAfter=LEADING / 2),
        }

    def title(self, text: str):
        """The title, its lines of even length: a title of two lines never leaves a character or two alone, nor
        when a date that stays whole (2025年12月—2026年1月) moves to the second line: then it takes three."""
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase.pdfmetrics import stringWidth

        style = self.styles["title"]
        widths = [stringWidth(char, style.fontName, style.fontSize) for char in text]
        lines = math.ceil(sum(widths) / WIDTH)
        margin = balanced_margin(sum(widths), style.fontSize, lines)
        while 1 < lines < 6:
            found = line_breaks(text, widths, [WIDTH - 2 * margin])
            if len(found) <= lines and found[-1][1] - found[-1][0] > 2:
                break
            lines += 1
            margin = balanced_margin(sum(widths), style.fontSize, lines)
        if margin:
            style = ParagraphStyle("title", parent=style, leftIndent=margin, rightIndent=margin)
        return _paragraph_classes()[0](self.fonts.markup(text, self.roles["title"]), style)

    def para(self, text: str, style: str):
        grid = style in ("body", "h1", "h2", "note", "note_more", "attach")
        cls = _paragraph_classes()[1 if grid else 0]
        return cls(self.fonts.markup(text, self.roles[style]), self.styles[style])


def page_decorator(fonts: FontSet, on_page=None):
    """Draws "— n —" in 四号 宋体 7 mm below the text block: odd pages on the right, even pages on the left,
    each one character in from the edge of the block; on_page(n) is told of each finished page."""
    def decorate(canvas, doc):
        number = canvas.getPageNumber()
        canvas.saveState()
        y = BOTTOM - PAGE_NO_GAP - PAGE_NO_PT * 0.8     # the line's top (cap height) sits 7 mm below the block
        if number % 2:
            fonts.draw(canvas, LEFT + WIDTH - PAGE_NO_PT, y, f"— {number} —", "song", PAGE_NO_PT, "right")
        else:
            fonts.draw(canvas, LEFT + PAGE_NO_PT, y, f"— {number} —", "song", PAGE_NO_PT, "left")
        canvas.restoreState()
        if on_page:
            on_page(number)
    return decorate


@functools.cache
def _signature_class():
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable

    class Signature(Flowable):
        """Office name and date after a blank line, right-aligned the GB/T 9704 way: the name two characters in
        from the right, the date starting two characters right of the name's start (or, when the date is the
        longer, the date two characters in and the name moved left to match)."""

        def __init__(self, fonts: FontSet, office: str, date_text: str):
            super().__init__()
            self.fonts, self.office, self.date_text = fonts, office, date_text
            self.runs = {"office": fonts.runs(office, "fang"), "date": fonts.runs(date_text, "fang")}

        def _width(self, key):
            return sum(stringWidth(t, f, BODY_PT) for f, t in self.runs[key])

        def wrap(self, availWidth, availHeight):
            self.width = availWidth
            return availWidth, 3 * LEADING

        def draw(self):
            right = self.width - 2 * GRID
            office_w, date_w = self._width("office"), self._width("date")
            if date_w + 2 * GRID > office_w:
                date_x = right - date_w
                office_x = date_x - 2 * GRID
            else:
                office_x = right - office_w
                date_x = office_x + 2 * GRID
            # baselines where a paragraph's second and third lines would fall, so the block stays on the grid
            draw_runs(self.canv, office_x, 2 * LEADING - BODY_PT, self.runs["office"], BODY_PT)
            draw_runs(self.canv, date_x, LEADING - BODY_PT, self.runs["date"], BODY_PT)

    return Signature


def signature(fonts: FontSet, office: str, date_text: str):
    return _signature_class()(fonts, office, date_text)
