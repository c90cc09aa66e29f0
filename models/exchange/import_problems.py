"""Many import problems told in a few lines: one line per kind of problem, with a count, the first names and rows."""
from __future__ import annotations

import re

from models.records.validation import clean

SHOWN = 5      # names (or rows) a line names before it says 等
MAX_LINES = 30  # kinds told, at most; a file this wrong needs fixing at its source anyway
SHEET_ORDER = {"": 0, "指标目录": 1, "党员名册": 2, "支部活动台账": 3, "出勤": 4}


class Problem(tuple):
    """(sheet, row number, column header, message), as before; a problem about something named (a member, a
    section) also carries what kind of problem it is, the name, and what names count in (人, 个)."""

    def __new__(cls, sheet: str, row: int, column: str, message: str, kind: str = "", subject: str = "",
                unit: str = ""):
        self = super().__new__(cls, (sheet, row, column, message))
        self.kind, self.subject, self.unit = kind, subject, unit
        return self


class ImportProblems(Exception):
    """Everything wrong with a file, as [Problem]; nothing was saved."""

    def __init__(self, problems: list):
        self.problems = sorted((p if isinstance(p, Problem) else Problem(*p) for p in problems),
                               key=lambda p: (SHEET_ORDER.get(p[0], 5), p[1]))
        lines = summary_lines(self.problems)
        super().__init__("文件未导入，请改正后再试：" + "；".join(lines[:5]) + ("……" if len(lines) > 5 else ""))


def describe(problem: tuple) -> str:
    sheet, row, column, message = problem[:4]
    return f"{where(sheet, row, column)}：{message}" if where(sheet, row, column) else message


def where(sheet: str, row, column: str) -> str:
    return (f"“{sheet}”" if sheet else "") + (f"第 {row} 行" if row else "") + (f"“{column}”列" if column else "")


def skeleton(message: str) -> str:
    """A message with what differs from row to row (quoted words, bracketed notes, numbers) taken out."""
    return re.sub(r"\d+", "#", re.sub(r"“[^”]*”|（[^）]*）", "", message))


def rows_text(rows) -> str:
    rows = sorted(set(r for r in rows if r))
    if not rows:
        return ""
    if len(rows) <= SHOWN:
        return "第 " + "、".join(map(str, rows)) + " 行"
    return f"第 {rows[0]}—{rows[-1]} 行中的 {len(rows)} 行"


def names_text(names, unit: str) -> str:
    names = list(dict.fromkeys(names))
    shown = "、".join(names[:SHOWN])
    return f"{shown}等 {len(names)} {unit}" if len(names) > SHOWN else shown


def summary_lines(problems: list) -> list[str]:
    """One line per kind of problem in each sheet and column, in the order first met."""
    groups: dict[tuple, list] = {}
    for p in problems:
        p = p if isinstance(p, Problem) else Problem(*p)
        groups.setdefault((p[0], p[2], p.kind or skeleton(p[3])), []).append(p)
    lines = []
    for (sheet, column, _), found in groups.items():
        first = found[0]
        if len(found) == 1:
            lines.append(describe(first))
            continue
        rows = rows_text(p[1] for p in found)
        place = where(sheet, 0, column)
        if first.kind:
            text = f"{first.kind}：{names_text((p.subject for p in found), first.unit)}"
            count = len(found) if len(found) > len({p.subject for p in found}) else 0
            lines.append((f"{place}：" if place else "") + text
                         + (f"，涉及{rows}" if rows else "") + (f"（共 {count} 处）" if count else ""))
        else:
            lines.append(f"{describe(first)}（同类问题共 {len(found)} 处" + (f"，涉及{rows}" if rows else "") + "）")
    return _capped(lines)


def _capped(lines: list[str]) -> list[str]:
    if len(lines) > MAX_LINES:
        lines[MAX_LINES:] = [f"……另有 {len(lines) - MAX_LINES} 类问题"]
    # A message quotes what the file held: without the characters no text keeps, so any widget can show it.
    return [clean(line) for line in lines]


def grouped_messages(messages: list[str]) -> list[str]:
    """Plain problem sentences (a data package's) told one line per kind, with the first as its example."""
    groups: dict[str, list[str]] = {}
    for m in messages:
        groups.setdefault(skeleton(m), []).append(m)
    return _capped([found[0] + (f"（同类问题共 {len(found)} 处）" if len(found) > 1 else "")
                    for found in groups.values()])
