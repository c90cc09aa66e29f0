"""Wide report tables become tables that fit the text block: whole, turned, or cut into runs of columns."""
import pytest

from exports.report_table_parts import continued, ems, table_parts
from models.records import codes

TYPES = [*codes.ACTIVITY_TYPES.values(), "合计"]
QUARTERS = [f"{y}年{q}季度" for y in (2021, 2022) for q in "一二三四"]


def table(columns, labels, value=5075):
    return ["活动类型", *columns, "合计"], [[label, *[value] * (len(columns) + 1)] for label in labels]


def cells(part):
    """(row label, column heading) → figure, however the part is laid out."""
    columns, rows = part["columns"], part["rows"]
    return {(row[0], column): value for row in rows for column, value in zip(columns[1:], row[1:])}


def fits(part):
    widths = part["widths"]
    assert len(widths) == len(part["columns"]) and all(len(r) == len(widths) for r in part["rows"])
    assert sum(widths) == pytest.approx(156)                   # each part spans the text block
    narrowest = min(widths[1:])
    figures = max(ems(str(v)) for r in part["rows"] for v in r[1:])
    assert narrowest * 72 / 25.4 >= figures * 12 + 6      # a figure never wraps: full size, whole


def test_a_table_that_fits_is_left_as_it_is():
    columns, rows = table(["一季度", "二季度", "三季度", "四季度"], TYPES)
    [part] = table_parts(columns, rows, "时间")
    assert part["columns"] == columns and part["rows"] == rows and part["head_pt"] == 12
    fits(part)


def test_two_years_of_quarters_are_cut_where_the_year_changes():
    columns, rows = table(QUARTERS, TYPES)
    parts = table_parts(columns, rows, "时间")
    assert [p["columns"] for p in parts] == [["活动类型", *QUARTERS[:4]], ["活动类型", *QUARTERS[4:], "合计"]]
    for part in parts:
        fits(part)
        assert [r[0] for r in part["rows"]] == TYPES          # the row labels again in every part


def test_a_century_by_year_is_cut_into_even_runs_and_loses_nothing():
    years = [f"{y}年" for y in range(2000, 2101)]
    columns, rows = table(years, TYPES)
    rows = [[r[0], *range(i * 1000, i * 1000 + len(r) - 1)] for i, r in enumerate(rows)]
    parts = table_parts(columns, rows, "时间")
    assert len(parts) > 10
    assert max(len(p["columns"]) for p in parts) - min(len(p["columns"]) for p in parts) <= 1
    joined = {}
    for part in parts:
        fits(part)
        joined.update(cells(part))
    assert joined == cells({"columns": columns, "rows": rows})
    assert [c for p in parts for c in p["columns"][1:]] == columns[1:]     # in order, each once


def test_few_rows_and_many_columns_are_turned():
    years = [f"{y}年" for y in range(2000, 2101)]
    columns, rows = table(years, ["党课", "主题党日", "合计"], 7)
    [part] = table_parts(columns, rows, "时间")
    assert part["columns"] == ["时间", "党课", "主题党日", "合计"]
    assert [r[0] for r in part["rows"]] == columns[1:]           # the years down the side, 合计 last
    assert {(c, r): v for (r, c), v in cells(part).items()} == cells({"columns": columns, "rows": rows})
    fits(part)


@pytest.mark.parametrize("caption, expected", [("表1 支部活动分类统计（单位：次）", "续表1"),
                                               ("各月情况", "各月情况（续）")])
def test_later_parts_are_labelled_as_carried_on(caption, expected):
    assert continued(caption) == expected
