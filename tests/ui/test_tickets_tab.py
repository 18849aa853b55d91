"""The service-tickets tab driven like a person: open a ticket for a customer, find it in the queue,
walk it through its life with the toolbar, read what a refused move says.

Real SQLite, the real database worker; modal dialogs are patched so that their ``exec`` types into
the dialog and presses Save instead of blocking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QWidget
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract, Shipment
from minesales_desktop.models.enums import (
    ContractStatus,
    ContractType,
    Currency,
    Incoterm,
    PaymentMethod,
    PricingMethod,
    Priority,
    ProductCategory,
    QuantityUnit,
    ShipmentStatus,
    TicketType,
    ToleranceOption,
    TransportMode,
)
from minesales_desktop.services.customers import customers
from minesales_desktop.services.service_tickets import ServiceTicketDTO, service_tickets
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.dialogs.ticket_dialogs import (
    AssignDialog,
    ResolveDialog,
    ReturnVisitDialog,
    TicketCreateDialog,
)
from minesales_desktop.ui.tabs.tickets_tab import OVERDUE_COLOR, TicketsTab
from minesales_desktop.ui.widgets.forms import FormDialog
from tests.conftest import Department

COL_NO, COL_STATUS, COL_SLA, COL_CUSTOMER, COL_ASSIGNEE = 0, 1, 2, 5, 7


# --- a small world ------------------------------------------------------------------------------
@pytest.fixture
def world(session: Session, dept: Department) -> dict[str, str]:
    """包钢集团 (李强's customer) with an executing contract and one lot; 金川冶炼 (陈刚's)."""
    mine = customers.create(
        session, dept.rep, {"code": "BG01", "name_zh": "包钢集团", "customer_type": "STEEL_MILL"}
    )
    other = customers.create(
        session,
        dept.other_rep,
        {"code": "JC01", "name_zh": "金川冶炼", "customer_type": "CU_SMELTER"},
    )
    product = Product(
        code="FE62",
        name_zh="62%铁粉矿",
        name_en="62% Fe fines",
        category=ProductCategory.FE_FINES,
        unit=QuantityUnit.DMT,
    )
    session.add(product)
    session.flush()
    contract = Contract(
        contract_no="HT-2026-001",
        customer_id=mine.id,
        product_id=product.id,
        contract_type=ContractType.SPOT,
        status=ContractStatus.EXECUTING,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        quantity=Decimal("50000"),
        quantity_unit=QuantityUnit.WMT,
        tolerance_pct=Decimal("10"),
        tolerance_option=ToleranceOption.SELLER,
        incoterm=Incoterm.CFR,
        currency=Currency.USD,
        fx_rate=Decimal("7.1"),
        vat_rate=Decimal("0"),
        vat_included=False,
        pricing_method=PricingMethod.FIXED,
        price_terms={},
        unit_price=Decimal("105"),
        total_value=Decimal("5250000"),
        payment_method=PaymentMethod.LC,
        provisional_pct=Decimal("90"),
        owner_id=dept.rep.user_id,
    )
    session.add(contract)
    session.flush()
    lot = Shipment(
        contract_id=contract.id,
        lot_no="HT-2026-001-L01",
        transport_mode=TransportMode.VESSEL,
        bl_date=dt.date(2026, 3, 2),
        quantity_wmt=Decimal("30000"),
        status=ShipmentStatus.DELIVERED,
    )
    session.add(lot)
    session.commit()
    return {"customer": mine.id, "other": other.id, "contract": contract.id, "lot": lot.id}


def open_ticket(
    session: Session,
    dept: Department,
    customer_id: str,
    title: str,
    *,
    received: dt.datetime | None = None,
    ticket_type: TicketType = TicketType.WEIGHT_SHORTAGE,
    claimed: str | None = None,
) -> ServiceTicketDTO:
    values: dict[str, Any] = {
        "customer_id": customer_id,
        "ticket_type": ticket_type,
        "priority": Priority.NORMAL,
        "title": title,
    }
    if received is not None:
        values["received_at"] = received
    if claimed is not None:
        values["claimed_amount"] = claimed
    ticket = service_tickets.create(session, dept.service, values)
    session.commit()
    return ticket


# --- driving helpers ----------------------------------------------------------------------------
@pytest.fixture
def make_tab(qtbot, make_ctx, wait_idle) -> Callable[..., TicketsTab]:
    def make(actor) -> TicketsTab:
        tab = TicketsTab(make_ctx(actor))
        qtbot.addWidget(tab)
        tab.resize(1400, 800)
        tab.show()
        tab.activated()
        wait_idle()
        return tab

    return make


def cell(tab: TicketsTab, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return tab.model.data(tab.model.index(row, column), role)


def row_of(tab: TicketsTab, ticket_no: str) -> int:
    for row in range(tab.model.rowCount()):
        if cell(tab, row, COL_NO) == ticket_no:
            return row
    return -1


def status_in_list(tab: TicketsTab, ticket_no: str) -> str:
    row = row_of(tab, ticket_no)
    assert row >= 0, f"{ticket_no} is not in the list"
    return str(cell(tab, row, COL_STATUS))


def select(tab: TicketsTab, ticket_no: str, qtbot, wait_idle) -> None:
    row = row_of(tab, ticket_no)
    assert row >= 0
    rect = tab.table.visualRect(tab.model.index(row, COL_NO))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle()
    assert tab.fields["customer"].text()  # the detail panel shows the ticket


def click(tab: TicketsTab, action_name: str, qtbot, wait_idle) -> None:
    action = getattr(tab, action_name)
    assert action.isEnabled(), f"{action.text()} is disabled"
    button = tab.toolbar.widgetForAction(action)
    assert isinstance(button, QWidget)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle()


def enabled_actions(tab: TicketsTab) -> set[str]:
    names = ("assign_action", "start_action", "resolve_action", "visit_action", "close_action")
    return {n for n in names if getattr(tab, n).isEnabled()}


def choose(combo: QComboBox, text: str) -> None:
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Type like a person: Latin text key by key, Chinese committed by the input method."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def field(dialog: FormDialog, name: str) -> Any:
    return dialog.form.editors[name].widget


@dataclass
class Answer:
    """What a person saw when the dialog answered their Save (the dialog is gone afterwards)."""

    accepted: bool
    banner: str
    errors: dict[str, str]
    result_value: Any


def patch_exec(monkeypatch, cls: type[QDialog], fill: Callable[[Any], None], qtbot) -> list[Answer]:
    """``cls.exec`` fills the dialog like a person, presses Save and waits for the answer."""
    answers: list[Answer] = []

    def answered(dialog: FormDialog) -> bool:
        return (
            dialog.result() == QDialog.DialogCode.Accepted
            or dialog.banner.isVisibleTo(dialog)
            or any(e.error.isVisibleTo(dialog) for e in dialog.form.editors.values())
        )

    def fake_exec(dialog: FormDialog) -> int:
        fill(dialog)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: answered(dialog), timeout=10_000)
        answers.append(
            Answer(
                accepted=dialog.result() == QDialog.DialogCode.Accepted,
                banner=dialog.banner.text() if dialog.banner.isVisibleTo(dialog) else "",
                errors={
                    n: e.error.text()
                    for n, e in dialog.form.editors.items()
                    if e.error.isVisibleTo(dialog)
                },
                result_value=dialog.result_value,
            )
        )
        return dialog.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return answers


# --- tests --------------------------------------------------------------------------------------
def test_create_ticket_from_a_customer_found_by_search(
    qtbot, monkeypatch, make_tab, wait_idle, dept, world
):
    tab = make_tab(dept.service)
    assert tab.model.rowCount() == 0

    def fill(dialog: TicketCreateDialog) -> None:
        type_into(qtbot, dialog.search, "包钢")
        qtbot.waitUntil(lambda: dialog.customer_combo.count() == 1)
        assert dialog.matches.text() == "1 found"
        qtbot.waitUntil(lambda: dialog.contract_combo.count() == 2)  # blank + HT-2026-001
        assert not dialog.lot_combo.isEnabled()  # a lot is chosen within a contract
        choose(dialog.contract_combo, "HT-2026-001")
        assert dialog.lot_combo.isEnabled()
        choose(dialog.lot_combo, "HT-2026-001-L01")
        choose(field(dialog, "ticket_type"), "Weight shortage")
        choose(field(dialog, "priority"), "High")
        assert dialog.sla.text() == "Resolve within 72 h of receipt (3 days)"
        type_into(qtbot, field(dialog, "title"), "L01 到港短重 1.2%")
        type_into(qtbot, field(dialog, "claimed_amount"), "36000")
        # the contract is in USD, so the claim is too
        assert field(dialog, "currency").currentData() == Currency.USD

    seen = patch_exec(monkeypatch, TicketCreateDialog, fill, qtbot)
    qtbot.keyClick(
        tab, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    wait_idle()
    assert seen and seen[0].accepted  # Ctrl+Shift+T opened the dialog, Save created it

    created = seen[0].result_value
    assert created.ticket_no.startswith("ST-")
    assert tab.model.rowCount() == 1
    assert cell(tab, 0, COL_NO) == created.ticket_no
    assert cell(tab, 0, COL_STATUS) == "Received"
    assert cell(tab, 0, COL_CUSTOMER) == "包钢集团"
    assert cell(tab, 0, COL_SLA) == fmt.date(created.received_at + dt.timedelta(hours=72))
    assert created.sla_due == created.received_at + dt.timedelta(hours=72)
    # the new ticket is selected and its detail names the contract and lot
    assert tab.detail_heading.text() == f"{created.ticket_no} · L01 到港短重 1.2%"
    assert tab.fields["contract"].text() == "HT-2026-001"
    assert tab.fields["lot"].text() == "HT-2026-001-L01"
    assert tab.fields["claimed"].text() == "36,000.00 USD"
    assert tab.history_model.rowCount() == 1
    assert tab.count_label.text() == "1 ticket(s) listed"


def test_a_customer_must_be_chosen(qtbot, monkeypatch, make_tab, wait_idle, dept, world):
    tab = make_tab(dept.service)

    def fill(dialog: TicketCreateDialog) -> None:
        type_into(qtbot, field(dialog, "title"), "没有客户的工单")

    seen = patch_exec(monkeypatch, TicketCreateDialog, fill, qtbot)
    click(tab, "new_action", qtbot, wait_idle)
    assert not seen[0].accepted
    assert seen[0].errors == {"customer_id": "Required."}
    assert tab.model.rowCount() == 0


def test_overdue_tickets_are_highlighted_and_counted(
    qtbot, make_tab, wait_idle, session, dept, world
):
    late = open_ticket(
        session,
        dept,
        world["customer"],
        "延迟交货",
        received=dt.datetime.now(dt.UTC) - dt.timedelta(days=10),
    )
    fresh = open_ticket(session, dept, world["customer"], "单据错误")
    summaries: list[str] = []
    tab = make_tab(dept.service)
    tab.summary_changed.connect(summaries.append)
    tab.refresh()
    wait_idle()

    late_row, fresh_row = row_of(tab, late.ticket_no), row_of(tab, fresh.ticket_no)
    assert late_row == 0  # the queue is by SLA due: the late one first
    background = cell(tab, late_row, COL_NO, Qt.ItemDataRole.BackgroundRole)
    assert background is not None and background.color() == OVERDUE_COLOR
    assert "overdue" in cell(tab, late_row, COL_SLA)
    assert cell(tab, fresh_row, COL_NO, Qt.ItemDataRole.BackgroundRole) is None
    assert cell(tab, late_row, COL_SLA, Qt.ItemDataRole.ToolTipRole).startswith("Overdue by 6 d")
    assert summaries[-1] == "2 open ticket(s), 1 overdue"

    tab.overdue_only.setChecked(True)
    wait_idle()
    assert tab.model.rowCount() == 1 and cell(tab, 0, COL_NO) == late.ticket_no


def test_walk_a_ticket_through_its_life_with_the_toolbar(
    qtbot, monkeypatch, make_tab, wait_idle, session, dept, world
):
    ticket = open_ticket(
        session,
        dept,
        world["customer"],
        "铁精粉水分超标",
        ticket_type=TicketType.QUALITY_CLAIM,
        claimed="50000",
    )
    tab = make_tab(dept.service)
    no = ticket.ticket_no
    select(tab, no, qtbot, wait_idle)
    assert enabled_actions(tab) == {"assign_action"}

    # assign to 孙丽 (after-sales)
    def assign(dialog: AssignDialog) -> None:
        choose(field(dialog, "assignee_id"), "孙丽")
        type_into(qtbot, field(dialog, "note"), "请跟进复检")

    patch_exec(monkeypatch, AssignDialog, assign, qtbot)
    click(tab, "assign_action", qtbot, wait_idle)
    assert status_in_list(tab, no) == "Assigned"
    assert cell(tab, row_of(tab, no), COL_ASSIGNEE) == "孙丽"
    assert enabled_actions(tab) == {"assign_action", "start_action"}
    assert tab.assign_action.text() == "Reassign…"

    # start work: one click
    click(tab, "start_action", qtbot, wait_idle)
    assert status_in_list(tab, no) == "In progress"
    assert enabled_actions(tab) == {"assign_action", "resolve_action"}

    # resolve with a resolution and a settlement
    def resolve(dialog: ResolveDialog) -> None:
        type_into(qtbot, field(dialog, "resolution"), "仲裁化验确认水分 9.8%，按合同扣款")
        type_into(qtbot, field(dialog, "settled_amount"), "32000")

    patch_exec(monkeypatch, ResolveDialog, resolve, qtbot)
    click(tab, "resolve_action", qtbot, wait_idle)
    assert status_in_list(tab, no) == "Resolved"
    assert tab.fields["settled"].text() == "32,000.00 CNY"
    assert enabled_actions(tab) == {"visit_action"}

    # the return visit: satisfaction 4
    def visit(dialog: ReturnVisitDialog) -> None:
        choose(field(dialog, "satisfaction"), "4 — Satisfied")
        type_into(qtbot, field(dialog, "comment"), "处理及时，希望加快结算")

    patch_exec(monkeypatch, ReturnVisitDialog, visit, qtbot)
    click(tab, "visit_action", qtbot, wait_idle)
    assert status_in_list(tab, no) == "Return visit"
    assert tab.visits_model.rowCount() == 1
    assert tab.visits_model.data(tab.visits_model.index(0, 2)) == "★★★★☆ 4"
    assert enabled_actions(tab) == {"close_action"}

    # close: it leaves the default queue ("all but closed") and is found under Closed
    click(tab, "close_action", qtbot, wait_idle)
    assert row_of(tab, no) == -1
    choose(tab.status_filter, "Closed")
    wait_idle()
    assert status_in_list(tab, no) == "Closed"
    select(tab, no, qtbot, wait_idle)
    assert enabled_actions(tab) == set()
    changes = [
        tab.history_model.data(tab.history_model.index(r, 1))
        for r in range(tab.history_model.rowCount())
    ]
    assert changes == ["Received", "Assigned", "In progress", "Resolved", "Return visit", "Closed"]
    notes = [
        tab.history_model.data(tab.history_model.index(r, 3))
        for r in range(tab.history_model.rowCount())
    ]
    assert "请跟进复检" in notes and "Satisfaction 4/5." in notes
    assert tab.history_model.data(tab.history_model.index(1, 2)) == "孙丽"


def test_resolving_without_a_resolution_says_what_is_missing(
    qtbot, monkeypatch, make_tab, wait_idle, session, dept, world
):
    ticket = open_ticket(session, dept, world["customer"], "磅单与提单不符")
    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id)
    service_tickets.start(session, dept.service, ticket.id)
    session.commit()
    tab = make_tab(dept.service)
    select(tab, ticket.ticket_no, qtbot, wait_idle)

    def resolve(dialog: ResolveDialog) -> None:
        type_into(qtbot, field(dialog, "settled_amount"), "0")

    seen = patch_exec(monkeypatch, ResolveDialog, resolve, qtbot)
    click(tab, "resolve_action", qtbot, wait_idle)
    assert not seen[0].accepted  # the dialog stays open and nothing is written
    message = seen[0].banner
    assert (
        f"Ticket {ticket.ticket_no} cannot move from In progress to Resolved. Missing:" in message
    )
    assert "• A resolution saying how the ticket was resolved." in message
    assert status_in_list(tab, ticket.ticket_no) == "In progress"


def test_a_return_visit_needs_the_customers_score(
    qtbot, monkeypatch, make_tab, wait_idle, session, dept, world
):
    ticket = open_ticket(session, dept, world["customer"], "发票抬头错误")
    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id)
    service_tickets.start(session, dept.service, ticket.id)
    service_tickets.resolve(session, dept.service, ticket.id, "已重开发票")
    session.commit()
    tab = make_tab(dept.service)
    select(tab, ticket.ticket_no, qtbot, wait_idle)

    seen = patch_exec(monkeypatch, ReturnVisitDialog, lambda d: None, qtbot)
    click(tab, "visit_action", qtbot, wait_idle)
    assert "satisfaction (1–5)" in seen[0].banner
    assert status_in_list(tab, ticket.ticket_no) == "Resolved"


def test_create_ticket_for_a_lot_from_another_tab(
    qtbot, monkeypatch, make_ctx, wait_idle, dept, world
):
    """The contracts tab opens the same dialog for a lot: customer, contract and lot chosen."""

    def fill(dialog: TicketCreateDialog) -> None:
        assert dialog.customer_combo.currentText() == "包钢集团 (BG01)"
        assert dialog.contract_combo.currentData() == world["contract"]
        assert dialog.lot_combo.currentData() == world["lot"]
        assert dialog.search.text() == "包钢集团"
        choose(field(dialog, "ticket_type"), "Quality claim")
        type_into(qtbot, field(dialog, "title"), "L01 Fe 品位低于合同")

    seen = patch_exec(monkeypatch, TicketCreateDialog, fill, qtbot)
    created: list[ServiceTicketDTO] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    TicketsTab.create_ticket_for(
        make_ctx(dept.rep), parent, shipment_id=world["lot"], on_created=created.append
    )
    wait_idle()
    assert seen and created
    assert created[0].contract_id == world["contract"]
    assert created[0].shipment_id == world["lot"]
    assert created[0].customer_id == world["customer"]
    assert created[0].currency is Currency.USD


def test_filters_by_type_assignee_and_mine(qtbot, make_tab, wait_idle, session, dept, world):
    a = open_ticket(
        session, dept, world["customer"], "短重", ticket_type=TicketType.WEIGHT_SHORTAGE
    )
    b = open_ticket(session, dept, world["other"], "投诉", ticket_type=TicketType.COMPLAINT)
    service_tickets.assign(session, dept.service, b.id, dept.rep.user_id)
    session.commit()
    tab = make_tab(dept.rep)
    assert tab.model.rowCount() == 2

    choose(tab.type_filter, "Complaint")
    wait_idle()
    assert [cell(tab, r, COL_NO) for r in range(tab.model.rowCount())] == [b.ticket_no]
    tab.type_filter.setCurrentIndex(0)
    wait_idle()

    choose(tab.assignee_filter, "李强")
    wait_idle()
    assert [cell(tab, r, COL_NO) for r in range(tab.model.rowCount())] == [b.ticket_no]
    tab.assignee_filter.setCurrentIndex(0)
    wait_idle()

    # 李强 owns 包钢's ticket (his customer) and is assigned 金川's: both are his
    tab.mine_only.setChecked(True)
    wait_idle()
    assert tab.model.rowCount() == 2
    # 赵敏 has neither
    tab2 = make_tab(dept.rep2)
    tab2.mine_only.setChecked(True)
    wait_idle()
    assert tab2.model.rowCount() == 0
    assert a.owner_id == dept.rep.user_id


def test_someone_elses_ticket_can_be_read_not_worked(
    qtbot, make_tab, wait_idle, session, dept, world
):
    ticket = open_ticket(session, dept, world["customer"], "短重")
    tab = make_tab(dept.other_rep)
    select(tab, ticket.ticket_no, qtbot, wait_idle)
    assert enabled_actions(tab) == set()
    assert tab.permission_note.isVisible()


def test_item_models_pass_the_model_tester(
    qtbot, qtmodeltester, make_tab, wait_idle, session, dept, world
):
    ticket = open_ticket(session, dept, world["customer"], "短重")
    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id, "交孙丽")
    session.commit()
    tab = make_tab(dept.service)
    select(tab, ticket.ticket_no, qtbot, wait_idle)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.history_model)
    qtmodeltester.check(tab.visits_model)


def test_shortcuts_work_and_are_in_the_tooltips(
    qtbot, monkeypatch, make_tab, wait_idle, session, dept, world
):
    ticket = open_ticket(session, dept, world["customer"], "短重")
    tab = make_tab(dept.service)
    assert tab.new_action.shortcut().toString() == "Ctrl+Shift+T"
    assert tab.assign_action.toolTip().endswith("(F2)")
    assert tab.overdue_only.toolTip().endswith("(Ctrl+Shift+O)")
    select(tab, ticket.ticket_no, qtbot, wait_idle)

    def assign(dialog: AssignDialog) -> None:
        choose(field(dialog, "assignee_id"), "赵敏")

    seen = patch_exec(monkeypatch, AssignDialog, assign, qtbot)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    wait_idle()
    assert seen and seen[0].accepted
    assert status_in_list(tab, ticket.ticket_no) == "Assigned"
    # F3 starts work on it
    qtbot.keyClick(tab.table, Qt.Key.Key_F3)
    wait_idle()
    assert status_in_list(tab, ticket.ticket_no) == "In progress"


def test_a_write_elsewhere_refreshes_the_queue(qtbot, make_tab, wait_idle, session, dept, world):
    """A ticket opened from the customers tab appears here without pressing anything."""
    tab = make_tab(dept.service)
    assert tab.model.rowCount() == 0
    actor = dept.rep
    tab.ctx.tasks.run(
        lambda s: service_tickets.create(
            s,
            actor,
            {
                "customer_id": world["customer"],
                "ticket_type": TicketType.COMPLAINT,
                "priority": Priority.URGENT,
                "title": "现场投诉",
            },
        ),
        writes=("service_tickets",),
    )
    wait_idle()
    assert tab.model.rowCount() == 1
    assert cell(tab, 0, COL_STATUS) == "Received"
