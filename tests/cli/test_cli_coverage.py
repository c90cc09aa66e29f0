"""The command line's 社会组织党建覆盖台账: `ledger coverage`, beside the other ledgers."""
import datetime as dt

from openpyxl import load_workbook
from test_cli import run


def test_the_coverage_ledger(tmp_path, db_target):
    db = db_target
    assert run("--db", db, "demo", "--records", "300").returncode == 0
    out = tmp_path / "党建覆盖.xlsx"
    result = run("--db", db, "ledger", "coverage", "-o", out)
    assert result.returncode == 0 and "已导出台账" in result.stdout, result.stderr
    wb = load_workbook(out)
    summary = {r[0]: r[1:] for r in wb["覆盖情况"].iter_rows(values_only=True)}
    assert summary["在册社会组织（家）"][1] == 30  # the demo's organisations, at the end of this year so far
    assert f"期间：{dt.date.today().year}-01-01 至 {dt.date.today().isoformat()}" in summary
    assert len(list(wb["变更记录"].iter_rows())) > 1  # the demo's history reaches into this year
    last = dt.date.today().year - 1
    since = run("--db", db, "ledger", "coverage", "--from", f"{last}-01-01", "--to", f"{last}-12-31",
                "-o", tmp_path / "b.xlsx")
    assert since.returncode == 0
    wrong = run("--db", db, "ledger", "coverage", "--from", "2024-12-31", "--to", "2024-01-01", "-o", tmp_path / "c.xlsx")
    assert wrong.returncode == 1 and wrong.stderr.strip() == "错误：起始日期不能晚于截止日期"
    assert not (tmp_path / "c.xlsx").exists()
