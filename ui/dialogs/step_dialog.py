"""Recording one step of a person's path: which step, its date or deciding meeting, the members who took part,
the training's days and hours or the extension's months. The path so far is shown above; the rules' reasons come
back beside the fields."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.records import development_rules as rules
from models.records.development import get_applicant
from models.records.common import ConflictError
from models.records.development_steps import (
    eligible_members,
    meetings_for,
    record_step,
    remove_step,
    step_snapshot,
    step_version,
)
from models.records.validation import ValidationError
from models.store import StoreError
from ui.dialogs.record_dialog import RecordDialog
from ui.editors.fields import ChoiceField, DateField, TextField
from ui.editors.form import Form
from ui.widgets.labels import date_text, label

STEP_LABELS = {kind: step.label for kind, step in rules.STEPS.items()}


class CountField(QSpinBox):
    """A whole number of days, hours or months; 0 shows as 未填 and gives None."""

    def __init__(self, high: int, suffix: str, parent=None):
        super().__init__(parent)
        self.setRange(0, high)
        self.setSuffix(suffix)
        self.setSpecialValueText(self.tr("未填"))

    def value(self):
        return super().value() or None

    def setValue(self, value) -> None:
        super().setValue(int(value or 0))


class PeopleField(QWidget):
    """The members who took part, ticked in a list of those the rules allow on the step's day."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: dict[str, str] = {}  # uuid → name of members ticked before (who may no longer be offered)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: gray;")
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setMaximumHeight(self.fontMetrics().height() * 6 + 12)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.hint)
        box.addWidget(self.list)
        self.setFocusProxy(self.list)

    def offer(self, members: list[dict], names: dict[str, str]) -> None:
        """The members to choose from; those ticked before stay listed (and ticked) even when no longer offered."""
        ticked = self.value()
        self.list.clear()
        shown = {m["uuid"]: m["name"] for m in members}
        shown.update({u: names.get(u, u[:8]) for u in ticked if u not in shown})
        for uuid, name in shown.items():
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            item.setCheckState(Qt.CheckState.Checked if uuid in ticked else Qt.CheckState.Unchecked)

    def value(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def setValue(self, value) -> None:
        wanted = set(value or [])
        missing = [u for u in wanted if u not in {self.list.item(i).data(Qt.ItemDataRole.UserRole)
                                                 for i in range(self.list.count())}]
        for uuid in missing:
            item = QListWidgetItem(self.names.get(uuid, uuid[:8]), self.list)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)


class StepDialog(RecordDialog):
    TITLE = "登记发展党员步骤"
    COLUMNS = 1

    def __init__(self, parent, applicant: str, kind: str | None = None):
        self.applicant = get_applicant(applicant)
        self.names = {u: n for s in self.applicant["steps"].values() for u, n in zip(s["people"], s["names"])}
        nxt = self.applicant["next"]
        self.kind = kind or (nxt["kind"] if nxt else "full")
        self.removed = False
        super().__init__(parent, None, None)
        self.setWindowTitle(self.tr("%1：发展党员步骤").replace("%1", self.applicant["name"]))
        self.remove_button = self.buttons.addButton(self.tr("删除此步骤"), QDialogButtonBox.ButtonRole.ResetRole)
        self.remove_button.setToolTip(self.tr("删除已登记的这一步（只能从最后一步往前删；可以撤销）"))
        self.remove_button.clicked.connect(self.remove)
        self._fit()  # the meetings and members to choose from first, then the step as recorded
        self.set_values(self._values(self.kind))
        self.field("kind").currentIndexChanged.connect(lambda _: self._kind_changed())
        self.field("date").changed.connect(self._offer_people)
        self._initial = self._opened = self.values()

    # -- the form ------------------------------------------------------------
    def build_body(self) -> QWidget:
        body = QWidget(self)
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        self.path = QLabel(body)
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.path)
        form = self.add_form(Form(1, body))
        tr = self.tr
        form.add("kind", tr("步骤"), ChoiceField(STEP_LABELS), required=True)
        form.add("date", tr("日期"), DateField(), required=True)
        form.add("meeting", tr("决定会议"), ChoiceField({}, blank=tr("未关联会议")))
        form.add("people", tr("相关人员"), PeopleField())
        form.add("days", tr("培训天数"), CountField(366, tr(" 天")))
        form.add("hours", tr("培训学时"), CountField(10000, tr(" 学时")))
        form.add("months", tr("延长预备期"), CountField(12, tr(" 个月")))
        form.add("note", tr("说明"), TextField(200))
        box.addWidget(form)
        return body

    def _values(self, kind: str) -> dict:
        """A step as recorded (empty when it is not), its version noted: a save over a newer one is refused."""
        self.version = step_version(self.applicant["uuid"], kind)
        found = step_snapshot(self.applicant["uuid"], kind)
        return {"kind": kind, **(found or {"date": None, "meeting": None, "people": [], "days": None, "hours": None,
                                          "months": None, "note": ""})}

    def _kind_changed(self) -> None:
        self.kind = self.field("kind").value()
        self._fit()
        self.set_values(self._values(self.kind))
        self.form.clear_errors()
        self.message.hide()

    def _fit(self) -> None:
        """The fields this step has, its meetings and members offered, and the path so far above."""
        rule, tr = rules.STEPS[self.kind], self.tr
        meeting = self.field("meeting")
        chosen = meeting.value()
        meeting.blockSignals(True)
        meeting.clear()
        meeting.addItem(tr("未关联会议"), "")
        for m in meetings_for(self.kind):
            meeting.addItem(f"{date_text(m['date'])} {m['title']}", m["uuid"])
        meeting.setValue(chosen)
        meeting.blockSignals(False)
        meeting.setToolTip(tr("选择%1的会议记录；日期可以不填，按会议日期登记").replace(
            "%1", label(rules.MEETINGS[rule.meeting])) if rule.meeting else "")
        for key, shown in (("meeting", bool(rule.meeting)), ("people", bool(rule.people[1])),
                           ("days", self.kind == "training"), ("hours", self.kind == "training"),
                           ("months", self.kind == "extend")):
            holder = self.field(key).parentWidget()
            self.form.columns[0].setRowVisible(holder, shown)
        people = self.field("people")
        people.names = self.names
        low, high = rule.people
        people.hint.setText(tr("%1：%2名%3").replace("%1", rule.role).replace(
            "%2", str(low) if low == high else f"{low}—{high}").replace(
            "%3", tr("正式党员") if rule.full_members else tr("党员")) if high else "")
        self._offer_people()
        self.remove_button.setVisible(self.kind in self.applicant["steps"])
        self.path.setText(self._path_text())

    def _offer_people(self) -> None:
        if rules.STEPS[self.kind].people[1]:
            day = self.field("date").day()
            self.field("people").offer(eligible_members(self.kind, day), self.names)

    def _step_text(self, step: dict) -> str:
        """A step as recorded, in a few words: its date and who took part."""
        who = self.describe("people", step.get("people"))
        return date_text(step["date"]) + (self.tr("（%1）").replace("%1", who) if who else "")

    def _path_text(self) -> str:
        a, tr = self.applicant, self.tr
        lines = [tr("<b>%1</b>　%2　申请日期 %3").replace("%1", a["name"]).replace("%2", label(a["stage_label"]))
                 .replace("%3", date_text(a["applied_on"]))]
        for kind, step in ((k, a["steps"][k]) for k in rules.STEPS if k in a["steps"]):
            who = ("（" + "、".join(step["names"]) + "）") if step["names"] else ""
            lines.append(f"{date_text(step['date'])}　{label(step['label'])}{who}")
        nxt = a["next"]
        if nxt:
            when = (tr("应于%1前").replace("%1", date_text(nxt["due"])) if nxt["due"] else
                    tr("最早%1").replace("%1", date_text(nxt["earliest"])) if nxt["earliest"] else "")
            lines.append(tr("下一步：%1 %2（%3）").replace("%1", label(nxt["label"])).replace("%2", when)
                         .replace("%3", nxt["rule"]))
        return "<br>".join(lines)

    # -- saving -----------------------------------------------------------------
    def store(self, data: dict) -> str:
        kind, version = data.pop("kind"), data.pop("version", None)
        record_step(self.applicant["uuid"], kind, data, version)
        return self.applicant["uuid"]

    def settle(self, e: ConflictError) -> bool:
        """Recorded anew on another PC meanwhile: both shown (RecordDialog.settle); taken back meanwhile: said, and
        saving again records what is typed."""
        if e.stored is not None:
            return super().settle(e)
        self._gone(e)
        return False

    def _gone(self, e: ConflictError) -> None:
        self.version = ""
        self.remove_button.setVisible(False)
        self.message.setText(self.tr("这一步已被%1在其他电脑上删除，您填写的内容没有保存，仍保留在表单中；"
                                     "再次点“保存”即按表单内容重新登记。").replace("%1", e.by or self.tr("他人")))
        self.message.show()

    def describe(self, key: str, value) -> str:
        if key == "people":  # members by name, not by id
            people = self.field("people")
            shown = {people.list.item(i).data(Qt.ItemDataRole.UserRole): people.list.item(i).text()
                     for i in range(people.list.count())}
            return "、".join(shown.get(u) or self.names.get(u, u[:8]) for u in value or [])
        return super().describe(key, value)

    def remove(self) -> None:
        label_text = label(rules.STEPS[self.kind].label)
        if QMessageBox.question(self, self.windowTitle(), self.tr("删除已登记的“%1”？").replace("%1", label_text)) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_step(self.applicant["uuid"], self.kind, self.version)
        except ConflictError as e:  # changed meanwhile: what it holds now is said; pressing again takes it back
            if e.stored is None:
                self._gone(e)
                return
            self.version = e.stored["version"]
            self.message.setText(self.tr("这一步已被%1在其他电脑上修改，现为：%2。没有删除；如仍要删除，请再点“删除此步骤”。")
                                 .replace("%1", e.by or self.tr("他人")).replace("%2", self._step_text(e.stored)))
            self.message.show()
            return
        except ValidationError as e:
            self.show_errors(e.errors)
            return
        except StoreError as e:
            QMessageBox.warning(self, self.windowTitle(), str(e))
            return
        self.removed = True
        self.saved_uuid = self.applicant["uuid"]
        self._initial = self.values()
        self.accept()

    @classmethod
    def ask(cls, parent, applicant: str, kind: str | None = None) -> str | None:
        dialog = cls(parent, applicant, kind)
        return dialog.saved_uuid if dialog.exec() == cls.DialogCode.Accepted else None
