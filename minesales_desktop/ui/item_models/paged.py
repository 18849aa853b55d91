"""A lazy table model over a paged service query (CONVENTIONS 6).

The model never holds a whole table: it knows the total row count and keeps the pages it has
fetched (200 rows each, a bounded number of them). A row that scrolls into view asks the database
worker for its page; until it arrives the row shows nothing. Sorting and filtering are done by the
service in SQL; changing either resets the model with a fresh count.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.tasks import Job, TaskManager
from minesales_desktop.ui.format import display

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex

Fetch = Callable[[Any, PageRequest], Page[Any]]


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, how to read its value from a row, and the SQL sort key (or None
    when the service cannot sort by it)."""

    header: str
    value: Callable[[T], Any]
    sort_key: str | None = None
    align_right: bool = False
    tooltip: Callable[[T], str | None] | None = None


def cell(
    column: Column[Any],
    item: Any,
    role: int,
    highlight: Callable[[Any], QColor | None] | None,
) -> Any:
    """What a table shows of one row object in one column for one role (both models)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return display(column.value(item))
    if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
        return column.tooltip(item)
    if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if role == Qt.ItemDataRole.BackgroundRole and highlight is not None:
        color = highlight(item)
        return QBrush(color) if color is not None else None
    if role == Qt.ItemDataRole.UserRole:
        return item
    return None


class PagedTableModel(QAbstractTableModel):
    loaded = Signal(int)  # total rows, after a reset
    PAGE_SIZE = 200
    MAX_PAGES = 25  # at most 5 000 rows in memory, whatever the table size

    def __init__(
        self,
        tasks: TaskManager,
        columns: Sequence[Column[Any]],
        fetch: Fetch,
        *,
        highlight: Callable[[Any], QColor | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._columns = list(columns)
        self._fetch = fetch
        self._highlight = highlight
        self._total = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._requested: dict[int, Job] = {}
        self._generation = 0
        self._sort: str | None = None
        self._descending = False
        self.last_fetch_ms = 0.0

    # --- the query ---------------------------------------------------------------------------
    def set_fetch(self, fetch: Fetch) -> None:
        """A new search or filter: count again and start from the first page."""
        self._fetch = fetch
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        for job in self._requested.values():
            job.cancel()
        self._requested.clear()
        request = PageRequest(0, self.PAGE_SIZE, self._sort, self._descending)
        fetch = self._fetch

        def done(page: Page[Any]) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._total = page.total
            self._pages.clear()
            self._pages[0] = list(page.items)
            self.endResetModel()
            self.loaded.emit(self._total)

        job = self._tasks.run(lambda s: fetch(s, request), done, label="page 0")
        self._requested[-1] = job

    def _request_page(self, page_no: int) -> None:
        if page_no in self._requested:
            return
        generation = self._generation
        request = PageRequest(
            page_no * self.PAGE_SIZE, self.PAGE_SIZE, self._sort, self._descending
        )
        fetch = self._fetch

        def done(page: Page[Any]) -> None:
            self._requested.pop(page_no, None)
            if generation != self._generation:
                return
            self._pages[page_no] = list(page.items)
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
            first = page_no * self.PAGE_SIZE
            last = min(first + len(page.items), self._total) - 1
            if last >= first:
                self.dataChanged.emit(
                    self.index(first, 0), self.index(last, len(self._columns) - 1)
                )

        self._requested[page_no] = self._tasks.run(
            lambda s: fetch(s, request), done, label=f"page {page_no}"
        )

    # --- reading rows -------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    def row_object(self, row: int) -> Any | None:
        page = self._pages.get(row // self.PAGE_SIZE)
        if page is None:
            return None
        offset = row % self.PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        for page_no, items in self._pages.items():
            for offset, item in enumerate(items):
                if predicate(item):
                    return page_no * self.PAGE_SIZE + offset
        return -1

    # --- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._total):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        item = self.row_object(index.row())
        if item is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request_page(index.row() // self.PAGE_SIZE)
            return None
        return cell(self._columns[index.column()], item, role, self._highlight)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].sort_key is not None


class HeaderSorting(QObject):
    """Header clicks sort a ``PagedTableModel`` in SQL.

    Wired by hand rather than with ``setSortingEnabled``, which would query at once (before a tab
    is first shown) and let columns the service cannot sort by take the indicator: such a click
    puts the indicator back where it was. ``active`` says whether the model may query yet.
    """

    def __init__(
        self,
        table: QTableView,
        model: PagedTableModel,
        column: int,
        order: Qt.SortOrder,
        *,
        active: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._active = active
        self.last = (column, order)
        table.horizontalHeader().sortIndicatorChanged.connect(self._changed)

    def _changed(self, column: int, order: Qt.SortOrder) -> None:
        header = self._table.horizontalHeader()
        header.setSortIndicatorShown(True)
        if self._model.is_sortable(column):
            self.last = (column, order)
            if self._active():
                self._model.sort(column, order)
            return
        header.blockSignals(True)
        header.setSortIndicator(*self.last)
        header.blockSignals(False)


class RowsTableModel(QAbstractTableModel):
    """A small, fully loaded table (a customer's contacts, a contract's shipments …)."""

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        rows: Sequence[Any] = (),
        *,
        highlight: Callable[[Any], QColor | None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows = list(rows)
        self._highlight = highlight

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.row_object(index.row())
        if item is None or not (0 <= index.column() < len(self._columns)):
            return None
        return cell(self._columns[index.column()], item, role, self._highlight)
