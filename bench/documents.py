"""The benchmark's document measurements: the xlsx ledger, the report PDF, the data package import."""
from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

from bench.measures import interleaved, row


def not_measured(measure: str, target: str, why: str) -> dict:
    return {"measure": measure, "median_ms": None, "floor_ms": None, "ratio": None, "target": target, "ok": None,
            "note": why}


def ledger(store: Path, repeat: int, year: int) -> list[dict]:
    from openpyxl import Workbook

    from exports.activity_ledger import write_activity_ledger
    con = sqlite3.connect(store)
    first, last = f"{year}-01-01", f"{year}-12-31"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def program():
            write_activity_ledger(out / "ledger.xlsx", dt.date(year, 1, 1), dt.date(year, 12, 31))

        def floor():
            wb = Workbook(write_only=True)
            sheet, attendance = wb.create_sheet("支部活动台账"), wb.create_sheet("出勤")
            for r in con.execute("SELECT uuid, date, start_time, end_time, type, title, place, host, recorder,"
                                 " speaker, agenda, content, decisions, guests, section_id, tags FROM activity"
                                 " WHERE deleted_at IS NULL AND date BETWEEN ? AND ? ORDER BY date, id",
                                 (first, last)):
                sheet.append(list(r) + [0, 0, ""])
            for r in con.execute("SELECT a.uuid, a.date, a.title, m.name, t.status, t.reason FROM attendance t"
                                 " JOIN activity a ON a.id = t.activity_id JOIN member m ON m.id = t.member_id"
                                 " WHERE a.deleted_at IS NULL AND a.date BETWEEN ? AND ? ORDER BY a.date, a.id",
                                 (first, last)):
                attendance.append(list(r))
            wb.save(out / "floor.xlsx")

        program_times, floor_times = interleaved(program, floor, repeat)
    count = con.execute("SELECT count(*) FROM activity WHERE deleted_at IS NULL AND date BETWEEN ? AND ?",
                        (first, last)).fetchone()[0]
    con.close()
    return [row(f"xlsx ledger export of {year} ({count:,} activities)", program_times, floor_times, 1.5)]


def report_pdf(store: Path, repeat: int, date_from: dt.date, date_to: dt.date) -> list[dict]:
    """The summary report with its appendices, against plain reportlab tables of the same rows."""
    try:
        from exports.report import write_report
        from models.reporting.report_data import build_report
    except ImportError:
        return [not_measured("report PDF with appendices", "≤ 2 × floor", "not yet measured")]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

    from resources import FONT_FILE
    pdfmetrics.registerFont(TTFont("BenchFont", str(FONT_FILE), subfontIndex=0))
    appendices = build_report(date_from, date_to)["appendices"]
    rows = sum(len(a["rows"]) for a in appendices)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def program():
            write_report(out / "report.pdf", date_from, date_to)

        def floor():
            story = []
            for appendix in appendices:
                table = Table([appendix["columns"]] + [[str(v or "") for v in r] for r in appendix["rows"]],
                              repeatRows=1)
                table.setStyle([("FONTNAME", (0, 0), (-1, -1), "BenchFont"), ("FONTSIZE", (0, 0), (-1, -1), 8),
                                ("GRID", (0, 0), (-1, -1), 0.5, "black")])
                story += [table, PageBreak()]
            SimpleDocTemplate(str(out / "floor.pdf"), pagesize=A4).build(story)

        program_times, floor_times = interleaved(program, floor, repeat)
    return [row(f"report PDF {date_from}…{date_to} ({rows:,} appendix rows)", program_times, floor_times, 2)]


def data_package(store: Path, repeat: int) -> list[dict]:
    from bench.package_step import data_package as measure
    return measure(store, repeat)
