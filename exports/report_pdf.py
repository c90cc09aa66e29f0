"""The summary report (情况汇报) as a PDF in the layout of Chinese official documents, fonts embedded."""
from __future__ import annotations

import logging
import os
import re
import uuid
from pathlib import Path
from typing import Callable

from exports import fonts as font_machinery
from exports.report_charts import chart_drawing
from exports.report_layout import (
    BOTTOM,
    HEIGHT,
    LEDGER_PT,
    LEFT,
    MM,
    PAGE_H,
    PAGE_W,
    TABLE_PT,
    TOP,
    WIDTH,
    Styles,
    page_decorator,
    signature,
)
from exports.report_lines import plain_lines
from exports.report_table_parts import CELL_PAD, continued, table_parts

log = logging.getLogger(__name__)

LINE_PT = 0.5
CELL_TOP, CELL_BOTTOM = 2, 3
# Ledger columns short enough to centre; the others (titles, places) read better from the left.
CENTRED = {"序号", "日期", "类型", "实到/应到", "出勤", "心得", "领学人"}
ROWS_PER_PAGE = 30       # a rough figure, only for the progress estimate
HEADING_ROOM = 4         # lines: a heading and three lines of text (and one more for a subheading right under it)
TABLE_START = 3          # rows of a table that must fit under its caption, or the caption goes to the next page


def _table_style(fonts):
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle([
        ("GRID", (0, 0), (-1, -1), LINE_PT, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # empty cells are drawn in this font too: keep reportlab's unembedded Helvetica out of the file
        ("FONTNAME", (0, 0), (-1, -1), fonts.roles["fang"]),
        ("FONTNAME", (0, 0), (-1, 0), fonts.roles["hei"]),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2")),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM),
    ])


def statistics_table(styles: Styles, part: dict):
    """One table of report_table_parts: labels down, figures across, totals in bold; its header row repeats on every
    page it runs onto. A header such as 2021年一季度 goes on two lines, year above, not broken where the column ends."""
    from reportlab.platypus import Table

    head = "head" if part["head_pt"] == TABLE_PT else "ledger_head"
    rows = [[[styles.para(p, head) for p in re.findall(r"^\d{4}年|.+$", str(c))] for c in part["columns"]]]
    rows += [[styles.para(str(v), "head" if row[0] == "合计" else "cell") for v in row] for row in part["rows"]]
    table = Table(rows, colWidths=[w * MM for w in part["widths"]], repeatRows=1)
    table.setStyle(_table_style(styles.fonts))
    return table


def ledger_table(styles: Styles, ledger: dict):
    """A ledger appendix in 五号 type, its header row repeated on every page. A cell the body font can print whole is
    plain text, broken into lines here by the paragraphs' rules (a year of thousands of rows would otherwise take
    many seconds to lay out); the rest are paragraphs that take the characters the font lacks from the fallbacks."""
    from reportlab.platypus import Table

    fonts, font = styles.fonts, styles.fonts.roles["fang"]
    widths = [w * MM for w in ledger["widths"]]
    room = [w - 2 * CELL_PAD for w in widths]
    centred = [c in CENTRED for c in ledger["columns"]]
    rows = [[styles.para(c, "ledger_head") for c in ledger["columns"]]]
    for row in ledger["rows"]:
        cells = []
        for value, width, centre in zip(row, room, centred):
            text = str(value or "")
            if fonts.in_own_font(text, "fang"):
                cells.append(plain_lines(text, font, LEDGER_PT, width))
            else:
                cells.append(styles.para(text, "ledger_c" if centre else "ledger"))
        rows.append(cells)
    # Heights given, not left to reportlab: it measures every remaining row again each time the table breaks
    # across a page, which over hundreds of pages costs more than all the rest of the table.
    leading = styles.styles["ledger"].leading
    heights = [CELL_TOP + CELL_BOTTOM + max(cell.wrap(width, PAGE_H)[1] if not isinstance(cell, str)
                                            else leading * (cell.count("\n") + 1)
                                            for cell, width in zip(cells, room))
               for cells in rows]
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(_table_style(fonts))
    table.setStyle([("FONTSIZE", (0, 1), (-1, -1), LEDGER_PT), ("LEADING", (0, 1), (-1, -1), leading)]
                   + [("ALIGN", (i, 1), (i, -1), "CENTER") for i, c in enumerate(centred) if c])
    return table


def _add_blocks(story: list, styles: Styles, blocks: list[dict]) -> None:
    from reportlab.platypus import KeepTogether, Spacer

    for block in blocks:
        kind = block["kind"]
        if kind == "subheading":
            _add_heading(story, styles, block["text"], "h2")
        elif kind == "para":
            story.append(styles.para(block["text"], "body"))
        elif kind == "table":
            _add_table(story, styles, block)
        else:  # a chart cannot break across pages; its caption goes below it, the headings before it go along
            # (reportlab's keepWithNext does not reach into a KeepTogether)
            parts = [chart_drawing(styles.fonts, block, WIDTH), styles.para(block["caption"], "caption")]
            story.append(KeepTogether([*_take_headings(story), *parts, Spacer(1, 6)]))


def _take_headings(story: list) -> list:
    """The headings at the end of the story, taken off it to go with what follows them."""
    headings = []
    while story and _is_heading(story[-1]):
        headings.insert(0, story.pop())
    return headings


def _add_table(story: list, styles: Styles, block: dict) -> None:
    """A table with its caption above, as one or more tables that fit the text block (report_table_parts). Each
    starts on this page when its caption, header and first rows fit, and runs on over the page break with its
    header repeated, rather than moving whole to the next page and leaving this one half empty."""
    from reportlab.platypus import CondPageBreak, Spacer

    parts = table_parts(block["columns"], block["rows"], block.get("corner", ""))
    for n, part in enumerate(parts):
        caption = styles.para(block["caption"] if n == 0 else continued(block["caption"]), "caption")
        table = statistics_table(styles, part)
        table.wrap(WIDTH, PAGE_H)
        heights = table._rowHeights
        start = [*(_take_headings(story) if n == 0 else []), caption]
        start_height = sum(f.wrap(WIDTH, PAGE_H)[1] for f in start)
        small = len(heights) <= 2 * TABLE_START      # a table of a few rows is not worth splitting
        room = start_height + sum(heights if small else heights[:1 + TABLE_START])
        story += [CondPageBreak(room), *start, table, Spacer(1, 6)]


def _add_heading(story: list, styles: Styles, text: str, level: str) -> None:
    """A heading starts the next page unless its own lines and the first lines under it fit on this one. The text
    under it then runs on across the page break: keeping a heading with a whole long paragraph would move both,
    and leave half a page empty."""
    from reportlab.platypus import CondPageBreak

    leading = styles.styles["body"].leading
    if story and _is_heading(story[-1]):
        if len(story) > 1 and isinstance(story[-2], CondPageBreak):
            story[-2].height += leading     # the room asked for above the heading before grows by this one
    else:
        story.append(CondPageBreak(HEADING_ROOM * leading))
    story.append(styles.para(text, level))


def _is_heading(flowable) -> bool:
    return getattr(getattr(flowable, "style", None), "name", "") in ("h1", "h2")


def story_of(report: dict, styles: Styles) -> list:
    """Title, body, 附件 note, signature, then each ledger appendix on pages of its own."""
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

    story = [styles.title(report["title"])]
    story += [styles.para(p, "body") for p in report["intro"]]
    for chapter in report["chapters"]:
        _add_heading(story, styles, chapter["heading"], "h1")
        _add_blocks(story, styles, chapter["blocks"])
    ledgers = report["appendices"]
    # the last lines of text go with the signature, so it never stands alone on a page
    ending = [story.pop()] if len(story) > 1 and isinstance(story[-1], Paragraph) else []
    while ending and len(story) > 1 and _is_heading(story[-1]):
        ending.insert(0, story.pop())
    if ledgers:
        ending.append(Spacer(1, styles.styles["body"].leading))
        for n, ledger in enumerate(ledgers, 1):
            text = f"附件：{n}.{ledger['title']}" if len(ledgers) > 1 else f"附件：{ledger['title']}"
            ending.append(styles.para(text if n == 1 else f"{n}.{ledger['title']}", "note" if n == 1 else "note_more"))
    story.append(KeepTogether([*ending, signature(styles.fonts, report["office_name"], report["date_text"])]))
    for n, ledger in enumerate(ledgers, 1):
        story += [PageBreak(), styles.para(f"附件{n}" if len(ledgers) > 1 else "附件", "attach"),
                  styles.para(ledger["title"], "ledger_title"), ledger_table(styles, ledger)]
    return story


def write_report_pdf(report: dict, path, *, font_dir=None, progress: Callable[[int, int], None] | None = None,
                     chosen_fonts: dict[str, str] | None = None) -> Path:
    """Write the report (as models.reporting.report_data.build_report gives it) to path as PDF; returns the path.

    Built beside path under a temporary name and renamed at the end, so a failure or a cancel (progress raising)
    never leaves a half-written file under the final name. font_dir: where the office fonts may be."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    path = Path(path)
    fonts = font_machinery.register_fonts(font_dir, chosen_fonts)
    styles = Styles(fonts)
    rows = sum(len(a["rows"]) for a in report["appendices"])
    estimate = 3 + len(report["chapters"]) + rows // ROWS_PER_PAGE
    on_page = (lambda n: progress(min(n, estimate - 1), estimate)) if progress else None
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        doc = BaseDocTemplate(str(temporary), pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT,
                              rightMargin=PAGE_W - LEFT - WIDTH, topMargin=TOP, bottomMargin=BOTTOM,
                              title=report["title"], author=report["office_name"], subject="情况汇报",
                              creator="支部台账", initialFontName=fonts.roles["song"], initialFontSize=LEDGER_PT)
        frame = Frame(LEFT, BOTTOM, WIDTH, HEIGHT, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                      id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_decorator(fonts, on_page))])
        doc.build(story_of(report, styles))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if progress:
        progress(estimate, estimate)
    if fonts.missing:
        log.warning("情况汇报中有 %d 个字符没有可用字体，已印为“%s”：%s", len(fonts.missing),
                    font_machinery.MISSING, "".join(sorted(fonts.missing)))
    return path
