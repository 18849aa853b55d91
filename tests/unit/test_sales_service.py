"""The standard process: stage gates name what is missing; quotes are versioned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract
from minesales_desktop.models.enums import (
    ContractStatus,
    ContractType,
    Currency,
    Incoterm,
    LostReason,
    PaymentMethod,
    PricingMethod,
    ProductCategory,
    QuantityUnit,
    QuoteStatus,
    Stage,
    ToleranceOption,
)
from minesales_desktop.models.sales import Quote, StageChange
from minesales_desktop.services.customers import customers
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused, ValidationError
from minesales_desktop.services.sales import opportunities, quotes


@pytest.fixture
def world(session: Session, dept):
    product = Product(
        code="FE62",
        name_zh="62%铁矿粉",
        name_en="62% Fe fines",
        category=ProductCategory.FE_FINES,
        unit=QuantityUnit.WMT,
    )
    session.add(product)
    session.flush()
    customer = customers.create(
        session, dept.rep, {"code": "C1", "name_zh": "日钢", "customer_type": "STEEL_MILL"}
    )
    session.commit()
    return product, customer


def _opp(session: Session, dept, world, **extra):
    product, customer = world
    values = {"title": "2027年长协", "customer_id": customer.id, **extra}
    dto = opportunities.create(session, dept.rep, values)
    session.commit()
    return dto


def _quote(session: Session, dept, world, opp_id: str, price: str = "780.50"):
    product, _ = world
    dto = quotes.create(
        session,
        dept.rep,
        {
            "opportunity_id": opp_id,
            "product_id": product.id,
            "quantity": "50000",
            "unit_price": price,
            "valid_until": dt.date.today() + dt.timedelta(days=14),
            "incoterm": "CFR",
            "port": "日照港",
        },
    )
    session.commit()
    return dto


def test_new_opportunity_starts_as_lead_with_history(session: Session, dept, world) -> None:
    opp = _opp(session, dept, world)
    assert opp.stage is Stage.LEAD and opp.probability == Decimal(10)
    assert opp.code.startswith("OPP-") and opp.customer_name == "日钢"
    history = opportunities.history(session, opp.id)
    assert [(h.from_stage, h.to_stage) for h in history] == [(None, Stage.LEAD)]


def test_refused_move_names_everything_missing(session: Session, dept, world) -> None:
    opp = _opp(session, dept, world, deal_type="TENDER")
    with pytest.raises(TransitionRefused) as err:
        opportunities.move_stage(session, dept.rep, opp.id, Stage.QUOTED)
    assert err.value.missing == [
        "the product the customer needs",
        "the quantity the customer needs",
        "the tender's bid deadline",
        "a quote",
    ]
    assert "Cannot move to" in str(err.value) and "a quote" in str(err.value)
    assert opportunities.get(session, opp.id).stage is Stage.LEAD
    assert session.scalar(select(func.count()).select_from(StageChange)) == 1


def test_the_whole_process_to_won(session: Session, dept, world) -> None:
    product, customer = world
    opp = _opp(
        session, dept, world, product_id=product.id, quantity="50000", estimated_value="39000000"
    )
    assert opp.weighted_value == Decimal("3900000.00")  # 39 000 000 × 10 %
    opportunities.move_stage(session, dept.rep, opp.id, Stage.QUALIFIED)
    opportunities.move_stage(session, dept.rep, opp.id, Stage.SAMPLE)
    with pytest.raises(TransitionRefused, match="a quote"):
        opportunities.move_stage(session, dept.rep, opp.id, Stage.QUOTED)
    _quote(session, dept, world, opp.id)
    opportunities.move_stage(session, dept.rep, opp.id, Stage.QUOTED)
    opportunities.move_stage(session, dept.rep, opp.id, Stage.NEGOTIATION)
    with pytest.raises(TransitionRefused) as err:
        opportunities.move_stage(session, dept.rep, opp.id, Stage.WON)
    assert err.value.missing == ["a signed contract"]
    contract = Contract(
        contract_no="HT-1",
        customer_id=customer.id,
        opportunity_id=opp.id,
        product_id=product.id,
        contract_type=ContractType.TERM,
        status=ContractStatus.SIGNED,
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        quantity=Decimal(50000),
        quantity_unit=QuantityUnit.WMT,
        tolerance_pct=Decimal(10),
        tolerance_option=ToleranceOption.SELLER,
        incoterm=Incoterm.CFR,
        currency=Currency.CNY,
        fx_rate=Decimal(1),
        vat_rate=Decimal(13),
        vat_included=True,
        pricing_method=PricingMethod.FIXED,
        price_terms={},
        unit_price=Decimal("780.5"),
        total_value=Decimal(39025000),
        payment_method=PaymentMethod.LC,
        provisional_pct=Decimal(90),
        owner_id=dept.rep.user_id,
    )
    session.add(contract)
    session.commit()
    won = opportunities.move_stage(session, dept.rep, opp.id, Stage.WON)
    assert won.stage is Stage.WON and won.probability == 100 and won.closed_at is not None
    stages = [h.to_stage for h in opportunities.history(session, opp.id)]
    assert stages == [
        Stage.LEAD,
        Stage.QUALIFIED,
        Stage.SAMPLE,
        Stage.QUOTED,
        Stage.NEGOTIATION,
        Stage.WON,
    ]
    with pytest.raises(TransitionRefused, match="final"):
        opportunities.move_stage(session, dept.manager, opp.id, Stage.NEGOTIATION, note="x")
    with pytest.raises(ValidationError, match="closed"):
        opportunities.update(session, dept.rep, opp.id, {"title": "改名"})


def test_lost_needs_a_reason_and_only_a_manager_reopens(session: Session, dept, world) -> None:
    opp = _opp(session, dept, world)
    with pytest.raises(TransitionRefused) as err:
        opportunities.move_stage(session, dept.rep, opp.id, Stage.LOST)
    assert err.value.missing == ["a lost reason (price, spec, logistics, …)"]
    lost = opportunities.move_stage(
        session, dept.rep, opp.id, Stage.LOST, lost_reason=LostReason.PRICE, competitor="某贸易商"
    )
    assert lost.lost_reason is LostReason.PRICE and lost.probability == 0
    with pytest.raises(PermissionDenied):
        opportunities.move_stage(session, dept.rep, opp.id, Stage.LEAD)
    reopened = opportunities.move_stage(session, dept.manager, opp.id, Stage.LEAD)
    assert reopened.stage is Stage.LEAD and reopened.lost_reason is None


def test_moving_back_needs_a_note(session: Session, dept, world) -> None:
    product, _ = world
    opp = _opp(session, dept, world, product_id=product.id, quantity="1000")
    opportunities.move_stage(session, dept.rep, opp.id, Stage.QUALIFIED)
    with pytest.raises(TransitionRefused, match="a note saying why"):
        opportunities.move_stage(session, dept.rep, opp.id, Stage.LEAD)
    back = opportunities.move_stage(session, dept.rep, opp.id, Stage.LEAD, note="客户预算冻结")
    assert back.stage is Stage.LEAD


def test_another_team_cannot_move_my_opportunity(session: Session, dept, world) -> None:
    opp = _opp(session, dept, world)
    with pytest.raises(PermissionDenied):
        opportunities.move_stage(
            session, dept.other_rep, opp.id, Stage.LOST, lost_reason=LostReason.PRICE
        )


def test_quotes_are_versioned_and_sent_ones_are_frozen(session: Session, dept, world) -> None:
    opp = _opp(session, dept, world)
    q1 = _quote(session, dept, world, opp.id, "780.50")
    assert (q1.version, q1.status, q1.total_amount) == (
        1,
        QuoteStatus.DRAFT,
        Decimal("39025000.00"),
    )
    quotes.set_status(session, dept.rep, q1.id, QuoteStatus.SENT)
    with pytest.raises(ValidationError, match="new version"):
        quotes.update(session, dept.rep, q1.id, {"unit_price": "770"})
    q2 = _quote(session, dept, world, opp.id, "775.25")
    assert q2.version == 2 and q2.quote_no.endswith("-Q2")
    assert session.get(Quote, q1.id).status is QuoteStatus.SUPERSEDED  # type: ignore[union-attr]
    with pytest.raises(TransitionRefused, match="cannot become"):
        quotes.set_status(session, dept.rep, q2.id, QuoteStatus.ACCEPTED)
    assert quotes.latest(session, opp.id).id == q2.id  # type: ignore[union-attr]


def test_quote_validation(session: Session, dept, world) -> None:
    product, _ = world
    opp = _opp(session, dept, world)
    with pytest.raises(ValidationError) as err:
        quotes.create(
            session,
            dept.rep,
            {
                "opportunity_id": opp.id,
                "product_id": product.id,
                "quantity": "0",
                "unit_price": "-1",
                "tolerance_pct": "25",
                "fx_rate": "0",
                "valid_until": "2020-01-01",
                "incoterm": "FOB",
            },
        )
    assert set(err.value.errors) == {
        "quantity",
        "unit_price",
        "tolerance_pct",
        "fx_rate",
        "valid_until",
    }
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Quote)) == 0
