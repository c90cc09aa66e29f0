"""The application as the program sets it up: Chinese translations, bundled font, settings in tmp."""
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ui.app import make_application


@pytest.fixture(scope="session")
def qapp():
    from ui.tasks import shut_down
    app = make_application()
    yield app
    shut_down()


@pytest.fixture(autouse=True)
def qt_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


@pytest.fixture(autouse=True)
def no_task_left_running():
    yield
    from ui.tasks import pool
    assert pool().waitForDone(10_000)


@pytest.fixture
def answer(monkeypatch):
    """Patch QMessageBox so no modal box opens; records what would have been shown."""
    shown = []

    def box(kind, reply):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return reply[0]
        return show

    reply = [QMessageBox.StandardButton.Yes]
    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(box(kind, reply)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a: shown.append(("about", a[-1]))))

    class Answer:
        messages = shown

        def reply_with(self, button):
            reply[0] = button
    return Answer()
