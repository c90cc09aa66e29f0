"""The study session form: basics, attendance of the group's members, reflections, attachments."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTabWidget, QWidget

from models.records import codes
from models.records.study import get_session, list_groups, members_on, save_session
from ui.dialogs.activity_dialog import MinutesField
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.attachments_editor import AttachmentsEditor
from ui.editors.attendance_editor import AttendanceEditor
from ui.editors.fields import ChoiceField, DateField, NotesField, SectionField, TextField
from ui.editors.form import Form
from ui.editors.reflections_editor import ReflectionsEditor
from ui.widgets.screen_fit import resize_within_screen


class SessionDialog(RecordDialog):
    TITLE = "学习会"

    def __init__(self, parent=None, uuid: str | None = None, initial: dict | None = None):
        initial = None if uuid else {"date": dt.date.today(), **(initial or {})}
        super().__init__(parent, uuid, initial)
        if not uuid:
            self.relist_members()
            self._initial = self.values()
        resize_within_screen(self, max(self.width(), 900), 640)

    def build_body(self) -> QWidget:
        tr = self.tr
        tabs = QTabWidget(self)
        basics = self.add_form(Form(2, self))
        basics.add("group", tr("学习小组"), ChoiceField({g["uuid"]: g["name"] for g in list_groups(True)},
                                                   blank=tr("请选择")), required=True)
        basics.add("kind", tr("形式"), ChoiceField(codes.SESSION_KINDS))
        basics.add("date", tr("日期"), DateField(), required=True)
        basics.add("topic", tr("学习主题"), TextField(200), required=True)
        basics.add("lead_speaker", tr("领学人"), TextField(50))
        basics.add("duration_minutes", tr("时长（分钟）"), TextField(5, tr("如 90")), column=1)
        basics.add("place", tr("地点"), TextField(200), column=1)
        basics.add("section", tr("汇报栏目"), SectionField(), column=1)
        basics.add("materials", tr("学习篇目/文件"), NotesField(lines=4), column=1)
        tabs.addTab(basics, tr("基本信息"))
        notes = self.add_form(Form(1, self))
        notes.add("notes", tr("学习情况"), MinutesField())
        tabs.addTab(notes, tr("学习情况"))
        people = self.add_form(Form(1, self))
        self.attendance = people.add("attendance", tr("出勤"), AttendanceEditor())
        self.attendance.copy_previous.hide()
        self.attendance.relist.setText(tr("按小组和日期重新列出成员"))
        self.attendance.relist.clicked.connect(self.relist_members)
        tabs.addTab(people, tr("出勤"))
        thoughts = self.add_form(Form(1, self))
        self.reflections = thoughts.add("reflections", tr("心得体会"), ReflectionsEditor())
        tabs.addTab(thoughts, tr("心得体会"))
        files = self.add_form(Form(1, self))
        files.add("attachments", tr("附件"), AttachmentsEditor())
        tabs.addTab(files, tr("附件"))
        self.attendance.changed.connect(self.follow_attendance)
        self.field("group").currentIndexChanged.connect(lambda _: self.relist_members())
        self.tabs = tabs
        return tabs

    def follow_attendance(self) -> None:
        """Reflections are expected from the members present."""
        self.reflections.set_members([r for r in self.attendance.value() if r["status"] == "present"])

    def relist_members(self) -> None:
        group = self.field("group").value()
        if group:
            listed = members_on(group, self.field("date").day() or dt.date.today())
            self.attendance.merge_members([{**row, "status": ""} for row in listed])  # 未记录 until marked

    def load(self, uuid: str) -> dict:
        return get_session(uuid)

    def store(self, data: dict) -> str:
        data["duration_minutes"] = data.get("duration_minutes") or None
        return save_session(data)
