"""More rows unique by a natural key that the app makes on demand, made offline on two laptops:
a price index's quote for a day (index, day) — entered by hand or imported from a CSV file —,
a person's attendance of a training (training, person) and a customer's credit profile
(customer). As with appraisals and KPI targets (``test_keyed_rows.py``), their ids come from the
key (``ids.keyed_id``), so both laptops make the *same* row and the server merges the second
making field by field; with random ids its unique constraint refused the second laptop's row.

What the merge keeps: two makings with the same value leave nothing to decide (no inbox entry);
an empty value never beats a filled one; two different values go by the clock — the later making
wins — and the loser, and only the loser, finds the other value in their inbox. The three
tests per table push in both orders (the clock decides, not who syncs first); the last two pin
one order each, the one that went wrong."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine

from minesales_desktop.ids import keyed_id
from minesales_desktop.services.catalog import import_index_quotes_csv, index_quotes, price_indices
from minesales_desktop.services.customers import customers
from minesales_desktop.services.risk import credit_profiles
from minesales_desktop.services.team import attendance, trainings
from tests.sync.conftest import Laptop, ServerProcess, as_user
from tests.sync.test_keyed_rows import (
    STEP,
    _everywhere,
    _rows,
    _synced_cleanly,
)

# Stored values are scaled integers: Money × 10 000, Score (hours, exam scores) × 100.
MONEY, SCORE = 10_000, 100


def _inbox(*laptops: Laptop) -> list[tuple[str, str, str, str, Any, Any]]:
    """Every conflict-inbox entry of the laptops: (laptop, table, row, field, mine, theirs).
    The loser files the field they lost whichever making reached the server first (a lost
    whole-row making is filed field by field: ``test_a_losing_making_pushed_second_…``)."""
    return [
        (lap.name, c.table, c.row_id, c.field, c.mine, c.theirs)
        for lap in laptops
        for c in lap.client.conflicts(include_resolved=True)
    ]


def _back_online(first: list[Laptop], then: list[Laptop]) -> None:
    """Everybody syncs twice, ``first`` before ``then`` each time (the second round picks up the
    others' rows); the server refuses nothing."""
    reports = [lap.sync() for _ in range(2) for lap in (*first, *then)]
    _synced_cleanly(*first, *then)  # nothing refused, nothing left to push
    assert [r.rejected for r in reports] == [0] * len(reports)


def _in_order(push: str, a: list[Laptop], b: list[Laptop]) -> tuple[list[Laptop], list[Laptop]]:
    return (a, b) if push == "first-maker-first" else (b, a)


def _everywhere_equal(
    server: ServerProcess, laptops: list[Laptop], read: Callable[[Engine], Any], expected: Any
) -> None:
    def check(db: Engine) -> None:
        assert read(db) == expected

    _everywhere(server, laptops, check)


# --- index quotes -----------------------------------------------------------------------------
INDEX = "PLATTS62"
# The same file on both laptops, except the price of 2026-10-13 (the office re-sent it).
CSV_MANAGER = "date,price\n2026-10-12,105.00\n2026-10-13,104.80\n"
CSV_ADMIN = "date,price\r\n2026-10-12,105\r\n2026-10-13,104.90\r\n"


def _quotes(index_id: str) -> Callable[[Engine], dict[str, tuple[str, int, str | None]]]:
    def read(db: Engine) -> dict[str, tuple[str, int, str | None]]:
        rows = _rows(
            db,
            "SELECT quote_date, id, price, owner_id FROM index_quotes"
            " WHERE index_id = :i AND NOT is_deleted",
            i=index_id,
        )
        days = [str(r[0]) for r in rows]
        assert len(days) == len(set(days)), f"two quotes for one day: {rows}"
        return {str(r[0]): (r[1], int(r[2]), r[3]) for r in rows}

    return read


@pytest.mark.parametrize("push", ["first-maker-first", "last-maker-first"])
def test_manager_and_admin_enter_and_import_the_same_prices_offline(
    server: ServerProcess, laptops, push: str
) -> None:
    """The office's price file reaches the manager and the administrator, who each type in
    Friday's price and import the file on their laptop without a network. One quote per day
    everywhere; the same price is nothing to decide; the one price that differs (the file was
    corrected before it reached the administrator) is the administrator's, made later, and the
    manager's inbox says so."""
    admin = laptops("admin", "admins-laptop")
    admin.sync()
    with as_user(admin) as (session, actor):
        index_id = price_indices.create(
            session,
            actor,
            {
                "code": INDEX,
                "name_zh": "普氏62%铁矿石指数",
                "name_en": "Platts IODEX 62% Fe CFR China",
                "currency": "USD",
                "unit": "USD/dmt",
            },
        ).id
    admin.sync()
    mgr = laptops("mgr", "managers-laptop")
    mgr.sync()
    admin_id = admin.user_id()

    with as_user(mgr) as (session, actor):
        index_quotes.set_quote(session, actor, index_id, "2026-10-09", "104.35")
        import_index_quotes_csv(session, actor, INDEX, CSV_MANAGER)
    time.sleep(STEP)
    with as_user(admin) as (session, actor):
        index_quotes.set_quote(session, actor, index_id, "2026-10-09", "104.350")
        import_index_quotes_csv(session, actor, INDEX, CSV_ADMIN)

    _back_online(*_in_order(push, [mgr], [admin]))

    def quote(day: str, price: str) -> tuple[str, int, str]:
        # Owned by the index's owner (the administrator made it), whoever entered the price.
        return keyed_id("index_quotes", index_id, day), int(Decimal(price) * MONEY), admin_id

    expected = {
        "2026-10-09": quote("2026-10-09", "104.35"),
        "2026-10-12": quote("2026-10-12", "105"),
        "2026-10-13": quote("2026-10-13", "104.90"),
    }
    _everywhere_equal(server, [mgr, admin], _quotes(index_id), expected)
    assert _inbox(mgr, admin) == [
        (mgr.name, "index_quotes", expected["2026-10-13"][0], "price", 1_048_000, 1_049_000)
    ]


# --- training attendance ----------------------------------------------------------------------
def _attendance(training_id: str) -> Callable[[Engine], dict[str, tuple[Any, ...]]]:
    def read(db: Engine) -> dict[str, tuple[Any, ...]]:
        rows = _rows(
            db,
            "SELECT user_id, id, attended, hours, exam_score, owner_id FROM training_attendance"
            " WHERE training_id = :t AND NOT is_deleted",
            t=training_id,
        )
        people = [r[0] for r in rows]
        assert len(people) == len(set(people)), f"two records for one person: {rows}"
        return {r[0]: (r[1], bool(r[2]), int(r[3]), r[4], r[5]) for r in rows}

    return read


@pytest.mark.parametrize("push", ["first-maker-first", "last-maker-first"])
def test_organiser_and_attendees_record_the_same_attendance_offline(
    server: ServerProcess, laptops, push: str
) -> None:
    """After a six-hour course the organiser (the manager) records everybody's attendance on
    their laptop, and two of the attendees record their own on theirs, all without a network.
    李强 records what the organiser recorded: nothing to decide. 赵敏 left early and records
    five hours, after the organiser recorded six: her five hours stand (made later), and the
    organiser's inbox — only theirs — has the six hours."""
    mgr = laptops("mgr", "organisers-laptop")
    mgr.sync()
    with as_user(mgr) as (session, actor):
        training_id = trainings.create(
            session,
            actor,
            {
                "title": "铁矿石计价与指数",
                "held_on": "2026-09-10",
                "hours": "6",
                "kind": "INTERNAL",
            },
        ).id
    mgr.sync()
    rep1, rep2 = laptops("rep1", "liqiangs-laptop"), laptops("rep2", "zhaomins-laptop")
    for laptop in (rep1, rep2):
        laptop.sync()
    li, zhao = rep1.user_id(), rep2.user_id()

    with as_user(mgr) as (session, actor):
        attendance.record(session, actor, training_id, li)
        attendance.record(session, actor, training_id, zhao)
    time.sleep(STEP)
    with as_user(rep1) as (session, actor):
        attendance.record(session, actor, training_id, li)
    with as_user(rep2) as (session, actor):
        attendance.record(session, actor, training_id, zhao, hours="5")

    _back_online(*_in_order(push, [mgr], [rep1, rep2]))

    def record(user_id: str, hours: int, exam: int | None) -> tuple[Any, ...]:
        row_id = keyed_id("training_attendance", training_id, user_id)
        return row_id, True, hours * SCORE, exam, user_id  # the attendee owns the record

    expected = {li: record(li, 6, None), zhao: record(zhao, 5, None)}
    _everywhere_equal(server, [mgr, rep1, rep2], _attendance(training_id), expected)
    assert _inbox(mgr, rep1, rep2) == [
        (mgr.name, "training_attendance", expected[zhao][0], "hours", 6 * SCORE, 5 * SCORE)
    ]


# --- credit profiles --------------------------------------------------------------------------
def _profiles(customer_ids: list[str]) -> Callable[[Engine], dict[str, tuple[Any, ...]]]:
    def read(db: Engine) -> dict[str, tuple[Any, ...]]:
        rows = [
            r
            for r in _rows(
                db,
                "SELECT customer_id, id, score, rating, credit_limit, credit_days, owner_id"
                " FROM credit_profiles WHERE NOT is_deleted",
            )
            if r[0] in customer_ids
        ]
        found = [r[0] for r in rows]
        assert len(found) == len(set(found)), f"two profiles for one customer: {rows}"
        return {r[0]: (r[1], r[2], str(r[3]), int(r[4]), r[5], r[6]) for r in rows}

    return read


@pytest.mark.parametrize("push", ["first-maker-first", "last-maker-first"])
def test_manager_and_admin_set_the_same_credit_terms_offline(
    server: ServerProcess, laptops, push: str
) -> None:
    """李强's two customers get their first credit profiles from his manager and from the
    administrator, each on their own laptop without a network. Baogang's terms are the same on
    both: nothing to decide. Jiugang's limit differs: the administrator's, set later, stands and
    the manager's inbox — only theirs — has the other limit. Each customer has one profile,
    owned like the customer, on the server and on all three laptops."""
    rep = laptops("rep1", "liqiangs-laptop")
    rep.sync()
    with as_user(rep) as (session, actor):
        baogang = customers.create(
            session, actor, {"code": "BG-01", "name_zh": "包头钢铁", "customer_type": "STEEL_MILL"}
        ).id
        jiugang = customers.create(
            session, actor, {"code": "JG-01", "name_zh": "酒泉钢铁", "customer_type": "STEEL_MILL"}
        ).id
    rep.sync()
    mgr, admin = laptops("mgr", "managers-laptop"), laptops("admin", "admins-laptop")
    for laptop in (mgr, admin):
        laptop.sync()
    rep_id = rep.user_id()

    def terms(customer_id: str, limit: str) -> dict[str, Any]:
        return {"customer_id": customer_id, "score": 85, "credit_limit": limit, "credit_days": 30}

    with as_user(mgr) as (session, actor):
        credit_profiles.create(session, actor, terms(baogang, "10000000"))
        credit_profiles.create(session, actor, terms(jiugang, "2000000"))
    time.sleep(STEP)
    with as_user(admin) as (session, actor):
        credit_profiles.create(session, actor, terms(baogang, "10000000.00"))
        credit_profiles.create(session, actor, terms(jiugang, "2500000"))

    _back_online(*_in_order(push, [mgr], [admin]))
    rep.sync()
    _synced_cleanly(rep)

    def profile(customer_id: str, limit: int) -> tuple[Any, ...]:
        row_id = keyed_id("credit_profiles", customer_id)
        return row_id, 85, "AA", limit * MONEY, 30, rep_id

    expected = {baogang: profile(baogang, 10_000_000), jiugang: profile(jiugang, 2_500_000)}
    _everywhere_equal(server, [mgr, admin, rep], _profiles([baogang, jiugang]), expected)
    assert _inbox(mgr, admin, rep) == [
        (
            mgr.name,
            "credit_profiles",
            expected[jiugang][0],
            "credit_limit",
            2_000_000 * MONEY,
            2_500_000 * MONEY,
        )
    ]


# --- the orders that went wrong: a making taken in part, and a making lost ---------------------
def test_a_winning_making_takes_what_the_server_kept_of_it(server: ServerProcess, laptops) -> None:
    """The organiser records 赵敏's six hours with her exam score; later 赵敏 records her five
    hours, without a score. Her making reaches the server second: her hours win (by the clock)
    and the exam score stays the organiser's (an empty value never beats a filled one). Her own
    laptop must take the score too: the answer that she won carries the row as the server has
    it (answered `conflict, won` alone, her laptop kept its empty score and the replicas
    differed for good)."""
    mgr = laptops("mgr", "organisers-laptop")
    mgr.sync()
    with as_user(mgr) as (session, actor):
        training_id = trainings.create(
            session, actor, {"title": "合同风险", "held_on": "2026-09-10", "hours": "6"}
        ).id
    mgr.sync()
    rep2 = laptops("rep2", "zhaomins-laptop")
    rep2.sync()
    zhao = rep2.user_id()
    with as_user(mgr) as (session, actor):
        attendance.record(session, actor, training_id, zhao, exam_score="88")
    time.sleep(STEP)
    with as_user(rep2) as (session, actor):
        attendance.record(session, actor, training_id, zhao, hours="5")

    _back_online([mgr], [rep2])

    row_id = keyed_id("training_attendance", training_id, zhao)
    expected = {zhao: (row_id, True, 5 * SCORE, 88 * SCORE, zhao)}
    _everywhere_equal(server, [mgr, rep2], _attendance(training_id), expected)


def test_a_losing_making_pushed_second_is_filed_by_field(server: ServerProcess, laptops) -> None:
    """The manager enters 104.80 for a day and the administrator, later, 104.90, both offline;
    the administrator syncs first, so the manager's whole making loses. The manager's inbox
    says which value was lost — the price, as when the manager syncs first, not one entry for
    the whole record ('(whole record)' on both sides) — and keeping it puts it back."""
    admin = laptops("admin", "admins-laptop")
    admin.sync()
    with as_user(admin) as (session, actor):
        index_id = price_indices.create(
            session,
            actor,
            {"code": INDEX, "name_zh": "普氏62%", "name_en": "Platts 62% Fe", "currency": "USD",
             "unit": "USD/dmt"},
        ).id  # fmt: skip
    admin.sync()
    mgr = laptops("mgr", "managers-laptop")
    mgr.sync()
    with as_user(mgr) as (session, actor):
        index_quotes.set_quote(session, actor, index_id, "2026-10-13", "104.80")
    time.sleep(STEP)
    with as_user(admin) as (session, actor):
        index_quotes.set_quote(session, actor, index_id, "2026-10-13", "104.90")

    _back_online([admin], [mgr])

    inbox = mgr.client.conflicts()
    assert [(c.table, c.field, c.mine, c.theirs) for c in inbox] == [
        ("index_quotes", "price", 1_048_000, 1_049_000)
    ]
    mgr.client.resolve_conflict(inbox[0].id, "mine")
    mgr.sync()
    admin.sync()
    prices = {day: price for day, (_, price, _) in _quotes(index_id)(admin.engine).items()}
    assert prices == {"2026-10-13": 1_048_000}
