"""The catalogue: products with their quality specifications, price indices and dated quotes.

This is master data every quote and contract is priced from, so only managers and administrators
change it; everyone reads it. The app is offline, so index quotes arrive by hand (``set_quote``) or
from a CSV file the office exports (``import_index_quotes_csv``); an import is all-or-nothing, so a
file with one bad line never leaves half a month of prices behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.messages import translate
from minesales_desktop.models.catalog import IndexQuote, PriceIndex, Product, QualitySpec
from minesales_desktop.models.contracts import Contract
from minesales_desktop.models.enums import (
    AnalyteBasis,
    Currency,
    ProductCategory,
    QuantityUnit,
)
from minesales_desktop.models.sales import Opportunity, Quote
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import D, EntityService, M
from minesales_desktop.services.errors import PermissionDenied, ValidationError
from minesales_desktop.services.validation import check_positive

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_\-./]*$")
_HS_CODE = re.compile(r"^\d{4}(?:\.?\d{2}){0,3}$")
CENT = Decimal("0.01")
# Price columns keep 4 decimals (Money); more is refused, never rounded.
_PRICE_QUANTUM = Decimal("0.0001")


def _require_catalog_editor(actor: Actor) -> None:
    if not actor.is_manager:
        raise PermissionDenied(
            translate("Permissions", "Only a manager or an administrator can change the catalogue.")
        )


class _CatalogService(EntityService[M, D]):
    """Master data: managers and administrators write, everyone reads."""

    def can_modify(self, session: Session, actor: Actor, row: M) -> bool:
        return actor.is_manager

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> D:
        _require_catalog_editor(actor)
        return super().create(session, actor, values)

    def _coerce(
        self, values: Mapping[str, Any], errors: dict[str, str], *, creating: bool
    ) -> dict[str, Any]:
        clean = super()._coerce(values, errors, creating=creating)
        # Codes are compared upper-case, so the uniqueness check sees what will be stored.
        if isinstance(clean.get("code"), str):
            clean["code"] = clean["code"].upper()
        return clean


def _check_code(values: Mapping[str, Any]) -> dict[str, str]:
    code = values.get("code")
    if code and not _CODE.match(code):
        return {
            "code": translate(
                "Validation", "Letters, digits and - _ . / only, starting with a letter or digit."
            )
        }
    return {}


# --- price indices ----------------------------------------------------------------------------
@dataclass(frozen=True)
class PriceIndexDTO:
    id: str
    code: str
    name_zh: str
    name_en: str
    publisher: str | None
    currency: Currency
    unit: str
    description: str | None


class PriceIndexService(_CatalogService[PriceIndex, PriceIndexDTO]):
    model = PriceIndex
    dto = PriceIndexDTO
    kind = "price_indices"
    editable = ("code", "name_zh", "name_en", "publisher", "currency", "unit", "description")
    sortable = ("code", "name_zh", "created_at")
    default_sort = "code"
    filterable = ("currency",)

    def check(
        self, session: Session, values: dict[str, Any], row: PriceIndex | None
    ) -> dict[str, str]:
        return _check_code(values)

    def by_code(self, session: Session, code: str) -> PriceIndexDTO | None:
        row = session.scalar(self._live().where(PriceIndex.code == code.strip().upper()).limit(1))
        return self.to_dto(session, row) if row is not None else None

    def delete_blockers(self, session: Session, row: PriceIndex) -> list[str]:
        used = session.scalar(
            select(func.count()).where(
                Product.default_index_id == row.id, Product.is_deleted.is_(False)
            )
        )
        if used:
            return [
                translate("Catalog", "{n} product(s) are priced against this index.").format(n=used)
            ]
        return []


price_indices = PriceIndexService()


# --- index quotes -----------------------------------------------------------------------------
@dataclass(frozen=True)
class IndexQuoteDTO:
    id: str
    index_id: str
    quote_date: dt.date
    price: Decimal


def _check_index(session: Session, index_id: Any) -> dict[str, str]:
    index = session.get(PriceIndex, index_id) if index_id else None
    if index is None or index.is_deleted:
        return {"index_id": translate("Validation", "No such price index.")}
    return {}


def _quote_key(index_id: str, day: dt.date) -> str:
    """The keyed id (``ids.keyed_id``) of the quote of ``index_id`` on ``day`` (ISO date)."""
    return keyed_id("index_quotes", index_id, day.isoformat())


def _new_quote_ids(session: Session, index_id: str, days: list[dt.date]) -> dict[dt.date, str]:
    """The ids of new quotes of ``index_id`` on ``days`` (days that have no row, tombstones
    included, on this device): keyed by (index, day) — ``ids.keyed_id`` — so two managers who
    enter the same day's price, or import the same CSV file, offline make the same rows, which
    the server merges (equal prices: nothing to decide; different ones: the later wins and the
    other goes to its setter's conflict inbox) instead of refusing the second laptop's rows.
    Callers look the key up first and reuse a row they find, so quotes made before keyed ids
    keep their ids.

    ``update`` may move a quote to another day, leaving its keyed id on a row of another key; a
    new quote of the old day then gets a random id, as every quote did before."""
    wanted = {day: _quote_key(index_id, day) for day in days}
    taken: set[str] = set()
    values = list(wanted.values())
    with session.no_autoflush:
        for start in range(0, len(values), 500):  # SQLite's bound-parameter limit
            chunk = values[start : start + 500]
            taken.update(session.scalars(select(IndexQuote.id).where(IndexQuote.id.in_(chunk))))
    return {day: new_id() if qid in taken else qid for day, qid in wanted.items()}


def _index_owner(session: Session, index_id: str) -> str | None:
    """Who a new quote belongs to: its index's owner. A day's price belongs to the index, as its
    key does, not to whoever typed it first: two managers who make the same quote offline make
    it with the same owner too, so equal prices leave nothing to decide (who entered a price is
    in the server's sync log)."""
    with session.no_autoflush:
        index = session.get(PriceIndex, index_id)
    return index.owner_id if index is not None else None


class IndexQuoteService(_CatalogService[IndexQuote, IndexQuoteDTO]):
    """One price per index per day; ``set_quote`` is the way to enter or correct one."""

    model = IndexQuote
    dto = IndexQuoteDTO
    kind = "index_quotes"
    editable = ("index_id", "quote_date", "price")
    sortable = ("quote_date", "created_at")
    default_sort = "quote_date"
    filterable = ("index_id",)

    def check(
        self, session: Session, values: dict[str, Any], row: IndexQuote | None
    ) -> dict[str, str]:
        errors = _check_index(session, values.get("index_id"))
        price = values.get("price")
        if price is not None:
            message = check_positive(price)
            if message:
                errors["price"] = message
        if row is not None and values.get("index_id") != row.index_id:
            errors["index_id"] = translate(
                "Validation", "A quote cannot be moved to another index."
            )
        if row is not None and values.get("quote_date") not in (None, row.quote_date):
            # Its id is its key (index, day): another laptop entering the old day's price makes
            # that id again, and would change this row instead.
            errors["quote_date"] = translate(
                "Catalog", "A price stays on its day: delete it and enter the other day's price."
            )
        if not errors and values.get("quote_date") is not None:
            clash = session.scalar(
                select(IndexQuote.id).where(
                    IndexQuote.index_id == values["index_id"],
                    IndexQuote.quote_date == values["quote_date"],
                    IndexQuote.is_deleted.is_(False),
                    IndexQuote.id != (row.id if row is not None else ""),
                )
            )
            if clash is not None:
                errors["quote_date"] = translate(
                    "Catalog", "This index already has a price on {date}."
                ).format(date=values["quote_date"].isoformat())
        return errors

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> IndexQuoteDTO:
        """A new day's price; a deleted price of that day is revived (``set_quote``): the unique
        key (index, day) covers deleted rows, so inserting a second row would fail. (Both ways
        check that ``actor`` may edit the catalogue.)"""
        errors: dict[str, str] = {}
        clean = self._coerce(dict(values), errors, creating=True)
        if not errors and clean.get("price") is not None:
            deleted = session.scalar(
                select(IndexQuote.id).where(
                    IndexQuote.index_id == clean.get("index_id"),
                    IndexQuote.quote_date == clean.get("quote_date"),
                    IndexQuote.is_deleted.is_(True),
                )
            )
            if deleted is not None:
                return self.set_quote(
                    session, actor, clean["index_id"], clean["quote_date"], clean["price"]
                )
        return super().create(session, actor, values)

    def before_save(self, session: Session, row: IndexQuote, actor: Actor) -> None:
        state = sa_inspect(row)
        if state.transient or state.pending:  # a new quote (create): keyed id, index's owner
            row.id = _new_quote_ids(session, row.index_id, [row.quote_date])[row.quote_date]
            row.owner_id = _index_owner(session, row.index_id)

    def set_quote(
        self,
        session: Session,
        actor: Actor,
        index_id: str,
        quote_date: dt.date | str,
        price: Decimal | str,
    ) -> IndexQuoteDTO:
        """Enter the price of one day, replacing the day's price if there is one (upsert).

        A tombstoned quote of the same day is revived rather than duplicated: the unique key
        (index, day) also covers deleted rows, which sync still has to tell other devices about.
        A new day's quote gets the id of its key (``_new_quote_ids``).
        """
        _require_catalog_editor(actor)
        errors: dict[str, str] = {}
        clean = self._coerce(
            {"index_id": index_id, "quote_date": quote_date, "price": price},
            errors,
            creating=True,
        )
        errors.update({k: v for k, v in self._required_missing(clean).items() if k not in errors})
        if not errors:
            errors.update(_check_index(session, clean["index_id"]))
            message = check_positive(clean["price"])
            if message:
                errors["price"] = message
        if errors:
            raise ValidationError(errors)
        row = session.scalar(
            select(IndexQuote).where(
                IndexQuote.index_id == clean["index_id"],
                IndexQuote.quote_date == clean["quote_date"],
            )
        )
        if row is None:
            day: dt.date = clean["quote_date"]
            row = IndexQuote(
                id=_new_quote_ids(session, clean["index_id"], [day])[day],
                index_id=clean["index_id"],
                quote_date=day,
                price=clean["price"],
                owner_id=_index_owner(session, clean["index_id"]),
            )
            session.add(row)
        else:
            row.price = clean["price"]
            row.is_deleted = False
            row.updated_at = utcnow()
        session.flush()
        return self.to_dto(session, row)

    def between(
        self, session: Session, index_id: str, start: dt.date, end: dt.date
    ) -> list[IndexQuoteDTO]:
        """The quotes of one index from ``start`` to ``end`` inclusive, oldest first (charts)."""
        rows = session.scalars(
            self._live()
            .where(IndexQuote.index_id == index_id, IndexQuote.quote_date.between(start, end))
            .order_by(IndexQuote.quote_date)
        ).all()
        return [self.to_dto(session, r) for r in rows]


index_quotes = IndexQuoteService()


def latest_quote(session: Session, index_id: str, on: dt.date) -> IndexQuoteDTO | None:
    """The most recent quote published on or before ``on`` (what a quote made that day uses)."""
    row = session.scalar(
        select(IndexQuote)
        .where(
            IndexQuote.index_id == index_id,
            IndexQuote.is_deleted.is_(False),
            IndexQuote.quote_date <= on,
        )
        .order_by(IndexQuote.quote_date.desc())
        .limit(1)
    )
    return index_quotes.to_dto(session, row) if row is not None else None


def average_price(session: Session, index_id: str, start: dt.date, end: dt.date) -> Decimal | None:
    """Mean of the quotes from ``start`` to ``end`` inclusive, to the cent; ``None`` if none.

    The database sums the exact scaled integers and counts; only the one division happens here,
    in Decimal, rounded half-up — so the result never goes through a binary float (SQL ``AVG``
    would return one).
    """
    total, count = session.execute(
        select(func.sum(IndexQuote.price), func.count(IndexQuote.id)).where(
            IndexQuote.index_id == index_id,
            IndexQuote.is_deleted.is_(False),
            IndexQuote.quote_date.between(start, end),
        )
    ).one()
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuoteImportResult:
    index_id: str
    inserted: int
    updated: int
    unchanged: int
    first_date: dt.date
    last_date: dt.date


MAX_REPORTED_LINE_ERRORS = 50


def _parse_price(text: str) -> tuple[Decimal | None, str | None]:
    try:
        price = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None, translate("Catalog", "the price {text!r} is not a number").format(text=text)
    if not price.is_finite() or price <= 0:
        return None, translate("Catalog", "the price must be greater than zero")
    if price != price.quantize(_PRICE_QUANTUM):
        return None, translate("Catalog", "the price has more than 4 decimal places")
    return price, None


def _is_header(fields: list[str]) -> bool:
    if len(fields) < 2:
        return False
    try:
        dt.date.fromisoformat(fields[0].strip())
        return False
    except ValueError:
        pass
    return _parse_price(fields[1].strip())[0] is None


def parse_index_quotes_csv(text: str) -> tuple[dict[dt.date, Decimal], dict[str, str]]:
    """``date,price`` lines → {date: price} and {"Line n": problem}; pure, writes nothing.

    Tolerates a UTF-8 BOM (Excel), CRLF line ends, blank lines, an optional header line, quoted
    fields and thousands separators inside quotes ("1,234.50").
    """
    errors: dict[str, str] = {}
    prices: dict[dt.date, Decimal] = {}
    seen_on: dict[dt.date, int] = {}
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    first_content = True
    for line_no, fields in enumerate(reader, start=1):
        cells = [f.strip() for f in fields]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if first_content:
            first_content = False
            if _is_header(cells):
                continue
        key = translate("Catalog", "Line {n}").format(n=line_no)
        if len(cells) != 2:
            errors[key] = translate(
                "Catalog", "expected two fields, date and price; found {n}"
            ).format(n=len(cells))
            continue
        problems: list[str] = []
        day: dt.date | None = None
        try:
            day = dt.date.fromisoformat(cells[0])
        except ValueError:
            problems.append(
                translate("Catalog", "the date {text!r} is not YYYY-MM-DD").format(text=cells[0])
            )
        price, problem = _parse_price(cells[1])
        if problem:
            problems.append(problem)
        if day is not None and day in seen_on:
            problems.append(
                translate("Catalog", "{date} already appears on line {n}").format(
                    date=day.isoformat(), n=seen_on[day]
                )
            )
        if problems:
            errors[key] = "; ".join(problems)
            continue
        assert day is not None and price is not None
        seen_on[day] = line_no
        prices[day] = price
    if not prices and not errors:
        errors["file"] = translate("Catalog", "The file contains no quotes.")
    return prices, errors


def import_index_quotes_csv(
    session: Session, actor: Actor, index_code: str, text: str
) -> QuoteImportResult:
    """Import ``date,price`` lines into one index: every line is checked first, and any bad line
    refuses the whole file (``ValidationError`` keyed "Line n") with nothing written.

    A day that already has a price gets the file's price (the file is the correction); a
    deleted day's quote is revived. A new day's quote gets the id of its key
    (``_new_quote_ids``), so two managers who import the same file offline make the same rows.
    """
    _require_catalog_editor(actor)
    index = session.scalar(
        select(PriceIndex).where(
            PriceIndex.code == index_code.strip().upper(), PriceIndex.is_deleted.is_(False)
        )
    )
    if index is None:
        raise ValidationError(
            {
                "index_code": translate("Catalog", "No such price index: {code}").format(
                    code=index_code
                )
            }
        )
    prices, errors = parse_index_quotes_csv(text)
    if errors:
        if len(errors) > MAX_REPORTED_LINE_ERRORS:
            kept = dict(list(errors.items())[:MAX_REPORTED_LINE_ERRORS])
            kept["more"] = translate("Catalog", "… and {n} more bad line(s).").format(
                n=len(errors) - MAX_REPORTED_LINE_ERRORS
            )
            errors = kept
        raise ValidationError(errors)
    first, last = min(prices), max(prices)
    existing = {
        q.quote_date: q
        for q in session.scalars(
            select(IndexQuote).where(
                IndexQuote.index_id == index.id, IndexQuote.quote_date.between(first, last)
            )
        )
    }
    inserted = updated = unchanged = 0
    now = utcnow()
    new_ids = _new_quote_ids(session, index.id, [d for d in prices if d not in existing])
    for day in sorted(prices):
        price = prices[day]
        row = existing.get(day)
        if row is None:
            session.add(
                IndexQuote(
                    id=new_ids[day],
                    index_id=index.id,
                    quote_date=day,
                    price=price,
                    owner_id=index.owner_id,
                )
            )
            inserted += 1
        elif row.is_deleted or row.price != price:
            row.price = price
            row.is_deleted = False
            row.updated_at = now
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return QuoteImportResult(
        index_id=index.id,
        inserted=inserted,
        updated=updated,
        unchanged=unchanged,
        first_date=first,
        last_date=last,
    )


# --- products ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProductDTO:
    id: str
    code: str
    name_zh: str
    name_en: str
    category: ProductCategory
    unit: QuantityUnit
    default_index_id: str | None
    hs_code: str | None
    active: bool
    description: str | None


class ProductService(_CatalogService[Product, ProductDTO]):
    model = Product
    dto = ProductDTO
    kind = "products"
    editable = (
        "code",
        "name_zh",
        "name_en",
        "category",
        "unit",
        "default_index_id",
        "hs_code",
        "active",
        "description",
    )
    sortable = ("code", "name_zh", "category", "created_at")
    default_sort = "code"
    filterable = ("category", "active", "unit")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"active": True}

    def check(
        self, session: Session, values: dict[str, Any], row: Product | None
    ) -> dict[str, str]:
        errors = _check_code(values)
        if values.get("default_index_id"):
            index_errors = _check_index(session, values["default_index_id"])
            if index_errors:
                errors["default_index_id"] = index_errors["index_id"]
        hs_code = values.get("hs_code")
        if hs_code and not _HS_CODE.match(hs_code):
            errors["hs_code"] = translate(
                "Validation", "An HS code is 4 to 10 digits, e.g. 2601.11 or 26011100."
            )
        return errors

    def delete_blockers(self, session: Session, row: Product) -> list[str]:
        reasons: list[str] = []
        for model, message in (
            (Contract, translate("Catalog", "{n} contract(s) sell this product.")),
            (Quote, translate("Catalog", "{n} quote(s) price this product.")),
            (Opportunity, translate("Catalog", "{n} opportunity(ies) are for this product.")),
        ):
            used = session.scalar(
                select(func.count()).where(model.product_id == row.id, model.is_deleted.is_(False))
            )
            if used:
                reasons.append(message.format(n=used))
        if reasons:
            reasons.append(translate("Catalog", "Mark it inactive instead."))
        return reasons

    def by_code(self, session: Session, code: str) -> ProductDTO | None:
        row = session.scalar(self._live().where(Product.code == code.strip().upper()).limit(1))
        return self.to_dto(session, row) if row is not None else None


products = ProductService()


# --- quality specs ----------------------------------------------------------------------------
@dataclass(frozen=True)
class QualitySpecDTO:
    id: str
    product_id: str
    analyte: str
    unit: str
    basis: AnalyteBasis
    typical: Decimal | None
    min_value: Decimal | None
    max_value: Decimal | None
    reject_min: Decimal | None
    reject_max: Decimal | None
    sort_order: int


class QualitySpecService(_CatalogService[QualitySpec, QualitySpecDTO]):
    """One analyte of a product's spec. The limits must nest: reject_min ≤ min ≤ typical ≤ max
    ≤ reject_max, because the penalty tables and assay checks read them in that order."""

    model = QualitySpec
    dto = QualitySpecDTO
    kind = "quality_specs"
    editable = (
        "product_id",
        "analyte",
        "unit",
        "basis",
        "typical",
        "min_value",
        "max_value",
        "reject_min",
        "reject_max",
        "sort_order",
    )
    sortable = ("sort_order", "analyte", "created_at")
    default_sort = "sort_order"
    filterable = ("product_id",)

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"basis": AnalyteBasis.DRY, "unit": "%"}

    def check(
        self, session: Session, values: dict[str, Any], row: QualitySpec | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        product = (
            session.get(Product, values.get("product_id")) if values.get("product_id") else None
        )
        if product is None or product.is_deleted:
            errors["product_id"] = translate("Validation", "No such product.")
        if row is not None and values.get("product_id") != row.product_id:
            errors["product_id"] = translate(
                "Validation", "A specification cannot be moved to another product."
            )
        low, typical, high = values.get("min_value"), values.get("typical"), values.get("max_value")
        reject_min, reject_max = values.get("reject_min"), values.get("reject_max")
        if low is not None and high is not None and low > high:
            errors["max_value"] = translate("Catalog", "The maximum is below the minimum.")
        if typical is not None:
            if low is not None and typical < low:
                errors["typical"] = translate("Catalog", "The typical value is below the minimum.")
            elif high is not None and typical > high:
                errors["typical"] = translate("Catalog", "The typical value is above the maximum.")
        # A reject limit lies outside the accepted range (at or beyond the limit it replaces).
        floor = low if low is not None else typical
        ceiling = high if high is not None else typical
        if reject_min is not None and floor is not None and reject_min > floor:
            errors["reject_min"] = translate(
                "Catalog", "The reject limit must be at or below the minimum ({value})."
            ).format(value=floor)
        if reject_max is not None and ceiling is not None and reject_max < ceiling:
            errors["reject_max"] = translate(
                "Catalog", "The reject limit must be at or above the maximum ({value})."
            ).format(value=ceiling)
        if (
            reject_min is not None
            and reject_max is not None
            and reject_min >= reject_max
            and "reject_max" not in errors
        ):
            errors["reject_max"] = translate(
                "Catalog", "The upper reject limit must be above the lower one."
            )
        analyte = values.get("analyte")
        if not errors and analyte:
            clash = session.scalar(
                select(QualitySpec.id).where(
                    QualitySpec.product_id == values["product_id"],
                    QualitySpec.analyte == analyte,
                    QualitySpec.id != (row.id if row is not None else ""),
                )
            )
            if clash is not None:
                errors["analyte"] = translate(
                    "Catalog", "This product already has a specification for {analyte}."
                ).format(analyte=analyte)
        return errors

    def for_product(self, session: Session, product_id: str) -> list[QualitySpecDTO]:
        rows = session.scalars(
            self._live()
            .where(QualitySpec.product_id == product_id)
            .order_by(QualitySpec.sort_order, QualitySpec.analyte)
        ).all()
        return [self.to_dto(session, r) for r in rows]


quality_specs = QualitySpecService()
