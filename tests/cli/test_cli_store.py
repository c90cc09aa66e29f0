"""The command line on odd stores: links to an open store, empty files, damaged stores, hostile backups, logs."""
import os

import pytest
from test_cli import run

from models.store.lock import StoreLock

pytestmark = pytest.mark.sqlite_only("the SQLite file itself: its links, its bytes, its backups")


def test_a_hard_link_to_an_open_store_is_refused(tmp_path):
    store = tmp_path / "l.sqlite"
    assert run("--db", store, "demo", "--records", "10").returncode == 0
    link = tmp_path / "另一个名字.sqlite"
    os.link(store, link)
    with StoreLock(store):
        result = run("--db", link, "demo", "--records", "10")
    assert result.returncode == 1 and "不能同时打开两次" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unwritable_log_folder_falls_back_to_the_temp_folder(tmp_path, monkeypatch):
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("a file where the log folder should be")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    result = run("--db", tmp_path / "l.sqlite", "demo", "--records", "10")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "日志" in lines[0] and "无法写入" in lines[0]
    import tempfile
    assert tempfile.gettempdir() in lines[0]


def test_no_writable_folder_at_all_means_no_log_file_said_once(tmp_path, monkeypatch, capsys):
    import logging
    import tempfile

    import main
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("")
    monkeypatch.setattr(main, "log_dir", lambda: blocked / "logs")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    root = logging.getLogger()
    before = root.handlers[:], root.level
    try:
        shown = main.setup_logging()
        logging.getLogger("branch_ledger").info("nothing breaks without a log file")
    finally:
        root.handlers[:], _ = before
        root.setLevel(before[1])
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "不写日志文件" in err[0]
    assert "没有日志文件" in shown


def test_an_empty_store_file_is_an_accident_not_a_new_store(tmp_path):
    empty = tmp_path / "l.sqlite"
    empty.touch()
    for verb in (["check"], ["demo", "--records", "10"], ["check", "--repair"]):
        result = run("--db", empty, *verb)
        assert result.returncode == 1, verb
        assert "空文件" in result.stderr and "--new" in result.stderr and "完好" not in result.stdout
        assert len(result.stderr.strip().splitlines()) == 1
        assert empty.stat().st_size == 0
    result = run("--db", empty, "--new", "demo", "--records", "10")
    assert result.returncode == 0, result.stderr
    assert run("--db", empty, "check").returncode == 0


def _backup_with_store(backup, dest, store_bytes: bytes):
    import zipfile
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, store_bytes if item.filename == "store.sqlite" else src.read(item))
    return dest


def _members(store) -> int:
    import sqlite3
    con = sqlite3.connect(store)
    try:
        return con.execute("SELECT count(*) FROM member").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def demo_and_backup(tmp_path):
    store, backup = tmp_path / "l.sqlite", tmp_path / "备份.zip"
    assert run("--db", store, "demo", "--records", "30").returncode == 0
    assert run("--db", store, "backup", "-o", backup).returncode == 0
    return store, backup


def test_a_backup_of_a_foreign_or_empty_file_is_refused_and_every_verb_still_works(tmp_path, demo_and_backup):
    import sqlite3
    store, backup = demo_and_backup
    other = tmp_path / "别的程序.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE orders (id INTEGER)")
    con.commit()
    con.close()
    members = _members(store)
    for name, data in (("外来.zip", other.read_bytes()), ("空.zip", b"")):
        result = run("--db", store, "restore", _backup_with_store(backup, tmp_path / name, data))
        assert result.returncode == 1
        assert "不能用于恢复" in result.stderr and "未作任何改动" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert _members(store) == members
    assert run("--db", store, "check").returncode == 0
    assert run("--db", store, "restore", backup).returncode == 0


def wreck(store):
    data = bytearray(store.read_bytes())
    data[16:100] = b"\x00\x01" + b"\xee" * 82  # a wrecked header: SQLite cannot read the file
    store.write_bytes(bytes(data))


def test_a_damaged_store_is_restored_from_the_command_line(tmp_path, demo_and_backup):
    store, backup = demo_and_backup
    members = _members(store)
    assert run("--db", store, "backup").returncode == 0  # one in the backup folder, for the hint
    wreck(store)
    wrecked = store.read_bytes()
    repair = run("--db", store, "check", "--repair")
    assert repair.returncode == 1 and "restore" in repair.stderr and "backups" in repair.stderr
    assert len(repair.stderr.strip().splitlines()) == 1
    result = run("--db", store, "restore", backup)
    assert result.returncode == 0, result.stderr
    aside = next(tmp_path.glob("l.损坏-*.sqlite"))
    assert aside.read_bytes() == wrecked and str(aside) in result.stdout
    assert _members(store) == members
    assert run("--db", store, "check").returncode == 0


def test_an_empty_store_is_restored_over_from_the_command_line(tmp_path, demo_and_backup):
    store, backup = demo_and_backup
    members = _members(store)
    store.write_bytes(b"")
    result = run("--db", store, "restore", backup)
    assert result.returncode == 0, result.stderr
    assert _members(store) == members
