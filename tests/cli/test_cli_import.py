"""The command line's imports: a ledger travels to an empty store whole, problems come one line per kind, and
every message speaks of what the command line has (no 表单, no 窗口)."""
import pytest
from openpyxl import load_workbook
from test_cli import query, run

# What the activities ledger carries: its members, activities, their attendance and figures, the indicators.
COUNTED = {"member": "", "activity": "", "attendance": " WHERE activity_id IS NOT NULL",
           "figure": " WHERE activity_id IS NOT NULL", "indicator": ""}


def counts(db) -> dict:
    return {t: query(db, f"SELECT count(*) FROM {t}{where}")[0][0] for t, where in COUNTED.items()}


def test_demo_ledger_into_an_empty_store_with_equal_counts(tmp_path, db_target):
    first, second = db_target, db_target.another()
    assert run("--db", first, "demo", "--records", "150", "--seed", "5").returncode == 0
    out = tmp_path / "台账.xlsx"
    assert run("--db", first, "ledger", "activities", "-o", out).returncode == 0
    result = run("--db", second, "import", out)
    assert result.returncode == 0, result.stderr
    assert "新增 150 条" in result.stdout and "新增党员 20 位" in result.stdout
    assert counts(second) == counts(first)
    again = run("--db", second, "import", out)
    assert again.returncode == 0 and "未变 150 条" in again.stdout and "党员" not in again.stdout


def test_a_ledger_without_its_roster_is_refused_in_a_few_lines(tmp_path, db_target):
    first, second = db_target, db_target.another()
    assert run("--db", first, "demo", "--records", "150", "--seed", "5").returncode == 0
    out = tmp_path / "台账.xlsx"
    assert run("--db", first, "ledger", "activities", "-o", out).returncode == 0
    wb = load_workbook(out)
    del wb["党员名册"]  # as ledgers were before they carried it
    wb.save(out)
    result = run("--db", second, "import", out)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert "党员不在党员名册中，请先添加：" in lines[1] and "等 20 人，涉及第 2—" in lines[1]
    assert counts(second)["activity"] == 0


def test_members_a_store_lacks_are_added_when_asked(tmp_path, db_target):
    first, second = db_target, db_target.another()
    assert run("--db", first, "demo", "--records", "40", "--seed", "6").returncode == 0
    out = tmp_path / "台账.xlsx"
    assert run("--db", first, "ledger", "activities", "-o", out).returncode == 0
    assert run("--db", second, "demo", "--records", "1", "--seed", "7").returncode == 0  # members of its own
    before = counts(second)
    refused = run("--db", second, "import", out)
    assert refused.returncode == 1 and "--add-members" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert counts(second) == before
    added = run("--db", second, "import", "--add-members", out)
    assert added.returncode == 0 and "新增党员" in added.stdout, added.stderr


@pytest.mark.sqlite_only("another connection holds the SQLite file's write lock")
def test_a_busy_store_says_what_to_do_in_the_command_lines_words(tmp_path):
    import sqlite3
    here, there = tmp_path / "here.sqlite", tmp_path / "there.sqlite"
    assert run("--db", there, "demo", "--records", "20").returncode == 0
    package, ledger = tmp_path / "包.zip", tmp_path / "台账.xlsx"
    assert run("--db", there, "export-data", "-o", package).returncode == 0
    assert run("--db", there, "ledger", "activities", "-o", ledger).returncode == 0
    assert run("--db", here, "settings", "show").returncode == 0  # a new, empty store
    holder = sqlite3.connect(here, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing: reading works, writing waits, then gives up
    try:
        for args in (["import-data", str(package)], ["import", str(ledger)], ["settings", "set", "operator", "王"],
                     ["check", "--repair"]):  # a busy store is not a damaged index
            result = run("--db", here, *args)
            assert result.returncode == 1, result.stdout
            assert "表单" not in result.stderr and "窗口" not in result.stderr, result.stderr
            assert "正忙" in result.stderr and "请稍后再试" in result.stderr and len(result.stderr.splitlines()) == 1
            assert "损坏" not in result.stdout + result.stderr, result.stdout
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.sqlite_only("another connection holds the SQLite file's exclusive lock")
def test_a_store_another_program_holds_is_not_called_damaged(tmp_path):
    import sqlite3
    db = tmp_path / "held.sqlite"
    assert run("--db", db, "settings", "show").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")  # as some backup and sync tools hold a file
    holder.execute("BEGIN EXCLUSIVE")  # not even reading: opening waits, then gives up
    try:
        result = run("--db", db, "settings", "show")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1 and "正被其他程序占用" in result.stderr and "损坏" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.sqlite_only("the lock beside a SQLite store (a server store is shared by design)")
def test_a_store_open_elsewhere_is_said_without_windows(tmp_path):
    from models.store.lock import StoreLock
    db = tmp_path / "open.sqlite"
    with StoreLock(db):
        result = run("--db", db, "settings", "show")
    assert result.returncode == 1 and "另一个支部台账程序中打开" in result.stderr and "窗口" not in result.stderr
