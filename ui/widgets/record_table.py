"""A table model over rows from models/, fetched a page at a time so 100,000 rows open at once."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.records.common import AtLeast, ListQuery

DATE = "0000-00-00"  # a date column's sample


@dataclass
class Column:
    key: str
    title: str
    render: Callable[[dict], str] = None
    sortable: bool = True
    chars: int = 0  # starting width in characters (a fill column's least width); 0 fits the title
    sample: str = ""  # a value as wide as the column's widest (a date, a phone number): the column fits it
    fill: bool = False  # takes the width the other columns leave, so the table needs no sideways scrolling
    align: Qt.AlignmentFlag = field(default=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def text(self, row: dict) -> str:
        if self.render:
            return self.render(row)
        value = row.get(self.key)
        return "" if value is None else str(value)


class RecordTableModel(QAbstractTableModel):
    PAGE = 100
    UuidRole = Qt.ItemDataRole.UserRole + 1
    ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole, UuidRole}

    def __init__(self, columns: list[Column], count: Callable, fetch: Callable, parent=None,
                 query: ListQuery | None = None):
        super().__init__(parent)
        self.columns = columns
        self._count, self._fetch = count, fetch
        self.query = query or ListQuery()
        self.rows: list[dict] = []
        self._total: int | None = 0
        self.loaded = False
        self._fetching = False

    @property
    def total(self) -> int:
        """How many rows the query matches, counted when first asked (a full page may have more behind it)."""
        if self._total is None:
            self._total = self._count(self.query)
        return self._total

    def counted(self) -> bool:
        return self._total is not None

    def _more_behind(self) -> bool:
        """Whether rows may follow those loaded: not counted yet, or counted only up to a cap (AtLeast)."""
        return self._total is None or isinstance(self._total, AtLeast) or len(self.rows) < self._total

    # -- what the view asks -------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # The role first: a paint asks for a dozen roles per cell, and most of them are answered with None.
        if role not in self.ROLES or not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == self.UuidRole:
            return row.get("uuid")
        return column.text(row)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return section + 1

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self._fetching and self._more_behind()

    def fetchMore(self, parent=QModelIndex()) -> None:
        # Views and testers may ask for more from inside the insert signals: one fetch at a time.
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        try:
            start = len(self.rows)
            more = self._fetch(self.query, start, self.PAGE)
            if not more:
                self._total = start
                return
            if (self._total is None or isinstance(self._total, AtLeast)) and len(more) < self.PAGE:
                self._total = start + len(more)  # a short page is the last one
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        self.query.sort = self.columns[column].key
        self.query.descending = order == Qt.SortOrder.DescendingOrder
        if self.loaded:  # a view turning sorting on asks for a sort before anything was read
            self.reload()

    # -- what the page asks -------------------------------------------------
    def set_filter(self, text: str) -> None:
        if text != self.query.text:
            self.query.text = text
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        self.beginResetModel()
        # The first rows first; the count waits until someone asks (the page asks once they are painted).
        self.rows = self._fetch(self.query, 0, self.PAGE)
        self._total = len(self.rows) if len(self.rows) < self.PAGE else None
        self.endResetModel()

    def refetch(self) -> None:
        """Read again as many rows as are loaded (someone changed the store under them), in one reset."""
        count = max(len(self.rows), self.PAGE)
        rows = self._fetch(self.query, 0, count)
        self.loaded = True
        self.beginResetModel()
        self.rows = rows
        self._total = len(rows) if len(rows) < count else None
        self.endResetModel()

    def row_at(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, uuid: str) -> int:
        """The row showing that record among those loaded so far, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.get("uuid") == uuid), -1)
