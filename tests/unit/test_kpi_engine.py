"""The KPI engine: every AUTO actual on hand-built records with the arithmetic written out,
period edges, a rep with no data, scoring rules, weights and grade bands.

The records are made with the ORM directly (owner = the rep), so each figure is known exactly.
Period under test: 2026Q3 = 2026-07-01 … 2026-09-30 (both inclusive).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract, Invoice, Payment, Shipment
from minesales_desktop.models.customers import Activity, Customer, FollowUpPlan
from minesales_desktop.models.enums import (
    ActivityKind,
    ContractStatus,
    ContractType,
    Currency,
    CustomerStatus,
    CustomerTier,
    CustomerType,
    FollowUpStatus,
    Incoterm,
    InvoiceKind,
    InvoiceStatus,
    KpiDirection,
    PaymentMethod,
    PricingMethod,
    Priority,
    ProductCategory,
    QuantityUnit,
    ScoringRule,
    ShipmentStatus,
    TicketStatus,
    TicketType,
    ToleranceOption,
    TrainingKind,
    TransportMode,
)
from minesales_desktop.models.service import ReturnVisit, ServiceTicket
from minesales_desktop.models.team import Training, TrainingAttendance
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.kpi_engine import (
    AUTO_RULES,
    DEFAULT_GRADE_BANDS,
    GradeBand,
    compute_actuals,
    grade_for,
    kpi_report,
    parse_grade_bands,
    score_line,
    selectable_people,
    team_report,
    validate_grade_bands,
    weighted,
)
from minesales_desktop.services.performance import (
    Period,
    ensure_default_kpis,
    kpi_definitions,
    kpi_targets,
)
from tests.conftest import Department

D = Decimal
CST = dt.timezone(dt.timedelta(hours=8))
Q3 = Period.parse("2026Q3")


def cst(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> dt.datetime:
    """An instant written in China Standard Time (stored as UTC)."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=CST)


# --- a small record builder, shared with the appraisal and UI tests -----------------------------
_NUMBERS = itertools.count(1)


@dataclass
class Records:
    session: Session
    owner_id: str

    def __post_init__(self) -> None:
        self.product = self.session.get(Product, "p-fe62") or Product(
            id="p-fe62",
            code="FE62",
            name_zh="铁矿粉 62%",
            name_en="Fe fines 62%",
            category=ProductCategory.FE_FINES,
            unit=QuantityUnit.WMT,
        )
        self.session.add(self.product)
        self.session.flush()

    def _no(self, prefix: str) -> str:
        return f"{prefix}-{next(_NUMBERS):05d}"

    def customer(self, name: str = "河北钢铁") -> Customer:
        row = Customer(
            code=self._no("C"),
            name_zh=name,
            customer_type=CustomerType.STEEL_MILL,
            tier=CustomerTier.A,
            status=CustomerStatus.ACTIVE,
            owner_id=self.owner_id,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def contract(
        self,
        customer: Customer,
        *,
        signed_on: dt.date | None,
        currency: Currency = Currency.CNY,
        fx_rate: str = "1",
        status: ContractStatus = ContractStatus.EXECUTING,
        deleted: bool = False,
    ) -> Contract:
        row = Contract(
            contract_no=self._no("HT"),
            customer_id=customer.id,
            product_id=self.product.id,
            contract_type=ContractType.SPOT,
            status=status,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2027, 12, 31),
            quantity=D("100000"),
            quantity_unit=QuantityUnit.WMT,
            tolerance_pct=D("10"),
            tolerance_option=ToleranceOption.SELLER,
            incoterm=Incoterm.CFR,
            currency=currency,
            fx_rate=D(fx_rate),
            vat_rate=D("13") if currency is Currency.CNY else D("0"),
            vat_included=False,
            pricing_method=PricingMethod.FIXED,
            price_terms={},
            unit_price=D("100"),
            total_value=D("10000000"),
            payment_method=PaymentMethod.TT,
            provisional_pct=D("90"),
            signed_on=signed_on,
            owner_id=self.owner_id,
            is_deleted=deleted,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def shipment(
        self,
        contract: Contract,
        bl_date: dt.date,
        tonnes: str,
        status: ShipmentStatus = ShipmentStatus.SHIPPED,
        *,
        deleted: bool = False,
    ) -> Shipment:
        row = Shipment(
            contract_id=contract.id,
            lot_no=self._no("LOT"),
            transport_mode=TransportMode.VESSEL,
            bl_date=bl_date,
            quantity_wmt=D(tonnes),
            status=status,
            owner_id=self.owner_id,
            is_deleted=deleted,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def invoice(
        self,
        contract: Contract,
        issued_on: dt.date,
        net: str,
        total: str | None = None,
        *,
        due_on: dt.date | None = None,
        kind: InvoiceKind = InvoiceKind.FINAL,
        status: InvoiceStatus = InvoiceStatus.ISSUED,
    ) -> Invoice:
        gross = D(total if total is not None else net)
        row = Invoice(
            invoice_no=self._no("FP"),
            contract_id=contract.id,
            customer_id=contract.customer_id,
            kind=kind,
            status=status,
            issued_on=issued_on,
            due_on=due_on or issued_on + dt.timedelta(days=30),
            currency=contract.currency,
            amount_net=D(net),
            vat_amount=gross - D(net),
            amount_total=gross,
            owner_id=self.owner_id,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def payment(
        self,
        received_on: dt.date,
        amount: str,
        invoice: Invoice | None = None,
        contract: Contract | None = None,
        *,
        deleted: bool = False,
    ) -> Payment:
        target = contract
        if target is None and invoice is not None:
            target = self.session.get(Contract, invoice.contract_id)
        assert target is not None
        row = Payment(
            customer_id=target.customer_id,
            contract_id=target.id,
            invoice_id=invoice.id if invoice is not None else None,
            received_on=received_on,
            amount=D(amount),
            currency=target.currency,
            method=PaymentMethod.TT,
            owner_id=self.owner_id,
            is_deleted=deleted,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def activity(self, customer: Customer, kind: ActivityKind, at: dt.datetime) -> Activity:
        row = Activity(
            customer_id=customer.id,
            kind=kind,
            occurred_at=at,
            subject="拜访",
            owner_id=self.owner_id,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def return_visit(self, customer: Customer, at: dt.datetime, satisfaction: int) -> None:
        self.session.add(
            ReturnVisit(
                customer_id=customer.id,
                visited_at=at,
                satisfaction=satisfaction,
                owner_id=self.owner_id,
            )
        )
        self.session.flush()

    def ticket(
        self, customer: Customer, sla_due: dt.datetime, resolved_at: dt.datetime | None
    ) -> None:
        self.session.add(
            ServiceTicket(
                ticket_no=self._no("ST"),
                customer_id=customer.id,
                ticket_type=TicketType.WEIGHT_SHORTAGE,
                priority=Priority.NORMAL,
                status=TicketStatus.RESOLVED if resolved_at else TicketStatus.IN_PROGRESS,
                title="短重",
                currency=Currency.CNY,
                received_at=sla_due - dt.timedelta(hours=72),
                sla_due=sla_due,
                resolved_at=resolved_at,
                owner_id=self.owner_id,
            )
        )
        self.session.flush()

    def training(self, held_on: dt.date, hours: str, credited: str, attended: bool = True) -> None:
        course = Training(
            title="矿石计价培训", kind=TrainingKind.INTERNAL, held_on=held_on, hours=D(hours)
        )
        self.session.add(course)
        self.session.flush()
        self.session.add(
            TrainingAttendance(
                training_id=course.id,
                user_id=self.owner_id,
                attended=attended,
                hours=D(credited),
                owner_id=self.owner_id,
            )
        )
        self.session.flush()

    def plan(
        self,
        customer: Customer,
        due: dt.date,
        status: FollowUpStatus,
        done_at: dt.datetime | None = None,
    ) -> None:
        self.session.add(
            FollowUpPlan(
                customer_id=customer.id,
                action="回访确认到港",
                kind=ActivityKind.PHONE,
                due_date=due,
                status=status,
                done_at=done_at,
                owner_id=self.owner_id,
            )
        )
        self.session.flush()


@dataclass
class Quarter:
    """The rep's quarter: the handles a test needs to edit later."""

    rec: Records
    i1: Invoice
    p3: Payment


def build_quarter(session: Session, rep_id: str) -> Quarter:
    """李强's 2026Q3 (and what comes before and after it). Expected figures in the tests."""
    r = Records(session, rep_id)
    c1, c2, c3, c4 = (r.customer(n) for n in ("唐山钢铁", "日照钢铁", "江铜冶炼", "新客户"))
    k1 = r.contract(c1, signed_on=dt.date(2026, 7, 10))  # c1's first contract: new in Q3
    k2 = r.contract(c2, signed_on=dt.date(2025, 5, 1), currency=Currency.USD, fx_rate="7.1")
    r.contract(c2, signed_on=dt.date(2026, 8, 1))  # c2 signed before: not new
    r.contract(c3, signed_on=dt.date(2026, 10, 1))  # first day of Q4: new in Q4, not Q3
    r.contract(c4, signed_on=None, status=ContractStatus.DRAFT)  # never signed

    # Volume (B/L date, wmt, shipped/delivered/settled only).
    r.shipment(k1, dt.date(2026, 7, 1), "10000.000")  # first day: counts
    r.shipment(k1, dt.date(2026, 9, 30), "5500.500", ShipmentStatus.DELIVERED)  # last day
    r.shipment(k2, dt.date(2026, 8, 20), "2000.000", ShipmentStatus.SETTLED)
    r.shipment(k1, dt.date(2026, 10, 1), "7000.000")  # next quarter
    r.shipment(k1, dt.date(2026, 8, 15), "3000.000", ShipmentStatus.PLANNED)  # not shipped
    r.shipment(k1, dt.date(2026, 8, 16), "1000.000", deleted=True)  # tombstoned
    r.shipment(k2, dt.date(2025, 7, 15), "14000.400")  # 2025Q3, for growth

    # Invoices and payments (CNY; K2 in USD at 7.1 CNY/USD).
    i6 = r.invoice(k2, dt.date(2025, 7, 20), "200000", due_on=dt.date(2025, 8, 19))
    r.payment(dt.date(2025, 8, 1), "200000", i6)
    i0 = r.invoice(k1, dt.date(2026, 6, 20), "400000", "452000", due_on=dt.date(2026, 7, 20))
    r.payment(dt.date(2026, 6, 30), "100000", i0)
    i1 = r.invoice(k1, dt.date(2026, 7, 5), "1000000", "1130000", due_on=dt.date(2026, 10, 3))
    i2 = r.invoice(k2, dt.date(2026, 8, 10), "100000", due_on=dt.date(2026, 9, 9))
    r.invoice(k1, dt.date(2026, 9, 30), "50000", "56500", kind=InvoiceKind.CREDIT_NOTE)
    r.invoice(k1, dt.date(2026, 8, 1), "999999", status=InvoiceStatus.CANCELLED)
    r.invoice(k1, dt.date(2026, 10, 1), "300000", "339000")  # Q4
    r.invoice(k1, dt.date(2026, 9, 1), "10000", "11300", due_on=dt.date(2026, 9, 30))
    r.payment(dt.date(2026, 7, 1), "352000", i0)  # first day of the quarter
    p3 = r.payment(dt.date(2026, 9, 30), "565000", i1)  # last day of the quarter: counts
    r.payment(dt.date(2026, 8, 30), "50000", i2)  # USD 50 000 = CNY 355 000
    r.payment(dt.date(2026, 10, 1), "100000", i1)  # first day of Q4: not Q3
    r.payment(dt.date(2026, 8, 2), "7000", i1, deleted=True)

    # Follow-ups (instants in CST).
    r.activity(c1, ActivityKind.VISIT, cst(2026, 7, 1, 0, 30))  # 2026-06-30 16:30 UTC: counts
    r.activity(c1, ActivityKind.SITE_VISIT, cst(2026, 8, 10))
    r.activity(c1, ActivityKind.MEETING, cst(2026, 8, 11))
    r.activity(c2, ActivityKind.PHONE, cst(2026, 9, 30, 23, 59))  # last minute: counts
    r.activity(c2, ActivityKind.WECHAT, cst(2026, 10, 1, 0, 0))  # Q4
    r.activity(c2, ActivityKind.PHONE, cst(2026, 6, 30, 23, 59))  # Q2
    r.activity(c2, ActivityKind.RETURN_VISIT, cst(2026, 8, 1))  # after-sales: not counted
    r.activity(c2, ActivityKind.EMAIL, cst(2026, 8, 1))  # not counted

    # Satisfaction, claims, training, plans.
    for score in (5, 4, 4):
        r.return_visit(c1, cst(2026, 8, 5), score)
    r.return_visit(c1, cst(2026, 10, 2), 1)  # Q4
    sla = cst(2026, 8, 10, 18)
    r.ticket(c1, sla, sla - dt.timedelta(hours=5))  # in time
    r.ticket(c1, sla, sla)  # exactly at the SLA: in time
    r.ticket(c1, sla, sla + dt.timedelta(minutes=1))  # late
    r.ticket(c1, sla, None)  # not resolved
    r.ticket(c1, cst(2026, 10, 5), cst(2026, 10, 2))  # resolved in Q4
    r.training(dt.date(2026, 7, 15), "8", "8")
    r.training(dt.date(2026, 9, 30), "4", "3.5")
    r.training(dt.date(2026, 8, 1), "6", "0", attended=False)
    r.training(dt.date(2026, 10, 1), "6", "6")
    r.plan(c1, dt.date(2026, 7, 10), FollowUpStatus.DONE, cst(2026, 7, 10, 23))  # on time
    r.plan(c1, dt.date(2026, 8, 1), FollowUpStatus.DONE, cst(2026, 8, 2, 9))  # late
    r.plan(c1, dt.date(2026, 9, 30), FollowUpStatus.OPEN)  # not done
    r.plan(c1, dt.date(2026, 9, 15), FollowUpStatus.CANCELLED)  # not counted
    r.plan(c1, dt.date(2026, 7, 20), FollowUpStatus.DONE, cst(2026, 7, 19))  # early
    # Done 07-21 07:00 CST = 07-20 23:00 UTC: late by the department's clock.
    r.plan(c1, dt.date(2026, 7, 20), FollowUpStatus.DONE, cst(2026, 7, 21, 7))
    session.commit()
    return Quarter(r, i1, p3)


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    ensure_default_kpis(session)
    q = build_quarter(session, dept.rep.user_id)
    # Someone else's records in the same quarter must not leak into 李强's figures.
    other = Records(session, dept.other_rep.user_id)
    k = other.contract(other.customer("外组客户"), signed_on=dt.date(2026, 7, 2))
    other.shipment(k, dt.date(2026, 7, 3), "999")
    other.payment(dt.date(2026, 7, 3), "12345", contract=k)
    session.commit()
    return q


def test_each_auto_kpi_from_hand_built_records(session: Session, dept: Department, quarter):
    figures = compute_actuals(session, Q3, [dept.rep.user_id])[dept.rep.user_id]
    value = {code: f.value for code, f in figures.items()}

    # Volume: 10 000.000 (07-01) + 5 500.500 (09-30) + 2 000.000 = 17 500.500 wmt; not the Q4
    # lot, the PLANNED lot or the deleted one.
    assert value["SALES_VOLUME"] == D("17500.500")
    # Growth: 2025Q3 shipped 14 000.400 → (17 500.5 − 14 000.4) ÷ 14 000.4 = 25.00 %.
    assert figures["SALES_VOLUME"].previous == D("14000.400")
    assert figures["SALES_VOLUME"].growth_pct == D("25.00")

    # Revenue (net, CNY): 1 000 000 + USD 100 000 × 7.1 − credit note 50 000 + 10 000
    # = 1 670 000.00; the cancelled and the Q4 invoices do not count.
    assert value["SALES_REVENUE"] == D("1670000.00")
    # 2025Q3: USD 200 000 × 7.1 = 1 420 000 → growth 250 000 ÷ 1 420 000 = 17.61 %.
    assert figures["SALES_REVENUE"].previous == D("1420000.00")
    assert figures["SALES_REVENUE"].growth_pct == D("17.61")

    # Collection: opening AR on 07-01 = (1 420 000 + 452 000) − (1 420 000 + 100 000) = 352 000;
    # period invoicing (gross) = 1 130 000 + 710 000 − 56 500 + 11 300 = 1 794 800;
    # collected = 352 000 (07-01) + 565 000 (09-30) + USD 50 000 × 7.1 = 1 272 000
    # → 1 272 000 ÷ 2 146 800 = 59.25 %.
    rate = figures["COLLECTION_RATE"]
    assert (rate.numerator, rate.denominator, rate.value) == (
        D("1272000.00"),
        D("2146800.00"),
        D("59.25"),
    )

    # Overdue at 09-30: receivables = 3 655 500 + 11 300 − 2 792 000 paid = 874 800;
    # overdue = only I2's open USD 50 000 = 355 000 (I1 is due 10-03, the 11 300 invoice is
    # due on 09-30 itself, which is not yet overdue) → 355 000 ÷ 874 800 = 40.58 %.
    overdue = figures["OVERDUE_RATIO"]
    assert (overdue.numerator, overdue.denominator, overdue.value) == (
        D("355000.00"),
        D("874800.00"),
        D("40.58"),
    )

    # New customers: only c1 (first signed 07-10); c2 signed first in 2025, c3 on 10-01.
    assert value["NEW_CUSTOMERS"] == 1
    # Follow-ups: visit 07-01 00:30 CST, site visit, meeting, phone 09-30 23:59 = 4.
    assert value["FOLLOW_UPS"] == 4
    # Satisfaction: (5 + 4 + 4) ÷ 3 = 4.33.
    assert value["SATISFACTION"] == D("4.33")
    # Claims: 2 of 3 resolved in Q3 within the SLA (one exactly at it) = 66.67 %.
    assert value["CLAIM_TIMELINESS"] == D("66.67")
    # Training: 8 + 3.5 (the absent one and the Q4 one do not count) = 11.5 h.
    assert value["TRAINING_HOURS"] == D("11.50")
    # Plans due in Q3, not cancelled: 5; done by their due date (CST): 2 → 40.00 %.
    assert value["DATA_TIMELINESS"] == D("40.00")


def test_period_edges_move_with_the_period(session: Session, dept: Department, quarter):
    q4 = compute_actuals(session, Period.parse("2026Q4"), [dept.rep.user_id])[dept.rep.user_id]
    # The payment on 10-01 (first day of Q4) counts in Q4 and only there.
    assert q4["COLLECTION_RATE"].numerator == D("100000.00")
    assert q4["NEW_CUSTOMERS"].value == 1  # c3, signed 10-01
    assert q4["SALES_VOLUME"].value == D("7000.000")
    assert q4["FOLLOW_UPS"].value == 1  # the WeChat at 00:00 CST on 10-01
    # September alone: the 09-30 payment is on the month's last day.
    sep = compute_actuals(session, Period.parse("2026-09"), [dept.rep.user_id])
    assert sep[dept.rep.user_id]["COLLECTION_RATE"].numerator == D("565000.00")
    # The year is the sum of its quarters for the additive KPIs.
    year = compute_actuals(session, Period.parse("2026"), [dept.rep.user_id])[dept.rep.user_id]
    assert year["SALES_VOLUME"].value == D("17500.500") + D("7000.000")


def test_a_rep_with_no_data_has_no_division_by_zero(session: Session, dept: Department, quarter):
    figures = compute_actuals(session, Q3, [dept.rep2.user_id])[dept.rep2.user_id]
    assert figures["SALES_VOLUME"].value == 0
    assert figures["SALES_REVENUE"].value == 0
    assert figures["SALES_VOLUME"].growth_pct is None  # nothing last year either
    for code in ("COLLECTION_RATE", "OVERDUE_RATIO", "SATISFACTION", "CLAIM_TIMELINESS"):
        assert figures[code].value is None, code
    assert figures["DATA_TIMELINESS"].value is None
    report = kpi_report(session, dept.manager, dept.rep2.user_id, Q3)
    assert report.total_score == 0
    assert report.grade == "E"
    assert {ln.code for ln in report.lines if ln.actual is None} == {
        "COLLECTION_RATE",
        "OVERDUE_RATIO",
        "SATISFACTION",
        "CLAIM_TIMELINESS",
        "DATA_TIMELINESS",
    }
    assert all(ln.completion_pct is None and ln.score is None for ln in report.lines)


def _set_targets(session: Session, dept: Department, user_id: str, **targets: str) -> None:
    for code, value in targets.items():
        kpi = kpi_definitions.by_code(session, code)
        assert kpi is not None
        kpi_targets.set_target(session, dept.manager, kpi.id, user_id, Q3.text, value)
    session.commit()


def test_report_scores_and_weights_every_line(session: Session, dept: Department, quarter):
    _set_targets(
        session,
        dept,
        dept.rep.user_id,
        SALES_VOLUME="15000",
        SALES_REVENUE="2000000",
        COLLECTION_RATE="80",
        OVERDUE_RATIO="5",
        NEW_CUSTOMERS="2",
        FOLLOW_UPS="4",
        SATISFACTION="4.5",
        CLAIM_TIMELINESS="90",
        TRAINING_HOURS="10",
        DATA_TIMELINESS="80",
    )
    report = kpi_report(session, dept.rep, dept.rep.user_id, "2026Q3")
    lines = {ln.code: ln for ln in report.lines}
    expect = {
        # code: (completion, score, weighted)
        # 17 500.5 ÷ 15 000 = 116.67 % → score 116.67 (cap 120) × 20 % = 23.33
        "SALES_VOLUME": (D("116.67"), D("116.67"), D("23.33")),
        # 1 670 000 ÷ 2 000 000 = 83.50 % × 15 % = 12.525 → 12.53 (half up)
        "SALES_REVENUE": (D("83.50"), D("83.50"), D("12.53")),
        # 59.25 ÷ 80 = 74.06 % × 20 % = 14.812 → 14.81
        "COLLECTION_RATE": (D("74.06"), D("74.06"), D("14.81")),
        # lower is better: 5 ÷ 40.58 = 12.32 %; deduction 100 − 1 × (40.58 − 5) = 64.42 × 5 %
        "OVERDUE_RATIO": (D("12.32"), D("64.42"), D("3.22")),
        # 1 ÷ 2 = 50 % × 10 % = 5.00
        "NEW_CUSTOMERS": (D("50.00"), D("50.00"), D("5.00")),
        "FOLLOW_UPS": (D("100.00"), D("100.00"), D("10.00")),
        # tiered on the actual 4.33: ≥ 4.0 → 90 × 5 % = 4.50
        "SATISFACTION": (D("96.22"), D("90.00"), D("4.50")),
        # 66.67 ÷ 90 = 74.08 % × 5 % = 3.704 → 3.70
        "CLAIM_TIMELINESS": (D("74.08"), D("74.08"), D("3.70")),
        # 11.5 ÷ 10 = 115 %, capped at 100 × 5 % = 5.00
        "TRAINING_HOURS": (D("115.00"), D("100.00"), D("5.00")),
        # 40 ÷ 80 = 50 % × 5 % = 2.50
        "DATA_TIMELINESS": (D("50.00"), D("50.00"), D("2.50")),
    }
    for code, (done, score, weighted_score) in expect.items():
        line = lines[code]
        assert (line.completion_pct, line.score, line.weighted_score) == (
            done,
            score,
            weighted_score,
        ), code
    # Total = the sum of the rounded weighted scores.
    assert report.total_score == sum(w for _, _, w in expect.values()) == D("84.59")
    assert report.grade == "B"
    assert report.unscored == ()
    assert lines["SALES_VOLUME"].rule_en.startswith("Sum of the B/L quantity")
    assert set(AUTO_RULES) == set(lines)


def test_weights_changed_by_a_manager_change_the_weighted_scores(
    session: Session, dept: Department, quarter
):
    _set_targets(session, dept, dept.rep.user_id, FOLLOW_UPS="4", TRAINING_HOURS="10")
    with pytest.raises(ValidationError, match="add up to 101"):
        kpi_definitions.set_weights(session, dept.manager, {"FOLLOW_UPS": "11"})
    with pytest.raises(PermissionDenied):
        kpi_definitions.set_weights(session, dept.rep, {"FOLLOW_UPS": "5", "TRAINING_HOURS": "10"})
    kpi_definitions.set_weights(session, dept.manager, {"FOLLOW_UPS": "5", "TRAINING_HOURS": "10"})
    session.commit()
    lines = {ln.code: ln for ln in kpi_report(session, dept.rep, dept.rep.user_id, Q3).lines}
    assert (lines["FOLLOW_UPS"].weight, lines["FOLLOW_UPS"].weighted_score) == (D(5), D("5.00"))
    assert lines["TRAINING_HOURS"].weighted_score == D("10.00")


def test_team_report_adds_up_members_and_recomputes_ratios(
    session: Session, dept: Department, quarter
):
    other = Records(session, dept.rep2.user_id)
    k = other.contract(other.customer("宝武钢铁"), signed_on=dt.date(2026, 7, 20))
    other.shipment(k, dt.date(2026, 8, 1), "2499.500")
    inv = other.invoice(k, dt.date(2026, 7, 25), "100000", "113000")
    other.payment(dt.date(2026, 8, 25), "113000", inv)
    session.commit()
    _set_targets(session, dept, dept.rep.user_id, SALES_VOLUME="15000", COLLECTION_RATE="80")
    _set_targets(session, dept, dept.rep2.user_id, SALES_VOLUME="5000", COLLECTION_RATE="90")
    team = team_report(session, dept.manager, dept.team.id, Q3)
    lines = {ln.code: ln for ln in team.lines}
    # 17 500.5 + 2 499.5 = 20 000 t against 15 000 + 5 000 = 20 000 → 100 %.
    assert (lines["SALES_VOLUME"].actual, lines["SALES_VOLUME"].target) == (D("20000.000"), 20000)
    assert lines["SALES_VOLUME"].completion_pct == D("100.00")
    # Collection: (1 272 000 + 113 000) ÷ (2 146 800 + 113 000) = 61.29 %; target mean 85.
    assert lines["COLLECTION_RATE"].actual == D("61.29")
    assert lines["COLLECTION_RATE"].target == D("85.00")
    assert lines["NEW_CUSTOMERS"].actual == 2
    # Members: the manager of the team too, ranked best first.
    names = [m.person.full_name for m in team.members]
    assert set(names) == {"李强", "赵敏", "王经理"}
    assert names[0] == "李强"
    with pytest.raises(PermissionDenied):
        team_report(session, dept.rep, dept.team.id, Q3)
    with pytest.raises(PermissionDenied):
        team_report(session, dept.manager, dept.other_team.id, Q3)
    assert team_report(session, dept.admin, dept.other_team.id, Q3).members


def test_who_may_see_whose_kpis(session: Session, dept: Department, quarter):
    with pytest.raises(PermissionDenied):
        kpi_report(session, dept.rep2, dept.rep.user_id, Q3)
    with pytest.raises(PermissionDenied):
        kpi_report(session, dept.manager, dept.other_rep.user_id, Q3)
    assert kpi_report(session, dept.admin, dept.other_rep.user_id, Q3).lines
    rep_choice = selectable_people(session, dept.rep)
    assert [p.full_name for p in rep_choice.people] == ["李强"] and rep_choice.teams == ()
    manager_choice = selectable_people(session, dept.manager)
    assert manager_choice.people[0].full_name == "王经理"
    assert {p.full_name for p in manager_choice.people} == {"王经理", "李强", "赵敏"}
    assert [t.name for t in manager_choice.teams] == ["华北钢厂组"]
    admin_choice = selectable_people(session, dept.admin)
    assert {p.full_name for p in admin_choice.people} == {"王经理", "李强", "赵敏", "陈刚"}
    assert len(admin_choice.teams) == 2


# --- scoring rules ------------------------------------------------------------------------------
LIN = ScoringRule.LINEAR_CAP
HIGH, LOW = KpiDirection.HIGHER_BETTER, KpiDirection.LOWER_BETTER


@pytest.mark.parametrize(
    ("target", "actual", "completion", "score"),
    [
        ("100", "130", "130.00", "120.00"),  # over-achievement earns up to the cap
        ("100", "50", "50.00", "50.00"),
        ("3", "1", "33.33", "33.33"),
        ("100", "0", "0.00", "0.00"),
        (None, "50", None, None),  # no target: no score
        ("0", "50", None, None),  # a target of 0 cannot be a divisor
        ("100", None, None, None),  # no actual
    ],
)
def test_linear_cap(target, actual, completion, score):
    result = score_line(
        LIN,
        {"cap_pct": "120"},
        HIGH,
        None if target is None else D(target),
        None if actual is None else D(actual),
    )
    assert result.completion_pct == (None if completion is None else D(completion))
    assert result.score == (None if score is None else D(score))
    assert result.max_score == 120


def test_linear_cap_lower_is_better():
    # target 5 %, actual 4 % → 5 ÷ 4 = 125 % → capped at 100.
    assert score_line(LIN, {"cap_pct": "100"}, LOW, D(5), D(4)).score == D("100.00")
    assert score_line(LIN, {"cap_pct": "100"}, LOW, D(5), D(10)).score == D("50.00")
    assert score_line(LIN, {"cap_pct": "100"}, LOW, D(5), D(0)).score == D("100")


@pytest.mark.parametrize(
    ("direction", "actual", "score"),
    [
        (HIGH, "4.5", "100"),
        (HIGH, "4.49", "90"),
        (HIGH, "3.5", "75"),
        (HIGH, "2.99", "0"),
        (LOW, "1", "100"),
        (LOW, "2", "100"),
        (LOW, "4", "80"),
        (LOW, "10", "60"),
        (LOW, "12", "0"),
    ],
)
def test_tiered(direction, actual, score):
    tiers = (
        [["4.5", "100"], ["4.0", "90"], ["3.5", "75"], ["3.0", "60"]]
        if direction is HIGH
        else [["10", "60"], ["5", "80"], ["2", "100"]]
    )
    result = score_line(ScoringRule.TIERED, {"tiers": tiers}, direction, None, D(actual))
    assert result.score == D(score)


def test_deduction():
    params = {"deduct_per_point": "1", "free_pct": "5"}
    assert score_line(ScoringRule.DEDUCTION, params, LOW, None, D("40.58")).score == D("64.42")
    assert score_line(ScoringRule.DEDUCTION, params, LOW, None, D("3")).score == D("100.00")
    assert score_line(ScoringRule.DEDUCTION, params, LOW, None, D("200")).score == D("0.00")
    # Higher is better: 2 points per point of completion below 100 − 10 = 90; 85 % → 90.
    higher = {"deduct_per_point": "2", "free_pct": "10"}
    assert score_line(ScoringRule.DEDUCTION, higher, HIGH, D(100), D(85)).score == D("90.00")
    assert score_line(ScoringRule.DEDUCTION, higher, HIGH, None, D(85)).score is None


def test_weighted_rounds_half_up_to_the_cent():
    assert weighted(D("88.50"), D(15)) == D("13.28")  # 13.275
    assert weighted(D("90.25"), D(5)) == D("4.51")  # 4.5125
    assert weighted(None, D(5)) is None


# --- grade bands --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "A"), ("90", "A"), ("89.99", "B"), ("80", "B"), ("79.99", "C"), ("70", "C")]
    + [("69.99", "D"), ("60", "D"), ("59.99", "E"), ("0", "E"), ("105.5", "A")],
)
def test_default_grade_bands(total, grade):
    assert grade_for(D(total)) == grade


def test_grade_bands_are_configurable_and_checked():
    bands = parse_grade_bands("S:95, A：85，B:0")
    assert bands == (GradeBand("S", D(95)), GradeBand("A", D(85)), GradeBand("B", D(0)))
    assert grade_for(D("96"), bands) == "S"
    assert grade_for(D("90"), bands) == "A"
    assert grade_for(D("10"), bands) == "B"
    assert grade_for(None) == ""
    for text in ("A:90, B:95, C:0", "A:90, B:10", "A:90, A:0", "A:ninety, B:0", ""):
        with pytest.raises(ValidationError):
            parse_grade_bands(text)
    assert validate_grade_bands(DEFAULT_GRADE_BANDS) == DEFAULT_GRADE_BANDS
