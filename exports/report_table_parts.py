"""A report table too wide for the text block as tables that fit: turned, or cut into runs of columns."""
from __future__ import annotations

import math
import re
import unicodedata

from exports.report_layout import LEDGER_PT, MM, TABLE_PT, WIDTH

CELL_PAD = 3                 # pt, each side of a cell
LABEL_MM = 42                # the row labels: 专家授课（引进来） on one line
HEAD_EMS = 3                 # a header may wrap, but not narrower than three characters
NARROW_EM = 0.6              # digits and Latin letters, a little wider than the fonts' own half em


def ems(text: str) -> float:
    """Width of text in ems, estimated alike for the PDF and Word: a Chinese character is one, the rest less."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else NARROW_EM for c in text)


def _head_need(text: str) -> float:
    """Ems a header needs: wrapped to HEAD_EMS, but a leading year (2021年 above 一季度) is never broken."""
    year = re.match(r"\d+年", text)
    return min(ems(text), max(HEAD_EMS, ems(year.group()) if year else 0))


def _fitted(columns: list, rows: list[list], head_pt: float, label_mm: float) -> dict | None:
    """The table with widths in mm when its figures fit the text block at full size, else None."""
    label = min(label_mm, (max(ems(str(v)) for v in [columns[0], *(r[0] for r in rows)]) * TABLE_PT
                           + 2 * CELL_PAD + 1) / MM)
    n = len(columns) - 1
    if n and (WIDTH / MM - label) / n < _column_need(columns, rows, head_pt) / MM:
        return None
    return {"columns": columns, "rows": rows, "head_pt": head_pt,
            "widths": [label] + [(WIDTH / MM - label) / max(1, n)] * n}


def _column_need(columns: list, rows: list[list], head_pt: float) -> float:
    """pt: the widest figure (never broken) or header (wrapped at most to HEAD_EMS) of the columns after the first."""
    figures = max((ems(str(v)) * TABLE_PT for r in rows for v in r[1:]), default=0)
    heads = max((_head_need(str(c)) * head_pt for c in columns[1:]), default=0)
    return max(figures, heads) + 2 * CELL_PAD + 1


def table_parts(columns: list, rows: list[list], corner: str = "") -> list[dict]:
    """Row labels in the first column, figures in the rest, as tables that fit the 156 mm text block:
    [{columns, rows, widths (mm), head_pt}]. As it is if it fits, with smaller header type if that is enough;
    else turned (the columns down the side, the first heading then `corner`); else cut into runs of columns of
    even length, each run with the row labels again. Never squeezed below full-size figures."""
    columns = [str(c) for c in columns]
    for head_pt, label_mm in ((TABLE_PT, LABEL_MM), (LEDGER_PT, LABEL_MM - 6)):
        whole = _fitted(columns, rows, head_pt, label_mm)
        if whole:
            return [whole]
    turned = _fitted([corner, *(str(r[0]) for r in rows)],
                     [[c, *(r[i] for r in rows)] for i, c in enumerate(columns) if i], TABLE_PT, LABEL_MM)
    if turned:
        return [turned]
    label = _fitted(columns[:1], [r[:1] for r in rows], TABLE_PT, LABEL_MM)["widths"][0]
    each = max(1, int((WIDTH / MM - label) // (_column_need(columns, rows, TABLE_PT) / MM)))
    size = math.ceil((len(columns) - 1) / math.ceil((len(columns) - 1) / each))   # even: 7, 7, 7 not 9, 9, 3
    return [{"columns": [columns[0], *(columns[i] for i in run)], "rows": [[r[0], *(r[i] for i in run)] for r in rows],
             "head_pt": TABLE_PT, "widths": [label] + [(WIDTH / MM - label) / len(run)] * len(run)}
            for run in _runs(columns, size)]


def _runs(columns: list[str], size: int) -> list[range]:
    """Runs of at most size columns after the first; a run ends where the year changes (2021年四季度 | 2022年一季度)
    if that keeps at least half of it, so that a year is not cut in two."""
    years = [re.match(r"\d{4}年", c) for c in columns]
    runs, start = [], 1
    while start < len(columns):
        end = min(start + size, len(columns))
        if end < len(columns):
            changes = [i for i in range(start + 1, end + 1)
                       if years[i] and years[i - 1] and years[i].group() != years[i - 1].group()]
            if changes and changes[-1] - start >= size / 2:
                end = changes[-1]
        runs.append(range(start, end))
        start = end
    return runs


def continued(caption: str) -> str:
    """续表1 above the later parts of 表1, as official documents label a table carried on."""
    number = re.match(r"表(\d+)", caption)
    return f"续表{number.group(1)}" if number else f"{caption}（续）"
