"""Contracts from draft to completion, their review (合同评审), and what is drawn and billed.

Status machine (a contract never moves backwards, and never skips a step)::

    DRAFT → IN_REVIEW → APPROVED → SIGNED → EXECUTING → COMPLETED
      ↑________|  (a reviewer rejects: back to DRAFT with the reviewer's comment)
    any non-final status → TERMINATED (with a reason)

Each move is one function (``submit_for_review``, ``record_review``, ``approve``, ``sign``,
``start_execution``, ``complete``, ``terminate``) that checks its gate and writes a
``ContractStatusChange`` row (who, when, from, to, note). A refused move raises
``TransitionRefused`` whose ``missing`` list names exactly what is still needed.

Only a DRAFT contract's terms are edited: once reviewers have seen a price and a quantity, changing
them silently would void their review. A rejection returns the contract to DRAFT for a new round.

Approval is a manager's decision and runs the credit check of DESIGN §5 (the exposure definition
lives in ``services/risk.py``). Shipments draw against the balance within the tolerance (溢短装);
weight certificates, assays, invoices and payments hang off them. Quantities of shipments are in the
contract's quantity unit. Rounding: money to 0.01 and tonnes to 0.001, ROUND_HALF_UP, once, where
the value is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.db.types import Money, Quantity
from minesales_desktop.messages import translate
from minesales_desktop.models.catalog import Product, QualitySpec
from minesales_desktop.models.contracts import (
    Assay,
    AssayResult,
    Contract,
    ContractReview,
    ContractStatusChange,
    Invoice,
    Payment,
    Shipment,
    WeightCertificate,
)
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import (
    AssayParty,
    CertificateParty,
    ContractStatus,
    ContractType,
    Currency,
    Incoterm,
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
    PricingMethod,
    QuantityUnit,
    ReviewDecision,
    ReviewDepartment,
    ShipmentStatus,
    ToleranceOption,
    TransportMode,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.risk import CreditProfile
from minesales_desktop.models.sales import Opportunity, Quote
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import (
    D,
    EntityService,
    M,
    Page,
    PageRequest,
    _Coercer,
    can_modify_owned,
)
from minesales_desktop.services.customers import _CustomerChildService
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused, ValidationError
from minesales_desktop.services.numbering import LOT_INFIX, counted, new_document_number
from minesales_desktop.services.risk import (
    AgeingDTO,
    ExposureDTO,
    MissingRate,
    credit_exposure,
    money_text,
    receivables,
)
from minesales_desktop.services.validation import (
    check_date_order,
    check_not_negative,
    check_positive,
    check_range,
)

# The public surface; ``receivables``, ``AgeingDTO`` and ``ExposureDTO`` are re-exported from risk.
__all__ = [
    "AgeingDTO",
    "AssayDTO",
    "ContractBalanceDTO",
    "ContractDTO",
    "ExposureDTO",
    "InvoiceDTO",
    "PaymentDTO",
    "ReviewDTO",
    "ShipmentDTO",
    "StatusChangeDTO",
    "WeightCertificateDTO",
    "assays",
    "contract_balance",
    "contracts",
    "dry_tonnes",
    "invoices",
    "list_contracts",
    "payments",
    "receivables",
    "shipments",
    "split_vat",
    "weight_certificates",
]

CENT = Decimal("0.01")
KILOGRAM = Decimal("0.001")
HUNDRED = Decimal(100)

# The forward path; TERMINATED is reachable from any status that is not final.
STATUS_PATH: tuple[ContractStatus, ...] = (
    ContractStatus.DRAFT,
    ContractStatus.IN_REVIEW,
    ContractStatus.APPROVED,
    ContractStatus.SIGNED,
    ContractStatus.EXECUTING,
    ContractStatus.COMPLETED,
)
FINAL_STATUSES = frozenset({ContractStatus.COMPLETED, ContractStatus.TERMINATED})
# Statuses past a manager's approval: stopping them is a manager's decision.
COMMITTED_STATUSES = frozenset(
    {ContractStatus.APPROVED, ContractStatus.SIGNED, ContractStatus.EXECUTING}
)
SHIPPABLE_STATUSES = (ContractStatus.SIGNED, ContractStatus.EXECUTING)
INVOICEABLE_STATUSES = (
    ContractStatus.SIGNED,
    ContractStatus.EXECUTING,
    ContractStatus.COMPLETED,
    ContractStatus.TERMINATED,
)
# The review steps of one round, in order. MANAGEMENT is decided by ``approve``.
REVIEW_STEPS: tuple[ReviewDepartment, ...] = (
    ReviewDepartment.SALES,
    ReviewDepartment.FINANCE,
    ReviewDepartment.LEGAL,
    ReviewDepartment.MANAGEMENT,
)
# step_no = round × ROUND_STRIDE + position, so every round's steps are kept (history) and the
# round of a step is step_no // ROUND_STRIDE.
ROUND_STRIDE = 100
# What a contract must be through, in words, before it can enter each status.
_STEP_NEEDS = {
    ContractStatus.IN_REVIEW: lambda: translate("Contracts", "submission for review"),
    ContractStatus.APPROVED: lambda: translate("Contracts", "a manager's approval"),
    ContractStatus.SIGNED: lambda: translate("Contracts", "signing (the signing date)"),
    ContractStatus.EXECUTING: lambda: translate(
        "Contracts", "the start of execution (a first shipment)"
    ),
    ContractStatus.COMPLETED: lambda: translate("Contracts", "completion"),
}
# Fields that may change after a contract leaves DRAFT.
_ALWAYS_EDITABLE = frozenset({"notes"})


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _tonnes(value: Decimal) -> Decimal:
    return value.quantize(KILOGRAM, ROUND_HALF_UP)


def _qty_text(value: Decimal) -> str:
    return f"{value:,.3f}"


def _user_name(session: Session, user_id: str | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.full_name if user is not None else ""


# --- contracts --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ContractDTO:
    id: str
    contract_no: str
    customer_id: str
    opportunity_id: str | None
    quote_id: str | None
    product_id: str
    contract_type: ContractType
    status: ContractStatus
    start_date: dt.date
    end_date: dt.date
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
    unit_price: Decimal
    total_value: Decimal
    payment_method: PaymentMethod
    provisional_pct: Decimal
    credit_days: int
    signed_on: dt.date | None
    approved_by_id: str | None
    approved_at: dt.datetime | None
    credit_override_reason: str | None
    terminated_reason: str | None
    notes: str | None
    owner_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class StatusChangeDTO:
    from_status: ContractStatus | None
    to_status: ContractStatus
    changed_by_id: str | None
    changed_by_name: str
    changed_at: dt.datetime
    note: str | None


@dataclass(frozen=True)
class ReviewDTO:
    id: str
    contract_id: str
    round: int
    step_no: int
    department: ReviewDepartment
    reviewer_id: str | None
    reviewer_name: str
    decision: ReviewDecision
    comment: str | None
    decided_at: dt.datetime | None


@dataclass(frozen=True)
class ContractBalanceDTO:
    """How much of the contract is drawn. ``minimum``/``maximum`` apply the ± tolerance."""

    contract_id: str
    unit: QuantityUnit
    contracted: Decimal
    tolerance_pct: Decimal
    minimum: Decimal
    maximum: Decimal
    shipped: Decimal

    @property
    def remaining(self) -> Decimal:
        """Still to ship to reach the contracted quantity (never negative)."""
        return max(self.contracted - self.shipped, Decimal(0))

    @property
    def drawable(self) -> Decimal:
        """The most that may still be drawn: up to the maximum with tolerance."""
        return max(self.maximum - self.shipped, Decimal(0))

    @property
    def over_maximum(self) -> Decimal:
        """Shipped beyond the maximum: the app never draws a lot past it, but lots drawn on two
        laptops while apart are each checked against their own laptop's balance."""
        return max(self.shipped - self.maximum, Decimal(0))

    @property
    def short_of_minimum(self) -> Decimal:
        """Still to ship before the contract can be completed without a reason."""
        return max(self.minimum - self.shipped, Decimal(0))


def _shipped(
    session: Session, contract_id: str, *, exclude_shipment_id: str | None = None
) -> Decimal:
    stmt = select(type_coerce(func.coalesce(func.sum(Shipment.quantity_wmt), 0), Quantity)).where(
        Shipment.contract_id == contract_id, Shipment.is_deleted.is_(False)
    )
    if exclude_shipment_id is not None:
        stmt = stmt.where(Shipment.id != exclude_shipment_id)
    value = session.scalar(stmt)
    return value if value is not None else Decimal(0)


def _balance(
    session: Session, row: Contract, *, exclude_shipment_id: str | None = None
) -> ContractBalanceDTO:
    tolerance = row.tolerance_pct / HUNDRED
    return ContractBalanceDTO(
        contract_id=row.id,
        unit=row.quantity_unit,
        contracted=row.quantity,
        tolerance_pct=row.tolerance_pct,
        minimum=_tonnes(row.quantity * (1 - tolerance)),
        maximum=_tonnes(row.quantity * (1 + tolerance)),
        shipped=_shipped(session, row.id, exclude_shipment_id=exclude_shipment_id),
    )


class ContractService(_CustomerChildService[Contract, ContractDTO]):
    model = Contract
    dto = ContractDTO
    kind = "contracts"
    editable = (
        "contract_no", "customer_id", "opportunity_id", "quote_id", "product_id",
        "contract_type", "start_date", "end_date", "quantity", "quantity_unit", "tolerance_pct",
        "tolerance_option", "incoterm", "port", "currency", "fx_rate", "vat_rate",
        "vat_included", "pricing_method", "price_terms", "unit_price", "payment_method",
        "provisional_pct", "credit_days", "notes", "owner_id",
    )  # fmt: skip
    sortable = (
        "contract_no", "status", "start_date", "end_date", "signed_on", "total_value",
        "quantity", "created_at", "updated_at",
    )  # fmt: skip
    default_sort = "created_at"
    filterable = ("status", "customer_id", "owner_id", "product_id", "contract_type", "currency")
    tracks_ownership = True

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {
            "contract_type": ContractType.SPOT,
            "tolerance_pct": Decimal(10),
            "tolerance_option": ToleranceOption.SELLER,
            "incoterm": Incoterm.DELIVERED,
            "currency": Currency.CNY,
            "fx_rate": Decimal(1),
            "vat_rate": Decimal(13),
            "vat_included": True,
            "pricing_method": PricingMethod.FIXED,
            "price_terms": {},
            "payment_method": PaymentMethod.TT,
            "provisional_pct": Decimal(100),
        }

    # --- creating and editing ----------------------------------------------------------------
    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> ContractDTO:
        """A new DRAFT contract. Missing contract number, quantity unit and credit days are taken
        from a generated number, the product's unit and the customer's credit profile."""
        filled = dict(values)
        if not filled.get("contract_no"):
            filled["contract_no"] = new_document_number(session, "HT", Contract.contract_no)
        if not filled.get("quantity_unit") and filled.get("product_id"):
            product = session.get(Product, filled["product_id"])
            if product is not None:
                filled["quantity_unit"] = product.unit
        if filled.get("credit_days") in (None, "") and filled.get("customer_id"):
            days = session.scalar(
                select(CreditProfile.credit_days).where(
                    CreditProfile.customer_id == filled["customer_id"],
                    CreditProfile.is_deleted.is_(False),
                )
            )
            if days is not None:
                filled["credit_days"] = days
        return super().create(session, actor, filled)

    def create_from_quote(
        self, session: Session, actor: Actor, quote_id: str, values: Mapping[str, Any]
    ) -> ContractDTO:
        """A DRAFT contract whose price terms are copied from the quote (DESIGN §4); ``values``
        adds what a quote does not say (period, type) and may override the rest."""
        quote = session.get(Quote, quote_id)
        opportunity = session.get(Opportunity, quote.opportunity_id) if quote else None
        if quote is None or quote.is_deleted or opportunity is None:
            raise ValidationError({"quote_id": translate("Validation", "No such quote.")})
        copied: dict[str, Any] = {
            name: getattr(quote, name)
            for name in (
                "product_id", "quantity", "quantity_unit", "tolerance_pct", "tolerance_option",
                "incoterm", "port", "currency", "fx_rate", "vat_rate", "vat_included",
                "pricing_method", "price_terms", "unit_price", "payment_method",
            )
        }  # fmt: skip
        copied.update(
            quote_id=quote.id, opportunity_id=opportunity.id, customer_id=opportunity.customer_id
        )
        return self.create(session, actor, {**copied, **values})

    def check(
        self, session: Session, values: dict[str, Any], row: Contract | None
    ) -> dict[str, str]:
        errors = super().check(session, values, row)
        if row is not None and row.status is not ContractStatus.DRAFT:
            changed = [
                name
                for name in self.editable
                if name not in _ALWAYS_EDITABLE and values.get(name) != getattr(row, name)
            ]
            for name in changed:
                errors[name] = translate(
                    "Contracts",
                    "The contract is {status}: its terms can no longer be changed. Only a draft "
                    "is edited; a rejected review returns it to draft.",
                ).format(status=row.status.label())
            if changed:
                return errors
        product = session.get(Product, values.get("product_id") or "")
        if product is None or product.is_deleted:
            errors["product_id"] = translate("Validation", "No such product.")
        positive = (("quantity", check_positive), ("fx_rate", check_positive))
        for field, check in (*positive, ("unit_price", check_not_negative)):
            if values.get(field) is not None:
                message = check(values[field])
                if message:
                    errors[field] = message
        if values.get("credit_days") is not None:
            message = check_not_negative(Decimal(values["credit_days"]))
            if message:
                errors["credit_days"] = message
        ranges = (("tolerance_pct", 20), ("provisional_pct", 100), ("vat_rate", 100))
        for field, high in ranges:
            if values.get(field) is not None:
                message = check_range(values[field], 0, high)
                if message:
                    errors[field] = message
        if values.get("currency") is Currency.CNY and values.get("fx_rate") not in (None, 1):
            errors["fx_rate"] = translate(
                "Contracts", "A CNY contract has an exchange rate of 1 (CNY is the base)."
            )
        message = check_date_order(values.get("start_date"), values.get("end_date"))
        if message:
            errors["end_date"] = message
        opportunity_id = values.get("opportunity_id")
        if opportunity_id:
            opportunity = session.get(Opportunity, opportunity_id)
            if opportunity is None or opportunity.is_deleted:
                errors["opportunity_id"] = translate("Validation", "No such opportunity.")
            elif opportunity.customer_id != values.get("customer_id"):
                errors["opportunity_id"] = translate(
                    "Contracts", "The opportunity belongs to another customer."
                )
        if row is not None and values.get("customer_id") != row.customer_id:
            errors["customer_id"] = translate(
                "Contracts", "A contract cannot be moved to another customer."
            )
        return errors

    def before_save(self, session: Session, row: Contract, actor: Actor) -> None:
        row.total_value = _cents(row.quantity * row.unit_price)
        if getattr(row, "status", None) is None:
            row.status = ContractStatus.DRAFT
            self._record(session, actor, row, None, ContractStatus.DRAFT, None)

    def delete_blockers(self, session: Session, row: Contract) -> list[str]:
        if row.status is ContractStatus.DRAFT:
            return []
        return [
            translate(
                "Contracts", "Only a draft contract is deleted; this one is {status}: terminate it."
            ).format(status=row.status.label())
        ]

    def to_dto(self, session: Session, row: Contract) -> ContractDTO:
        return ContractDTO(
            id=row.id, contract_no=row.contract_no, customer_id=row.customer_id,
            opportunity_id=row.opportunity_id, quote_id=row.quote_id, product_id=row.product_id,
            contract_type=row.contract_type, status=row.status, start_date=row.start_date,
            end_date=row.end_date, quantity=row.quantity, quantity_unit=row.quantity_unit,
            tolerance_pct=row.tolerance_pct, tolerance_option=row.tolerance_option,
            incoterm=row.incoterm, port=row.port, currency=row.currency, fx_rate=row.fx_rate,
            vat_rate=row.vat_rate, vat_included=row.vat_included,
            pricing_method=row.pricing_method, price_terms=row.price_terms,
            unit_price=row.unit_price, total_value=row.total_value,
            payment_method=row.payment_method, provisional_pct=row.provisional_pct,
            credit_days=row.credit_days, signed_on=row.signed_on,
            approved_by_id=row.approved_by_id, approved_at=row.approved_at,
            credit_override_reason=row.credit_override_reason,
            terminated_reason=row.terminated_reason, notes=row.notes, owner_id=row.owner_id,
            created_at=row.created_at, updated_at=row.updated_at,
        )  # fmt: skip

    # --- the status machine ------------------------------------------------------------------
    def _record(
        self,
        session: Session,
        actor: Actor,
        row: Contract,
        from_status: ContractStatus | None,
        to_status: ContractStatus,
        note: str | None,
    ) -> None:
        session.add(
            ContractStatusChange(
                contract_id=row.id, from_status=from_status, to_status=to_status,
                changed_by_id=actor.user_id, changed_at=utcnow(), note=note or None,
                owner_id=row.owner_id,
            )
        )  # fmt: skip

    def _move(
        self,
        session: Session,
        actor: Actor,
        row: Contract,
        to_status: ContractStatus,
        note: str | None,
    ) -> None:
        """Change the status and write the history row (gates are checked by the caller)."""
        self._record(session, actor, row, row.status, to_status, note)
        row.status = to_status
        session.flush()

    def _check_step(self, row: Contract, to_status: ContractStatus) -> None:
        """Refuse moves out of a final status, to the same status, backwards, or skipping a step."""
        current = row.status
        if current in FINAL_STATUSES:
            raise TransitionRefused(
                translate(
                    "Contracts", "The contract is {status}, which is final; nothing more changes."
                ).format(status=current.label())
            )
        if to_status is current:
            raise TransitionRefused(
                translate("Contracts", "The contract is already {status}.").format(
                    status=current.label()
                )
            )
        here, there = STATUS_PATH.index(current), STATUS_PATH.index(to_status)
        if there < here:
            raise TransitionRefused(
                translate(
                    "Contracts",
                    "A contract never moves backwards: it is {current} and cannot become {target}.",
                ).format(current=current.label(), target=to_status.label())
            )
        if there > here + 1:
            raise TransitionRefused(
                translate(
                    "Contracts",
                    "The contract is {current}; it cannot become {target} yet. Missing:",
                ).format(current=current.label(), target=to_status.label()),
                [_STEP_NEEDS[s]() for s in STATUS_PATH[here + 1 : there]],
            )  # fmt: skip

    def _load_for_change(self, session: Session, actor: Actor, contract_id: str) -> Contract:
        row = self.load(session, contract_id)
        self._require_modify(session, actor, row)
        return row

    def _current_round(self, session: Session, contract_id: str) -> list[ContractReview]:
        steps = session.scalars(
            select(ContractReview)
            .where(ContractReview.contract_id == contract_id, ContractReview.is_deleted.is_(False))
            .order_by(ContractReview.step_no)
        ).all()
        if not steps:
            return []
        last_round = steps[-1].step_no // ROUND_STRIDE
        return [s for s in steps if s.step_no // ROUND_STRIDE == last_round]

    def submit_for_review(
        self, session: Session, actor: Actor, contract_id: str, note: str | None = None
    ) -> ContractDTO:
        """DRAFT → IN_REVIEW: opens a new round of review steps, one per department."""
        row = self._load_for_change(session, actor, contract_id)
        self._check_step(row, ContractStatus.IN_REVIEW)
        missing: list[str] = []
        if row.unit_price <= 0:
            missing.append(translate("Contracts", "a unit price"))
        if missing:
            raise TransitionRefused(
                translate("Contracts", "Cannot submit the contract for review yet. Missing:"),
                missing,
            )
        existing = self._current_round(session, row.id)
        next_round = existing[-1].step_no // ROUND_STRIDE + 1 if existing else 1
        for position, department in enumerate(REVIEW_STEPS, start=1):
            session.add(
                ContractReview(
                    contract_id=row.id, step_no=next_round * ROUND_STRIDE + position,
                    department=department, decision=ReviewDecision.PENDING,
                    owner_id=row.owner_id,
                )
            )  # fmt: skip
        self._move(session, actor, row, ContractStatus.IN_REVIEW, note)
        return self.to_dto(session, row)

    def record_review(
        self,
        session: Session,
        actor: Actor,
        contract_id: str,
        department: ReviewDepartment,
        decision: ReviewDecision,
        comment: str | None = None,
    ) -> ReviewDTO:
        """A department's decision on the current round. A rejection (with a comment saying why)
        sends the contract back to DRAFT; the management step is decided by ``approve``.

        Four eyes: the contract's owner does not review their own contract."""
        row = self.load(session, contract_id)
        if row.status is not ContractStatus.IN_REVIEW:
            raise TransitionRefused(
                translate("Contracts", "The contract is {status}, not in review.").format(
                    status=row.status.label()
                )
            )
        if actor.user_id == row.owner_id:
            raise PermissionDenied(
                translate("Contracts", "A contract is reviewed by someone other than its owner.")
            )
        if department is ReviewDepartment.MANAGEMENT and not actor.is_manager:
            raise PermissionDenied(
                translate("Contracts", "Only a sales manager decides the management review.")
            )
        if decision is ReviewDecision.PENDING:
            raise ValidationError({"decision": translate("Contracts", "Choose approve or reject.")})
        if department is ReviewDepartment.MANAGEMENT and decision is ReviewDecision.APPROVED:
            raise TransitionRefused(
                translate(
                    "Contracts", "The management review is approved by approving the contract."
                )
            )
        step = next(
            (s for s in self._current_round(session, row.id) if s.department is department), None
        )
        if step is None:
            raise ValidationError(
                {"department": translate("Contracts", "This review has no such step.")}
            )
        if step.decision is not ReviewDecision.PENDING:
            raise TransitionRefused(
                translate("Contracts", "{department} has already decided: {decision}.").format(
                    department=department.label(), decision=step.decision.label()
                )
            )
        text = (comment or "").strip()
        if decision is ReviewDecision.REJECTED and not text:
            raise TransitionRefused(
                translate("Contracts", "Cannot reject the contract yet. Missing:"),
                [translate("Contracts", "a comment saying what must change")],
            )
        step.decision = decision
        step.reviewer_id = actor.user_id
        step.comment = text or None
        step.decided_at = utcnow()
        if decision is ReviewDecision.REJECTED:
            # The one backward move: the review round ends and the owner gets the draft back.
            note = translate("Contracts", "Rejected by {department}: {comment}").format(
                department=department.label(), comment=text
            )
            self._record(session, actor, row, row.status, ContractStatus.DRAFT, note)
            row.status = ContractStatus.DRAFT
        session.flush()
        return self._review_dto(session, step)

    def approve(
        self,
        session: Session,
        actor: Actor,
        contract_id: str,
        override_reason: str | None = None,
        *,
        note: str | None = None,
        as_of: dt.date | None = None,
    ) -> ContractDTO:
        """IN_REVIEW → APPROVED, by a manager, once every other review step has approved.

        Credit check (DESIGN §5): exposure = open AR + other open contracts + this contract,
        in the credit profile's currency. Over the limit, or with no credit profile at all, the
        approval needs ``override_reason``, which is then kept on the contract and in history."""
        if not actor.is_manager:
            raise PermissionDenied(
                translate("Contracts", "Only a sales manager can approve a contract.")
            )
        row = self._load_for_change(session, actor, contract_id)
        self._check_step(row, ContractStatus.APPROVED)
        steps = self._current_round(session, row.id)
        pending = [
            s.department.label()
            for s in steps
            if s.department is not ReviewDepartment.MANAGEMENT
            and s.decision is not ReviewDecision.APPROVED
        ]
        if pending:
            raise TransitionRefused(
                translate("Contracts", "Cannot approve yet. Missing the review of:"), pending
            )
        reason = (override_reason or "").strip()
        credit_note = self._credit_problem(session, row, as_of or dt.date.today(), bool(reason))
        now = utcnow()
        management = next((s for s in steps if s.department is ReviewDepartment.MANAGEMENT), None)
        if management is not None:
            management.decision = ReviewDecision.APPROVED
            management.reviewer_id = actor.user_id
            management.comment = note or None
            management.decided_at = now
        row.approved_by_id = actor.user_id
        row.approved_at = now
        history_note = note
        if credit_note is not None:
            row.credit_override_reason = reason
            history_note = "; ".join(
                p
                for p in (
                    note,
                    credit_note,
                    translate("Contracts", "Override reason: {reason}").format(reason=reason),
                )
                if p
            )
        self._move(session, actor, row, ContractStatus.APPROVED, history_note)
        return self.to_dto(session, row)

    def _credit_problem(
        self, session: Session, row: Contract, as_of: dt.date, has_override: bool
    ) -> str | None:
        """``None`` if the credit check passes; the problem in words if it fails but an override
        reason was given; raises ``TransitionRefused`` if it fails without one."""
        profile = session.scalar(
            select(CreditProfile).where(
                CreditProfile.customer_id == row.customer_id, CreditProfile.is_deleted.is_(False)
            )
        )
        if profile is None:
            problem = translate("Contracts", "The customer has no credit profile.")
            if has_override:
                return problem
            raise TransitionRefused(
                translate("Contracts", "{problem} Cannot approve yet. Missing:").format(
                    problem=problem
                ),
                [translate("Contracts", "a credit profile with a limit, or an override reason")],
            )
        try:
            exposure = credit_exposure(
                session, row.customer_id, currency=profile.currency, as_of=as_of,
                contract_id=row.id, rates={row.currency: row.fx_rate},
            )  # fmt: skip
        except MissingRate as err:
            # The limit cannot be compared; like a missing profile, a manager may still override.
            if has_override:
                return str(err)
            raise TransitionRefused(
                translate("Contracts", "Cannot check the credit limit. Missing:"),
                [str(err), translate("Contracts", "or an override reason")],
            ) from err
        if exposure.total <= profile.credit_limit:
            return None
        shortfall = exposure.total - profile.credit_limit
        problem = translate(
            "Contracts",
            "The exposure {exposure} {currency} (open receivables {ar}, open contracts {open}, "
            "this contract {this}) exceeds the credit limit {limit} {currency} by {shortfall} "
            "{currency}.",
        ).format(
            exposure=money_text(exposure.total), currency=profile.currency.value,
            ar=money_text(exposure.open_receivables), open=money_text(exposure.open_contracts),
            this=money_text(exposure.this_contract), limit=money_text(profile.credit_limit),
            shortfall=money_text(shortfall),
        )  # fmt: skip
        if has_override:
            return problem
        raise TransitionRefused(
            problem,
            [
                translate(
                    "Contracts",
                    "an override reason (the limit is exceeded by {shortfall} {currency})",
                ).format(shortfall=money_text(shortfall), currency=profile.currency.value)
            ],
        )

    def credit_check(
        self, session: Session, contract_id: str, as_of: dt.date | None = None
    ) -> ExposureDTO | None:
        """The exposure approval would compare with the limit (None without a credit profile)."""
        row = self.load(session, contract_id)
        profile = session.scalar(
            select(CreditProfile).where(
                CreditProfile.customer_id == row.customer_id, CreditProfile.is_deleted.is_(False)
            )
        )
        if profile is None:
            return None
        return credit_exposure(
            session, row.customer_id, currency=profile.currency, as_of=as_of or dt.date.today(),
            contract_id=row.id, rates={row.currency: row.fx_rate},
        )  # fmt: skip

    def sign(
        self,
        session: Session,
        actor: Actor,
        contract_id: str,
        signed_on: dt.date,
        note: str | None = None,
    ) -> ContractDTO:
        """APPROVED → SIGNED on the date both parties signed (not in the future)."""
        row = self._load_for_change(session, actor, contract_id)
        self._check_step(row, ContractStatus.SIGNED)
        if signed_on > dt.date.today():
            raise ValidationError(
                {"signed_on": translate("Contracts", "The signing date cannot be in the future.")}
            )
        if signed_on > row.end_date:
            raise ValidationError(
                {"signed_on": translate("Contracts", "The contract period has already ended.")}
            )
        row.signed_on = signed_on
        self._move(session, actor, row, ContractStatus.SIGNED, note)
        return self.to_dto(session, row)

    def start_execution(
        self, session: Session, actor: Actor, contract_id: str, note: str | None = None
    ) -> ContractDTO:
        """SIGNED → EXECUTING (also done automatically by the first shipment)."""
        row = self._load_for_change(session, actor, contract_id)
        self._check_step(row, ContractStatus.EXECUTING)
        self._move(session, actor, row, ContractStatus.EXECUTING, note)
        return self.to_dto(session, row)

    def complete(
        self,
        session: Session,
        actor: Actor,
        contract_id: str,
        *,
        force_reason: str | None = None,
    ) -> ContractDTO:
        """EXECUTING → COMPLETED once at least quantity × (1 − tolerance) is shipped; closing a
        contract short needs a reason, which goes into history."""
        row = self._load_for_change(session, actor, contract_id)
        self._check_step(row, ContractStatus.COMPLETED)
        balance = _balance(session, row)
        reason = (force_reason or "").strip()
        note: str | None = None
        if balance.short_of_minimum > 0:
            if not reason:
                raise TransitionRefused(
                    translate("Contracts", "Cannot complete the contract yet. Missing:"),
                    [
                        translate(
                            "Contracts",
                            "{short} {unit} more shipped (minimum {minimum}, shipped {shipped}), "
                            "or a reason to close it short",
                        ).format(
                            short=_qty_text(balance.short_of_minimum),
                            unit=row.quantity_unit.label(),
                            minimum=_qty_text(balance.minimum),
                            shipped=_qty_text(balance.shipped),
                        )  # fmt: skip
                    ],
                )
            note = translate("Contracts", "Closed short by {short} {unit}: {reason}").format(
                short=_qty_text(balance.short_of_minimum),
                unit=row.quantity_unit.label(),
                reason=reason,
            )
        self._move(session, actor, row, ContractStatus.COMPLETED, note)
        return self.to_dto(session, row)

    def terminate(
        self, session: Session, actor: Actor, contract_id: str, reason: str
    ) -> ContractDTO:
        """Any non-final status → TERMINATED, with a reason. Once a manager has approved the
        contract, only a manager may stop it."""
        row = self._load_for_change(session, actor, contract_id)
        if row.status in FINAL_STATUSES:
            raise TransitionRefused(
                translate(
                    "Contracts", "The contract is {status}, which is final; nothing more changes."
                ).format(status=row.status.label())
            )
        if row.status in COMMITTED_STATUSES and not actor.is_manager:
            raise PermissionDenied(
                translate(
                    "Contracts",
                    "Only a sales manager can terminate an approved or signed contract.",
                )
            )
        text = (reason or "").strip()
        if not text:
            raise TransitionRefused(
                translate("Contracts", "Cannot terminate the contract yet. Missing:"),
                [translate("Contracts", "the reason for terminating it")],
            )
        row.terminated_reason = text
        self._move(session, actor, row, ContractStatus.TERMINATED, text)
        return self.to_dto(session, row)

    # --- reading -----------------------------------------------------------------------------
    def history(self, session: Session, contract_id: str) -> list[StatusChangeDTO]:
        rows = session.scalars(
            select(ContractStatusChange)
            .where(ContractStatusChange.contract_id == contract_id)
            .order_by(ContractStatusChange.changed_at, ContractStatusChange.id)
        )
        return [
            StatusChangeDTO(
                from_status=r.from_status,
                to_status=r.to_status,
                changed_by_id=r.changed_by_id,
                changed_by_name=_user_name(session, r.changed_by_id),
                changed_at=r.changed_at,
                note=r.note,
            )  # fmt: skip
            for r in rows
        ]

    def _review_dto(self, session: Session, r: ContractReview) -> ReviewDTO:
        return ReviewDTO(
            id=r.id, contract_id=r.contract_id, round=r.step_no // ROUND_STRIDE,
            step_no=r.step_no, department=r.department, reviewer_id=r.reviewer_id,
            reviewer_name=_user_name(session, r.reviewer_id), decision=r.decision,
            comment=r.comment, decided_at=r.decided_at,
        )  # fmt: skip

    def reviews(self, session: Session, contract_id: str) -> list[ReviewDTO]:
        """Every review step of every round, oldest round first."""
        rows = session.scalars(
            select(ContractReview)
            .where(ContractReview.contract_id == contract_id, ContractReview.is_deleted.is_(False))
            .order_by(ContractReview.step_no)
        )
        return [self._review_dto(session, r) for r in rows]

    def balance(self, session: Session, contract_id: str) -> ContractBalanceDTO:
        return _balance(session, self.load(session, contract_id))


contracts = ContractService()


def contract_balance(session: Session, contract_id: str) -> ContractBalanceDTO:
    """Contracted, minimum/maximum with tolerance, shipped and remaining of one contract."""
    return contracts.balance(session, contract_id)


# --- records under a contract -----------------------------------------------------------------
def _contract_of(session: Session, contract_id: str | None) -> Contract | None:
    row = session.get(Contract, contract_id) if contract_id else None
    return None if row is None or row.is_deleted else row


def _shipment_of(session: Session, shipment_id: str | None) -> Shipment | None:
    row = session.get(Shipment, shipment_id) if shipment_id else None
    return None if row is None or row.is_deleted else row


def _may_change_contract(session: Session, actor: Actor, contract: Contract | None) -> bool:
    if contract is None:
        return can_modify_owned(session, actor, None)
    customer = session.get(Customer, contract.customer_id)
    return can_modify_owned(session, actor, contract.owner_id) or can_modify_owned(
        session, actor, customer.owner_id if customer is not None else None
    )


class _ContractChildService(EntityService[M, D]):
    """Whoever may change the contract may change what hangs off it; rows take the contract's
    owner so sync shows them to the same people."""

    def _contract(self, session: Session, row: M) -> Contract | None:
        contract_id: str | None = getattr(row, "contract_id", None)
        if contract_id is None:
            shipment = _shipment_of(session, getattr(row, "shipment_id", None))
            contract_id = shipment.contract_id if shipment is not None else None
        return _contract_of(session, contract_id)

    def can_modify(self, session: Session, actor: Actor, row: M) -> bool:
        return _may_change_contract(session, actor, self._contract(session, row))

    def _require_contract_access(self, session: Session, actor: Actor, contract: Contract) -> None:
        if not _may_change_contract(session, actor, contract):
            raise PermissionDenied(
                translate("Permissions", "You may only change your own records or your team's.")
            )

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> D:
        """As the generic create, but only for someone who may change the contract."""
        contract = _contract_of(session, values.get("contract_id"))
        if contract is None:
            shipment = _shipment_of(session, values.get("shipment_id"))
            contract = _contract_of(session, shipment.contract_id) if shipment else None
        if contract is not None:
            self._require_contract_access(session, actor, contract)
        return super().create(session, actor, values)

    def before_save(self, session: Session, row: M, actor: Actor) -> None:
        contract = self._contract(session, row)
        if contract is not None:
            row.owner_id = contract.owner_id  # type: ignore[attr-defined]


# --- shipments --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShipmentDTO:
    id: str
    contract_id: str
    lot_no: str
    transport_mode: TransportMode
    vessel_or_vehicle: str | None
    load_port: str | None
    discharge_port: str | None
    bl_date: dt.date | None
    quantity_wmt: Decimal
    status: ShipmentStatus
    notes: str | None


class ShipmentService(_ContractChildService[Shipment, ShipmentDTO]):
    """Lots drawn against a signed contract; together they never exceed quantity × (1 + tol)."""

    model = Shipment
    dto = ShipmentDTO
    kind = "shipments"
    editable = (
        "contract_id", "lot_no", "transport_mode", "vessel_or_vehicle", "load_port",
        "discharge_port", "bl_date", "quantity_wmt", "status", "notes",
    )  # fmt: skip
    sortable = ("lot_no", "bl_date", "quantity_wmt", "created_at")
    default_sort = "lot_no"
    filterable = ("contract_id", "status", "transport_mode")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"transport_mode": TransportMode.VESSEL, "status": ShipmentStatus.PLANNED}

    def check(
        self, session: Session, values: dict[str, Any], row: Shipment | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        contract = _contract_of(session, values.get("contract_id"))
        if contract is None:
            return {"contract_id": translate("Validation", "No such contract.")}
        if row is not None and values.get("contract_id") != row.contract_id:
            errors["contract_id"] = translate(
                "Contracts", "A shipment cannot be moved to another contract."
            )
        if contract.status not in SHIPPABLE_STATUSES:
            errors["contract_id"] = translate(
                "Contracts",
                "Shipments are drawn only against a signed or executing contract; this one is "
                "{status}.",
            ).format(status=contract.status.label())
            return errors
        quantity = values.get("quantity_wmt")
        if quantity is not None:
            message = check_positive(quantity)
            if message:
                errors["quantity_wmt"] = message
            else:
                balance = _balance(
                    session, contract, exclude_shipment_id=row.id if row is not None else None
                )
                if balance.shipped + quantity > balance.maximum:
                    errors["quantity_wmt"] = translate(
                        "Contracts",
                        "Exceeds the contract balance: at most {drawable} {unit} may still be "
                        "drawn (maximum {maximum} with the tolerance, already shipped {shipped}).",
                    ).format(
                        drawable=_qty_text(balance.drawable), unit=contract.quantity_unit.label(),
                        maximum=_qty_text(balance.maximum), shipped=_qty_text(balance.shipped),
                    )  # fmt: skip
        return errors

    def to_dto(self, session: Session, row: Shipment) -> ShipmentDTO:
        return ShipmentDTO(
            id=row.id, contract_id=row.contract_id, lot_no=row.lot_no,
            transport_mode=row.transport_mode, vessel_or_vehicle=row.vessel_or_vehicle,
            load_port=row.load_port, discharge_port=row.discharge_port, bl_date=row.bl_date,
            quantity_wmt=row.quantity_wmt, status=row.status, notes=row.notes,
        )  # fmt: skip

    def add_shipment(
        self, session: Session, actor: Actor, contract_id: str, values: Mapping[str, Any]
    ) -> ShipmentDTO:
        """Draw a lot against the contract. The first lot of a SIGNED contract moves it to
        EXECUTING, recorded in its history. A missing lot number is the next in sequence."""
        contract = _contract_of(session, contract_id)
        if contract is None:
            raise ValidationError({"contract_id": translate("Validation", "No such contract.")})
        self._require_contract_access(session, actor, contract)
        filled = {**values, "contract_id": contract_id}
        if not filled.get("lot_no"):
            filled["lot_no"] = _next_lot_no(session, contract)
        dto = self.create(session, actor, filled)
        if contract.status is ContractStatus.SIGNED:
            contracts._move(
                session, actor, contract, ContractStatus.EXECUTING,
                translate("Contracts", "First shipment: lot {lot}").format(lot=dto.lot_no),
            )  # fmt: skip
        return dto

    def delete_blockers(self, session: Session, row: Shipment) -> list[str]:
        billed = session.scalar(
            select(func.count()).where(
                Invoice.shipment_id == row.id,
                Invoice.is_deleted.is_(False),
                Invoice.status != InvoiceStatus.CANCELLED,
            )
        )
        if billed:
            return [translate("Contracts", "The lot has been invoiced; cancel the invoice first.")]
        return []


shipments = ShipmentService()


def _next_lot_no(session: Session, contract: Contract) -> str:
    """``<contract no>-L<n>``: the lot's place among the contract's lots, or past the highest
    such number already used (one typed by hand, or one the sync server moved on when two
    laptops drew the same lot offline), whichever is higher — never a number in use."""
    prefix = f"{contract.contract_no}{LOT_INFIX}"
    numbers = session.scalars(select(Shipment.lot_no).where(Shipment.contract_id == contract.id))
    used = list(numbers)
    highest = max((n for n in (counted(u, prefix) for u in used) if n is not None), default=0)
    return f"{prefix}{max(len(used), highest) + 1:02d}"


# --- weight certificates ----------------------------------------------------------------------
@dataclass(frozen=True)
class WeightCertificateDTO:
    id: str
    shipment_id: str
    party: CertificateParty
    issuer: str | None
    issued_on: dt.date
    wet_tonnes: Decimal
    moisture_pct: Decimal
    dry_tonnes: Decimal


def dry_tonnes(wet: Decimal, moisture_pct: Decimal) -> Decimal:
    """dmt = wmt × (1 − H2O / 100), to the kilogram, half up."""
    return _tonnes(wet * (1 - moisture_pct / HUNDRED))


class WeightCertificateService(_ContractChildService[WeightCertificate, WeightCertificateDTO]):
    model = WeightCertificate
    dto = WeightCertificateDTO
    kind = "weight_certificates"
    editable = ("shipment_id", "party", "issuer", "issued_on", "wet_tonnes", "moisture_pct")
    sortable = ("issued_on", "created_at")
    default_sort = "issued_on"
    filterable = ("shipment_id", "party")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"party": CertificateParty.LOAD_PORT, "issued_on": dt.date.today()}

    def check(
        self, session: Session, values: dict[str, Any], row: WeightCertificate | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        if _shipment_of(session, values.get("shipment_id")) is None:
            errors["shipment_id"] = translate("Validation", "No such shipment.")
        if values.get("wet_tonnes") is not None:
            message = check_positive(values["wet_tonnes"])
            if message:
                errors["wet_tonnes"] = message
        if values.get("moisture_pct") is not None:
            message = check_range(values["moisture_pct"], 0, 100)
            if message:
                errors["moisture_pct"] = message
        return errors

    def before_save(self, session: Session, row: WeightCertificate, actor: Actor) -> None:
        super().before_save(session, row, actor)
        row.dry_tonnes = dry_tonnes(row.wet_tonnes, row.moisture_pct)


weight_certificates = WeightCertificateService()


# --- assays -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AssayDTO:
    id: str
    shipment_id: str
    party: AssayParty
    lab: str | None
    assayed_on: dt.date
    results: dict[str, Decimal]
    units: dict[str, str]


class AssayService(_ContractChildService[Assay, AssayDTO]):
    """An assay certificate of one lot: who assayed it, and analyte → value."""

    model = Assay
    dto = AssayDTO
    kind = "assays"
    editable = ("shipment_id", "party", "lab", "assayed_on")
    sortable = ("assayed_on", "created_at")
    default_sort = "assayed_on"
    filterable = ("shipment_id", "party")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"party": AssayParty.SELLER, "assayed_on": dt.date.today()}

    def check(self, session: Session, values: dict[str, Any], row: Assay | None) -> dict[str, str]:
        if _shipment_of(session, values.get("shipment_id")) is None:
            return {"shipment_id": translate("Validation", "No such shipment.")}
        return {}

    def to_dto(self, session: Session, row: Assay) -> AssayDTO:
        results = session.scalars(
            select(AssayResult)
            .where(AssayResult.assay_id == row.id, AssayResult.is_deleted.is_(False))
            .order_by(AssayResult.analyte)
        ).all()
        return AssayDTO(
            id=row.id, shipment_id=row.shipment_id, party=row.party, lab=row.lab,
            assayed_on=row.assayed_on, results={r.analyte: r.value for r in results},
            units={r.analyte: r.unit for r in results},
        )  # fmt: skip

    def add_assay(
        self,
        session: Session,
        actor: Actor,
        values: Mapping[str, Any],
        results: Mapping[str, Any],
        units: Mapping[str, str] | None = None,
    ) -> AssayDTO:
        """The assay and its results in one go; a bad value refuses the whole certificate.

        Units default to the product's quality spec for that analyte, else ``%``."""
        errors: dict[str, str] = {}
        clean: dict[str, Decimal] = {}
        column: Any = AssayResult.__table__.c["value"]
        if not results:
            errors["results"] = translate("Contracts", "An assay needs at least one result.")
        for analyte, raw in results.items():
            name = str(analyte).strip()
            if not name or len(name) > 16:
                errors[f"results.{analyte}"] = translate(
                    "Contracts", "An analyte is named in 1 to 16 characters."
                )
                continue
            value, message = _Coercer.coerce(column, raw)
            if message is None and value is None:
                message = translate("Validation", "Required.")
            if message is None:
                message = check_not_negative(value)
            if message:
                errors[f"results.{name}"] = message
            else:
                clean[name] = value
        shipment = _shipment_of(session, values.get("shipment_id"))
        contract = _contract_of(session, shipment.contract_id) if shipment else None
        if contract is not None:
            self._require_contract_access(session, actor, contract)
        if shipment is None:
            errors["shipment_id"] = translate("Validation", "No such shipment.")
        if errors:
            raise ValidationError(errors)
        dto = self.create(session, actor, values)
        row = self.load(session, dto.id)
        spec_units = self._spec_units(session, row.shipment_id)
        for name, value in clean.items():
            unit = (units or {}).get(name) or spec_units.get(name.lower()) or "%"
            session.add(
                AssayResult(
                    assay_id=row.id, analyte=name, value=value, unit=unit, owner_id=row.owner_id
                )
            )
        session.flush()
        return self.to_dto(session, row)

    def _spec_units(self, session: Session, shipment_id: str) -> dict[str, str]:
        shipment = session.get(Shipment, shipment_id)
        contract = session.get(Contract, shipment.contract_id) if shipment else None
        if contract is None:
            return {}
        return {
            analyte.lower(): unit
            for analyte, unit in session.execute(
                select(QualitySpec.analyte, QualitySpec.unit).where(
                    QualitySpec.product_id == contract.product_id,
                    QualitySpec.is_deleted.is_(False),
                )
            )
        }


assays = AssayService()


# --- invoices ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class InvoiceDTO:
    id: str
    invoice_no: str
    contract_id: str
    shipment_id: str | None
    customer_id: str
    kind: InvoiceKind
    status: InvoiceStatus
    issued_on: dt.date
    due_on: dt.date
    currency: Currency
    quantity: Decimal | None
    unit_price: Decimal | None
    amount_net: Decimal
    vat_amount: Decimal
    amount_total: Decimal
    paid: Decimal
    notes: str | None

    @property
    def open_amount(self) -> Decimal:
        if self.status is InvoiceStatus.CANCELLED or self.kind is InvoiceKind.CREDIT_NOTE:
            return Decimal(0)
        return self.amount_total - self.paid


def split_vat(amount: Decimal, vat_rate: Decimal, *, included: bool) -> tuple[Decimal, Decimal]:
    """(net, VAT) to the cent. VAT-exclusive: VAT = net × rate / 100. VAT-inclusive (含税):
    VAT = gross × rate / (100 + rate), net = gross − VAT, so net + VAT is the gross exactly."""
    if included:
        gross = _cents(amount)
        vat = _cents(gross * vat_rate / (HUNDRED + vat_rate))
        return gross - vat, vat
    net = _cents(amount)
    return net, _cents(net * vat_rate / HUNDRED)


def _paid_on_invoice(
    session: Session, invoice_id: str, *, exclude_payment_id: str | None = None
) -> Decimal:
    stmt = select(type_coerce(func.coalesce(func.sum(Payment.amount), 0), Money)).where(
        Payment.invoice_id == invoice_id, Payment.is_deleted.is_(False)
    )
    if exclude_payment_id is not None:
        stmt = stmt.where(Payment.id != exclude_payment_id)
    value = session.scalar(stmt)
    return value if value is not None else Decimal(0)


class InvoiceService(_ContractChildService[Invoice, InvoiceDTO]):
    """Provisional, final, debit and credit notes. The amounts are made here from the contract:
    VAT from its rate, the total as net + VAT, the due date from its credit days. Credit notes
    are stored positive and count negative in receivables. An issued invoice is not edited; it is
    cancelled (while unpaid) and issued again."""

    model = Invoice
    dto = InvoiceDTO
    kind = "invoices"
    editable = (
        "invoice_no", "contract_id", "shipment_id", "kind", "issued_on", "quantity",
        "unit_price", "amount_net", "notes",
    )  # fmt: skip
    sortable = ("invoice_no", "issued_on", "due_on", "amount_total", "status", "created_at")
    default_sort = "issued_on"
    filterable = ("contract_id", "customer_id", "shipment_id", "status", "kind", "currency")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"kind": InvoiceKind.PROVISIONAL, "issued_on": dt.date.today()}

    def _required_missing(self, merged: Mapping[str, Any]) -> dict[str, str]:
        # The net amount may come from quantity × unit price instead; ``check`` says which.
        errors = super()._required_missing(merged)
        errors.pop("amount_net", None)
        return errors

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> InvoiceDTO:
        filled = dict(values)
        if not filled.get("invoice_no"):
            filled["invoice_no"] = new_document_number(session, "FP", Invoice.invoice_no)
        return super().create(session, actor, filled)

    def check(
        self, session: Session, values: dict[str, Any], row: Invoice | None
    ) -> dict[str, str]:
        if row is not None:
            changed = [
                n for n in self.editable if n != "notes" and values.get(n) != getattr(row, n)
            ]
            return {
                name: translate(
                    "Contracts", "An issued invoice is not edited; cancel it and issue a new one."
                )
                for name in changed
            }
        errors: dict[str, str] = {}
        contract = _contract_of(session, values.get("contract_id"))
        if contract is None:
            return {"contract_id": translate("Validation", "No such contract.")}
        if contract.status not in INVOICEABLE_STATUSES:
            errors["contract_id"] = translate(
                "Contracts",
                "Invoices are issued only against a signed contract; this one is {status}.",
            ).format(status=contract.status.label())
        shipment_id = values.get("shipment_id")
        if shipment_id:
            shipment = _shipment_of(session, shipment_id)
            if shipment is None or shipment.contract_id != contract.id:
                errors["shipment_id"] = translate(
                    "Contracts", "The lot does not belong to this contract."
                )
        for field in ("quantity", "unit_price"):
            if values.get(field) is not None:
                message = check_positive(values[field])
                if message:
                    errors[field] = message
        net = values.get("amount_net")
        if net is None and (values.get("quantity") is None or values.get("unit_price") is None):
            errors["amount_net"] = translate(
                "Contracts", "Give the net amount, or the quantity and the unit price."
            )
        elif net is not None:
            message = check_positive(net)
            if message:
                errors["amount_net"] = message
        return errors

    def before_save(self, session: Session, row: Invoice, actor: Actor) -> None:
        super().before_save(session, row, actor)
        if getattr(row, "status", None) is not None:
            return  # amounts are made once, when the invoice is issued
        contract = _contract_of(session, row.contract_id)
        assert contract is not None, "checked in check()"
        if row.amount_net is None:
            assert row.quantity is not None and row.unit_price is not None
            net, vat = split_vat(
                row.quantity * row.unit_price, contract.vat_rate, included=contract.vat_included
            )
        else:
            net, vat = split_vat(row.amount_net, contract.vat_rate, included=False)
        row.amount_net, row.vat_amount, row.amount_total = net, vat, net + vat
        row.customer_id = contract.customer_id
        row.currency = contract.currency
        row.due_on = row.issued_on + dt.timedelta(days=contract.credit_days)
        row.status = InvoiceStatus.ISSUED

    def to_dto(self, session: Session, row: Invoice) -> InvoiceDTO:
        return InvoiceDTO(
            id=row.id, invoice_no=row.invoice_no, contract_id=row.contract_id,
            shipment_id=row.shipment_id, customer_id=row.customer_id, kind=row.kind,
            status=row.status, issued_on=row.issued_on, due_on=row.due_on, currency=row.currency,
            quantity=row.quantity, unit_price=row.unit_price, amount_net=row.amount_net,
            vat_amount=row.vat_amount, amount_total=row.amount_total,
            paid=_paid_on_invoice(session, row.id), notes=row.notes,
        )  # fmt: skip

    def cancel(self, session: Session, actor: Actor, invoice_id: str, reason: str) -> InvoiceDTO:
        """Void an unpaid invoice (it stays on file, out of receivables)."""
        row = self.load(session, invoice_id)
        self._require_modify(session, actor, row)
        if row.status is InvoiceStatus.CANCELLED:
            raise TransitionRefused(translate("Contracts", "The invoice is already cancelled."))
        if _paid_on_invoice(session, row.id) > 0:
            raise TransitionRefused(
                translate("Contracts", "A paid invoice cannot be cancelled; issue a credit note.")
            )
        text = (reason or "").strip()
        if not text:
            raise TransitionRefused(
                translate("Contracts", "Cannot cancel the invoice yet. Missing:"),
                [translate("Contracts", "the reason for cancelling it")],
            )
        row.status = InvoiceStatus.CANCELLED
        row.notes = f"{row.notes}\n{text}" if row.notes else text
        session.flush()
        return self.to_dto(session, row)

    def delete_blockers(self, session: Session, row: Invoice) -> list[str]:
        return [translate("Contracts", "An invoice is never deleted; cancel it instead.")]


invoices = InvoiceService()


# --- payments ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PaymentDTO:
    id: str
    customer_id: str
    contract_id: str | None
    invoice_id: str | None
    received_on: dt.date
    amount: Decimal
    currency: Currency
    method: PaymentMethod
    reference: str | None


def _refresh_invoice_status(session: Session, invoice_id: str) -> None:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.status is InvoiceStatus.CANCELLED:
        return
    paid = _paid_on_invoice(session, invoice_id)
    if paid >= invoice.amount_total:
        invoice.status = InvoiceStatus.PAID
    elif paid > 0:
        invoice.status = InvoiceStatus.PARTLY_PAID
    else:
        invoice.status = InvoiceStatus.ISSUED


class PaymentService(_ContractChildService[Payment, PaymentDTO]):
    """Money received (回款). Append-only: a wrong entry is deleted (tombstoned) and entered
    again. Against an invoice it may not exceed what is still open on it; money on account
    (no invoice) still names its contract, whose rate converts it for credit checks."""

    model = Payment
    dto = PaymentDTO
    kind = "payments"
    editable = ("contract_id", "invoice_id", "received_on", "amount", "method", "reference")
    sortable = ("received_on", "amount", "created_at")
    default_sort = "received_on"
    filterable = ("customer_id", "contract_id", "invoice_id", "method")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"method": PaymentMethod.TT, "received_on": dt.date.today()}

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> PaymentDTO:
        filled = dict(values)
        invoice = session.get(Invoice, filled.get("invoice_id") or "")
        if invoice is not None and not filled.get("contract_id"):
            filled["contract_id"] = invoice.contract_id
        dto = super().create(session, actor, filled)
        if dto.invoice_id:
            _refresh_invoice_status(session, dto.invoice_id)
            session.flush()
        return dto

    def check(
        self, session: Session, values: dict[str, Any], row: Payment | None
    ) -> dict[str, str]:
        if row is not None:
            return {
                "amount": translate(
                    "Contracts", "A payment is not edited; delete it and enter it again."
                )
            }
        errors: dict[str, str] = {}
        contract = _contract_of(session, values.get("contract_id"))
        if contract is None:
            errors["contract_id"] = translate("Validation", "No such contract.")
        amount = values.get("amount")
        if amount is not None:
            message = check_positive(amount)
            if message:
                errors["amount"] = message
        invoice_id = values.get("invoice_id")
        if invoice_id:
            invoice = session.get(Invoice, invoice_id)
            if invoice is None or invoice.is_deleted:
                errors["invoice_id"] = translate("Validation", "No such invoice.")
            elif contract is not None and invoice.contract_id != contract.id:
                errors["invoice_id"] = translate(
                    "Contracts", "The invoice belongs to another contract."
                )
            elif invoice.status is InvoiceStatus.CANCELLED:
                errors["invoice_id"] = translate("Contracts", "The invoice is cancelled.")
            elif invoice.kind is InvoiceKind.CREDIT_NOTE:
                errors["invoice_id"] = translate("Contracts", "A credit note is not paid.")
            elif amount is not None and "amount" not in errors:
                open_amount = invoice.amount_total - _paid_on_invoice(session, invoice.id)
                if amount > open_amount:
                    errors["amount"] = translate(
                        "Contracts",
                        "More than the invoice's open amount of {open} {currency}; record the "
                        "rest as a payment on account (without an invoice).",
                    ).format(open=money_text(open_amount), currency=invoice.currency.value)
        return errors

    def before_save(self, session: Session, row: Payment, actor: Actor) -> None:
        super().before_save(session, row, actor)
        contract = _contract_of(session, row.contract_id)
        assert contract is not None, "checked in check()"
        row.customer_id = contract.customer_id
        row.currency = contract.currency

    def delete(self, session: Session, actor: Actor, entity_id: str) -> None:
        super().delete(session, actor, entity_id)
        row = session.get(Payment, entity_id)
        if row is not None and row.invoice_id:
            _refresh_invoice_status(session, row.invoice_id)
            session.flush()

    def to_dto(self, session: Session, row: Payment) -> PaymentDTO:
        return PaymentDTO(
            id=row.id, customer_id=row.customer_id, contract_id=row.contract_id,
            invoice_id=row.invoice_id, received_on=row.received_on, amount=row.amount,
            currency=row.currency, method=row.method, reference=row.reference,
        )  # fmt: skip


payments = PaymentService()


def list_contracts(
    session: Session,
    page: PageRequest | None = None,
    *,
    status: ContractStatus | list[ContractStatus] | None = None,
    customer_id: str | None = None,
    owner_id: str | None = None,
) -> Page[ContractDTO]:
    """One page of contracts, filtered in SQL (the common filters spelled out for callers)."""
    return contracts.list(session, page, status=status, customer_id=customer_id, owner_id=owner_id)
