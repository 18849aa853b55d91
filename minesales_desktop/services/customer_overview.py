"""Read models for the customers screen: list rows, one customer's whole picture, due follow-ups.

The customers tab shows, for one customer, records owned by five services (contacts, timeline,
follow-up plans, opportunities, contracts, tickets, credit). Asking each service separately from
the UI would cost one worker round trip per section and let the sections disagree for a moment;
``customer_detail`` reads them in one transaction and hands back one DTO. The list rows carry the
customer's next open follow-up date, fetched for the whole page in one grouped query, so the list
can highlight overdue and due-today customers (issue 4, item 2) without a query per row.

Everything here reads; writes stay with the services that own the records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.customers import Activity, Customer, FollowUpPlan
from minesales_desktop.models.enums import FollowUpStatus
from minesales_desktop.models.people import User
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.contracts import ContractDTO, list_contracts
from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.customers import (
    ActivityDTO,
    ContactDTO,
    CustomerDTO,
    FollowUpDTO,
    activities,
    contacts,
    customers,
    follow_ups,
)
from minesales_desktop.services.errors import ServiceError
from minesales_desktop.services.risk import CreditPositionDTO, credit_position
from minesales_desktop.services.sales import OpportunityDTO, opportunities
from minesales_desktop.services.service_tickets import ServiceTicketDTO, service_tickets

# How much of each section the detail panel shows; the totals say when there is more.
DETAIL_LIMIT = 100


# --- list rows --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list: the customer and their next open follow-up date."""

    customer: CustomerDTO
    next_follow_up: dt.date | None


def next_follow_ups(session: Session, customer_ids: Sequence[str]) -> dict[str, dt.date]:
    """The earliest open follow-up due date of each customer in ``customer_ids``."""
    if not customer_ids:
        return {}
    rows = session.execute(
        select(FollowUpPlan.customer_id, func.min(FollowUpPlan.due_date))
        .where(
            FollowUpPlan.customer_id.in_(list(customer_ids)),
            FollowUpPlan.status == FollowUpStatus.OPEN,
            FollowUpPlan.is_deleted.is_(False),
        )
        .group_by(FollowUpPlan.customer_id)
    )
    return {customer_id: due for customer_id, due in rows}


def customer_rows(
    session: Session, query: str, page: PageRequest, **filters: Any
) -> Page[CustomerRow]:
    """One page of the customer search (any name form, code, USCC, phone) with next follow-ups."""
    found = customers.search(session, query, page, **filters)
    due = next_follow_ups(session, [c.id for c in found.items])
    return Page(
        items=[CustomerRow(c, due.get(c.id)) for c in found.items],
        total=found.total,
        offset=found.offset,
        limit=found.limit,
    )


def provinces(session: Session) -> list[str]:
    """The provinces customers are in, for the list's filter (a short list, even at 100 000)."""
    rows = session.scalars(
        select(Customer.province)
        .where(Customer.is_deleted.is_(False), Customer.province.is_not(None))
        .distinct()
        .order_by(Customer.province)
    )
    return [p for p in rows if p]


# --- one customer's picture -------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineEntry:
    """An activity with the names the timeline shows beside it."""

    activity: ActivityDTO
    contact_name: str
    by_name: str


@dataclass(frozen=True)
class CustomerDetailDTO:
    customer: CustomerDTO
    can_edit: bool
    contacts: list[ContactDTO]
    timeline: list[TimelineEntry]  # newest first
    timeline_total: int
    follow_ups: list[FollowUpDTO]  # open ones first (by due date), then the closed ones
    opportunities: list[OpportunityDTO]
    opportunities_total: int
    contracts: list[ContractDTO]
    contracts_total: int
    tickets: list[ServiceTicketDTO]
    tickets_total: int
    credit: CreditPositionDTO | None
    credit_problem: str | None  # why the credit position could not be worked out


def _user_names(session: Session, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.full_name).where(User.id.in_(wanted))).all())


def customer_detail(
    session: Session, actor: Actor, customer_id: str, today: dt.date
) -> CustomerDetailDTO:
    """Everything the detail panel shows about one customer, read in one transaction."""
    row = customers.load(session, customer_id)
    customer = customers.to_dto(session, row)
    contact_page = contacts.list(
        session, PageRequest(limit=DETAIL_LIMIT, sort="name"), customer_id=customer_id
    )
    # Newest first, and among activities logged for the same minute the one entered last first
    # (the form records minutes, so a call logged right after a visit ties on occurred_at).
    logged = activities.query(session, customer_id=customer_id)
    timeline_total = int(
        session.scalar(select(func.count()).select_from(logged.order_by(None).subquery())) or 0
    )
    recent = session.scalars(
        logged.order_by(
            Activity.occurred_at.desc(), Activity.created_at.desc(), Activity.id.desc()
        ).limit(DETAIL_LIMIT)
    ).all()
    activity_items = [activities.to_dto(session, a) for a in recent]
    contact_names = {c.id: c.name for c in contact_page.items}
    by_names = _user_names(session, (a.owner_id for a in activity_items))
    timeline = [
        TimelineEntry(
            a,
            contact_names.get(a.contact_id or "", ""),
            by_names.get(a.owner_id or "", ""),
        )
        for a in activity_items
    ]
    plans = follow_ups.list(
        session, PageRequest(limit=DETAIL_LIMIT, sort="due_date"), customer_id=customer_id
    ).items
    closed = sorted(
        (p for p in plans if p.status is not FollowUpStatus.OPEN),
        key=lambda p: p.due_date,
        reverse=True,
    )
    plans = [p for p in plans if p.status is FollowUpStatus.OPEN] + closed
    opp_page = opportunities.list(
        session,
        PageRequest(limit=DETAIL_LIMIT, sort="created_at", descending=True),
        customer_id=customer_id,
    )
    contract_page = list_contracts(
        session,
        PageRequest(limit=DETAIL_LIMIT, sort="created_at", descending=True),
        customer_id=customer_id,
    )
    ticket_page = service_tickets.queue(
        session,
        customer_id=customer_id,
        page=PageRequest(limit=DETAIL_LIMIT, sort="received_at", descending=True),
    )
    credit: CreditPositionDTO | None = None
    problem: str | None = None
    try:
        credit = credit_position(session, customer_id, today)
    except ServiceError as exc:  # e.g. no exchange rate known for the profile's currency
        problem = str(exc)
    return CustomerDetailDTO(
        customer=customer,
        can_edit=customers.can_modify(session, actor, row),
        contacts=contact_page.items,
        timeline=timeline,
        timeline_total=timeline_total,
        follow_ups=plans,
        opportunities=opp_page.items,
        opportunities_total=opp_page.total,
        contracts=contract_page.items,
        contracts_total=contract_page.total,
        tickets=ticket_page.items,
        tickets_total=ticket_page.total,
        credit=credit,
        credit_problem=problem,
    )


# --- follow-up reminders and the week plan ----------------------------------------------------
@dataclass(frozen=True)
class PlanItem:
    """A follow-up plan with the customer it is about, as reminder lists show it."""

    plan: FollowUpDTO
    customer_code: str
    customer_name: str


@dataclass(frozen=True)
class DueFollowUps:
    """The signed-in rep's reminder: open plans due today or earlier, overdue first."""

    items: list[PlanItem]
    overdue: int
    due_today: int


def _with_customers(session: Session, plans: Sequence[FollowUpDTO]) -> list[PlanItem]:
    ids = {p.customer_id for p in plans}
    names: dict[str, tuple[str, str]] = {}
    if ids:
        for cid, code, name in session.execute(
            select(Customer.id, Customer.code, Customer.name_zh).where(Customer.id.in_(ids))
        ):
            names[cid] = (code, name)
    return [PlanItem(p, *names.get(p.customer_id, ("", ""))) for p in plans]


def due_follow_ups(
    session: Session, owner_id: str, today: dt.date, limit: int = 200
) -> DueFollowUps:
    """Overdue and due-today plans of ``owner_id`` (at most ``limit`` listed, all counted)."""
    page = follow_ups.due(session, owner_id, today, PageRequest(limit=limit, sort="due_date"))
    open_plans = select(func.count()).where(
        FollowUpPlan.owner_id == owner_id,
        FollowUpPlan.status == FollowUpStatus.OPEN,
        FollowUpPlan.is_deleted.is_(False),
    )
    overdue = session.scalar(open_plans.where(FollowUpPlan.due_date < today))
    due_today = session.scalar(open_plans.where(FollowUpPlan.due_date == today))
    return DueFollowUps(
        items=_with_customers(session, page.items),
        overdue=int(overdue or 0),
        due_today=int(due_today or 0),
    )


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_plan(session: Session, owner_id: str, monday: dt.date) -> list[PlanItem]:
    """The rep's plans (open, done and cancelled) from ``monday`` to Sunday, by due date."""
    return _with_customers(session, follow_ups.week(session, owner_id, monday_of(monday)))
