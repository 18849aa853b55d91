"""The first pull page comes with the answer to a push's last batch (``PushRequest.pull``): a
sync that pushes makes one round trip less — on a satellite link, 600 ms less per sync."""

from __future__ import annotations

import pytest

from minesales_desktop.models.enums import Role
from minesales_desktop.sync.protocol import parse_push
from minesales_desktop.sync.server.auth import disable_user
from minesales_desktop.sync.server.scopes import Viewer
from minesales_desktop.sync.server.store import FAULT_ENV
from tests.sync.conftest import Laptop, ServerProcess, converged, new_customer, server_rows


def test_a_push_brings_the_changes_of_others_without_a_pull_request(
    server: ServerProcess, laptops
) -> None:
    a: Laptop = laptops("mgr", batch_size=2)
    b: Laptop = laptops("admin")
    a.sync()
    b.sync()
    a.sync()  # signed in, cursor at the head: the next sync's requests are hello + pushes
    owner = a.user_id("rep1")
    theirs = new_customer(b, "EB1", owner=owner)
    b.sync()
    mine = [new_customer(a, f"EA{n}", owner=owner) for n in range(3)]  # two batches
    report = a.sync()
    assert report.applied == 3 and report.pulled == 1
    assert report.round_trips == 1 + 2, "hello and two pushes: the page came with the last"
    assert a.sql("SELECT code FROM customers WHERE id = :i", i=theirs) == [("EB1",)]
    assert a.client.pending_count() == 0
    b.sync()
    assert {r[0] for r in b.sql("SELECT id FROM customers")} >= set(mine)
    converged(server, a, b)


def test_a_page_with_more_behind_it_goes_on_by_pull(server: ServerProcess, laptops) -> None:
    a: Laptop = laptops("mgr", pull_limit=2)
    b: Laptop = laptops("admin")
    a.sync()
    b.sync()
    a.sync()
    owner = a.user_id("rep1")
    theirs = [new_customer(b, f"EM{n}", owner=owner) for n in range(5)]
    b.sync()
    new_customer(a, "EMINE", owner=owner)
    report = a.sync()
    assert report.pulled == 5
    # hello, the push (with the first page of 2), then pulls for 2 and 1
    assert report.round_trips == 1 + 1 + 2
    assert {r[0] for r in a.sql("SELECT id FROM customers")} >= set(theirs)
    b.sync()
    converged(server, a, b)


def test_without_a_page_in_the_answer_the_laptop_pulls(server: ServerProcess, laptops) -> None:
    """A page that cannot be read is left out of the answer, the batch stored all the same (and
    an older server never sends one): the laptop pulls as it did before, nothing missed."""
    server.stop()
    server.start(env={FAULT_ENV: "page-unreadable"})
    a: Laptop = laptops("mgr")
    b: Laptop = laptops("admin")
    a.sync()
    b.sync()
    a.sync()
    owner = a.user_id("rep1")
    theirs = new_customer(b, "NP1", owner=owner)
    b.sync()
    mine = new_customer(a, "NP2", owner=owner)
    report = a.sync()
    assert (report.applied, report.pulled) == (1, 1)
    assert report.round_trips == 1 + 1 + 1, "hello, the push answered without a page, a pull"
    assert a.sql("SELECT code FROM customers WHERE id = :i", i=theirs) == [("NP1",)]
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("NP2",)]
    assert "could not be read" in server.log.read_text()
    assert a.client.pending_count() == 0
    b.sync()
    converged(server, a, b)


def test_edits_made_after_the_last_batch_are_pulled_next_time(
    server: ServerProcess, laptops
) -> None:
    """The page is read when the last batch is stored: a change another laptop pushes after
    that arrives with the next sync, not lost."""
    a: Laptop = laptops("mgr")
    b: Laptop = laptops("admin")
    a.sync()
    b.sync()
    owner = a.user_id("rep1")
    new_customer(a, "EL1", owner=owner)
    late: list[str] = []

    def b_pushes_after_the_last_answer(progress) -> None:  # type: ignore[no-untyped-def]
        if progress.phase == "push" and progress.total and progress.done >= progress.total:
            if not late:
                late.append(new_customer(b, "EL-LATE", owner=owner))
                b.sync()

    report = a.sync(progress=b_pushes_after_the_last_answer)
    assert late and report.applied == 1
    assert (report.pulled, report.round_trips) == (0, 2), "hello and the push with its page"
    assert a.sql("SELECT code FROM customers WHERE id = :i", i=late[0]) == []
    on_server = server_rows(server, "SELECT code FROM customers WHERE id = :i", i=late[0])
    assert on_server == [("EL-LATE",)]
    a.sync()
    assert a.sql("SELECT code FROM customers WHERE id = :i", i=late[0]) == [("EL-LATE",)]
    converged(server, a, b)


@pytest.mark.parametrize(
    "pull",
    ["5", '{"cursor": -1}', '{"cursor": "3"}', '{"cursor": 3, "limit": 0}', '{"limit": 10}'],
)
def test_a_malformed_pull_ask_is_refused_with_a_reason(pull: str) -> None:
    body = f'{{"node":"n","schema":"s","batch":"b","ops":[],"pull":{pull}}}'.encode()
    with pytest.raises(ValueError, match="pull"):
        parse_push(body)
    ok = parse_push(b'{"node":"n","schema":"s","batch":"b","ops":[],"pull":{"cursor":3}}')
    assert ok.pull == (3, 2000)


def test_the_page_shows_what_the_user_may_see_when_it_is_read(
    server: ServerProcess, laptops
) -> None:
    """A push that asks for a page is signed in before it waits for the write lock; a role or an
    account changed meanwhile counts for the page: no row leaks to a user who lost the right to
    it, none is hidden from one who gained it, and a disabled account gets nothing."""
    admin = laptops("admin")
    admin.sync()
    ids = {login: admin.user_id(login) for login in ("mgr", "rep1", "rep2")}
    mine = new_customer(admin, "V1", owner=ids["rep1"])
    theirs = new_customer(admin, "V2", owner=ids["rep2"])
    admin.sync()
    store = server.store()
    try:

        def customers(viewer: Viewer) -> set[str]:
            page = store.pull(viewer, "another-node", 0, 1000)
            return {c.r for c in page.changes if c.t == "customers"}

        # rep1 is a rep now, whatever the sign-in saw before
        assert customers(Viewer(ids["rep1"], Role.ADMIN.value, None)) == {mine}
        # mgr manages the team now: the team's customers come in
        assert customers(Viewer(ids["mgr"], Role.REP.value, None)) == {mine, theirs}
        disable_user(store, "rep2")
        page = store.pull(Viewer(ids["rep2"], Role.REP.value, None), "another-node", 1, 1000)
        assert (page.changes, page.cursor, page.more) == ([], 1, False)
    finally:
        store.dispose()
