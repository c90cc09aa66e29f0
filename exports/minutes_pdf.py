"""The minutes sheet (会议记录) of one branch activity, as the A4 PDF the branch files in its binder."""
from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import uuid
from pathlib import Path
from typing import Callable

from exports import fonts as font_machinery
from models.records import codes
from models.records.dates import chinese_date
from models.records.parts import tally

log = logging.getLogger(__name__)

MARGIN_MM = 20
LABEL_MM = 34          # wide enough for 请假人员及原因 on one line at the body size
BODY_PT = 12
LEADING_PT = 20
TITLE_PT = 18
FOOTER_PT = 10.5
PADDING_PT = 5
LINE_PT = 0.75


def clock(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def when_text(activity: dict) -> str:
    """2024年3月5日 9:00—10:30, with whatever times are known."""
    start, end = activity.get("start_time"), activity.get("end_time")
    text = chinese_date(activity["date"])
    if start and end:
        return f"{text} {clock(start)}—{clock(end)}"
    if start:
        return f"{text} {clock(start)}"
    if end:
        return f"{text} 至{clock(end)}"
    return text


def people_text(attendance: list[dict], status: str) -> str:
    """张三（出差）、李四（病假）, or 无."""
    people = [f"{a['name']}（{a['reason'].strip()}）" if (a.get("reason") or "").strip() else a["name"]
              for a in attendance if a["status"] == status]
    return "、".join(people) or "无"


def figure_lines(figures: list[dict]) -> list[str]:
    """新成立党支部 14 个 (with its note in brackets), one line per figure."""
    return [f"{f['name']} {f['value']} {f['unit']}".rstrip() + (f"（{f['note']}）" if f.get("note") else "")
            for f in figures]


def lines_of(text: str | None) -> list[str]:
    """Non-empty lines without the indentation people type; the sheet indents paragraphs itself."""
    return [line.strip(" \t\u3000") for line in (text or "").splitlines() if line.strip(" \t\u3000")]


class Sheet:
    """Builds the flowables of one sheet with one font set and its paragraph styles."""

    ROLES = {"title": "hei", "label": "hei", "heading": "hei", "value": "fang", "body": "fang"}

    def __init__(self, fontset: font_machinery.FontSet):
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        self.fonts = fontset
        base = dict(fontSize=BODY_PT, leading=LEADING_PT, wordWrap="CJK")
        self.styles = {
            "title": ParagraphStyle("title", fontName=fontset.roles["hei"], fontSize=TITLE_PT,
                                    leading=TITLE_PT * 1.5, alignment=TA_CENTER, wordWrap="CJK", spaceAfter=12),
            "label": ParagraphStyle("label", fontName=fontset.roles["hei"], alignment=TA_CENTER, **base),
            # a name or caption above text that follows the table
            "heading": ParagraphStyle("heading", fontName=fontset.roles["hei"], spaceBefore=LEADING_PT / 2, **base),
            "value": ParagraphStyle("value", fontName=fontset.roles["fang"], **base),
            "body": ParagraphStyle("body", fontName=fontset.roles["fang"], firstLineIndent=2 * BODY_PT, **base),
        }

    def para(self, text: str, style: str):
        from reportlab.platypus import Paragraph

        return Paragraph(self.fonts.markup(text, self.ROLES[style]), self.styles[style])

    def block(self, text: str | None, style: str = "value") -> list:
        """One paragraph per line, so a long text can break between them across pages."""
        return [self.para(line, style) for line in lines_of(text)] or [self.para("", "value")]

    def table(self, rows: list[list], widths: list[float], spans=(), split_rows: bool = False):
        from reportlab.platypus import TableStyle

        commands = [("GRID", (0, 0), (-1, -1), LINE_PT, "black"),
                    # a tall row split across pages wastes space unless its cells sit at the top
                    ("VALIGN", (0, 0), (-1, -1), "TOP" if split_rows else "MIDDLE"),
                    # the cells under a SPAN are empty strings, drawn in this font: keep Helvetica out
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.roles["fang"]),
                    ("LEFTPADDING", (0, 0), (-1, -1), PADDING_PT), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_PT),
                    ("TOPPADDING", (0, 0), (-1, -1), PADDING_PT), ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING_PT)]
        commands += [("SPAN", (1, row), (3, row)) for row in spans]
        # splitInRow lets one tall row (a long 主要内容) continue on the next page instead of failing;
        # reportlab wraps split cells at the wrong width under a SPAN, so split tables have none.
        return _closed_table()(rows, colWidths=widths, style=TableStyle(commands), splitInRow=1 if split_rows else 0)

    def fields(self, rows: list[list[tuple[str, str | None]]], width: float):
        """Short fields, one or two (label, text) pairs to a row; bounded texts only, so no row outgrows a page."""
        from reportlab.lib.units import mm

        label, value = LABEL_MM * mm, (width - 2 * LABEL_MM * mm) / 2
        cells = []
        for pairs in rows:
            row = [cell for name, text in pairs
                   for cell in (self.para(name, "label"), self.para(text or "", "value"))]
            cells.append(row + ["", ""] if len(pairs) == 1 else row)
        spans = [i for i, pairs in enumerate(rows) if len(pairs) == 1]
        return self.table(cells, [label, value, label, value], spans)

    def long_fields(self, rows: list[tuple[str, list]], width: float):
        """(label, flowables) rows of any length, continued on the next page where a page ends."""
        from reportlab.lib.units import mm

        label = LABEL_MM * mm
        return self.table([[self.para(name, "label"), cell] for name, cell in rows], [label, width - label],
                          split_rows=True)


def minutes_story(sheet: Sheet, activity: dict, branch_name: str, width: float) -> list:
    attendance = activity.get("attendance") or []
    counts = tally(attendance)
    kind = codes.ACTIVITY_TYPES.get(activity.get("type"), activity.get("type"))
    rows = [[("主题", activity.get("title"))], [("时间", when_text(activity))],
            [("会议类型", kind), ("地点", activity.get("place"))],
            [("主持人", activity.get("host")), ("记录人", activity.get("recorder"))]]
    if (activity.get("speaker") or "").strip():
        rows.append([("主讲人", activity.get("speaker"))])
    rows.append([("应到人数", f"{counts['expected']} 人"), ("实到人数", f"{counts['present']} 人")])

    long_rows = [("请假人员及原因", sheet.block(people_text(attendance, "leave"))),
                 ("缺席人员及原因", sheet.block(people_text(attendance, "absent"))),
                 ("列席人员", sheet.block(activity.get("guests"))),
                 ("议题", sheet.block(activity.get("agenda"))),
                 ("主要内容", sheet.block(activity.get("content"), "body")),
                 ("决议", sheet.block(activity.get("decisions"), "body"))]
    if activity.get("figures"):
        long_rows.append(("相关指标", sheet.block("\n".join(figure_lines(activity["figures"])))))
    if activity.get("attachments"):
        long_rows.append(("附件", sheet.block("、".join(a["name"] for a in activity["attachments"]))))
    return [sheet.para(f"{branch_name.strip()}会议记录", "title"), sheet.fields(rows, width),
            sheet.long_fields(long_rows, width)]


@functools.cache
def _closed_table():
    """Table whose pieces are closed by a rule where a page break cuts through a row."""
    from reportlab.platypus import Table

    class ClosedTable(Table):
        # reportlab leaves a row split across pages open at the cut; a filed paper sheet wants a box.
        def split(self, availWidth, availHeight):
            pieces = super().split(availWidth, availHeight)
            for i, piece in enumerate(pieces):
                if i:
                    piece.setStyle([("LINEABOVE", (0, 0), (-1, 0), LINE_PT, "black")])
                if i < len(pieces) - 1:
                    piece.setStyle([("LINEBELOW", (0, -1), (-1, -1), LINE_PT, "black")])
            return pieces

    return ClosedTable


def _numbered_canvas(fontset: font_machinery.FontSet):
    """A canvas class that holds pages back until the end, so each footer can say 共 N 页."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                fontset.draw(self, self._pagesize[0] / 2, MARGIN_MM * mm / 2, f"第 {number} 页  共 {total} 页",
                             "song", FOOTER_PT, "centre")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def write_sheet_pdf(path, make_story: Callable[[Sheet, float], list], *, title: str, subject: str,
                    author: str = "", font_dir=None) -> Path:
    """Write an A4 sheet whose flowables make_story(sheet, text width) returns; pages numbered 第 n 页 共 N 页.

    The PDF is built beside path under a temporary name and renamed at the end, so a failure never leaves
    a half-written file under the final name. font_dir: where the office fonts may be (default: Windows').
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    path = Path(path)
    fontset = font_machinery.register_fonts(font_dir)
    # a name of our own rather than mkstemp's, whose owner-only permissions would stick to the final file
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        doc = SimpleDocTemplate(str(temporary), pagesize=A4, leftMargin=MARGIN_MM * mm, rightMargin=MARGIN_MM * mm,
                                topMargin=MARGIN_MM * mm, bottomMargin=MARGIN_MM * mm, title=title,
                                author=author, subject=subject, creator="支部台账",
                                # our own font from the start, so no unembedded Helvetica is referenced
                                initialFontName=fontset.roles["song"], initialFontSize=BODY_PT)
        doc.build(make_story(Sheet(fontset), doc.width), canvasmaker=_numbered_canvas(fontset))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if fontset.missing:
        log.warning("%s中有 %d 个字符没有可用字体，已印为“%s”：%s", subject, len(fontset.missing),
                    font_machinery.MISSING, "".join(sorted(fontset.missing)))
    return path


def write_minutes_pdf(activity: dict, path, branch_name: str = "", *, font_dir=None) -> Path:
    """Write the minutes sheet of an activity (as get_activity returns it) to path; returns the path."""
    title = f"{branch_name.strip()}会议记录" + (f"：{activity['title']}" if activity.get("title") else "")
    return write_sheet_pdf(path, lambda sheet, width: minutes_story(sheet, activity, branch_name, width),
                           title=title, subject="会议记录", author=branch_name.strip(), font_dir=font_dir)
