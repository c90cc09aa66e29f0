"""Writing a file for people from a page: ask where, write it off the GUI thread, open it, say what went wrong."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMessageBox

from ui import files
from ui.tasks import run_task

PDF, XLSX = "PDF 文件 (*.pdf)", "Excel 工作簿 (*.xlsx)"


def export_file(page, title: str, name: str, file_filter: str, write: Callable[[Path], object]) -> None:
    """Ask for a path (Documents and a clear name offered), run write(path) on the worker, then open the file."""
    path = files.ask_save_path(page, page.tr(title), name, page.tr(file_filter))
    if path is None:
        return
    run_task(page, page.tr("正在生成“%1”…").replace("%1", path.name), lambda progress: write(path),
             lambda result: exported(page, path), lambda error: failed(page, error))


def exported(page, path: Path) -> None:
    page.status.emit(page.tr("已导出：%1").replace("%1", str(path)))
    files.open_in_viewer(path)


def failed(page, error: Exception, title: str = "") -> None:
    if not isinstance(error, OSError):
        raise error
    QMessageBox.warning(page, title or page.tr("导出失败"), write_problem(page, error))


def write_problem(page, error: OSError) -> str:
    """What stopped a file being written, said for what it is: a missing folder is not a file open elsewhere."""
    where = str(error.filename or "")
    if isinstance(error, FileNotFoundError):
        return page.tr("无法写入文件：文件夹不存在（%1）。请另选一个文件夹再试。").replace("%1", str(Path(where).parent))
    if isinstance(error, PermissionError):
        return page.tr("无法写入文件 %1：没有写入权限，或该文件正在其他程序（如 WPS、PDF 阅读器）中打开。"
                       "请关闭它或另选文件夹再试。").replace("%1", where)
    return page.tr("无法写入文件 %1（%2）。").replace("%1", where).replace("%2", error.strerror or str(error))
