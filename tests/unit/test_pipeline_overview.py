"""The pipeline board's figures come from SQL, exact, per currency and per visibility."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.models.catalog import Product
from minesales_desktop.models.enums import (
    Currency,
    LostReason,
    ProductCategory,
    QuantityUnit,
    Stage,
)
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.pipeline_overview import (
    Period,
    PipelineFilter,
    board,
    detail,
    list_page,
    next_stage,
    period_range,
    product_choices,
)
from minesales_desktop.services.sales import opportunities, quotes

TODAY = dt.date.today()


@pytest.fixture
def world(session: Session, dept):
    fines = Product(
        code="FE62", name_zh="62%铁矿粉", name_en="62% Fe fines",
        category=ProductCategory.FE_FINES, unit=QuantityUnit.WMT,
    )  # fmt: skip
    coal = Product(
        code="NAR5500", name_zh="5500动力煤", name_en="5500 NAR coal",
        category=ProductCategory.THERMAL_COAL, unit=QuantityUnit.T,
    )  # fmt: skip
    session.add_all([fines, coal])
    session.flush()
    steel = customers.create(
        session, dept.rep, {"code": "C1", "name_zh": "日照钢铁", "short_name": "日钢",
                            "customer_type": "STEEL_MILL"},
    )  # fmt: skip
    power = customers.create(
        session, dept.rep2, {"code": "C2", "name_zh": "华能电厂", "customer_type": "POWER_PLANT"}
    )
    session.commit()
    return fines, coal, steel, power


def _opp(session: Session, actor, customer, product, value: str | None, **extra):
    values = {
        "title": "测试商机", "customer_id": customer.id, "product_id": product.id,
        "quantity": "50000", "estimated_value": value, **extra,
    }  # fmt: skip
    dto = opportunities.create(session, actor, values)
    session.commit()
    return dto


def _quote(session: Session, actor, opp, product) -> None:
    quotes.create(
        session,
        actor,
        {
            "opportunity_id": opp.id, "product_id": product.id, "quantity": "50000",
            "unit_price": "772", "valid_until": TODAY + dt.timedelta(days=14),
            "incoterm": "CFR",
        },
    )  # fmt: skip
    session.commit()


def _move(session: Session, actor, opp, stage: Stage, **extra) -> None:
    opportunities.move_stage(session, actor, opp.id, stage, **extra)
    session.commit()


def test_period_ranges() -> None:
    assert period_range(Period.MONTH, dt.date(2025, 2, 14)) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 28),
    )
    assert period_range(Period.QUARTER, dt.date(2025, 11, 3)) == (
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )
    assert period_range(Period.YEAR, dt.date(2024, 6, 1)) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert period_range(Period.ALL, dt.date(2024, 6, 1)) is None
    assert next_stage(Stage.AWARDED) is Stage.WON
    assert next_stage(Stage.LOST) is None


def test_board_counts_and_weighted_values_per_stage_and_currency(
    session: Session, dept, world
) -> None:
    fines, coal, steel, power = world
    _opp(session, dept.rep, steel, fines, "1000000")  # lead 10 % → 100 000
    _opp(session, dept.rep, steel, fines, "333.33")  # lead 10 % → 33.333 (summed before rounding)
    _opp(session, dept.rep, steel, fines, None)  # counted, no value
    usd = _opp(session, dept.rep2, power, coal, "200000", currency="USD")
    _move(session, dept.rep2, usd, Stage.QUALIFIED)  # 20 % → 40 000 USD
    quoted = _opp(session, dept.rep, steel, fines, "38600000")
    _quote(session, dept.rep, quoted, fines)
    _move(session, dept.rep, quoted, Stage.QUOTED)  # 50 % → 19 300 000
    lost = _opp(session, dept.rep, steel, fines, "500")
    _move(session, dept.rep, lost, Stage.LOST, lost_reason=LostReason.PRICE)

    result = board(session, dept.manager, PipelineFilter())
    lead = result.column(Stage.LEAD)
    assert lead.count == 3 and len(lead.cards) == 3 and lead.more == 0
    assert lead.weighted == {Currency.CNY: Decimal("100033.33")}
    assert lead.value == {Currency.CNY: Decimal("1000333.33")}
    assert result.column(Stage.QUALIFIED).weighted == {Currency.USD: Decimal("40000.00")}
    assert result.column(Stage.QUOTED).weighted == {Currency.CNY: Decimal("19300000.00")}
    assert result.column(Stage.LOST).count == 1
    assert result.column(Stage.LOST).weighted == {Currency.CNY: Decimal("0.00")}
    assert result.column(Stage.WON).count == 0
    assert result.open_count == 5
    assert result.open_weighted == {
        Currency.CNY: Decimal("19400033.33"),
        Currency.USD: Decimal("40000.00"),
    }
    card = result.column(Stage.QUOTED).cards[0]
    assert card.customer_short == "日钢" and card.owner_name == "李强"
    assert card.product_name("en") == "62% Fe fines" and card.days_in_stage() == 0


def test_board_limits_cards_but_counts_everything(session: Session, dept, world) -> None:
    fines, _coal, steel, _power = world
    for i in range(7):
        _opp(
            session, dept.rep, steel, fines, "1000",
            expected_close=TODAY + dt.timedelta(days=30 - i),
        )  # fmt: skip
    result = board(session, dept.rep, PipelineFilter(), per_column=3)
    lead = result.column(Stage.LEAD)
    assert lead.count == 7 and len(lead.cards) == 3 and lead.more == 4
    assert lead.weighted == {Currency.CNY: Decimal("700.00")}
    closes = [c.expected_close for c in lead.cards]
    assert closes == sorted(closes) and closes[0] == TODAY + dt.timedelta(days=24)


def test_visibility_and_filters(session: Session, dept, world) -> None:
    fines, coal, steel, power = world
    _opp(session, dept.rep, steel, fines, "100", expected_close=TODAY)
    _opp(session, dept.rep2, power, coal, "100", expected_close=TODAY + dt.timedelta(days=400))
    other_customer = customers.create(
        session, dept.other_rep, {"code": "C3", "name_zh": "云南铜业", "customer_type": "TRADER"}
    )
    session.commit()
    _opp(session, dept.other_rep, other_customer, fines, "100")

    def count(actor, **kw) -> int:
        return board(session, actor, PipelineFilter(**kw)).column(Stage.LEAD).count

    assert count(dept.admin) == 3
    assert count(dept.manager) == 2  # the other team's opportunity is not theirs to see
    assert count(dept.rep) == 1
    assert count(dept.rep, owner_id=dept.rep2.user_id) == 0  # a filter never widens
    assert count(dept.manager, owner_id=dept.rep2.user_id) == 1
    assert count(dept.admin, product_id=coal.id) == 1
    assert count(dept.admin, period=Period.MONTH) == 1
    assert count(dept.admin, period=Period.ALL) == 3


def test_list_page_sorts_in_sql(session: Session, dept, world) -> None:
    fines, _coal, steel, _power = world
    small = _opp(session, dept.rep, steel, fines, "10")
    big = _opp(session, dept.rep, steel, fines, "9000")
    quoted = _opp(session, dept.rep, steel, fines, "500")
    _quote(session, dept.rep, quoted, fines)
    _move(session, dept.rep, quoted, Stage.QUOTED)
    page = list_page(session, dept.rep, PipelineFilter(), PageRequest(0, 2, "value", True))
    assert page.total == 3 and [c.id for c in page.items] == [big.id, quoted.id]
    by_stage = list_page(session, dept.rep, PipelineFilter(), PageRequest(0, 10, "stage", True))
    assert by_stage.items[0].id == quoted.id
    only_quoted = list_page(
        session, dept.rep, PipelineFilter(stage=Stage.QUOTED), PageRequest(0, 10, "weighted")
    )
    assert [c.id for c in only_quoted.items] == [quoted.id]
    assert small.id in {c.id for c in list_page(session, dept.rep, PipelineFilter(),
                                                PageRequest(0, 10, "owner")).items}  # fmt: skip
    with pytest.raises(ValueError, match="cannot sort"):
        list_page(session, dept.rep, PipelineFilter(), PageRequest(0, 10, "bogus"))


def test_detail_has_history_with_names_quotes_and_next_gate(session: Session, dept, world) -> None:
    fines, _coal, steel, _power = world
    opp = _opp(session, dept.rep, steel, fines, "1000")
    _move(session, dept.rep, opp, Stage.QUALIFIED)
    info = detail(session, dept.manager, opp.id)
    assert [h.to_stage for h in info.history] == [Stage.QUALIFIED, Stage.LEAD]  # newest first
    assert info.history[0].changed_by == "李强" and info.history[0].from_stage is Stage.LEAD
    assert info.next_stage is Stage.SAMPLE and info.next_missing == ()
    _move(session, dept.rep, opp, Stage.SAMPLE)
    info = detail(session, dept.rep, opp.id)
    assert info.next_stage is Stage.QUOTED and info.next_missing == ("a quote",)
    _quote(session, dept.rep, opp, fines)
    info = detail(session, dept.rep, opp.id)
    assert info.next_missing == () and [q.version for q in info.quotes] == [1]
    choices = product_choices(session)
    assert [p.code for p in choices] == ["FE62", "NAR5500"]
