"""The 汇报导出 page: pick the period, edit the title and each section's lead paragraph, preview, save."""
from __future__ import annotations

import datetime as dt
import html
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.records.common import NotFound
from models.records.settings import branch_settings, list_sections, save_branch_settings
from models.records.validation import ValidationError
from models.reporting.report_choice import PERIOD_KINDS, ReportChoice, last_choice, remember_choice
from models.reporting.section_texts import get_section_text, period_key, period_label, save_section_text
from models.store import safe_file_name
from ui import exporting, files
from ui import read_only
from ui.editors.fields import DateField
from ui.tasks import run_task
from ui.widgets.labels import label
from ui.widgets.mnemonics import WINDOW_MENUS, Mnemonics
from ui.widgets.pdf_preview import PdfPreview

APPENDICES = (("activities", "支部活动台账"), ("study", "学习会台账"), ("outreach", "联建活动台账"))


class ReportPage(QWidget):
    status = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind = QComboBox(self)
        for code, text in PERIOD_KINDS.items():
            self.kind.addItem(label(text), code)
        self.year = QComboBox(self)
        this_year = dt.date.today().year
        for year in range(this_year, this_year - 11, -1):
            self.year.addItem(self.tr("%1年").replace("%1", str(year)), year)
        self.part = QComboBox(self)
        self.date_from, self.date_to = DateField(self), DateField(self)
        self.title = QLineEdit(self)
        self.title.setClearButtonEnabled(True)
        self.branch = QLabel(self)  # the name is kept in 设置, so there is one place to change it
        self.signer = QLineEdit(self)
        self.signer.setMaxLength(60)
        self.signer.setReadOnly(read_only.active())
        self.signer.setToolTip(self.tr("汇报末尾署名的单位；修改后保存到设置中的“汇报落款单位”，清空则用支部名称"))
        self.signer.editingFinished.connect(self.save_signer)
        self.signed_on = DateField(self)
        self.signed_on.setValue(dt.date.today())
        self.signed_on.setToolTip(self.tr("汇报末尾的日期，默认为今天"))
        self.appendix_boxes = {code: QCheckBox(self.tr(text), self) for code, text in APPENDICES}
        for box in self.appendix_boxes.values():
            box.setChecked(True)
        # A short title: a group box is never narrower than its title, and the form shares the width with the preview.
        self.leads_box = QGroupBox(self.tr("各栏目导语（按报告期保存）"), self)
        self.leads_box.setToolTip(self.tr("导语按报告期保存；新的报告期沿用上一期的文字"))
        self.leads_layout = QFormLayout(self.leads_box)
        self.leads: dict[str, QPlainTextEdit] = {}
        preview, pdf, docx = (QPushButton(self.tr(t), self) for t in ("预览", "导出 PDF…", "导出 Word…"))
        preview.clicked.connect(self.preview)
        pdf.clicked.connect(lambda: self.export(".pdf"))
        docx.clicked.connect(lambda: self.export(".docx"))
        self.pages = PdfPreview(self)

        period, self.span = QHBoxLayout(), QHBoxLayout()  # the span on a row of its own: the form stays narrow
        for widget in (self.kind, self.year, self.part):
            period.addWidget(widget)
        for widget in (self.date_from, QLabel(self.tr("至"), self), self.date_to):
            self.span.addWidget(widget)
        for row in (period, self.span):
            row.addStretch(1)
        self.form = form = QFormLayout()
        self.keys = Mnemonics(WINDOW_MENUS)

        def add_row(text: str, hint: str, field, buddy=None) -> None:  # a caption with its Alt-key
            caption = QLabel(self.keys.caption(text, hint) + self.tr("："), self)
            caption.setBuddy(buddy or field)
            form.addRow(caption, field)
        add_row(self.tr("报告期"), "period", period, self.kind)
        add_row(self.tr("起止日期"), "span", self.span, self.date_from.focusProxy())
        add_row(self.tr("标题"), "title", self.title)
        form.addRow(QLabel(self.tr("支部名称："), self), self.branch)  # shown, not typed here: no key
        add_row(self.tr("落款"), "signer", self.signer)
        dated = QHBoxLayout()
        dated.addWidget(self.signed_on)
        dated.addStretch(1)
        add_row(self.tr("成文日期"), "dated", dated, self.signed_on.focusProxy())
        appendix_row = QHBoxLayout()
        for box in self.appendix_boxes.values():
            appendix_row.addWidget(box)
        appendix_row.addStretch(1)
        add_row(self.tr("附件台账"), "appendix", appendix_row, next(iter(self.appendix_boxes.values())))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (preview, pdf, docx):
            buttons.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(f"<b>{self.tr('汇报导出')}</b>", self))
        left_layout.addLayout(form)
        self.font_note = QLabel(self)  # shown when the bundled font stands in for the office fonts
        self.font_note.setWordWrap(True)
        self.font_note.hide()
        left_layout.addWidget(self.font_note)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.leads_box)
        left_layout.addWidget(scroll, 1)
        left_layout.addLayout(buttons)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 1)  # until there is a preview, the form has the room
        self.splitter.splitterMoved.connect(self._remember_split)
        QVBoxLayout(self).addWidget(self.splitter)

        self._key = None
        self._scratch: tempfile.TemporaryDirectory | None = None  # the previews' PDFs, removed when the program ends
        self._previews = 0
        self._save_timer = QTimer(self, singleShot=True, interval=1500)
        self._save_timer.timeout.connect(self.save_leads)
        self.load_names()
        self.apply_choice(last_choice())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for widget in (self.year, self.part):
            widget.currentIndexChanged.connect(self.period_changed)
        for field in (self.date_from, self.date_to):
            field.changed.connect(self.period_changed)

    # -- the period -------------------------------------------------------------
    def _fill_parts(self) -> None:
        kind = self.kind.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        options = {"half": [("上半年", 1), ("下半年", 2)], "quarter": [(f"第{n}季度", i + 1) for i, n in
                                                                enumerate("一二三四")],
                   "month": [(f"{m}月", m) for m in range(1, 13)]}.get(kind, [])
        for text, value in options:
            self.part.addItem(self.tr(text), value)
        self.part.setVisible(bool(options))
        self.year.setVisible(kind != "custom")
        self.form.setRowVisible(self.span, kind == "custom")
        self.part.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill_parts()
        today = dt.date.today()
        if self.kind.currentData() in ("half", "quarter", "month"):
            index = {"half": (today.month - 1) // 6, "quarter": (today.month - 1) // 3,
                     "month": today.month - 1}[self.kind.currentData()]
            self.part.setCurrentIndex(index)
        self.period_changed()

    def choice(self) -> ReportChoice:
        return ReportChoice(self.kind.currentData(), self.year.currentData(), self.part.currentData() or 0,
                            self.date_from.day(), self.date_to.day())

    def apply_choice(self, choice: ReportChoice) -> None:
        for widget in (self.kind, self.year, self.part):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(choice.kind)))
        self._fill_parts()
        self.year.setCurrentIndex(max(0, self.year.findData(choice.year)))
        self.part.setCurrentIndex(max(0, self.part.findData(choice.part)))
        for widget in (self.date_from, self.date_to):
            widget.blockSignals(True)
        self.date_from.setValue(choice.date_from)
        self.date_to.setValue(choice.date_to)
        for widget in (self.kind, self.year, self.part, self.date_from, self.date_to):
            widget.blockSignals(False)
        self.period_changed()

    def period_changed(self) -> None:
        """Keep what was typed for the old period, then show the new period's title and lead paragraphs."""
        self.save_leads()
        start, end = self.choice().range()
        if start is None or end is None or end < start:
            self.status.emit(self.tr("请填写正确的起止日期"))
            return
        self._key = period_key(start, end)
        branch = branch_settings()["branch_name"].strip() or self.tr("党支部")
        self.title.setPlaceholderText(self.tr("关于%1%2党建工作情况的汇报").replace("%1", branch)
                                      .replace("%2", period_label(start, end)))
        self.load_leads()
        self.pages.clear()

    # -- branch name and signature ---------------------------------------------
    def load_names(self) -> None:
        """The branch name as set in 设置, and the 落款: the office name set there, else the branch name."""
        names = branch_settings()
        branch, office = names["branch_name"].strip(), names["office_name"].strip()
        self.branch.setText(html.escape(branch or self.tr("未填写（汇报中写作“党支部”）"))
                            + "　<span style='color:gray'>" + self.tr("在“设置”中修改") + "</span>")
        self.signer.setText(office or branch)
        self.signer.setPlaceholderText(self.tr("党支部"))

    def save_signer(self) -> None:
        """Keep an edited 落款 in settings; left as shown (the branch name), it keeps following that name."""
        if read_only.active():
            return
        names = branch_settings()
        typed = self.signer.text().strip()
        if typed == (names["office_name"].strip() or names["branch_name"].strip()):
            return
        try:
            save_branch_settings({"office_name": typed})
        except ValidationError as e:
            QMessageBox.warning(self, self.tr("汇报导出"), next(iter(e.errors.values())))
            return
        self.load_names()
        self.status.emit(self.tr("落款已保存"))

    # -- lead paragraphs --------------------------------------------------------
    def load_leads(self) -> None:
        while self.leads_layout.rowCount():
            self.leads_layout.removeRow(0)
        self.leads = {}
        keys = Mnemonics("".join(self.keys.taken))  # the sections' own letters, after the form's
        for section in list_sections():
            editor = QPlainTextEdit(self.leads_box)
            editor.setPlaceholderText(self.tr("本栏目的导语（可不填），如本期工作的总体情况"))
            editor.setPlainText(get_section_text(section["uuid"], self._key))
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 5 + 12)
            editor.textChanged.connect(self._save_timer.start)
            editor.setReadOnly(read_only.active())
            self.leads_layout.addRow(keys.caption(section["name"]) + "：", editor)
            self.leads[section["uuid"]] = editor

    def save_leads(self) -> None:
        """Keep what was typed under the period shown (sections removed in 设置 meanwhile are skipped)."""
        if self._key is None or read_only.active():
            return
        for uuid, editor in self.leads.items():
            try:
                if editor.toPlainText() != get_section_text(uuid, self._key) or editor.toPlainText():
                    save_section_text(uuid, self._key, editor.toPlainText())
            except NotFound:
                continue

    def showEvent(self, event) -> None:
        self.load_names()  # names may have been changed in 设置
        self.period_changed()  # and sections renamed there
        self.show_font_note()  # and font files chosen there
        super().showEvent(event)

    def show_font_note(self) -> None:
        """Tell the person when the PDF will print in the bundled font, and where to choose the office fonts."""
        from exports.fonts import report_font_notice
        note = report_font_notice()
        self.font_note.setText(note)
        self.font_note.setVisible(bool(note))

    def hideEvent(self, event) -> None:
        self.save_leads()  # leaving the page or closing the window keeps what was typed
        super().hideEvent(event)

    # -- making the report ------------------------------------------------------
    def _work(self, path: Path):
        from exports.report import write_report
        start, end = self.choice().range()
        title = self.title.text().strip() or None
        appendices = tuple(code for code, box in self.appendix_boxes.items() if box.isChecked())
        signed_on = self.signed_on.day()  # left empty: today
        return lambda progress: write_report(path, start, end, title, appendices, progress, signed_on=signed_on)

    def default_name(self, suffix: str) -> str:
        start, end = self.choice().range()
        return safe_file_name(period_label(start, end) + self.tr("党建工作情况汇报")) + suffix

    def ready(self) -> bool:
        """The period and the date make sense, and the 落款 typed is saved for the report to read."""
        start, end = self.choice().range()
        if start is None or end is None or end < start:
            QMessageBox.warning(self, self.tr("汇报导出"), self.tr("请填写正确的起止日期：截止日期不能早于起始日期。"))
            return False
        if self.signed_on.value() and not self.signed_on.day():
            QMessageBox.warning(self, self.tr("汇报导出"), self.tr("成文日期无法识别，请按 2022-09-30 的格式填写。"))
            return False
        self.save_signer()  # the report reads the 落款 from settings
        return True

    def preview(self) -> None:
        if not self.ready():
            return
        self.save_leads()
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="report-preview-", ignore_cleanup_errors=True)
        self._previews += 1  # a new name each time: the pages of the last one may still be rendering
        path = Path(self._scratch.name) / f"preview-{self._previews}.pdf"
        write = self._work(path)  # read the widgets here, on the GUI thread

        def work(progress):
            from exports.pdf_pages import page_sizes
            write(progress)
            return path, page_sizes(path)
        run_task(self, self.tr("正在生成预览…"), work, self.show_preview, self.failed)

    def show_preview(self, result) -> None:
        """The pages, with most of the width (or as much as the person last gave them), ready for PgDn and zoom."""
        self.pages.load(*result)
        state = QSettings().value("report/splitter")
        if state is None or not self.splitter.restoreState(state):
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([total // 3, total - total // 3])  # the form keeps its least width
        self.pages.view.setFocus()

    def _remember_split(self) -> None:
        if self.pages.view.sizes:  # how wide a preview is wanted; moving the empty column says nothing of that
            QSettings().setValue("report/splitter", self.splitter.saveState())

    def export(self, suffix: str, path: Path | None = None) -> None:
        if not self.ready():
            return
        self.save_leads()
        if not read_only.active():  # the period is remembered for next time only where the account may write
            remember_choice(self.choice())
        kind = self.tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else self.tr("Word 文档 (*.docx)")
        if path is None:
            self._folder_note = ""  # the person chooses the folder in the dialog
        path = path or files.ask_save_path(self, self.tr("导出汇报"), self.default_name(suffix), kind)
        if path is None:
            return
        run_task(self, self.tr("正在生成汇报…"), self._work(path), self.exported, self.failed)

    def one_click(self) -> None:
        """导出汇报: the report of the last period used (or this year) straight into Documents, then open it."""
        folder, self._folder_note = files.output_folder()
        self.export(".pdf", free_name(folder / self.default_name(".pdf")))

    def exported(self, path) -> None:
        note, self._folder_note = getattr(self, "_folder_note", ""), ""
        self.status.emit(self.tr("汇报已保存：%1").replace("%1", str(path)) + note)
        files.open_in_viewer(Path(path))

    def failed(self, error: Exception) -> None:
        from exports.fonts import FontError
        from exports.report import ReportError
        if isinstance(error, (ReportError, FontError)):
            QMessageBox.warning(self, self.tr("导出失败"), str(error))
            return
        exporting.failed(self, error)


def free_name(path: Path) -> Path:
    """The path, or 'name (2).pdf' … when a file of that name exists (it may be open in a viewer)."""
    if not path.exists():
        return path
    n = 2
    while path.with_name(f"{path.stem}（{n}）{path.suffix}").exists():
        n += 1
    return path.with_name(f"{path.stem}（{n}）{path.suffix}")
