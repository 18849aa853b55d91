"""Numbers made offline: two laptops that each open a service ticket in the same month without a
network both get their ticket onto the server and onto each other — no per-month counter that
both would count to the same next number (ST-202611-0001 twice: the server's unique constraint
on ``ticket_no`` rejected the second)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import Engine, select, text

from minesales_desktop.db.engine import make_session_factory
from minesales_desktop.models.people import User
from minesales_desktop.services.auth import actor_for
from minesales_desktop.services.service_tickets import ServiceTicketDTO, service_tickets
from minesales_desktop.sync.server.auth import add_user
from minesales_desktop.sync.server.store import Store
from tests.sync.conftest import PASSWORD, Laptop, ServerProcess, new_customer

TEAM = "华北钢厂组"  # rep1's team in the server's staff (conftest.STAFF)
NOVEMBER = re.compile(r"ST-202611-[0-9A-F]{6}")


def _add_service_engineers(server: ServerProcess) -> None:
    """Two after-sales engineers of rep1's team, added as IT does (``server-user add``)."""
    store: Store = server.store()
    try:
        add_user(store, "svc1", "周工", "SERVICE", PASSWORD, TEAM)
        add_user(store, "svc2", "吴工", "SERVICE", PASSWORD, TEAM)
    finally:
        store.dispose()


def _open_ticket(
    laptop: Laptop, customer_id: str, title: str, received_at: dt.datetime, **values: Any
) -> ServiceTicketDTO:
    """Open a ticket the way the Tickets tab does: the service, one transaction, as the user."""
    with make_session_factory(laptop.engine)() as session:
        user = session.scalars(select(User).where(User.login == laptop.login)).one()
        ticket = service_tickets.create(
            session,
            actor_for(user),
            {
                "customer_id": customer_id,
                "ticket_type": "QUALITY_CLAIM",
                "priority": "HIGH",
                "title": title,
                "received_at": received_at,
                **values,
            },
        )
        session.commit()
    return ticket


def _tickets(engine: Engine) -> set[tuple[str, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, ticket_no, title FROM service_tickets")).all()
    return {(r[0], r[1], r[2]) for r in rows}


def _rejections(laptop: Laptop) -> list[str]:
    return [
        f"{r.table}.{r.field} {r.value!r}: {r.reason}"
        for r in laptop.client.rejected_changes(include_dismissed=True)
    ]


def test_tickets_opened_offline_on_two_laptops_in_one_month_both_reach_everyone(
    server: ServerProcess, laptops
) -> None:
    _add_service_engineers(server)
    admin = laptops("admin")
    admin.sync()
    customer = new_customer(admin, "BG-01", owner=admin.user_id("rep1"), name_zh="包钢集团")
    admin.sync()
    site_a, site_b = laptops("svc1", "mine-site-a"), laptops("svc2", "mine-site-b")
    for laptop in (site_a, site_b):
        laptop.sync()
        assert laptop.sql("SELECT id FROM customers") == [(customer,)], laptop.name

    # Offline at two mine sites, the same month (China time), neither knowing of the other.
    first = _open_ticket(
        site_a, customer, "L01 Fe 品位低于合同", dt.datetime(2026, 11, 3, 1, 30, tzinfo=dt.UTC)
    )
    second = _open_ticket(
        site_b,
        customer,
        "L02 到港短重 1.2%",
        dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC),
        ticket_type="WEIGHT_SHORTAGE",
    )

    # Back on the network: A, then B, then A again to pick up B's ticket.
    reports = [site_a.sync(), site_b.sync(), site_a.sync()]

    for laptop in (site_a, site_b):
        assert _rejections(laptop) == [], f"{laptop.name}: the server refused a ticket"
        assert laptop.client.conflicts() == [], laptop.name
        assert laptop.client.pending_count() == 0, laptop.name
    assert [r.rejected for r in reports] == [0, 0, 0]

    expected = {
        (first.id, first.ticket_no, first.title),
        (second.id, second.ticket_no, second.title),
    }
    engine = server.engine()
    try:
        assert _tickets(engine) == expected, "both tickets are on the server"
    finally:
        engine.dispose()
    for laptop in (site_a, site_b):
        assert _tickets(laptop.engine) == expected, f"both tickets are on {laptop.name}"
    # Numbered by the month of receipt, each laptop on its own, yet never the same number.
    assert first.ticket_no != second.ticket_no
    for ticket in (first, second):
        assert NOVEMBER.fullmatch(ticket.ticket_no), ticket.ticket_no
