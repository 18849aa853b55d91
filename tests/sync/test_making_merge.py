"""The merge around two makings of one keyed row, and the equal-value rule, in the orders that
can go wrong (found in review): every laptop ends with the server's row, nobody's value is lost
without an inbox entry, and the server's own changes still go by the clock.

A customer with an id chosen by the test stands for a keyed row (``ids.keyed_id``): two laptops
insert the same id offline, as two laptops opening the same appraisal do.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from minesales_desktop.services.performance import kpi_targets
from minesales_desktop.sync.client import Credentials
from minesales_desktop.sync.server.auth import set_user_password
from tests.sync.conftest import Laptop, ServerProcess, as_user, new_customer
from tests.sync.test_keyed_rows import PERIOD, _department, _kpi_ids

STEP = 0.05  # between offline steps whose order matters (more than the clock offset's error)


_ROW = "SELECT name_zh, notes, is_deleted FROM customers WHERE id = :i"


def _everywhere(server: ServerProcess, laps: list[Laptop], cid: str) -> tuple[Any, ...]:
    """The row on the server, after checking every laptop holds exactly the same."""
    engine = server.engine()
    try:
        with engine.connect() as conn:
            on_server = tuple(conn.execute(text(_ROW), {"i": cid}).one())
    finally:
        engine.dispose()
    for lap in laps:
        assert tuple(lap.sql(_ROW, i=cid)[0]) == on_server, lap.name
        assert lap.client.pending_count() == 0, lap.name
    return on_server


def _inbox(lap: Laptop) -> list[tuple[str, str, Any, Any]]:
    return [(c.field, c.kind, c.mine, c.theirs) for c in lap.client.conflicts()]


def test_a_making_that_wins_one_field_and_gives_way_on_another(
    server: ServerProcess, laptops
) -> None:
    """B makes the row and then edits its notes; A makes it later with other values. A's
    making wins the name (two makings: the clock) and gives way on the notes (B's edit): A's
    laptop must take the notes from the answer, not keep its own."""
    a, b = laptops("admin", "A"), laptops("admin", "B")
    a.sync()
    b.sync()
    cid = str(uuid.uuid4())
    new_customer(b, id=cid, code="K1", name_zh="乙方名称", notes="乙的备注")
    time.sleep(STEP)
    new_customer(a, id=cid, code="K1", name_zh="甲方名称", notes="甲的备注")
    time.sleep(STEP)
    b.sql("UPDATE customers SET notes = '乙改过的备注' WHERE id = :i", i=cid)
    for lap in (b, a, b, a):
        lap.sync()
    assert _everywhere(server, [a, b], cid) == ("甲方名称", "乙改过的备注", 0)
    assert _inbox(b) == [("name_zh", "value", "乙方名称", "甲方名称")]
    assert _inbox(a) == []  # A's notes were where its row started; B edited them after


@pytest.mark.parametrize("first", ["deleter", "maker"])
def test_a_making_against_a_delete_keeps_the_row_and_tells_the_deleter(
    server: ServerProcess, laptops, first: str
) -> None:
    """A makes the row and deletes it; B makes the same row later. In either push order the row
    stays (as an edit against a delete does) and A, the deleter, finds it in the inbox, with the
    name its making lost to B's later making (two makings: the clock)."""
    a, b = laptops("admin", "A"), laptops("admin", "B")
    a.sync()
    b.sync()
    cid = str(uuid.uuid4())
    new_customer(a, id=cid, code="K2", name_zh="甲方名称")
    time.sleep(STEP)
    a.sql("UPDATE customers SET is_deleted = 1 WHERE id = :i", i=cid)
    time.sleep(STEP)
    new_customer(b, id=cid, code="K2", name_zh="乙方名称")
    order = (a, b) if first == "deleter" else (b, a)
    for lap in (*order, *order):
        lap.sync()
    assert _everywhere(server, [a, b], cid) == ("乙方名称", None, 0), "the row stays"
    assert sorted((f, k) for f, k, _m, _t in _inbox(a)) == [
        ("is_deleted", "delete"),
        ("name_zh", "value"),
    ]
    assert _inbox(b) == []


@pytest.mark.parametrize("order", ["BAC", "BCA"])
def test_the_newest_of_three_edits_wins_in_any_order(
    server: ServerProcess, laptops, order: str
) -> None:
    """B sets V, C sets W, A sets V again last: V wins whoever syncs first. (A's V equals B's
    value on the server; it is still recorded with A's newer stamp, or C's older W would win
    when A happens to sync before C.)"""
    laps = {n: laptops("admin", n) for n in "ABC"}
    a, b, c = laps["A"], laps["B"], laps["C"]
    a.sync()
    cid = str(uuid.uuid4())
    new_customer(a, id=cid, code="K3", name_zh="原名")
    for lap in (a, b, c):
        lap.sync()
    for lap, value in ((b, "V"), (c, "W"), (a, "V")):
        lap.sql("UPDATE customers SET name_zh = :v WHERE id = :i", v=value, i=cid)
        time.sleep(STEP)
    for name in order:
        laps[name].sync()
    for lap in (a, b, c):
        lap.sync()
    assert _everywhere(server, [a, b, c], cid)[0] == "V"
    lost = [(lap.name, f, m) for lap in (a, b, c) for f, _k, m, _t in _inbox(lap)]
    # C's W is in C's inbox; in B, C, A order B was also told when C's W overwrote its V.
    expected = (
        [("C", "name_zh", "W")]
        if order == "BAC"
        else [("B", "name_zh", "V"), ("C", "name_zh", "W")]
    )
    assert sorted(lost) == expected


def test_a_lost_target_reads_per_field_and_can_be_kept(server: ServerProcess, laptops) -> None:
    """The manager sets a target, the administrator the same one later with another value, and
    the administrator syncs first: the manager's making loses as a whole row, but the inbox
    names the field (target_value), and "keep mine" puts the manager's value back."""
    admin, rep, mgr = _department(server, laptops)
    rep_id = rep.user_id()
    kpis = _kpi_ids(admin.engine)
    with as_user(mgr) as (session, actor):
        kpi_targets.set_target(session, actor, kpis["SALES_VOLUME"], rep_id, PERIOD, "15000")
    time.sleep(STEP)
    with as_user(admin) as (session, actor):
        kpi_targets.set_target(session, actor, kpis["SALES_VOLUME"], rep_id, PERIOD, "18000")
    for lap in (admin, mgr, admin, mgr):
        lap.sync()
    inbox = mgr.client.conflicts()
    assert [(c.field, c.mine, c.theirs) for c in inbox] == [
        ("target_value", 15000 * 10_000, 18000 * 10_000)
    ]
    mgr.client.resolve_conflict(inbox[0].id, "mine")
    assert mgr.client.pending_count() == 1
    for lap in (mgr, admin):
        lap.sync()
    sql = "SELECT target_value FROM kpi_targets WHERE user_id = :u AND period = :p"
    for lap in (mgr, admin):
        assert lap.sql(sql, u=rep_id, p=PERIOD) == [(15000 * 10_000,)], lap.name


def test_a_password_reset_on_the_server_beats_an_older_laptop_edit(
    server: ServerProcess, laptops
) -> None:
    """The server's own changes are whole-row entries too (``record_change``), but not makings
    of a keyed row: IT's later password reset stays over a change the laptop made earlier
    offline, and the laptop is told (as before keyed rows)."""
    rep = laptops("rep1", "R")
    rep.sync()
    rid = rep.user_id()
    rep.sql("UPDATE users SET password_hash = 'laptop-offline-hash' WHERE id = :i", i=rid)
    time.sleep(STEP)
    store = server.store()
    try:
        set_user_password(store, "rep1", "brand-new-pass-1")
        with store.reader.connect() as conn:
            reset = conn.execute(
                text("SELECT password_hash FROM users WHERE id = :i"), {"i": rid}
            ).scalar_one()
    finally:
        store.dispose()
    rep.client.credentials = Credentials("rep1", "brand-new-pass-1")
    rep.client.token = None
    rep.sync()
    engine = server.engine()
    try:
        with engine.connect() as conn:
            on_server = conn.execute(
                text("SELECT password_hash FROM users WHERE id = :i"), {"i": rid}
            ).scalar_one()
    finally:
        engine.dispose()
    assert on_server == reset != "laptop-offline-hash"
    assert [(f, m) for f, _k, m, _t in _inbox(rep)] == [("password_hash", "laptop-offline-hash")]


def test_an_edit_after_the_first_making_beats_an_equal_second_making(
    server: ServerProcess, laptops
) -> None:
    """A makes the row and syncs, then corrects the name offline; B makes the same row later with
    the values A made it with. B's making agrees with where the row started: A's correction
    stays, and nobody has anything to decide."""
    a, b = laptops("admin", "A"), laptops("admin", "B")
    a.sync()
    b.sync()
    cid = str(uuid.uuid4())
    new_customer(a, id=cid, code="E1", name_zh="同名")
    a.sync()
    a.sql("UPDATE customers SET name_zh = '甲改过的名称' WHERE id = :i", i=cid)
    time.sleep(STEP)
    new_customer(b, id=cid, code="E1", name_zh="同名")
    for lap in (b, a, b):
        lap.sync()
    assert _everywhere(server, [a, b], cid)[0] == "甲改过的名称"
    assert _inbox(a) == [] and _inbox(b) == []


@pytest.mark.parametrize("order", ["ABC", "ACB", "CBA"])
def test_three_makings_end_the_same_in_any_push_order(
    server: ServerProcess, laptops, order: str
) -> None:
    """A, B and C make the same rows in that clock order (say an attendance the organiser, the
    manager and the attendee each record): the newest making's name wins whoever pushes first,
    the others find their names in the inbox, and C's notes (the only filled ones) stay."""
    laps = {n: laptops("admin", n) for n in "ABC"}
    for lap in laps.values():
        lap.sync()
    same, names = str(uuid.uuid4()), str(uuid.uuid4())
    for n, name in zip("ABC", ("甲", "乙", "丙"), strict=True):
        notes = "丙的备注" if n == "C" else None
        new_customer(laps[n], id=same, code="T1", name_zh="同名", notes=notes)
        new_customer(laps[n], id=names, code="T2", name_zh=name)
        time.sleep(STEP)
    for n in order * 2:
        laps[n].sync()
    all_laps = list(laps.values())
    assert _everywhere(server, all_laps, same) == ("同名", "丙的备注", 0)
    assert _everywhere(server, all_laps, names)[0] == "丙"
    lost = sorted((lap.name, f, m) for lap in all_laps for f, _k, m, _t in _inbox(lap))
    assert lost == [("A", "name_zh", "甲"), ("B", "name_zh", "乙")]
