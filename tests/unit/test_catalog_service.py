"""Products, quality specs, price indices, quotes and the all-or-nothing CSV import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.messages import current_language, set_language
from minesales_desktop.models.catalog import IndexQuote, Product, QualitySpec
from minesales_desktop.services.catalog import (
    PriceIndexDTO,
    average_price,
    import_index_quotes_csv,
    index_quotes,
    latest_quote,
    price_indices,
    products,
    quality_specs,
)
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from tests.conftest import Department, other_laptop


@pytest.fixture(autouse=True)
def english_labels() -> Iterator[None]:
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _count(session: Session, model: Any) -> int:
    """Live rows (a tombstoned quote is not a quote)."""
    stmt = select(func.count()).select_from(model).where(model.is_deleted.is_(False))
    return int(session.scalar(stmt) or 0)


@pytest.fixture
def platts(session: Session, dept: Department) -> PriceIndexDTO:
    return price_indices.create(
        session,
        dept.manager,
        {
            "code": "platts62",
            "name_zh": "普氏62%铁矿石指数",
            "name_en": "Platts IODEX 62% Fe CFR China",
            "currency": "USD",
            "unit": "USD/dmt",
        },
    )


# --- products and specs -------------------------------------------------------------------------
def test_product_crud_and_rules(session: Session, dept: Department, platts: PriceIndexDTO) -> None:
    fines = products.create(
        session,
        dept.manager,
        {
            "code": "fe62-fines",
            "name_zh": "62%铁粉矿",
            "name_en": "62% Fe fines",
            "category": "铁矿石粉矿",
            "unit": "DMT",
            "default_index_id": platts.id,
            "hs_code": "2601.11",
        },
    )
    assert fines.code == "FE62-FINES" and fines.active
    assert products.by_code(session, "fe62-fines") == fines
    before = _count(session, Product)
    with pytest.raises(ValidationError, match="Already used by another record: FE62-FINES"):
        products.create(session, dept.admin, {**_product_values(), "code": "Fe62-Fines"})
    with pytest.raises(ValidationError) as err:
        products.create(
            session,
            dept.admin,
            {**_product_values(), "hs_code": "26-01", "default_index_id": "x"},
        )
    assert set(err.value.errors) == {"hs_code", "default_index_id"}
    assert err.value.errors["default_index_id"] == "No such price index."
    with pytest.raises(ValidationError, match="unit: Must be one of: t, wmt, dmt"):
        products.create(session, dept.admin, {**_product_values(), "unit": "kg"})
    with pytest.raises(PermissionDenied, match="change the catalogue"):
        products.create(session, dept.rep, _product_values())
    with pytest.raises(PermissionDenied):
        products.update(session, dept.rep, fines.id, {"name_en": "x"})
    assert _count(session, Product) == before
    with pytest.raises(ValidationError, match="1 product\\(s\\) are priced against this index"):
        price_indices.delete(session, dept.manager, platts.id)


def _product_values() -> dict[str, str]:
    return {
        "code": "LS-01",
        "name_zh": "石灰石",
        "name_en": "Limestone",
        "category": "LIMESTONE",
        "unit": "T",
    }


def test_quality_specs_nest_and_are_unique(session: Session, dept: Department) -> None:
    product = products.create(session, dept.manager, _product_values())
    spec = quality_specs.create(
        session,
        dept.manager,
        {
            "product_id": product.id,
            "analyte": "CaO",
            "typical": "52.5",
            "min_value": "50",
            "max_value": "56",
            "reject_min": "48",
        },
    )
    assert spec.basis.value == "DRY" and spec.unit == "%"
    assert spec.typical == Decimal("52.5000")
    before = _count(session, QualitySpec)
    base = {"product_id": product.id, "analyte": "SiO2"}
    cases = [
        ({"min_value": "5", "max_value": "3"}, "max_value", "The maximum is below the minimum."),
        (
            {"min_value": "1", "typical": "0.5"},
            "typical",
            "The typical value is below the minimum.",
        ),
        ({"max_value": "3", "typical": "4"}, "typical", "The typical value is above the maximum."),
        (
            {"min_value": "1", "reject_min": "1.5"},
            "reject_min",
            "The reject limit must be at or below the minimum (1).",
        ),
        (
            {"max_value": "3", "reject_max": "2"},
            "reject_max",
            "The reject limit must be at or above the maximum (3).",
        ),
        ({"analyte": "CaO"}, "analyte", "This product already has a specification for CaO."),
        ({"product_id": "nope"}, "product_id", "No such product."),
    ]
    for extra, field, message in cases:
        with pytest.raises(ValidationError) as err:
            quality_specs.create(session, dept.manager, {**base, **extra})
        assert err.value.errors == {field: message}
    assert _count(session, QualitySpec) == before
    quality_specs.create(
        session, dept.manager, {**base, "max_value": "3", "reject_max": "3", "sort_order": 1}
    )
    assert [s.analyte for s in quality_specs.for_product(session, product.id)] == ["CaO", "SiO2"]
    with pytest.raises(ValidationError, match="cannot be moved to another product"):
        other = products.create(session, dept.manager, {**_product_values(), "code": "LS-02"})
        quality_specs.update(session, dept.manager, spec.id, {"product_id": other.id})


# --- quotes -------------------------------------------------------------------------------------
def test_set_quote_upserts_one_price_per_day(
    session: Session, dept: Department, platts: PriceIndexDTO
) -> None:
    day = dt.date(2026, 10, 9)
    first = index_quotes.set_quote(session, dept.manager, platts.id, day, "104.35")
    second = index_quotes.set_quote(session, dept.manager, platts.id, "2026-10-09", "104.5")
    assert first.id == second.id and second.price == Decimal("104.5000")
    assert _count(session, IndexQuote) == 1
    with pytest.raises(ValidationError, match="already has a price on 2026-10-09"):
        index_quotes.create(
            session, dept.manager, {"index_id": platts.id, "quote_date": day, "price": "1"}
        )
    for bad, message in (
        ("0", "greater than zero"),
        ("-3", "greater than zero"),
        ("1.00001", "At most 4 decimal places"),
        ("abc", "Must be a number"),
    ):
        with pytest.raises(ValidationError, match=message):
            index_quotes.set_quote(session, dept.manager, platts.id, day, bad)
    with pytest.raises(ValidationError, match="No such price index"):
        index_quotes.set_quote(session, dept.manager, "nope", day, "1")
    with pytest.raises(PermissionDenied):
        index_quotes.set_quote(session, dept.rep, platts.id, day, "1")
    assert index_quotes.get(session, first.id).price == Decimal("104.5000")
    # A deleted day is revived by the next set_quote.
    index_quotes.delete(session, dept.manager, first.id)
    revived = index_quotes.set_quote(session, dept.manager, platts.id, day, "99")
    assert revived.id == first.id and revived.price == Decimal("99.0000")


def test_average_and_latest_in_sql(
    session: Session, dept: Department, platts: PriceIndexDTO
) -> None:
    for day, price in ((1, "100.00"), (2, "100.01"), (5, "100.01"), (8, "120")):
        index_quotes.set_quote(session, dept.manager, platts.id, dt.date(2026, 10, day), price)
    # (100 + 100.01 + 100.01) / 3 = 100.00666… → 100.01 (exact Decimal, half-up).
    avg = average_price(session, platts.id, dt.date(2026, 10, 1), dt.date(2026, 10, 5))
    assert avg == Decimal("100.01") and str(avg) == "100.01"
    assert average_price(session, platts.id, dt.date(2026, 10, 1), dt.date(2026, 10, 8)) == Decimal(
        "105.01"
    )  # 420.02 / 4 = 105.005 → 105.01
    assert average_price(session, platts.id, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) is None
    latest = latest_quote(session, platts.id, dt.date(2026, 10, 7))
    assert latest is not None and latest.quote_date == dt.date(2026, 10, 5)
    assert latest_quote(session, platts.id, dt.date(2026, 9, 30)) is None
    assert [
        q.quote_date.day
        for q in index_quotes.between(
            session, platts.id, dt.date(2026, 10, 2), dt.date(2026, 10, 8)
        )
    ] == [2, 5, 8]


# --- CSV import ---------------------------------------------------------------------------------
def test_csv_import_tolerates_bom_crlf_header_and_upserts(
    session: Session, dept: Department, platts: PriceIndexDTO
) -> None:
    index_quotes.set_quote(session, dept.manager, platts.id, dt.date(2026, 10, 1), "90")
    index_quotes.set_quote(session, dept.manager, platts.id, dt.date(2026, 10, 2), "101.5")
    text = (
        "\ufeffDate,Price\r\n2026-10-01,100.25\r\n\r\n"
        '2026-10-02,101.50\r\n2026-10-05,"1,003.75"\r\n'
    )
    result = import_index_quotes_csv(session, dept.manager, "PLATTS62", text)
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    assert (result.first_date, result.last_date) == (dt.date(2026, 10, 1), dt.date(2026, 10, 5))
    assert latest_quote(session, platts.id, dt.date(2026, 10, 31)).price == Decimal("1003.7500")  # type: ignore[union-attr]
    # No header, LF only.
    result = import_index_quotes_csv(session, dept.manager, "platts62", "2026-10-06,99\n")
    assert result.inserted == 1


def test_csv_import_is_all_or_nothing(
    session: Session, dept: Department, platts: PriceIndexDTO
) -> None:
    before = _count(session, IndexQuote)
    text = "\n".join(
        [
            "date,price",
            "2026-10-01,100",
            "2026/10/02,101",
            "2026-10-03,-4",
            "2026-10-01,102",
            "2026-10-04",
            "2026-10-05,abc",
            "2026-10-06,1.123456",
        ]
    )
    with pytest.raises(ValidationError) as err:
        import_index_quotes_csv(session, dept.manager, "PLATTS62", text)
    assert err.value.errors == {
        "Line 3": "the date '2026/10/02' is not YYYY-MM-DD",
        "Line 4": "the price must be greater than zero",
        "Line 5": "2026-10-01 already appears on line 2",
        "Line 6": "expected two fields, date and price; found 1",
        "Line 7": "the price 'abc' is not a number",
        "Line 8": "the price has more than 4 decimal places",
    }
    assert "Line 3: the date" in str(err.value)
    assert _count(session, IndexQuote) == before
    with pytest.raises(ValidationError, match="contains no quotes"):
        import_index_quotes_csv(session, dept.manager, "PLATTS62", "\ufeffdate,price\r\n\r\n")
    with pytest.raises(ValidationError, match="No such price index: MB65"):
        import_index_quotes_csv(session, dept.manager, "MB65", "2026-10-01,1")
    with pytest.raises(PermissionDenied):
        import_index_quotes_csv(session, dept.rep, "PLATTS62", "2026-10-01,1")
    assert _count(session, IndexQuote) == before


# --- keyed ids: two laptops that enter or import the same day's price offline make one row ------
def _quote_ids(session: Session, index_id: str) -> dict[dt.date, tuple[str, str | None]]:
    rows = session.execute(
        select(IndexQuote.quote_date, IndexQuote.id, IndexQuote.owner_id).where(
            IndexQuote.index_id == index_id
        )
    ).all()
    return {day: (qid, owner) for day, qid, owner in rows}


def test_a_new_quote_is_keyed_by_index_and_day(
    session: Session, dept: Department, platts: PriceIndexDTO, engine: Engine, tmp_path: Path
) -> None:
    """The manager's laptop and the administrator's each enter the same day's price, and import
    the same file, without a network: the same ids (and owner: the index's) on both, whichever
    way the row was made, so the server gets one row per day instead of a second one its unique
    key refuses. Another day or another index: another id."""
    day = dt.date(2026, 10, 9)
    text = "date,price\n2026-10-09,104.35\n2026-10-12,105\n2026-10-13,104.8\n"
    session.commit()
    with other_laptop(engine, tmp_path) as other:
        by_hand = index_quotes.set_quote(other, dept.admin, platts.id, "2026-10-09", "104.35")
        import_index_quotes_csv(other, dept.admin, "PLATTS62", text)
        theirs = _quote_ids(other, platts.id)
    mine = index_quotes.set_quote(session, dept.manager, platts.id, day, "104.35")
    result = import_index_quotes_csv(session, dept.manager, "PLATTS62", text)
    assert (result.inserted, result.updated, result.unchanged) == (2, 0, 1)

    assert mine.id == by_hand.id == keyed_id("index_quotes", platts.id, "2026-10-09")
    assert _quote_ids(session, platts.id) == theirs
    assert theirs == {
        d: (keyed_id("index_quotes", platts.id, d.isoformat()), dept.manager.user_id)
        for d in (day, dt.date(2026, 10, 12), dt.date(2026, 10, 13))
    }
    # Made through create too.
    created = index_quotes.create(
        session, dept.admin, {"index_id": platts.id, "quote_date": "2026-10-14", "price": "1"}
    )
    assert created.id == keyed_id("index_quotes", platts.id, "2026-10-14")
    made = session.get(IndexQuote, created.id)
    assert made is not None and made.owner_id == dept.manager.user_id  # the index's owner
    # Another day, another index: other ids.
    mb65 = price_indices.create(
        session,
        dept.manager,
        {"code": "MB65", "name_zh": "MB 65%", "name_en": "MB 65% Fe", "currency": "USD",
         "unit": "USD/dmt"},
    )  # fmt: skip
    other_index = index_quotes.set_quote(session, dept.manager, mb65.id, day, "104.35")
    other_day = index_quotes.set_quote(session, dept.manager, platts.id, "2026-10-08", "104.35")
    assert len({mine.id, other_index.id, other_day.id}) == 3


def test_quotes_made_before_keyed_ids_keep_their_ids(
    session: Session, dept: Department, platts: PriceIndexDTO
) -> None:
    """A day that already has a row — random id, live or deleted — keeps it: set_quote and the
    import find it by its key and reuse it (a deleted one is revived), never make a keyed one."""
    legacy = {
        d: IndexQuote(
            id=new_id(),
            index_id=platts.id,
            quote_date=dt.date(2026, 10, d),
            price=Decimal(100),
            owner_id=dept.admin.user_id,
        )
        for d in (1, 2, 5, 6)
    }
    session.add_all(legacy.values())
    session.flush()
    index_quotes.delete(session, dept.manager, legacy[2].id)
    index_quotes.delete(session, dept.manager, legacy[6].id)

    assert index_quotes.set_quote(session, dept.manager, platts.id, "2026-10-01", "90").id == (
        legacy[1].id
    )
    revived = index_quotes.set_quote(session, dept.manager, platts.id, "2026-10-02", "91")
    assert revived.id == legacy[2].id and revived.price == Decimal("91.0000")
    result = import_index_quotes_csv(
        session, dept.manager, "PLATTS62", "2026-10-05,100\n2026-10-06,96\n2026-10-07,97\n"
    )
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    ids = _quote_ids(session, platts.id)
    assert {d.day: qid for d, (qid, _) in ids.items() if d.day in legacy} == {
        d: row.id for d, row in legacy.items()
    }
    assert ids[dt.date(2026, 10, 7)][0] == keyed_id("index_quotes", platts.id, "2026-10-07")
    assert session.get(IndexQuote, legacy[6].id).is_deleted is False  # type: ignore[union-attr]
    assert {owner for _, owner in ids.values()} == {dept.admin.user_id, dept.manager.user_id}


def test_a_quote_stays_on_its_day_and_a_deleted_day_is_entered_again(
    session: Session, dept: Department, platts: PriceIndexDTO
) -> None:
    """A price's id is its key (index, day): moving it to another day is refused (another laptop
    entering the old day would change it); a deleted day's price entered again through
    ``create`` revives the row (before: the unique key made the insert fail)."""
    first = index_quotes.set_quote(session, dept.manager, platts.id, "2026-10-09", "104")
    with pytest.raises(ValidationError, match="stays on its day") as refused:
        index_quotes.update(session, dept.manager, first.id, {"quote_date": "2026-10-10"})
    assert set(refused.value.errors) == {"quote_date"}
    assert index_quotes.get(session, first.id).quote_date == dt.date(2026, 10, 9)
    index_quotes.delete(session, dept.manager, first.id)
    again = index_quotes.create(
        session, dept.manager, {"index_id": platts.id, "quote_date": "2026-10-09", "price": "103"}
    )
    assert again.id == first.id == keyed_id("index_quotes", platts.id, "2026-10-09")
    assert again.price == Decimal("103.0000") and _count(session, IndexQuote) == 1
    with pytest.raises(PermissionDenied):
        index_quotes.create(
            session, dept.rep, {"index_id": platts.id, "quote_date": "2026-10-11", "price": "1"}
        )
