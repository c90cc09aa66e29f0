"""The command line on a server store: a read-only account's writing verbs refused in one line (its reading verbs
working), and backup and restore of the server (restore over data only with --replace)."""
import pytest
from test_cli import query, run

pytestmark = pytest.mark.sqlite_only("a server's accounts and its backups; runs once, on the session's cluster")


def _one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_a_read_only_account_may_read_and_back_up_but_its_writing_verbs_refuse(server_db, tmp_path):
    cluster, name = server_db
    owner = cluster.url(name)
    assert run("--db", owner, "demo", "--records", "30", tmp_path=tmp_path).returncode == 0
    viewer = cluster.reading(name)
    before = query(owner, "SELECT count(*) FROM activity") + query(owner, "SELECT count(*) FROM audit_entry")
    for verb in (["demo", "--records", "5"], ["demo", "--clear"], ["settings", "set", "branch.name", "某支部"],
                 ["check", "--repair"], ["import-data", str(tmp_path / "x.zip")], ["import", str(tmp_path / "x.xlsx")]):
        line = _one_line(run("--db", viewer, *verb, tmp_path=tmp_path))
        assert "账号“viewer”只有查看权限" in line and "未作任何改动" in line, verb
    assert query(owner, "SELECT count(*) FROM activity") + query(owner, "SELECT count(*) FROM audit_entry") == before
    for verb in (["settings", "show"], ["check"], ["check", "--data"],
                 ["ledger", "activities", "-o", str(tmp_path / "台账.xlsx")],
                 ["report", "--from", "2020-01-01", "-o", str(tmp_path / "汇报.pdf")],
                 ["export-data", "-o", str(tmp_path / "包.zip")], ["backup", "-o", str(tmp_path / "备份.zip")]):
        result = run("--db", viewer, *verb, tmp_path=tmp_path)
        assert result.returncode in (0, 1) and "只有查看权限" not in result.stderr and "Traceback" not in result.stderr, (
            verb, result.stderr)
        assert verb[0] == "check" or result.returncode == 0, (verb, result.stderr)
    assert (tmp_path / "备份.zip").is_file() and (tmp_path / "汇报.pdf").is_file()
    line = _one_line(run("--db", viewer, "restore", "--replace", tmp_path / "备份.zip", tmp_path=tmp_path))
    assert "只有查看权限" in line


def test_a_server_is_backed_up_and_restored_onto_data_only_with_replace(server_db, pg_cluster, tmp_path):
    cluster, name = server_db
    url = cluster.url(name)
    assert run("--db", url, "demo", "--records", "40", tmp_path=tmp_path).returncode == 0
    made = run("--db", url, "backup", tmp_path=tmp_path)
    assert made.returncode == 0 and "已备份" in made.stdout, made.stderr
    backup = made.stdout.split("已备份：", 1)[1].strip()
    kept = query(url, "SELECT count(*) FROM activity")
    assert run("--db", url, "demo", "--records", "5", "--seed", "9", tmp_path=tmp_path).returncode == 0
    added = query(url, "SELECT count(*) FROM activity")
    assert added != kept
    line = _one_line(run("--db", url, "restore", backup, tmp_path=tmp_path))
    assert "已有数据" in line and "--replace" in line
    assert query(url, "SELECT count(*) FROM activity") == added  # untouched
    done = run("--db", url, "restore", "--replace", backup, tmp_path=tmp_path)
    assert done.returncode == 0 and "已从备份恢复" in done.stdout and "恢复前的数据已备份到" in done.stdout, done.stderr
    assert query(url, "SELECT count(*) FROM activity") == kept
    home = tmp_path / "home.sqlite"
    assert run("--db", home, "restore", backup, tmp_path=tmp_path).returncode == 0  # the same zip, as a local store
    assert query(home, "SELECT count(*) FROM activity") == kept
