"""Contracts: the status machine, review and approval with the credit check, shipments within
tolerance, weights, assays, invoices, payments and AR ageing — against a real SQLite file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import (
    Assay,
    AssayResult,
    Contract,
    ContractReview,
    ContractStatusChange,
    Payment,
    Shipment,
)
from minesales_desktop.models.enums import (
    ContractStatus,
    Currency,
    DealType,
    Incoterm,
    InvoiceStatus,
    PaymentMethod,
    PricingMethod,
    ProductCategory,
    QuantityUnit,
    QuoteStatus,
    ReviewDecision,
    ReviewDepartment,
    Stage,
    ToleranceOption,
)
from minesales_desktop.models.sales import Opportunity, Quote
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.contracts import (
    AgeingDTO,
    assays,
    contract_balance,
    contracts,
    invoices,
    payments,
    receivables,
    shipments,
    split_vat,
    weight_certificates,
)
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused, ValidationError
from minesales_desktop.services.risk import credit_profiles

S, F, L = ReviewDepartment.SALES, ReviewDepartment.FINANCE, ReviewDepartment.LEGAL
OK = ReviewDecision.APPROVED
TODAY = dt.date.today()


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def world(session: Session, dept: Any) -> dict[str, str]:
    """One customer owned by the rep, with a CNY credit profile of 10 000 000, and one product."""
    customer = customers.create(
        session, dept.rep, {"code": "BG-01", "name_zh": "包头钢铁", "customer_type": "STEEL_MILL"}
    )
    product = Product(
        code="FE62", name_zh="铁精粉 62%", name_en="Fe concentrate 62%",
        category=ProductCategory.FE_CONCENTRATE, unit=QuantityUnit.WMT,
    )  # fmt: skip
    session.add(product)
    session.flush()
    credit_profiles.create(
        session, dept.manager,
        {"customer_id": customer.id, "score": 85, "credit_limit": "10000000", "credit_days": 30},
    )  # fmt: skip
    session.commit()
    return {"customer": customer.id, "product": product.id}


def _draft(session: Session, actor: Actor, world: dict[str, str], **extra: Any) -> str:
    values: dict[str, Any] = {
        "customer_id": world["customer"],
        "product_id": world["product"],
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
        "quantity": "10000",
        "unit_price": "500",
        **extra,
    }
    return contracts.create(session, actor, values).id


def _reviewed(session: Session, dept: Any, contract_id: str) -> None:
    contracts.submit_for_review(session, dept.rep, contract_id)
    contracts.record_review(session, dept.manager, contract_id, S, OK)
    contracts.record_review(session, dept.service, contract_id, F, OK)
    contracts.record_review(session, dept.admin, contract_id, L, OK, "条款无误")


def _signed(session: Session, dept: Any, contract_id: str, **approve: Any) -> None:
    _reviewed(session, dept, contract_id)
    contracts.approve(session, dept.manager, contract_id, **approve)
    contracts.sign(session, dept.rep, contract_id, dt.date(2025, 1, 1))


# --- creating and editing ---------------------------------------------------------------------
def test_create_draft_computes_total_with_half_up_and_records_history(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    # 1 234.567 t × 88.8888 = 109 739.179 149 6 → 109 739.18 (quantized to the cent, half up)
    cid = _draft(session, dept.rep, world, quantity="1234.567", unit_price="88.8888")
    c = contracts.get(session, cid)
    assert c.status is ContractStatus.DRAFT
    assert c.total_value == Decimal("109739.18")
    assert c.quantity_unit is QuantityUnit.WMT, "taken from the product"
    assert c.credit_days == 30, "taken from the customer's credit profile"
    assert c.owner_id == dept.rep.user_id
    assert c.contract_no.startswith("HT-")
    history = contracts.history(session, cid)
    assert [(h.from_status, h.to_status) for h in history] == [(None, ContractStatus.DRAFT)]
    # an exact half cent rounds up: 1 t × 10.005 = 10.005 → 10.01
    half = _draft(session, dept.rep, world, quantity="1", unit_price="10.005")
    assert contracts.get(session, half).total_value == Decimal("10.01")


def test_validation_failures_are_collected_and_write_nothing(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    before = (_count(session, Contract), _count(session, ContractStatusChange))
    with pytest.raises(ValidationError) as err:
        _draft(
            session, dept.rep, world, quantity="0", tolerance_pct="25", start_date="2025-06-01",
            end_date="2025-05-01", provisional_pct="120", currency="USD", fx_rate="0",
            vat_rate="150",
        )  # fmt: skip
    assert set(err.value.errors) == {
        "quantity", "tolerance_pct", "end_date", "provisional_pct", "fx_rate", "vat_rate",
    }  # fmt: skip
    assert err.value.errors["tolerance_pct"] == "Must be between 0 and 20."
    assert err.value.errors["end_date"] == "The end date is before the start date."
    with pytest.raises(ValidationError, match="customer_id: No such customer"):
        _draft(session, dept.rep, {**world, "customer": "nope"})
    with pytest.raises(ValidationError, match="fx_rate: A CNY contract has an exchange rate of 1"):
        _draft(session, dept.rep, world, fx_rate="7.1")
    assert (_count(session, Contract), _count(session, ContractStatusChange)) == before


def test_create_from_quote_copies_the_price_terms(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    opp = Opportunity(
        code="OPP-1", title="2025 长协", customer_id=world["customer"], deal_type=DealType.TERM,
        quantity_unit=QuantityUnit.WMT, currency=Currency.USD, stage=Stage.AWARDED,
        probability=Decimal(85), stage_entered_at=dt.datetime.now(dt.UTC),
        owner_id=dept.rep.user_id,
    )  # fmt: skip
    session.add(opp)
    session.flush()
    terms = {"index": "MB62", "differential": Decimal("-1.25")}
    quote = Quote(
        opportunity_id=opp.id, quote_no="OPP-1-Q1", version=1, status=QuoteStatus.ACCEPTED,
        product_id=world["product"], quantity=Decimal("60000"), quantity_unit=QuantityUnit.WMT,
        tolerance_pct=Decimal(10), tolerance_option=ToleranceOption.BUYER, incoterm=Incoterm.CFR,
        port="日照", currency=Currency.USD, fx_rate=Decimal("7.1"), vat_rate=Decimal(0),
        vat_included=False, pricing_method=PricingMethod.INDEX, price_terms=terms,
        unit_price=Decimal("98.75"), total_amount=Decimal("5925000"),
        payment_method=PaymentMethod.LC, valid_until=dt.date(2025, 1, 31),
    )  # fmt: skip
    session.add(quote)
    session.flush()
    c = contracts.create_from_quote(
        session, dept.rep, quote.id, {"start_date": "2025-02-01", "end_date": "2025-12-31"}
    )
    assert (c.customer_id, c.opportunity_id, c.quote_id) == (world["customer"], opp.id, quote.id)
    assert (c.incoterm, c.port, c.currency, c.fx_rate, c.pricing_method) == (
        Incoterm.CFR, "日照", Currency.USD, Decimal("7.1"), PricingMethod.INDEX,
    )  # fmt: skip
    assert c.price_terms == terms and c.tolerance_option is ToleranceOption.BUYER
    assert c.total_value == Decimal("5925000.00")  # 60 000 × 98.75
    with pytest.raises(ValidationError, match="quote_id: No such quote"):
        contracts.create_from_quote(session, dept.rep, "nope", {})


def test_contract_number_is_unique(session: Session, dept: Any, world: dict[str, str]) -> None:
    _draft(session, dept.rep, world, contract_no="HT-2025-001")
    with pytest.raises(ValidationError, match="contract_no: Already used by another record"):
        _draft(session, dept.rep, world, contract_no="HT-2025-001")


def test_terms_are_frozen_once_in_review(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    contracts.update(session, dept.rep, cid, {"unit_price": "510"})
    assert contracts.get(session, cid).total_value == Decimal("5100000.00")
    contracts.submit_for_review(session, dept.rep, cid)
    with pytest.raises(ValidationError, match="unit_price: The contract is In review: its terms"):
        contracts.update(session, dept.rep, cid, {"unit_price": "520"})
    with pytest.raises(ValidationError, match="quantity: The contract is In review"):
        contracts.update(session, dept.rep, cid, {"quantity": "9000"})
    contracts.update(session, dept.rep, cid, {"notes": "客户要求 3 月前发第一船"})
    c = contracts.get(session, cid)
    assert (c.unit_price, c.quantity, c.notes) == (
        Decimal("510"), Decimal("10000"), "客户要求 3 月前发第一船",
    )  # fmt: skip


def test_other_team_rep_cannot_edit(session: Session, dept: Any, world: dict[str, str]) -> None:
    cid = _draft(session, dept.rep, world)
    with pytest.raises(PermissionDenied, match="your own records or your team's"):
        contracts.update(session, dept.other_rep, cid, {"notes": "x"})
    with pytest.raises(PermissionDenied):
        contracts.submit_for_review(session, dept.other_rep, cid)


# --- the status machine -----------------------------------------------------------------------
def test_full_life_cycle_writes_every_status_change(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    contracts.submit_for_review(session, dept.rep, cid, "请审核")
    steps = contracts.reviews(session, cid)
    assert [(s.round, s.department, s.decision) for s in steps] == [
        (1, ReviewDepartment.SALES, ReviewDecision.PENDING),
        (1, ReviewDepartment.FINANCE, ReviewDecision.PENDING),
        (1, ReviewDepartment.LEGAL, ReviewDecision.PENDING),
        (1, ReviewDepartment.MANAGEMENT, ReviewDecision.PENDING),
    ]
    contracts.record_review(session, dept.manager, cid, S, OK)
    contracts.record_review(session, dept.service, cid, F, OK)
    legal = contracts.record_review(session, dept.admin, cid, L, OK, "条款无误")
    assert (legal.reviewer_name, legal.comment) == ("系统管理员", "条款无误")
    approved = contracts.approve(session, dept.manager, cid)
    assert approved.status is ContractStatus.APPROVED
    assert approved.approved_by_id == dept.manager.user_id
    assert approved.credit_override_reason is None
    assert contracts.reviews(session, cid)[-1].decision is ReviewDecision.APPROVED
    contracts.sign(session, dept.rep, cid, dt.date(2025, 1, 2))
    shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "10000"})
    done = contracts.complete(session, dept.rep, cid)
    assert done.status is ContractStatus.COMPLETED
    session.commit()
    history = contracts.history(session, cid)
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, ContractStatus.DRAFT),
        (ContractStatus.DRAFT, ContractStatus.IN_REVIEW),
        (ContractStatus.IN_REVIEW, ContractStatus.APPROVED),
        (ContractStatus.APPROVED, ContractStatus.SIGNED),
        (ContractStatus.SIGNED, ContractStatus.EXECUTING),
        (ContractStatus.EXECUTING, ContractStatus.COMPLETED),
    ]
    assert history[1].note == "请审核" and history[1].changed_by_name == "李强"
    assert history[2].changed_by_id == dept.manager.user_id
    assert history[4].note == f"First shipment: lot {done.contract_no}-L01"


def test_rep_cannot_approve_and_the_contract_stays_in_review(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    _reviewed(session, dept, cid)
    rows_before = _count(session, ContractStatusChange)
    for actor in (dept.rep, dept.rep2, dept.service):
        with pytest.raises(PermissionDenied, match="Only a sales manager can approve a contract"):
            contracts.approve(session, actor, cid, override_reason="我担保")
    c = contracts.get(session, cid)
    assert c.status is ContractStatus.IN_REVIEW and c.approved_by_id is None
    assert _count(session, ContractStatusChange) == rows_before


def test_approval_waits_for_every_department(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    contracts.submit_for_review(session, dept.rep, cid)
    contracts.record_review(session, dept.manager, cid, S, OK)
    with pytest.raises(TransitionRefused) as err:
        contracts.approve(session, dept.manager, cid)
    assert err.value.missing == ["Finance", "Legal"]
    assert contracts.get(session, cid).status is ContractStatus.IN_REVIEW


def test_review_rules(session: Session, dept: Any, world: dict[str, str]) -> None:
    cid = _draft(session, dept.rep, world)
    with pytest.raises(TransitionRefused, match="The contract is Draft, not in review"):
        contracts.record_review(session, dept.manager, cid, S, OK)
    contracts.submit_for_review(session, dept.rep, cid)
    with pytest.raises(PermissionDenied, match="reviewed by someone other than its owner"):
        contracts.record_review(session, dept.rep, cid, F, OK)
    with pytest.raises(PermissionDenied, match="Only a sales manager decides the management"):
        contracts.record_review(session, dept.service, cid, ReviewDepartment.MANAGEMENT, OK)
    with pytest.raises(TransitionRefused, match="approved by approving the contract"):
        contracts.record_review(session, dept.manager, cid, ReviewDepartment.MANAGEMENT, OK)
    with pytest.raises(ValidationError, match="Choose approve or reject"):
        contracts.record_review(session, dept.manager, cid, F, ReviewDecision.PENDING)
    with pytest.raises(ValidationError, match="no such step"):
        contracts.record_review(session, dept.manager, cid, ReviewDepartment.QUALITY, OK)
    contracts.record_review(session, dept.service, cid, F, OK)
    with pytest.raises(TransitionRefused, match="Finance has already decided: Approved"):
        contracts.record_review(session, dept.manager, cid, F, ReviewDecision.REJECTED, "晚了")


def test_rejection_returns_to_draft_and_a_new_round_starts(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    contracts.submit_for_review(session, dept.rep, cid)
    with pytest.raises(TransitionRefused) as err:
        contracts.record_review(session, dept.admin, cid, L, ReviewDecision.REJECTED, "  ")
    assert err.value.missing == ["a comment saying what must change"]
    assert contracts.get(session, cid).status is ContractStatus.IN_REVIEW
    contracts.record_review(session, dept.admin, cid, L, ReviewDecision.REJECTED, "仲裁条款缺失")
    assert contracts.get(session, cid).status is ContractStatus.DRAFT
    last = contracts.history(session, cid)[-1]
    assert (last.from_status, last.to_status) == (ContractStatus.IN_REVIEW, ContractStatus.DRAFT)
    assert last.note == "Rejected by Legal: 仲裁条款缺失"
    contracts.update(session, dept.rep, cid, {"unit_price": "505"})  # a draft again: editable
    contracts.submit_for_review(session, dept.rep, cid)
    rounds = contracts.reviews(session, cid)
    assert [s.round for s in rounds] == [1, 1, 1, 1, 2, 2, 2, 2]
    assert rounds[2].decision is ReviewDecision.REJECTED, "the first round is kept"
    assert {s.decision for s in rounds[4:]} == {ReviewDecision.PENDING}


def test_illegal_moves_say_what_is_missing(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    with pytest.raises(
        TransitionRefused, match="The contract is Draft; it cannot become Signed yet"
    ) as err:
        contracts.sign(session, dept.rep, cid, dt.date(2025, 1, 1))
    assert err.value.missing == ["submission for review", "a manager's approval"]
    with pytest.raises(TransitionRefused) as err:
        contracts.approve(session, dept.manager, cid)
    assert err.value.missing == ["submission for review"]
    with pytest.raises(TransitionRefused) as err:
        contracts.complete(session, dept.rep, cid)
    assert err.value.missing == [
        "submission for review", "a manager's approval", "signing (the signing date)",
        "the start of execution (a first shipment)",
    ]  # fmt: skip
    _reviewed(session, dept, cid)
    contracts.approve(session, dept.manager, cid)
    with pytest.raises(TransitionRefused, match="already Approved"):
        contracts.approve(session, dept.manager, cid)
    with pytest.raises(
        TransitionRefused, match="never moves backwards: it is Approved and cannot become In review"
    ):
        contracts.submit_for_review(session, dept.rep, cid)
    with pytest.raises(TransitionRefused) as err:
        contracts.start_execution(session, dept.rep, cid)
    assert err.value.missing == ["signing (the signing date)"]
    with pytest.raises(
        ValidationError, match="signed_on: The signing date cannot be in the future"
    ):
        contracts.sign(session, dept.rep, cid, TODAY + dt.timedelta(days=1))
    contracts.sign(session, dept.rep, cid, dt.date(2025, 1, 1))
    contracts.start_execution(session, dept.rep, cid)
    with pytest.raises(
        TransitionRefused, match="never moves backwards: it is Executing and cannot become Signed"
    ):
        contracts.sign(session, dept.rep, cid, dt.date(2025, 1, 1))
    with pytest.raises(PermissionDenied, match="Only a sales manager can terminate"):
        contracts.terminate(session, dept.rep, cid, "客户停产")
    with pytest.raises(TransitionRefused) as err:
        contracts.terminate(session, dept.manager, cid, " ")
    assert err.value.missing == ["the reason for terminating it"]
    done = contracts.terminate(session, dept.manager, cid, "客户停产")
    assert done.status is ContractStatus.TERMINATED and done.terminated_reason == "客户停产"
    assert contracts.history(session, cid)[-1].note == "客户停产"
    with pytest.raises(TransitionRefused, match="The contract is Terminated, which is final"):
        contracts.terminate(session, dept.manager, cid, "again")
    with pytest.raises(TransitionRefused, match="The contract is Terminated, which is final"):
        contracts.complete(session, dept.manager, cid)


def test_a_rep_terminates_their_own_draft_and_only_drafts_are_deleted(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    draft = _draft(session, dept.rep, world)
    assert contracts.terminate(session, dept.rep, draft, "客户取消询价").status is (
        ContractStatus.TERMINATED
    )
    other = _draft(session, dept.rep, world)
    contracts.delete(session, dept.rep, other)
    assert contracts.list(session, customer_id=world["customer"]).total == 1
    signed = _draft(session, dept.rep, world)
    _signed(session, dept, signed)
    with pytest.raises(
        ValidationError, match="Only a draft contract is deleted; this one is Signed: terminate it"
    ):
        contracts.delete(session, dept.manager, signed)


# --- credit check -----------------------------------------------------------------------------
def test_credit_limit_overrun_refused_then_approved_with_recorded_override(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    # Contract A: 10 000 t × 500 = 5 000 000; 4 000 t shipped → 6 000 t × 500 = 3 000 000 open.
    a = _draft(session, dept.rep, world)
    _signed(session, dept, a)
    lot = shipments.add_shipment(session, dept.rep, a, {"quantity_wmt": "4000"})
    # Invoice net 1 000 000 + 13 % VAT = 1 130 000, of which 130 000 paid → 1 000 000 open AR.
    inv = invoices.create(
        session, dept.rep,
        {"contract_id": a, "shipment_id": lot.id, "amount_net": "1000000", "issued_on": TODAY},
    )  # fmt: skip
    payments.create(session, dept.rep, {"invoice_id": inv.id, "amount": "130000"})
    # Contract B: 2 000 t × 500 = 1 000 000. Exposure = 1 000 000 + 3 000 000 + 1 000 000.
    b = _draft(session, dept.rep, world, quantity="2000")
    _reviewed(session, dept, b)
    profile = credit_profiles.for_customer(session, world["customer"])
    assert profile is not None
    credit_profiles.update(session, dept.manager, profile.id, {"credit_limit": "4500000"})
    exposure = contracts.credit_check(session, b)
    assert exposure is not None
    assert (exposure.open_receivables, exposure.open_contracts, exposure.this_contract) == (
        Decimal("1000000.00"), Decimal("3000000.00"), Decimal("1000000.00"),
    )  # fmt: skip
    rows_before = _count(session, ContractStatusChange)
    with pytest.raises(
        TransitionRefused,
        match=r"The exposure 5,000,000.00 CNY \(open receivables 1,000,000.00, open contracts "
        r"3,000,000.00, this contract 1,000,000.00\) exceeds the credit limit 4,500,000.00 CNY "
        r"by 500,000.00 CNY",
    ) as err:
        contracts.approve(session, dept.manager, b)
    assert err.value.missing == ["an override reason (the limit is exceeded by 500,000.00 CNY)"]
    assert contracts.get(session, b).status is ContractStatus.IN_REVIEW
    assert _count(session, ContractStatusChange) == rows_before
    approved = contracts.approve(
        session, dept.manager, b, override_reason="  集团担保函已到, 总经理同意  "
    )
    assert approved.status is ContractStatus.APPROVED
    assert approved.credit_override_reason == "集团担保函已到, 总经理同意"
    note = contracts.history(session, b)[-1].note
    assert note is not None and "by 500,000.00 CNY" in note
    assert note.endswith("Override reason: 集团担保函已到, 总经理同意")


def test_within_the_limit_an_override_reason_is_not_recorded(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)  # 5 000 000 ≤ 10 000 000
    _reviewed(session, dept, cid)
    assert contracts.approve(session, dept.manager, cid, "不需要").credit_override_reason is None


def test_no_credit_profile_needs_an_override(session: Session, dept: Any) -> None:
    cust = customers.create(
        session, dept.rep, {"code": "NEW-1", "name_zh": "新客户", "customer_type": "TRADER"}
    )
    product = Product(code="LS", name_zh="石灰石", name_en="Limestone",
                      category=ProductCategory.LIMESTONE, unit=QuantityUnit.T)  # fmt: skip
    session.add(product)
    session.flush()
    cid = _draft(session, dept.rep, {"customer": cust.id, "product": product.id})
    assert contracts.get(session, cid).credit_days == 0
    _reviewed(session, dept, cid)
    with pytest.raises(TransitionRefused, match="The customer has no credit profile") as err:
        contracts.approve(session, dept.manager, cid)
    assert err.value.missing == ["a credit profile with a limit, or an override reason"]
    done = contracts.approve(session, dept.manager, cid, override_reason="预付全款")
    assert done.credit_override_reason == "预付全款"


def test_usd_contract_is_converted_with_its_rate(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    # 1 000 t × 100.5 USD = 100 500 USD × 7.1234 CNY/USD = 715 901.70 CNY
    cid = _draft(session, dept.rep, world, quantity="1000", unit_price="100.5", currency="USD",
                 fx_rate="7.1234")  # fmt: skip
    exposure = contracts.credit_check(session, cid)
    assert exposure is not None and exposure.currency is Currency.CNY
    assert exposure.this_contract == Decimal("715901.70")


# --- shipments --------------------------------------------------------------------------------
def test_shipments_only_on_signed_contracts(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    with pytest.raises(ValidationError, match="only against a signed or executing contract; this"):
        shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "100"})
    assert _count(session, Shipment) == 0


def test_a_new_lot_number_is_never_one_in_use(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    """The next lot number is the lot's place among the contract's lots, or past the highest
    ``…-L<n>`` in use (typed by hand, or moved on by the sync server), whichever is higher."""
    cid = _draft(session, dept.rep, world)
    _signed(session, dept, cid)
    no = contracts.get(session, cid).contract_no
    first = shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "100"})
    typed = {"quantity_wmt": "100", "lot_no": f"{no}-L07"}
    shipments.add_shipment(session, dept.rep, cid, typed)
    shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "100", "lot_no": "首批A"})
    shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "100", "lot_no": "240517"})
    after = shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "100"})
    assert (first.lot_no, after.lot_no) == (f"{no}-L01", f"{no}-L08"), "240517 is not a lot count"


def test_shipment_beyond_tolerance_is_refused_and_writes_nothing(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world, tolerance_pct="5")  # 10 000 t ± 5 %
    _signed(session, dept, cid)
    shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "6000.5", "lot_no": "V1"})
    session.commit()
    balance = contract_balance(session, cid)
    assert (balance.minimum, balance.maximum, balance.shipped) == (
        Decimal("9500.000"), Decimal("10500.000"), Decimal("6000.500"),
    )  # fmt: skip
    assert (balance.remaining, balance.drawable, balance.short_of_minimum) == (
        Decimal("3999.500"), Decimal("4499.500"), Decimal("3499.500"),
    )  # fmt: skip
    before = (_count(session, Shipment), _count(session, ContractStatusChange))
    with pytest.raises(
        ValidationError,
        match=r"quantity_wmt: Exceeds the contract balance: at most 4,499.500 wmt may still be "
        r"drawn \(maximum 10,500.000 with the tolerance, already shipped 6,000.500\)",
    ):
        shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "4499.501"})
    with pytest.raises(ValidationError, match="quantity_wmt: Must be greater than zero"):
        shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "0"})
    with pytest.raises(ValidationError, match="lot_no: Already used"):
        shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "1", "lot_no": "V1"})
    assert (_count(session, Shipment), _count(session, ContractStatusChange)) == before
    assert contracts.get(session, cid).status is ContractStatus.EXECUTING
    last = shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "4499.5"})
    assert last.lot_no.endswith("-L02")
    assert contract_balance(session, cid).drawable == Decimal("0.000")
    # Editing a lot re-checks the balance without counting the lot twice.
    with pytest.raises(ValidationError, match="at most 4,499.500 wmt"):
        shipments.update(session, dept.rep, last.id, {"quantity_wmt": "4499.6"})
    shipments.update(session, dept.rep, last.id, {"quantity_wmt": "4000"})


def test_complete_short_needs_a_reason(session: Session, dept: Any, world: dict[str, str]) -> None:
    cid = _draft(session, dept.rep, world)  # 10 000 t ± 10 % → minimum 9 000 t
    _signed(session, dept, cid)
    shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "8999.999"})
    with pytest.raises(TransitionRefused, match="Cannot complete the contract yet") as err:
        contracts.complete(session, dept.rep, cid)
    assert err.value.missing == [
        "0.001 wmt more shipped (minimum 9,000.000, shipped 8,999.999), "
        "or a reason to close it short"
    ]
    assert contracts.get(session, cid).status is ContractStatus.EXECUTING
    done = contracts.complete(session, dept.rep, cid, force_reason="矿山检修, 双方同意")
    assert done.status is ContractStatus.COMPLETED
    assert (
        contracts.history(session, cid)[-1].note == "Closed short by 0.001 wmt: 矿山检修, 双方同意"
    )


# --- weights and assays -----------------------------------------------------------------------
def test_weight_certificate_dry_tonnes(session: Session, dept: Any, world: dict[str, str]) -> None:
    cid = _draft(session, dept.rep, world)
    _signed(session, dept, cid)
    lot = shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "5000"})
    # 50 000.000 × (1 − 8.75 / 100) = 45 625.000 dmt exactly
    w = weight_certificates.create(
        session, dept.rep, {"shipment_id": lot.id, "wet_tonnes": "50000", "moisture_pct": "8.75"}
    )
    assert w.dry_tonnes == Decimal("45625.000")
    # 1 000.001 × (1 − 9.3333 / 100) = 1 000.001 × 0.906667 = 906.667906667 → 906.668 (half up)
    w2 = weight_certificates.create(
        session, dept.rep,
        {"shipment_id": lot.id, "wet_tonnes": "1000.001", "moisture_pct": "9.3333",
         "party": "DISCHARGE_PORT"},
    )  # fmt: skip
    assert w2.dry_tonnes == Decimal("906.668")
    with pytest.raises(ValidationError) as err:
        weight_certificates.create(
            session, dept.rep, {"shipment_id": lot.id, "wet_tonnes": "-1", "moisture_pct": "120"}
        )
    assert err.value.errors == {
        "wet_tonnes": "Must be greater than zero.",
        "moisture_pct": "Must be between 0 and 100.",
    }
    with pytest.raises(PermissionDenied):
        weight_certificates.create(
            session, dept.other_rep,
            {"shipment_id": lot.id, "wet_tonnes": "1", "moisture_pct": "1"},
        )  # fmt: skip


def test_assay_with_results(session: Session, dept: Any, world: dict[str, str]) -> None:
    cid = _draft(session, dept.rep, world)
    _signed(session, dept, cid)
    lot = shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "5000"})
    a = assays.add_assay(
        session, dept.rep,
        {"shipment_id": lot.id, "party": "BUYER", "lab": "CCIC 日照", "assayed_on": "2025-02-01"},
        {"Fe": "62.35", "SiO2": Decimal("4.1"), "P": "0.075"},
        units={"P": "%"},
    )  # fmt: skip
    assert a.results == {"Fe": Decimal("62.35"), "P": Decimal("0.075"), "SiO2": Decimal("4.1")}
    assert a.units == {"Fe": "%", "P": "%", "SiO2": "%"}
    session.commit()
    before = (_count(session, Assay), _count(session, AssayResult))
    with pytest.raises(ValidationError) as err:
        assays.add_assay(
            session, dept.rep, {"shipment_id": lot.id},
            {"Fe": "abc", "S": "-0.1", "Al2O3": "1.23456"},
        )  # fmt: skip
    assert err.value.errors == {
        "results.Fe": "Must be a number.",
        "results.S": "May not be negative.",
        "results.Al2O3": "At most 4 decimal places.",
    }
    with pytest.raises(ValidationError, match="An assay needs at least one result"):
        assays.add_assay(session, dept.rep, {"shipment_id": lot.id}, {})
    assert (_count(session, Assay), _count(session, AssayResult)) == before


# --- invoices and payments --------------------------------------------------------------------
def test_split_vat() -> None:
    # exclusive: 100 000.00 × 13 % = 13 000.00
    assert split_vat(Decimal("100000"), Decimal(13), included=False) == (
        Decimal("100000.00"), Decimal("13000.00"),
    )  # fmt: skip
    # inclusive: 1 000.00 × 13 / 113 = 115.0442… → 115.04; net = 1 000.00 − 115.04 = 884.96
    assert split_vat(Decimal("1000"), Decimal(13), included=True) == (
        Decimal("884.96"), Decimal("115.04"),
    )  # fmt: skip
    # exclusive, half up: 0.05 × 13 % = 0.0065 → 0.01
    assert split_vat(Decimal("0.05"), Decimal(13), included=False)[1] == Decimal("0.01")


def test_invoices_and_payments(session: Session, dept: Any, world: dict[str, str]) -> None:
    draft = _draft(session, dept.rep, world)
    with pytest.raises(ValidationError, match="Invoices are issued only against a signed contract"):
        invoices.create(session, dept.rep, {"contract_id": draft, "amount_net": "1"})
    cid = _draft(session, dept.rep, world)
    _signed(session, dept, cid)
    # VAT-inclusive contract: 1 000 t × 113.00 = 113 000.00 gross → VAT 13 000.00, net 100 000.00
    inv = invoices.create(
        session, dept.rep,
        {"invoice_no": "FP-001", "contract_id": cid, "quantity": "1000", "unit_price": "113",
         "issued_on": "2025-03-01"},
    )  # fmt: skip
    assert (inv.amount_net, inv.vat_amount, inv.amount_total) == (
        Decimal("100000.00"), Decimal("13000.00"), Decimal("113000.00"),
    )  # fmt: skip
    assert inv.due_on == dt.date(2025, 3, 31), "issued + 30 credit days"
    assert inv.status is InvoiceStatus.ISSUED and inv.currency is Currency.CNY
    assert inv.customer_id == world["customer"]
    with pytest.raises(ValidationError, match="invoice_no: Already used"):
        invoices.create(session, dept.rep, {"invoice_no": "FP-001", "contract_id": cid,
                                            "amount_net": "5"})  # fmt: skip
    with pytest.raises(ValidationError, match="amount_net: Give the net amount, or the quantity"):
        invoices.create(session, dept.rep, {"contract_id": cid, "quantity": "5"})
    with pytest.raises(ValidationError, match="quantity: An issued invoice is not edited"):
        invoices.update(session, dept.rep, inv.id, {"quantity": "999"})
    assert invoices.update(session, dept.rep, inv.id, {"notes": "随船单据"}).notes == "随船单据"

    before = _count(session, Payment)
    with pytest.raises(ValidationError, match="amount: Must be greater than zero"):
        payments.create(session, dept.rep, {"invoice_id": inv.id, "amount": "0"})
    first = payments.create(
        session, dept.rep, {"invoice_id": inv.id, "amount": "50000.50", "received_on": "2025-03-20"}
    )
    assert first.contract_id == cid and first.customer_id == world["customer"]
    assert invoices.get(session, inv.id).status is InvoiceStatus.PARTLY_PAID
    assert invoices.get(session, inv.id).open_amount == Decimal("62999.50")
    with pytest.raises(
        ValidationError,
        match=r"amount: More than the invoice's open amount of 62,999.50 CNY; record the rest",
    ):
        payments.create(session, dept.rep, {"invoice_id": inv.id, "amount": "62999.51"})
    assert _count(session, Payment) == before + 1
    payments.create(session, dept.rep, {"invoice_id": inv.id, "amount": "62999.50"})
    assert invoices.get(session, inv.id).status is InvoiceStatus.PAID
    on_account = payments.create(session, dept.rep, {"contract_id": cid, "amount": "999999"})
    assert on_account.invoice_id is None
    with pytest.raises(TransitionRefused, match="A paid invoice cannot be cancelled"):
        invoices.cancel(session, dept.rep, inv.id, "开错了")
    payments.delete(session, dept.rep, first.id)
    assert invoices.get(session, inv.id).status is InvoiceStatus.PARTLY_PAID
    with pytest.raises(ValidationError, match="A payment is not edited"):
        payments.update(session, dept.rep, on_account.id, {"amount": "1"})


def test_cancelled_invoice_leaves_receivables(
    session: Session, dept: Any, world: dict[str, str]
) -> None:
    cid = _draft(session, dept.rep, world)
    _signed(session, dept, cid)
    inv = invoices.create(session, dept.rep, {"contract_id": cid, "amount_net": "1000",
                                              "issued_on": "2025-03-01"})  # fmt: skip
    assert receivables(session, world["customer"], dt.date(2025, 3, 1)).total == Decimal("1130")
    with pytest.raises(TransitionRefused) as err:
        invoices.cancel(session, dept.rep, inv.id, "")
    assert err.value.missing == ["the reason for cancelling it"]
    invoices.cancel(session, dept.rep, inv.id, "开错了")
    assert receivables(session, world["customer"], dt.date(2025, 3, 1)).total == Decimal("0")
    with pytest.raises(ValidationError, match="The invoice is cancelled"):
        payments.create(session, dept.rep, {"invoice_id": inv.id, "amount": "1"})


def test_receivables_ageing_buckets(session: Session, dept: Any, world: dict[str, str]) -> None:
    cid = _draft(session, dept.rep, world)  # credit days 30, VAT 13 %
    _signed(session, dept, cid)

    def bill(net: str, issued: str, kind: str = "PROVISIONAL") -> str:
        return invoices.create(
            session, dept.rep,
            {"contract_id": cid, "amount_net": net, "issued_on": issued, "kind": kind},
        ).id  # fmt: skip

    def pay(invoice_id: str | None, amount: str, received: str) -> None:
        values = {"invoice_id": invoice_id, "amount": amount, "received_on": received}
        payments.create(session, dept.rep, {"contract_id": cid, **values})

    as_of = dt.date(2025, 6, 30)
    bill("10000", "2025-06-20")  # due 07-20: current, 11 300.00
    bill("500", "2025-06-25", kind="CREDIT_NOTE")  # due 07-25: current, −565.00
    i2 = bill("20000", "2025-05-16")  # due 06-15, 15 days late: 22 600.00 − 2 600.00 paid
    pay(i2, "2600", "2025-06-01")
    bill("1000", "2025-05-01")  # due 05-31, exactly 30 days late: 1–30, 1 130.00
    bill("30000", "2025-04-16")  # due 05-16, 45 days late: 31–60, 33 900.00
    bill("40000", "2025-03-17")  # due 04-16, 75 days late: 61–90, 45 200.00
    bill("50000", "2025-01-01")  # due 01-31, 150 days late: > 90, 56 500.00
    paid = bill("7000", "2025-06-01")  # fully paid: nothing open
    pay(paid, "7910", "2025-06-02")  # 7 000 + 910 VAT
    cancelled = bill("9000", "2025-02-01")
    invoices.cancel(session, dept.rep, cancelled, "作废")
    bill("99999", "2025-07-01")  # issued after as_of: not yet a receivable
    pay(None, "1000", "2025-06-30")  # on account: no invoice
    session.commit()

    ageing = receivables(session, world["customer"], as_of)
    assert ageing == AgeingDTO(
        customer_id=world["customer"],
        as_of=as_of,
        currency=Currency.CNY,
        current=Decimal("10735.00"),  # 11 300.00 − 565.00
        days_1_30=Decimal("21130.00"),  # (22 600.00 − 2 600.00) + 1 130.00
        days_31_60=Decimal("33900.00"),
        days_61_90=Decimal("45200.00"),
        over_90=Decimal("56500.00"),
        unallocated_payments=Decimal("1000.00"),
    )
    assert ageing.overdue == Decimal("156730.00")  # 21 130 + 33 900 + 45 200 + 56 500
    assert ageing.total == Decimal("166465.00")  # 10 735 + 156 730 − 1 000
    # A month earlier the picture is reproducible: later invoices and payments do not count.
    may = receivables(session, world["customer"], dt.date(2025, 5, 31))
    # open on 05-31: 22 600 (due 06-15, current) + 1 130 (due 05-31, current)
    #   + 33 900 (due 05-16, 15 days) + 45 200 (due 04-16, 45 days) + 56 500 (due 01-31, 120 days)
    assert (may.current, may.days_1_30, may.days_31_60, may.days_61_90, may.over_90) == (
        Decimal("23730.00"), Decimal("33900.00"), Decimal("45200.00"), Decimal("0"),
        Decimal("56500.00"),
    )  # fmt: skip
    assert may.unallocated_payments == Decimal("0")


# --- lists ------------------------------------------------------------------------------------
def test_lists_filter_sort_and_page(session: Session, dept: Any, world: dict[str, str]) -> None:
    ids = [
        _draft(session, dept.rep if i % 2 else dept.rep2, world, contract_no=f"HT-{i:03d}")
        for i in range(7)
    ]
    contracts.submit_for_review(session, dept.rep, ids[1])
    contracts.submit_for_review(session, dept.rep, ids[3])
    in_review = contracts.list(session, status=ContractStatus.IN_REVIEW)
    assert sorted(c.contract_no for c in in_review.items) == ["HT-001", "HT-003"]
    mine = contracts.list(session, PageRequest(sort="contract_no"), owner_id=dept.rep2.user_id)
    assert [c.contract_no for c in mine.items] == ["HT-000", "HT-002", "HT-004", "HT-006"]
    page = contracts.list(
        session, PageRequest(offset=2, limit=3, sort="contract_no", descending=True),
        customer_id=world["customer"],
    )  # fmt: skip
    assert page.total == 7
    assert [c.contract_no for c in page.items] == ["HT-004", "HT-003", "HT-002"]
    drafts_and_review = contracts.list(
        session, status=[ContractStatus.DRAFT, ContractStatus.IN_REVIEW]
    )
    assert drafts_and_review.total == 7
    assert _count(session, ContractReview) == 8  # two submissions × four departments
