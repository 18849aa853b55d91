"""Risk management (风险管理): credit profiles, what customers owe and may owe, the risk register.

Money owed is one idea used in two places — the credit position shown on a customer and the credit
check that gates contract approval (DESIGN §5) — so it is computed here, once, and
``services/contracts.py`` imports it. The definition:

    exposure = open receivables (invoices issued, not cancelled, less payments received;
                                 credit notes count negative)
             + open contracts   (APPROVED / SIGNED / EXECUTING: unshipped quantity × unit price)
             + this contract    (the one being assessed, at its total value)

Currencies: every contract carries ``fx_rate`` = CNY per one unit of its currency (1 for CNY).
Each amount is turned into CNY with the rate of the contract it belongs to (CNY is the pivot),
then into the profile's currency with the *reference rate* of that currency: the rate the caller
passes, else the rate of the customer's most recent contract in that currency. Sums are done in
SQL per (currency, rate) group; only the handful of groups is combined in Python. Every total is
rounded once, at the end, to 0.01 with ROUND_HALF_UP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from minesales_desktop.db.base import utcnow
from minesales_desktop.db.types import Money, Quantity
from minesales_desktop.ids import keyed_id
from minesales_desktop.messages import translate
from minesales_desktop.models.contracts import Contract, Invoice, Payment, Shipment
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import (
    ContractStatus,
    CreditRating,
    CreditSecurity,
    Currency,
    InvoiceKind,
    InvoiceStatus,
    LabeledEnum,
    RiskCategory,
    RiskStatus,
)
from minesales_desktop.models.risk import CreditProfile, RiskRecord
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import EntityService, Page, PageRequest
from minesales_desktop.services.customers import _customer_owner, _CustomerChildService
from minesales_desktop.services.errors import (
    PermissionDenied,
    ServiceError,
    TransitionRefused,
    ValidationError,
)
from minesales_desktop.services.validation import check_not_negative, check_range

CENT = Decimal("0.01")

# Contracts whose unshipped remainder is still a promise to deliver on credit.
OPEN_CONTRACT_STATUSES = (ContractStatus.APPROVED, ContractStatus.SIGNED, ContractStatus.EXECUTING)


def cents(value: Decimal) -> Decimal:
    """Money shown and compared to the cent, rounded half up (the department's rule)."""
    return value.quantize(CENT, ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """``1,234,567.89`` — how amounts appear inside messages."""
    return f"{cents(value):,.2f}"


# --- credit rating ----------------------------------------------------------------------------
# Score bands, highest first: a score at or above the floor gets the rating. The rating is always
# computed from the score, never typed, so the two cannot disagree.
RATING_BANDS: tuple[tuple[int, CreditRating], ...] = (
    (90, CreditRating.AAA),
    (80, CreditRating.AA),
    (70, CreditRating.A),
    (60, CreditRating.BBB),
    (50, CreditRating.BB),
    (40, CreditRating.B),
    (20, CreditRating.C),
    (0, CreditRating.D),
)


def rating_for_score(score: int) -> CreditRating:
    """AAA ≥ 90, AA ≥ 80, A ≥ 70, BBB ≥ 60, BB ≥ 50, B ≥ 40, C ≥ 20, D below 20."""
    if not 0 <= score <= 100:
        raise ValueError(f"credit score out of range: {score}")
    for floor, rating in RATING_BANDS:
        if score >= floor:
            return rating
    raise AssertionError("unreachable: the last band starts at 0")


# --- currency conversion ----------------------------------------------------------------------
class MissingRate(ServiceError):
    """No exchange rate is known to turn CNY into the currency asked for."""

    def __init__(self, currency: Currency) -> None:
        self.currency = currency
        super().__init__(
            translate(
                "Credit", "No exchange rate is known for {currency}: give one to compare amounts."
            ).format(currency=currency.value)
        )


class _Converter:
    """Turns (amount, currency, CNY rate of its contract) into the target currency via CNY.

    The reference rate of the target currency is looked up only when an amount actually needs it,
    so a CNY customer with only CNY contracts never needs an exchange rate at all."""

    def __init__(
        self,
        session: Session,
        customer_id: str,
        target: Currency,
        rates: Mapping[Currency, Decimal] | None,
    ) -> None:
        self._session = session
        self._customer_id = customer_id
        self.target = target
        self._rates = dict(rates or {})
        self._rates[Currency.CNY] = Decimal(1)

    def _reference_rate(self, currency: Currency) -> Decimal:
        if currency not in self._rates:
            latest = self._session.scalar(
                select(Contract.fx_rate)
                .where(
                    Contract.customer_id == self._customer_id,
                    Contract.currency == currency,
                    Contract.is_deleted.is_(False),
                )
                .order_by(Contract.created_at.desc(), Contract.id.desc())
                .limit(1)
            )
            if latest is None or latest <= 0:
                raise MissingRate(currency)
            self._rates[currency] = latest
        return self._rates[currency]

    def convert(self, amount: Decimal, currency: Currency, cny_rate: Decimal | None) -> Decimal:
        """Exact (unrounded) value of ``amount`` in the target currency."""
        if currency is self.target or amount == 0:
            return amount
        rate = cny_rate if cny_rate is not None and cny_rate > 0 else None
        in_cny = amount * (rate if rate is not None else self._reference_rate(currency))
        if self.target is Currency.CNY:
            return in_cny
        return in_cny / self._reference_rate(self.target)


# --- receivables and ageing -------------------------------------------------------------------
@dataclass(frozen=True)
class AgeingDTO:
    """Open receivables of one customer on ``as_of``, by days past the due date.

    Buckets hold what is open on each invoice; ``unallocated_payments`` is cash received on
    account (not against an invoice), which lowers ``total`` but not any one bucket."""

    customer_id: str
    as_of: dt.date
    currency: Currency
    current: Decimal
    days_1_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal
    unallocated_payments: Decimal

    @property
    def overdue(self) -> Decimal:
        return self.days_1_30 + self.days_31_60 + self.days_61_90 + self.over_90

    @property
    def total(self) -> Decimal:
        return self.current + self.overdue - self.unallocated_payments


def _reference_currency(session: Session, customer_id: str) -> Currency:
    profile_currency = session.scalar(
        select(CreditProfile.currency).where(
            CreditProfile.customer_id == customer_id, CreditProfile.is_deleted.is_(False)
        )
    )
    return profile_currency or Currency.CNY


def receivables(
    session: Session,
    customer_id: str,
    as_of: dt.date,
    *,
    currency: Currency | None = None,
    rates: Mapping[Currency, Decimal] | None = None,
) -> AgeingDTO:
    """Open AR with ageing buckets (current, 1–30, 31–60, 61–90, > 90 days past due).

    Only invoices issued and payments received on or before ``as_of`` count, so the report for a
    past month-end is reproducible. Sums run in SQL, grouped by currency and contract rate.
    ``currency`` defaults to the customer's credit-profile currency, else CNY."""
    target = currency or _reference_currency(session, customer_id)
    conv = _Converter(session, customer_id, target, rates)
    paid = (
        select(Payment.invoice_id.label("invoice_id"), func.sum(Payment.amount).label("paid"))
        .where(
            Payment.customer_id == customer_id,
            Payment.is_deleted.is_(False),
            Payment.invoice_id.is_not(None),
            Payment.received_on <= as_of,
        )
        .group_by(Payment.invoice_id)
        .subquery()
    )
    signed_total = case(
        (Invoice.kind == InvoiceKind.CREDIT_NOTE, -Invoice.amount_total),
        else_=Invoice.amount_total,
    )
    open_amount = signed_total - func.coalesce(paid.c.paid, 0)
    # Bucket edges as dates, so the database compares dates and no dialect's date maths is needed.
    edges = [as_of - dt.timedelta(days=n) for n in (30, 60, 90)]
    bucket_conditions = (
        Invoice.due_on >= as_of,
        (Invoice.due_on < as_of) & (Invoice.due_on >= edges[0]),
        (Invoice.due_on < edges[0]) & (Invoice.due_on >= edges[1]),
        (Invoice.due_on < edges[1]) & (Invoice.due_on >= edges[2]),
        Invoice.due_on < edges[2],
    )
    sums = [
        type_coerce(func.coalesce(func.sum(case((cond, open_amount), else_=0)), 0), Money)
        for cond in bucket_conditions
    ]
    stmt = (
        select(Invoice.currency, Contract.fx_rate, *sums)
        .join(Contract, Contract.id == Invoice.contract_id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(
            Invoice.customer_id == customer_id,
            Invoice.is_deleted.is_(False),
            Invoice.status != InvoiceStatus.CANCELLED,
            Invoice.issued_on <= as_of,
        )
        .group_by(Invoice.currency, Contract.fx_rate)
    )
    buckets = [Decimal(0)] * 5
    for row in session.execute(stmt):
        cur: Currency = row[0]
        rate: Decimal = row[1]
        amounts: tuple[Decimal, ...] = tuple(row[2:])
        for i, amount in enumerate(amounts):
            buckets[i] += conv.convert(amount, cur, rate)
    unallocated = Decimal(0)
    on_account = (
        select(
            Payment.currency,
            Contract.fx_rate,
            type_coerce(func.sum(Payment.amount), Money),
        )
        .outerjoin(Contract, Contract.id == Payment.contract_id)
        .where(
            Payment.customer_id == customer_id,
            Payment.is_deleted.is_(False),
            Payment.invoice_id.is_(None),
            Payment.received_on <= as_of,
        )
        .group_by(Payment.currency, Contract.fx_rate)
    )
    for cur, rate, amount in session.execute(on_account):
        unallocated += conv.convert(amount, cur, rate)
    return AgeingDTO(
        customer_id=customer_id,
        as_of=as_of,
        currency=target,
        current=cents(buckets[0]),
        days_1_30=cents(buckets[1]),
        days_31_60=cents(buckets[2]),
        days_61_90=cents(buckets[3]),
        over_90=cents(buckets[4]),
        unallocated_payments=cents(unallocated),
    )


# --- exposure ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExposureDTO:
    customer_id: str
    currency: Currency
    open_receivables: Decimal
    open_contracts: Decimal
    this_contract: Decimal

    @property
    def total(self) -> Decimal:
        return self.open_receivables + self.open_contracts + self.this_contract


def open_contracts_value(
    session: Session,
    customer_id: str,
    conv: _Converter,
    *,
    exclude_contract_id: str | None = None,
) -> Decimal:
    """Σ unshipped quantity × unit price over the customer's APPROVED/SIGNED/EXECUTING contracts.

    Shipped quantities are summed in SQL; the remainder is valued per contract in Python because
    quantity × price of two scaled integers could overflow SQLite's 64-bit integers. A customer
    has a handful of open contracts, never thousands."""
    shipped = (
        select(
            Shipment.contract_id.label("contract_id"), func.sum(Shipment.quantity_wmt).label("q")
        )
        .where(Shipment.is_deleted.is_(False))
        .group_by(Shipment.contract_id)
        .subquery()
    )
    stmt = (
        select(
            Contract.currency,
            Contract.fx_rate,
            Contract.quantity,
            Contract.unit_price,
            type_coerce(func.coalesce(shipped.c.q, 0), Quantity),
        )
        .outerjoin(shipped, shipped.c.contract_id == Contract.id)
        .where(
            Contract.customer_id == customer_id,
            Contract.is_deleted.is_(False),
            Contract.status.in_(OPEN_CONTRACT_STATUSES),
        )
    )
    if exclude_contract_id is not None:
        stmt = stmt.where(Contract.id != exclude_contract_id)
    total = Decimal(0)
    for cur, rate, quantity, unit_price, shipped_q in session.execute(stmt):
        remaining = max(quantity - shipped_q, Decimal(0))
        total += conv.convert(remaining * unit_price, cur, rate)
    return total


def credit_exposure(
    session: Session,
    customer_id: str,
    *,
    currency: Currency,
    as_of: dt.date,
    contract_id: str | None = None,
    rates: Mapping[Currency, Decimal] | None = None,
) -> ExposureDTO:
    """The customer's exposure in ``currency`` (see the module docstring for the definition).

    ``contract_id`` is the contract being assessed: it is left out of the open contracts and
    counted on its own at its total value. Raises ``MissingRate`` when a conversion needs a rate
    nobody knows."""
    conv = _Converter(session, customer_id, currency, rates)
    ar = receivables(session, customer_id, as_of, currency=currency, rates=rates)
    open_value = open_contracts_value(session, customer_id, conv, exclude_contract_id=contract_id)
    this_value = Decimal(0)
    if contract_id is not None:
        contract = session.get(Contract, contract_id)
        if contract is not None:
            this_value = conv.convert(contract.total_value, contract.currency, contract.fx_rate)
    return ExposureDTO(
        customer_id=customer_id,
        currency=currency,
        open_receivables=ar.total,
        open_contracts=cents(open_value),
        this_contract=cents(this_value),
    )


# --- credit profiles --------------------------------------------------------------------------
@dataclass(frozen=True)
class CreditProfileDTO:
    id: str
    customer_id: str
    score: int
    rating: CreditRating
    credit_limit: Decimal
    currency: Currency
    credit_days: int
    security: CreditSecurity
    reviewed_on: dt.date
    notes: str | None
    owner_id: str | None


class CreditProfileService(_CustomerChildService[CreditProfile, CreditProfileDTO]):
    """One profile per customer. Setting a limit is a control, not data entry: managers only,
    otherwise a rep could raise the limit that gates their own contract's approval."""

    model = CreditProfile
    dto = CreditProfileDTO
    kind = "credit_profiles"
    editable = (
        "customer_id",
        "score",
        "credit_limit",
        "currency",
        "credit_days",
        "security",
        "reviewed_on",
        "notes",
        "owner_id",
    )
    sortable = ("score", "credit_limit", "reviewed_on", "created_at", "updated_at")
    default_sort = "score"
    filterable = ("customer_id", "currency", "security", "owner_id", "rating")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {
            "currency": Currency.CNY,
            "security": CreditSecurity.NONE,
            "credit_days": 0,
            "reviewed_on": dt.date.today(),
        }

    def _require_manager(self, actor: Actor) -> None:
        if not actor.is_manager:
            raise PermissionDenied(
                translate("Credit", "Only a sales manager can set a customer's credit terms.")
            )

    def can_modify(self, session: Session, actor: Actor, row: CreditProfile) -> bool:
        return actor.is_manager and super().can_modify(session, actor, row)

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> CreditProfileDTO:
        """A customer's profile, made once (the id of its key: ``before_save``). Unless the
        caller names an owner, it belongs to the customer's owner, not to the manager who set
        it: two managers who set the same terms offline make the same row with nothing to
        decide. (A shared customer has no owner: then the manager, as before.)

        A customer whose profile was deleted gets that row back (``_revive``): the unique key on
        customer_id also holds the tombstone, which sync still has to tell other devices about,
        so a second row could never be made."""
        self._require_manager(actor)
        customer_id = values.get("customer_id")
        key = (customer_id.strip() or None) if isinstance(customer_id, str) else None
        if values.get("owner_id") in (None, "") and key is not None:
            owner = _customer_owner(session, key)
            if owner is not None:
                values = {**values, "owner_id": owner}
        tombstone = (
            session.scalar(
                select(CreditProfile).where(
                    CreditProfile.customer_id == key, CreditProfile.is_deleted.is_(True)
                )
            )
            if key is not None
            else None
        )
        if tombstone is not None:
            return self._revive(session, actor, tombstone, values)
        return super().create(session, actor, values)

    def _revive(
        self, session: Session, actor: Actor, row: CreditProfile, values: Mapping[str, Any]
    ) -> CreditProfileDTO:
        """Create over a deleted profile: the same row and id (a keyed one, or one made before
        keyed ids) take the new values — validated as a create's are, every field not given back
        to its default — and are no longer deleted, like ``IndexQuoteService.set_quote``."""
        errors: dict[str, str] = {}
        base = {**self.defaults(session, actor)}
        if values.get("owner_id") in (None, ""):
            base["owner_id"] = actor.user_id
        clean = self._coerce({**base, **values}, errors, creating=True)
        errors.update({k: v for k, v in self._required_missing(clean).items() if k not in errors})
        if not errors:
            # ``row`` given: the deleted profile is the one being made again, not a clash.
            errors.update(self.check(session, clean, row))
        if not errors:
            errors.update(self._unique_clashes(session, clean, row.id))
        if errors:
            raise ValidationError(errors)
        for name in self.editable:
            setattr(row, name, clean.get(name))
        row.is_deleted = False
        row.updated_at = utcnow()
        with session.no_autoflush:
            self.before_save(session, row, actor)
        session.flush()
        return self.to_dto(session, row)

    def check(
        self, session: Session, values: dict[str, Any], row: CreditProfile | None
    ) -> dict[str, str]:
        errors = super().check(session, values, row)
        score = values.get("score")
        if score is not None:
            message = check_range(score, 0, 100)
            if message:
                errors["score"] = message
        for field in ("credit_limit", "credit_days"):
            if values.get(field) is not None:
                message = check_not_negative(values[field])
                if message:
                    errors[field] = message
        if row is not None and values.get("customer_id") != row.customer_id:
            errors["customer_id"] = translate(
                "Credit", "A credit profile cannot be moved to another customer."
            )
        elif row is None and "customer_id" not in errors:
            # Tombstoned profiles count too: the unique index on customer_id still holds them
            # (``create`` revives a deleted profile rather than getting here).
            taken = session.scalar(
                select(func.count()).where(CreditProfile.customer_id == values.get("customer_id"))
            )
            if taken:
                errors["customer_id"] = translate(
                    "Credit", "This customer already has a credit profile; edit that one."
                )
        return errors

    def before_save(self, session: Session, row: CreditProfile, actor: Actor) -> None:
        row.rating = rating_for_score(row.score)
        state = sa_inspect(row)
        if state.transient or state.pending:
            # A new profile: keyed by its customer — ids.keyed_id — so two managers who set a
            # customer's credit terms offline make the same row, which the server merges (one
            # limit wins, the other goes to its setter's conflict inbox) instead of refusing the
            # second laptop's. ``check`` refuses a second profile of a customer (tombstones
            # included: ``create`` revives a deleted one instead) and a profile cannot move to
            # another customer, so the id is free.
            row.id = keyed_id("credit_profiles", row.customer_id)

    def for_customer(self, session: Session, customer_id: str) -> CreditProfileDTO | None:
        row = session.scalar(self.query(session, customer_id=customer_id))
        return self.to_dto(session, row) if row is not None else None


credit_profiles = CreditProfileService()


@dataclass(frozen=True)
class CreditPositionDTO:
    """What the customer may still buy on credit, and how late they pay."""

    customer_id: str
    as_of: dt.date
    currency: Currency
    has_profile: bool
    score: int | None
    rating: CreditRating | None
    credit_limit: Decimal | None
    credit_days: int | None
    open_receivables: Decimal
    open_contracts: Decimal
    ageing: AgeingDTO

    @property
    def exposure(self) -> Decimal:
        return self.open_receivables + self.open_contracts

    @property
    def available(self) -> Decimal | None:
        """Limit − exposure; negative when the customer is over the limit; None without a
        profile (no limit has been granted, which is not the same as a limit of zero)."""
        return None if self.credit_limit is None else self.credit_limit - self.exposure

    @property
    def overdue(self) -> Decimal:
        return self.ageing.overdue


def credit_position(
    session: Session,
    customer_id: str,
    as_of: dt.date,
    *,
    rates: Mapping[Currency, Decimal] | None = None,
) -> CreditPositionDTO:
    """Limit, exposure (open AR + open contracts), available credit, overdue and ageing, in the
    profile's currency (CNY when the customer has no profile)."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer.is_deleted:
        raise ValidationError({"customer_id": translate("Validation", "No such customer.")})
    profile = session.scalar(
        select(CreditProfile).where(
            CreditProfile.customer_id == customer_id, CreditProfile.is_deleted.is_(False)
        )
    )
    currency = profile.currency if profile is not None else Currency.CNY
    exposure = credit_exposure(session, customer_id, currency=currency, as_of=as_of, rates=rates)
    ageing = receivables(session, customer_id, as_of, currency=currency, rates=rates)
    return CreditPositionDTO(
        customer_id=customer_id,
        as_of=as_of,
        currency=currency,
        has_profile=profile is not None,
        score=profile.score if profile is not None else None,
        rating=profile.rating if profile is not None else None,
        credit_limit=profile.credit_limit if profile is not None else None,
        credit_days=profile.credit_days if profile is not None else None,
        open_receivables=exposure.open_receivables,
        open_contracts=exposure.open_contracts,
        ageing=ageing,
    )


# --- risk register ----------------------------------------------------------------------------
class RiskLevel(LabeledEnum):
    """Where a likelihood × impact score falls on the 5 × 5 risk matrix (not stored: derived)."""

    LOW = ("LOW", "Low", "低")
    MEDIUM = ("MEDIUM", "Medium", "中")
    HIGH = ("HIGH", "High", "高")


# Upper bound of each level's exposure score (likelihood × impact, 1–25), lowest first:
# 1–4 LOW (unlikely or minor), 5–12 MEDIUM, 15–25 HIGH (likely and serious).
RISK_LEVEL_BANDS: tuple[tuple[int, RiskLevel], ...] = (
    (4, RiskLevel.LOW),
    (12, RiskLevel.MEDIUM),
    (25, RiskLevel.HIGH),
)


def risk_level(score: int) -> RiskLevel:
    for ceiling, level in RISK_LEVEL_BANDS:
        if score <= ceiling:
            return level
    raise ValueError(f"risk score out of range: {score}")


RISK_FLOW: dict[RiskStatus, RiskStatus] = {
    RiskStatus.OPEN: RiskStatus.MITIGATING,
    RiskStatus.MITIGATING: RiskStatus.CLOSED,
}


@dataclass(frozen=True)
class RiskRecordDTO:
    id: str
    title: str
    category: RiskCategory
    customer_id: str | None
    contract_id: str | None
    likelihood: int
    impact: int
    exposure_score: int
    level: RiskLevel
    exposure_amount: Decimal | None
    currency: Currency
    mitigation: str | None
    status: RiskStatus
    review_on: dt.date | None
    owner_id: str | None
    created_at: dt.datetime


class RiskRecordService(EntityService[RiskRecord, RiskRecordDTO]):
    """The risk register. Status moves OPEN → MITIGATING → CLOSED; a risk is only 'being
    mitigated' once someone has written down how."""

    model = RiskRecord
    dto = RiskRecordDTO
    kind = "risk_records"
    editable = (
        "title",
        "category",
        "customer_id",
        "contract_id",
        "likelihood",
        "impact",
        "exposure_amount",
        "currency",
        "mitigation",
        "review_on",
        "owner_id",
    )
    sortable = (
        "title",
        "category",
        "status",
        "likelihood",
        "impact",
        "exposure_score",
        "review_on",
        "created_at",
        "updated_at",
    )
    default_sort = "created_at"
    filterable = ("category", "status", "customer_id", "contract_id", "owner_id")
    tracks_ownership = True

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"currency": Currency.CNY}

    def check(
        self, session: Session, values: dict[str, Any], row: RiskRecord | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        for field in ("likelihood", "impact"):
            if values.get(field) is not None:
                message = check_range(values[field], 1, 5)
                if message:
                    errors[field] = message
        if values.get("exposure_amount") is not None:
            message = check_not_negative(values["exposure_amount"])
            if message:
                errors["exposure_amount"] = message
        customer_id, contract_id = values.get("customer_id"), values.get("contract_id")
        if customer_id:
            customer = session.get(Customer, customer_id)
            if customer is None or customer.is_deleted:
                errors["customer_id"] = translate("Validation", "No such customer.")
        if contract_id:
            contract = session.get(Contract, contract_id)
            if contract is None or contract.is_deleted:
                errors["contract_id"] = translate("Validation", "No such contract.")
            elif customer_id and contract.customer_id != customer_id:
                errors["contract_id"] = translate(
                    "Risk", "The contract belongs to another customer."
                )
            elif not customer_id:
                values["customer_id"] = contract.customer_id
        category = values.get("category")
        if category is RiskCategory.CUSTOMER and not values.get("customer_id"):
            errors.setdefault(
                "customer_id", translate("Risk", "A customer risk names the customer.")
            )
        if category is RiskCategory.CONTRACT and not contract_id:
            errors.setdefault(
                "contract_id", translate("Risk", "A contract risk names the contract.")
            )
        return errors

    def before_save(self, session: Session, row: RiskRecord, actor: Actor) -> None:
        if getattr(row, "status", None) is None:
            row.status = RiskStatus.OPEN
        if not row.customer_id and row.contract_id:
            contract = session.get(Contract, row.contract_id)
            row.customer_id = contract.customer_id if contract is not None else None

    def to_dto(self, session: Session, row: RiskRecord) -> RiskRecordDTO:
        return RiskRecordDTO(
            id=row.id, title=row.title, category=row.category, customer_id=row.customer_id,
            contract_id=row.contract_id, likelihood=row.likelihood, impact=row.impact,
            exposure_score=row.exposure_score, level=risk_level(row.exposure_score),
            exposure_amount=row.exposure_amount, currency=row.currency,
            mitigation=row.mitigation, status=row.status, review_on=row.review_on,
            owner_id=row.owner_id, created_at=row.created_at,
        )  # fmt: skip

    def page(self, session: Session, stmt: Select[Any], page: PageRequest) -> Page[RiskRecordDTO]:
        """As the generic page, plus sorting by exposure score (likelihood × impact) in SQL."""
        if page.sort != "exposure_score":
            return super().page(session, stmt, page)
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        score = RiskRecord.likelihood * RiskRecord.impact
        rows = session.scalars(
            stmt.order_by(score.desc() if page.descending else score.asc(), RiskRecord.id)
            .offset(page.offset)
            .limit(page.limit)
        ).all()
        return Page(
            items=[self.to_dto(session, r) for r in rows],
            total=int(total or 0),
            offset=page.offset,
            limit=page.limit,
        )

    def move_status(
        self,
        session: Session,
        actor: Actor,
        risk_id: str,
        to_status: RiskStatus,
        *,
        mitigation: str | None = None,
    ) -> RiskRecordDTO:
        """OPEN → MITIGATING (needs the mitigation, given now or already written) → CLOSED."""
        row = self.load(session, risk_id)
        self._require_modify(session, actor, row)
        current = row.status
        if current is RiskStatus.CLOSED:
            raise TransitionRefused(translate("Risk", "A closed risk stays closed."))
        if to_status is current:
            raise TransitionRefused(
                translate("Risk", "The risk is already {status}.").format(status=current.label())
            )
        expected = RISK_FLOW[current]
        if to_status is not expected:
            order = list(RiskStatus)
            if order.index(to_status) < order.index(current):
                raise TransitionRefused(
                    translate("Risk", "A risk never moves back from {current} to {target}.").format(
                        current=current.label(), target=to_status.label()
                    )
                )
            raise TransitionRefused(
                translate(
                    "Risk", "The risk is {current}; it cannot be {target} yet. Missing:"
                ).format(current=current.label(), target=to_status.label()),
                [translate("Risk", "mitigation in progress (say how the risk is handled)")],
            )
        text = (mitigation or "").strip() or (row.mitigation or "").strip()
        if to_status is RiskStatus.MITIGATING and not text:
            raise TransitionRefused(
                translate("Risk", "Cannot start mitigating yet. Missing:"),
                [translate("Risk", "the mitigation: what is being done about the risk")],
            )
        if mitigation and mitigation.strip():
            row.mitigation = mitigation.strip()
        row.status = to_status
        session.flush()
        return self.to_dto(session, row)


risk_records = RiskRecordService()
