"""One click, one report: gather the period's data and write it as PDF or .docx, chosen by the file's suffix."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from models.reporting.report_data import build_report

WRITERS = {".pdf": "pdf", ".docx": "docx"}
STEPS = 100
GATHER = 20   # share of the progress bar for reading the store; the rest is writing the file


class ReportError(ValueError):
    """The report cannot be written as asked; the message is for the person at the screen."""


def write_report(path, date_from: dt.date, date_to: dt.date, title: str | None = None,
                 appendices=("activities", "study", "outreach"),
                 progress: Callable[[int, int], None] | None = None, *, font_dir=None,
                 signed_on: dt.date | None = None) -> Path:
    """Write the summary report of the period to path (.pdf or .docx), dated signed_on (default today); returns the path.

    progress(done, total) is called now and then; raising from it cancels, and no file is left behind."""
    path = Path(path)
    kind = WRITERS.get(path.suffix.lower())
    if kind is None:
        raise ReportError(f"不支持的文件类型“{path.suffix or '无扩展名'}”：情况汇报可保存为 .pdf 或 .docx")
    if date_to < date_from:
        raise ReportError("结束日期不能早于开始日期")
    tell = progress or (lambda done, total: None)
    tell(0, STEPS)
    report = build_report(date_from, date_to, title, tuple(appendices), signed_on=signed_on,
                          progress=lambda done, total: tell(GATHER * done // max(1, total), STEPS))
    scaled = lambda done, total: tell(GATHER + (STEPS - GATHER) * done // max(1, total), STEPS)  # noqa: E731
    if kind == "pdf":
        from exports.report_pdf import write_report_pdf
        from models.records.settings import get_setting
        write_report_pdf(report, path, font_dir=font_dir, progress=scaled,
                         chosen_fonts=get_setting("report_fonts") or None)
    else:
        from exports.report_docx import write_report_docx
        write_report_docx(report, path, progress=scaled)
    return path
