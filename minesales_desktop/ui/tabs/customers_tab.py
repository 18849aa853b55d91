"""The customers tab (issue 3, item 2; issue 4, item 2): find a customer among 100 000, see
everything about them, log a visit in two clicks, and never miss a follow-up.

Why it is built this way:

* **Fast at 100 000.** The list is a ``PagedTableModel``: search, filters and sorting run in SQL
  on the database worker and only visible pages come back. Typing restarts a 250 ms debounce; a
  new query bumps the model's generation, which cancels pages of the stale query still queued.
* **Never blocks.** Every read and write goes through ``ctx.tasks``; dialogs are opened with
  ``open()`` so saving happens while the GUI keeps painting. After a write the app-wide
  ``data_changed`` tells this tab what to reload (list, detail, reminders).
* **Follow-ups are in the rep's face.** Rows whose next plan is overdue or due today are tinted,
  the due panel under the list lists them, the count goes to the status bar, and the week plan
  shows the rep's week.

The main window builds it as ``CustomersTab(ctx, parent)``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.customer_overview import (
    CustomerDetailDTO,
    CustomerRow,
    PlanItem,
    customer_detail,
    customer_rows,
    provinces,
)
from minesales_desktop.services.customers import (
    ContactDTO,
    CustomerDTO,
    FollowUpDTO,
    customers,
    follow_ups,
)
from minesales_desktop.services.errors import ServiceError, ValidationError
from minesales_desktop.services.people import UserDTO, users
from minesales_desktop.services.vocabulary import (
    ActivityKind,
    CustomerStatus,
    CustomerTier,
    CustomerType,
)
from minesales_desktop.settings import Setting
from minesales_desktop.tasks import Job
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.customer_dialogs import (
    ContactDialog,
    CustomerDialog,
    LogActivityDialog,
    ReassignDialog,
)
from minesales_desktop.ui.item_models.paged import Column, PagedTableModel
from minesales_desktop.ui.tabs.base import BaseTab
from minesales_desktop.ui.widgets.customer_detail import CustomerDetailPanel
from minesales_desktop.ui.widgets.week_plan import (
    DueFollowUpsPanel,
    WeekPlanView,
    due_background,
    due_foreground,
    due_text,
)

#: the kind of activity the log button starts with: the last one the rep logged
LAST_ACTIVITY_KIND = Setting[str]("customers/last_activity_kind", ActivityKind.VISIT.value)
SPLITTER_STATE = Setting[bytes]("customers/splitter", b"")

# Kinds of records whose writes change what the list itself shows (names, owners, phones for
# search, next follow-up dates); the others only touch the detail panel.
_LIST_KINDS = frozenset({"customers", "contacts", "follow_ups", "activities"})
_REMINDER_KINDS = frozenset({"follow_ups", "activities", "customers"})
_MINE = "__mine__"

log = logging.getLogger(__name__)


class CustomerListModel(PagedTableModel):
    """The paged customer list; only the next follow-up cell is coloured (overdue, today), so
    the colour keeps its meaning on a list where many customers have a plan."""

    def __init__(
        self,
        tasks: Any,
        columns: list[Column[CustomerRow]],
        fetch: Callable[[Any, PageRequest], Page[CustomerRow]],
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, columns, fetch, parent=parent)
        self._today = today
        self.due_column = len(columns) - 1

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.due_column:
            if role == Qt.ItemDataRole.BackgroundRole:
                row = self.row_object(index.row())
                if isinstance(row, CustomerRow):
                    colour = due_background(row.next_follow_up, self._today())
                    return QBrush(colour) if colour is not None else None
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                row = self.row_object(index.row())
                if isinstance(row, CustomerRow):
                    return QBrush(due_foreground(row.next_follow_up, self._today()))
                return None
        return super().data(index, role)


class CustomersTab(BaseTab):
    """Customer list with search and filters, the detail panel, due follow-ups and week plan."""

    kinds = frozenset(
        {
            "customers", "contacts", "activities", "follow_ups", "opportunities", "contracts",
            "service_tickets", "credit_profiles", "invoices", "payments", "shipments", "users",
        }
    )  # fmt: skip
    SEARCH_DELAY_MS = 250

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("customers_tab")
        #: "today" for due/overdue; replaceable so tests and screenshots can pin the date
        self.today: Callable[[], dt.date] = dt.date.today
        self.current_id: str | None = None
        self.detail: CustomerDetailDTO | None = None
        self.visible_users: list[UserDTO] = []
        self._detail_job: Job | None = None
        self._applied: tuple[str, tuple[tuple[str, Any], ...]] | None = None
        self._total = 0
        self._restore_selection = False
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)

        self._build_actions()
        self._build_list()
        self.detail_panel = CustomerDetailPanel(lambda: self.today(), self)
        self.due_panel = DueFollowUpsPanel(ctx, lambda: self.today(), self)
        self.week_view = WeekPlanView(ctx, lambda: self.today(), self)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.week_view)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.setObjectName("customers_left")
        self.left.addWidget(self.stack)
        self.left.addWidget(self.due_panel)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 1)
        self.left.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("customers_splitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        state = ctx.settings.get(SPLITTER_STATE)
        if state:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([780, 600])
        self.splitter.splitterMoved.connect(self._save_splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

        self.detail_panel.new_contact_requested.connect(self.new_contact)
        self.detail_panel.edit_contact_requested.connect(self.edit_contact)
        self.detail_panel.log_for_plan_requested.connect(self._log_for_plan)
        self.detail_panel.complete_plan_requested.connect(self.complete_plan)
        self.detail_panel.cancel_plan_requested.connect(self.cancel_plan)
        self.due_panel.customer_requested.connect(self.show_customer)
        self.due_panel.log_requested.connect(self._log_for_item)
        self.due_panel.complete_requested.connect(lambda item: self.complete_plan(item.plan))
        self.due_panel.counts_changed.connect(lambda *_: self._emit_summary())
        self.week_view.customer_requested.connect(self.show_customer)
        self.week_view.log_requested.connect(self._log_for_item)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Customers")

    # --- building ----------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.rstrip('…')} ({action.shortcut().toString()})")
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("New customer…"), self.new_customer, "Ctrl+N")
        self.new_action.setObjectName("action_new_customer")
        self.edit_action = QAction(self.tr("Edit…"), self)
        self.edit_action.setObjectName("action_edit_customer")
        self.edit_action.setToolTip(self.tr("Edit the customer (Enter or double-click)"))
        self.edit_action.triggered.connect(lambda _=False: self.edit_customer())
        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.setObjectName("action_delete_customer")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Only while the list has focus: Del in the search box deletes characters, not customers.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setToolTip(self.tr("Delete the customer (Del in the list)"))
        self.delete_action.triggered.connect(lambda _=False: self.delete_customer())

        kind = self._default_kind()
        self.log_action = self._action(self.tr("Log visit/call…"), self.log_activity, "Ctrl+L")
        self.log_action.setObjectName("action_log_activity")
        self.log_menu = QMenu(self)
        for member in ActivityKind:
            item = self.log_menu.addAction(member.label())
            item.setData(member.value)
            item.triggered.connect(lambda _=False, k=member: self.log_activity(kind=k))
        self.log_action.setText(self.tr("Log {kind}…").format(kind=kind.label().lower()))
        self.contact_action = self._action(
            self.tr("New contact…"), self.new_contact, "Ctrl+Shift+N"
        )
        self.contact_action.setObjectName("action_new_contact")
        self.reassign_action = self._action(
            self.tr("Reassign owner…"), self.reassign, "Ctrl+Shift+R"
        )
        self.reassign_action.setObjectName("action_reassign")
        # Responsibility is a manager's decision (明确职责): reps do not get the action at all.
        self.reassign_action.setVisible(self.ctx.is_manager)
        self.find_action = self._action(self.tr("Find customer"), self.focus_search, "Ctrl+F")
        self.week_action = self._action(
            self.tr("Week plan"), lambda: self.show_week_plan(self.week_action.isChecked()),
            "Ctrl+Shift+W",
        )  # fmt: skip
        self.week_action.setObjectName("action_week_plan")
        self.week_action.setCheckable(True)
        self.list_action = QAction(self.tr("Customer list"), self)
        self.list_action.setCheckable(True)
        self.list_action.setChecked(True)
        self.list_action.triggered.connect(lambda _=False: self.show_week_plan(False))
        group = QActionGroup(self)
        group.addAction(self.list_action)
        group.addAction(self.week_action)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("customers_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.new_action)
        self.toolbar.addAction(self.edit_action)
        self.toolbar.addAction(self.delete_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.log_action)
        log_button = self.toolbar.widgetForAction(self.log_action)
        if isinstance(log_button, QToolButton):
            log_button.setMenu(self.log_menu)
            log_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            font = log_button.font()
            font.setBold(True)
            log_button.setFont(font)
        self.toolbar.addAction(self.contact_action)
        self.toolbar.addAction(self.reassign_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.list_action)
        self.toolbar.addAction(self.week_action)

    def _combo(self, name: str, all_text: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        # The first entry, named after the column, means "no filter": short, and self-labelling.
        combo.addItem(all_text, None)
        combo.setToolTip(self.tr("Filter by {what}").format(what=all_text.lower()))
        for text, value in items:
            combo.addItem(text, value)
        # Shrinks with the window (the popup still shows whole labels).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(lambda _=0: self.apply_query())
        return combo

    def _build_list(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(self.tr("Name, pinyin initials, code, USCC or phone"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_query)
        self.type_filter = self._combo(
            "filter_type", self.tr("Type"), [(m.label(), m) for m in CustomerType]
        )
        self.province_filter = self._combo("filter_province", self.tr("Province"), [])
        self.tier_filter = self._combo(
            "filter_tier", self.tr("Tier"), [(m.label(), m) for m in CustomerTier]
        )
        self.status_filter = self._combo(
            "filter_status", self.tr("Status"), [(m.label(), m) for m in CustomerStatus]
        )
        self.owner_filter = self._combo(
            "filter_owner", self.tr("Owner"), [(self.tr("My customers"), _MINE)]
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("customer_count")
        self.count_label.setStyleSheet("color: #4b5563;")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 3)
        for combo in (
            self.type_filter, self.province_filter, self.tier_filter, self.status_filter,
            self.owner_filter,
        ):  # fmt: skip
            filters.addWidget(combo)

        columns: list[Column[CustomerRow]] = [
            Column(self.tr("Code"), lambda r: r.customer.code, "code"),
            Column(
                self.tr("Customer"),
                lambda r: r.customer.name_zh,
                "name_pinyin",
                tooltip=lambda r: "\n".join(
                    x for x in (r.customer.name_zh, r.customer.name_en, r.customer.uscc) if x
                ),
            ),
            Column(self.tr("Type"), lambda r: r.customer.customer_type, "customer_type"),
            Column(
                self.tr("Province / city"),
                lambda r: " ".join(x for x in (r.customer.province, r.customer.city) if x),
                "province",
            ),
            Column(
                self.tr("Tier"),
                lambda r: r.customer.tier.value,
                "tier",
                tooltip=lambda r: r.customer.tier.label(),
            ),
            Column(self.tr("Status"), lambda r: r.customer.status, "status"),
            Column(self.tr("Owner"), lambda r: r.customer.owner_name),
            Column(
                self.tr("Next follow-up"),
                lambda r: due_text(r.next_follow_up, self.today(), short=True),
                tooltip=lambda r: due_text(r.next_follow_up, self.today()),
            ),
        ]
        self.model = CustomerListModel(
            self.ctx.tasks, columns, self._fetch_for("", {}), self.today, parent=self
        )
        self.model.loaded.connect(self._list_loaded)
        self.table = QTableView()
        self.table.setObjectName("customer_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._header_clicked)
        for column, width in enumerate((76, 196, 80, 96, 40, 70, 58)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.activated.connect(lambda *_: self.edit_customer())
        self.table.addAction(self.delete_action)

        self.list_page = QWidget()
        page_layout = QVBoxLayout(self.list_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(4)
        page_layout.addLayout(filters)
        page_layout.addWidget(self.table, 1)
        page_layout.addWidget(self.count_label)

    # --- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load (or reload) everything the tab shows."""
        if self.province_filter.count() == 1:
            self.ctx.tasks.run(provinces, self._provinces, label="provinces")
        if not self.visible_users:
            actor = self.ctx.actor
            self.ctx.tasks.run(
                lambda s: users.reps_visible_to(s, actor), self._users, label="visible reps"
            )
        if self._applied is None:
            self.apply_query()
        else:
            self._reload_list()
        self.due_panel.refresh()
        if self.stack.currentWidget() is self.week_view:
            self.week_view.refresh()
        if self.current_id:
            self._load_detail(self.current_id)

    def _data_changed(self, kinds: frozenset[str]) -> None:
        if not self._loaded or not kinds & self.kinds:
            return
        if kinds & _LIST_KINDS:
            self._reload_list()
        if "customers" in kinds:
            self.ctx.tasks.run(provinces, self._provinces, label="provinces")
        if kinds & _REMINDER_KINDS:
            self.due_panel.refresh()
            if self.stack.currentWidget() is self.week_view:
                self.week_view.refresh()
        if self.current_id:
            self._load_detail(self.current_id)

    def _provinces(self, names: list[str]) -> None:
        combo = self.province_filter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for name in names:
            combo.addItem(name, name)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _users(self, found: list[UserDTO]) -> None:
        self.visible_users = found
        combo = self.owner_filter
        combo.blockSignals(True)
        for user in found:
            if user.id != self.ctx.actor.user_id:
                combo.addItem(user.full_name, user.id)
        combo.blockSignals(False)

    def _filters(self) -> dict[str, Any]:
        owner = self.owner_filter.currentData()
        if owner == _MINE:
            owner = self.ctx.actor.user_id
        return {
            "customer_type": self.type_filter.currentData(),
            "province": self.province_filter.currentData(),
            "tier": self.tier_filter.currentData(),
            "status": self.status_filter.currentData(),
            "owner_id": owner,
        }

    @staticmethod
    def _fetch_for(
        query: str, filters: dict[str, Any]
    ) -> Callable[[Any, PageRequest], Page[CustomerRow]]:
        active = {k: v for k, v in filters.items() if v is not None}
        return lambda session, page: customer_rows(session, query, page, **active)

    def apply_query(self) -> None:
        """Run the search box and filters now (the debounce timer calls this)."""
        self._search_timer.stop()
        query = self.search.text().strip()
        filters = self._filters()
        key = (query, tuple(sorted((k, str(v)) for k, v in filters.items())))
        if key == self._applied:
            return
        self._applied = key
        self._restore_selection = True
        self.count_label.setText(self.tr("Searching…"))
        self.model.set_fetch(self._fetch_for(query, filters))

    def _reload_list(self) -> None:
        self._restore_selection = True
        self.model.refresh()

    def _list_loaded(self, total: int) -> None:
        self._total = total
        if total:
            self.count_label.setText(self.tr("%Ln customer(s)", "", total))
        elif self.search.text().strip():
            self.count_label.setText(
                self.tr("No customer matches “{query}”.").format(query=self.search.text().strip())
            )
        else:
            self.count_label.setText(self.tr("No customers match these filters."))
        if self._restore_selection and self.current_id:
            current = self.current_id
            row = self.model.find_row(lambda r: r.customer.id == current)
            if row >= 0:
                self._select_row(row)
        self._restore_selection = False
        self._emit_summary()

    def _emit_summary(self) -> None:
        parts = [self.tr("%Ln customer(s)", "", self._total)]
        if self.due_panel.overdue:
            parts.append(self.tr("%n follow-up(s) overdue", "", self.due_panel.overdue))
        if self.due_panel.due_today:
            parts.append(self.tr("%n due today", "", self.due_panel.due_today))
        self.summary_changed.emit(" · ".join(parts))

    def _header_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if not self.model.is_sortable(column):
            # Sorting happens in SQL; columns the service cannot sort by keep the old order.
            header.blockSignals(True)
            header.setSortIndicator(self._sort_column, self._sort_order)
            header.blockSignals(False)
            return
        order = header.sortIndicatorOrder()
        self._sort_column, self._sort_order = column, order
        self._restore_selection = True
        self.model.sort(column, order)

    # --- selection and detail ----------------------------------------------------------------
    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row_object(current.row())
        if isinstance(row, CustomerRow):
            self.show_customer(row.customer.id)

    def selected_row(self) -> CustomerRow | None:
        index = self.table.currentIndex()
        row = self.model.row_object(index.row()) if index.isValid() else None
        return row if isinstance(row, CustomerRow) else None

    def show_customer(self, customer_id: str) -> None:
        """Show one customer in the detail panel (from the list, the due panel or the week)."""
        if customer_id == self.current_id and self.detail is not None:
            return
        self.current_id = customer_id
        if self.detail is not None and self.detail.customer.id != customer_id:
            self.detail = None
        self._load_detail(customer_id)
        row = self.selected_row()
        if row is None or row.customer.id != customer_id:
            found = self.model.find_row(lambda r: r.customer.id == customer_id)
            if found >= 0:
                self._select_row(found)
        self._update_actions()

    def _load_detail(self, customer_id: str) -> None:
        if self._detail_job is not None:
            self._detail_job.cancel()
        actor, today = self.ctx.actor, self.today()

        def failed(exc: BaseException) -> None:
            self._detail_job = None
            if not isinstance(exc, ServiceError):
                log.error("loading customer %s failed", customer_id, exc_info=exc)
                self.ctx.tasks.error.emit(f"{type(exc).__name__}: {exc}")
            if customer_id == self.current_id:  # deleted meanwhile (here or by sync)
                self.current_id = None
                self.detail = None
                self.detail_panel.set_detail(None)
                self._update_actions()

        self._detail_job = self.ctx.tasks.run(
            lambda s: customer_detail(s, actor, customer_id, today),
            self._detail_loaded,
            failed,
            label="customer detail",
        )

    def _detail_loaded(self, detail: CustomerDetailDTO) -> None:
        self._detail_job = None
        if detail.customer.id != self.current_id:
            return
        self.detail = detail
        self.detail_panel.set_detail(detail)
        self._update_actions()

    def current_customer(self) -> CustomerDTO | None:
        if self.detail is not None and self.detail.customer.id == self.current_id:
            return self.detail.customer
        row = self.selected_row()
        if row is not None and row.customer.id == self.current_id:
            return row.customer
        return None

    def _update_actions(self) -> None:
        customer = self.current_customer()
        editable = customer is not None and (self.detail is None or self.detail.can_edit)
        self.edit_action.setEnabled(editable)
        self.delete_action.setEnabled(editable)
        self.contact_action.setEnabled(editable)
        self.log_action.setEnabled(customer is not None)
        self.reassign_action.setEnabled(customer is not None and self.ctx.is_manager)

    # --- views -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.show_week_plan(False)
        self.search.setFocus()
        self.search.selectAll()

    def show_week_plan(self, on: bool) -> None:
        self.week_action.setChecked(on)
        self.list_action.setChecked(not on)
        self.stack.setCurrentWidget(self.week_view if on else self.list_page)
        if on:
            self.week_view.refresh()

    def _save_splitter(self, *_: Any) -> None:
        self.ctx.settings.set(SPLITTER_STATE, bytes(self.splitter.saveState().data()))

    # --- actions -----------------------------------------------------------------------------
    def _open(self, dialog: Any, on_saved: Callable[[Any], None] | None = None) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.accepted.connect(lambda: on_saved(dialog.result_value))
        dialog.open()
        return dialog

    def new_customer(self) -> CustomerDialog:
        dialog = CustomerDialog(self.ctx.tasks, self.ctx.actor, None, self)
        return self._open(dialog, self._customer_saved)  # type: ignore[no-any-return]

    def edit_customer(self) -> CustomerDialog | None:
        customer = self.current_customer()
        if customer is None:
            return None
        if self.detail is not None and not self.detail.can_edit:
            QMessageBox.information(
                self,
                self.title(),
                self.tr(
                    "{name} belongs to {owner}; only they or their manager can change it."
                ).format(name=customer.name_zh, owner=customer.owner_name),
            )
            return None
        dialog = CustomerDialog(self.ctx.tasks, self.ctx.actor, customer, self)
        return self._open(dialog, self._customer_saved)  # type: ignore[no-any-return]

    def _customer_saved(self, customer: CustomerDTO | None) -> None:
        if customer is not None:
            self.current_id = None
            self.show_customer(customer.id)

    def delete_customer(self) -> None:
        customer = self.current_customer()
        if customer is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete customer"),
            self.tr(
                "Delete {name} ({code})?\n\nThe customer disappears from every list; "
                "the deletion is synced to the other laptops."
            ).format(name=customer.name_zh, code=customer.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor, customer_id = self.ctx.actor, customer.id

        def deleted(_: Any) -> None:
            if self.current_id == customer_id:
                self.current_id = None
                self.detail = None
                self.detail_panel.set_detail(None)
                self.table.clearSelection()
                self._update_actions()

        def refused(exc: BaseException) -> None:
            reasons = (
                "\n".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
            )
            QMessageBox.warning(
                self,
                self.tr("Delete customer"),
                self.tr("{name} cannot be deleted:\n{reasons}").format(
                    name=customer.name_zh, reasons=reasons
                ),
            )

        self.ctx.tasks.run(
            lambda s: customers.delete(s, actor, customer_id),
            deleted,
            refused,
            writes=("customers",),
            label="delete customer",
        )

    def _default_kind(self) -> ActivityKind:
        try:
            return ActivityKind(self.ctx.settings.get(LAST_ACTIVITY_KIND))
        except ValueError:
            return ActivityKind.VISIT

    def log_activity(
        self,
        *,
        kind: ActivityKind | None = None,
        plan: FollowUpDTO | None = None,
        customer_id: str | None = None,
        customer_name: str | None = None,
    ) -> LogActivityDialog | None:
        """The quick dialog on the selected customer (or the plan's), with a default kind."""
        if customer_id is None:
            customer = self.current_customer()
            if customer is None:
                return None
            customer_id, customer_name = customer.id, customer.name_zh
        chosen = kind or (plan.kind if plan else None) or self._default_kind()
        dialog = LogActivityDialog(
            self.ctx.tasks,
            self.ctx.actor,
            customer_id,
            customer_name or "",
            kind=chosen,
            plan=plan,
            today=self.today(),
            parent=self,
        )

        def saved(activity: Any) -> None:
            if activity is not None:
                self.ctx.settings.set(LAST_ACTIVITY_KIND, activity.kind.value)
                self.log_action.setText(
                    self.tr("Log {kind}…").format(kind=activity.kind.label().lower())
                )

        return self._open(dialog, saved)  # type: ignore[no-any-return]

    def _log_for_plan(self, plan: FollowUpDTO) -> None:
        customer = self.current_customer()
        name = customer.name_zh if customer is not None else ""
        self.log_activity(plan=plan, customer_id=plan.customer_id, customer_name=name)

    def _log_for_item(self, item: PlanItem) -> None:
        self.show_customer(item.plan.customer_id)
        self.log_activity(
            plan=item.plan, customer_id=item.plan.customer_id, customer_name=item.customer_name
        )

    def complete_plan(self, plan: FollowUpDTO) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.run(
            lambda s: follow_ups.complete(s, actor, plan.id),
            None,
            self.show_refusal,
            writes=("follow_ups",),
            label="complete follow-up",
        )

    def cancel_plan(self, plan: FollowUpDTO) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Cancel follow-up plan"),
            self.tr("Cancel the follow-up “{action}” due {due}?").format(
                action=plan.action, due=plan.due_date.isoformat()
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.ctx.actor
        self.ctx.tasks.run(
            lambda s: follow_ups.cancel(s, actor, plan.id),
            None,
            self.show_refusal,
            writes=("follow_ups",),
            label="cancel follow-up",
        )

    def new_contact(self) -> ContactDialog | None:
        customer = self.current_customer()
        if customer is None:
            return None
        dialog = ContactDialog(self.ctx.tasks, self.ctx.actor, customer, None, self)
        return self._open(dialog)  # type: ignore[no-any-return]

    def edit_contact(self, contact: ContactDTO) -> ContactDialog | None:
        customer = self.current_customer()
        if customer is None:
            return None
        dialog = ContactDialog(self.ctx.tasks, self.ctx.actor, customer, contact, self)
        return self._open(dialog)  # type: ignore[no-any-return]

    def reassign(self) -> ReassignDialog | None:
        customer = self.current_customer()
        if customer is None or not self.ctx.is_manager:
            return None
        dialog = ReassignDialog(self.ctx.tasks, self.ctx.actor, customer, self.visible_users, self)
        return self._open(dialog, self._customer_saved)  # type: ignore[no-any-return]

    def show_refusal(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            QMessageBox.warning(self, self.title(), "\n".join(exc.errors.values()))
        else:
            super().show_refusal(exc)
