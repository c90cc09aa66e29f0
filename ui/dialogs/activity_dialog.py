"""The activity form: basics, minutes, attendance, figures and attachments, on tabs."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QWidget

from models.records import codes
from models.records.activities import get_activity, members_for, previous_attendance, save_activity
from models.records.members import active_members
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.attachments_editor import AttachmentsEditor
from ui.editors.attendance_editor import AttendanceEditor
from ui.editors.fields import (
    CheckField,
    ChoiceField,
    DateField,
    EditableChoiceField,
    NotesField,
    SectionField,
    TextField,
    TimeField,
)
from ui.editors.figures_editor import FiguresEditor
from ui.editors.form import Form
from ui.widgets.screen_fit import resize_within_screen


class MinutesField(QPlainTextEdit):
    """A roomy editor for the minutes (主要内容)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        self.setTabChangesFocus(True)

    def value(self) -> str:
        return self.toPlainText()

    def setValue(self, value) -> None:
        self.setPlainText(value or "")


class ActivityDialog(RecordDialog):
    TITLE = "支部活动"

    def __init__(self, parent=None, uuid: str | None = None, initial: dict | None = None):
        initial = None if uuid else {"date": dt.date.today(), "attendance": members_for(dt.date.today(), ""),
                                     **(initial or {})}
        super().__init__(parent, uuid, initial)
        resize_within_screen(self, max(self.width(), 980), 700)
        if not uuid:  # a new meeting lists the members of its own date as the date is typed
            self.field("date").changed.connect(self.relist_members)

    def build_body(self) -> QWidget:
        tr = self.tr
        tabs = QTabWidget(self)
        names = [m["name"] for m in active_members(dt.date.today())]
        basics = self.add_form(Form(2, self))
        basics.add("type", tr("活动类型"), ChoiceField(codes.ACTIVITY_TYPES, blank=tr("请选择")), required=True)
        basics.add("title", tr("主题"), TextField(200), required=True)
        basics.add("date", tr("日期"), DateField(), required=True)
        basics.add("start_time", tr("开始时间"), TimeField(tr("如 14:30，可不填")))
        basics.add("end_time", tr("结束时间"), TimeField(tr("如 16:00，可不填")))
        basics.add("place", tr("地点"), TextField(200))
        basics.add("highlight", tr("亮点"), CheckField(tr("列为亮点（情况汇报中先写）")))
        outcomes = basics.add("outcomes", tr("成效"), NotesField(lines=3))
        outcomes.setPlaceholderText(tr("这项工作取得的成效，会写进情况汇报（一两句话）"))
        basics.add("section", tr("汇报栏目"), SectionField(), column=1)
        basics.add("host", tr("主持人"), EditableChoiceField([""] + names), column=1)
        basics.add("recorder", tr("记录人"), EditableChoiceField([""] + names), column=1)
        basics.add("speaker", tr("主讲人"), EditableChoiceField([""] + names), column=1)
        basics.add("tags", tr("标签"), TextField(200, tr("用空格分隔，如：疫情防控 乡村振兴")), column=1)
        basics.add("agenda", tr("议题"), NotesField(lines=4), column=1)
        tabs.addTab(basics, tr("基本信息"))

        minutes = self.add_form(Form(1, self))
        minutes.add("content", tr("主要内容"), MinutesField())
        minutes.add("decisions", tr("决议"), NotesField(lines=5))
        tabs.addTab(minutes, tr("会议内容"))

        people = self.add_form(Form(1, self))
        self.attendance = people.add("attendance", tr("出勤"), AttendanceEditor())
        people.add("guests", tr("列席人员"), TextField(2000, tr("非本支部党员的列席人员，如：局机关党委 王某某")))
        self.attendance.copy_previous.clicked.connect(self.copy_previous)
        self.attendance.relist.clicked.connect(self.relist_members)
        tabs.addTab(people, tr("出勤"))

        extras = self.add_form(Form(1, self))
        extras.add("figures", tr("指标"), FiguresEditor())
        extras.add("attachments", tr("附件"), AttachmentsEditor())
        tabs.addTab(extras, tr("指标与附件"))
        self.tabs = tabs
        return tabs

    def copy_previous(self) -> None:
        type_code, day = self.field("type").value(), self.field("date").day() or dt.date.today()
        previous = previous_attendance(type_code, day, exclude=self.uuid) if type_code else {}
        copied = self.attendance.apply_previous(previous) if previous else 0
        self.attendance.summary.setText(
            self.tr("已沿用上次同类会议的出勤（%1 人）").replace("%1", str(copied)) if copied
            else self.tr("没有找到更早的同类会议，请先选择活动类型和日期。"))

    def relist_members(self) -> None:
        self.attendance.merge_members(members_for(self.field("date").day() or dt.date.today(), ""))

    def load(self, uuid: str) -> dict:
        return get_activity(uuid)

    def store(self, data: dict) -> str:
        return save_activity(data)
