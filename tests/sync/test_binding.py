"""A laptop database syncs with one server, as one account (``SyncClient._check_login``,
``_check_server``): pointed at another server or signed in as another user, the sync is refused
before anything is pushed or pulled, and nothing on either side changes. Before, the other
server refused the laptop's new records (they refer to rows it lacks) and the laptop took them
back: a rep's new customer ended on neither server. A server that moved to a new address is
the same server: it syncs, and the new address is recorded. Real server processes on
127.0.0.1 (SQLite)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from minesales_desktop.db.migrate import open_database
from minesales_desktop.sync.client import (
    AuthFailed,
    BoundElsewhere,
    Credentials,
    SyncClient,
    SyncReport,
)
from tests.sync.conftest import (
    FAST_RETRY,
    PASSWORD,
    Laptop,
    ServerProcess,
    _prepare_server,
    new_customer,
    server_rows,
)


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _other_server(tmp_path: Path) -> ServerProcess:
    """A second server of its own: a database set up as IT sets one up, with the same staff
    logins — under ids of its own, as every server makes them."""
    url = f"sqlite:///{tmp_path / 'other-server.db'}"
    _prepare_server(url)
    return ServerProcess(url, tmp_path / "other-server.log").start()


def _client(laptop: Laptop, url: str, login: str) -> tuple[SyncClient, list[str]]:
    """Another SyncClient on the laptop's database (the app restarted with other settings)
    and the paths of every request it makes."""
    client = SyncClient(laptop.engine, url, Credentials(login, PASSWORD), retry=FAST_RETRY)
    seen: list[str] = []
    client.http.event_hooks = {
        "request": [lambda request: seen.append(request.url.path)],
        "response": [],
    }
    return client, seen


def _sync_as(laptop: Laptop, url: str, login: str) -> SyncReport:
    """One sync of the laptop's database by another SyncClient (``_client``), then closed."""
    client, _seen = _client(laptop, url, login)
    try:
        return client.sync()
    finally:
        client.close()


def _state(laptop: Laptop) -> tuple[object, ...]:
    """What a refused sync must leave as it was: cursor, address, login, and the clock (a
    refused server's clock is not learnt)."""
    row = laptop.sql(
        "SELECT cursor, server_url, user_login, hlc, clock_offset_ms FROM sync_state WHERE id = 1"
    )
    return tuple(row[0])


def _customers(server: ServerProcess) -> int:
    return int(server_rows(server, "SELECT count(*) FROM customers")[0][0])


def test_a_database_refuses_to_sync_as_another_account(server: ServerProcess, laptops) -> None:
    rep: Laptop = laptops("rep1")
    rep.sync()
    mine = new_customer(rep, "BIND-1")
    before = _state(rep)
    client, seen = _client(rep, server.url, "mgr")
    try:
        with pytest.raises(BoundElsewhere) as refused:
            client.sync()
    finally:
        client.close()
    assert str(refused.value).startswith("This database syncs as rep1, not as mgr.")
    assert seen == ["/auth/token", "/sync/hello"], "refused at hello: nothing pushed or pulled"
    assert _state(rep) == before
    assert rep.client.pending_count() == 1
    assert _customers(server) == 0
    rep.sync()  # as its own account it syncs as before
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-1",)]


def test_a_server_with_fewer_changes_than_the_laptop_pulled_is_refused(
    server: ServerProcess, laptops, tmp_path: Path
) -> None:
    """Another server, newer than the laptop's: it holds fewer changes than the laptop has
    pulled from its own (or the laptop's server was restored from an older backup)."""
    office: Laptop = laptops("admin")
    rep: Laptop = laptops("rep1")
    office.sync()
    for n in range(3):  # the laptop's server has changes the laptop pulls
        new_customer(office, f"OFF-{n}", owner=office.user_id("rep1"))
    office.sync()
    rep.sync()
    mine = new_customer(rep, "BIND-2")
    before = _state(rep)
    assert int(before[0]) > 0
    other = _other_server(tmp_path)
    client, seen = _client(rep, other.url, "rep1")
    try:
        with pytest.raises(BoundElsewhere) as refused:
            client.sync()
    finally:
        client.close()
        other.stop()
    assert "restored from an older backup" in str(refused.value)
    assert "/sync/push" not in seen and "/sync/pull" not in seen
    assert _customers(other) == 0, "nothing reached the other server"
    assert _state(rep) == before, "cursor and address as they were"
    assert rep.sql("SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-2",)]
    assert rep.client.pending_count() == 1
    rep.sync()
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-2",)]


def test_another_server_with_more_changes_is_known_by_its_accounts(
    server: ServerProcess, laptops, tmp_path: Path
) -> None:
    """Another server that has seen more changes than the laptop pulled: its accounts have
    other ids than the laptop's (each server makes its own), so it is refused all the same."""
    rep: Laptop = laptops("rep1")
    rep.sync()
    mine = new_customer(rep, "BIND-3")
    other = _other_server(tmp_path)
    try:
        # The other server gets busy first: its head passes the laptop's cursor.
        engine = open_database(tmp_path / "busy-laptop.db", backup=False)
        client = SyncClient(engine, other.url, Credentials("admin", PASSWORD), retry=FAST_RETRY)
        busy = Laptop("busy", tmp_path / "busy-laptop.db", engine, client, "admin")
        try:
            busy.sync()
            for n in range(3):
                new_customer(busy, f"ELSE-{n}")
            busy.sync()
        finally:
            busy.close()
        head = int(server_rows(other, "SELECT coalesce(max(seq), 0) FROM sync_log")[0][0])
        before = _state(rep)
        assert head > int(before[0]), "the other server is ahead of the laptop's cursor"
        client, seen = _client(rep, other.url, "rep1")
        try:
            with pytest.raises(BoundElsewhere) as refused:
                client.sync()
        finally:
            client.close()
        assert str(refused.value).startswith(
            f"The account rep1 at {other.url} is not the account rep1 this database holds"
        )
        assert "/sync/push" not in seen and "/sync/pull" not in seen
        assert _customers(other) == 3, "the other server's own customers only"
        assert rep.sql("SELECT count(*) FROM customers WHERE code LIKE 'ELSE-%'") == [(0,)]
        assert _state(rep) == before
    finally:
        other.stop()
    assert rep.client.pending_count() == 1
    rep.sync()
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-3",)]


def test_the_same_server_at_a_new_address_syncs_and_the_address_is_recorded(
    server: ServerProcess, laptops
) -> None:
    rep: Laptop = laptops("rep1")
    rep.sync()
    old = server.url
    mine = new_customer(rep, "BIND-4")
    server.stop()
    server.start()  # another port: the server moved
    assert server.url != old
    with pytest.raises(httpx.ConnectError):
        httpx.get(old + "/health", timeout=1)
    report = _sync_as(rep, server.url, "rep1")
    assert report.applied == 1
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-4",)]
    assert _state(rep)[1] == server.url


def test_a_mistyped_login_at_the_first_sync_does_not_bind_the_database(
    server: ServerProcess, laptops
) -> None:
    """A first sync whose sign-in fails (a typo) leaves nothing bound to the typo: the right
    login syncs next, and is the one recorded."""
    rep: Laptop = laptops("rep1")
    mine = new_customer(rep, "BIND-5")
    with pytest.raises(AuthFailed):
        _sync_as(rep, server.url, "rep1x")
    report = rep.sync()
    assert report.applied == 1
    assert _state(rep)[2] == "rep1"
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-5",)]


def test_a_login_the_administrator_renamed_is_the_same_account(
    server: ServerProcess, laptops
) -> None:
    """The account is what binds, not its login: renamed on the server (here in its database),
    the rep signs in under the new login, and the laptop syncs and records it."""
    rep: Laptop = laptops("rep1")
    rep.sync()
    mine = new_customer(rep, "BIND-6")
    engine = server.engine()
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE users SET login = 'li.qiang' WHERE login = 'rep1'"))
    finally:
        engine.dispose()
    report = _sync_as(rep, server.url, "li.qiang")
    assert report.applied == 1
    assert _state(rep)[2] == "li.qiang"
    assert server_rows(server, "SELECT code FROM customers WHERE id = :i", i=mine) == [("BIND-6",)]
