"""Choosing files and opening them in the system's own viewer (one place, so tests can stand in)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from models.store import documents_dir, safe_file_name


def output_folder() -> tuple[Path, str]:
    """Where files made for people go, and what to tell the person about it: the Documents folder (made when
    missing, as on a fresh or redirected profile), else the home folder — never a folder a write would fail in."""
    tr = QCoreApplication.translate
    folder = documents_dir()
    if folder.is_dir():
        return folder, ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder, tr("files", "（“文档”文件夹原来不存在，已新建：%1）").replace("%1", str(folder))
    except OSError:
        home = Path.home()
        return home, tr("files", "（找不到“文档”文件夹 %1，已改存到个人文件夹）").replace("%1", str(folder))


def ask_save_path(parent, title: str, name: str, file_filter: str) -> Path | None:
    """Where to save; a folder that exists (Documents) and a clear name are offered. None when cancelled."""
    suffix = Path(name).suffix
    default = output_folder()[0] / (safe_file_name(Path(name).stem) + suffix)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    if not path:
        return None
    path = Path(path)
    return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)


def ask_open_path(parent, title: str, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(output_folder()[0]), file_filter)
    return Path(path) if path else None


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
