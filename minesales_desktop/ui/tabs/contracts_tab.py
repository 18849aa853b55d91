"""Contracts (合同): the list by status with what remains to ship, one contract's whole picture, and
the moves of its life.

The list is the lazy ``PagedTableModel`` over ``contract_overview.contract_rows`` — one SQL query
per page with customer, product, owner and the shipped quantity — so it stays fast on the demo
database. Status chips (with counts) filter by status, the search box by customer (any name form,
code, USCC, phone) or contract number, and a manager picks an owner; all of it runs in SQL.

The actions follow the contract's life (draft → review → approval → signing → execution →
completion, or termination). Each is enabled only where the status allows it and the signed-in
user may act; a disabled action's tooltip says why. The service still decides: a refusal's message,
naming what is missing, is shown as the service wrote it. Approval is a manager's: a rep sees it
disabled, and if the handler is reached anyway the service's ``PermissionDenied`` is shown. Before
a manager approves, the credit check (exposure against the limit) is shown in the approval form,
and an overrun needs an override reason, which the service records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.messages import current_language
from minesales_desktop.services.contract_overview import (
    ContractDetail,
    ContractRow,
    CreditCheckDTO,
    OwnerChoice,
    contract_detail,
    contract_rows,
    credit_check,
    owner_choices,
    product_choices,
    status_counts,
    terms_templates,
)
from minesales_desktop.services.contracts import contracts
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.vocabulary import (
    ContractStatus,
    ReviewDecision,
    ReviewDepartment,
)
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.contract_dialogs import (
    ApproveDialog,
    CompleteDialog,
    ContractFormDialog,
    InvoiceDialog,
    PaymentDialog,
    ReviewDialog,
    ShipmentDialog,
    SignDialog,
    TerminateDialog,
)
from minesales_desktop.ui.item_models.paged import Column, HeaderSorting, PagedTableModel
from minesales_desktop.ui.tabs.base import BaseTab
from minesales_desktop.ui.widgets.contract_detail import (
    STATUS_COLORS,
    ContractDetailPanel,
    lot_choices,
)

# Wait for a pause in typing before searching, so every keystroke does not cost a query.
SEARCH_DELAY_MS = 250
FINAL = (ContractStatus.COMPLETED, ContractStatus.TERMINATED)
# Once a manager has approved, only a manager may stop the contract (services.contracts).
COMMITTED = (ContractStatus.APPROVED, ContractStatus.SIGNED, ContractStatus.EXECUTING)
SHIPPABLE = (ContractStatus.SIGNED, ContractStatus.EXECUTING)
INVOICEABLE = (
    ContractStatus.SIGNED,
    ContractStatus.EXECUTING,
    ContractStatus.COMPLETED,
    ContractStatus.TERMINATED,
)
CHIP_STYLE = (
    "QToolButton { border: 1px solid #c4c7c5; border-radius: 11px; padding: 2px 10px; }"
    "QToolButton:checked { background: #174ea6; color: white; border-color: #174ea6; }"
)


class ContractsTab(BaseTab):
    """The contract list with status chips, a detail panel and the status actions."""

    kinds = frozenset(
        {"contracts", "shipments", "invoices", "payments", "customers", "users", "credit_profiles"}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("contracts_tab")
        self._selected_id: str | None = None
        self._detail: ContractDetail | None = None
        self._counts: dict[ContractStatus, int] = {}
        self._status: ContractStatus | None = None
        self._columns_sized = False

        self._build_actions()
        self._build_filters()
        self._build_table()
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("contract_detail_stack")
        self.detail_stack.setMinimumWidth(420)
        placeholder = QLabel(
            self.tr("Select a contract to see its terms, review, lots, invoices and payments.")
        )
        placeholder.setObjectName("detail_placeholder")
        placeholder.setWordWrap(True)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack.addWidget(placeholder)
        self.detail = ContractDetailPanel()
        self.detail_stack.addWidget(self.detail)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("contracts_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([960, 480])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_bar)
        layout.addLayout(self.chip_bar)
        layout.addWidget(splitter, 1)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Contracts")

    # --- building ------------------------------------------------------------------------------
    def _action(
        self, name: str, text: str, tip: str, shortcut: str | None, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setProperty("base_tip", tip)
        if shortcut:
            key = QKeySequence(shortcut)
            action.setShortcut(key)
            action.setProperty("key_text", key.toString(QKeySequence.SequenceFormat.NativeText))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self._set_tip(action, None)
        return action

    @staticmethod
    def _set_tip(action: QAction, why_not: str | None) -> None:
        """The tooltip says what the action does and, when disabled, why."""
        tip = str(action.property("base_tip"))
        key = action.property("key_text")
        if key:
            tip = f"{tip} ({key})"
        if why_not:
            tip = f"{tip}\n{why_not}"
        action.setToolTip(tip)
        button = action.property("button")
        if isinstance(button, QWidget):
            button.setToolTip(tip)

    def _build_actions(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("contracts_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self._action
        self.new_action = a(
            "new_contract", self.tr("New contract…"),
            self.tr("Draft a new contract for a customer"), "Ctrl+Shift+C", self.new_contract,
        )  # fmt: skip
        self.edit_action = a(
            "edit_contract", self.tr("Edit…"),
            self.tr("Change the terms of a draft contract"), "Ctrl+Shift+E", self.edit_contract,
        )  # fmt: skip
        self.toolbar.addSeparator()
        self.submit_action = a(
            "submit_review", self.tr("Submit for review"),
            self.tr("Send the draft to sales, finance, legal and management review"),
            "Ctrl+Shift+U", self.submit_for_review,
        )  # fmt: skip
        self.review_action = a(
            "record_review", self.tr("Review…"),
            self.tr("Record a department's review decision"), "Ctrl+Shift+D", self.record_review,
        )  # fmt: skip
        self.approve_action = a(
            "approve_contract", self.tr("Approve…"),
            self.tr("Approve the reviewed contract after the credit check (managers)"),
            "Ctrl+Shift+A", self.approve_contract,
        )  # fmt: skip
        self.sign_action = a(
            "sign_contract", self.tr("Sign…"),
            self.tr("Record the date both parties signed"), "Ctrl+Shift+S", self.sign_contract,
        )  # fmt: skip
        self.execute_action = a(
            "start_execution", self.tr("Start execution"),
            self.tr("Mark the signed contract as executing"), "Ctrl+Shift+X",
            self.start_execution,
        )  # fmt: skip
        self.toolbar.addSeparator()
        self.shipment_action = a(
            "add_shipment", self.tr("Add shipment…"),
            self.tr("Draw a lot against the contract balance"), "Ctrl+Shift+L",
            self.add_shipment,
        )  # fmt: skip
        self.invoice_action = a(
            "add_invoice", self.tr("Add invoice…"),
            self.tr("Issue a provisional or final invoice, or a debit/credit note"),
            "Ctrl+Shift+I", self.add_invoice,
        )  # fmt: skip
        self.payment_action = a(
            "record_payment", self.tr("Record payment…"),
            self.tr("Record money received against an invoice or on account"), "Ctrl+Shift+P",
            self.record_payment,
        )  # fmt: skip
        self.toolbar.addSeparator()
        self.complete_action = a(
            "complete_contract", self.tr("Complete…"),
            self.tr("Close the contract once its quantity is shipped"), "Ctrl+Shift+K",
            self.complete_contract,
        )  # fmt: skip
        self.terminate_action = a(
            "terminate_contract", self.tr("Terminate…"),
            self.tr("Stop the contract, with a reason"), None, self.terminate_contract,
        )  # fmt: skip
        for action in self.toolbar.actions():
            button = self.toolbar.widgetForAction(action)
            if button is not None and action.objectName():
                button.setObjectName(f"{action.objectName()}_button")
                action.setProperty("button", button)
                self._set_tip(action, None)

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("contract_search")
        self.search.setPlaceholderText(
            self.tr("Customer (name, pinyin initials, code, USCC, phone) or contract no.")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(380)
        self.find_action = QAction(self.tr("Find contract"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(self._search_timer.start)

        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("owner_filter")
        self.owner_filter.addItem(self.tr("All owners"), None)
        self.owner_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_filter.currentIndexChanged.connect(self._filters_changed)
        self.owner_label = QLabel(self.tr("Owner"))
        manager = self.ctx.actor.is_manager
        self.owner_filter.setVisible(manager)
        self.owner_label.setVisible(manager)

        self.count_label = QLabel()
        self.count_label.setObjectName("contract_count")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addSpacing(8)
        bar.addWidget(self.owner_label)
        bar.addWidget(self.owner_filter)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.filter_bar = bar

        self.chips = QButtonGroup(self)
        self.chips.setExclusive(True)
        self.chip_buttons: dict[ContractStatus | None, QToolButton] = {}
        chip_bar = QHBoxLayout()
        chip_bar.setSpacing(6)
        for status in [None, *ContractStatus]:
            chip = QToolButton()
            chip.setCheckable(True)
            chip.setObjectName(f"chip_{status.value if status else 'all'}")
            chip.setStyleSheet(CHIP_STYLE)
            chip.setAutoRaise(False)
            self.chips.addButton(chip)
            self.chip_buttons[status] = chip
            chip.clicked.connect(lambda _=False, s=status: self.set_status_filter(s))
            chip_bar.addWidget(chip)
        chip_bar.addStretch(1)
        self.chip_buttons[None].setChecked(True)
        self.chip_bar = chip_bar
        self._label_chips()

    def _label_chips(self) -> None:
        total = sum(self._counts.values()) if self._counts else None
        for status, chip in self.chip_buttons.items():
            text = self.tr("All") if status is None else status.label()
            n = total if status is None else self._counts.get(status)
            chip.setText(text if n is None else f"{text}  {n}")
            if status is not None:
                chip.setToolTip(self.tr("Show only %1 contracts").replace("%1", status.label()))

    def _build_table(self) -> None:
        zh = current_language().startswith("zh")

        def qty(value: Any, row: ContractRow) -> str:
            return f"{fmt.quantity(value)} {row.quantity_unit.label()}"

        columns: list[Column[ContractRow]] = [
            Column(self.tr("Contract no."), lambda r: r.contract_no, "contract_no"),
            Column(
                self.tr("Customer"),
                lambda r: r.customer_name,
                "customer",
                tooltip=lambda r: f"{r.customer_name} ({r.customer_code})",
            ),
            Column(
                self.tr("Product"),
                lambda r: r.product_name_zh if zh else r.product_name_en,
                "product",
            ),
            Column(self.tr("Status"), lambda r: r.status, "status"),
            Column(self.tr("Quantity"), lambda r: qty(r.quantity, r), "quantity", True),
            Column(self.tr("Shipped"), lambda r: fmt.quantity(r.shipped), "shipped", True),
            Column(self.tr("Remaining"), lambda r: qty(r.remaining, r), "remaining", True),
            Column(
                self.tr("Value"),
                lambda r: f"{fmt.money(r.total_value)} {r.currency.value}",
                "total_value",
                True,
            ),
            Column(self.tr("Signed"), lambda r: r.signed_on, "signed_on"),
            Column(self.tr("Owner"), lambda r: r.owner_name, "owner"),
        ]
        self.customer_column = 1

        def highlight(row: ContractRow) -> QColor | None:
            if row.status is ContractStatus.TERMINATED:
                return QColor(STATUS_COLORS[ContractStatus.TERMINATED][0])
            return None

        self.model = PagedTableModel(
            self.ctx.tasks, columns, self._fetch, highlight=highlight, parent=self
        )
        self.model.loaded.connect(self._rows_loaded)
        table = QTableView()
        table.setObjectName("contracts_table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Sorting is wired by hand (as in the tickets tab): setSortingEnabled would query at once,
        # before the tab is first shown. The service's default order is newest first.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        self.sorting = HeaderSorting(
            table, self.model, 0, Qt.SortOrder.AscendingOrder, active=lambda: self._loaded
        )
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        table.doubleClicked.connect(lambda _index: self.edit_contract())
        self.table = table

    # --- loading -------------------------------------------------------------------------------
    def _filter_values(self) -> dict[str, Any]:
        owner = self.owner_filter.currentData() if self.ctx.actor.is_manager else None
        return {"query": self.search.text().strip(), "owner_id": owner}

    @staticmethod
    def _fetch(session: Any, request: PageRequest) -> Any:
        """Until the first refresh: every contract, newest first."""
        return contract_rows(session, _newest_first(request))

    def refresh(self) -> None:
        """Reload the list (keeping the selected contract), the chip counts and the owners."""
        self._loaded = True
        filters = self._filter_values()
        status = self._status
        # the filters are read here, on the GUI thread; the worker only sees plain values
        self.model.set_fetch(
            lambda s, req: contract_rows(s, _newest_first(req), status=status, **filters)
        )
        manager = self.ctx.actor.is_manager
        self.ctx.tasks.run(
            lambda s: (status_counts(s, **filters), owner_choices(s) if manager else []),
            self._counts_loaded,
            label="contract counts",
        )

    def _filters_changed(self) -> None:
        if self._loaded:
            self.refresh()

    def set_status_filter(self, status: ContractStatus | None) -> None:
        self._status = status
        self.chip_buttons[status].setChecked(True)
        self._filters_changed()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _counts_loaded(self, result: tuple[dict[ContractStatus, int], list[OwnerChoice]]) -> None:
        counts, owners = result
        self._counts = counts
        self._label_chips()
        if self.ctx.actor.is_manager:
            self._fill_owners(owners)
        running = counts.get(ContractStatus.EXECUTING, 0)
        waiting = counts.get(ContractStatus.IN_REVIEW, 0)
        text = self.tr("%1 contracts · %2 in review · %3 executing")
        self.summary_changed.emit(
            text.replace("%1", str(sum(counts.values())))
            .replace("%2", str(waiting))
            .replace("%3", str(running))
        )

    def _fill_owners(self, owners: list[OwnerChoice]) -> None:
        combo = self.owner_filter
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All owners"), None)
        for owner in owners:
            combo.addItem(owner.full_name, owner.id)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    def _rows_loaded(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 listed").replace("%1", str(total)))
        if not self._columns_sized and total:
            self._columns_sized = True
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in range(self.model.columnCount()):
                header.resizeSection(column, min(header.sectionSize(column) + 12, 180))
        selected = self._selected_id
        if selected is None:
            self._show_detail(None)
            return
        row = self.model.find_row(lambda r: r.id == selected)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
        # kept on the right even when filtered out of the list (e.g. just created)
        self._load_detail(selected)

    # --- selection and detail --------------------------------------------------------------------
    def select_contract(self, contract_id: str) -> None:
        """Show ``contract_id`` (used by other tabs, and after creating one)."""
        self._selected_id = contract_id
        row = self.model.find_row(lambda r: r.id == contract_id)
        if row >= 0:
            self.table.selectRow(row)
        self._load_detail(contract_id)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_object(current.row()) if current.isValid() else None
        if row is None:
            return
        if row.id != self._selected_id or self._detail is None:
            self._selected_id = row.id
            self._load_detail(row.id)

    def _load_detail(self, contract_id: str) -> None:
        actor = self.ctx.actor

        def failed(exc: BaseException) -> None:
            self._selected_id = None
            self._show_detail(None)

        self.ctx.tasks.run_latest(
            f"contract detail {id(self)}",
            lambda s: contract_detail(s, actor, contract_id),
            self._show_detail,
            failed,
        )

    def _show_detail(self, detail: ContractDetail | None) -> None:
        self._detail = detail
        self.detail.show_detail(detail)
        self.detail_stack.setCurrentIndex(0 if detail is None else 1)
        self._update_actions()

    @property
    def current_detail(self) -> ContractDetail | None:
        return self._detail

    def _pending_departments(self) -> list[ReviewDepartment]:
        """The current round's steps still waiting for a decision (management is ``approve``)."""
        detail = self._detail
        if detail is None or not detail.reviews:
            return []
        last_round = max(r.round for r in detail.reviews)
        return [
            r.department
            for r in detail.reviews
            if r.round == last_round
            and r.decision is ReviewDecision.PENDING
            and r.department is not ReviewDepartment.MANAGEMENT
        ]

    def _update_actions(self) -> None:
        """Enable what the contract's status and the user's role allow; say why otherwise."""
        detail = self._detail
        contract = detail.contract if detail is not None else None
        status = contract.status if contract is not None else None
        may = detail is not None and detail.may_modify
        manager = self.ctx.actor.is_manager
        none = self.tr("Select a contract first.")
        cannot = self.tr("You may only change your own contracts or your team's.")

        def at(*allowed: ContractStatus) -> str | None:
            if status is None:
                return none
            if status not in allowed:
                return self.tr("Not possible while the contract is %1.").replace(
                    "%1", status.label()
                )
            return None

        pending = self._pending_departments()
        own = contract is not None and contract.owner_id == self.ctx.actor.user_id
        reasons: dict[QAction, str | None] = {
            self.new_action: None,
            self.edit_action: at(ContractStatus.DRAFT) or (None if may else cannot),
            self.submit_action: at(ContractStatus.DRAFT) or (None if may else cannot),
            self.review_action: at(ContractStatus.IN_REVIEW)
            or (self.tr("A contract is reviewed by someone other than its owner.") if own else None)
            or (None if pending else self.tr("Every department has decided; a manager approves.")),
            self.approve_action: (
                None if manager else self.tr("Only a sales manager can approve a contract.")
            )
            or at(ContractStatus.IN_REVIEW)
            or (None if may else cannot)
            or (
                self.tr("Waiting for the review of: %1").replace(
                    "%1", ", ".join(d.label() for d in pending)
                )
                if pending
                else None
            ),
            self.sign_action: at(ContractStatus.APPROVED) or (None if may else cannot),
            self.execute_action: at(ContractStatus.SIGNED) or (None if may else cannot),
            self.shipment_action: at(*SHIPPABLE) or (None if may else cannot),
            self.invoice_action: at(*INVOICEABLE) or (None if may else cannot),
            self.payment_action: at(*INVOICEABLE) or (None if may else cannot),
            self.complete_action: at(ContractStatus.EXECUTING) or (None if may else cannot),
            self.terminate_action: (
                at(*[s for s in ContractStatus if s not in FINAL])
                or (None if may else cannot)
                or (
                    self.tr("Only a sales manager can terminate an approved or signed contract.")
                    if status in COMMITTED and not manager
                    else None
                )
            ),
        }
        for action, why_not in reasons.items():
            action.setEnabled(why_not is None)
            self._set_tip(action, why_not)

    # --- actions -------------------------------------------------------------------------------
    def _exec(self, dialog: QDialog) -> None:
        """Run a form modally (tests replace this to drive the form without blocking)."""
        dialog.exec()
        dialog.deleteLater()

    def _run(self, fn: Callable[[Any], Any], label: str) -> None:
        """A move without a form: the service's refusal, if any, is shown as it is."""
        self.ctx.tasks.run(fn, None, self.show_refusal, writes=("contracts",), label=label)

    def _open_form(self, contract_id: str | None) -> None:
        """Products and price-term templates are read on the worker, then the form opens."""
        actor = self.ctx.actor
        detail = self._detail if contract_id else None

        def open_form(choices: tuple[Any, Any]) -> None:
            products, templates = choices
            dialog = ContractFormDialog(
                self.ctx.tasks,
                actor,
                products,
                templates,
                detail.contract if detail else None,
                f"{detail.customer_name} ({detail.customer_code})" if detail else "",
                self,
            )

            def saved() -> None:
                if dialog.result_value is not None:
                    self.select_contract(dialog.result_value.id)

            dialog.accepted.connect(saved)
            self._exec(dialog)

        self.ctx.tasks.run(
            lambda s: (product_choices(s), terms_templates()),
            open_form,
            self.show_refusal,
            label="contract form choices",
        )

    def new_contract(self) -> None:
        self._open_form(None)

    def edit_contract(self) -> None:
        if self._detail is None or not self.edit_action.isEnabled():
            return
        self._open_form(self._detail.contract.id)

    def submit_for_review(self) -> None:
        if self._detail is None:
            return
        actor, contract_id = self.ctx.actor, self._detail.contract.id
        self._run(lambda s: contracts.submit_for_review(s, actor, contract_id), "submit review")

    def record_review(self) -> None:
        detail = self._detail
        if detail is None:
            return
        departments = self._pending_departments() or [
            d for d in ReviewDepartment if d is not ReviewDepartment.MANAGEMENT
        ]
        self._exec(ReviewDialog(self.ctx.tasks, self.ctx.actor, detail, departments, self))

    def approve_contract(self) -> None:
        """A manager sees the credit check first; anyone else gets the service's answer (the
        action is disabled for them, but the service is the authority, not the button)."""
        detail = self._detail
        if detail is None:
            return
        actor, contract_id = self.ctx.actor, detail.contract.id
        if not actor.is_manager:
            self._run(lambda s: contracts.approve(s, actor, contract_id), "approve contract")
            return

        def open_form(check: CreditCheckDTO) -> None:
            current = self._detail
            if current is None or current.contract.id != contract_id:
                return
            self._exec(ApproveDialog(self.ctx.tasks, actor, current, check, self))

        self.ctx.tasks.run(
            lambda s: credit_check(s, contract_id),
            open_form,
            self.show_refusal,
            label="credit check",
        )

    def sign_contract(self) -> None:
        if self._detail is not None:
            self._exec(SignDialog(self.ctx.tasks, self.ctx.actor, self._detail, self))

    def start_execution(self) -> None:
        if self._detail is None:
            return
        actor, contract_id = self.ctx.actor, self._detail.contract.id
        self._run(lambda s: contracts.start_execution(s, actor, contract_id), "start execution")

    def add_shipment(self) -> None:
        if self._detail is not None:
            self._exec(ShipmentDialog(self.ctx.tasks, self.ctx.actor, self._detail, self))

    def add_invoice(self) -> None:
        detail = self._detail
        if detail is not None:
            lots = lot_choices(detail)
            self._exec(InvoiceDialog(self.ctx.tasks, self.ctx.actor, detail, lots, self))

    def record_payment(self) -> None:
        if self._detail is not None:
            self._exec(PaymentDialog(self.ctx.tasks, self.ctx.actor, self._detail, self))

    def complete_contract(self) -> None:
        if self._detail is not None:
            self._exec(CompleteDialog(self.ctx.tasks, self.ctx.actor, self._detail, self))

    def terminate_contract(self) -> None:
        if self._detail is not None:
            self._exec(TerminateDialog(self.ctx.tasks, self.ctx.actor, self._detail, self))


def _newest_first(request: PageRequest) -> PageRequest:
    """Without a column chosen, the newest contracts come first."""
    if request.sort is not None:
        return request
    return PageRequest(request.offset, request.limit, "created_at", True)
