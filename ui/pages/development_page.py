"""The 发展党员 page: the people on the path by stage, each with their next step and when it is due; a person's
form, the form of a step, and the 发展党员工作台账."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton

from models.records import common as records
from models.records.common import NotFound
from models.records.development import (
    FILTERS,
    ApplicantQuery,
    applicant_snapshot,
    count_applicants,
    delete_applicant,
    erase_applicant,
    list_applicants,
    restore_applicant,
    save_applicant,
)
from models.records.development_rules import SHORT, STEPS
from models.records.development_steps import put_step, step_snapshot, step_version
from ui.dialogs.applicant_dialog import ApplicantDialog
from ui.exporting import XLSX, export_file
from ui.pages.record_page import RecordPage
from ui.undo import VersionedStep
from ui.widgets.labels import date_text, label
from ui.widgets.record_table import DATE, Column

STATES = {"overdue": ("已逾期", "#c62828"), "due_soon": ("即将到期", "#ef6c00"), "ready": ("可以办理", "#2e7d32"),
          "waiting": ("未到时间", "#616161"), "open": ("待办理", "#616161")}


class DevelopmentPage(RecordPage):
    TITLE = "发展党员"
    NOUN = "入党申请人"
    FILTER_HINT = "筛选：姓名、工作单位、职务、电话、备注（Ctrl+F）"
    DIALOG = ApplicantDialog
    KIND = "applicant"

    def columns(self) -> list[Column]:
        tr = self.tr
        nxt = lambda r: r["next"] or {}  # noqa: E731 - a row at the path's end has no next step
        return [
            Column("name", tr("姓名"), chars=4),
            Column("applied_on", tr("申请日期"), lambda r: date_text(r["applied_on"]), sample=DATE),
            Column("stage", tr("当前阶段"), lambda r: label(r["stage_label"]), chars=6),
            Column("stage_date", tr("阶段日期"), lambda r: date_text(r["stage_date"]), sample=DATE),
            # the short names, so a 1024×768 screen at 125 % needs no sideways scrolling
            Column("next", tr("下一步"), lambda r: label(SHORT[r["next"]["kind"]]) if r["next"] else tr("已完成"),
                   sortable=False, chars=6),
            Column("next_date", tr("办理日期"), lambda r: self._when(nxt(r)), sample=DATE + tr(" 前")),
            Column("state", tr("状态"), lambda r: tr(STATES[nxt(r)["state"]][0]) if r["next"] else "",
                   sortable=False, chars=4),
            Column("workplace", tr("工作单位"), chars=5, fill=True),
        ]

    def _when(self, step: dict) -> str:
        if step.get("due"):
            return self.tr("%1 前").replace("%1", date_text(step["due"]))
        return self.tr("%1 起").replace("%1", date_text(step["earliest"])) if step.get("earliest") else ""

    def make_query(self) -> ApplicantQuery:
        return ApplicantQuery(sort="applied_on")

    def add_filters(self, layout: QHBoxLayout) -> None:
        self.choice_filter(layout, "stage", self.tr("阶段"), FILTERS)

    def extra_buttons(self) -> list:
        step = QPushButton(self.tr("登记步骤…"), self)
        step.setToolTip(self.tr("为选中的人登记下一步（谈话、确定积极分子、发展对象、培训、接收预备党员、转正），"
                                "或修改已登记的步骤"))
        step.clicked.connect(lambda: self.record_step())  # not clicked's checked flag as the uuid
        self.step_button = step
        ledger = QPushButton(self.tr("导出台账…"), self)
        ledger.setToolTip(self.tr("把发展党员工作台账（每人的各个步骤、会议和相关人员）导出为 Excel"))
        ledger.clicked.connect(self.export_ledger)
        return [step, ledger]

    def _selection_changed(self) -> None:
        super()._selection_changed()
        if hasattr(self, "step_button"):  # the model may reset before the page's own buttons are made
            self.step_button.setEnabled(self.current_row() is not None)

    # -- the records -----------------------------------------------------------
    def count(self, query) -> int:
        return count_applicants(query)

    def fetch(self, query, offset: int, limit: int) -> list[dict]:
        return list_applicants(query, offset, limit)

    def remove(self, uuid: str, version: str | None = None) -> None:
        delete_applicant(uuid, version)

    def snapshot(self, uuid: str) -> dict:
        return applicant_snapshot(uuid)

    def put_back(self, data: dict) -> None:
        save_applicant(data)

    def erase(self, uuid: str, version: str | None = None) -> None:
        erase_applicant(uuid, version)

    def restore(self, uuid: str) -> None:
        restore_applicant(uuid)

    # -- steps -------------------------------------------------------------------
    def open_uuid(self, uuid: str) -> None:
        """From the home page or 数据检查: the person chosen, and the form of their next step."""
        self.select_uuid(uuid)
        self.record_step(uuid)

    def record_step(self, uuid: str | None = None) -> None:
        from ui.dialogs.step_dialog import StepDialog
        row = self.current_row() if uuid is None else {"uuid": uuid}
        if not row:
            return
        uuid = row["uuid"]
        try:
            dialog = StepDialog(self, uuid)
        except NotFound:
            QMessageBox.warning(self, self.tr(self.TITLE), self.tr("这条记录已不存在，列表将刷新。"))
            self.model.reload()
            return
        name, before, replaced = dialog.applicant["name"], {k: step_snapshot(uuid, k) for k in STEPS}, []
        dialog.replaced = lambda: replaced.append(True)
        if dialog.exec() != dialog.DialogCode.Accepted:
            self.watch.look()  # a step recorded elsewhere meanwhile shows in the list at once
            return
        kind = dialog.kind
        after, key = step_snapshot(uuid, kind), ("step", uuid, kind)
        self.remember_keys([key])
        what = label(STEPS[kind].label)
        text = (self.tr("删除%1的“%2”") if after is None else self.tr("登记%1的“%2”")).replace(
            "%1", name).replace("%2", what)
        if replaced:  # undo would put back the state before someone else's change, not the one replaced
            self.reload()
            self.select_uuid(uuid)
            self.changed.emit()
            self.status.emit(self.tr("已") + text + self.tr("（替换了他人同时保存的内容，这次修改不能撤销）"))
        elif after != before[kind]:
            self.undo_stack.push(VersionedStep(self, text, uuid, [key],
                                               lambda v: put_step(uuid, kind, before[kind], v[key]),
                                               lambda v: put_step(uuid, kind, after, v[key])))
            self.reload()
            self.select_uuid(uuid)
            self.changed.emit()
            self.status.emit(self.tr("已") + text)

    def remember_keys(self, keys) -> None:
        """Note the versions this page's own change left steps at: undo and redo put back over those only."""
        for key in keys:
            self.versions[key] = step_version(*key[1:])

    def conflict_text(self, e: records.ConflictError) -> str:
        """A step refused over someone else's change: who, and what it holds now."""
        now = self.tr("已删除") if e.stored is None else self.tr("日期为%1").replace("%1", date_text(e.stored["date"]))
        return self.tr("%1已被%2在其他电脑上修改，现%3").replace("%1", getattr(e, "what", "")).replace(
            "%2", e.by or self.tr("他人")).replace("%3", now)

    def export_ledger(self) -> None:
        from exports.development_ledger import write_development_ledger
        export_file(self, "导出发展党员工作台账", "发展党员工作台账.xlsx", XLSX, lambda path: write_development_ledger(path))
