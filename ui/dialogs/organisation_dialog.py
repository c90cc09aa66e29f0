"""The social organisation form: registration, party organisation, evaluation and contact."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QTabWidget, QWidget

from models.records import codes, common as records
from models.records.coverage import history_rows
from models.records.organisations import get_organisation, save_organisation
from models.records.party_orgs import joint_branches
from models.records.outreach import organisation_history
from models.reporting.numbers import with_unit
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField, NotesField, TextField
from ui.editors.form import Form
from ui.widgets.labels import code_label, date_text


class OrganisationDialog(RecordDialog):
    TITLE = "社会组织信息"

    def build_form(self, form: Form) -> None:
        tr = self.tr
        form.add("name", tr("名称"), TextField(100), required=True)
        form.add("credit_code", tr("统一社会信用代码"), TextField(40, tr("18 位，如 51330100MJ0000000X")))
        form.add("kind", tr("类型"), ChoiceField(codes.ORG_KINDS, blank=tr("请选择")), required=True)
        form.add("registered_on", tr("登记日期"), DateField())
        form.add("legal_rep", tr("法定代表人"), TextField(50))
        form.add("grade", tr("评估等级"), ChoiceField(codes.GRADES))
        form.add("address", tr("地址"), TextField(200))
        form.add("party_org", tr("党组织情况"), ChoiceField(codes.PARTY_ORGS), column=1)
        joint = ChoiceField({"": tr("（无）"), **joint_branches()})
        joint.setToolTip(tr("本组织所属的联合党支部。党组织情况为“联合党支部”而此处为“（无）”时，新建一个以本组织命名的"
                            "联合党支部；联合党支部也可在“党建覆盖”页新建和调整"))
        form.add("joint_branch", tr("所属联合党支部"), joint, column=1)
        form.add("instructor", tr("党建工作指导员"), TextField(50), column=1)
        changed = DateField()
        changed.setToolTip(tr("党组织情况或党建工作指导员有变化时，变化生效的日期（默认今天）；"
                              "变化按日期记入党建覆盖的历史"))
        form.add("changed_on", tr("变更日期"), changed, column=1)
        form.add("contact_person", tr("联系人"), TextField(50), column=1)
        form.add("contact_phone", tr("联系电话"), TextField(30), column=1)
        form.add("notes", tr("备注"), NotesField(), column=1)
        form.fields["party_org"].setValue("none")
        form.fields["changed_on"].setValue(records.today())
        # the two choices agree: a joint branch chosen makes it 联合党支部, another 党组织情况 leaves the branch
        form.fields["party_org"].currentIndexChanged.connect(lambda _: self._party_org_chosen())
        form.fields["joint_branch"].currentIndexChanged.connect(lambda _: self._joint_chosen())

    def _party_org_chosen(self) -> None:
        if self.form.fields["party_org"].value() != "joint":
            self.form.fields["joint_branch"].setValue("")

    def _joint_chosen(self) -> None:
        if self.form.fields["joint_branch"].value():
            self.form.fields["party_org"].setValue("joint")

    def build_body(self) -> QWidget:
        form = super().build_body()
        if not self.uuid:
            return form
        tabs = QTabWidget(self)
        tabs.addTab(form, self.tr("基本信息"))
        tabs.addTab(self._history(), self.tr("参与的联建活动"))
        tabs.addTab(self._party_history(), self.tr("党组织与指导员变化"))
        return tabs

    def _party_history(self) -> QTableWidget:
        """The party organisations that covered it and its instructors, from when until when."""
        rows = history_rows(self.uuid)
        headers = [self.tr(t) for t in ("事项", "名称", "类型", "起始日期", "截止日期")]
        table = QTableWidget(len(rows), len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column in range(len(headers)):
            table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().hide()
        for i, r in enumerate(rows):
            cells = (self.tr(r["what"]), r["name"], code_label(codes.PARTY_ORG_KINDS, r["kind"]) if r["kind"] else "",
                     date_text(r["date_from"]), date_text(r["date_to"]) if r["date_to"] else self.tr("至今"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(i, column, item)
        self.party_history = table
        return table

    def _history(self) -> QTableWidget:
        """The events this organisation took part in and what it gave."""
        rows = organisation_history(self.uuid)
        headers = [self.tr(t) for t in ("日期", "活动", "系列", "角色", "捐赠资金", "物资价值", "提供岗位")]
        table = QTableWidget(len(rows), len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column in range(len(headers)):  # dates, roles and figures fit their text; event and series share the rest
            table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column in (1, 2) else QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().hide()
        money = lambda fen: "" if fen is None else with_unit(fen, "元")  # noqa: E731
        for i, r in enumerate(rows):
            cells = (date_text(r["start_date"]), r["title"], r["series"], code_label(codes.ROLES, r["role"]),
                     money(r["money_fen"]), money(r["in_kind_fen"]), "" if r["jobs"] is None else str(r["jobs"]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long event or series name ends in … in its cell
                table.setItem(i, column, item)
        self.history = table
        return table

    def load(self, uuid: str) -> dict:
        return get_organisation(uuid)

    def store(self, data: dict) -> str:
        return save_organisation(data)
