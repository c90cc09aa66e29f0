"""The command line's 党费收缴台账: `ledger dues --year`, beside the other ledgers."""
import datetime as dt

from openpyxl import load_workbook
from test_cli import run


def test_the_dues_ledger_of_a_year(tmp_path, db_target):
    db = db_target
    assert run("--db", db, "demo", "--records", "300").returncode == 0
    year = dt.date.today().year - 1  # the demo keeps last year whole
    out = tmp_path / "党费.xlsx"
    result = run("--db", db, "ledger", "dues", "--year", year, "-o", out)
    assert result.returncode == 0 and "已导出台账" in result.stdout, result.stderr
    sheet = load_workbook(out)["党费收缴台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "姓名" and rows[-1][0] == "合计" and len(rows) > 10
    assert run("--db", db, "ledger", "dues", "--from", f"{year}-01-01", "-o", tmp_path / "b.xlsx").returncode == 0
    assert load_workbook(tmp_path / "b.xlsx")["党费收缴台账"].max_row == len(rows)
    bad = run("--db", db, "ledger", "dues", "--year", "去年", "-o", tmp_path / "c.xlsx")
    assert bad.returncode != 0 and "年度“去年”应为 1990–2100 之间的年份" in bad.stderr.splitlines()[-1]
