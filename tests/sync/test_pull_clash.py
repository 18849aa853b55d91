"""A row another laptop made first, found at *pull* while this laptop's own row with the same
unique value (two reps entering one customer, with its USCC, offline) is still queued: the pulled
row wins and this laptop's is refused there and then, listed with its reason — as when the clash
is found at push (the usual order). Before, the pulled row went into the inbox as a read-only
``apply`` entry and this laptop's own was refused at push: the laptop held neither, for good. A
real server process on 127.0.0.1 (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from minesales_desktop.services.customers import contacts, customers
from minesales_desktop.services.validation import uscc_check_char
from minesales_desktop.sync.reasons import rejection_reason
from tests.sync.conftest import (
    Laptop,
    ServerProcess,
    as_user,
    converged,
    pull_only,
    server_rows,
)
from tests.sync.test_lot_numbers import _lots, _set_up, _typed_lot

USCC = "91150200MA0N1234" + "5"
USCC += uscc_check_char(USCC)
CLASH = "another record already has this value (UNIQUE constraint failed: customers.uscc)"


def _customer(laptop: Laptop, code: str, uscc: str | None = USCC) -> str:
    values = {"code": code, "name_zh": "包头钢铁", "customer_type": "STEEL_MILL", "uscc": uscc}
    with as_user(laptop) as (session, actor):
        return customers.create(session, actor, values).id


def _contact(laptop: Laptop, customer_id: str) -> str:
    values = {"customer_id": customer_id, "name": "张伟", "mobile": "13800138000"}
    with as_user(laptop) as (session, actor):
        return contacts.create(session, actor, values).id


def _ids(where: Laptop | ServerProcess, table: str) -> list[str]:
    sql = f"SELECT id FROM {table} ORDER BY id"
    if hasattr(where, "db_url"):  # the server (conftest is also imported as ``conftest``)
        return [str(r[0]) for r in server_rows(where, sql)]
    return [str(r[0]) for r in where.sql(sql)]


def _rejected(laptop: Laptop) -> list[tuple[str, str, str, Any, str]]:
    return [
        (r.table, r.row_id, r.field, r.value, r.reason)
        for r in laptop.client.rejected_changes(include_dismissed=True)
    ]


def _rep_and_manager(laptops):  # type: ignore[no-untyped-def]
    """The office (a rep) and the site (the rep's manager, who sees the rep's customers: a
    rep sees only their own), both synced once."""
    office, site = laptops("rep1", "office"), laptops("mgr", "site")
    office.sync()
    site.sync()
    return office, site


def test_a_pulled_customer_refuses_the_same_customer_still_queued(
    server: ServerProcess, laptops
) -> None:
    office, site = _rep_and_manager(laptops)
    theirs = _customer(office, "BT-1")
    mine = _customer(site, "BT-2")  # the same customer (same USCC), entered offline
    office.sync()
    pull_only(site)  # the office's customer arrives while the site's own is still queued
    assert _ids(site, "customers") == [theirs]
    [(table, row_id, field, value, reason)] = _rejected(site)
    assert (table, row_id, field) == ("customers", mine, "*")
    assert value["uscc"] == USCC and value["code"] == "BT-2"  # what was entered, kept to read
    # The reason the server gives when it finds the clash at push (SQLite's words), so the
    # rejected list reads the same in either order.
    assert reason == CLASH
    assert rejection_reason(reason) == CLASH  # the English app shows it as it is
    assert site.client.conflicts(include_resolved=True) == []  # no read-only ``apply`` entry
    assert site.client.pending_count() == 0
    assert site.sql("SELECT count(*) FROM sync_outbox WHERE row_id = :r", r=mine) == [(0,)]
    # The search keys of the customer that arrived were made on this laptop.
    assert site.sql("SELECT name_initials FROM customers WHERE id = :c", c=theirs) == [("btgt",)]

    report = site.sync()
    assert report.pushed == 0 and report.rejected == 0
    assert _ids(server, "customers") == [theirs]
    assert site.client.pending_count() == 0
    converged(server, site)
    # A later edit of that customer reaches this laptop (before, the row was missing here and
    # the edit was dropped on the floor).
    with as_user(office) as (session, actor):
        customers.update(session, actor, theirs, {"name_zh": "包钢集团"})
    office.sync()
    site.sync()
    assert site.sql("SELECT name_zh FROM customers WHERE id = :c", c=theirs) == [("包钢集团",)]
    converged(server, site)


def test_a_refused_customers_queued_contact_is_refused_at_push(
    server: ServerProcess, laptops
) -> None:
    office, site = _rep_and_manager(laptops)
    theirs = _customer(office, "BT-1")
    mine = _customer(site, "BT-2")
    contact = _contact(site, mine)
    with as_user(site) as (session, actor):  # a later edit of the customer: refused with it
        customers.update(session, actor, mine, {"city": "包头"})
    office.sync()
    pull_only(site)
    assert _ids(site, "customers") == [theirs]
    assert _ids(site, "contacts") == []  # it went with its customer
    refused = {(t, r, f): reason for t, r, f, _v, reason in _rejected(site)}
    assert refused == {("customers", mine, f): CLASH for f in ("*", "city", "updated_at")}
    assert site.client.pending_count() == 1  # the contact: the server decides at push

    report = site.sync()  # nothing crashes: the server refuses the contact (no customer)
    assert report.pushed == 1 and report.rejected == 1
    assert {(t, r, f) for t, r, f, _v, _reason in _rejected(site)} == {
        ("customers", mine, "*"),
        ("customers", mine, "city"),
        ("customers", mine, "updated_at"),
        ("contacts", contact, "*"),
    }
    [reason] = [reason for t, _r, _f, _v, reason in _rejected(site) if t == "contacts"]
    assert reason.startswith("it refers to a record the server does not have (")
    assert site.client.pending_count() == 0
    assert site.client.conflicts(include_resolved=True) == []
    assert _ids(server, "customers") == [theirs] and _ids(server, "contacts") == []
    converged(server, site)


def test_a_clash_with_an_edit_of_a_row_the_server_has_files_an_apply_entry_then_the_row_comes(
    server: ServerProcess, laptops
) -> None:
    """Not a new row of this laptop's: its USCC was *edited* offline to the one another laptop
    gave a new customer. The server has this row and will decide about the edit at push; the
    pulled row is filed as a read-only ``apply`` entry, and nothing is deleted. The next sync
    pushes the edit, which the server refuses (the USCC is taken), then asks the server to log
    the entry's row again: the customer arrives as it is now (with the change made to it
    meanwhile, which found no row to change), and the entry closes."""
    office, site = _rep_and_manager(laptops)
    mine = _customer(site, "BT-2", uscc=None)
    site.sync()
    theirs = _customer(office, "BT-1")
    contact = _contact(office, theirs)
    office.sync()
    with as_user(site) as (session, actor):
        customers.update(session, actor, mine, {"uscc": USCC})
    pull_only(site)
    assert _ids(site, "customers") == [mine]
    assert site.sql("SELECT uscc FROM customers WHERE id = :c", c=mine) == [(USCC,)]
    entries = site.client.conflicts()
    entry = entries[0]
    assert (entry.table, entry.row_id, entry.field, entry.kind) == (
        "customers",
        theirs,
        "*",
        "apply",
    )
    assert site.client.rejected_changes(include_dismissed=True) == []
    queued = site.sql("SELECT field FROM sync_outbox WHERE row_id = :c", c=mine)
    assert ("uscc",) in queued  # the edit stays queued: the server decides at push
    assert len(entries) == 1
    assert _ids(site, "contacts") == [contact]  # its customer still to come
    with as_user(office) as (session, actor):  # changed meanwhile: comes as it is now
        customers.update(session, actor, theirs, {"city": "包头"})
    office.sync()
    pull_only(site)  # the change of a row the site lacks: nothing to apply it to
    assert _ids(site, "customers") == [mine]

    report = site.sync()
    assert report.rejected == 1 and "another record already has this value" in str(_rejected(site))
    # hello, the push (its page read before the rows were logged again), the ask, one pull
    assert report.round_trips == 4
    assert site.sql("SELECT uscc FROM customers WHERE id = :c", c=mine) == [(None,)]
    assert _ids(site, "customers") == sorted([mine, theirs])
    assert _ids(site, "contacts") == [contact]
    assert site.sql("SELECT city FROM customers WHERE id = :c", c=theirs) == [("包头",)]
    assert site.client.conflicts() == []
    assert [(c.row_id, c.resolved) for c in site.client.conflicts(include_resolved=True)] == [
        (theirs, "resent")
    ]
    converged(server, site)  # (the office's rep does not see the site's customer)
    assert site.sync().round_trips == 1, "asked once: the next sync is a no-op again"


def test_a_value_the_page_changes_again_refuses_nothing(server: ServerProcess, laptops) -> None:
    """A field change carries the value the server's log kept, not the row's value now: the
    office gave its customer this USCC and then corrected it, and the site pulls both changes
    in one page. The first clashes with the site's queued new customer, but the server will
    take that one (the USCC is free there again): nothing is refused, and the site's customer
    reaches the server."""
    office, site = _rep_and_manager(laptops)
    theirs = _customer(office, "BT-1", uscc=None)
    office.sync()
    other = USCC[:16] + "6"
    other += uscc_check_char(other)
    for uscc in (USCC, other):
        with as_user(office) as (session, actor):
            customers.update(session, actor, theirs, {"uscc": uscc})
        office.sync()
    mine = _customer(site, "BT-2")
    pull_only(site)
    assert site.client.rejected_changes(include_dismissed=True) == []
    assert _ids(site, "customers") == sorted([theirs, mine])
    site.sync()
    assert _ids(server, "customers") == sorted([theirs, mine])
    assert site.client.rejected_changes(include_dismissed=True) == []
    converged(server, site)


def test_a_typed_lot_number_found_at_pull_refuses_the_queued_lot(
    server: ServerProcess, laptops
) -> None:
    """The composite unique (contract, lot number) of a number outside the app's numbering (a
    B/L number entered on two laptops: one lot entered twice, §6): found at pull, this laptop's
    lot is refused and the other's arrives, as found at push."""
    office, site, contract = _set_up(laptops, "LOT-P")
    _typed_lot(office, contract, "COSU6123456789")
    _typed_lot(site, contract, "COSU6123456789")
    [(mine,)] = site.sql("SELECT id FROM shipments")
    office.sync()
    pull_only(site)
    [(theirs,)] = site.sql("SELECT id FROM shipments")
    assert theirs != mine
    [(table, row_id, field, _value, reason)] = _rejected(site)
    assert (table, row_id, field) == ("shipments", mine, "*")
    assert reason.startswith("another record already has this value (UNIQUE constraint failed:")
    assert "shipments.lot_no" in reason
    assert site.client.conflicts(include_resolved=True) == []
    site.sync()
    office.sync()
    for side in (server, site, office):
        assert [n for n, _v, _q in _lots(side, contract)] == ["COSU6123456789"]
    assert _ids(site, "shipments") == _ids(server, "shipments") == [theirs]
    assert site.client.pending_count() == 0


def test_a_row_asked_for_again_that_clashes_again_is_left_to_a_person(
    server: ServerProcess, laptops
) -> None:
    """A row is asked for once. Here the site edits its customer's USCC onto the office's
    again before the resent row arrives: it clashes again, files a new entry, and later syncs
    do not ask again (no request at every sync)."""
    office, site = _rep_and_manager(laptops)
    mine = _customer(site, "BT-2", uscc=None)
    site.sync()
    theirs = _customer(office, "BT-1")
    office.sync()
    with as_user(site) as (session, actor):
        customers.update(session, actor, mine, {"uscc": USCC})
    pull_only(site)
    [first] = site.client.conflicts()

    def edit_again(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.phase == "push" and progress.total and progress.done >= progress.total:
            site.sql("UPDATE customers SET uscc = :u WHERE id = :c", u=USCC, c=mine)

    site.sync(progress=edit_again)  # refused, taken back, edited again; the ask; clashes again
    assert _ids(site, "customers") == [mine]
    [second] = site.client.conflicts()
    assert second.row_id == theirs and second.id != first.id
    [(closed, how)] = [
        (c.id, c.resolved) for c in site.client.conflicts(include_resolved=True) if c.resolved
    ]
    assert (closed, how) == (first.id, "resent")
    report = site.sync()  # pushes the edit again (refused), but does not ask for the row again
    assert report.rejected == 1 and report.round_trips == 2
    assert [c.id for c in site.client.conflicts()] == [second.id]
