"""The command line's 发展党员工作台账: `ledger development`, beside the other ledgers."""
from openpyxl import load_workbook
from test_cli import run


def test_the_development_ledger(tmp_path, db_target):
    db = db_target
    assert run("--db", db, "demo", "--records", "300").returncode == 0
    out = tmp_path / "发展党员.xlsx"
    result = run("--db", db, "ledger", "development", "-o", out)
    assert result.returncode == 0 and "已导出台账" in result.stdout, result.stderr
    rows = list(load_workbook(out)["发展党员工作台账"].iter_rows(values_only=True))
    assert rows[0][0] == "姓名" and len(rows) == 10  # the demo's nine, at every stage
    assert {r[rows[0].index("当前阶段")] for r in rows[1:]} == {"入党申请人", "入党积极分子", "发展对象", "预备党员",
                                                               "正式党员"}
    since = run("--db", db, "ledger", "development", "--from", "2000-01-01", "--to", "2000-12-31",
                "-o", tmp_path / "b.xlsx")
    assert since.returncode == 0
    assert [r[0] for r in load_workbook(tmp_path / "b.xlsx")["发展党员工作台账"].iter_rows(values_only=True)] == ["姓名"]
    check = run("--db", db, "check", "--data")  # the demo's overdue talk, named with its kind
    assert check.returncode == 1 and "发展党员步骤逾期 1 处：发展党员 " in check.stdout, check.stderr
