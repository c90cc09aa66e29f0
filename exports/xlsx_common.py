"""What every .xlsx ledger shares: styled header, frozen and printed header row, real date cells, safe saving."""
from __future__ import annotations

import datetime as dt
import os
import uuid
import zipfile
from contextlib import suppress
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from models.records.validation import clean

# Excel refuses longer cell texts (it "repairs" the file and drops them), so texts are cut here.
CELL_LIMIT = 32767
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
RATE_FORMAT = "0.0%"
MONEY_FORMAT = "#,##0.00"
WHOLE_FORMAT = "#,##0"
HEADER_FILL = "DDE6F0"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc) files


class NotXlsx(ValueError):
    """The file cannot be read as an .xlsx workbook; the message is for the person at the screen."""


PAGE = 500  # records read at a time: a year of ledger stays small in memory


def paged(fetch, query, parts):
    """Every record the query finds, a page at a time, each page with its parts read in bulk: (rows, parts)."""
    offset = 0
    while rows := fetch(query, offset, PAGE):
        yield rows, parts([r["uuid"] for r in rows])
        offset += len(rows)


def head_count(row: dict) -> dict:
    """应到/实到 of a record: blank, not 0/0, when no attendance was recorded for it."""
    if not row["expected"]:
        return {"expected": None, "present": None}
    return {"expected": row["expected"], "present": row["present"]}


def new_workbook():
    """A write-only workbook: rows stream to disk, so a year of 10,000 records stays small in memory."""
    from openpyxl import Workbook
    return Workbook(write_only=True)


def add_sheet(wb, title: str, headers: list[str], widths: list[float], landscape: bool = True):
    """A sheet with its header row written: frozen, repeated on every printed page, A4."""
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = "9"  # A4 in the OOXML paper list
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    # Fit the columns to the page width and let the rows run onto as many pages as they need.
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.append([header_cell(ws, h) for h in headers])
    return ws


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index)


def header_cell(ws, text: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def clean_text(value: str) -> str:
    """Text as a cell can hold it: without the characters no field keeps (the rule every import applies, a
    wider one than XML's), so even text stored before that rule writes; cut to Excel's limit."""
    return clean(value)[:CELL_LIMIT]


def cell(ws, value):
    """A value ready to append: dates and times as real date cells, text never taken for a formula.

    Plain values skip the cell object (and this function its imports): a year's ledger is a million cells."""
    if isinstance(value, str):
        value = clean_text(value)
        if not value.startswith("="):
            return value or None
        # A title such as "=1+1" typed by a person is text; stored as a formula it would be lost on re-import.
        from openpyxl.cell import WriteOnlyCell
        out = WriteOnlyCell(ws, value=value)
        out.data_type = "s"
        return out
    if not isinstance(value, (dt.date, dt.time)):
        return value
    if type(value) is dt.date:
        return value  # openpyxl gives a plain date the yyyy-mm-dd format itself: no cell object needed
    from openpyxl.cell import WriteOnlyCell
    out = WriteOnlyCell(ws, value=value)
    out.number_format = (f"{DATE_FORMAT} {TIME_FORMAT}" if isinstance(value, dt.datetime)
                         else DATE_FORMAT if isinstance(value, dt.date) else TIME_FORMAT)
    return out


def wrapped(ws, text: str):
    """A text cell that wraps within its column, for long explanations."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment
    out = WriteOnlyCell(ws, value=clean_text(text))
    if out.value and str(out.value).startswith("="):
        out.data_type = "s"  # typed text, never a formula
    out.alignment = Alignment(wrap_text=True, vertical="top")
    return out


def exact(ws, value_centi: int | None, money: bool = True):
    """A value stored ×100 as an exact number cell (Decimal, no float step): money always with two decimals."""
    from openpyxl.cell import WriteOnlyCell

    if value_centi is None:
        return None
    out = WriteOnlyCell(ws, value=Decimal(value_centi) / 100)
    out.number_format = MONEY_FORMAT if money or value_centi % 100 else WHOLE_FORMAT
    return out


def rate(ws, part: int, whole: int):
    """A share (出勤率, 收缴率) as a number shown as a percentage, so the column sorts and sums; blank when whole is 0."""
    from openpyxl.cell import WriteOnlyCell
    if not whole:
        return None
    out = WriteOnlyCell(ws, value=round(part / whole, 4))
    out.number_format = RATE_FORMAT
    return out


def append(ws, values) -> None:
    ws.append([cell(ws, value) for value in values])


def save(wb, path) -> Path:
    """Write under a temporary name beside the target, then rename: a failed export leaves no half file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not mkstemp: its owner-only mode would stick to the finished file.
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.xlsx.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException as e:
        with suppress(OSError):
            os.remove(tmp)
        if isinstance(e, PermissionError):
            # On Windows the usual cause: the old file is open in Excel or WPS, which locks it.
            raise PermissionError(f"无法写入“{path.name}”：文件可能正在 Excel 或 WPS 中打开，请关闭后再试。") from e
        raise
    return path


def open_workbook(path):
    """A read-only workbook with cached values, or NotXlsx saying in Chinese what the file is instead."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise NotXlsx(f"无法打开文件“{path.name}”：{e.strerror or e}") from e
    if head.startswith(OLE_MAGIC):
        raise NotXlsx(f"“{path.name}”是旧版 Excel（.xls）文件，本程序只能导入 .xlsx："
                      "请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再导入。")
    if not head.startswith(b"PK") or not zipfile.is_zipfile(path):
        raise NotXlsx(f"“{path.name}”不是 Excel 工作簿（.xlsx）文件，请选择由本程序导出的台账或导入模板。")
    from openpyxl import load_workbook
    try:
        # From memory, so a workbook renamed to .xls or without extension still opens, and no file handle stays open.
        return load_workbook(BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign zip
        raise NotXlsx(f"“{path.name}”无法作为 Excel 工作簿读取：文件可能已损坏，或不是 .xlsx。") from e


def cell_text(value) -> str:
    """A read cell as text: numbers exactly (Decimal, never float rounding), dates as 2022-03-05."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return str(Decimal(str(value)))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ", "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def header_text(value) -> str:
    return "" if value is None else "".join(str(value).split())


def read_sheet(ws) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header row (row 1) and every non-empty row after it as (row number, {header: value})."""
    # Some programs write a wrong sheet size into the file; without this, rows past it go unread.
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    first = next(rows, None) or ()
    headers = [header_text(v) for v in first]
    columns = {}
    for index, header in enumerate(headers):
        if header and header not in columns:
            columns[header] = index
    out = []
    for number, values in enumerate(rows, 2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        out.append((number, {h: values[i] if i < len(values) else None for h, i in columns.items()}))
    return [h for h in headers if h], out
