"""After-sales service tickets (售后服务工单): claims, the work queue, status moves, return visits.

Life of a ticket::

    RECEIVED → ASSIGNED → IN_PROGRESS → RESOLVED → RETURN_VISIT → CLOSED

Each move is one step forward; a move that skips a step or lacks its input is refused with
``TransitionRefused`` whose ``missing`` names every step or input still needed, and every move
(and every reassignment while the ticket is open) is written to ``ticket_status_changes`` — the
ticket's history. RETURN_VISIT is reached only by ``record_return_visit``, which stores the
customer's satisfaction (1–5) that the SATISFACTION KPI averages.

Who may work a ticket: after-sales staff (role SERVICE) and administrators any ticket; the
assignee their ticket; a rep the tickets of their own customers (or their own tickets); a manager
those of the team. Numbers are ``ST-YYYYMM-XXXXXX`` — the month of receipt in China Standard
Time, then six random hex digits (``numbering.new_document_number``): tickets are opened offline on
several laptops at once, and a per-month counter would give two of them the same number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from minesales_desktop.db.base import CHINA_TZ, utcnow
from minesales_desktop.ids import new_id
from minesales_desktop.messages import translate
from minesales_desktop.models.contracts import Contract, Shipment
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import Currency, Priority, Role, TicketStatus, TicketType
from minesales_desktop.models.people import User
from minesales_desktop.models.service import ReturnVisit, ServiceTicket, TicketStatusChange
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import Page, PageRequest, can_modify_owned
from minesales_desktop.services.customers import _CustomerChildService
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused, ValidationError
from minesales_desktop.services.numbering import new_document_number
from minesales_desktop.services.validation import check_not_negative

# --- SLA ----------------------------------------------------------------------------------------
# Hours from receipt to the resolution deadline, by priority …
SLA_HOURS: dict[Priority, int] = {
    Priority.URGENT: 24,
    Priority.HIGH: 48,
    Priority.NORMAL: 72,
    Priority.LOW: 120,
}
# … plus the time a type needs before anyone can answer: a quality claim waits for the re-assay
# (or umpire assay) of the retained sample, a weight shortage for the draft-survey report.
SLA_EXTRA_HOURS: dict[TicketType, int] = {
    TicketType.QUALITY_CLAIM: 48,
    TicketType.WEIGHT_SHORTAGE: 24,
    TicketType.DELIVERY_DELAY: 0,
    TicketType.DOCUMENT_ERROR: 0,
    TicketType.COMPLAINT: 0,
}

TICKET_PREFIX = "ST"

FLOW: tuple[TicketStatus, ...] = (
    TicketStatus.RECEIVED,
    TicketStatus.ASSIGNED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.RESOLVED,
    TicketStatus.RETURN_VISIT,
    TicketStatus.CLOSED,
)
# Statuses in which the SLA clock still runs (resolution is what the SLA measures).
OPEN_STATUSES: tuple[TicketStatus, ...] = (
    TicketStatus.RECEIVED,
    TicketStatus.ASSIGNED,
    TicketStatus.IN_PROGRESS,
)
ASSIGNABLE_ROLES: tuple[Role, ...] = (Role.SERVICE, Role.REP, Role.MANAGER)
_MONEY_QUANTUM = Decimal("0.0001")


def sla_hours(ticket_type: TicketType, priority: Priority) -> int:
    """Hours allowed to resolve a ticket of this type and priority (see the tables above)."""
    return SLA_HOURS[priority] + SLA_EXTRA_HOURS[ticket_type]


def sla_due_for(
    ticket_type: TicketType, priority: Priority, received_at: dt.datetime
) -> dt.datetime:
    return received_at + dt.timedelta(hours=sla_hours(ticket_type, priority))


def _requirement(status: TicketStatus) -> str:
    """What reaching ``status`` needs, in the words a refused move shows."""
    if status is TicketStatus.ASSIGNED:
        return translate("Tickets", "An assignee (assign the ticket to someone).")
    if status is TicketStatus.IN_PROGRESS:
        return translate("Tickets", "Work started on the ticket (status In progress).")
    if status is TicketStatus.RESOLVED:
        return translate("Tickets", "A resolution saying how the ticket was resolved.")
    if status is TicketStatus.RETURN_VISIT:
        return translate("Tickets", "A return visit with the customer's satisfaction (1–5).")
    return ""


def _parse_money(value: Any) -> tuple[Decimal | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None, translate("Validation", "Must be a number.")
    if not amount.is_finite():
        return None, translate("Validation", "Must be a number.")
    if amount != amount.quantize(_MONEY_QUANTUM):
        return None, translate("Validation", "At most {n} decimal places.").format(n=4)
    return amount, None


def _user_name(session: Session, user_id: str | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.full_name if user is not None else ""


# --- DTOs ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceTicketDTO:
    id: str
    ticket_no: str
    customer_id: str
    customer_name: str
    contract_id: str | None
    shipment_id: str | None
    ticket_type: TicketType
    priority: Priority
    status: TicketStatus
    title: str
    description: str | None
    claimed_amount: Decimal | None
    settled_amount: Decimal | None
    currency: Currency
    received_at: dt.datetime
    sla_due: dt.datetime
    assignee_id: str | None
    assignee_name: str
    resolution: str | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    owner_id: str | None
    overdue: bool
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class TicketStatusChangeDTO:
    id: str
    ticket_id: str
    from_status: TicketStatus | None
    to_status: TicketStatus
    changed_by_id: str | None
    changed_at: dt.datetime
    note: str | None


@dataclass(frozen=True)
class ReturnVisitDTO:
    id: str
    ticket_id: str | None
    customer_id: str
    visited_at: dt.datetime
    visited_by_id: str | None
    satisfaction: int
    comment: str | None


# --- the service --------------------------------------------------------------------------------
class ServiceTicketService(_CustomerChildService[ServiceTicket, ServiceTicketDTO]):
    model = ServiceTicket
    dto = ServiceTicketDTO
    kind = "service_tickets"
    editable = (
        "customer_id",
        "contract_id",
        "shipment_id",
        "ticket_type",
        "priority",
        "title",
        "description",
        "claimed_amount",
        "currency",
        "received_at",
        "sla_due",
        "owner_id",
    )
    sortable = ("sla_due", "received_at", "ticket_no", "priority", "status", "created_at")
    default_sort = "sla_due"
    filterable = ("status", "ticket_type", "priority", "assignee_id", "customer_id", "owner_id")
    tracks_ownership = True

    # --- permissions ---------------------------------------------------------------------------
    def can_modify(self, session: Session, actor: Actor, row: ServiceTicket) -> bool:
        if actor.role in (Role.SERVICE, Role.ADMIN) or row.assignee_id == actor.user_id:
            return True
        return super().can_modify(session, actor, row)

    def _require_modify(self, session: Session, actor: Actor, row: ServiceTicket) -> None:
        if not self.can_modify(session, actor, row):
            raise PermissionDenied(
                translate(
                    "Permissions",
                    "Only after-sales staff, the assignee or the customer's rep (or their "
                    "manager) can work on this ticket.",
                )
            )

    # --- creating and editing ------------------------------------------------------------------
    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {
            "priority": Priority.NORMAL,
            "currency": Currency.CNY,
            "received_at": utcnow(),
        }

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> ServiceTicketDTO:
        """Open a ticket for a customer (optionally a contract and a lot of it). The customer's
        rep becomes the responsible owner unless another owner is given; the SLA due time comes
        from ``sla_hours`` unless given."""
        customer_id = values.get("customer_id")
        customer = session.get(Customer, customer_id) if customer_id else None
        if customer is not None and not (
            actor.role in (Role.SERVICE, Role.ADMIN)
            or can_modify_owned(session, actor, customer.owner_id)
        ):
            raise PermissionDenied(
                translate(
                    "Permissions",
                    "Only after-sales staff or the customer's rep (or their manager) can open a "
                    "ticket for this customer.",
                )
            )
        values = dict(values)
        if values.get("owner_id") in (None, "") and customer is not None:
            values["owner_id"] = customer.owner_id or actor.user_id
        return super().create(session, actor, values)

    def _coerce(
        self, values: Mapping[str, Any], errors: dict[str, str], *, creating: bool
    ) -> dict[str, Any]:
        clean = super()._coerce(values, errors, creating=creating)
        if creating and clean.get("sla_due") is None and "sla_due" not in errors:
            ticket_type, priority = clean.get("ticket_type"), clean.get("priority")
            received = clean.get("received_at")
            if ticket_type is not None and priority is not None and received is not None:
                clean["sla_due"] = sla_due_for(ticket_type, priority, received)
        return clean

    def update(
        self, session: Session, actor: Actor, entity_id: str, changes: Mapping[str, Any]
    ) -> ServiceTicketDTO:
        """Edit a ticket. Changing its type, priority or receipt time moves the SLA due time
        with it, unless a due time is given in the same change."""
        changes = dict(changes)
        if "sla_due" not in changes and {"ticket_type", "priority", "received_at"} & set(changes):
            row = self.load(session, entity_id)
            errors: dict[str, str] = {}
            clean = self._coerce(
                {k: changes[k] for k in ("ticket_type", "priority", "received_at") if k in changes},
                errors,
                creating=False,
            )
            if not errors:
                changes["sla_due"] = sla_due_for(
                    clean.get("ticket_type") or row.ticket_type,
                    clean.get("priority") or row.priority,
                    clean.get("received_at") or row.received_at,
                )
        return super().update(session, actor, entity_id, changes)

    def check(
        self, session: Session, values: dict[str, Any], row: ServiceTicket | None
    ) -> dict[str, str]:
        errors = super().check(session, values, row)
        customer_id = values.get("customer_id")
        contract_id, shipment_id = values.get("contract_id"), values.get("shipment_id")
        contract = session.get(Contract, contract_id) if contract_id else None
        if contract_id and (contract is None or contract.is_deleted):
            errors["contract_id"] = translate("Validation", "No such contract.")
        elif contract is not None and contract.customer_id != customer_id:
            errors["contract_id"] = translate(
                "Tickets", "The contract belongs to another customer."
            )
        if shipment_id:
            shipment = session.get(Shipment, shipment_id)
            if shipment is None or shipment.is_deleted:
                errors["shipment_id"] = translate("Validation", "No such shipment.")
            elif contract_id and shipment.contract_id != contract_id:
                errors["shipment_id"] = translate(
                    "Tickets", "The lot was shipped under another contract."
                )
            elif not contract_id:
                lot_contract = session.get(Contract, shipment.contract_id)
                if lot_contract is None or lot_contract.customer_id != customer_id:
                    errors["shipment_id"] = translate(
                        "Tickets", "The lot was shipped to another customer."
                    )
        claimed = values.get("claimed_amount")
        if claimed is not None:
            message = check_not_negative(claimed)
            if message:
                errors["claimed_amount"] = message
        received, due = values.get("received_at"), values.get("sla_due")
        if received is not None and due is not None and due <= received:
            errors["sla_due"] = translate(
                "Tickets", "The SLA due time must be after the ticket was received."
            )
        if row is not None:
            if customer_id != row.customer_id:
                errors["customer_id"] = translate(
                    "Tickets", "A ticket cannot be moved to another customer."
                )
            if row.status is TicketStatus.CLOSED:
                errors["status"] = translate("Tickets", "A closed ticket cannot be changed.")
            elif (
                claimed is not None
                and row.settled_amount is not None
                and claimed < row.settled_amount
            ):
                errors["claimed_amount"] = translate(
                    "Tickets", "Already settled at {settled}; the claim cannot be less."
                ).format(settled=row.settled_amount)
        return errors

    def before_save(self, session: Session, row: ServiceTicket, actor: Actor) -> None:
        if row.shipment_id and not row.contract_id:
            shipment = session.get(Shipment, row.shipment_id)
            if shipment is not None:
                row.contract_id = shipment.contract_id
        if row.status is None:  # a new ticket
            row.ticket_no = self.next_ticket_no(session, row.received_at)
            row.status = TicketStatus.RECEIVED
            self._history(session, actor, row, None, TicketStatus.RECEIVED, None)

    def delete_blockers(self, session: Session, row: ServiceTicket) -> list[str]:
        if row.status is not TicketStatus.RECEIVED:
            return [
                translate(
                    "Tickets",
                    "Only a ticket nobody has worked on can be deleted; this one is {status}.",
                ).format(status=row.status.label())
            ]
        return []

    def reassign(
        self, session: Session, actor: Actor, entity_id: str, new_owner_id: str, reason: str = ""
    ) -> ServiceTicketDTO:
        """Change who is responsible (managers; recorded in history) — only before RESOLVED."""
        row = self.load(session, entity_id)
        if row.status not in OPEN_STATUSES:
            raise TransitionRefused(
                translate(
                    "Tickets", "A ticket that is {status} can no longer be reassigned."
                ).format(status=row.status.label())
            )
        return super().reassign(session, actor, entity_id, new_owner_id, reason)

    @staticmethod
    def next_ticket_no(session: Session, received_at: dt.datetime) -> str:
        """A new number for a ticket received at ``received_at``: ``ST-YYYYMM-XXXXXX``, the month
        of receipt in China time, then a random tail (e.g. ST-202610-3FA9C2).

        Not a counter: two laptops offline would both count to the same next number and the
        server would reject the second ticket. The tail is checked against this database, deleted
        tickets included, so a number is never given out twice on one device.
        """
        month = received_at.astimezone(CHINA_TZ).strftime("%Y%m")
        return new_document_number(session, TICKET_PREFIX, ServiceTicket.ticket_no, month=month)

    # --- reading -------------------------------------------------------------------------------
    def to_dto(self, session: Session, row: ServiceTicket) -> ServiceTicketDTO:
        return self._to_dto(session, row, utcnow())

    def _to_dto(self, session: Session, row: ServiceTicket, now: dt.datetime) -> ServiceTicketDTO:
        customer = session.get(Customer, row.customer_id)
        return ServiceTicketDTO(
            id=row.id,
            ticket_no=row.ticket_no,
            customer_id=row.customer_id,
            customer_name=customer.name_zh if customer is not None else "",
            contract_id=row.contract_id,
            shipment_id=row.shipment_id,
            ticket_type=row.ticket_type,
            priority=row.priority,
            status=row.status,
            title=row.title,
            description=row.description,
            claimed_amount=row.claimed_amount,
            settled_amount=row.settled_amount,
            currency=row.currency,
            received_at=row.received_at,
            sla_due=row.sla_due,
            assignee_id=row.assignee_id,
            assignee_name=_user_name(session, row.assignee_id),
            resolution=row.resolution,
            resolved_at=row.resolved_at,
            closed_at=row.closed_at,
            owner_id=row.owner_id,
            overdue=row.status in OPEN_STATUSES and row.sla_due < now,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    @staticmethod
    def _overdue(now: dt.datetime) -> ColumnElement[bool]:
        return and_(ServiceTicket.sla_due < now, ServiceTicket.status.in_(OPEN_STATUSES))

    def _queue_query(
        self,
        session: Session,
        *,
        status: TicketStatus | Sequence[TicketStatus] | None,
        ticket_type: TicketType | Sequence[TicketType] | None,
        assignee_id: str | None,
        customer_id: str | None,
        owner_id: str | None,
        overdue_only: bool,
        now: dt.datetime,
    ) -> Select[Any]:
        stmt = self.query(
            session,
            status=list(status) if isinstance(status, list | tuple) else status,
            ticket_type=list(ticket_type) if isinstance(ticket_type, list | tuple) else ticket_type,
            assignee_id=assignee_id,
            customer_id=customer_id,
            owner_id=owner_id,
        )
        if overdue_only:
            stmt = stmt.where(self._overdue(now))
        return stmt

    def queue(
        self,
        session: Session,
        *,
        status: TicketStatus | Sequence[TicketStatus] | None = None,
        ticket_type: TicketType | Sequence[TicketType] | None = None,
        assignee_id: str | None = None,
        customer_id: str | None = None,
        owner_id: str | None = None,
        overdue_only: bool = False,
        now: dt.datetime | None = None,
        page: PageRequest | None = None,
    ) -> Page[ServiceTicketDTO]:
        """The work queue: one page of tickets, most urgent deadline first by default, each
        flagged ``overdue`` when its SLA has passed and it is not yet resolved. Filters and
        sorting run in SQL."""
        moment = now or utcnow()
        request = page or PageRequest(sort="sla_due")
        stmt = self._queue_query(
            session,
            status=status,
            ticket_type=ticket_type,
            assignee_id=assignee_id,
            customer_id=customer_id,
            owner_id=owner_id,
            overdue_only=overdue_only,
            now=moment,
        )
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        sort = request.sort or self.default_sort
        if sort not in self.sortable:
            raise ValueError(f"cannot sort {self.kind} by {sort}")
        column = getattr(ServiceTicket, sort)
        rows = session.scalars(
            stmt.order_by(column.desc() if request.descending else column.asc(), ServiceTicket.id)
            .offset(request.offset)
            .limit(request.limit)
        ).all()
        return Page(
            items=[self._to_dto(session, r, moment) for r in rows],
            total=int(total or 0),
            offset=request.offset,
            limit=request.limit,
        )

    def overdue_count(
        self,
        session: Session,
        *,
        now: dt.datetime | None = None,
        assignee_id: str | None = None,
        owner_id: str | None = None,
        customer_id: str | None = None,
    ) -> int:
        """How many unresolved tickets are past their SLA (the status-bar and dashboard badge)."""
        stmt = self._queue_query(
            session,
            status=None,
            ticket_type=None,
            assignee_id=assignee_id,
            customer_id=customer_id,
            owner_id=owner_id,
            overdue_only=True,
            now=now or utcnow(),
        )
        return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def status_counts(
        self, session: Session, *, assignee_id: str | None = None, owner_id: str | None = None
    ) -> dict[TicketStatus, int]:
        """Tickets per status (the queue's tabs), every status present, counted in SQL."""
        stmt = select(ServiceTicket.status, func.count()).where(ServiceTicket.is_deleted.is_(False))
        if assignee_id is not None:
            stmt = stmt.where(ServiceTicket.assignee_id == assignee_id)
        if owner_id is not None:
            stmt = stmt.where(ServiceTicket.owner_id == owner_id)
        counts = {status: 0 for status in FLOW}
        for status, count in session.execute(stmt.group_by(ServiceTicket.status)):
            counts[status] = int(count)
        return counts

    def history(self, session: Session, ticket_id: str) -> list[TicketStatusChangeDTO]:
        rows = session.scalars(
            select(TicketStatusChange)
            .where(
                TicketStatusChange.ticket_id == ticket_id,
                TicketStatusChange.is_deleted.is_(False),
            )
            .order_by(TicketStatusChange.changed_at, TicketStatusChange.created_at)
        ).all()
        return [
            TicketStatusChangeDTO(
                id=r.id,
                ticket_id=r.ticket_id,
                from_status=r.from_status,
                to_status=r.to_status,
                changed_by_id=r.changed_by_id,
                changed_at=r.changed_at,
                note=r.note,
            )
            for r in rows
        ]

    def return_visits(self, session: Session, ticket_id: str) -> list[ReturnVisitDTO]:
        rows = session.scalars(
            select(ReturnVisit)
            .where(ReturnVisit.ticket_id == ticket_id, ReturnVisit.is_deleted.is_(False))
            .order_by(ReturnVisit.visited_at)
        ).all()
        return [_visit_dto(r) for r in rows]

    # --- status moves --------------------------------------------------------------------------
    def _history(
        self,
        session: Session,
        actor: Actor,
        row: ServiceTicket,
        from_status: TicketStatus | None,
        to_status: TicketStatus,
        note: str | None,
    ) -> None:
        session.add(
            TicketStatusChange(
                id=new_id(),
                ticket_id=row.id,
                from_status=from_status,
                to_status=to_status,
                changed_by_id=actor.user_id,
                changed_at=utcnow(),
                note=note or None,
                owner_id=row.owner_id,
            )
        )

    def _check_move(self, row: ServiceTicket, to: TicketStatus, gate_missing: list[str]) -> None:
        """Refuse a move that is not exactly one step forward with its input present."""
        current = row.status
        here, there = FLOW.index(current), FLOW.index(to)
        if there <= here:
            raise TransitionRefused(
                translate(
                    "Tickets", "Ticket {no} is {current}; it cannot move to {target}."
                ).format(no=row.ticket_no, current=current.label(), target=to.label())
            )
        missing = [_requirement(step) for step in FLOW[here + 1 : there]] + gate_missing
        if missing:
            raise TransitionRefused(
                translate(
                    "Tickets", "Ticket {no} cannot move from {current} to {target}. Missing:"
                ).format(no=row.ticket_no, current=current.label(), target=to.label()),
                missing,
            )

    def _valid_assignee(self, session: Session, assignee_id: str) -> User:
        user = session.get(User, assignee_id)
        if user is None or user.is_deleted or not user.active or user.role not in ASSIGNABLE_ROLES:
            raise ValidationError(
                {
                    "assignee_id": translate(
                        "Tickets",
                        "Assign the ticket to an active after-sales, sales rep or manager user.",
                    )
                }
            )
        return user

    def assign(
        self,
        session: Session,
        actor: Actor,
        ticket_id: str,
        assignee_id: str | None,
        note: str = "",
    ) -> ServiceTicketDTO:
        """RECEIVED → ASSIGNED; on an ASSIGNED or IN_PROGRESS ticket, hand it to someone else
        (status unchanged, the hand-over written to the history)."""
        row = self.load(session, ticket_id)
        self._require_modify(session, actor, row)
        if row.status in (TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS):
            if not assignee_id:
                raise TransitionRefused(
                    translate("Tickets", "Ticket {no} cannot be reassigned. Missing:").format(
                        no=row.ticket_no
                    ),
                    [_requirement(TicketStatus.ASSIGNED)],
                )
            user = self._valid_assignee(session, assignee_id)
            if user.id == row.assignee_id:
                return self.to_dto(session, row)
            handover = translate("Tickets", "Reassigned from {old} to {new}.").format(
                old=_user_name(session, row.assignee_id), new=user.full_name
            )
            row.assignee_id = user.id
            self._history(
                session,
                actor,
                row,
                row.status,
                row.status,
                " ".join(p for p in (handover, note) if p),
            )
            session.flush()
            return self.to_dto(session, row)
        if row.status is not TicketStatus.RECEIVED:
            raise TransitionRefused(
                translate(
                    "Tickets", "A ticket that is {status} can no longer be reassigned."
                ).format(status=row.status.label())
            )
        self._check_move(
            row, TicketStatus.ASSIGNED, [] if assignee_id else [_requirement(TicketStatus.ASSIGNED)]
        )
        assert assignee_id is not None
        user = self._valid_assignee(session, assignee_id)
        row.assignee_id = user.id
        row.status = TicketStatus.ASSIGNED
        self._history(session, actor, row, TicketStatus.RECEIVED, TicketStatus.ASSIGNED, note)
        session.flush()
        return self.to_dto(session, row)

    def start(
        self, session: Session, actor: Actor, ticket_id: str, note: str = ""
    ) -> ServiceTicketDTO:
        """ASSIGNED → IN_PROGRESS: someone is working on it."""
        row = self.load(session, ticket_id)
        self._require_modify(session, actor, row)
        gate = [] if row.assignee_id else [_requirement(TicketStatus.ASSIGNED)]
        if row.status is TicketStatus.RECEIVED:
            gate = []  # the skipped ASSIGNED step already says it
        self._check_move(row, TicketStatus.IN_PROGRESS, gate)
        previous = row.status
        row.status = TicketStatus.IN_PROGRESS
        self._history(session, actor, row, previous, TicketStatus.IN_PROGRESS, note)
        session.flush()
        return self.to_dto(session, row)

    def resolve(
        self,
        session: Session,
        actor: Actor,
        ticket_id: str,
        resolution: str | None,
        settled_amount: Decimal | str | None = None,
        note: str = "",
    ) -> ServiceTicketDTO:
        """IN_PROGRESS → RESOLVED with the resolution text and, for a claim, the amount settled
        (0 ≤ settled ≤ claimed; nothing can be settled on a ticket that claims nothing)."""
        row = self.load(session, ticket_id)
        self._require_modify(session, actor, row)
        text = (resolution or "").strip()
        self._check_move(
            row, TicketStatus.RESOLVED, [] if text else [_requirement(TicketStatus.RESOLVED)]
        )
        settled, message = _parse_money(settled_amount)
        if message is None and settled is not None:
            claimed = row.claimed_amount or Decimal(0)
            message = check_not_negative(settled)
            if message is None and settled > claimed:
                message = translate(
                    "Tickets", "The settled amount cannot exceed the claimed amount ({claimed})."
                ).format(claimed=claimed)
        if message:
            raise ValidationError({"settled_amount": message})
        previous = row.status
        row.status = TicketStatus.RESOLVED
        row.resolution = text
        row.settled_amount = settled
        row.resolved_at = utcnow()
        self._history(session, actor, row, previous, TicketStatus.RESOLVED, note)
        session.flush()
        return self.to_dto(session, row)

    def record_return_visit(
        self,
        session: Session,
        actor: Actor,
        ticket_id: str,
        satisfaction: int | str | None,
        comment: str = "",
        visited_at: dt.datetime | None = None,
    ) -> ReturnVisitDTO:
        """RESOLVED → RETURN_VISIT: the call-back to the customer, with satisfaction 1–5.

        The visit is owned by the ticket's responsible rep, whose SATISFACTION KPI averages it.
        """
        row = self.load(session, ticket_id)
        self._require_modify(session, actor, row)
        self._check_move(
            row,
            TicketStatus.RETURN_VISIT,
            [] if satisfaction not in (None, "") else [_requirement(TicketStatus.RETURN_VISIT)],
        )
        score: int | None = None
        try:
            number = Decimal(str(satisfaction).strip())
            if number == number.to_integral_value():
                score = int(number)
        except InvalidOperation:
            score = None
        if score is None or not 1 <= score <= 5:
            raise ValidationError(
                {
                    "satisfaction": translate(
                        "Tickets", "Satisfaction is a whole number from 1 to 5."
                    )
                }
            )
        when = visited_at or utcnow()
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        if row.resolved_at is not None and when < row.resolved_at:
            raise ValidationError(
                {"visited_at": translate("Tickets", "The return visit is before the resolution.")}
            )
        visit = ReturnVisit(
            id=new_id(),
            ticket_id=row.id,
            customer_id=row.customer_id,
            visited_at=when,
            visited_by_id=actor.user_id,
            satisfaction=score,
            comment=(comment or "").strip() or None,
            owner_id=row.owner_id,
        )
        session.add(visit)
        row.status = TicketStatus.RETURN_VISIT
        self._history(
            session,
            actor,
            row,
            TicketStatus.RESOLVED,
            TicketStatus.RETURN_VISIT,
            translate("Tickets", "Satisfaction {score}/5.").format(score=score),
        )
        session.flush()
        return _visit_dto(visit)

    def close(
        self, session: Session, actor: Actor, ticket_id: str, note: str = ""
    ) -> ServiceTicketDTO:
        """RETURN_VISIT → CLOSED."""
        row = self.load(session, ticket_id)
        self._require_modify(session, actor, row)
        self._check_move(row, TicketStatus.CLOSED, [])
        row.status = TicketStatus.CLOSED
        row.closed_at = utcnow()
        self._history(session, actor, row, TicketStatus.RETURN_VISIT, TicketStatus.CLOSED, note)
        session.flush()
        return self.to_dto(session, row)


def _visit_dto(row: ReturnVisit) -> ReturnVisitDTO:
    return ReturnVisitDTO(
        id=row.id,
        ticket_id=row.ticket_id,
        customer_id=row.customer_id,
        visited_at=row.visited_at,
        visited_by_id=row.visited_by_id,
        satisfaction=row.satisfaction,
        comment=row.comment,
    )


service_tickets = ServiceTicketService()
