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
