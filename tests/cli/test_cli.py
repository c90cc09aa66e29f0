"""The command line: the same verbs a person uses, exit codes, Chinese one-line reasons."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_helpers import page_texts

from models.store.lock import StoreLock

ROOT = Path(__file__).resolve().parents[2]


def query(target, sql: str) -> list:
    """Rows of a statement run on a store the command line wrote, a SQLite file or a server database."""
    if str(target).startswith("postgresql://"):
        import psycopg2
        con = psycopg2.connect(str(target))
        con.autocommit = True
        try:
            cursor = con.cursor()
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else []
        finally:
            con.close()
    import sqlite3
    con = sqlite3.connect(target)
    try:
        rows = con.execute(sql).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def run(*args, env_db=None, tmp_path=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    env.pop("BRANCH_LEDGER_DB", None)
    if env_db:
        env["BRANCH_LEDGER_DB"] = str(env_db)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and "支部台账 0." in result.stdout


def test_demo_then_check(db_target):
    db = db_target
    result = run("--db", db, "demo", "--records", "500", "--seed", "2")
    assert result.returncode == 0, result.stderr
    assert "支部活动 500 条" in result.stdout and "党员 20 条" in result.stdout
    result = run("--db", db, "check")
    assert result.returncode == 0 and "完好" in result.stdout
    result = run("--db", db, "demo", "--clear")
    assert result.returncode == 0 and "已清除演示数据" in result.stdout, result.stderr
    result = run("--db", db, "demo", "--records", "10", "--seed", "3")
    assert "支部活动 10 条" in result.stdout  # the first 500 are gone


def test_environment_variable_chooses_the_store(db_target):
    assert run("demo", "--records", "50", env_db=db_target).returncode == 0
    assert query(db_target, "SELECT count(*) FROM activity") == [(50,)]


@pytest.mark.sqlite_only("scribbles over the file's pages")
def test_check_fails_on_a_damaged_store(tmp_path):
    db = tmp_path / "l.sqlite"
    assert run("--db", db, "demo", "--records", "300").returncode == 0
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # scribble over some b-tree pages
        data[offset + 8: offset + 200] = b"\xff" * 192
    db.write_bytes(bytes(data))
    result = run("--db", db, "check")
    assert result.returncode != 0
    assert "问题" in result.stdout or "错误" in result.stderr


@pytest.mark.sqlite_only("a file that is not a store")
def test_not_a_store_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(4000))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run("--db", path, "check")
    assert result.returncode == 1
    assert "不是支部台账的数据文件" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.sqlite_only("the lock file beside a SQLite store (a server store is shared by design)")
def test_a_store_in_use_is_not_opened_twice(tmp_path):
    db = tmp_path / "l.sqlite"
    with StoreLock(db):
        result = run("--db", db, "demo", "--records", "10")
    assert result.returncode == 1 and "已在另一个支部台账程序中打开" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("args", [["demo", "--records", "0"], ["demo", "--records", "abc"], ["nonsense"]])
def test_bad_arguments_fail_with_a_reason(tmp_path, args):
    result = run("--db", tmp_path / "l.sqlite", *args)
    assert result.returncode != 0 and result.stderr.strip()


def test_minutes_of_an_activity(tmp_path, db_target):
    from pypdf import PdfReader
    db = db_target
    assert run("--db", db, "demo", "--records", "50").returncode == 0
    uuid, title = query(db, "SELECT uuid, title FROM activity WHERE type='member_meeting' ORDER BY id LIMIT 1")[0]
    out = tmp_path / "会议记录.pdf"
    result = run("--db", db, "minutes", uuid, "-o", out)
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert title.split("：")[-1] in text and "应到人数" in text
    bad = run("--db", db, "minutes", "no-such-uuid", "-o", out)
    assert bad.returncode == 1 and "没有编号" in bad.stderr


def test_ledger_then_import_into_another_store(tmp_path, db_target):
    from openpyxl import load_workbook
    first, second = db_target, db_target.another()
    assert run("--db", first, "demo", "--records", "60", "--seed", "4").returncode == 0
    copied = run("--db", first, "copy-to", second)  # the same members on the second PC
    assert copied.returncode == 0, copied.stderr
    out = tmp_path / "台账.xlsx"
    result = run("--db", first, "ledger", "activities", "--from", "2000-01-01", "--to", "2100-12-31", "-o", out)
    assert result.returncode == 0, result.stderr
    rows = load_workbook(out).worksheets[0].max_row - 1
    assert rows == 60
    again = run("--db", second, "import", out)
    assert again.returncode == 0 and "未变 60 条" in again.stdout


def test_import_of_a_bad_file_changes_nothing(tmp_path, db_target):
    db = db_target
    template = tmp_path / "模板.xlsx"
    assert run("--db", db, "template", "activities", "-o", template).returncode == 0
    from openpyxl import load_workbook
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    ws.append({headers.index("日期") + 1: "2022年13月5日", headers.index("主题") + 1: "坏行",
               headers.index("活动类型") + 1: "党课"})
    wb.save(template)
    result = run("--db", db, "import", template)
    assert result.returncode == 1
    assert "未导入任何记录" in result.stderr.splitlines()[0] and "日期" in result.stderr
    assert "2022年13月5日" in result.stderr or "第 2 行" in result.stderr
    bad_date = run("--db", db, "ledger", "activities", "--from", "去年", "-o", tmp_path / "x.xlsx")
    assert bad_date.returncode != 0 and "无法识别" in bad_date.stderr


@pytest.mark.parametrize("kind, sheet", [("study", "学习会台账"), ("outreach", "联建活动台账")])
def test_other_ledgers(tmp_path, db_target, kind, sheet):
    from openpyxl import load_workbook
    db = db_target
    assert run("--db", db, "demo", "--records", "400").returncode == 0
    out = tmp_path / f"{kind}.xlsx"
    result = run("--db", db, "ledger", kind, "-o", out)
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[0] == sheet and wb.worksheets[0].max_row > 1


@pytest.mark.sqlite_only("backups copy the SQLite file; a server is backed up where it runs")
def test_backup_then_restore(tmp_path):
    import sqlite3
    db = tmp_path / "l.sqlite"
    assert run("--db", db, "demo", "--records", "50").returncode == 0
    out = tmp_path / "备份.zip"
    result = run("--db", db, "backup", "-o", out)
    assert result.returncode == 0 and out.exists(), result.stderr
    before = sqlite3.connect(db).execute("SELECT count(*) FROM activity").fetchone()[0]
    assert run("--db", db, "demo", "--records", "20").returncode == 0
    result = run("--db", db, "restore", out)
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM activity").fetchone()[0] == before
    assert "恢复前的数据已备份" in result.stdout
    (tmp_path / "坏.zip").write_bytes(b"PK\x03\x04broken")
    bad = run("--db", db, "restore", tmp_path / "坏.zip")
    assert bad.returncode == 1 and "备份" in bad.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM activity").fetchone()[0] == before


def test_report_pdf_and_docx(tmp_path, db_target):
    from pypdf import PdfReader
    db = db_target
    assert run("--db", db, "demo", "--records", "300").returncode == 0
    import datetime as dt
    year = dt.date.today().year
    pdf = tmp_path / "汇报.pdf"
    result = run("--db", db, "report", "--from", f"{year}-01-01", "--to", f"{year}-12-31", "-o", pdf,
                 "--title", "关于本年度党建工作情况的汇报")
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages[:2])
    assert "关于本年度党建工作情况的汇报" in text.replace("\n", "")
    assert run("--db", db, "report", "-o", tmp_path / "汇报.docx").returncode == 0
    bad = run("--db", db, "report", "-o", tmp_path / "汇报.txt")
    assert bad.returncode == 1 and ".pdf" in bad.stderr


def test_check_repair_rebuilds_the_search_index(db_target):
    db = db_target
    assert run("--db", db, "demo", "--records", "100").returncode == 0
    entry = "record_id" if str(db).startswith("postgresql://") else "rowid"
    query(db, f"DELETE FROM search_index WHERE {entry} % 3 = 0")
    result = run("--db", db, "check", "--repair")
    assert result.returncode == 0 and "已重建全文检索索引" in result.stdout, result.stderr


def test_data_package_between_two_pcs(tmp_path, db_target):
    here, there = db_target, db_target.another()
    assert run("--db", there, "demo", "--records", "60", "--seed", "8").returncode == 0
    package = tmp_path / "县局.zip"
    assert run("--db", there, "export-data", "-o", package).returncode == 0
    first = run("--db", here, "import-data", package)
    assert first.returncode == 0 and "新增" in first.stdout, first.stderr
    again = run("--db", here, "import-data", package)
    assert again.returncode == 0 and "新增 0 条" in again.stdout
    assert query(here, "SELECT count(*) FROM activity") == [(60,)]
    (tmp_path / "坏.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    bad = run("--db", here, "import-data", tmp_path / "坏.zip")
    assert bad.returncode == 1 and "未导入" in bad.stderr


def test_settings_show_and_set_and_a_signed_report(tmp_path, db_target):
    store = db_target
    assert run("--db", store, "settings", "set", "branch.name", "市民政局社会组织管理科党支部").returncode == 0
    shown = run("--db", store, "settings", "show").stdout
    assert "branch.name = 市民政局社会组织管理科党支部" in shown and "report.signer = （未填，默认为支部名称）" in shown
    wrong = run("--db", store, "settings", "set", "branch.nam", "x")
    assert wrong.returncode == 2 and "没有设置项“branch.nam”" in wrong.stderr and "branch.name" in wrong.stderr
    too_long = run("--db", store, "settings", "set", "report.signer", "长" * 61)
    assert too_long.returncode == 1 and "最多 60 个字" in too_long.stderr
    assert run("--db", store, "settings", "set", "report.signer", "中共某某支部委员会").returncode == 0
    pdf = tmp_path / "r.pdf"
    made = run("--db", store, "report", "--from", "2022-01-01", "--to", "2022-12-31", "--signed-on", "2023-01-05",
               "-o", pdf)
    assert made.returncode == 0, made.stderr
    text = "".join(page_texts(pdf))
    assert text.startswith("—1—关于市民政局社会组织管理科党支部2022年党建工作情况的汇报")
    assert "中共某某支部委员会2023年1月5日" in text
    bad_date = run("--db", store, "report", "--signed-on", "2023-13-40", "-o", pdf)
    assert bad_date.returncode == 2 and "日期" in bad_date.stderr


# -- the office's server --------------------------------------------------------

def test_copy_to_postgres_and_back(tmp_path, server_db):
    cluster, name = server_db
    local, back = tmp_path / "local.sqlite", tmp_path / "back.sqlite"
    assert run("--db", local, "demo", "--records", "80", "--seed", "6").returncode == 0
    there = run("--db", local, "copy-to", cluster.url(name))
    assert there.returncode == 0, there.stderr
    assert "activity" in there.stdout and "80        80" in there.stdout and "一致" in there.stdout
    again = run("--db", local, "copy-to", cluster.url(name))
    assert again.returncode == 1 and "不是空的" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    home = run("--db", cluster.url(name), "copy-to", back)
    assert home.returncode == 0 and "一致" in home.stdout, home.stderr
    digest = [line for line in there.stdout.splitlines() if "内容摘要" in line]
    assert digest == [line for line in home.stdout.splitlines() if "内容摘要" in line]
    assert query(back, "SELECT count(*) FROM activity") == [(80,)]
    assert run("--db", back, "check").returncode == 0


@pytest.mark.parametrize("url, says", [
    ("postgresql://u@127.0.0.1:1/ledger", "无法连接服务器"),
    ("postgresql://u@127.0.0.1:5432/", "没有写数据库名"),
    ("postgresql://u@127.0.0.1/ledger?sslmode=maybe", "sslmode"),
])
def test_a_bad_server_address_is_one_line_and_makes_no_file(tmp_path, url, says):
    work = tmp_path / "work"
    work.mkdir()
    result = run("--db", url, "settings", "show", tmp_path=work)
    assert result.returncode == 1 and says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and list(work.iterdir()) == []


def test_a_server_that_wants_a_password_says_so_when_none_can_be_asked(tmp_path, server_db):
    from pg_cluster import CLERK, CLERK_PASSWORD
    cluster, name = server_db
    cluster.sql(f'ALTER DATABASE "{name}" OWNER TO {CLERK}')
    result = run("--db", cluster.url(name, user=CLERK), "settings", "show", tmp_path=tmp_path)
    assert result.returncode == 1 and "要求输入密码" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    wrong = run("--db", cluster.url(name, user=CLERK, password="nope"), "settings", "show", tmp_path=tmp_path)
    assert wrong.returncode == 1 and "密码不正确" in wrong.stderr and "nope" not in wrong.stderr
    right = run("--db", cluster.url(name, user=CLERK, password=CLERK_PASSWORD), "settings", "set", "branch.name",
                "城东支部", tmp_path=tmp_path)
    assert right.returncode == 0, right.stderr
    with_password = cluster.url(name, user=CLERK, password=CLERK_PASSWORD)
    repaired = run("--db", with_password, "check", "--repair", tmp_path=tmp_path)  # checks again with it
    assert repaired.returncode == 0 and "完好" in repaired.stdout, repaired.stderr
    backup = run("--db", with_password, "backup", tmp_path=tmp_path)
    assert backup.returncode == 0 and "已备份" in backup.stdout, backup.stderr
    assert CLERK_PASSWORD not in repaired.stdout + repaired.stderr + backup.stdout + backup.stderr
    logs = [p for p in tmp_path.rglob("branch-ledger.log*") if p.is_file()]  # the XDG folders are in tmp_path
    assert logs and all(CLERK_PASSWORD not in p.read_text(encoding="utf-8") for p in logs)
    assert CLERK_PASSWORD not in right.stdout + right.stderr


def test_check_data_lists_each_kind_of_contradiction_once_and_changes_nothing(db_target):
    db = db_target
    result = run("--db", db, "check", "--data")
    assert result.returncode == 0 and "没有发现" in result.stdout, result.stderr
    assert run("--db", db, "demo", "--records", "100").returncode == 0
    query(db, "UPDATE indicator SET unit = '' WHERE id IN (SELECT indicator_id FROM figure)")
    query(db, "UPDATE activity SET section_id = NULL WHERE id <= (SELECT min(id) + 4 FROM activity)")
    query(db, "UPDATE member SET left_on = '2020-01-01', party_post = '组织委员'"
              " WHERE id = (SELECT min(id) FROM member)")
    result = run("--db", db, "check", "--data")
    assert result.returncode == 1, result.stderr
    head, *lines = result.stdout.splitlines()
    assert "未作任何修改" in head
    titles = [line.split(" ")[2] for line in lines]
    assert len(titles) == len(set(titles)) and {"没有归入汇报栏目", "指标没有单位", "转出党员仍担任党内职务"} <= set(titles)
    unfiled = next(line for line in lines if "没有归入汇报栏目" in line)
    assert "没有归入汇报栏目 5 处" in unfiled and unfiled.count("支部活动 ") == 3 and "等 5 处" in unfiled
    assert query(db, "SELECT count(*) FROM activity WHERE section_id IS NULL") == [(5,)]  # nothing was changed
