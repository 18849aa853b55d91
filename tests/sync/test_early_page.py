"""The first pull page comes with the answer to a push's last batch (``PushRequest.pull``): a
sync that pushes makes one round trip less — on a satellite link, 600 ms less per sync."""

from __future__ import annotations

import pytest

from minesales_desktop.sync.protocol import parse_push
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
