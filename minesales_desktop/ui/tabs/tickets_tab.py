"""The after-sales work queue (售后服务工单): what is waiting, what is late, and the next step.

The queue is sorted by SLA due time so the most urgent ticket is on top; rows past their SLA are
red and rows due within a day amber, so a glance says where to start. Filters (status, type,
assignee, overdue only, mine) and sorting run in SQL through ``services.ticket_overview``; the
list is the lazy ``PagedTableModel`` and never holds the whole table.

The actions follow the ticket's life (received → assigned → in progress → resolved → return
visit → closed). Each is enabled only when the selected ticket's status allows it and the
signed-in user may work the ticket; the service still decides, and when it refuses (a resolution
without text, a visit without a satisfaction score) its message, naming what is missing, is shown
as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.service_tickets import ServiceTicketDTO, service_tickets
from minesales_desktop.services.ticket_overview import (
    HistoryLine,
    QueueSummary,
    TicketDetail,
    UserChoice,
    VisitLine,
    assignable_users,
    queue_summary,
    ticket_detail,
    ticket_prefill,
    ticket_queue,
)
from minesales_desktop.services.vocabulary import TicketStatus, TicketType
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.ticket_dialogs import (
    TICKET_WRITES,
    AssignDialog,
    ResolveDialog,
    ReturnVisitDialog,
    TicketCreateDialog,
)
from minesales_desktop.ui.item_models.paged import (
    Column,
    HeaderSorting,
    PagedTableModel,
    RowsTableModel,
)
from minesales_desktop.ui.tabs.base import BaseTab

OVERDUE_COLOR = QColor("#f8d7da")
DUE_SOON_COLOR = QColor("#fff3cd")
# An open ticket due within this long is shown amber: it still can be saved today.
DUE_SOON = dt.timedelta(hours=24)

# The status filter's two aggregate choices (the others are single statuses).
ALL_OPEN = "open"
ALL = "all"
NOT_CLOSED = [s for s in TicketStatus if s is not TicketStatus.CLOSED]

# Which status each move starts from: the action is enabled only there.
ASSIGNABLE_FROM = (TicketStatus.RECEIVED, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)
SLA_RUNNING = (TicketStatus.RECEIVED, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def ticket_highlight(ticket: ServiceTicketDTO) -> QColor | None:
    """Red when the SLA has passed on an unresolved ticket, amber when it passes within a day."""
    if ticket.overdue:
        return OVERDUE_COLOR
    if ticket.status in SLA_RUNNING and ticket.sla_due - _now() < DUE_SOON:
        return DUE_SOON_COLOR
    return None


def _duration(delta: dt.timedelta) -> tuple[int, int]:
    hours = int(abs(delta).total_seconds() // 3600)
    return hours // 24, hours % 24


class TicketsTab(BaseTab):
    """The service-ticket queue with a detail panel and the status actions."""

    kinds = frozenset(
        {"service_tickets", "return_visits", "customers", "contracts", "shipments", "users"}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("tickets_tab")
        self._people: list[UserChoice] = []
        self._selected_id: str | None = None
        self._detail: TicketDetail | None = None
        self._summary: QueueSummary | None = None
        self._columns_sized = False

        self._build_actions()
        self._build_filters()
        self._build_table()
        self._build_detail()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("tickets_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([960, 420])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_bar)
        layout.addWidget(splitter, 1)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Service tickets")

    # --- building ------------------------------------------------------------------------------
    def _action(
        self, name: str, text: str, tip: str, shortcut: str, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        key = QKeySequence(shortcut)
        action.setShortcut(key)
        action.setToolTip(f"{tip} ({key.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("tickets_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(
            "new_ticket",
            self.tr("New ticket…"),
            self.tr("Open a ticket for a customer, optionally a contract and a lot"),
            "Ctrl+Shift+T",
            self.new_ticket,
        )
        self.toolbar.addSeparator()
        self.assign_action = self._action(
            "assign_ticket",
            self.tr("Assign…"),
            self.tr("Assign the ticket to someone, or hand it over"),
            "F2",
            self.assign_ticket,
        )
        self.start_action = self._action(
            "start_ticket",
            self.tr("Start work"),
            self.tr("Mark the assigned ticket as in progress"),
            "F3",
            self.start_ticket,
        )
        self.resolve_action = self._action(
            "resolve_ticket",
            self.tr("Resolve…"),
            self.tr("Record how the ticket was resolved and the amount settled"),
            "F4",
            self.resolve_ticket,
        )
        self.visit_action = self._action(
            "return_visit",
            self.tr("Return visit…"),
            self.tr("Record the call-back: the customer's satisfaction 1–5"),
            "F6",
            self.return_visit,
        )
        self.close_action = self._action(
            "close_ticket",
            self.tr("Close ticket"),
            self.tr("Close the ticket after its return visit"),
            "F7",
            self.close_ticket,
        )
        for action in self.toolbar.actions():
            button = self.toolbar.widgetForAction(action)
            if button is not None and action.objectName():
                button.setObjectName(f"{action.objectName()}_button")

    def _build_filters(self) -> None:
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.setToolTip(self.tr("Show tickets in this status"))
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_status_filter()
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("type_filter")
        self.type_filter.addItem(self.tr("All types"), None)
        for ticket_type in TicketType:
            self.type_filter.addItem(ticket_type.label(), ticket_type)
        self.assignee_filter = QComboBox()
        self.assignee_filter.setObjectName("assignee_filter")
        self.assignee_filter.addItem(self.tr("Anyone"), None)
        self.assignee_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.setObjectName("overdue_only")
        overdue_key = QKeySequence("Ctrl+Shift+O")
        self.overdue_only.setShortcut(overdue_key)
        self.overdue_only.setToolTip(
            self.tr("Only unresolved tickets past their SLA due time")
            + f" ({overdue_key.toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        self.mine_only = QCheckBox(self.tr("Mine"))
        self.mine_only.setObjectName("mine_only")
        mine_key = QKeySequence("Ctrl+Shift+M")
        self.mine_only.setShortcut(mine_key)
        self.mine_only.setToolTip(
            self.tr("Tickets assigned to me or of customers I am responsible for")
            + f" ({mine_key.toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("ticket_count")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Status")))
        bar.addWidget(self.status_filter)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Type")))
        bar.addWidget(self.type_filter)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Assignee")))
        bar.addWidget(self.assignee_filter)
        bar.addSpacing(8)
        bar.addWidget(self.overdue_only)
        bar.addWidget(self.mine_only)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.filter_bar = bar
        for combo in (self.status_filter, self.type_filter, self.assignee_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.overdue_only.toggled.connect(self._filters_changed)
        self.mine_only.toggled.connect(self._filters_changed)

    def _fill_status_filter(self) -> None:
        """Status choices with their counts; keeps the current choice across refreshes."""
        combo = self.status_filter
        current = combo.currentData()
        counts = self._summary.status_counts if self._summary else {}

        def counted(text: str, n: int | None) -> str:
            return text if n is None else f"{text} ({n})"

        combo.blockSignals(True)
        combo.clear()
        total = sum(counts.values()) if counts else None
        open_n = self._summary.open if self._summary else None
        combo.addItem(counted(self.tr("All but closed"), open_n), ALL_OPEN)
        combo.addItem(counted(self.tr("All statuses"), total), ALL)
        for status in TicketStatus:
            combo.addItem(counted(status.label(), counts.get(status)), status)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _build_table(self) -> None:
        def sla_text(t: ServiceTicketDTO) -> str:
            text = fmt.date(t.sla_due)
            # Outside the f-string: lupdate does not look inside f-strings.
            return text + "  ⚠ " + self.tr("overdue") if t.overdue else text

        def claimed(t: ServiceTicketDTO) -> str:
            if t.claimed_amount is None:
                return ""
            return f"{fmt.money(t.claimed_amount)} {t.currency.value}"

        # what decides the next move comes first: status and deadline, then who and what
        columns: list[Column[ServiceTicketDTO]] = [
            Column(self.tr("Ticket no."), lambda t: t.ticket_no, "ticket_no"),
            Column(self.tr("Status"), lambda t: t.status),
            Column(self.tr("SLA due"), sla_text, "sla_due", tooltip=self._sla_tooltip),
            Column(self.tr("Priority"), lambda t: t.priority),
            Column(self.tr("Type"), lambda t: t.ticket_type),
            Column(
                self.tr("Customer"), lambda t: t.customer_name, tooltip=lambda t: t.customer_name
            ),
            Column(self.tr("Title"), lambda t: t.title, tooltip=lambda t: t.title),
            Column(self.tr("Assignee"), lambda t: t.assignee_name),
            Column(
                self.tr("Received"),
                lambda t: t.received_at.astimezone().date(),
                "received_at",
                tooltip=lambda t: fmt.date(t.received_at),
            ),
            Column(self.tr("Claimed"), claimed, align_right=True),
        ]
        self.sla_column = 2
        self.customer_column = 5
        self.title_column = 6
        self.model = PagedTableModel(
            self.ctx.tasks, columns, self._fetch, highlight=ticket_highlight, parent=self
        )
        self.model.loaded.connect(self._queue_loaded)
        table = QTableView()
        table.setObjectName("tickets_table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        # Sorting is wired by hand rather than with setSortingEnabled, which would query at once
        # (before the tab is first shown) and let unsortable columns take the indicator. The
        # service's default order is SLA due, ascending: the indicator starts there.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.sla_column, Qt.SortOrder.AscendingOrder)
        self.sorting = HeaderSorting(
            table, self.model, self.sla_column, Qt.SortOrder.AscendingOrder,
            active=lambda: self._loaded,
        )  # fmt: skip
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table = table

    def _build_detail(self) -> None:
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("ticket_detail")
        # no fixed minimum width: the splitter keeps the panel as wide as its fields need
        empty = QLabel(self.tr("Select a ticket to see its details, history and return visits."))
        empty.setObjectName("detail_placeholder")
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack.addWidget(empty)

        panel = QWidget()
        v = QVBoxLayout(panel)
        v.setContentsMargins(8, 0, 4, 0)
        self.detail_heading = QLabel()
        self.detail_heading.setObjectName("detail_heading")
        self.detail_heading.setWordWrap(True)
        self.detail_heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.detail_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.detail_heading.setFont(font)
        v.addWidget(self.detail_heading)
        self.detail_status = QLabel()
        self.detail_status.setObjectName("detail_status")
        self.detail_status.setWordWrap(True)
        v.addWidget(self.detail_status)
        self.permission_note = QLabel(self.tr("You can view this ticket but not work on it."))
        self.permission_note.setObjectName("permission_note")
        self.permission_note.setWordWrap(True)
        self.permission_note.setStyleSheet("color: #8a6d3b;")
        self.permission_note.hide()
        v.addWidget(self.permission_note)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.fields: dict[str, QLabel] = {}
        # the customer has a line of its own (long names wrap); the rest go in pairs and never
        # wrap, so a date and time stays on one line however narrow the panel
        rows = [
            ("contract", self.tr("Contract")),
            ("lot", self.tr("Lot")),
            ("type", self.tr("Type")),
            ("priority", self.tr("Priority")),
            ("received", self.tr("Received")),
            ("sla_due", self.tr("SLA due")),
            ("assignee", self.tr("Assignee")),
            ("owner", self.tr("Responsible")),
            ("claimed", self.tr("Claimed")),
            ("settled", self.tr("Settled")),
            ("resolved", self.tr("Resolved")),
            ("closed", self.tr("Closed")),
        ]

        def caption(text: str) -> QLabel:
            label = QLabel(text)
            label.setStyleSheet("color: #555;")
            return label

        def value(key: str) -> QLabel:
            label = QLabel()
            label.setObjectName(f"detail_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = label
            return label

        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(caption(self.tr("Customer")), 0, 0, top)
        customer = value("customer")
        customer.setWordWrap(True)
        grid.addWidget(customer, 0, 1, 1, 3, top)
        for i, (key, text) in enumerate(rows):
            grid.addWidget(caption(text), 1 + i // 2, (i % 2) * 2, top)
            grid.addWidget(value(key), 1 + i // 2, (i % 2) * 2 + 1, top)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        v.addLayout(grid)

        self.description = self._text_block(self.tr("Description"), "detail_description")
        v.addWidget(self.description[0])
        self.resolution = self._text_block(self.tr("Resolution"), "detail_resolution")
        v.addWidget(self.resolution[0])

        self.history_model = RowsTableModel(
            [
                Column(self.tr("When"), lambda h: h.changed_at),
                Column(
                    self.tr("Status"),
                    self._change_text,
                    tooltip=lambda h: (
                        f"{h.from_status.label()} → {h.to_status.label()}"
                        if h.from_status is not None
                        else h.to_status.label()
                    ),
                ),
                Column(self.tr("By"), lambda h: h.changed_by_name),
                Column(self.tr("Note"), lambda h: h.note or "", tooltip=lambda h: h.note or ""),
            ],
            parent=self,
        )
        self.history_table = self._small_table(self.history_model, "history_table")
        history_box = QGroupBox(self.tr("Status history"))
        QVBoxLayout(history_box).addWidget(self.history_table)
        v.addWidget(history_box, 2)

        self.visits_model = RowsTableModel(
            [
                Column(self.tr("When"), lambda r: r.visited_at),
                Column(self.tr("By"), lambda r: r.visited_by_name),
                Column(self.tr("Satisfaction"), self._stars),
                Column(
                    self.tr("Comment"), lambda r: r.comment or "", tooltip=lambda r: r.comment or ""
                ),
            ],
            parent=self,
        )
        self.visits_table = self._small_table(self.visits_model, "visits_table")
        visits_box = QGroupBox(self.tr("Return visits"))
        QVBoxLayout(visits_box).addWidget(self.visits_table)
        v.addWidget(visits_box, 1)

        self.detail_stack.addWidget(panel)

    def _text_block(self, caption: str, name: str) -> tuple[QWidget, QLabel]:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        title = QLabel(caption)
        title.setStyleSheet("color: #555;")
        text = QLabel()
        text.setObjectName(name)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(text)
        return box, text

    def _small_table(self, model: RowsTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(96)
        return table

    # --- cell texts ----------------------------------------------------------------------------
    def _change_text(self, line: HistoryLine) -> str:
        """The status a move reached (the one it left is the line above), or a hand-over."""
        if line.from_status is line.to_status:
            return self.tr("%1 (handed over)").replace("%1", line.to_status.label())
        return line.to_status.label()

    @staticmethod
    def _stars(visit: VisitLine) -> str:
        return "★" * visit.satisfaction + "☆" * (5 - visit.satisfaction) + f" {visit.satisfaction}"

    def _sla_tooltip(self, ticket: ServiceTicketDTO) -> str:
        if ticket.status not in SLA_RUNNING:
            return self.tr("The SLA measures resolution; this ticket is %1.").replace(
                "%1", ticket.status.label()
            )
        delta = ticket.sla_due - _now()
        days, hours = _duration(delta)
        text = self.tr("Overdue by %1 d %2 h") if delta.total_seconds() < 0 else None
        text = text or self.tr("Due in %1 d %2 h")
        return text.replace("%1", str(days)).replace("%2", str(hours))

    # --- loading -------------------------------------------------------------------------------
    def _filter_values(self) -> dict[str, Any]:
        # combo boxes hand string enums back as plain str: turn them into members again
        status = self.status_filter.currentData()
        statuses: Any
        if status == ALL_OPEN or status is None:
            statuses = NOT_CLOSED
        elif status == ALL:
            statuses = None
        else:
            statuses = TicketStatus(status)
        ticket_type = self.type_filter.currentData()
        return {
            "status": statuses,
            "ticket_type": TicketType(ticket_type) if ticket_type else None,
            "assignee_id": self.assignee_filter.currentData(),
            "mine_of": self.ctx.actor.user_id if self.mine_only.isChecked() else None,
            "overdue_only": self.overdue_only.isChecked(),
        }

    @staticmethod
    def _fetch(session: Any, request: PageRequest) -> Any:
        """Until the first refresh: the default queue (all but closed, by SLA due)."""
        return ticket_queue(session, status=NOT_CLOSED, page=request)

    def refresh(self) -> None:
        """Reload the queue (keeping the selected ticket), the counts and the assignee list."""
        self._loaded = True
        filters = self._filter_values()
        # the filters are read here, on the GUI thread; the worker only sees plain values
        self.model.set_fetch(lambda s, req: ticket_queue(s, page=req, **filters))
        mine_of = filters["mine_of"]
        self.ctx.tasks.run(
            lambda s: (queue_summary(s, mine_of=mine_of), assignable_users(s)),
            self._summary_loaded,
            label="ticket counts",
        )

    def _filters_changed(self) -> None:
        if self._loaded:
            self.refresh()

    def _summary_loaded(self, result: tuple[QueueSummary, list[UserChoice]]) -> None:
        summary, people = result
        self._summary = summary
        self._fill_status_filter()
        self._fill_people(people)
        opened = self.tr("%n open ticket(s)", "", summary.open)
        overdue = self.tr("%n overdue", "", summary.overdue)
        text = f"{opened}, {overdue}"
        if self.mine_only.isChecked():
            text = self.tr("Mine: %1").replace("%1", text)
        self.summary_changed.emit(text)

    def _fill_people(self, people: list[UserChoice]) -> None:
        self._people = people
        combo = self.assignee_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Anyone"), None)
        for person in people:
            combo.addItem(person.full_name, person.id)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    def _queue_loaded(self, total: int) -> None:
        self.count_label.setText(self.tr("%n ticket(s) listed", "", total))
        if not self._columns_sized and total:
            self._columns_sized = True
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            # long customer names are cut (the full name is in the tooltip)
            header.resizeSection(
                self.customer_column, min(header.sectionSize(self.customer_column), 150)
            )
            # the title takes whatever width is left, so the deadline and amounts stay in view
            header.setSectionResizeMode(self.title_column, QHeaderView.ResizeMode.Stretch)
        self.select_ticket(self._selected_id)

    def select_ticket(self, ticket_id: str | None) -> None:
        """Select a ticket and show its detail if the loaded rows hold it; otherwise it is
        selected when the next reload brings it (a new ticket, a filter change)."""
        self._selected_id = ticket_id
        wanted = ticket_id
        row = -1 if wanted is None else self.model.find_row(lambda t: t.id == wanted)
        if wanted is not None and row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
            self._load_detail(wanted)
        else:
            self._show_detail(None)

    # --- selection and detail --------------------------------------------------------------------
    def selected_ticket(self) -> ServiceTicketDTO | None:
        if self._detail is not None and self._detail.ticket.id == self._selected_id:
            return self._detail.ticket
        index = self.table.currentIndex()
        return self.model.row_object(index.row()) if index.isValid() else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ticket = self.model.row_object(current.row()) if current.isValid() else None
        if ticket is None:
            return
        if ticket.id != self._selected_id or self._detail is None:
            self._selected_id = ticket.id
            self._load_detail(ticket.id)

    def _load_detail(self, ticket_id: str) -> None:
        actor = self.ctx.actor

        def failed(exc: BaseException) -> None:
            self._selected_id = None
            self._show_detail(None)

        self.ctx.tasks.run_latest(
            f"ticket detail {id(self)}",
            lambda s: ticket_detail(s, actor, ticket_id),
            self._show_detail,
            failed,
        )

    def _show_detail(self, detail: TicketDetail | None) -> None:
        self._detail = detail
        self._update_actions()
        if detail is None:
            self.detail_stack.setCurrentIndex(0)
            self.history_model.set_rows([])
            self.visits_model.set_rows([])
            return
        t = detail.ticket
        self.detail_heading.setText(f"{t.ticket_no} · {t.title}")
        status = t.status.label()
        if t.overdue:
            status += "  ⚠ " + self.tr("overdue — %1").replace("%1", self._sla_tooltip(t))
            self.detail_status.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.detail_status.setStyleSheet("font-weight: bold;")
        self.detail_status.setText(status)
        self.permission_note.setVisible(not detail.may_work and t.status is not TicketStatus.CLOSED)

        def money(value: Any) -> str:
            return "" if value is None else f"{fmt.money(value)} {t.currency.label()}"

        values = {
            "customer": f"{t.customer_name} ({detail.customer_code})",
            "contract": detail.contract_no or "—",
            "lot": detail.lot_no or "—",
            "type": t.ticket_type.label(),
            "priority": t.priority.label(),
            "received": fmt.date(t.received_at),
            "sla_due": fmt.date(t.sla_due),
            "assignee": t.assignee_name or self.tr("(not assigned)"),
            "owner": detail.owner_name,
            "claimed": money(t.claimed_amount) or "—",
            "settled": money(t.settled_amount) or "—",
            "resolved": fmt.date(t.resolved_at) or "—",
            "closed": fmt.date(t.closed_at) or "—",
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.fields["sla_due"].setToolTip(self._sla_tooltip(t))
        self.description[1].setText(t.description or "—")
        self.resolution[1].setText(t.resolution or "—")
        self.resolution[0].setVisible(t.resolution is not None)
        self.history_model.set_rows(detail.history)
        self.visits_model.set_rows(detail.return_visits)
        for table in (self.history_table, self.visits_table):
            # size the short columns to their contents; the note or comment takes the rest
            header = table.horizontalHeader()
            last = header.count() - 1
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
            table.resizeColumnsToContents()
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        self.detail_stack.setCurrentIndex(1)

    def _update_actions(self) -> None:
        detail = self._detail
        ticket = detail.ticket if detail is not None else None
        may = detail is not None and detail.may_work
        status = ticket.status if ticket is not None else None
        self.assign_action.setEnabled(may and status in ASSIGNABLE_FROM)
        self.assign_action.setText(
            self.tr("Reassign…")
            if ticket is not None and ticket.assignee_id is not None
            else self.tr("Assign…")
        )
        self.start_action.setEnabled(may and status is TicketStatus.ASSIGNED)
        self.resolve_action.setEnabled(may and status is TicketStatus.IN_PROGRESS)
        self.visit_action.setEnabled(may and status is TicketStatus.RESOLVED)
        self.close_action.setEnabled(may and status is TicketStatus.RETURN_VISIT)

    # --- actions -------------------------------------------------------------------------------
    @staticmethod
    def create_ticket_for(
        ctx: AppContext,
        parent: QWidget | None,
        customer_id: str | None = None,
        contract_id: str | None = None,
        shipment_id: str | None = None,
        *,
        on_created: Callable[[ServiceTicketDTO], None] | None = None,
    ) -> None:
        """Open the new-ticket dialog, already filled in when started from a customer, contract
        or lot (the customers and contracts tabs call this). The customer, its contracts and lots
        are read on the worker first; the dialog opens when they arrive. ``on_created`` gets the
        new ticket; every view showing tickets refreshes through ``data_changed``."""

        def open_dialog(prefill: Any) -> None:
            dialog = TicketCreateDialog(ctx.tasks, ctx.actor, prefill, parent)
            if dialog.exec() == QDialog.DialogCode.Accepted and on_created is not None:
                on_created(dialog.result_value)
            dialog.deleteLater()

        if not (customer_id or contract_id or shipment_id):
            open_dialog(None)
            return

        def refused(exc: BaseException) -> None:
            if parent is not None and isinstance(parent, BaseTab):
                parent.show_refusal(exc)
            else:
                ctx.tasks.error.emit(str(exc))

        ctx.tasks.run(
            lambda s: ticket_prefill(s, customer_id, contract_id, shipment_id),
            open_dialog,
            refused,
            label="new ticket prefill",
        )

    def new_ticket(self) -> None:
        def created(ticket: ServiceTicketDTO) -> None:
            self.select_ticket(ticket.id)

        TicketsTab.create_ticket_for(self.ctx, self, on_created=created)

    def _exec(self, dialog: QDialog) -> None:
        dialog.exec()
        dialog.deleteLater()

    def assign_ticket(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or not self.assign_action.isEnabled():
            return
        self._exec(AssignDialog(self.ctx.tasks, self.ctx.actor, ticket, self._people, self))

    def start_ticket(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or not self.start_action.isEnabled():
            return
        actor = self.ctx.actor
        ticket_id = ticket.id
        self.ctx.tasks.run(
            lambda s: service_tickets.start(s, actor, ticket_id),
            None,
            self.show_refusal,
            writes=TICKET_WRITES,
            label="start ticket",
        )

    def resolve_ticket(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or not self.resolve_action.isEnabled():
            return
        self._exec(ResolveDialog(self.ctx.tasks, self.ctx.actor, ticket, self))

    def return_visit(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or not self.visit_action.isEnabled():
            return
        self._exec(ReturnVisitDialog(self.ctx.tasks, self.ctx.actor, ticket, self))

    def close_ticket(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or not self.close_action.isEnabled():
            return
        actor = self.ctx.actor
        ticket_id = ticket.id
        self.ctx.tasks.run(
            lambda s: service_tickets.close(s, actor, ticket_id),
            None,
            self.show_refusal,
            writes=TICKET_WRITES,
            label="close ticket",
        )
