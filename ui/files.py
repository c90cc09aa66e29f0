"""Choosing files and opening them in the system's own viewer (one place, so tests can stand in)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from models.store import documents_dir, safe_file_name


def ask_save_path(parent, title: str, name: str, file_filter: str) -> Path | None:
    """Where to save; the Documents folder and a clear name are offered. None when cancelled."""
    suffix = Path(name).suffix
    default = documents_dir() / (safe_file_name(Path(name).stem) + suffix)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    if not path:
        return None
    path = Path(path)
    return path if path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)


def ask_open_path(parent, title: str, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(documents_dir()), file_filter)
    return Path(path) if path else None


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
