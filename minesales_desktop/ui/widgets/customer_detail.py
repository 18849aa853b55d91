"""One customer at a glance: who they are, who we talk to, what happened, what is next, what we sell
them and what they owe.

A pure view: the tab loads a ``CustomerDetailDTO`` on the database worker and hands it to
``set_detail``; the panel only shows it and announces what the user asked for (edit a contact, log
the visit a plan asks for, close a plan). Keeping the database out of here means the panel can be
shown the same way by any screen that has a customer id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.customer_overview import CustomerDetailDTO, TimelineEntry
from minesales_desktop.services.customers import ContactDTO, FollowUpDTO
from minesales_desktop.services.vocabulary import CustomerStatus, FollowUpStatus
from minesales_desktop.ui.format import date, money, percent, quantity
from minesales_desktop.ui.item_models.paged import Column, RowsTableModel
from minesales_desktop.ui.widgets.week_plan import OVERDUE_BG, OVERDUE_FG, due_background, due_text

_STATUS_COLOURS = {
    CustomerStatus.ACTIVE: ("#116329", "#dcf5e3"),
    CustomerStatus.PROSPECT: ("#1d4ed8", "#e0eaff"),
    CustomerStatus.DORMANT: ("#4b5563", "#eceef1"),
    CustomerStatus.BLACKLISTED: ("#a61b12", "#fbe3e1"),
}
_NEUTRAL = ("#374151", "#eef0f3")
CREDIT_FACTS = ("rating", "limit", "exposure", "available", "overdue")


def _badge(label: QLabel, text: str, colours: tuple[str, str]) -> None:
    fg, bg = colours
    label.setText(text)
    label.setStyleSheet(
        f"QLabel {{ color: {fg}; background: {bg}; border-radius: 9px; padding: 2px 9px; }}"
    )
    label.setVisible(bool(text))


def _table(model: RowsTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return view


def _next_action(entry: TimelineEntry) -> str:
    activity = entry.activity
    return " · ".join(x for x in (activity.next_action, date(activity.next_action_date)) if x)


def _money_with(currency: Any, value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{money(value)} {currency.value}"


class CustomerDetailPanel(QWidget):
    """Header facts and one tab per kind of record the customer has."""

    new_contact_requested = Signal()
    edit_contact_requested = Signal(object)  # ContactDTO
    log_for_plan_requested = Signal(object)  # FollowUpDTO
    complete_plan_requested = Signal(object)  # FollowUpDTO
    cancel_plan_requested = Signal(object)  # FollowUpDTO

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_detail")
        self._today = today
        self.detail: CustomerDetailDTO | None = None

        self.stack = QStackedWidget()
        self.placeholder = QLabel(
            self.tr(
                "Select a customer to see contacts, the activity timeline, follow-up plans, "
                "opportunities, contracts, service tickets and credit."
            )
        )
        self.placeholder.setObjectName("detail_placeholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #6b7280; padding: 24px;")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- building ----------------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        content = QWidget()
        self.title = QLabel()
        self.title.setObjectName("detail_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("detail_subtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet("color: #4b5563;")
        self.type_badge = QLabel()
        self.tier_badge = QLabel()
        self.status_badge = QLabel()
        self.status_badge.setObjectName("detail_status")
        badges = QHBoxLayout()
        badges.setSpacing(6)
        for badge in (self.type_badge, self.tier_badge, self.status_badge):
            badges.addWidget(badge)
        badges.addStretch(1)

        self.facts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        # Two columns of facts; credit sits here, always in view, because a rep checks it before
        # promising a cargo, not after opening a tab.
        fact_names = [
            ("code", self.tr("Code")),
            ("uscc", self.tr("USCC")),
            ("place", self.tr("Province / city")),
            ("port", self.tr("Discharge port")),
            ("owner", self.tr("Owner")),
            ("next", self.tr("Next follow-up")),
            ("address", self.tr("Address")),
            ("website", self.tr("Website")),
            ("rating", self.tr("Credit rating")),
            ("limit", self.tr("Credit limit")),
            ("exposure", self.tr("Exposure")),
            ("available", self.tr("Available credit")),
            ("overdue", self.tr("Overdue receivables")),
        ]
        for i, (key, caption) in enumerate(fact_names):
            name = QLabel(caption)
            name.setStyleSheet("color: #6b7280;")
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # a long address wraps instead of widening the window
            value.setWordWrap(key in ("address", "website", "place"))
            self.facts[key] = value
            row, col = divmod(i, 2)
            grid.addWidget(name, row, col * 2)
            grid.addWidget(value, row, col * 2 + 1)
        self.credit_labels = {k: self.facts[k] for k in CREDIT_FACTS}
        self.credit_note = QLabel()
        self.credit_note.setObjectName("credit_note")
        self.credit_note.setStyleSheet("color: #6b7280;")
        grid.addWidget(self.credit_note, (len(fact_names) - 1) // 2, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        header = QFrame()
        header.setObjectName("detail_header")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(10, 8, 10, 8)
        header_layout.setSpacing(4)
        header_layout.addWidget(self.title)
        header_layout.addWidget(self.subtitle)
        header_layout.addLayout(badges)
        header_layout.addSpacing(4)
        header_layout.addLayout(grid)

        self.sections = QTabWidget()
        self.sections.setObjectName("detail_sections")
        self.sections.setDocumentMode(True)
        self.sections.setUsesScrollButtons(True)
        # Seven sections must fit beside the list without scroll arrows.
        self.sections.setStyleSheet("QTabBar::tab { padding: 5px 9px; }")
        self._build_timeline()
        self._build_follow_ups()
        self._build_contacts()
        self._build_opportunities()
        self._build_contracts()
        self._build_tickets()

        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addWidget(self.sections, 1)
        return content

    def _page(self, view: QWidget, buttons: Sequence[QPushButton] = ()) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(view, 1)
        return page

    def _build_timeline(self) -> None:
        self.timeline_model = RowsTableModel(
            [
                Column(self.tr("When"), lambda e: e.activity.occurred_at),
                Column(self.tr("Kind"), lambda e: e.activity.kind),
                Column(
                    self.tr("Subject"),
                    lambda e: e.activity.subject,
                    tooltip=lambda e: e.activity.notes or e.activity.subject,
                ),
                Column(self.tr("Outcome"), lambda e: e.activity.outcome),
                Column(self.tr("Next action"), _next_action),
                Column(self.tr("Contact"), lambda e: e.contact_name),
                Column(self.tr("By"), lambda e: e.by_name),
            ],
            parent=self,
        )
        self.timeline_view = _table(self.timeline_model, "timeline_table")
        self.sections.addTab(self._page(self.timeline_view), "")

    def _build_follow_ups(self) -> None:
        self.plans_model = RowsTableModel(
            [
                Column(self.tr("Due"), self._plan_due),
                Column(self.tr("Action"), lambda p: p.action),
                Column(self.tr("Kind"), lambda p: p.kind),
                Column(self.tr("Status"), lambda p: p.status),
                Column(self.tr("Done at"), lambda p: p.done_at),
            ],
            highlight=self._plan_colour,
            parent=self,
        )
        self.plans_view = _table(self.plans_model, "plans_table")
        self.plan_log_button = QPushButton(self.tr("Log visit for plan…"))
        self.plan_log_button.setObjectName("plan_log")
        self.plan_done_button = QPushButton(self.tr("Mark done"))
        self.plan_done_button.setObjectName("plan_done")
        self.plan_cancel_button = QPushButton(self.tr("Cancel plan"))
        self.plan_cancel_button.setObjectName("plan_cancel")
        self.plan_log_button.clicked.connect(lambda: self._emit_plan(self.log_for_plan_requested))
        self.plan_done_button.clicked.connect(lambda: self._emit_plan(self.complete_plan_requested))
        self.plan_cancel_button.clicked.connect(lambda: self._emit_plan(self.cancel_plan_requested))
        self.plans_view.activated.connect(lambda *_: self._emit_plan(self.log_for_plan_requested))
        self.plans_view.selectionModel().selectionChanged.connect(self._plan_selection)
        self.sections.addTab(
            self._page(
                self.plans_view,
                [self.plan_log_button, self.plan_done_button, self.plan_cancel_button],
            ),
            "",
        )
        self._plan_selection()

    def _build_contacts(self) -> None:
        self.contacts_model = RowsTableModel(
            [
                Column(self.tr("Name"), lambda c: c.name + (" ★" if c.is_primary else "")),
                Column(self.tr("Job title"), lambda c: c.title),
                Column(self.tr("Department"), lambda c: c.department),
                Column(self.tr("Decision role"), lambda c: c.decision_role),
                Column(self.tr("Mobile"), lambda c: c.mobile),
                Column(self.tr("Phone"), lambda c: c.phone),
                Column(self.tr("WeChat"), lambda c: c.wechat),
                Column(self.tr("Email"), lambda c: c.email),
            ],
            parent=self,
        )
        self.contacts_view = _table(self.contacts_model, "contacts_table")
        self.new_contact_button = QPushButton(self.tr("New contact…"))
        self.new_contact_button.setObjectName("contact_new")
        self.edit_contact_button = QPushButton(self.tr("Edit contact…"))
        self.edit_contact_button.setObjectName("contact_edit")
        self.new_contact_button.clicked.connect(self.new_contact_requested)
        self.edit_contact_button.clicked.connect(self._edit_contact)
        self.contacts_view.activated.connect(self._edit_contact)
        self.sections.addTab(
            self._page(self.contacts_view, [self.new_contact_button, self.edit_contact_button]),
            "",
        )

    def _build_opportunities(self) -> None:
        self.opportunities_model = RowsTableModel(
            [
                Column(self.tr("Code"), lambda o: o.code),
                Column(self.tr("Title"), lambda o: o.title),
                Column(self.tr("Stage"), lambda o: o.stage),
                Column(
                    self.tr("Estimated value"),
                    lambda o: _money_with(o.currency, o.estimated_value),
                    align_right=True,
                ),
                Column(
                    self.tr("Probability"), lambda o: percent(o.probability, 0), align_right=True
                ),
                Column(self.tr("Expected close"), lambda o: o.expected_close),
            ],
            parent=self,
        )
        self.opportunities_view = _table(self.opportunities_model, "opportunities_table")
        self.sections.addTab(self._page(self.opportunities_view), "")

    def _build_contracts(self) -> None:
        self.contracts_model = RowsTableModel(
            [
                Column(self.tr("Contract no."), lambda c: c.contract_no),
                Column(self.tr("Type"), lambda c: c.contract_type),
                Column(self.tr("Status"), lambda c: c.status),
                Column(self.tr("Period"), lambda c: f"{c.start_date} – {c.end_date}"),
                Column(
                    self.tr("Quantity"),
                    lambda c: f"{quantity(c.quantity)} {c.quantity_unit.label()}",
                    align_right=True,
                ),
                Column(
                    self.tr("Value"),
                    lambda c: _money_with(c.currency, c.total_value),
                    align_right=True,
                ),
            ],
            parent=self,
        )
        self.contracts_view = _table(self.contracts_model, "contracts_table")
        self.sections.addTab(self._page(self.contracts_view), "")

    def _build_tickets(self) -> None:
        self.tickets_model = RowsTableModel(
            [
                Column(self.tr("Ticket no."), lambda t: t.ticket_no),
                Column(self.tr("Type"), lambda t: t.ticket_type),
                Column(self.tr("Status"), lambda t: t.status),
                Column(self.tr("Priority"), lambda t: t.priority),
                Column(self.tr("SLA due"), lambda t: t.sla_due),
                Column(self.tr("Title"), lambda t: t.title),
            ],
            highlight=lambda t: OVERDUE_BG if t.overdue else None,
            parent=self,
        )
        self.tickets_view = _table(self.tickets_model, "tickets_table")
        self.sections.addTab(self._page(self.tickets_view), "")

    # --- showing -----------------------------------------------------------------------------
    def set_detail(self, detail: CustomerDetailDTO | None) -> None:
        self.detail = detail
        if detail is None:
            self.stack.setCurrentIndex(0)
            for model in (
                self.timeline_model, self.plans_model, self.contacts_model,
                self.opportunities_model, self.contracts_model, self.tickets_model,
            ):  # fmt: skip
                model.set_rows([])
            return
        c = detail.customer
        self.title.setText(c.name_zh)
        self.subtitle.setText(" · ".join(x for x in (c.name_en, c.short_name) if x))
        self.subtitle.setVisible(bool(self.subtitle.text()))
        _badge(self.type_badge, c.customer_type.label(), _NEUTRAL)
        _badge(self.tier_badge, c.tier.label(), _NEUTRAL)
        _badge(self.status_badge, c.status.label(), _STATUS_COLOURS.get(c.status, _NEUTRAL))
        open_plans = [p for p in detail.follow_ups if p.status is FollowUpStatus.OPEN]
        next_due = min((p.due_date for p in open_plans), default=None)
        today = self._today()
        values = {
            "code": c.code,
            "uscc": c.uscc or "—",
            "place": " ".join(x for x in (c.province, c.city) if x) or "—",
            "port": c.port or "—",
            "owner": c.owner_name or "—",
            "website": c.website or "—",
            "address": c.address or "—",
            "next": due_text(next_due, today) if next_due else self.tr("none planned"),
        }
        for key, text in values.items():
            self.facts[key].setText(text)
        colour = due_background(next_due, today)
        self.facts["next"].setStyleSheet(
            f"background: {colour.name()}; border-radius: 3px; padding: 0 4px;" if colour else ""
        )

        self.timeline_model.set_rows(detail.timeline)
        self.plans_model.set_rows(detail.follow_ups)
        self.contacts_model.set_rows(detail.contacts)
        self.opportunities_model.set_rows(detail.opportunities)
        self.contracts_model.set_rows(detail.contracts)
        self.tickets_model.set_rows(detail.tickets)
        for view in (
            self.timeline_view, self.plans_view, self.contacts_view, self.opportunities_view,
            self.contracts_view, self.tickets_view,
        ):  # fmt: skip
            view.resizeColumnsToContents()
            for column in range(view.model().columnCount()):
                if view.columnWidth(column) > 260:
                    view.setColumnWidth(column, 260)
        overdue_plans = sum(1 for p in open_plans if p.due_date < today)
        titles = [
            self.tr("Timeline (%n)", "", detail.timeline_total),
            self.tr("Follow-ups (%n)", "", len(open_plans)),
            self.tr("Contacts (%n)", "", len(detail.contacts)),
            self.tr("Opportunities (%n)", "", detail.opportunities_total),
            self.tr("Contracts (%n)", "", detail.contracts_total),
            self.tr("Tickets (%n)", "", detail.tickets_total),
        ]
        for i, text in enumerate(titles):
            self.sections.setTabText(i, text)
        self.sections.tabBar().setTabTextColor(
            1, OVERDUE_FG if overdue_plans else self.palette().text().color()
        )
        self._show_credit(detail)
        self.new_contact_button.setEnabled(detail.can_edit)
        self.edit_contact_button.setEnabled(detail.can_edit)
        self._plan_selection()
        self.stack.setCurrentIndex(1)

    def _show_credit(self, detail: CustomerDetailDTO) -> None:
        labels = self.credit_labels
        for label in labels.values():
            label.setStyleSheet("")
            label.setToolTip("")
        credit = detail.credit
        if credit is None:
            for label in labels.values():
                label.setText("—")
            self.credit_note.setText(detail.credit_problem or "")
            self.credit_note.setToolTip(detail.credit_problem or "")
            return
        cur = credit.currency.value

        def amount(value: Decimal | None) -> str:
            return "—" if value is None else f"{money(value)} {cur}"

        warn = "color: #a61b12; font-weight: 600;"
        if credit.rating is not None:
            labels["rating"].setText(
                self.tr("{rating} (score {score}) · {days} days").format(
                    rating=credit.rating.label(), score=credit.score, days=credit.credit_days
                )
            )
        else:
            labels["rating"].setText("—")
        labels["limit"].setText(amount(credit.credit_limit))
        labels["exposure"].setText(amount(credit.exposure))
        labels["exposure"].setToolTip(
            self.tr("Open receivables {ar} + open contracts {contracts}").format(
                ar=amount(credit.open_receivables), contracts=amount(credit.open_contracts)
            )
        )
        available = credit.available
        labels["available"].setText(amount(available))
        if available is not None and available < 0:
            labels["available"].setStyleSheet(warn)
        a = credit.ageing
        labels["overdue"].setText(amount(credit.overdue))
        labels["overdue"].setToolTip(
            self.tr(
                "Ageing — current {current}; 1–30 d {d30}; 31–60 d {d60}; 61–90 d {d90}; "
                "over 90 d {over}"
            ).format(
                current=money(a.current),
                d30=money(a.days_1_30),
                d60=money(a.days_31_60),
                d90=money(a.days_61_90),
                over=money(a.over_90),
            )  # fmt: skip
        )
        if credit.overdue > 0:
            labels["overdue"].setStyleSheet(warn)
        note = "" if credit.has_profile else self.tr("No credit profile: no limit granted.")
        self.credit_note.setText(note)

    # --- plans and contacts ------------------------------------------------------------------
    def _plan_due(self, plan: FollowUpDTO) -> str:
        if plan.status is not FollowUpStatus.OPEN:
            return plan.due_date.isoformat()
        return due_text(plan.due_date, self._today())

    def _plan_colour(self, plan: FollowUpDTO) -> Any:
        if plan.status is not FollowUpStatus.OPEN:
            return None
        return due_background(plan.due_date, self._today())

    def selected_plan(self) -> FollowUpDTO | None:
        index = self.plans_view.currentIndex()
        if not index.isValid() or not self.plans_view.selectionModel().isSelected(index):
            return None
        plan = self.plans_model.row_object(index.row())
        return plan if isinstance(plan, FollowUpDTO) else None

    def _plan_selection(self, *args: Any) -> None:
        plan = self.selected_plan()
        usable = (
            plan is not None
            and plan.status is FollowUpStatus.OPEN
            and self.detail is not None
            and self.detail.can_edit
        )
        for button in (self.plan_log_button, self.plan_done_button, self.plan_cancel_button):
            button.setEnabled(usable)

    def _emit_plan(self, signal: Any) -> None:
        plan = self.selected_plan()
        if plan is not None and plan.status is FollowUpStatus.OPEN:
            signal.emit(plan)

    def _edit_contact(self, *args: Any) -> None:
        index = self.contacts_view.currentIndex()
        contact = self.contacts_model.row_object(index.row()) if index.isValid() else None
        if isinstance(contact, ContactDTO):
            self.edit_contact_requested.emit(contact)

    def select_section(self, index: int) -> None:
        self.sections.setCurrentIndex(index)

    def section_rows(self, name: str) -> list[Any]:
        """The records a section shows (for tests and for screens that embed the panel)."""
        model = {
            "timeline": self.timeline_model,
            "follow_ups": self.plans_model,
            "contacts": self.contacts_model,
            "opportunities": self.opportunities_model,
            "contracts": self.contracts_model,
            "tickets": self.tickets_model,
        }[name]
        return model.rows

    def cell_text(self, name: str, row: int, column: int) -> str:
        model = {
            "timeline": self.timeline_model,
            "follow_ups": self.plans_model,
            "contacts": self.contacts_model,
        }[name]
        return str(model.data(model.index(row, column, QModelIndex())) or "")
