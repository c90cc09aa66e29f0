"""The dialog every record is edited in: one or more forms, 保存 and 取消, errors at the fields."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.records.common import ConflictError, NotFound
from models.records.validation import ValidationError
from models.store import StoreError
from ui import read_only
from ui.dialogs.history_dialog import HistoryDialog
from ui.dialogs.save_conflict_dialog import MERGE, MINE, THEIRS, Conflict, SaveConflictDialog, plain_text
from ui.editors.form import ERROR_STYLE, Form
from ui.widgets.labels import local_time_text


class RecordDialog(QDialog):
    """Subclasses set TITLE and load/store, and build_form(form) — or build_body() for several forms."""
    TITLE = ""
    COLUMNS = 2

    def __init__(self, parent=None, uuid: str | None = None, initial: dict | None = None):
        super().__init__(parent)
        self.uuid = uuid
        self.saved_uuid: str | None = None
        self.version: str | None = None  # of the record as opened: a save over a newer one is refused
        self.replaced = None  # called when a save knowingly replaced someone else's newer version
        self.forms: list[Form] = []
        self.setWindowTitle(self.tr(self.TITLE) + (self.tr("（编辑）") if uuid else self.tr("（新建）")))
        body = self.build_body()
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        if uuid:
            past = self.buttons.addButton(self.tr("修改历史…"), QDialogButtonBox.ButtonRole.HelpRole)
            past.clicked.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 56)
        if uuid:
            loaded = self.load(uuid)
            self.version = loaded.get("version")
            self.set_values(loaded)
        elif initial:
            self.set_values(initial)
        if read_only.lock_form(self, self.buttons):  # an account that may only look: the form opens for reading
            self.setWindowTitle(self.tr(self.TITLE) + self.tr("（查看）"))
            layout.insertWidget(0, read_only.note_label(self))
        self._initial = self._opened = self.values()

    # -- for subclasses --------------------------------------------------------
    def build_body(self) -> QWidget:
        form = self.add_form(Form(self.COLUMNS, self))
        self.build_form(form)
        return form

    def build_form(self, form: Form) -> None:
        raise NotImplementedError

    def load(self, uuid: str) -> dict:
        raise NotImplementedError

    def store(self, data: dict) -> str:
        raise NotImplementedError

    # -- the forms -------------------------------------------------------------
    def add_form(self, form: Form) -> Form:
        self.forms.append(form)
        return form

    @property
    def form(self) -> Form:
        return self.forms[0]

    def field(self, key: str):
        return next(f.fields[key] for f in self.forms if key in f.fields)

    def values(self) -> dict:
        data = {}
        for form in self.forms:
            data.update(form.values())
        return data

    def set_values(self, data: dict) -> None:
        for form in self.forms:
            form.set_values(data)

    def error_text(self, key: str) -> str:
        return next((f.error_text(key) for f in self.forms if key in f.fields), "")

    def show_errors(self, errors: dict[str, str]) -> None:
        placed = set()
        for form in self.forms:
            mine = {k: m for k, m in errors.items() if k in form.fields}
            form.show_errors(mine)
            placed |= set(mine)
        first = next((k for k in errors if k in placed), None)
        if first:
            self._reveal(self.field(first))
        rest = [m for k, m in errors.items() if k not in placed]
        self.message.setText("\n".join(rest) or self.tr("有 %n 处需要修改，见红色提示。", "", len(errors)))
        self.message.show()
        # Room for the messages under the fields, never less than the person gave the dialog.
        self.resize(self.size().expandedTo(self.sizeHint()))

    def _reveal(self, widget: QWidget) -> None:
        """Bring the tab holding a field to the front and put the cursor in it."""
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            if isinstance(parent, QTabWidget):  # its pages sit in an inner stack, not directly under it
                page = next((parent.widget(i) for i in range(parent.count())
                             if parent.widget(i).isAncestorOf(widget)), None)
                if page is not None:
                    parent.setCurrentWidget(page)
            parent = parent.parentWidget()
        widget.setFocus()

    # -- saving and leaving ----------------------------------------------------
    def save(self) -> bool:
        """Save what was typed; on a problem keep everything and show it beside its field."""
        data = self.values()
        if self.uuid:
            data["uuid"] = self.uuid
        if self.version is not None:
            data["version"] = self.version
        try:
            self.saved_uuid = self.store(data)
        except ValidationError as e:
            self.show_errors(e.errors)
            return False
        except ConflictError as e:
            return self.settle(e)
        except NotFound:
            QMessageBox.warning(self, self.windowTitle(), self.tr("这条记录已被删除（可能在回收站中），无法保存修改。"))
            return False
        except StoreError as e:  # the store is busy or cannot be written: what was typed stays in the form
            QMessageBox.warning(self, self.windowTitle(), str(e) + self.tr("\n\n填写的内容仍保留在表单中，可稍后再保存。"))
            return False
        self._initial = self.values()
        self.accept()
        return True

    # -- someone else saved meanwhile -----------------------------------------
    def settle(self, e: ConflictError) -> bool:
        """Show both versions and do what the person chooses; what was typed stays in the form until then."""
        if e.deleted:
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "这条记录已被%1移到回收站%2，您的修改没有保存。\n\n填写的内容仍保留在表单中。"
                "如仍要保存，请先在“回收站”中恢复这条记录，再回到这里保存。")
                .replace("%1", e.by or self.tr("他人"))
                .replace("%2", self.tr("（%1）").replace("%1", local_time_text(e.at)) if e.at else ""))
            return False
        captions = {}
        for form in self.forms:
            captions.update(form.captions)
        conflict = Conflict(list(captions.items()), self.values(), self.as_form(e.stored), self._opened,
                            e.by, e.at, self.describe)
        answer = SaveConflictDialog.ask(self, conflict)
        if answer is None:  # back to the form as typed; the next save asks again
            return False
        choice, values = answer
        self.version = e.stored["version"]
        self._opened = conflict.theirs
        self.set_values(values)
        if choice == THEIRS:  # the form now shows the record as stored: nothing to save
            self._initial = self.values()
            self.message.setText(self.tr("表单已改为他人保存的内容，您的修改已放弃。"))
            self.message.show()
            return False
        assert choice in (MINE, MERGE)
        saved = self.save()
        if saved and self.replaced:
            self.replaced()
        return saved

    def as_form(self, data: dict) -> dict:
        """A record as this form would hold it (so it compares with what was typed field by field)."""
        typed = self.values()
        self.set_values(data)
        shaped = self.values()
        self.set_values(typed)
        return shaped

    def describe(self, key: str, value) -> str:
        """A value of a field in words, as the form shows it (a choice's label, not its code)."""
        widget = self.field(key)
        if isinstance(widget, QComboBox) and not widget.isEditable():
            index = next((i for i in range(widget.count()) if widget.itemData(i) == value), -1)
            if index >= 0:
                return widget.itemText(index)
        names = {}
        for attribute in ("catalogue", "registry"):  # editors that know the names behind their ids
            rows = getattr(widget, attribute, None)
            rows = rows.values() if isinstance(rows, dict) else rows or []
            names.update({r["uuid"]: r["name"] for r in rows if isinstance(r, dict) and "uuid" in r and "name" in r})
        return plain_text(value, names)

    def show_history(self) -> None:
        captions = {}
        for form in self.forms:
            captions.update(form.captions)
        HistoryDialog.show_history(self, self.uuid, captions)

    def is_dirty(self) -> bool:
        return self.values() != self._initial

    def reject(self) -> None:
        """Leaving with unsaved changes asks 保存 / 放弃 / 取消; nothing typed is dropped silently."""
        if self.is_dirty():
            button = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self, self.windowTitle(), self.tr("填写的内容还没有保存。要保存吗？"),
                button.Save | button.Discard | button.Cancel, button.Save)
            if answer == button.Save:
                self.save()
                return
            if answer != button.Discard:
                return
        super().reject()

    @classmethod
    def ask(cls, parent=None, uuid: str | None = None, initial: dict | None = None, replaced=None) -> str | None:
        """Open the dialog; the saved record's UUID, or None when nothing was saved. replaced() is called when the
        save knowingly replaced someone else's newer version (so that save is not one to undo)."""
        dialog = cls(parent, uuid, initial)
        dialog.replaced = replaced
        return dialog.saved_uuid if dialog.exec() == QDialog.DialogCode.Accepted else None
