"""Credit profiles, the credit position (exposure, available, overdue, ageing) and the risk
register — against a real SQLite file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.models.catalog import Product
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import (
    CreditRating,
    CreditSecurity,
    Currency,
    ProductCategory,
    QuantityUnit,
    ReviewDecision,
    ReviewDepartment,
    RiskCategory,
    RiskStatus,
)
from minesales_desktop.models.risk import CreditProfile, RiskRecord
from minesales_desktop.services.contracts import contracts, invoices, payments, shipments
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.errors import (
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from minesales_desktop.services.risk import (
    MissingRate,
    RiskLevel,
    credit_exposure,
    credit_position,
    credit_profiles,
    rating_for_score,
    risk_level,
    risk_records,
)
from tests.conftest import other_laptop


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def customer_id(session: Session, dept: Any) -> str:
    c = customers.create(
        session,
        dept.rep,
        {"code": "JG-01", "name_zh": "江西铜业冶炼厂", "customer_type": "CU_SMELTER"},
    )
    session.commit()
    return c.id


@pytest.fixture
def product_id(session: Session) -> str:
    p = Product(code="CU25", name_zh="铜精矿 25%", name_en="Cu concentrate 25%",
                category=ProductCategory.CU_CONCENTRATE, unit=QuantityUnit.DMT)  # fmt: skip
    session.add(p)
    session.commit()
    return p.id


def _signed_contract(
    session: Session, dept: Any, customer_id: str, product_id: str, **extra: Any
) -> str:
    """A contract taken through review, approval (with an override: the point here is AR, not the
    credit check) and signing."""
    cid = contracts.create(
        session, dept.rep,
        {"customer_id": customer_id, "product_id": product_id, "start_date": "2025-01-01",
         "end_date": "2025-12-31", "quantity": "1000", "unit_price": "1000", **extra},
    ).id  # fmt: skip
    contracts.submit_for_review(session, dept.rep, cid)
    for actor, department in (
        (dept.manager, ReviewDepartment.SALES),
        (dept.service, ReviewDepartment.FINANCE),
        (dept.admin, ReviewDepartment.LEGAL),
    ):
        contracts.record_review(session, actor, cid, department, ReviewDecision.APPROVED)
    contracts.approve(session, dept.manager, cid, override_reason="测试")
    contracts.sign(session, dept.rep, cid, dt.date(2025, 1, 1))
    return cid


# --- rating -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "rating"),
    [(100, "AAA"), (90, "AAA"), (89, "AA"), (80, "AA"), (79, "A"), (70, "A"), (69, "BBB"),
     (60, "BBB"), (59, "BB"), (50, "BB"), (49, "B"), (40, "B"), (39, "C"), (20, "C"), (19, "D"),
     (0, "D")],
)  # fmt: skip
def test_rating_bands(score: int, rating: str) -> None:
    assert rating_for_score(score) is CreditRating(rating)


def test_rating_out_of_range() -> None:
    with pytest.raises(ValueError, match="out of range"):
        rating_for_score(101)


# --- credit profiles --------------------------------------------------------------------------
def test_profile_rating_is_computed_and_follows_the_score(
    session: Session, dept: Any, customer_id: str
) -> None:
    p = credit_profiles.create(
        session, dept.manager,
        {"customer_id": customer_id, "score": "72", "credit_limit": "5000000.50",
         "credit_days": "45", "security": "BANK_GUARANTEE"},
    )  # fmt: skip
    assert (p.rating, p.credit_limit, p.credit_days) == (
        CreditRating.A, Decimal("5000000.50"), 45,
    )  # fmt: skip
    assert p.reviewed_on == dt.date.today() and p.currency is Currency.CNY
    updated = credit_profiles.update(session, dept.manager, p.id, {"score": 91})
    assert updated.rating is CreditRating.AAA
    with pytest.raises(ValueError, match="rating is not editable"):
        credit_profiles.update(session, dept.manager, p.id, {"rating": "D"})


def test_only_managers_set_credit_terms(session: Session, dept: Any, customer_id: str) -> None:
    with pytest.raises(PermissionDenied, match="Only a sales manager can set a customer's credit"):
        credit_profiles.create(
            session, dept.rep, {"customer_id": customer_id, "score": 99, "credit_limit": "1e9"}
        )
    assert _count(session, CreditProfile) == 0
    p = credit_profiles.create(
        session, dept.manager, {"customer_id": customer_id, "score": 50, "credit_limit": "100"}
    )
    with pytest.raises(PermissionDenied):
        credit_profiles.update(session, dept.rep, p.id, {"credit_limit": "999999999"})
    assert credit_profiles.get(session, p.id).credit_limit == Decimal("100")


def test_a_profile_is_keyed_by_its_customer(
    session: Session, dept: Any, customer_id: str, engine: Engine, tmp_path: Path
) -> None:
    """The team's manager and an administrator each set a customer's credit terms offline: the
    same id — and the same owner, the customer's — on both, so the server gets one profile
    instead of a second one its unique key refuses. Another customer: another id."""
    terms = {"customer_id": customer_id, "score": 80, "credit_limit": "3000000"}
    with other_laptop(engine, tmp_path) as other:
        theirs = credit_profiles.create(other, dept.admin, terms)
    mine = credit_profiles.create(session, dept.manager, {**terms, "credit_limit": "2500000"})
    assert mine.id == theirs.id == keyed_id("credit_profiles", customer_id)
    assert mine.owner_id == theirs.owner_id == dept.rep.user_id  # the customer's owner

    second = customers.create(
        session, dept.rep2, {"code": "JG-02", "name_zh": "金川集团", "customer_type": "CU_SMELTER"}
    )
    named = credit_profiles.create(
        session,
        dept.manager,
        {"customer_id": second.id, "score": 60, "credit_limit": "1", "owner_id": dept.rep.user_id},
    )
    assert named.id == keyed_id("credit_profiles", second.id) != mine.id
    assert named.owner_id == dept.rep.user_id  # an owner the caller names stays
    # A shared customer (no owner): the profile is the manager's, as before keyed ids.
    shared = customers.create(
        session,
        dept.manager,
        {"code": "JG-03", "name_zh": "铜陵有色", "customer_type": "CU_SMELTER"},
    )
    shared_row = session.get(Customer, shared.id)
    assert shared_row is not None
    shared_row.owner_id = None
    session.flush()
    unowned = credit_profiles.create(
        session, dept.manager, {"customer_id": shared.id, "score": 60, "credit_limit": "1"}
    )
    assert unowned.id == keyed_id("credit_profiles", shared.id)
    assert unowned.owner_id == dept.manager.user_id
    assert _count(session, CreditProfile) == 3


def test_a_profile_made_before_keyed_ids_keeps_its_id(
    session: Session, dept: Any, customer_id: str
) -> None:
    """A customer whose profile has a random id keeps it: it is edited in place, a second
    profile — keyed or not — is refused, and once deleted, a new profile revives that row."""
    legacy = CreditProfile(
        id=new_id(),
        customer_id=customer_id,
        score=70,
        rating=CreditRating.A,
        credit_limit=Decimal(100),
        currency=Currency.CNY,
        credit_days=30,
        security=CreditSecurity.NONE,
        reviewed_on=dt.date(2026, 1, 5),
        owner_id=dept.manager.user_id,
    )
    session.add(legacy)
    session.flush()
    terms = {"customer_id": customer_id, "score": 80, "credit_limit": "1"}
    with pytest.raises(ValidationError, match="already has a credit profile"):
        credit_profiles.create(session, dept.manager, terms)
    assert credit_profiles.update(session, dept.manager, legacy.id, {"score": 81}).id == legacy.id
    credit_profiles.delete(session, dept.manager, legacy.id)
    revived = credit_profiles.create(session, dept.manager, terms)
    assert (revived.id, revived.score, revived.credit_limit) == (legacy.id, 80, Decimal(1))
    assert session.get(CreditProfile, keyed_id("credit_profiles", customer_id)) is None
    assert _count(session, CreditProfile) == 1


def test_a_deleted_profile_is_revived_by_a_new_one(
    session: Session, dept: Any, customer_id: str
) -> None:
    """Deleting a customer's profile is not a dead end: a manager's new profile is that row again
    (the same keyed id, which sync already knows), no longer deleted, with the new values only —
    a field not given goes back to its default — and the rating of the new score."""
    first = credit_profiles.create(
        session, dept.manager,
        {"customer_id": customer_id, "score": 92, "credit_limit": "5000000", "currency": "USD",
         "credit_days": 60, "security": "BANK_GUARANTEE", "reviewed_on": "2025-01-02",
         "notes": "旧额度"},
    )  # fmt: skip
    assert first.rating is CreditRating.AAA
    credit_profiles.delete(session, dept.manager, first.id)
    assert credit_profiles.for_customer(session, customer_id) is None
    with pytest.raises(PermissionDenied, match="Only a sales manager can set a customer's credit"):
        credit_profiles.create(
            session, dept.rep, {"customer_id": customer_id, "score": 99, "credit_limit": "1e9"}
        )
    with pytest.raises(ValidationError) as err:
        credit_profiles.create(
            session, dept.manager,
            {"customer_id": customer_id, "score": 101, "credit_limit": "-1", "credit_days": -5},
        )  # fmt: skip
    assert err.value.errors == {
        "score": "Must be between 0 and 100.",
        "credit_limit": "May not be negative.",
        "credit_days": "May not be negative.",
    }
    with pytest.raises(ValidationError, match="credit_limit: At most 4 decimal places"):
        credit_profiles.create(
            session, dept.manager,
            {"customer_id": customer_id, "score": 50, "credit_limit": "1.00001"},
        )  # fmt: skip
    row = session.get(CreditProfile, first.id)
    assert row is not None and row.is_deleted and row.score == 92  # refused: nothing written

    again = credit_profiles.create(
        session, dept.manager,
        {"customer_id": f" {customer_id} ", "score": "45", "credit_limit": "1200000.50"},
    )  # fmt: skip
    assert again.id == first.id == keyed_id("credit_profiles", customer_id)
    assert (again.score, again.rating, again.credit_limit) == (
        45, CreditRating.B, Decimal("1200000.50"),
    )  # fmt: skip
    assert isinstance(again.credit_limit, Decimal)
    assert (again.currency, again.credit_days, again.security, again.notes) == (
        Currency.CNY, 0, CreditSecurity.NONE, None,
    )  # fmt: skip
    assert again.reviewed_on == dt.date.today()
    assert again.owner_id == dept.rep.user_id  # the customer's owner, as for a new profile
    session.expire_all()
    row = session.get(CreditProfile, first.id)
    assert row is not None and not row.is_deleted and row.rating is CreditRating.B
    assert _count(session, CreditProfile) == 1
    assert credit_profiles.for_customer(session, customer_id) == again
    assert credit_position(session, customer_id, dt.date(2025, 5, 10)).credit_limit == Decimal(
        "1200000.50"
    )
    # Alive again: a second profile is refused as ever, and it is edited in place.
    with pytest.raises(ValidationError, match="already has a credit profile; edit that one"):
        credit_profiles.create(
            session, dept.manager, {"customer_id": customer_id, "score": 60, "credit_limit": "2"}
        )
    assert credit_profiles.update(session, dept.manager, again.id, {"score": 81}).rating is (
        CreditRating.AA
    )
    assert _count(session, CreditProfile) == 1


def test_profile_validation_writes_nothing(session: Session, dept: Any, customer_id: str) -> None:
    with pytest.raises(ValidationError) as err:
        credit_profiles.create(
            session, dept.manager,
            {"customer_id": customer_id, "score": "101", "credit_limit": "-1", "credit_days": -5},
        )  # fmt: skip
    assert err.value.errors == {
        "score": "Must be between 0 and 100.",
        "credit_limit": "May not be negative.",
        "credit_days": "May not be negative.",
    }
    with pytest.raises(ValidationError, match="customer_id: No such customer"):
        credit_profiles.create(session, dept.manager, {"customer_id": "x", "score": 50,
                                                       "credit_limit": "1"})  # fmt: skip
    with pytest.raises(ValidationError, match="score: Must be a whole number"):
        credit_profiles.create(
            session,
            dept.manager,
            {"customer_id": customer_id, "score": "50.5", "credit_limit": "1"},
        )
    assert _count(session, CreditProfile) == 0
    credit_profiles.create(
        session, dept.manager, {"customer_id": customer_id, "score": 50, "credit_limit": "1"}
    )
    with pytest.raises(ValidationError, match="already has a credit profile; edit that one"):
        credit_profiles.create(
            session, dept.manager, {"customer_id": customer_id, "score": 60, "credit_limit": "2"}
        )
    assert _count(session, CreditProfile) == 1


# --- credit position --------------------------------------------------------------------------
def test_credit_position(session: Session, dept: Any, customer_id: str, product_id: str) -> None:
    credit_profiles.create(
        session, dept.manager,
        {"customer_id": customer_id, "score": 65, "credit_limit": "2000000", "credit_days": 30},
    )  # fmt: skip
    # Contract: 1 000 dmt × 1 000 = 1 000 000; 600 dmt shipped → 400 × 1 000 = 400 000 open.
    cid = _signed_contract(session, dept, customer_id, product_id)
    shipments.add_shipment(session, dept.rep, cid, {"quantity_wmt": "600"})
    # Invoice A: net 500 000 + 13 % = 565 000, issued 03-01, due 03-31; 65 000 paid.
    a = invoices.create(session, dept.rep, {"contract_id": cid, "amount_net": "500000",
                                            "issued_on": "2025-03-01"})  # fmt: skip
    payments.create(session, dept.rep, {"invoice_id": a.id, "amount": "65000",
                                        "received_on": "2025-03-20"})  # fmt: skip
    # Invoice B: net 100 000 + 13 % = 113 000, issued 04-20, due 05-20.
    invoices.create(session, dept.rep, {"contract_id": cid, "amount_net": "100000",
                                        "issued_on": "2025-04-20"})  # fmt: skip
    pos = credit_position(session, customer_id, dt.date(2025, 5, 10))
    assert (pos.has_profile, pos.rating, pos.credit_limit) == (
        True, CreditRating.BBB, Decimal("2000000"),
    )  # fmt: skip
    # open AR = (565 000 − 65 000) + 113 000 = 613 000; exposure = 613 000 + 400 000
    assert pos.open_receivables == Decimal("613000.00")
    assert pos.open_contracts == Decimal("400000.00")
    assert pos.exposure == Decimal("1013000.00")
    assert pos.available == Decimal("987000.00")
    # On 05-10 invoice A (due 03-31) is 40 days late; B (due 05-20) is current.
    assert pos.overdue == Decimal("500000.00")
    assert pos.ageing.days_31_60 == Decimal("500000.00")
    assert pos.ageing.current == Decimal("113000.00")


def test_credit_position_without_profile(session: Session, customer_id: str) -> None:
    pos = credit_position(session, customer_id, dt.date(2025, 5, 10))
    assert (pos.has_profile, pos.credit_limit, pos.available, pos.exposure) == (
        False, None, None, Decimal("0"),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="No such customer"):
        credit_position(session, "nobody", dt.date(2025, 5, 10))


def test_usd_limit_converts_through_cny(
    session: Session, dept: Any, customer_id: str, product_id: str
) -> None:
    credit_profiles.create(
        session, dept.manager,
        {"customer_id": customer_id, "score": 95, "credit_limit": "1000000", "currency": "USD"},
    )  # fmt: skip
    cny = _signed_contract(session, dept, customer_id, product_id)  # 1 000 000 CNY open
    # Only CNY contracts: no USD rate is known anywhere.
    with pytest.raises(MissingRate, match="No exchange rate is known for USD"):
        credit_position(session, customer_id, dt.date(2025, 5, 10))
    # 1 000 000 CNY ÷ 7.2 CNY/USD = 138 888.888… → 138 888.89 USD
    pos = credit_position(
        session, customer_id, dt.date(2025, 5, 10), rates={Currency.USD: Decimal("7.2")}
    )
    assert pos.currency is Currency.USD and pos.open_contracts == Decimal("138888.89")
    # A USD contract at 7.1234 becomes the reference rate: 1 000 000 ÷ 7.1234 = 140 382.4016…
    usd = _signed_contract(session, dept, customer_id, product_id, currency="USD",
                           fx_rate="7.1234", unit_price="120")  # fmt: skip
    pos = credit_position(session, customer_id, dt.date(2025, 5, 10))
    # 140 382.4016… (CNY contract) + 1 000 × 120 = 120 000 USD (USD contract, no conversion)
    assert pos.open_contracts == Decimal("260382.40")
    exposure = credit_exposure(session, customer_id, currency=Currency.CNY,
                               as_of=dt.date(2025, 5, 10), contract_id=usd)  # fmt: skip
    # in CNY: the other open contract 1 000 000 + this one 120 000 × 7.1234 = 854 808
    assert (exposure.open_contracts, exposure.this_contract) == (
        Decimal("1000000.00"), Decimal("854808.00"),
    )  # fmt: skip
    assert exposure.total == Decimal("1854808.00")
    del cny


# --- risk register ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "level"),
    [(1, 1, 1, "LOW"), (1, 4, 4, "LOW"), (1, 5, 5, "MEDIUM"), (3, 4, 12, "MEDIUM"),
     (3, 5, 15, "HIGH"), (5, 5, 25, "HIGH")],
)  # fmt: skip
def test_risk_exposure_score_and_level(
    session: Session, dept: Any, likelihood: int, impact: int, score: int, level: str
) -> None:
    r = risk_records.create(
        session, dept.rep,
        {"title": "铁矿石指数下跌", "category": "MARKET", "likelihood": likelihood,
         "impact": impact},
    )  # fmt: skip
    assert (r.exposure_score, r.level, r.status) == (score, RiskLevel(level), RiskStatus.OPEN)
    assert risk_level(score) is RiskLevel(level)


def test_risk_validation_writes_nothing(session: Session, dept: Any, customer_id: str) -> None:
    with pytest.raises(ValidationError) as err:
        risk_records.create(
            session, dept.rep,
            {"title": "x", "category": "CUSTOMER", "likelihood": 0, "impact": 6,
             "exposure_amount": "-5"},
        )  # fmt: skip
    assert err.value.errors == {
        "likelihood": "Must be between 1 and 5.",
        "impact": "Must be between 1 and 5.",
        "exposure_amount": "May not be negative.",
        "customer_id": "A customer risk names the customer.",
    }
    with pytest.raises(ValidationError, match="contract_id: A contract risk names the contract"):
        risk_records.create(session, dept.rep, {"title": "x", "category": "CONTRACT",
                                                "likelihood": 1, "impact": 1})  # fmt: skip
    with pytest.raises(ValidationError, match="title: Required"):
        risk_records.create(session, dept.rep, {"category": "MARKET", "likelihood": 1,
                                                "impact": 1})  # fmt: skip
    assert _count(session, RiskRecord) == 0


def test_contract_risk_names_its_customer(
    session: Session, dept: Any, customer_id: str, product_id: str
) -> None:
    cid = _signed_contract(session, dept, customer_id, product_id)
    r = risk_records.create(
        session, dept.rep,
        {"title": "客户付款延迟", "category": "CONTRACT", "contract_id": cid, "likelihood": 3,
         "impact": 4, "exposure_amount": "250000.00"},
    )  # fmt: skip
    assert r.customer_id == customer_id and r.exposure_amount == Decimal("250000.00")


def test_risk_status_moves(session: Session, dept: Any) -> None:
    r = risk_records.create(
        session,
        dept.rep,
        {"title": "港口压港", "category": "LOGISTICS", "likelihood": 4, "impact": 3},
    )
    with pytest.raises(TransitionRefused, match="The risk is Open; it cannot be Closed yet") as err:
        risk_records.move_status(session, dept.rep, r.id, RiskStatus.CLOSED)
    assert err.value.missing == ["mitigation in progress (say how the risk is handled)"]
    with pytest.raises(TransitionRefused, match="Cannot start mitigating yet") as err:
        risk_records.move_status(session, dept.rep, r.id, RiskStatus.MITIGATING, mitigation=" ")
    assert err.value.missing == ["the mitigation: what is being done about the risk"]
    with pytest.raises(TransitionRefused, match="already Open"):
        risk_records.move_status(session, dept.rep, r.id, RiskStatus.OPEN)
    with pytest.raises(PermissionDenied):
        risk_records.move_status(
            session, dept.other_rep, r.id, RiskStatus.MITIGATING, mitigation="x"
        )
    m = risk_records.move_status(
        session, dept.rep, r.id, RiskStatus.MITIGATING, mitigation="改走曹妃甸港, 预留 5 天"
    )
    assert (m.status, m.mitigation) == (RiskStatus.MITIGATING, "改走曹妃甸港, 预留 5 天")
    with pytest.raises(TransitionRefused, match="never moves back from Mitigating to Open"):
        risk_records.move_status(session, dept.rep, r.id, RiskStatus.OPEN)
    closed = risk_records.move_status(session, dept.manager, r.id, RiskStatus.CLOSED)
    assert closed.status is RiskStatus.CLOSED
    with pytest.raises(TransitionRefused, match="A closed risk stays closed"):
        risk_records.move_status(session, dept.rep, r.id, RiskStatus.OPEN)


def test_risk_mitigation_written_earlier_is_enough(session: Session, dept: Any) -> None:
    r = risk_records.create(
        session, dept.rep,
        {"title": "质量异议", "category": "QUALITY", "likelihood": 2, "impact": 2,
         "mitigation": "装港加做一次化验"},
    )  # fmt: skip
    assert risk_records.move_status(session, dept.rep, r.id, RiskStatus.MITIGATING).status is (
        RiskStatus.MITIGATING
    )


def test_risk_list_filters_and_sorts_by_exposure(
    session: Session, dept: Any, customer_id: str
) -> None:
    specs = [("A", "MARKET", 2, 2), ("B", "CUSTOMER", 5, 4), ("C", "CUSTOMER", 1, 3),
             ("D", "COMPLIANCE", 3, 3)]  # fmt: skip
    ids = {}
    for title, category, likelihood, impact in specs:
        extra = {"customer_id": customer_id} if category == "CUSTOMER" else {}
        ids[title] = risk_records.create(
            session, dept.rep,
            {"title": title, "category": category, "likelihood": likelihood, "impact": impact,
             "mitigation": "m", **extra},
        ).id  # fmt: skip
    risk_records.move_status(session, dept.rep, ids["D"], RiskStatus.MITIGATING)
    by_score = risk_records.list(session, PageRequest(sort="exposure_score", descending=True))
    assert [(r.title, r.exposure_score) for r in by_score.items] == [
        ("B", 20), ("D", 9), ("A", 4), ("C", 3),
    ]  # fmt: skip
    customer_risks = risk_records.list(
        session, PageRequest(sort="title"), category=RiskCategory.CUSTOMER, customer_id=customer_id
    )
    assert [r.title for r in customer_risks.items] == ["B", "C"]
    mitigating = risk_records.list(session, status=RiskStatus.MITIGATING)
    assert [r.title for r in mitigating.items] == ["D"]
    second = risk_records.list(session, PageRequest(offset=1, limit=2, sort="exposure_score"))
    assert second.total == 4 and [r.title for r in second.items] == ["A", "D"]
