"""Text pasted into a form with invisible characters no field keeps (controls, U+FFFE/U+FFFF) is saved without
them, by the same rule the imports apply, and the ledger of it writes."""
import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox

from exports.activity_ledger import write_activity_ledger
from models.records.activities import get_activity
from ui.dialogs.activity_dialog import ActivityDialog


def test_a_pasted_title_and_content_are_saved_clean(store, qtbot, tmp_path):
    dialog = ActivityDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field("type").setValue("supervision")
    dialog.field("title").setValue("新任法定代表人\ufffe公示\x07")
    dialog.field("date").setValue(dt.date(2024, 3, 5))
    dialog.field("content").setPlainText("第一段\x0b第二段\uffff\x01")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = get_activity(dialog.saved_uuid)
    assert (saved["title"], saved["content"]) == ("新任法定代表人公示", "第一段\n第二段")
    write_activity_ledger(tmp_path / "台账.xlsx", None, None)
