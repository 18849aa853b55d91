"""Opportunities through the standard sales process (标准流程), and their versioned quotes.

The process is LEAD → QUALIFIED → SAMPLE → QUOTED → NEGOTIATION → AWARDED → WON, or LOST from any
open stage. A move may skip stages forward, but every gate on the way must hold: a rep cannot jump
a lead to WON without a quote and a signed contract. A refused move names exactly what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.messages import translate
from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import (
    ContractStatus,
    Currency,
    DealType,
    Incoterm,
    LeadSource,
    LostReason,
    PaymentMethod,
    PricingMethod,
    QuantityUnit,
    QuoteStatus,
    Stage,
    ToleranceOption,
)
from minesales_desktop.models.sales import Opportunity, Quote, StageChange
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import EntityService, can_modify_owned
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused
from minesales_desktop.services.numbering import new_document_number
from minesales_desktop.services.quote_pricing import price_quote, quote_day
from minesales_desktop.services.validation import check_not_negative, check_positive, check_range

CENT = Decimal("0.01")

STAGE_ORDER: tuple[Stage, ...] = (
    Stage.LEAD,
    Stage.QUALIFIED,
    Stage.SAMPLE,
    Stage.QUOTED,
    Stage.NEGOTIATION,
    Stage.AWARDED,
    Stage.WON,
)
CLOSED_STAGES = frozenset({Stage.WON, Stage.LOST})
DEFAULT_PROBABILITY: dict[Stage, Decimal] = {
    Stage.LEAD: Decimal(10),
    Stage.QUALIFIED: Decimal(20),
    Stage.SAMPLE: Decimal(35),
    Stage.QUOTED: Decimal(50),
    Stage.NEGOTIATION: Decimal(65),
    Stage.AWARDED: Decimal(85),
    Stage.WON: Decimal(100),
    Stage.LOST: Decimal(0),
}
SIGNED_STATUSES = (ContractStatus.SIGNED, ContractStatus.EXECUTING, ContractStatus.COMPLETED)


def stage_rank(stage: Stage) -> int:
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else len(STAGE_ORDER)


@dataclass(frozen=True)
class OpportunityDTO:
    id: str
    code: str
    title: str
    customer_id: str
    customer_name: str
    product_id: str | None
    product_name: str
    deal_type: DealType
    source: LeadSource | None
    quantity: Decimal | None
    quantity_unit: QuantityUnit
    currency: Currency
    estimated_value: Decimal | None
    weighted_value: Decimal | None
    stage: Stage
    probability: Decimal
    stage_entered_at: dt.datetime
    expected_close: dt.date | None
    bid_deadline: dt.datetime | None
    lost_reason: LostReason | None
    lost_note: str | None
    competitor: str | None
    closed_at: dt.datetime | None
    notes: str | None
    owner_id: str | None

    def days_in_stage(self, now: dt.datetime | None = None) -> int:
        return ((now or utcnow()) - self.stage_entered_at).days


@dataclass(frozen=True)
class StageChangeDTO:
    from_stage: Stage | None
    to_stage: Stage
    changed_by_id: str | None
    changed_at: dt.datetime
    note: str | None


def _weighted(value: Decimal | None, probability: Decimal) -> Decimal | None:
    if value is None:
        return None
    return (value * probability / 100).quantize(CENT, ROUND_HALF_UP)


class OpportunityService(EntityService[Opportunity, OpportunityDTO]):
    model = Opportunity
    dto = OpportunityDTO
    kind = "opportunities"
    editable = (
        "code", "title", "customer_id", "product_id", "deal_type", "source", "quantity",
        "quantity_unit", "currency", "estimated_value", "expected_close", "bid_deadline",
        "competitor", "notes", "owner_id", "probability",
    )  # fmt: skip
    sortable = (
        "code", "title", "stage", "expected_close", "estimated_value", "probability",
        "stage_entered_at", "created_at", "updated_at",
    )  # fmt: skip
    default_sort = "expected_close"
    filterable = ("customer_id", "product_id", "owner_id", "stage", "deal_type")
    tracks_ownership = True

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {
            "quantity_unit": QuantityUnit.T,
            "currency": Currency.CNY,
            "deal_type": DealType.SPOT,
            "probability": DEFAULT_PROBABILITY[Stage.LEAD],
        }

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> OpportunityDTO:
        values = dict(values)
        if not values.get("code"):
            values["code"] = new_document_number(session, "OPP", Opportunity.code)
        return super().create(session, actor, values)

    def before_save(self, session: Session, row: Opportunity, actor: Actor) -> None:
        if row.stage is None:
            now = utcnow()
            row.stage = Stage.LEAD
            row.stage_entered_at = now
            session.add(
                StageChange(
                    opportunity_id=row.id, from_stage=None, to_stage=Stage.LEAD,
                    changed_by_id=actor.user_id, changed_at=now, owner_id=row.owner_id,
                )
            )  # fmt: skip

    def check(
        self, session: Session, values: dict[str, Any], row: Opportunity | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        customer = session.get(Customer, values.get("customer_id") or "")
        if customer is None or customer.is_deleted:
            errors["customer_id"] = translate("Validation", "No such customer.")
        product_id = values.get("product_id")
        if product_id and session.get(Product, product_id) is None:
            errors["product_id"] = translate("Validation", "No such product.")
        for field in ("quantity", "estimated_value"):
            if values.get(field) is not None:
                message = check_positive(values[field])
                if message:
                    errors[field] = message
        if values.get("probability") is not None:
            message = check_range(values["probability"], 0, 100)
            if message:
                errors["probability"] = message
        if row is not None and row.stage in CLOSED_STAGES:
            errors["stage"] = translate(
                "Pipeline", "A won or lost opportunity is closed; reopen it to edit."
            )
        return errors

    def to_dto(self, session: Session, row: Opportunity) -> OpportunityDTO:
        customer = session.get(Customer, row.customer_id)
        product = session.get(Product, row.product_id) if row.product_id else None
        return OpportunityDTO(
            id=row.id, code=row.code, title=row.title, customer_id=row.customer_id,
            customer_name=customer.name_zh if customer else "", product_id=row.product_id,
            product_name=product.name_zh if product else "", deal_type=row.deal_type,
            source=row.source, quantity=row.quantity, quantity_unit=row.quantity_unit,
            currency=row.currency, estimated_value=row.estimated_value,
            weighted_value=_weighted(row.estimated_value, row.probability), stage=row.stage,
            probability=row.probability, stage_entered_at=row.stage_entered_at,
            expected_close=row.expected_close, bid_deadline=row.bid_deadline,
            lost_reason=row.lost_reason, lost_note=row.lost_note, competitor=row.competitor,
            closed_at=row.closed_at, notes=row.notes, owner_id=row.owner_id,
        )  # fmt: skip

    # --- the standard process ------------------------------------------------------------------
    def gate_problems(
        self,
        session: Session,
        row: Opportunity,
        to_stage: Stage,
        *,
        lost_reason: LostReason | None = None,
    ) -> list[str]:
        """Everything that must be true before ``row`` may enter ``to_stage``; empty if allowed."""
        missing: list[str] = []
        if to_stage is Stage.LOST:
            if lost_reason is None and row.lost_reason is None:
                missing.append(translate("Pipeline", "a lost reason (price, spec, logistics, …)"))
            return missing
        rank = stage_rank(to_stage)
        if rank >= stage_rank(Stage.QUALIFIED):
            if row.product_id is None:
                missing.append(translate("Pipeline", "the product the customer needs"))
            if row.quantity is None:
                missing.append(translate("Pipeline", "the quantity the customer needs"))
        if rank >= stage_rank(Stage.QUOTED):
            if row.deal_type is DealType.TENDER and row.bid_deadline is None:
                missing.append(translate("Pipeline", "the tender's bid deadline"))
            quotes = session.scalar(
                select(func.count()).where(
                    Quote.opportunity_id == row.id, Quote.is_deleted.is_(False)
                )
            )
            if not quotes:
                missing.append(translate("Pipeline", "a quote"))
        if to_stage is Stage.WON:
            signed = session.scalar(
                select(func.count()).where(
                    Contract.opportunity_id == row.id,
                    Contract.is_deleted.is_(False),
                    Contract.status.in_(SIGNED_STATUSES),
                )
            )
            if not signed:
                missing.append(translate("Pipeline", "a signed contract"))
        return missing

    def move_stage(
        self,
        session: Session,
        actor: Actor,
        opportunity_id: str,
        to_stage: Stage,
        *,
        note: str | None = None,
        lost_reason: LostReason | None = None,
        lost_note: str | None = None,
        competitor: str | None = None,
    ) -> OpportunityDTO:
        """Move an opportunity to another stage, or refuse and say what is missing."""
        row = self.load(session, opportunity_id)
        self._require_modify(session, actor, row)
        current = row.stage
        if to_stage is current:
            return self.to_dto(session, row)
        if current is Stage.WON:
            raise TransitionRefused(
                translate("Pipeline", "A won opportunity is final; its contract carries on.")
            )
        if current is Stage.LOST:
            if to_stage not in (Stage.LEAD, Stage.QUALIFIED):
                raise TransitionRefused(
                    translate("Pipeline", "A lost opportunity can only be reopened as a lead.")
                )
            if not actor.is_manager:
                raise PermissionDenied(
                    translate("Pipeline", "Only a manager can reopen a lost opportunity.")
                )
        backwards = to_stage is not Stage.LOST and stage_rank(to_stage) < stage_rank(current)
        if backwards and current is not Stage.LOST and not (note and note.strip()):
            raise TransitionRefused(
                translate("Pipeline", "Moving back to {stage} needs:").format(
                    stage=to_stage.label()
                ),
                [translate("Pipeline", "a note saying why")],
            )
        if not backwards:
            missing = self.gate_problems(session, row, to_stage, lost_reason=lost_reason)
            if missing:
                raise TransitionRefused(
                    translate("Pipeline", "Cannot move to {stage} yet. Missing:").format(
                        stage=to_stage.label()
                    ),
                    missing,
                )
        now = utcnow()
        session.add(
            StageChange(
                opportunity_id=row.id, from_stage=current, to_stage=to_stage,
                changed_by_id=actor.user_id, changed_at=now, note=note or None,
                owner_id=row.owner_id,
            )
        )  # fmt: skip
        row.stage = to_stage
        row.stage_entered_at = now
        row.probability = DEFAULT_PROBABILITY[to_stage]
        if to_stage is Stage.LOST:
            row.lost_reason = lost_reason or row.lost_reason
            row.lost_note = lost_note or row.lost_note
            row.competitor = competitor or row.competitor
        if to_stage in CLOSED_STAGES:
            row.closed_at = now
        else:
            row.closed_at = None
            if current is Stage.LOST:
                row.lost_reason = None
        session.flush()
        return self.to_dto(session, row)

    def history(self, session: Session, opportunity_id: str) -> list[StageChangeDTO]:
        rows = session.scalars(
            select(StageChange)
            .where(StageChange.opportunity_id == opportunity_id)
            .order_by(StageChange.changed_at, StageChange.id)
        )
        return [
            StageChangeDTO(r.from_stage, r.to_stage, r.changed_by_id, r.changed_at, r.note)
            for r in rows
        ]


opportunities = OpportunityService()


# --- quotes -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuoteDTO:
    id: str
    opportunity_id: str
    quote_no: str
    version: int
    status: QuoteStatus
    product_id: str
    quantity: Decimal
    quantity_unit: QuantityUnit
    tolerance_pct: Decimal
    tolerance_option: ToleranceOption
    incoterm: Incoterm
    port: str | None
    currency: Currency
    fx_rate: Decimal
    vat_rate: Decimal
    vat_included: bool
    pricing_method: PricingMethod
    price_terms: dict[str, Any]
    expected_assay: dict[str, Any] | None
    unit_price: Decimal
    total_amount: Decimal
    payment_method: PaymentMethod
    payment_terms: str | None
    valid_until: dt.date
    notes: str | None
    created_at: dt.datetime


def _stored(price: Decimal) -> Decimal:
    """A unit price at the precision the database keeps (``db.types.Money``: 4 places)."""
    return Decimal(price).quantize(Decimal("0.0001"), ROUND_HALF_UP)


class QuoteService(EntityService[Quote, QuoteDTO]):
    """Versioned quotes: a sent quote is never edited; a new version supersedes it."""

    model = Quote
    dto = QuoteDTO
    kind = "quotes"
    editable = (
        "opportunity_id", "product_id", "quantity", "quantity_unit", "tolerance_pct",
        "tolerance_option", "incoterm", "port", "currency", "fx_rate", "vat_rate",
        "vat_included", "pricing_method", "price_terms", "expected_assay", "unit_price",
        "payment_method", "payment_terms", "valid_until", "notes",
    )  # fmt: skip
    sortable = ("version", "created_at", "valid_until")
    default_sort = "version"
    filterable = ("opportunity_id", "status")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {
            "quantity_unit": QuantityUnit.T,
            "tolerance_pct": Decimal(10),
            "tolerance_option": ToleranceOption.SELLER,
            "currency": Currency.CNY,
            "fx_rate": Decimal(1),
            "vat_rate": Decimal(13),
            "vat_included": True,
            "pricing_method": PricingMethod.FIXED,
            "price_terms": {},
            "payment_method": PaymentMethod.TT,
        }

    def can_modify(self, session: Session, actor: Actor, row: Quote) -> bool:
        opportunity = session.get(Opportunity, row.opportunity_id)
        return can_modify_owned(session, actor, opportunity.owner_id if opportunity else None)

    def check(self, session: Session, values: dict[str, Any], row: Quote | None) -> dict[str, str]:
        errors: dict[str, str] = {}
        opportunity = session.get(Opportunity, values.get("opportunity_id") or "")
        if opportunity is None or opportunity.is_deleted:
            errors["opportunity_id"] = translate("Validation", "No such opportunity.")
        elif opportunity.stage in CLOSED_STAGES:
            errors["opportunity_id"] = translate(
                "Pipeline", "The opportunity is closed; it takes no new quotes."
            )
        if session.get(Product, values.get("product_id") or "") is None:
            errors["product_id"] = translate("Validation", "No such product.")
        checks = (
            ("quantity", check_positive),
            ("unit_price", check_not_negative),
            ("fx_rate", check_positive),
        )
        for field, check in checks:
            if values.get(field) is not None:
                message = check(values[field])
                if message:
                    errors[field] = message
        for field, high in (("tolerance_pct", 20), ("vat_rate", 100)):
            if values.get(field) is not None:
                message = check_range(values[field], 0, high)
                if message:
                    errors[field] = message
        valid_until = values.get("valid_until")
        if row is None and valid_until is not None and valid_until < utcnow().date():
            errors["valid_until"] = translate(
                "Validation", "A new quote cannot already be expired."
            )
        if row is not None and row.status is not QuoteStatus.DRAFT:
            errors["status"] = translate(
                "Quotes", "A sent quote is not edited; make a new version instead."
            )
        return errors

    def before_save(self, session: Session, row: Quote, actor: Actor) -> None:
        # The lot's total as the editor showed it and the printed quote prints it: the engine's,
        # from the stored terms (``quote_pricing``) — when the engine prices the quote at its
        # own unit price and currency (what the editor saves). Otherwise (terms the engine
        # cannot price, a price typed over the terms' through the CLI or an import) quantity ×
        # unit price, as the printed quote then says its breakdown is not the quote's price.
        on = quote_day(row.created_at)
        pricing = price_quote(
            session, row.price_terms, row.expected_assay, row.quantity, row.quantity_unit, on
        )
        lot = pricing.lot_result
        total = row.quantity * row.unit_price
        if (
            lot is not None
            and lot.total is not None
            and lot.currency == Currency(row.currency).value
            and _stored(lot.unit_price) == _stored(row.unit_price)
        ):
            total = lot.total
        row.total_amount = total.quantize(CENT, ROUND_HALF_UP)
        if row.version is None:
            latest = session.scalar(
                select(func.max(Quote.version)).where(
                    Quote.opportunity_id == row.opportunity_id, Quote.id != row.id
                )
            )
            row.version = (latest or 0) + 1
            opportunity = session.get(Opportunity, row.opportunity_id)
            assert opportunity is not None
            row.quote_no = f"{opportunity.code}-Q{row.version}"
            row.status = QuoteStatus.DRAFT
            row.owner_id = opportunity.owner_id
            for older in session.scalars(
                select(Quote).where(
                    Quote.opportunity_id == row.opportunity_id,
                    Quote.id != row.id,
                    Quote.status.in_([QuoteStatus.DRAFT, QuoteStatus.SENT]),
                )
            ):
                older.status = QuoteStatus.SUPERSEDED

    def set_status(
        self, session: Session, actor: Actor, quote_id: str, status: QuoteStatus
    ) -> QuoteDTO:
        """DRAFT → SENT → ACCEPTED or REJECTED; nothing else."""
        row = self.load(session, quote_id)
        self._require_modify(session, actor, row)
        allowed = {
            QuoteStatus.DRAFT: {QuoteStatus.SENT},
            QuoteStatus.SENT: {QuoteStatus.ACCEPTED, QuoteStatus.REJECTED},
        }
        if status not in allowed.get(row.status, set()):
            raise TransitionRefused(
                translate("Quotes", "A {current} quote cannot become {target}.").format(
                    current=row.status.label(), target=status.label()
                )
            )
        if status is QuoteStatus.SENT and row.valid_until < utcnow().date():
            raise TransitionRefused(
                translate("Quotes", "The quote has expired; make a new version."),
            )
        row.status = status
        session.flush()
        return self.to_dto(session, row)

    def latest(self, session: Session, opportunity_id: str) -> QuoteDTO | None:
        row = session.scalar(
            self.query(session, opportunity_id=opportunity_id).order_by(Quote.version.desc())
        )
        return self.to_dto(session, row) if row is not None else None


quotes = QuoteService()
