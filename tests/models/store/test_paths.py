"""Where the data goes: the user's folders, or a data folder beside a portable frozen program."""
import sys
from pathlib import Path

import platformdirs
import pytest

from models.store import paths


@pytest.fixture
def program(tmp_path, monkeypatch):
    """A frozen program's folder: sys.frozen set, sys.executable inside it."""
    folder = tmp_path / "branch-ledger"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "branch-ledger.exe"))
    return folder


def test_frozen_program_keeps_data_in_the_user_folders(program):
    assert paths.data_dir() == Path(platformdirs.user_data_dir("BranchLedger", appauthor=False))
    assert paths.log_dir() == Path(platformdirs.user_log_dir("BranchLedger", appauthor=False))
    assert not paths.default_store_path().is_relative_to(program)


@pytest.mark.parametrize("marker", ["portable.txt", "portable", "portable.txt.txt", "Portable.TXT"])
def test_marker_beside_the_program_keeps_data_beside_it(program, marker):
    (program / marker).write_text("", encoding="utf-8")
    assert paths.data_dir() == program.resolve() / "data"
    assert paths.log_dir() == program.resolve() / "data" / "logs"
    assert paths.default_store_path() == program.resolve() / "data" / "ledger.sqlite"


@pytest.mark.parametrize("name", ["portable-notes.txt", "not-portable.txt", "portable"])
def test_other_names_and_folders_are_not_markers(program, name):
    if name == "portable":
        (program / name).mkdir()  # a folder, not a file
    else:
        (program / name).write_text("", encoding="utf-8")
    assert not paths.data_dir().is_relative_to(program.resolve())


def test_chosen_store_wins_over_portable_mode(program, tmp_path, monkeypatch):
    (program / "portable.txt").write_text("", encoding="utf-8")
    assert paths.default_store_path(str(tmp_path / "mine.sqlite")) == (tmp_path / "mine.sqlite").resolve()
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "env.sqlite"))
    assert paths.default_store_path() == (tmp_path / "env.sqlite").resolve()


def test_marker_beside_python_itself_is_ignored(tmp_path, monkeypatch):
    """Run from source, sys.executable is the interpreter: a stray marker beside it changes nothing."""
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    assert paths.data_dir() == Path(platformdirs.user_data_dir("BranchLedger", appauthor=False))
    assert paths.log_dir() == Path(platformdirs.user_log_dir("BranchLedger", appauthor=False))
