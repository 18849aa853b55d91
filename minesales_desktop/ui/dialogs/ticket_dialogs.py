"""The forms of a service ticket's life: open one, assign it, resolve it, record the return visit.

Each is a ``FormDialog``: it saves through one ``service_tickets`` call on the database worker and
stays open when the service refuses. A ``ValidationError`` lands under its field; a refused move
(``TransitionRefused``, e.g. resolving without saying how) is shown at the top with the service's
list of what is missing — the dialog never second-guesses the service's rules, so the message a
user reads is the one the rules produce.

Opening a ticket starts from a customer found by search (name, pinyin initials, code, USCC or
phone, the same search as the customers tab), then optionally one of its contracts and a lot of
that contract. The customers and contracts tabs open the same dialog already filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.customers import CustomerDTO, customers
from minesales_desktop.services.service_tickets import (
    ServiceTicketDTO,
    service_tickets,
    sla_hours,
)
from minesales_desktop.services.ticket_overview import (
    ContractChoice,
    TicketPrefill,
    UserChoice,
    ticket_links,
)
from minesales_desktop.services.vocabulary import Currency, Priority, TicketType
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.widgets.forms import Field, FormDialog

# How many customers the picker lists for one search; typing more narrows it.
CUSTOMER_MATCHES = 30
# What a ticket write changes, by the services' ``kind`` names that every tab listens for (the
# customers tab shows a customer's tickets; the performance tab averages return-visit scores).
TICKET_WRITES = ("service_tickets",)
VISIT_WRITES = ("service_tickets", "return_visits")
# Wait for a pause in typing before searching, so every keystroke does not cost a query.
SEARCH_DELAY_MS = 250


def _customer_text(customer: CustomerDTO) -> str:
    return f"{customer.name_zh} ({customer.code})"


def _ticket_heading(ticket: ServiceTicketDTO) -> str:
    return f"{ticket.ticket_no} · {ticket.customer_name} · {ticket.title}"


def _row_of(layout: QFormLayout, widget: QWidget) -> int:
    """The form row holding ``widget`` (each field sits in a box with its error label)."""
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
        box = item.widget() if item is not None else None
        if box is not None and (box is widget or box.isAncestorOf(widget)):
            return row
    return layout.rowCount() - 1


def _fit(dialog: FormDialog, width: int) -> None:
    """Open tall enough to show every field without scrolling (FormDialog scrolls its form, so
    its own size hint does not know the form's height); room is left for a refusal banner."""
    height = dialog.form.sizeHint().height() + dialog.buttons.sizeHint().height() + 72
    dialog.resize(width, min(height, 760))


def _add_heading(dialog: FormDialog, text: str) -> QLabel:
    """A read-only line at the top of a form saying which ticket the action is about."""
    label = QLabel(text)
    label.setObjectName("ticket_heading")
    label.setWordWrap(True)
    layout = dialog.form.layout()
    assert isinstance(layout, QFormLayout)
    layout.insertRow(0, label)
    return label


class TicketCreateDialog(FormDialog):
    """Open a ticket: pick the customer by search, then optionally a contract and a lot."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        prefill: TicketPrefill | None = None,
        parent: QWidget | None = None,
    ) -> None:
        fields = [
            Field("customer_id", self.tr("Customer"), "choice", choices=[], required=True),
            Field("contract_id", self.tr("Contract"), "choice", choices=[], optional_choice=True),
            Field("shipment_id", self.tr("Lot"), "choice", choices=[], optional_choice=True),
            Field("ticket_type", self.tr("Type"), "choice", enum=TicketType, required=True),
            Field("priority", self.tr("Priority"), "choice", enum=Priority, required=True),
            Field("title", self.tr("Title"), required=True),
            Field("description", self.tr("Description"), "multiline"),
            Field("claimed_amount", self.tr("Claimed amount"), "decimal"),
            Field("currency", self.tr("Currency"), "choice", enum=Currency),
        ]
        super().__init__(
            tasks,
            self.tr("New service ticket"),
            fields,
            lambda session, values: service_tickets.create(session, actor, values),
            writes=TICKET_WRITES,
            values={"priority": Priority.NORMAL, "currency": Currency.CNY},
            parent=parent,
        )
        self.setObjectName("ticket_create_dialog")
        editors = self.form.editors
        self.customer_combo = self._combo("customer_id")
        self.contract_combo = self._combo("contract_id")
        self.lot_combo = self._combo("shipment_id")
        self.lot_combo.setEnabled(False)
        self._links: list[ContractChoice] = []
        self._search_generation = 0
        self._wanted_contract: str | None = None
        self._wanted_lot: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(
            self.tr("Name, pinyin initials, code, USCC or phone — then pick below")
        )
        self.search.setClearButtonEnabled(True)
        self.matches = QLabel()
        self.matches.setObjectName("customer_matches")
        self.sla = QLabel()
        self.sla.setObjectName("sla_preview")
        layout = self.form.layout()
        assert isinstance(layout, QFormLayout)
        layout.insertRow(0, self.tr("Find customer"), self.search)
        layout.insertRow(1, "", self.matches)
        layout.setRowVisible(1, False)  # until there is a search to report on
        # the SLA preview sits right under the priority that decides it
        layout.insertRow(_row_of(layout, editors["priority"].widget) + 1, self.tr("SLA"), self.sla)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._timer.start)
        self.customer_combo.currentIndexChanged.connect(self._customer_changed)
        self.contract_combo.currentIndexChanged.connect(self._contract_changed)
        self._combo("ticket_type").currentIndexChanged.connect(self._update_sla)
        self._combo("priority").currentIndexChanged.connect(self._update_sla)
        self._update_sla()
        _fit(self, 600)
        if prefill is not None:
            self._apply_prefill(prefill)
        else:
            self.search.setFocus()

    def _combo(self, name: str) -> QComboBox:
        widget = self.form.editors[name].widget
        assert isinstance(widget, QComboBox)
        return widget

    # --- customer search -------------------------------------------------------------------------
    def _run_search(self) -> None:
        query = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        request = PageRequest(limit=CUSTOMER_MATCHES)

        def found(page: Page[CustomerDTO]) -> None:
            if generation == self._search_generation:
                self._show_customers(page)

        self._tasks.run(
            lambda s: customers.search(s, query, request), found, label="ticket customer search"
        )

    def _show_customers(self, page: Page[CustomerDTO]) -> None:
        self.customer_combo.blockSignals(True)
        self.customer_combo.clear()
        for customer in page.items:
            self.customer_combo.addItem(_customer_text(customer), customer.id)
        self.customer_combo.blockSignals(False)
        if page.total > len(page.items):
            text = self.tr("%1 found; the first %2 are listed — type more to narrow")
            text = text.replace("%1", str(page.total)).replace("%2", str(len(page.items)))
        elif page.total:
            text = self.tr("%1 found").replace("%1", str(page.total))
        else:
            text = self.tr("No customer matches")
        self.matches.setText(text)
        layout = self.form.layout()
        assert isinstance(layout, QFormLayout)
        layout.setRowVisible(self.matches, True)
        self._customer_changed()

    def _customer_changed(self) -> None:
        customer_id = self.customer_combo.currentData()
        self._links = []
        self._fill_contracts()
        if customer_id is None:
            return

        def loaded(links: list[ContractChoice]) -> None:
            if self.customer_combo.currentData() == customer_id:
                self._links = links
                self._fill_contracts()

        self._tasks.run(
            lambda s: ticket_links(s, customer_id), loaded, label="ticket contracts of customer"
        )

    # --- contract and lot ------------------------------------------------------------------------
    def _fill_contracts(self) -> None:
        combo = self.contract_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(no particular contract)"), None)
        for contract in self._links:
            combo.addItem(f"{contract.contract_no} · {contract.status.label()}", contract.id)
        combo.setEnabled(bool(self._links))
        wanted = self._wanted_contract
        if wanted is not None and self._links:
            index = combo.findData(wanted)
            combo.setCurrentIndex(max(index, 0))
            self._wanted_contract = None
        combo.blockSignals(False)
        self._contract_changed()

    def _contract(self) -> ContractChoice | None:
        contract_id = self.contract_combo.currentData()
        return next((c for c in self._links if c.id == contract_id), None)

    def _contract_changed(self) -> None:
        contract = self._contract()
        combo = self.lot_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(the whole contract)") if contract else "", None)
        for lot in contract.lots if contract else []:
            parts = [lot.lot_no]
            if lot.bl_date is not None:
                parts.append(fmt.date(lot.bl_date))
            parts.append(self.tr("%1 wmt").replace("%1", fmt.quantity(lot.quantity_wmt)))
            combo.addItem(" · ".join(parts), lot.id)
        combo.setEnabled(bool(contract and contract.lots))
        if self._wanted_lot is not None and contract is not None:
            combo.setCurrentIndex(max(combo.findData(self._wanted_lot), 0))
            self._wanted_lot = None
        combo.blockSignals(False)
        if contract is not None:
            # a claim is settled in the currency the contract was billed in
            self.form.editors["currency"].set_value(contract.currency)

    # --- prefill and SLA -------------------------------------------------------------------------
    def _apply_prefill(self, prefill: TicketPrefill) -> None:
        """Opened from a customer, contract or lot: that customer is chosen, its contracts are
        listed and the given contract and lot are selected."""
        self.search.blockSignals(True)
        self.search.setText(prefill.customer.name_zh)
        self.search.blockSignals(False)
        self._wanted_contract = prefill.contract_id
        self._wanted_lot = prefill.shipment_id
        self.customer_combo.blockSignals(True)
        self.customer_combo.clear()
        self.customer_combo.addItem(_customer_text(prefill.customer), prefill.customer.id)
        self.customer_combo.blockSignals(False)
        self._links = prefill.links
        self._fill_contracts()
        self.form.editors["title"].widget.setFocus()

    def _update_sla(self) -> None:
        ticket_type = self._combo("ticket_type").currentData()
        priority = self._combo("priority").currentData()
        if ticket_type is None or priority is None:
            self.sla.setText("")
            return
        hours = sla_hours(TicketType(ticket_type), Priority(priority))
        self.sla.setText(
            self.tr("Resolve within %1 h of receipt (%2 days)")
            .replace("%1", str(hours))
            .replace("%2", f"{_days(hours):f}")
        )


def _days(hours: int) -> Decimal:
    return (Decimal(hours) / 24).quantize(Decimal("0.1")).normalize()


class AssignDialog(FormDialog):
    """Give a received ticket to someone, or hand an assigned one over (the history keeps both)."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        ticket: ServiceTicketDTO,
        people: Sequence[UserChoice],
        parent: QWidget | None = None,
    ) -> None:
        reassign = ticket.assignee_id is not None
        choices = [(p.id, f"{p.full_name} · {p.role.label()}") for p in people]
        fields = [
            Field(
                "assignee_id",
                self.tr("Assignee"),
                "choice",
                choices=choices,
                optional_choice=True,
                required=True,
            ),
            Field("note", self.tr("Note"), "multiline"),
        ]
        super().__init__(
            tasks,
            self.tr("Reassign ticket") if reassign else self.tr("Assign ticket"),
            fields,
            lambda session, values: service_tickets.assign(
                session, actor, ticket.id, values["assignee_id"], values["note"] or ""
            ),
            writes=TICKET_WRITES,
            values={"assignee_id": ticket.assignee_id},
            parent=parent,
        )
        self.setObjectName("ticket_assign_dialog")
        _add_heading(self, _ticket_heading(ticket))
        _fit(self, 480)


class ResolveDialog(FormDialog):
    """Say how the ticket was resolved and, for a claim, what was settled."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        ticket: ServiceTicketDTO,
        parent: QWidget | None = None,
    ) -> None:
        claimed = (
            self.tr("Claimed %1 %2")
            .replace("%1", fmt.money(ticket.claimed_amount))
            .replace("%2", ticket.currency.label())
            if ticket.claimed_amount is not None
            else self.tr("Nothing was claimed")
        )
        fields = [
            Field(
                "resolution",
                self.tr("Resolution"),
                "multiline",
                required=True,
                placeholder=self.tr("How was it resolved? (re-assay result, credit note, …)"),
            ),
            Field("settled_amount", self.tr("Settled amount"), "decimal", placeholder=claimed),
            Field("note", self.tr("Note"), "multiline"),
        ]
        super().__init__(
            tasks,
            self.tr("Resolve ticket"),
            fields,
            lambda session, values: service_tickets.resolve(
                session,
                actor,
                ticket.id,
                values["resolution"],
                values["settled_amount"],
                values["note"] or "",
            ),
            writes=TICKET_WRITES,
            parent=parent,
        )
        self.setObjectName("ticket_resolve_dialog")
        _add_heading(self, _ticket_heading(ticket) + "\n" + claimed)
        _fit(self, 520)


class ReturnVisitDialog(FormDialog):
    """The call-back after resolution: the customer's satisfaction 1–5 and what they said."""

    def __init__(
        self,
        tasks: TaskManager,
        actor: Actor,
        ticket: ServiceTicketDTO,
        parent: QWidget | None = None,
    ) -> None:
        scale = [
            (5, self.tr("5 — Very satisfied")),
            (4, self.tr("4 — Satisfied")),
            (3, self.tr("3 — Neutral")),
            (2, self.tr("2 — Dissatisfied")),
            (1, self.tr("1 — Very dissatisfied")),
        ]
        fields = [
            # no default: the customer's answer is recorded, never a pre-selected one
            Field(
                "satisfaction",
                self.tr("Satisfaction"),
                "choice",
                choices=scale,
                optional_choice=True,
                required=True,
            ),
            Field("comment", self.tr("Comment"), "multiline"),
        ]
        super().__init__(
            tasks,
            self.tr("Return visit"),
            fields,
            lambda session, values: service_tickets.record_return_visit(
                session, actor, ticket.id, values["satisfaction"], values["comment"] or ""
            ),
            writes=VISIT_WRITES,
            parent=parent,
        )
        self.setObjectName("ticket_return_visit_dialog")
        _add_heading(self, _ticket_heading(ticket))
        _fit(self, 480)
