"""The contracts tab driven like a person: find a contract and read its remaining quantity, open it
and read its review steps and lots, try to approve as a rep, approve as a manager through the
credit check, draw a lot beyond the tolerance and read the balance in the refusal.

Real SQLite, the real database worker; forms are caught instead of shown modally (the tab's
``_exec`` is patched), filled in like a person would, and saved with their own Save path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract, Shipment
from minesales_desktop.models.enums import (
    ContractStatus,
    ProductCategory,
    QuantityUnit,
    ReviewDecision,
    ReviewDepartment,
    ShipmentStatus,
    TransportMode,
)
from minesales_desktop.services.contracts import (
    assays,
    contracts,
    shipments,
    weight_certificates,
)
from minesales_desktop.services.customers import customers
from minesales_desktop.services.pricing import dump_terms, load_template
from minesales_desktop.services.risk import credit_profiles
from minesales_desktop.ui.dialogs.contract_dialogs import (
    ApproveDialog,
    ContractFormDialog,
    ShipmentDialog,
    parse_assay,
)
from minesales_desktop.ui.tabs.contracts_tab import ContractsTab
from minesales_desktop.ui.widgets.contract_detail import describe_price_terms
from tests.conftest import Department

COL_NO, COL_CUSTOMER, COL_STATUS, COL_REMAINING = 0, 1, 3, 6
OK = ReviewDecision.APPROVED


# --- a small world ------------------------------------------------------------------------------
def _draft(session: Session, dept: Department, world: dict[str, str], **extra: Any) -> str:
    values: dict[str, Any] = {
        "customer_id": world["customer"],
        "product_id": world["product"],
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "quantity": "50000",
        "unit_price": "780",
        "pricing_method": "INDEX",
        "price_terms": dump_terms(load_template("dce_iron_ore")),
        **extra,
    }
    return contracts.create(session, dept.rep, values).id


def _review(session: Session, dept: Department, contract_id: str) -> None:
    contracts.submit_for_review(session, dept.rep, contract_id)
    contracts.record_review(session, dept.manager, contract_id, ReviewDepartment.SALES, OK)
    contracts.record_review(session, dept.service, contract_id, ReviewDepartment.FINANCE, OK)
    contracts.record_review(
        session, dept.admin, contract_id, ReviewDepartment.LEGAL, OK, "条款无误"
    )


@pytest.fixture
def world(session: Session, dept: Department) -> dict[str, str]:
    """包钢集团 (李强's customer, credit limit 100 000 000 CNY) with an executing contract of
    50 000 wmt (one lot of 12 000 with weights and an assay) and one contract in review;
    酒钢宏兴 with a limit of only 1 000 000 and a contract in review worth 39 000 000."""
    baogang = customers.create(
        session, dept.rep, {"code": "BG01", "name_zh": "包钢集团", "customer_type": "STEEL_MILL"}
    )
    jiugang = customers.create(
        session, dept.rep, {"code": "JG01", "name_zh": "酒钢宏兴", "customer_type": "STEEL_MILL"}
    )
    product = Product(
        code="FE62",
        name_zh="62%铁粉矿",
        name_en="62% Fe fines",
        category=ProductCategory.FE_FINES,
        unit=QuantityUnit.WMT,
    )
    session.add(product)
    session.flush()
    for customer, limit in ((baogang, "100000000"), (jiugang, "1000000")):
        credit_profiles.create(
            session,
            dept.manager,
            {"customer_id": customer.id, "score": 80, "credit_limit": limit, "credit_days": 30},
        )
    ids = {"customer": baogang.id, "product": product.id}
    executing = _draft(session, dept, ids, contract_no="HT-2025-001")
    _review(session, dept, executing)
    contracts.approve(session, dept.manager, executing)
    contracts.sign(session, dept.rep, executing, dt.date(2025, 1, 10))
    lot = shipments.add_shipment(
        session,
        dept.rep,
        executing,
        {"quantity_wmt": "12000", "vessel_or_vehicle": "MV Ocean Star", "bl_date": "2025-02-01"},
    )
    weight_certificates.create(
        session,
        dept.rep,
        {"shipment_id": lot.id, "wet_tonnes": "12000", "moisture_pct": "8.5"},
    )
    assays.add_assay(session, dept.rep, {"shipment_id": lot.id}, {"Fe": "61.8", "SiO2": "4.3"})
    in_review = _draft(session, dept, ids, contract_no="HT-2025-002", quantity="8000")
    _review(session, dept, in_review)
    risky = _draft(
        session,
        dept,
        {"customer": jiugang.id, "product": product.id},
        contract_no="HT-2025-003",
    )
    _review(session, dept, risky)
    session.commit()
    return {"executing": executing, "in_review": in_review, "risky": risky, "lot": lot.id}


def _status(session: Session, contract_id: str) -> ContractStatus:
    session.expire_all()
    row = session.get(Contract, contract_id)
    assert row is not None
    return row.status


@pytest.fixture
def open_tab(qtbot: Any, make_ctx: Callable[..., Any], wait_idle: Callable[[], None]) -> Any:
    def make(actor: Any) -> ContractsTab:
        tab = ContractsTab(make_ctx(actor))
        qtbot.addWidget(tab)
        tab.resize(1400, 820)
        tab.show()
        tab.activated()
        wait_idle()
        return tab

    return make


@pytest.fixture
def caught(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Forms the tab opens, kept open (non-modal) for the test to fill in."""
    dialogs: list[QDialog] = []

    def capture(self: ContractsTab, dialog: QDialog) -> None:
        dialogs.append(dialog)

    monkeypatch.setattr(ContractsTab, "_exec", capture)
    return dialogs


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def _row_of(tab: ContractsTab, contract_no: str) -> int:
    model = tab.model
    for row in range(model.rowCount()):
        if model.index(row, COL_NO).data() == contract_no:
            return row
    raise AssertionError(f"{contract_no} is not listed")


def _open(tab: ContractsTab, contract_no: str, wait_idle: Callable[[], None]) -> None:
    tab.table.selectRow(_row_of(tab, contract_no))
    wait_idle()
    detail = tab.current_detail
    assert detail is not None and detail.contract.contract_no == contract_no


# --- the tests ----------------------------------------------------------------------------------
def test_a_contract_shipped_past_its_maximum_says_so(
    world: dict[str, str],
    dept: Department,
    session: Session,
    open_tab: Any,
    wait_idle: Callable[[], None],
) -> None:
    """50 000 wmt ± 10 % = at most 55 000; 12 000 shipped, and a lot of 44 000 drawn on another
    laptop arrives by sync (no balance check on the way): 1 000 over, shown in red."""
    session.add(
        Shipment(
            contract_id=world["executing"], lot_no="HT-2025-001-L02",
            transport_mode=TransportMode.VESSEL, quantity_wmt=Decimal("44000"),
            status=ShipmentStatus.PLANNED,
        )
    )  # fmt: skip
    session.commit()
    tab = open_tab(dept.rep)
    _open(tab, "HT-2025-001", wait_idle)
    drawable = tab.detail.balance["drawable"]
    assert drawable.text() == "Over the maximum by 1,000 wmt"
    assert "b00020" in drawable.styleSheet() and "two computers" in drawable.toolTip()
    assert tab.detail.balance["remaining"].text() == "0 wmt"
    _open(tab, "HT-2025-002", wait_idle)  # the next contract shows its own balance plainly
    assert drawable.styleSheet() == "" and drawable.text().endswith("(±10 %)")


def test_list_shows_remaining_quantity_and_status_chips_filter(
    world: dict[str, str], dept: Department, open_tab: Any, wait_idle: Callable[[], None]
) -> None:
    tab = open_tab(dept.rep)
    assert tab.model.rowCount() == 3
    row = _row_of(tab, "HT-2025-001")
    assert tab.model.index(row, COL_CUSTOMER).data() == "包钢集团"
    assert tab.model.index(row, COL_REMAINING).data() == "38,000 wmt"
    assert tab.model.index(row, COL_STATUS).data() == "Executing"
    assert tab.chip_buttons[ContractStatus.IN_REVIEW].text() == "In review  2"
    assert not tab.owner_filter.isVisible(), "the owner filter is a manager's"

    tab.chip_buttons[ContractStatus.IN_REVIEW].click()
    wait_idle()
    assert tab.model.rowCount() == 2

    tab.chip_buttons[None].click()
    tab.search.setText("酒钢")
    wait_idle()
    tab._search_timer.timeout.emit()
    wait_idle()
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, COL_NO).data() == "HT-2025-003"


def test_open_contract_shows_terms_review_steps_and_lots(
    world: dict[str, str], dept: Department, open_tab: Any, wait_idle: Callable[[], None]
) -> None:
    tab = open_tab(dept.rep)
    _open(tab, "HT-2025-001", wait_idle)
    panel = tab.detail
    assert panel.heading.text() == "HT-2025-001 · 包钢集团"
    assert panel.balance["remaining"].text() == "38,000 wmt"
    assert panel.balance["drawable"].text() == "43,000 wmt (±10 %)"
    reviews = [
        (
            panel.reviews_model.index(r, 1).data(),
            panel.reviews_model.index(r, 2).data(),
            panel.reviews_model.index(r, 3).data(),
        )
        for r in range(panel.reviews_model.rowCount())
    ]
    assert ("Legal", "系统管理员", "Approved") in reviews
    assert ("Management", "王经理", "Approved") in reviews
    assert panel.lots_model.rowCount() == 1
    lot = [panel.lots_model.index(0, c).data() for c in range(panel.lots_model.columnCount())]
    assert lot[0] == "HT-2025-001-L01"
    assert "12,000" in lot[3]
    assert (lot[5], lot[6]) == ("8.5", "10,980")
    assert lot[7] == "Fe 61.8 · SiO2 4.3"
    history = panel.history_model.index(0, 1).data()
    assert history == "Signed → Executing"
    terms = {
        panel.terms_form.itemAt(i, panel.terms_form.ItemRole.LabelRole).widget().text()
        for i in range(panel.terms_form.rowCount())
    }
    assert {"Method", "Base price", "SiO2", "VAT"} <= terms
    assert tab.shipment_action.isEnabled()
    assert not tab.approve_action.isEnabled()


def test_rep_cannot_approve(
    world: dict[str, str],
    dept: Department,
    session: Session,
    open_tab: Any,
    wait_idle: Callable[[], None],
    warnings_shown: list[str],
) -> None:
    tab = open_tab(dept.rep)
    _open(tab, "HT-2025-002", wait_idle)
    assert not tab.approve_action.isEnabled()
    assert "Only a sales manager can approve a contract." in tab.approve_action.toolTip()

    tab.approve_contract()  # forced: the service is the authority, not the button
    wait_idle()
    assert warnings_shown == ["Only a sales manager can approve a contract."]
    assert _status(session, world["in_review"]) is ContractStatus.IN_REVIEW


def test_manager_approves_within_limit(
    world: dict[str, str],
    dept: Department,
    session: Session,
    open_tab: Any,
    wait_idle: Callable[[], None],
    caught: list[QDialog],
) -> None:
    tab = open_tab(dept.manager)
    assert tab.owner_filter.isVisible()
    _open(tab, "HT-2025-002", wait_idle)
    assert tab.approve_action.isEnabled()
    tab.approve_action.trigger()
    wait_idle()
    dialog = caught[-1]
    assert isinstance(dialog, ApproveDialog)
    assert "Within the limit." in dialog.credit_label.text()
    dialog.submit()
    wait_idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _status(session, world["in_review"]) is ContractStatus.APPROVED
    assert tab.current_detail is not None
    assert tab.current_detail.contract.status is ContractStatus.APPROVED
    assert tab.sign_action.isEnabled()


def test_credit_overrun_asks_for_an_override_reason_and_records_it(
    world: dict[str, str],
    dept: Department,
    session: Session,
    open_tab: Any,
    wait_idle: Callable[[], None],
    caught: list[QDialog],
) -> None:
    tab = open_tab(dept.manager)
    _open(tab, "HT-2025-003", wait_idle)
    tab.approve_contract()
    wait_idle()
    dialog = caught[-1]
    assert isinstance(dialog, ApproveDialog)
    text = dialog.credit_label.text()
    assert "Exposure 39,000,000.00 against a credit limit of 1,000,000.00" in text
    assert "Over the limit by 38,000,000.00 CNY" in text

    dialog.submit()  # no reason yet: answered next to the field, nothing written
    wait_idle()
    error = dialog.form.editors["override_reason"].error
    assert error.isVisibleTo(dialog) and "Required" in error.text()
    assert _status(session, world["risky"]) is ContractStatus.IN_REVIEW

    dialog.form.editors["override_reason"].set_value("预付30%货款, 余款信用证")
    dialog.submit()
    wait_idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    session.expire_all()
    row = session.get(Contract, world["risky"])
    assert row is not None and row.status is ContractStatus.APPROVED
    assert row.credit_override_reason == "预付30%货款, 余款信用证"
    history = contracts.history(session, world["risky"])
    assert "Override reason: 预付30%货款, 余款信用证" in (history[-1].note or "")
    approval = tab.detail.facts["approval"].text()
    assert "Credit override: 预付30%货款, 余款信用证" in approval


def test_shipment_beyond_tolerance_shows_the_balance_and_writes_nothing(
    world: dict[str, str],
    dept: Department,
    session: Session,
    open_tab: Any,
    wait_idle: Callable[[], None],
    caught: list[QDialog],
) -> None:
    tab = open_tab(dept.rep)
    _open(tab, "HT-2025-001", wait_idle)
    tab.add_shipment()
    dialog = caught[-1]
    assert isinstance(dialog, ShipmentDialog)
    assert "Remaining 38,000 wmt" in dialog.balance_label.text()
    dialog.form.editors["quantity_wmt"].set_value("45000")
    dialog.form.editors["moisture_pct"].set_value("8")
    dialog.form.editors["assay"].set_value("Fe=61.2, SiO2=4.6")
    dialog.submit()
    wait_idle()
    error = dialog.form.editors["quantity_wmt"].error
    assert error.isVisibleTo(dialog)
    assert "at most 43,000.000 wmt may still be drawn" in error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    count = session.scalar(select(func.count()).select_from(Shipment))
    assert count == 1, "nothing written"

    dialog.form.editors["quantity_wmt"].set_value("20000")
    dialog.submit()
    wait_idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    wait_idle()
    assert tab.detail.balance["remaining"].text() == "18,000 wmt"
    assert tab.detail.lots_model.rowCount() == 2
    row = _row_of(tab, "HT-2025-001")
    assert tab.model.index(row, COL_REMAINING).data() == "18,000 wmt"


def test_new_contract_validates_next_to_the_fields_then_saves(
    world: dict[str, str],
    dept: Department,
    session: Session,
    open_tab: Any,
    wait_idle: Callable[[], None],
    caught: list[QDialog],
) -> None:
    tab = open_tab(dept.rep)
    tab.new_action.trigger()
    wait_idle()
    dialog = caught[-1]
    assert isinstance(dialog, ContractFormDialog)
    dialog.search.setText("包钢")
    dialog.run_search()
    wait_idle()
    assert dialog.customer_combo.currentText() == "包钢集团 (BG01)"
    dialog.form.editors["quantity"].set_value("lots")
    dialog.form.editors["unit_price"].set_value("765.5")
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData("dce_iron_ore"))
    dialog.submit()
    wait_idle()
    assert dialog.form.editors["quantity"].error.text() == "Must be a number."
    dialog.form.editors["quantity"].set_value("30000")
    dialog.submit()
    wait_idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    wait_idle()
    detail = tab.current_detail
    assert detail is not None and detail.contract.status is ContractStatus.DRAFT
    assert detail.contract.price_terms["code"] == "dce_iron_ore"
    assert detail.contract.pricing_method.value == "INDEX"
    assert tab.edit_action.isEnabled() and tab.submit_action.isEnabled()

    tab.submit_action.trigger()
    wait_idle()
    assert _status(session, detail.contract.id) is ContractStatus.IN_REVIEW


def test_models_pass_the_model_tester(
    world: dict[str, str],
    dept: Department,
    open_tab: Any,
    wait_idle: Callable[[], None],
    qtmodeltester: Any,
) -> None:
    tab = open_tab(dept.manager)
    _open(tab, "HT-2025-001", wait_idle)
    qtmodeltester.check(tab.model)
    panel = tab.detail
    for model in (
        panel.reviews_model,
        panel.history_model,
        panel.lots_model,
        panel.invoices_model,
        panel.payments_model,
    ):
        qtmodeltester.check(model)


def test_price_terms_read_as_words() -> None:
    lines = dict(describe_price_terms(dump_terms(load_template("iron_ore_62fe_viu"))))
    assert lines["Method"] == "Value in use"
    assert "IODEX62" in lines["Base price"] and "M+1" in lines["Base price"]
    assert lines["Provisional invoice"] == "90 %"
    tiers = dict(describe_price_terms(dump_terms(load_template("dce_iron_ore"))))
    assert tiers["SiO2"].startswith("base 4")
    assert "reject above 6.5" in tiers["SiO2"]
    assert describe_price_terms({}) == []
    assert parse_assay("Fe=61.5, SiO2 4.2; Al2O3: 2.3%") == {
        "Fe": "61.5",
        "SiO2": "4.2",
        "Al2O3": "2.3",
    }
    assert Decimal(parse_assay("P=0.08")["P"]) == Decimal("0.08")
