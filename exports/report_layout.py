"""The official-document page of the report PDF (GB/T 9704-2012): grid, paragraph styles, page numbers, signature."""
from __future__ import annotations

import functools
import math

from exports.fonts import FontSet, draw_runs

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


# 禁则: what may not open a line (closing marks) and what may not end one (opening marks); reportlab's own list
# is Japanese and lets a Chinese ，；：”》 start a line.
NO_START = set("，。、；：？！）》〉」』】〕”’…—·%‰,.;:?!)]}")
NO_END = set("（《〈「『【〔“‘([{")
LATIN = set("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def measured(frags) -> list:
    """The paragraph's characters, each carrying its fragment (font) and width."""
    from reportlab.platypus.paragraph import cjkU

    return [cjkU(t, f, "utf8") for f in frags for t in (getattr(f, "text", "") or "")]


def line_breaks(chars, widths, max_widths) -> list[tuple[int, int, float]]:
    """Where the lines of a text go, as (start, end, width): a character or two moves to the next line rather than
    opening a line with ，or ending one with “, and a number such as 1325.5 or a number and its unit stay whole."""
    lines, start, used, i = [], 0, 0.0, 0
    while i < len(chars):
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        if used + widths[i] > limit + 1e-6 and i > start:
            cut = i
            while cut - start > 2 and (chars[cut] in NO_START or chars[cut - 1] in NO_END
                                       or (chars[cut - 1] in LATIN and not chars[cut].isspace())):
                cut -= 1
            if cut - start <= 2:
                cut = i  # a line of nothing but marks or digits: break where it overflows after all
            lines.append((start, cut, sum(widths[start:cut])))
            start, used, i = cut, 0.0, cut
            continue
        used += widths[i]
        i += 1
    if start < len(chars):
        lines.append((start, len(chars), used))
    return lines


def chinese_lines(chars: list, max_widths):
    """Break measured characters into a paragraph's lines by the rules of line_breaks."""
    from reportlab.platypus.paragraph import ParaLines, makeCJKParaLine

    lines = []
    for n, (start, end, width) in enumerate(line_breaks(chars, [c.width for c in chars], max_widths)):
        limit = max_widths[min(n, len(max_widths) - 1)]
        lines.append(makeCJKParaLine(chars[start:end], limit, width, limit - width, False, False))
    return ParaLines(kind=1, lines=lines)


# (font, size) → character → width, filled as characters come: a ledger has few distinct ones and many cells.
_char_widths: dict[tuple[str, float], dict[str, float]] = {}


def plain_lines(text: str, font: str, size: float, width: float) -> str:
    """text in one font broken into lines for a table cell by the rules of line_breaks, joined by newlines: reportlab
    draws such a cell as plain strings, far quicker than a paragraph. Whitespace is collapsed as a paragraph does."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(text.split())
    known = _char_widths.setdefault((font, size), {})
    widths = []
    for char in text:
        w = known.get(char)
        if w is None:
            w = known[char] = stringWidth(char, font, size)
        widths.append(w)
    if sum(widths) <= width + 1e-6:
        return text
    return "\n".join(text[start:end].strip() for start, end, _ in line_breaks(text, widths, [width]))


def balanced_margin(wide: float, size: float) -> float:
    """The indent on each side that makes a centred title this wide break near its middle: narrower, its lines
    come out of even length (two characters spare for the line-break rules); 0 for a title of one line."""
    lines = math.ceil(wide / WIDTH)
    return 0.0 if lines < 2 else max(0.0, (WIDTH - wide / lines - 2 * size) / 2)


@functools.cache
def _paragraph_classes():
    from reportlab.platypus import Paragraph

    class ChineseParagraph(Paragraph):
        def breakLinesCJK(self, maxWidths):
            if not isinstance(maxWidths, (list, tuple)):
                maxWidths = [maxWidths]
            self.height = 0
            if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
                return self.blPara  # the lines a split already made
            if getattr(self, "_measured", None) is None:  # a table wraps each cell several times
                self._measured = measured(self.frags)
            return chinese_lines(self._measured, maxWidths)

        def _get_split_blParaFunc(self):
            # Split across a page, the lines join up again as they were: reportlab's own joiner puts a space where
            # each line ended, right between words, a gap inside Chinese once the rest is broken into new lines.
            if self.blPara.kind != 1:
                return super()._get_split_blParaFunc()
            return lambda blPara, start, stop: [w for line in blPara.lines[start:stop] for w in line.words]

    class GridParagraph(ChineseParagraph):
        """A paragraph set on the 28-character grid: it breaks lines as if 28 full characters fit the width and
        draws with the character spacing that makes them fit (reportlab paragraphs have no such setting)."""

        def wrap(self, availWidth, availHeight):
            chars = availWidth / GRID
            _, height = super().wrap(availWidth + chars * -CHAR_SPACE + 0.01, availHeight)
            return availWidth, height

        def beginText(self, x, y):
            text = self.canv.beginText(x, y)
            text.setCharSpace(CHAR_SPACE)
            return text

    return ChineseParagraph, GridParagraph


class Styles:
    """The report's paragraph styles over one font set, and paragraphs made with per-character fallback."""

    def __init__(self, fonts: FontSet):
        from reportlab.lib.enums import TA_CENTER, TA_LEFT
        from reportlab.lib.styles import ParagraphStyle

        self.fonts = fonts
        base = dict(fontSize=BODY_PT, leading=LEADING, wordWrap="CJK", alignment=TA_LEFT)
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
        """The title, its lines of even length: a title of two lines never leaves a character or two alone."""
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase.pdfmetrics import stringWidth

        style = self.styles["title"]
        margin = balanced_margin(stringWidth(text, style.fontName, style.fontSize), style.fontSize)
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
