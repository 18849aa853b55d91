"""Service tickets: numbering, SLA, the status machine and what refused moves say, the queue."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.messages import current_language, set_language
from minesales_desktop.models.catalog import Product
from minesales_desktop.models.contracts import Contract, Shipment
from minesales_desktop.models.enums import (
    ContractStatus,
    ContractType,
    Currency,
    Incoterm,
    PaymentMethod,
    PricingMethod,
    Priority,
    ProductCategory,
    QuantityUnit,
    ShipmentStatus,
    TicketStatus,
    TicketType,
    ToleranceOption,
    TransportMode,
)
from minesales_desktop.models.people import OwnershipChange, User
from minesales_desktop.models.service import ReturnVisit, ServiceTicket, TicketStatusChange
from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.errors import (
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from minesales_desktop.services.service_tickets import (
    CHINA_TZ,
    ServiceTicketDTO,
    service_tickets,
    sla_hours,
)
from tests.conftest import Department

T0 = dt.datetime(2026, 10, 15, 2, 0, tzinfo=dt.UTC)


def number_pattern(month: str) -> re.Pattern[str]:
    """A ticket number of ``month`` (YYYYMM): ST-, the month, then six random hex digits."""
    return re.compile(rf"ST-{month}-[0-9A-F]{{6}}")


@pytest.fixture(autouse=True)
def english_labels() -> Iterator[None]:
    """Status labels in messages are data labels; check the English ones."""
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def world(session: Session, dept: Department) -> dict[str, str]:
    """A customer of 李强 with a contract and a lot, and a customer of 陈刚 (other team)."""
    mine = customers.create(
        session, dept.rep, {"code": "BG01", "name_zh": "包钢集团", "customer_type": "STEEL_MILL"}
    )
    other = customers.create(
        session,
        dept.other_rep,
        {"code": "JC01", "name_zh": "金川冶炼", "customer_type": "CU_SMELTER"},
    )
    product = Product(
        code="FE62",
        name_zh="62%铁粉矿",
        name_en="62% Fe fines",
        category=ProductCategory.FE_FINES,
        unit=QuantityUnit.DMT,
    )
    session.add(product)
    session.flush()

    def contract(no: str, customer_id: str) -> Contract:
        row = Contract(
            contract_no=no,
            customer_id=customer_id,
            product_id=product.id,
            contract_type=ContractType.SPOT,
            status=ContractStatus.EXECUTING,
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31),
            quantity=Decimal("50000"),
            quantity_unit=QuantityUnit.WMT,
            tolerance_pct=Decimal("10"),
            tolerance_option=ToleranceOption.SELLER,
            incoterm=Incoterm.CFR,
            currency=Currency.CNY,
            fx_rate=Decimal("1"),
            vat_rate=Decimal("13"),
            vat_included=True,
            pricing_method=PricingMethod.FIXED,
            price_terms={},
            unit_price=Decimal("800"),
            total_value=Decimal("40000000"),
            payment_method=PaymentMethod.TT,
            provisional_pct=Decimal("90"),
        )
        session.add(row)
        session.flush()
        return row

    c1 = contract("HT-2026-001", mine.id)
    c2 = contract("HT-2026-002", other.id)
    lot = Shipment(
        contract_id=c1.id,
        lot_no="L1",
        transport_mode=TransportMode.RAIL,
        quantity_wmt=Decimal("3000"),
        status=ShipmentStatus.DELIVERED,
    )
    other_lot = Shipment(
        contract_id=c2.id,
        lot_no="L1",
        transport_mode=TransportMode.TRUCK,
        quantity_wmt=Decimal("500"),
        status=ShipmentStatus.DELIVERED,
    )
    session.add_all([lot, other_lot])
    session.commit()
    return {
        "customer": mine.id,
        "other_customer": other.id,
        "contract": c1.id,
        "other_contract": c2.id,
        "lot": lot.id,
        "other_lot": other_lot.id,
    }


def _ticket(
    session: Session, dept: Department, world: dict[str, str], **extra: object
) -> ServiceTicketDTO:
    values: dict[str, object] = {
        "customer_id": world["customer"],
        "ticket_type": "QUALITY_CLAIM",
        "priority": "HIGH",
        "title": "Fe 品位低于合同",
        "claimed_amount": "120000.00",
        "received_at": T0,
    }
    values.update(extra)
    return service_tickets.create(session, dept.service, values)


# --- creating -----------------------------------------------------------------------------------
def test_create_numbers_tickets_by_month_and_computes_sla(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    first = _ticket(session, dept, world, contract_id=world["contract"], shipment_id=world["lot"])
    second = _ticket(session, dept, world, ticket_type="COMPLAINT", priority="URGENT")
    # The month of receipt, then a random tail — not a counter another laptop could repeat.
    assert number_pattern("202610").fullmatch(first.ticket_no), first.ticket_no
    assert number_pattern("202610").fullmatch(second.ticket_no), second.ticket_no
    assert first.ticket_no != second.ticket_no
    assert first.status is TicketStatus.RECEIVED
    # HIGH 48 h + 48 h for a quality claim (re-assay of the retained sample).
    assert first.sla_due == T0 + dt.timedelta(hours=96)
    assert second.sla_due == T0 + dt.timedelta(hours=24)
    assert first.owner_id == dept.rep.user_id  # the customer's rep is responsible
    assert first.customer_name == "包钢集团"
    assert first.claimed_amount == Decimal("120000.0000")
    history = service_tickets.history(session, first.id)
    assert [(h.from_status, h.to_status) for h in history] == [(None, TicketStatus.RECEIVED)]


def test_ticket_month_is_the_month_of_receipt_in_china_time(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    # 2026-10-31 20:00 UTC is already 1 November in Beijing; 15:59 UTC is still 31 October.
    late = dt.datetime(2026, 10, 31, 20, 0, tzinfo=dt.UTC)
    assert late.astimezone(CHINA_TZ).month == 11
    last_of_october = dt.datetime(2026, 10, 31, 15, 59, tzinfo=dt.UTC)
    october = _ticket(session, dept, world, received_at=last_of_october)
    november = _ticket(session, dept, world, received_at=late)
    # A receipt time in another zone counts by its moment, not its wall clock.
    beijing_morning = dt.datetime(2026, 12, 1, 7, 30, tzinfo=CHINA_TZ)  # 30 Nov 23:30 UTC
    december = _ticket(session, dept, world, received_at=beijing_morning)
    assert number_pattern("202610").fullmatch(october.ticket_no), october.ticket_no
    assert number_pattern("202611").fullmatch(november.ticket_no), november.ticket_no
    assert number_pattern("202612").fullmatch(december.ticket_no), december.ticket_no
    # Not the month the ticket was typed in (now), nor the UTC month.
    assert not november.ticket_no.startswith("ST-202610-")


def test_many_tickets_of_one_month_get_distinct_numbers(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    numbers = [_ticket(session, dept, world).ticket_no for _ in range(30)]
    assert len(set(numbers)) == len(numbers)
    assert all(number_pattern("202610").fullmatch(n) for n in numbers), numbers


def test_a_number_already_in_this_database_is_never_given_again(
    session: Session, dept: Department, world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The random tail is checked locally: a repeat (even of a deleted ticket) draws again."""
    taken = _ticket(session, dept, world)
    service_tickets.delete(session, dept.service, taken.id)
    tail = taken.ticket_no.rsplit("-", 1)[1].lower()
    draws = iter([f"00000000-0000-7000-8000-000000{tail}", "00000000-0000-7000-8000-000000abcdef"])
    monkeypatch.setattr("minesales_desktop.services.numbering.new_id", lambda: next(draws))
    fresh = _ticket(session, dept, world)
    assert fresh.ticket_no == "ST-202610-ABCDEF" != taken.ticket_no


def test_sla_table_and_explicit_due(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    assert sla_hours(TicketType.COMPLAINT, Priority.LOW) == 120
    assert sla_hours(TicketType.DOCUMENT_ERROR, Priority.NORMAL) == 72
    assert sla_hours(TicketType.WEIGHT_SHORTAGE, Priority.URGENT) == 48
    due = T0 + dt.timedelta(hours=5)
    ticket = _ticket(session, dept, world, sla_due=due)
    assert ticket.sla_due == due
    # Raising the priority later moves the deadline with it.
    updated = service_tickets.update(session, dept.service, ticket.id, {"priority": "URGENT"})
    assert updated.sla_due == T0 + dt.timedelta(hours=24 + 48)


def test_shipment_alone_fills_in_its_contract(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    ticket = _ticket(session, dept, world, shipment_id=world["lot"])
    assert ticket.contract_id == world["contract"]


def test_create_refusals_write_nothing(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    before = (_count(session, ServiceTicket), _count(session, TicketStatusChange))
    with pytest.raises(ValidationError, match="contract belongs to another customer") as err:
        _ticket(session, dept, world, contract_id=world["other_contract"])
    assert set(err.value.errors) == {"contract_id"}
    with pytest.raises(ValidationError, match="shipped under another contract"):
        _ticket(session, dept, world, contract_id=world["contract"], shipment_id=world["other_lot"])
    with pytest.raises(ValidationError, match="shipped to another customer"):
        _ticket(session, dept, world, shipment_id=world["other_lot"])
    with pytest.raises(ValidationError, match="May not be negative") as err:
        _ticket(session, dept, world, claimed_amount="-1")
    assert set(err.value.errors) == {"claimed_amount"}
    with pytest.raises(ValidationError, match="must be after the ticket was received"):
        _ticket(session, dept, world, sla_due=T0 - dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="Required") as err:
        _ticket(session, dept, world, title="  ")
    assert set(err.value.errors) == {"title"}
    with pytest.raises(ValidationError, match="No such customer"):
        _ticket(session, dept, world, customer_id="nope")
    assert (_count(session, ServiceTicket), _count(session, TicketStatusChange)) == before


def test_who_may_open_and_work_tickets(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    values = {
        "customer_id": world["customer"],
        "ticket_type": "DOCUMENT_ERROR",
        "title": "发票抬头错误",
    }
    # The customer's rep, their manager and after-sales staff may; a rep of another team may not.
    assert service_tickets.create(session, dept.rep, values).owner_id == dept.rep.user_id
    service_tickets.create(session, dept.manager, values)
    with pytest.raises(PermissionDenied, match="open a ticket for this customer"):
        service_tickets.create(session, dept.other_rep, values)
    ticket = _ticket(session, dept, world)
    with pytest.raises(PermissionDenied, match="work on this ticket"):
        service_tickets.assign(session, dept.other_rep, ticket.id, dept.service.user_id)
    with pytest.raises(PermissionDenied):
        service_tickets.update(session, dept.rep2, ticket.id, {"title": "x"})
    # Assigned to 陈刚, he may now work it.
    service_tickets.assign(session, dept.service, ticket.id, dept.other_rep.user_id)
    assert (
        service_tickets.start(session, dept.other_rep, ticket.id).status is TicketStatus.IN_PROGRESS
    )


# --- the status machine -------------------------------------------------------------------------
def test_full_life_writes_every_move(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    ticket = _ticket(session, dept, world)
    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id, "派给孙丽")
    service_tickets.start(session, dept.service, ticket.id)
    resolved = service_tickets.resolve(
        session, dept.service, ticket.id, "复检后同意按 Fe 0.5% 扣款", settled_amount="80000"
    )
    assert resolved.settled_amount == Decimal("80000.0000")
    assert resolved.resolved_at is not None
    visit = service_tickets.record_return_visit(session, dept.rep, ticket.id, 4, "客户认可处理结果")
    assert visit.satisfaction == 4
    assert visit.customer_id == world["customer"]
    stored = session.get(ReturnVisit, visit.id)
    assert stored is not None and stored.owner_id == dept.rep.user_id
    closed = service_tickets.close(session, dept.service, ticket.id)
    assert closed.status is TicketStatus.CLOSED and closed.closed_at is not None
    moves = [(h.from_status, h.to_status) for h in service_tickets.history(session, ticket.id)]
    assert moves == [
        (None, TicketStatus.RECEIVED),
        (TicketStatus.RECEIVED, TicketStatus.ASSIGNED),
        (TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS),
        (TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED),
        (TicketStatus.RESOLVED, TicketStatus.RETURN_VISIT),
        (TicketStatus.RETURN_VISIT, TicketStatus.CLOSED),
    ]
    assert service_tickets.return_visits(session, ticket.id)[0].comment == "客户认可处理结果"
    with pytest.raises(ValidationError, match="closed ticket cannot be changed"):
        service_tickets.update(session, dept.service, ticket.id, {"title": "改"})


def test_illegal_moves_say_what_is_missing(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    ticket = _ticket(session, dept, world)
    moves_before = _count(session, TicketStatusChange)

    with pytest.raises(TransitionRefused, match="Received to In progress") as err:
        service_tickets.start(session, dept.service, ticket.id)
    assert err.value.missing == ["An assignee (assign the ticket to someone)."]

    with pytest.raises(TransitionRefused) as err:
        service_tickets.assign(session, dept.service, ticket.id, None)
    assert err.value.missing == ["An assignee (assign the ticket to someone)."]

    with pytest.raises(TransitionRefused) as err:
        service_tickets.resolve(session, dept.service, ticket.id, "")
    assert err.value.missing == [
        "An assignee (assign the ticket to someone).",
        "Work started on the ticket (status In progress).",
        "A resolution saying how the ticket was resolved.",
    ]

    with pytest.raises(TransitionRefused) as err:
        service_tickets.record_return_visit(session, dept.service, ticket.id, 5)
    assert len(err.value.missing) == 3

    with pytest.raises(TransitionRefused) as err:
        service_tickets.close(session, dept.service, ticket.id)
    assert err.value.missing[-1] == "A return visit with the customer's satisfaction (1–5)."
    assert len(err.value.missing) == 4

    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id)
    with pytest.raises(TransitionRefused) as err:
        service_tickets.resolve(session, dept.service, ticket.id, "已处理")
    assert err.value.missing == ["Work started on the ticket (status In progress)."]

    service_tickets.start(session, dept.service, ticket.id)
    with pytest.raises(TransitionRefused, match="In progress to Resolved") as err:
        service_tickets.resolve(session, dept.service, ticket.id, "   ")
    assert err.value.missing == ["A resolution saying how the ticket was resolved."]
    with pytest.raises(TransitionRefused) as err:
        service_tickets.close(session, dept.service, ticket.id)
    assert err.value.missing == [
        "A resolution saying how the ticket was resolved.",
        "A return visit with the customer's satisfaction (1–5).",
    ]

    service_tickets.resolve(session, dept.service, ticket.id, "已处理")
    with pytest.raises(TransitionRefused) as err:
        service_tickets.close(session, dept.service, ticket.id)
    assert err.value.missing == ["A return visit with the customer's satisfaction (1–5)."]
    with pytest.raises(TransitionRefused) as err:
        service_tickets.record_return_visit(session, dept.service, ticket.id, None)
    assert err.value.missing == ["A return visit with the customer's satisfaction (1–5)."]
    # Backwards: nothing is missing, it is simply not a move.
    with pytest.raises(
        TransitionRefused, match="is Resolved; it cannot move to In progress"
    ) as err:
        service_tickets.start(session, dept.service, ticket.id)
    assert err.value.missing == []
    with pytest.raises(TransitionRefused, match="can no longer be reassigned"):
        service_tickets.assign(session, dept.service, ticket.id, dept.rep.user_id)
    # Three successful moves were written; none of the refused ones.
    assert _count(session, TicketStatusChange) == moves_before + 3


def test_bad_inputs_to_moves_are_refused_and_write_nothing(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    ticket = _ticket(session, dept, world, claimed_amount="1000")
    inactive = User(login="gone", full_name="离职员工", role="SERVICE", active=False)
    session.add(inactive)
    session.flush()
    for bad in ("no-such-user", inactive.id, dept.admin.user_id):
        with pytest.raises(ValidationError, match="active after-sales, sales rep or manager"):
            service_tickets.assign(session, dept.service, ticket.id, bad)
    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id)
    service_tickets.start(session, dept.service, ticket.id)
    moves = _count(session, TicketStatusChange)
    with pytest.raises(ValidationError, match=r"cannot exceed the claimed amount \(1000"):
        service_tickets.resolve(session, dept.service, ticket.id, "ok", settled_amount="1000.01")
    with pytest.raises(ValidationError, match="May not be negative"):
        service_tickets.resolve(session, dept.service, ticket.id, "ok", settled_amount="-5")
    with pytest.raises(ValidationError, match="At most 4 decimal places"):
        service_tickets.resolve(session, dept.service, ticket.id, "ok", settled_amount="1.00001")
    assert service_tickets.get(session, ticket.id).status is TicketStatus.IN_PROGRESS
    service_tickets.resolve(session, dept.service, ticket.id, "ok", settled_amount="1000")
    for bad_score in (0, 6, "4.5", "很好"):
        with pytest.raises(ValidationError, match="whole number from 1 to 5"):
            service_tickets.record_return_visit(session, dept.service, ticket.id, bad_score)
    assert _count(session, ReturnVisit) == 0
    assert _count(session, TicketStatusChange) == moves + 1


def test_reassign_before_resolved_is_recorded(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    ticket = _ticket(session, dept, world)
    service_tickets.assign(session, dept.service, ticket.id, dept.service.user_id)
    service_tickets.start(session, dept.service, ticket.id)
    moved = service_tickets.assign(session, dept.service, ticket.id, dept.rep2.user_id, "出差")
    assert moved.assignee_id == dept.rep2.user_id
    assert moved.status is TicketStatus.IN_PROGRESS
    last = service_tickets.history(session, ticket.id)[-1]
    assert last.from_status is last.to_status is TicketStatus.IN_PROGRESS
    assert last.note == "Reassigned from 孙丽 to 赵敏. 出差"
    # Responsibility (owner) is reassigned by a manager and lands in the ownership history.
    service_tickets.reassign(session, dept.manager, ticket.id, dept.rep2.user_id, "客户调整")
    assert _count(session, OwnershipChange) == 1
    service_tickets.resolve(session, dept.rep2, ticket.id, "done")
    with pytest.raises(TransitionRefused, match="can no longer be reassigned"):
        service_tickets.reassign(session, dept.manager, ticket.id, dept.rep.user_id)


def test_only_untouched_tickets_can_be_deleted(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    ticket = _ticket(session, dept, world)
    kept = _ticket(session, dept, world)
    service_tickets.assign(session, dept.service, kept.id, dept.service.user_id)
    with pytest.raises(ValidationError, match="this one is Assigned"):
        service_tickets.delete(session, dept.service, kept.id)
    service_tickets.delete(session, dept.service, ticket.id)
    # The number of a deleted ticket is never handed out again.
    third = _ticket(session, dept, world).ticket_no
    assert number_pattern("202610").fullmatch(third), third
    assert third not in (ticket.ticket_no, kept.ticket_no)


# --- the queue ----------------------------------------------------------------------------------
def test_queue_filters_sorts_and_flags_overdue(
    session: Session, dept: Department, world: dict[str, str]
) -> None:
    urgent = _ticket(session, dept, world, ticket_type="COMPLAINT", priority="URGENT")  # +24 h
    normal = _ticket(session, dept, world, ticket_type="DOCUMENT_ERROR", priority="NORMAL")  # +72
    low = _ticket(session, dept, world, ticket_type="COMPLAINT", priority="LOW")  # +120 h
    other = _ticket(
        session,
        dept,
        world,
        customer_id=world["other_customer"],
        ticket_type="DELIVERY_DELAY",
        sla_due=T0 + dt.timedelta(hours=100),
    )
    service_tickets.assign(session, dept.service, urgent.id, dept.service.user_id)
    service_tickets.start(session, dept.service, urgent.id)
    service_tickets.resolve(session, dept.service, urgent.id, "已补发单据")

    now = T0 + dt.timedelta(hours=80)
    page = service_tickets.queue(session, now=now)
    assert [t.id for t in page.items] == [urgent.id, normal.id, other.id, low.id]
    assert page.total == 4
    flags = {t.id: t.overdue for t in page.items}
    # The urgent one is past its SLA but resolved: not overdue.
    assert flags == {urgent.id: False, normal.id: True, other.id: False, low.id: False}
    assert service_tickets.overdue_count(session, now=now) == 1
    assert service_tickets.overdue_count(session, now=T0 + dt.timedelta(hours=200)) == 3

    assert [t.id for t in service_tickets.queue(session, now=now, overdue_only=True).items] == [
        normal.id
    ]
    assert service_tickets.queue(session, customer_id=world["other_customer"]).total == 1
    assert service_tickets.queue(session, ticket_type=TicketType.COMPLAINT).total == 2
    assert (
        service_tickets.queue(session, status=[TicketStatus.RECEIVED, TicketStatus.ASSIGNED]).total
        == 3
    )
    mine = service_tickets.queue(session, assignee_id=dept.service.user_id)
    assert [t.id for t in mine.items] == [urgent.id]
    newest_first = service_tickets.queue(
        session, page=PageRequest(sort="sla_due", descending=True, limit=2)
    )
    assert [t.id for t in newest_first.items] == [low.id, other.id]
    assert newest_first.total == 4
    counts = service_tickets.status_counts(session)
    assert counts[TicketStatus.RECEIVED] == 3 and counts[TicketStatus.RESOLVED] == 1
    assert counts[TicketStatus.CLOSED] == 0
