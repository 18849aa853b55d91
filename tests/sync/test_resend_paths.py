"""Two paths of a sync around its pull (docs/sync-protocol.md §5, steps 3 and 4): a server from
before ``/sync/resend`` (it answers 404), and the first pull page that came with the push's last
answer thrown away because the laptop's cursor moved while it pushed (another sync on the same
laptop file: the app and the CLI at once). A real server process on 127.0.0.1 (SQLite and
PostgreSQL)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from minesales_desktop.services.customers import customers
from minesales_desktop.sync.client import RESENT, Credentials, SyncClient
from minesales_desktop.sync.server.store import FAULT_ENV
from tests.sync.conftest import (
    FAST_RETRY,
    PASSWORD,
    Laptop,
    ServerProcess,
    as_user,
    converged,
    new_customer,
    pull_only,
    server_rows,
)
from tests.sync.test_pull_clash import USCC, _customer, _ids, _rep_and_manager

CLIENT_LOG = "minesales_desktop.sync.client"


def _exchanges(client: SyncClient) -> list[tuple[str, int]]:
    """Every request the client makes from now on, with its answer's status: (path, status)."""
    seen: list[tuple[str, int]] = []

    def note(response: httpx.Response) -> None:
        seen.append((response.request.url.path, response.status_code))

    client.http.event_hooks = {"request": [], "response": [note]}
    return seen


def _paths(seen: list[tuple[str, int]]) -> list[str]:
    return [path for path, _status in seen]


def _stage_apply_entry(office: Laptop, site: Laptop) -> tuple[str, str]:
    """As in test_pull_clash: the site edits its customer's USCC offline onto the one the
    office gave a new customer, and pulls that customer before pushing the edit — an open
    read-only ``apply`` entry for the office's customer, which the site lacks. Returns (the
    site's customer, the office's)."""
    mine = _customer(site, "BT-2", uscc=None)
    site.sync()
    theirs = _customer(office, "BT-1")
    office.sync()
    with as_user(site) as (session, actor):
        customers.update(session, actor, mine, {"uscc": USCC})
    pull_only(site)
    [entry] = site.client.conflicts()
    assert (entry.table, entry.row_id, entry.kind, entry.resolved) == (
        "customers",
        theirs,
        "apply",
        None,
    )
    assert _ids(site, "customers") == [mine]
    return mine, theirs


def test_an_older_server_without_resend_leaves_the_entry_open_and_is_not_asked_again(
    server: ServerProcess, laptops: Callable[..., Laptop], caplog: pytest.LogCaptureFixture
) -> None:
    """A server from before ``/sync/resend`` answers it 404. The sync goes on to its pull, the
    entry stays open, and the client remembers that server (``_no_resend``): no ask at every
    sync, not even once the server is updated, while the app runs. The app started again (a new
    client) asks, and the row comes as it is now."""
    server.stop()
    server.start(env={FAULT_ENV: "no-resend"})
    office, site = _rep_and_manager(laptops)
    mine, theirs = _stage_apply_entry(office, site)
    [entry] = site.client.conflicts()
    fine = _customer(office, "BT-3", uscc=None)  # no clash: this one the sync still pulls
    office.sync()

    seen = _exchanges(site.client)
    with caplog.at_level(logging.INFO, logger=CLIENT_LOG):
        report = site.sync()
    assert report.rejected == 1, "the edit was pushed and refused (the USCC is taken)"
    assert site.sql("SELECT uscc FROM customers WHERE id = :c", c=mine) == [(None,)]
    assert ("/sync/resend", 404) in seen
    assert _paths(seen) == ["/sync/hello", "/sync/push", "/sync/resend"]
    # hello, the push (its answer brought the first page), the ask answered 404
    assert report.round_trips == 3
    assert report.pulled >= 1 and _ids(site, "customers") == sorted([mine, fine])
    assert [(c.id, c.resolved) for c in site.client.conflicts(include_resolved=True)] == [
        (entry.id, None)
    ], "the entry stays open, not closed as resent"
    assert site.client._no_resend == server.url
    said = [
        r
        for r in caplog.records
        if r.name == CLIENT_LOG and "cannot log rows again (an older version)" in r.getMessage()
    ]
    assert [(r.levelno, r.getMessage()) for r in said] == [
        (
            logging.INFO,
            "the server cannot log rows again (an older version); entries stay open",
        )
    ]

    seen.clear()
    report = site.sync()  # nothing to push, nothing new: no ask either
    assert _paths(seen) == ["/sync/hello"] and report.round_trips == 1
    assert [c.id for c in site.client.conflicts()] == [entry.id]

    # The office changes its customer: a change of a row the site lacks, nothing to apply to.
    with as_user(office) as (session, actor):
        customers.update(session, actor, theirs, {"city": "包头"})
    office.sync()
    # The server is updated at the same address; this app still remembers the 404.
    port = server.port
    server.stop()
    server.start(port=port)
    assert server.url == site.client.server_url
    seen.clear()
    report = site.sync()
    assert "/sync/resend" not in _paths(seen)
    assert report.round_trips == 2, "hello and the pull of the office's change"
    assert _ids(site, "customers") == sorted([mine, fine])
    assert [c.id for c in site.client.conflicts()] == [entry.id]

    # The app is started again: a new client asks, and the row comes as it is now.
    site.client.close()
    site.client = SyncClient(
        site.engine, server.url, Credentials(site.login, PASSWORD), retry=FAST_RETRY
    )
    assert site.client._no_resend is None
    seen = _exchanges(site.client)
    report = site.sync()
    assert seen == [
        ("/auth/token", 200),
        ("/sync/hello", 200),
        ("/sync/resend", 200),
        ("/sync/pull", 200),
    ]
    assert report.pulled >= 1
    assert _ids(site, "customers") == sorted([mine, theirs, fine])
    assert site.sql("SELECT city, uscc FROM customers WHERE id = :c", c=theirs) == [("包头", USCC)]
    assert site.client.conflicts() == []
    assert [(c.id, c.resolved) for c in site.client.conflicts(include_resolved=True)] == [
        (entry.id, RESENT)
    ]
    assert site.client.pending_count() == 0
    converged(server, site)
    seen.clear()
    assert site.sync().round_trips == 1 and _paths(seen) == ["/sync/hello"], "asked once"


@pytest.mark.parametrize("other", ["pull", "sync"])
def test_the_pushs_page_is_thrown_away_when_another_sync_on_the_laptop_moved_the_cursor(
    server: ServerProcess, laptops: Callable[..., Laptop], other: str
) -> None:
    """The page that came with the push's last answer was read from the cursor the push began
    with (``_push_cursor``). A second client on the same laptop file (the CLI while the app
    syncs) pulls — or syncs — after that answer came and before this sync's pull, and another
    laptop changed a row in between: the page is older than what the laptop holds now. It is
    thrown away and the laptop pulls from where the cursor is: no change applied twice, none
    taken back to an older value, the cursor never set back."""
    a: Laptop = laptops("mgr", "app")
    b: Laptop = laptops("admin")
    a.sync()
    b.sync()
    a.sync()  # signed in, the cursor at the head
    owner = a.user_id("rep1")
    theirs = new_customer(b, "MV1", owner=owner, name_zh="旧名称")
    b.sync()
    mine = new_customer(a, "MV2", owner=owner)
    cli = Laptop(
        "cli",
        a.path,
        a.engine,
        SyncClient(a.engine, server.url, Credentials(a.login, PASSWORD), retry=FAST_RETRY),
        a.login,
    )
    moved: list[tuple[int, int]] = []
    pulled_by_cli: list[int] = []

    def the_cli_meanwhile(progress: Any) -> None:
        # After the push's last answer (its page in hand), before the pull.
        if progress.phase != "push" or not progress.total or progress.done < progress.total:
            return
        if moved:
            return
        b.sql("UPDATE customers SET name_zh = '新名称' WHERE id = :i", i=theirs)
        b.sync()
        before = cli.client._cursor()
        if other == "pull":
            pull_only(cli)
        else:
            pulled_by_cli.append(cli.sync().pulled)
        moved.append((before, cli.client._cursor()))

    try:
        report = a.sync(progress=the_cli_meanwhile)
    finally:
        cli.client.close()  # not ``cli.close()``: the engine is the app's
    assert moved, "the other client ran while the push was on"
    before, after = moved[0]
    assert before == a.client._push_cursor < after, "the cursor moved during the push"
    # The laptop holds the row as it is now, not as the page had it when it was read.
    assert a.sql("SELECT name_zh FROM customers WHERE id = :i", i=theirs) == [("新名称",)]
    assert a.client._cursor() >= after, "the cursor is never set back"
    assert report.applied == 1
    assert report.pulled == 0, "nothing pulled twice: the other client applied it"
    if other == "sync":
        assert pulled_by_cli and pulled_by_cli[0] >= 1
    # hello, the push (its page thrown away), a pull from the cursor as it is now
    assert report.round_trips == 3
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("MV2",)]
    assert a.client.pending_count() == 0
    converged(server, a, b)

    report = a.sync()
    assert report.pushed == 0 and report.pulled == 0
    assert a.sql("SELECT count(*) FROM sync_outbox") == [(0,)]
    b.sync()
    converged(server, a, b)
