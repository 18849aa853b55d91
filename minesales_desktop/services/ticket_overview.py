"""Read models for the service-tickets screen: the queue with a "mine" filter, one ticket's whole
picture, the counts for the status bar, and the choices the ticket forms offer.

The ticket service answers one question per call and speaks in ids. The screen needs more in one
go: the contract and lot numbers behind the ids, who made each status move, the return visits and
whether the signed-in user may work the ticket at all. Reading them in one transaction costs one
worker round trip and keeps the panel's sections consistent with each other.

"Mine" means the tickets a user has to act on *or* answers for: assigned to them, or owned by
them as the customer's responsible rep. ``service_tickets.queue`` filters assignee and owner with
AND, so the OR lives here, built on the same query so overdue and sorting rules stay one.

Everything here reads; moves and edits stay with ``services.service_tickets``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.messages import translate
from minesales_desktop.models.enums import (
    ContractStatus,
    Currency,
    Role,
    TicketStatus,
    TicketType,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.service import ServiceTicket
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.contracts import contracts, shipments
from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.customers import CustomerDTO, customers
from minesales_desktop.services.errors import NotFoundError
from minesales_desktop.services.people import users
from minesales_desktop.services.service_tickets import (
    ASSIGNABLE_ROLES,
    FLOW,
    ServiceTicketDTO,
    service_tickets,
)

# Enough for a department; the assignee list is a combo box, not a search.
MAX_USERS = 500
# A customer with more contracts than this is picked by contract number in the contracts tab.
MAX_CONTRACTS = 200
MAX_LOTS = 200


# --- the queue --------------------------------------------------------------------------------
def ticket_queue(
    session: Session,
    *,
    status: TicketStatus | Sequence[TicketStatus] | None = None,
    ticket_type: TicketType | None = None,
    assignee_id: str | None = None,
    mine_of: str | None = None,
    overdue_only: bool = False,
    now: dt.datetime | None = None,
    page: PageRequest | None = None,
) -> Page[ServiceTicketDTO]:
    """One page of the work queue; ``mine_of`` keeps the tickets assigned to *or* owned by that
    user. Without ``mine_of`` this is exactly ``service_tickets.queue``."""
    if mine_of is None:
        return service_tickets.queue(
            session,
            status=status,
            ticket_type=ticket_type,
            assignee_id=assignee_id,
            overdue_only=overdue_only,
            now=now,
            page=page,
        )
    moment = now or utcnow()
    request = page or PageRequest(sort="sla_due")
    stmt = service_tickets._queue_query(
        session,
        status=status,
        ticket_type=ticket_type,
        assignee_id=assignee_id,
        customer_id=None,
        owner_id=None,
        overdue_only=overdue_only,
        now=moment,
    ).where(or_(ServiceTicket.assignee_id == mine_of, ServiceTicket.owner_id == mine_of))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    sort = request.sort or service_tickets.default_sort
    if sort not in service_tickets.sortable:
        raise ValueError(f"cannot sort service tickets by {sort}")
    column = getattr(ServiceTicket, sort)
    rows = session.scalars(
        stmt.order_by(column.desc() if request.descending else column.asc(), ServiceTicket.id)
        .offset(request.offset)
        .limit(request.limit)
    ).all()
    return Page(
        items=[service_tickets._to_dto(session, r, moment) for r in rows],
        total=int(total or 0),
        offset=request.offset,
        limit=request.limit,
    )


@dataclass(frozen=True)
class QueueSummary:
    """The status bar's line and the status filter's counts."""

    status_counts: dict[TicketStatus, int]
    overdue: int

    @property
    def open(self) -> int:
        """Tickets not yet closed: a resolved ticket still owes the customer a return visit."""
        return sum(n for s, n in self.status_counts.items() if s is not TicketStatus.CLOSED)


def queue_summary(
    session: Session, *, mine_of: str | None = None, now: dt.datetime | None = None
) -> QueueSummary:
    """Tickets per status and how many are overdue (all tickets, or those that are ``mine_of``)."""
    if mine_of is None:
        return QueueSummary(
            status_counts=service_tickets.status_counts(session),
            overdue=service_tickets.overdue_count(session, now=now),
        )
    mine = or_(ServiceTicket.assignee_id == mine_of, ServiceTicket.owner_id == mine_of)
    counts = {s: 0 for s in FLOW}
    grouped = session.execute(
        select(ServiceTicket.status, func.count())
        .where(ServiceTicket.is_deleted.is_(False), mine)
        .group_by(ServiceTicket.status)
    )
    for status, count in grouped:
        counts[status] = int(count)
    overdue = service_tickets._queue_query(
        session,
        status=None,
        ticket_type=None,
        assignee_id=None,
        customer_id=None,
        owner_id=None,
        overdue_only=True,
        now=now or utcnow(),
    ).where(mine)
    total = session.scalar(select(func.count()).select_from(overdue.subquery()))
    return QueueSummary(status_counts=counts, overdue=int(total or 0))


# --- one ticket -------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryLine:
    from_status: TicketStatus | None
    to_status: TicketStatus
    changed_by_name: str
    changed_at: dt.datetime
    note: str | None


@dataclass(frozen=True)
class VisitLine:
    visited_at: dt.datetime
    visited_by_name: str
    satisfaction: int
    comment: str | None


@dataclass(frozen=True)
class TicketDetail:
    ticket: ServiceTicketDTO
    customer_code: str
    contract_no: str | None
    lot_no: str | None
    owner_name: str
    history: list[HistoryLine]
    return_visits: list[VisitLine]
    #: whether the signed-in user may move this ticket (the screen disables the actions if not)
    may_work: bool


def _names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def ticket_detail(session: Session, actor: Actor, ticket_id: str) -> TicketDetail:
    """The detail panel of one ticket: its fields with names, history and return visits."""
    row = service_tickets.load(session, ticket_id)
    ticket = service_tickets.to_dto(session, row)
    history = service_tickets.history(session, ticket_id)
    visits = service_tickets.return_visits(session, ticket_id)
    names = _names(
        session,
        {ticket.owner_id} | {h.changed_by_id for h in history} | {v.visited_by_id for v in visits},
    )
    contract_no = lot_no = None
    if ticket.contract_id:
        contract_no = contracts.get(session, ticket.contract_id).contract_no
    if ticket.shipment_id:
        lot_no = shipments.get(session, ticket.shipment_id).lot_no
    return TicketDetail(
        ticket=ticket,
        customer_code=customers.get(session, ticket.customer_id).code,
        contract_no=contract_no,
        lot_no=lot_no,
        owner_name=names.get(ticket.owner_id or "", ""),
        history=[
            HistoryLine(
                from_status=h.from_status,
                to_status=h.to_status,
                changed_by_name=names.get(h.changed_by_id or "", ""),
                changed_at=h.changed_at,
                note=h.note,
            )
            for h in history
        ],
        return_visits=[
            VisitLine(
                visited_at=v.visited_at,
                visited_by_name=names.get(v.visited_by_id or "", ""),
                satisfaction=v.satisfaction,
                comment=v.comment,
            )
            for v in visits
        ],
        may_work=service_tickets.can_modify(session, actor, row),
    )


# --- choices for the forms --------------------------------------------------------------------
@dataclass(frozen=True)
class UserChoice:
    id: str
    full_name: str
    role: Role


def assignable_users(session: Session) -> list[UserChoice]:
    """Who a ticket can be assigned to: active after-sales staff, reps and managers, by name."""
    page = users.list(
        session,
        PageRequest(limit=MAX_USERS, sort="full_name"),
        role=list(ASSIGNABLE_ROLES),
        active=True,
    )
    return [UserChoice(u.id, u.full_name, u.role) for u in page.items]


@dataclass(frozen=True)
class LotChoice:
    id: str
    lot_no: str
    bl_date: dt.date | None
    quantity_wmt: Decimal


@dataclass(frozen=True)
class ContractChoice:
    id: str
    contract_no: str
    status: ContractStatus
    currency: Currency
    lots: list[LotChoice]


def ticket_links(session: Session, customer_id: str) -> list[ContractChoice]:
    """The contracts of a customer, each with its lots: what a ticket can be about."""
    found = contracts.list(
        session, PageRequest(limit=MAX_CONTRACTS, sort="contract_no"), customer_id=customer_id
    )
    result: list[ContractChoice] = []
    for contract in found.items:
        lots = shipments.list(
            session, PageRequest(limit=MAX_LOTS, sort="lot_no"), contract_id=contract.id
        )
        result.append(
            ContractChoice(
                id=contract.id,
                contract_no=contract.contract_no,
                status=contract.status,
                currency=contract.currency,
                lots=[LotChoice(s.id, s.lot_no, s.bl_date, s.quantity_wmt) for s in lots.items],
            )
        )
    return result


@dataclass(frozen=True)
class TicketPrefill:
    """A new ticket opened from a customer, contract or lot: who and what it is about."""

    customer: CustomerDTO
    contract_id: str | None
    shipment_id: str | None
    links: list[ContractChoice]


def ticket_prefill(
    session: Session,
    customer_id: str | None = None,
    contract_id: str | None = None,
    shipment_id: str | None = None,
) -> TicketPrefill:
    """Work out the customer (and contract) from whatever the caller started from: a lot names
    its contract, a contract its customer."""
    if shipment_id and not contract_id:
        contract_id = shipments.get(session, shipment_id).contract_id
    if contract_id and not customer_id:
        customer_id = contracts.get(session, contract_id).customer_id
    if not customer_id:
        raise NotFoundError(
            translate("Tickets", "A ticket needs a customer, a contract or a lot to start from.")
        )
    return TicketPrefill(
        customer=customers.get(session, customer_id),
        contract_id=contract_id,
        shipment_id=shipment_id,
        links=ticket_links(session, customer_id),
    )
