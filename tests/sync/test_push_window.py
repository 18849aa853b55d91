"""Several push batches in flight (``HelloReply.window``): the server applies one laptop's
batches in the order it sent them, whichever arrives first; a batch whose predecessor never
comes is refused (409 ``out_of_order``) and changes nothing; the laptop's own pipelined push
ends with every op applied in capture order. A real server process on 127.0.0.1 (SQLite and
PostgreSQL)."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import httpx
import orjson
import pytest

from minesales_desktop.sync import hlc
from minesales_desktop.sync.client import RetryPolicy, SyncUnavailable
from minesales_desktop.sync.protocol import (
    PUSH_WINDOW,
    PushReply,
    compress,
    decompress,
    dumps,
    expand_reply,
)
from minesales_desktop.sync.server.app import ORDER_WAIT_ENV
from tests.sync.conftest import (
    DOMAIN_TABLES,
    PASSWORD,
    ServerProcess,
    new_contact,
    new_customer,
    server_rows,
    table_state,
)
from tests.sync.test_robustness import CuttingProxy


class _Raw:
    """Push requests written by hand, as one laptop (node ``n1``) signed in as admin."""

    def __init__(self, server: ServerProcess, schema: str) -> None:
        self.url = server.url
        self.schema = schema
        token = httpx.post(
            server.url + "/auth/token", content=dumps({"login": "admin", "password": PASSWORD})
        ).json()["token"]
        self.headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "zstd"}

    def hello(self) -> int:
        """A hello of node ``n1``: the session number of the sync it starts."""
        body = compress(
            dumps({"node": "n1", "schema": self.schema, "cursor": 0, "client_ms": hlc.wall_ms()}),
            "zstd",
        )
        answer = httpx.post(self.url + "/sync/hello", content=body, headers=self.headers)
        assert answer.status_code == 200, answer.text
        return int(answer.json()["session"])

    def push(
        self,
        batch: str,
        ops: list[dict[str, Any]],
        after: str | None,
        session: int | None = None,
    ) -> httpx.Response:
        message: dict[str, Any] = {"node": "n1", "schema": self.schema, "batch": batch, "ops": ops}
        if after is not None:
            message["after"] = after
        if session is not None:
            message["session"] = session
        body = compress(dumps(message), "zstd")
        return httpx.post(self.url + "/sync/push", content=body, headers=self.headers, timeout=60)


def _customer_op(code: str) -> tuple[str, dict[str, Any]]:
    cid = str(uuid.uuid4())
    value = {
        "code": code,
        "name_zh": f"顺序{code}",
        "customer_type": "STEEL_MILL",
        "tier": "A",
        "status": "ACTIVE",
        "created_at": "2026-01-01 00:00:00.000000",
        "updated_at": "2026-01-01 00:00:00.000000",
        "is_deleted": 0,
    }
    op = {"t": "customers", "r": cid, "f": "*", "v": value, "h": hlc.pack(hlc.wall_ms()), "b": 0}
    return cid, op


def _edit_op(cid: str, notes: str) -> dict[str, Any]:
    return {
        "i": uuid.uuid4().hex[:24],
        "t": "customers",
        "r": cid,
        "f": "notes",
        "v": notes,
        "h": hlc.pack(hlc.wall_ms()) + 1,
        "b": 0,
    }


def test_a_batch_that_arrives_first_waits_for_the_one_it_follows(
    server: ServerProcess, laptops
) -> None:
    """Batch 2 edits the customer batch 1 makes and arrives first: it is held until batch 1
    is stored, then applied (not refused as an edit of a row the server does not have)."""
    a = laptops("admin")
    a.sync()
    raw = _Raw(server, a.client.schema)
    cid, make = _customer_op("W1")
    answers: dict[str, httpx.Response] = {}
    early = threading.Thread(
        target=lambda: answers.setdefault("b2", raw.push("b2", [_edit_op(cid, "第二批")], "b1"))
    )
    early.start()
    time.sleep(1.0)
    assert "b2" not in answers, "batch 2 was answered before batch 1 arrived"
    assert server_rows(server, "SELECT id FROM customers WHERE id = :i", i=cid) == []
    first = raw.push("b1", [make], None)
    early.join(30)
    assert first.status_code == 200 and answers["b2"].status_code == 200, answers["b2"].text
    result = expand_reply(PushReply.model_validate(answers["b2"].json()))[0]
    assert result.s == "applied"
    notes = server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=cid)
    assert notes == [("第二批",)]
    # Order in the log: the making, then the edit.
    fields = server_rows(server, "SELECT field FROM sync_log WHERE row_id = :i ORDER BY seq", i=cid)
    assert fields == [("*",), ("notes",)]


def test_a_batch_whose_predecessor_never_comes_is_refused_and_changes_nothing(
    server: ServerProcess, laptops
) -> None:
    server.stop()
    server.start(env={ORDER_WAIT_ENV: "1.5"})
    a = laptops("admin")
    a.sync()
    raw = _Raw(server, a.client.schema)
    cid, make = _customer_op("W2")
    started = time.monotonic()
    refused = raw.push("c2", [make], "c1-never-sent")
    waited = time.monotonic() - started
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"] == "out_of_order"
    assert 1.0 <= waited < 15, waited
    assert server_rows(server, "SELECT id FROM customers WHERE id = :i", i=cid) == []
    assert server_rows(server, "SELECT 1 FROM sync_batches WHERE batch_id = 'c2'") == []
    # The same batch once its predecessor is stored: applied once.
    other_cid, other = _customer_op("W3")
    assert raw.push("c1-never-sent", [other], None).status_code == 200
    again = raw.push("c2", [make], "c1-never-sent")
    assert again.status_code == 200
    assert server_rows(server, "SELECT count(*) FROM customers WHERE id IN (:a, :b)", a=cid,
                        b=other_cid) == [(2,)]  # fmt: skip


@pytest.mark.parametrize("refusal", ["sign-in", "schema"])
def test_a_batch_following_a_refused_one_is_answered_at_once(
    server: ServerProcess, laptops, refusal: str
) -> None:
    """The predecessor is refused (a bad sign-in; a laptop schema the server does not take):
    the batch waiting for it is answered 409 then, not after the whole wait."""
    a = laptops("admin")
    a.sync()
    raw = _Raw(server, a.client.schema)
    _cid, make = _customer_op("W4")
    answers: dict[str, Any] = {}

    def later() -> None:
        started = time.monotonic()
        answers["d2"] = raw.push("d2", [make], "d1")
        answers["waited"] = time.monotonic() - started

    waiting = threading.Thread(target=later)
    waiting.start()
    time.sleep(0.5)
    schema = a.client.schema if refusal == "sign-in" else "0001"
    body = compress(dumps({"node": "n1", "schema": schema, "batch": "d1", "ops": []}), "zstd")
    headers = dict(raw.headers)
    if refusal == "sign-in":
        headers["Authorization"] = "Bearer not-a-token"
    bad = httpx.post(server.url + "/sync/push", content=body, headers=headers)
    assert bad.status_code == (401 if refusal == "sign-in" else 426)
    waiting.join(30)
    assert answers["d2"].status_code == 409
    assert answers["waited"] < 10


@pytest.mark.parametrize("window", [PUSH_WINDOW, 1])
def test_a_pipelined_push_applies_every_op_in_capture_order(
    server: ServerProcess, laptops, window: int
) -> None:
    """Many small batches, several in flight: every op applied once, in the laptop's capture
    order (each customer before its contact and its edit), and both sides agree. ``window=1``
    is a laptop of the version before windows: one connection, one batch at a time."""
    proxy = CuttingProxy(server.port)
    try:
        a = laptops("mgr", batch_size=3, window=window)
        a.client.server_url = f"http://127.0.0.1:{proxy.port}"
        a.client.http.base_url = httpx.URL(a.client.server_url)
        b = laptops("admin")
        a.sync()
        owner = a.user_id("rep1")
        made = []
        for i in range(40):
            cid = new_customer(a, f"P{i}", owner=owner)
            made.append(cid)
            new_contact(a, cid, f"联系人{i}")
            a.sql("UPDATE customers SET notes = :n WHERE id = :i", n=f"第{i}次", i=cid)
        captured = a.sql("SELECT op_id FROM sync_outbox ORDER BY id")
        report = a.sync()
        assert report.pushed == len(captured) and report.rejected == 0
        assert report.batches_sent == -(-len(captured) // 3) and report.batches_resent == 0
        assert a.client.pending_count() == 0
        if window == 1:
            assert proxy.connections == 1
        else:
            assert proxy.connections >= 2, "batches were sent one at a time"
        # The server's log holds this laptop's changes in the order they were captured.
        stamps = [
            r[0]
            for r in server_rows(
                server,
                "SELECT hlc FROM sync_log WHERE node_id = :n ORDER BY seq",
                n=a.client.node_id(),
            )
        ]
        assert len(stamps) == len(captured) and stamps == sorted(stamps)
        notes = dict(server_rows(server, "SELECT id, notes FROM customers"))
        assert [notes[c] for c in made] == [f"第{i}次" for i in range(40)]
        b.sync()
        state = table_state(b.engine, DOMAIN_TABLES)
        assert table_state(a.engine, DOMAIN_TABLES) == state
    finally:
        proxy.close()


class _Link:
    """Stands in for the laptop's HTTP client on the way to the server and plays a bad link
    for two push batches: B1 (an edit of Y) reaches the server but its answer is lost and its
    retries fail; B2 (X's notes = 'old', sent after B1) is cut and its sender thread sits in a
    long back-off. Everything else passes."""

    def __init__(self, real: httpx.Client) -> None:
        self.real = real
        self.local = threading.local()
        self.faulty = True
        self.b1_attempts = 0
        self.b2_attempts = 0
        self.b2_backing_off = threading.Event()
        self.end_back_off = threading.Event()
        self.b2_resent = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def post(self, path: str, content: bytes = b"", headers: Any = None) -> httpx.Response:
        if path == "/sync/push":
            values = [op.get("v") for op in orjson.loads(decompress(content, "zstd"))["ops"]]
            if self.faulty and values == ["y1"]:
                self.b1_attempts += 1
                if self.b1_attempts == 1:
                    self.b2_backing_off.wait(10)
                    stored = self.real.post(path, content=content, headers=headers)
                    assert stored.status_code == 200, stored.text
                    raise httpx.ReadError("the answer is lost")
                raise httpx.ConnectError("the link is down")
            if values == ["old"]:
                self.b2_attempts += 1
                if self.b2_attempts == 1:
                    self.local.backs_off = True
                    raise httpx.ConnectError("the link is down")
                self.b2_resent = True
        return self.real.post(path, content=content, headers=headers)

    def sleep(self, _seconds: float) -> None:
        if getattr(self.local, "backs_off", False):
            self.local.backs_off = False
            self.b2_backing_off.set()
            self.end_back_off.wait(30)  # a long back-off (on a satellite link: 8–16 s)


def test_a_batch_of_a_failed_sync_never_lands_after_the_next_sync(
    server: ServerProcess, laptops
) -> None:
    """Sync 1 fails with B2's sender thread still in its back-off; the user edits X again and
    syncs. Sync 2 waits for that thread, which then stops instead of sending B2: the older value
    never reaches the server after the newer one (found in review: it did, and the replicas
    never converged)."""
    link: dict[str, _Link] = {}
    a = laptops(
        "admin",
        batch_size=1,
        retry=RetryPolicy(attempts=3, first_delay=0.01, max_delay=0.01, timeout=10),
        sleep=lambda seconds: link["now"].sleep(seconds),
    )
    b = laptops("admin")
    a.sync()
    x = new_customer(a, "X1")
    y = new_customer(a, "Y1")
    a.sync()
    a.sql("UPDATE customers SET notes = 'y1' WHERE id = :i", i=y)  # batch B1
    a.sql("UPDATE customers SET notes = 'old' WHERE id = :i", i=x)  # batch B2, after B1
    link["now"] = _Link(a.client.http)
    a.client.http = link["now"]  # type: ignore[assignment]
    with pytest.raises(SyncUnavailable):
        a.sync()
    a.sql("UPDATE customers SET notes = 'new' WHERE id = :i", i=x)
    link["now"].faulty = False
    threading.Timer(1.0, link["now"].end_back_off.set).start()
    started = time.monotonic()
    a.sync()
    assert time.monotonic() - started >= 0.9, "sync 2 did not wait for sync 1's sender"
    assert not link["now"].b2_resent, "a batch of the failed sync was sent again"
    assert a.client.pending_count() == 0
    b.sync()
    server_notes = server_rows(server, "SELECT notes FROM customers WHERE id = :i", i=x)
    assert server_notes == [("new",)]
    assert a.sql("SELECT notes FROM customers WHERE id = :i", i=x) == [("new",)]
    assert b.sql("SELECT notes FROM customers WHERE id = :i", i=x) == [("new",)]
