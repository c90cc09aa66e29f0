"""The outreach event form: basics, participating organisations, figures (with what the organisations add up to)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from models.records import codes
from models.records.outreach import derived_figures, disagreements, get_event, list_series, save_event
from models.records.settings import list_indicators
from models.records.validation import ValidationError
from models.reporting.numbers import with_unit
from ui.dialogs.activity_dialog import MinutesField
from ui.dialogs.paste_names_dialog import PasteNamesDialog
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.attachments_editor import AttachmentsEditor
from ui.editors.fields import (
    CheckField,
    ChoiceField,
    DateField,
    EditableChoiceField,
    NotesField,
    SectionField,
    TextField,
)
from ui.editors.figures_editor import FiguresEditor
from ui.editors.form import ERROR_STYLE, Form
from ui.editors.participations_editor import ParticipationsEditor
from ui.widgets.screen_fit import resize_within_screen


class OutreachDialog(RecordDialog):
    TITLE = "联建活动"

    def __init__(self, parent=None, uuid: str | None = None, initial: dict | None = None):
        initial = None if uuid else {"start_date": dt.date.today(), **(initial or {})}
        super().__init__(parent, uuid, initial)
        resize_within_screen(self, max(self.width(), 980), 700)
        self.update_derived()

    def build_body(self) -> QWidget:
        tr = self.tr
        tabs = QTabWidget(self)
        basics = self.add_form(Form(2, self))
        basics.add("title", tr("活动名称"), TextField(200), required=True)
        basics.add("series", tr("所属系列"), EditableChoiceField([""] + list_series()))
        basics.add("kind", tr("活动类别"), ChoiceField(codes.OUTREACH_KINDS, blank=tr("请选择")), required=True)
        basics.add("start_date", tr("开始日期"), DateField(), required=True)
        basics.add("end_date", tr("结束日期"), DateField())
        basics.add("place", tr("地点"), TextField(200))
        basics.add("region", tr("帮扶地区"), TextField(100, tr("如：日喀则")), column=1)
        basics.add("co_organisers", tr("联合主办单位"), TextField(300, tr("如：市乡村振兴局")), column=1)
        basics.add("section", tr("汇报栏目"), SectionField(), column=1)
        basics.add("highlight", tr("亮点"), CheckField(tr("列为亮点（情况汇报中先写）")), column=1)
        outcomes = basics.add("outcomes", tr("成效"), NotesField(lines=4), column=1)
        outcomes.setPlaceholderText(tr("这次活动取得的成效，会写进情况汇报"))
        tabs.addTab(basics, tr("基本信息"))

        text = self.add_form(Form(1, self))
        text.add("description", tr("活动情况"), MinutesField())
        tabs.addTab(text, tr("活动情况"))

        orgs = self.add_form(Form(1, self))
        self.participations = orgs.add("participations", tr("参与组织"), ParticipationsEditor())
        self.participations.paste_button.clicked.connect(self.paste_names)
        tabs.addTab(orgs, tr("参与组织"))

        extras = QWidget(self)
        box = QVBoxLayout(extras)
        box.setContentsMargins(0, 0, 0, 0)  # the forms have their own, as on the other tabs
        figures_form = self.add_form(Form(1, self))
        self.figures = figures_form.add("figures", tr("指标"), FiguresEditor())
        self.derived = QLabel(self)
        self.derived.setWordWrap(True)
        files_form = self.add_form(Form(1, self))
        files_form.add("attachments", tr("附件"), AttachmentsEditor())
        box.addWidget(figures_form, 1)
        box.addWidget(self.derived)
        box.addWidget(files_form, 1)
        tabs.addTab(extras, tr("指标与附件"))
        self.participations.changed.connect(self.update_derived)
        self.figures.changed.connect(self.update_derived)
        self.tabs = tabs
        return tabs

    def paste_names(self) -> None:
        chosen = PasteNamesDialog.ask(self)
        if chosen:
            self.participations.load_registry()  # 新建 in the paste dialog may have added some
            names = {o["uuid"]: o["name"] for o in self.participations.registry.values()}
            for uuid in chosen:
                self.participations.add(uuid, names.get(uuid, "?"))

    def update_derived(self) -> None:
        """Show what the organisations add up to beside the figures typed, and say where they disagree."""
        participations = self.participations.value()
        try:
            derived = derived_figures(participations)
            clash = disagreements(self.figures.value(), participations)
        except ValidationError:
            self.derived.setText(self.tr("参与组织中有数值填写不正确，暂无法合计。"))
            return
        units = {i["name"]: i["unit"] for i in list_indicators()}
        parts = [f"{name} {with_unit(value, units.get(name, ''))}" for name, value in derived.items()]
        text = self.tr("按参与组织合计：") + "；".join(parts)
        if clash:
            text += "<br><span style='%s'>" % ERROR_STYLE + self.tr("与填写的指标不一致：") + "；".join(
                f"{n} 填写 {with_unit(a, units.get(n, ''))}，合计 {with_unit(b, units.get(n, ''))}"
                for n, (a, b) in clash.items()) + "</span>"
        self.derived.setText(text)

    def load(self, uuid: str) -> dict:
        return get_event(uuid)

    def store(self, data: dict) -> str:
        return save_event(data)
