"""The summary report as a .docx the office can polish in Word or WPS: same layout, headings and figures as the PDF."""
from __future__ import annotations

import os
import unicodedata
import uuid
from pathlib import Path

from exports.report_layout import (
    BOTTOM,
    HEIGHT,
    LEDGER_PT,
    LEFT,
    LINES,
    MM,
    PAGE_NO_GAP,
    PAGE_NO_PT,
    TABLE_PT,
    TITLE_PT,
    TOP,
    WIDTH,
    balanced_margin,
)
from exports.report_table_parts import continued, table_parts

# Office font names: Latin name for run.font.name, Chinese name for w:eastAsia (what Word and WPS look up).
FONTS = {"fang": ("FangSong", "仿宋"), "hei": ("SimHei", "黑体"), "kai": ("KaiTi", "楷体"), "song": ("SimSun", "宋体")}
BODY_PT = 16
LINE_TWIPS = int(HEIGHT / LINES * 20)               # 579: 22 lines in 225 mm
# Word's character grid: the extra pitch per character in 1/4096 pt, so 28 characters of 三号 fill 156 mm.
CHAR_SPACE = round((WIDTH / 28 - BODY_PT) * 4096)


_NOT_XML = {c: None for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}


def clean(text) -> str:
    """Text XML can hold: control characters (pasted from other programs) are dropped, not fatal."""
    return ("" if text is None else str(text)).translate(_NOT_XML)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def set_font(run, role: str, size: float, bold: bool = False) -> None:
    """run.font.name and w:eastAsia both, or Word shows the Chinese in its default face."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    latin, chinese = FONTS[role]
    run.font.name = latin
    run.font.size = Pt(size)
    run.font.bold = bold or None
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(_qn("w:eastAsia"), chinese)


def _grid(paragraph, first_line_chars: float = 0, left_chars: float = 0, outline: int | None = None) -> None:
    """Exact line pitch of the 22-line grid and indents counted in characters (firstLineChars/leftChars)."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(LINE_TWIPS / 20)
    fmt.space_before = fmt.space_after = Pt(0)
    p_pr = paragraph._element.get_or_add_pPr()
    if first_line_chars or left_chars:
        ind = p_pr.find(_qn("w:ind"))
        if ind is None:
            ind = OxmlElement("w:ind")
            p_pr.append(ind)
        if left_chars:
            ind.set(_qn("w:leftChars"), str(int(left_chars * 100)))
            ind.set(_qn("w:left"), str(int(left_chars * BODY_PT * 20)))
        if first_line_chars > 0:
            ind.set(_qn("w:firstLineChars"), str(int(first_line_chars * 100)))
            ind.set(_qn("w:firstLine"), str(int(first_line_chars * BODY_PT * 20)))
        elif first_line_chars < 0:
            ind.set(_qn("w:hangingChars"), str(int(-first_line_chars * 100)))
            ind.set(_qn("w:hanging"), str(int(-first_line_chars * BODY_PT * 20)))
    if outline is not None:  # Word's navigation pane lists the chapters; a heading never ends a page
        fmt.keep_with_next = True
        level = OxmlElement("w:outlineLvl")
        level.set(_qn("w:val"), str(outline))
        p_pr.append(level)


def add_text(doc, text: str, role: str = "fang", size: float = BODY_PT, align=None, **grid):
    paragraph = doc.add_paragraph()
    set_font(paragraph.add_run(clean(text)), role, size)
    _grid(paragraph, **grid)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _page_number_footer(footer, right: bool) -> None:
    """— PAGE — in 四号 宋体, one character in from the right edge (odd pages) or the left edge (even pages)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    if right:
        paragraph.paragraph_format.right_indent = Pt(PAGE_NO_PT)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_NO_PT)
    set_font(paragraph.add_run("— "), "song", PAGE_NO_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        set_font(run, "song", PAGE_NO_PT)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(_qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(_qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    set_font(paragraph.add_run(" —"), "song", PAGE_NO_PT)


def _setup(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Pt(210 * MM), Pt(297 * MM)
    section.top_margin, section.bottom_margin = Pt(TOP), Pt(BOTTOM)
    section.left_margin, section.right_margin = Pt(LEFT), Pt(210 * MM - LEFT - WIDTH)
    # the page number's top 7 mm below the text block
    section.footer_distance = Pt(BOTTOM - PAGE_NO_GAP - PAGE_NO_PT * 1.2)
    grid = section._sectPr.find(_qn("w:docGrid"))
    grid.set(_qn("w:type"), "linesAndChars")
    grid.set(_qn("w:linePitch"), str(LINE_TWIPS))
    grid.set(_qn("w:charSpace"), str(CHAR_SPACE))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, right=True)
    _page_number_footer(section.even_page_footer, right=False)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONTS["fang"][0], Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(_qn("w:eastAsia"), FONTS["fang"][1])
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # 两端对齐; Word leaves a last line as it is


def add_table(doc, columns: list[str], rows: list[list], widths_mm: list[float], size: float) -> None:
    """A grid table whose first row repeats at the top of every page (w:tblHeader). Rows after the first are
    copies of its XML with the text swapped in: a year's ledger of thousands of rows then takes a second."""
    import copy

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    table = doc.add_table(rows=2 if rows else 1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):  # the grid too: WPS and LibreOffice size columns by it
        column.width = Pt(width * MM)
    flag = OxmlElement("w:tblHeader")
    flag.set(_qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)
    for row, role in zip(table.rows, ("hei", "fang")):
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Pt(width * MM)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(paragraph.add_run("-"), role, size)
    for t, value in zip(table.rows[0]._tr.iter(_qn("w:t")), columns):
        t.text = clean(value)
    if not rows:
        return
    template = table.rows[1]._tr
    for t in template.iter(_qn("w:t")):
        t.set(_qn("xml:space"), "preserve")
    body = template.getparent()
    for i, values in enumerate(rows):
        tr = template if i == 0 else copy.deepcopy(template)
        for t, value in zip(tr.iter(_qn("w:t")), values):
            t.text = clean(value)
        if i:
            body.append(tr)


def _fitted_tables(doc, caption: str | None, columns: list, rows: list[list], corner: str = "",
                   size: float = TABLE_PT) -> None:
    """A table of labels and figures as the PDF prints it: whole, turned or cut into parts that fit the text
    block (report_table_parts), each part after the first under 续表N; caption None for none."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for n, part in enumerate(table_parts(columns, rows, corner)):
        if caption is not None:
            text = caption if n == 0 else continued(caption)
            add_text(doc, text, "hei", 14, WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.keep_with_next = True
        add_table(doc, part["columns"], part["rows"], part["widths"], size)


def _chart_table(doc, chart: dict) -> None:
    """A chart's numbers as a small table (the .docx carries no drawings)."""
    if chart["kind"] == "stacked":
        rows = [[s["label"], *s["values"]] for s in chart["series"]]
        _fitted_tables(doc, None, ["类型", *chart["categories"]], rows, "时间", LEDGER_PT)
    else:
        add_table(doc, ["系列", "数值"], [list(pair) for pair in zip(chart["categories"], chart["labels"])],
                  [WIDTH / MM * 0.6, WIDTH / MM * 0.4], LEDGER_PT)


def _signature(doc, office: str, date_text: str) -> None:
    """Office name two characters in from the right, the date starting two characters right of the name."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    width = lambda text: sum(0.5 if ord(c) < 128 else 1 for c in text)  # noqa: E731 - in 三号 characters
    office_w, date_w = width(office), width(date_text)
    if date_w + 2 > office_w:
        office_in, date_in = 2 + date_w + 2 - office_w, 2
    else:
        office_in, date_in = 2, 2 + office_w - 2 - date_w
    add_text(doc, "")
    for text, indent in ((office, office_in), (date_text, date_in)):
        paragraph = add_text(doc, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = Pt(indent * BODY_PT)


def write_report_docx(report: dict, path, progress=None) -> Path:
    """Write the report (as build_report gives it) to path as .docx, via a temporary file renamed at the end."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    path = Path(path)
    doc = Document()
    _setup(doc)
    doc.core_properties.title, doc.core_properties.author = report["title"], report["office_name"]
    title = add_text(doc, report["title"], "song", TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = None
    # Word's 宋体 gives a full em to each Chinese character and half to the rest
    wide = sum(TITLE_PT if unicodedata.east_asian_width(c) in "WF" else TITLE_PT / 2 for c in report["title"])
    margin = balanced_margin(wide, TITLE_PT)
    if margin:
        title.paragraph_format.left_indent = title.paragraph_format.right_indent = Pt(margin)
    add_text(doc, "")
    for text in report["intro"]:
        add_text(doc, text, first_line_chars=2)
    for chapter in report["chapters"]:
        add_text(doc, chapter["heading"], "hei", first_line_chars=2, outline=0)
        for block in chapter["blocks"]:
            if block["kind"] == "subheading":
                add_text(doc, block["text"], "kai", first_line_chars=2, outline=1)
            elif block["kind"] == "para":
                add_text(doc, block["text"], first_line_chars=2)
            elif block["kind"] == "table":
                _fitted_tables(doc, block["caption"], block["columns"], block["rows"], block.get("corner", ""))
            else:
                _chart_table(doc, block)
                add_text(doc, block["caption"], "hei", 14, WD_ALIGN_PARAGRAPH.CENTER)
    ledgers = report["appendices"]
    if ledgers:
        add_text(doc, "")
        for n, ledger in enumerate(ledgers, 1):
            text = f"{n}.{ledger['title']}" if len(ledgers) > 1 else ledger["title"]
            add_text(doc, ("附件：" if n == 1 else "") + text, first_line_chars=-3 if n == 1 else 0, left_chars=5)
    _signature(doc, report["office_name"], report["date_text"])
    if progress:
        progress(1, 2)
    for n, ledger in enumerate(ledgers, 1):
        add_text(doc, f"附件{n}" if len(ledgers) > 1 else "附件", "hei").paragraph_format.page_break_before = True
        add_text(doc, "")
        add_text(doc, ledger["title"], "song", TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.line_spacing = None
        add_table(doc, ledger["columns"], ledger["rows"], ledger["widths"], LEDGER_PT)
        add_text(doc, "")
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        doc.save(str(temporary))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if progress:
        progress(2, 2)
    return path
