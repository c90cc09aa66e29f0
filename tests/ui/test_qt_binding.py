"""The Qt binding must keep Python's reference counts whole (PySide6 6.12.0 did not: it crashed at exit)."""
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem


def test_reading_empty_item_data_keeps_none_alive(qapp):
    combo = QComboBox()
    combo.addItem("没有数据")
    item = QTableWidgetItem("x")
    before = sys.getrefcount(None)
    for _ in range(200):
        combo.itemData(0)
        item.data(Qt.ItemDataRole.UserRole)
    assert sys.getrefcount(None) - before >= -5
