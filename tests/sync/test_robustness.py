"""Bad links, crashes, replays, wrong clocks, expired tokens and old clients."""

from __future__ import annotations

import random
import socket
import threading
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from minesales_desktop.sync import hlc, reasons
from minesales_desktop.sync.client import SyncUnavailable, UpdateRequired
from minesales_desktop.sync.protocol import PushReply, compress, dumps, expand_reply
from minesales_desktop.sync.server.auth import expire_all_tokens
from tests.sync.conftest import (
    PASSWORD,
    ServerProcess,
    converged,
    new_contact,
    new_customer,
)

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _log_count(server: ServerProcess, row_ids: set[str]) -> dict[str, int]:
    engine = server.engine()
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT row_id FROM sync_log WHERE field = '*'")).all()
    finally:
        engine.dispose()
    counts: dict[str, int] = {}
    for (row_id,) in rows:
        if row_id in row_ids:
            counts[row_id] = counts.get(row_id, 0) + 1
    return counts


class CuttingProxy:
    """A TCP proxy on 127.0.0.1 that cuts one connection after a chosen number of bytes (and
    counts the connections a laptop opens: one at a time reuses one)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.cut_after: int | None = None  # bytes (both directions) before the next cut
        self.direction = "down"
        self.cuts = 0
        self.connections = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, after: int, direction: str) -> None:
        with self.lock:
            self.cut_after, self.direction = after, direction

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        budget = {"n": 0}

        def pump(src: socket.socket, dst: socket.socket, direction: str) -> None:
            try:
                while True:
                    data = src.recv(4096)
                    if not data:
                        break
                    with self.lock:
                        limit = self.cut_after if self.direction == direction else None
                        if limit is not None and budget["n"] + len(data) > limit:
                            dst.sendall(data[: max(0, limit - budget["n"])])
                            self.cut_after = None
                            self.cuts += 1
                            raise ConnectionError("cut")
                        if self.direction == direction:
                            budget["n"] += len(data)
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                for s in (client, upstream):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    s.close()

        threading.Thread(target=pump, args=(client, upstream, "up"), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client, "down"), daemon=True).start()

    def close(self) -> None:
        self.sock.close()


def test_cut_connections_never_duplicate_or_lose(server: ServerProcess, laptops) -> None:
    proxy = CuttingProxy(server.port)
    try:
        a = laptops("mgr", batch_size=4)
        a.client.server_url = f"http://127.0.0.1:{proxy.port}"
        a.client.http.base_url = httpx.URL(a.client.server_url)
        b = laptops("admin")
        a.sync()
        b.sync()
        owner = a.user_id("rep1")
        rng = random.Random(6)
        made: set[str] = set()
        for trial in range(50):
            for k in range(rng.randint(1, 9)):
                cid = new_customer(a, f"X{trial}-{k}", owner=owner)
                made.add(cid)
                if k % 3 == 0:
                    made.add(new_contact(a, cid, f"人{trial}{k}"))
            b_cid = new_customer(b, f"Y{trial}", owner=owner)
            made.add(b_cid)
            b.sync()
            proxy.arm(rng.randint(0, 1500), rng.choice(["up", "down"]))
            report = a.sync()
            assert report.batches_resent <= 1, f"trial {trial}: re-sent {report.batches_resent}"
            assert a.client.pending_count() == 0
        assert proxy.cuts >= 40
        a.sync()
        b.sync()
        converged(server, a, b)
        counts = _log_count(server, made)
        assert set(counts) == made, "no change lost"
        assert set(counts.values()) == {1}, "no change applied twice"
    finally:
        proxy.close()


def test_server_killed_after_commit_before_answering(
    server: ServerProcess, laptops, tmp_path: Path
) -> None:
    a = laptops("mgr")
    a.sync()
    made = {new_customer(a, f"K{i}", owner=a.user_id("rep1")) for i in range(5)}
    server.stop()
    server.start(env={"MINESALES_SYNC_FAULT": "exit-after-push-commit"})
    a.client.server_url = server.url
    a.client.http.base_url = httpx.URL(server.url)
    with pytest.raises(SyncUnavailable):
        a.sync()
    assert server.proc is not None and server.proc.wait(10) == 70
    assert a.client.pending_count() == 5, "nothing was acknowledged"
    server.start(env={"MINESALES_SYNC_FAULT": ""})
    a.client.server_url = server.url
    a.client.http.base_url = httpx.URL(server.url)
    report = a.sync()
    assert report.batches_resent == 0 or report.pushed == 5
    assert a.client.pending_count() == 0
    assert set(_log_count(server, made).values()) == {1}


def test_duplicated_and_reordered_batches(server: ServerProcess, laptops) -> None:
    """Raw HTTP: a batch sent twice gets the same answer; op ids are never applied twice."""
    a = laptops("admin")
    a.sync()
    token = httpx.post(
        server.url + "/auth/token", content=dumps({"login": "admin", "password": PASSWORD})
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "zstd"}
    schema = a.client.schema
    rows = []
    for i in range(3):
        cid = str(uuid.uuid4())
        value = {
            "code": f"R{i}",
            "name_zh": f"重放{i}",
            "customer_type": "STEEL_MILL",
            "tier": "A",
            "status": "ACTIVE",
            "created_at": "2026-01-01 00:00:00.000000",
            "updated_at": "2026-01-01 00:00:00.000000",
            "is_deleted": 0,
            "name_pinyin": "",
            "name_initials": "",
            "search_text": "",
        }
        rows.append(
            (
                cid,
                {
                    "i": f"op{i}",
                    "t": "customers",
                    "r": cid,
                    "f": "*",
                    "v": value,
                    "h": hlc.pack(hlc.wall_ms()),
                    "b": 0,
                },
            )
        )
    edit = {
        "i": "op-edit",
        "t": "customers",
        "r": rows[0][0],
        "f": "notes",
        "v": "改",
        "h": hlc.pack(hlc.wall_ms()),
        "b": 0,
    }

    def push(batch: str, ops: list) -> dict:
        body = compress(dumps({"node": "n1", "schema": schema, "batch": batch, "ops": ops}), "zstd")
        r = httpx.post(server.url + "/sync/push", content=body, headers=headers)
        assert r.status_code == 200, r.text
        return r.json()

    first = push("b2", [rows[1][1], rows[2][1]])  # the later batch arrives first
    again = push("b2", [rows[1][1], rows[2][1]])
    assert (
        first == {**again, "server_ms": first["server_ms"]} or first["results"] == again["results"]
    )
    push("b1", [rows[0][1], edit])
    rebatched = push("b3", [rows[0][1], rows[1][1], edit])  # same ops in a new batch
    rebatched_results = expand_reply(PushReply.model_validate(rebatched))  # by position
    assert [r.s for r in rebatched_results] == ["applied", "applied", "applied"]
    counts = _log_count(server, {r[0] for r in rows})
    assert set(counts.values()) == {1}
    too_big = [dict(edit, i=f"x{i}") for i in range(501)]
    body = compress(dumps({"node": "n1", "schema": schema, "batch": "big", "ops": too_big}), "zstd")
    r = httpx.post(server.url + "/sync/push", content=body, headers=headers)
    assert r.status_code == 413


@pytest.mark.parametrize("skew_days", [1, -1])
def test_a_wrong_clock_neither_blocks_sync_nor_wins_everything(
    server: ServerProcess, laptops, skew_days: int
) -> None:
    skew = skew_days * 86_400_000
    a = laptops("mgr", clock=lambda: hlc.wall_ms() + skew)
    b = laptops("admin")
    a.sync()
    cid = new_customer(a, "C1", owner=a.user_id("rep1"))
    a.sync()
    b.sync()
    # The clock moved since the last sync: stamps are a day off until the next hello.
    a.sql("UPDATE sync_state SET clock_offset_ms = :o", o=skew)
    a.sql("UPDATE customers SET notes = 'from the skewed laptop' WHERE id = :id", id=cid)
    stamp = a.sql("SELECT hlc FROM sync_outbox WHERE field = 'notes'")[0][0]
    # A fast clock stamps the future; a slow one cannot go below the clock's last stamp (HLC).
    assert abs(hlc.physical_ms(stamp) - hlc.wall_ms() - max(skew, 0)) < 60_000
    a.sync()  # not blocked
    b.sync()
    b.sql("UPDATE customers SET notes = 'later, correct clock' WHERE id = :id", id=cid)
    a.sql("UPDATE customers SET notes = 'concurrent, skewed' WHERE id = :id", id=cid)
    # The offset learned at the last hello corrects a's stamps; pushing later, b still wins
    # the concurrent edit only if its stamp is later — which it is in real time.
    b.sync()
    a.sync()
    b.sync()
    assert a.sql("SELECT notes FROM customers WHERE id = :id", id=cid) == b.sql(
        "SELECT notes FROM customers WHERE id = :id", id=cid
    )
    engine = server.engine()
    try:
        with engine.connect() as conn:
            newest = conn.execute(text("SELECT max(hlc) FROM sync_log")).scalar_one()
    finally:
        engine.dispose()
    assert hlc.physical_ms(newest) <= hlc.wall_ms() + 1000, "no stamp lies in the future"


def test_token_expiry_mid_sync(server: ServerProcess, laptops) -> None:
    a = laptops("mgr", batch_size=2)
    a.sync()
    for i in range(6):
        new_customer(a, f"T{i}", owner=a.user_id("rep1"))
    store = server.store()

    def expire(progress) -> None:
        if progress.phase == "push" and progress.done == 2:
            expire_all_tokens(store)

    try:
        report = a.sync(progress=expire)
    finally:
        store.dispose()
    assert report.pushed == 6 and a.client.pending_count() == 0


def test_old_schema_client_is_refused_cleanly(server: ServerProcess, laptops) -> None:
    a = laptops("mgr", schema="0002")
    new_customer(a, "O1")
    before = a.sql("SELECT count(*) FROM sync_outbox")
    with pytest.raises(UpdateRequired) as exc:
        a.sync()
    assert "update" in str(exc.value).lower() and exc.value.update_to
    assert a.sql("SELECT count(*) FROM sync_outbox") == before
    assert a.sql("SELECT cursor FROM sync_state")[0][0] == 0


def test_unreachable_server_retries_then_says_so(laptops, server: ServerProcess) -> None:
    a = laptops("mgr")
    new_customer(a, "U1")
    sleeps: list[float] = []
    a.client.sleep = sleeps.append
    a.client.server_url = "http://127.0.0.1:9"
    a.client.http.base_url = httpx.URL("http://127.0.0.1:9")
    with pytest.raises(SyncUnavailable):
        a.sync()
    assert len(sleeps) == a.client.retry.attempts - 1
    assert sleeps == sorted(sleeps) or max(sleeps) <= a.client.retry.max_delay
    assert a.client.pending_count() == 1


def test_a_server_name_that_does_not_exist_is_not_retried_long(
    laptops, server: ServerProcess, no_such_host: str
) -> None:
    """A name that does not exist (``.invalid`` never resolves; the resolver patched so that a
    machine without DNS says the same) is asked for once more, not retried with the whole
    back-off: more asking does not make it exist. The error says why (``cause``)."""
    a = laptops("mgr")
    new_customer(a, "U2")
    sleeps: list[float] = []
    a.client.sleep = sleeps.append
    a.client.server_url = no_such_host
    a.client.http.base_url = httpx.URL(a.client.server_url)
    with pytest.raises(SyncUnavailable) as refused:
        a.sync()
    assert refused.value.cause == reasons.NAME_NOT_FOUND
    assert "no server with this name was found" in str(refused.value)
    assert len(sleeps) == 1, "asked once more (a lookup right after a network came back), no more"
    assert a.client.pending_count() == 1
    # A server that is only down is retried as before, and says so.
    a.client.server_url = "http://127.0.0.1:9"
    a.client.http.base_url = httpx.URL(a.client.server_url)
    with pytest.raises(SyncUnavailable) as down:
        a.sync()
    assert down.value.cause == reasons.REFUSED
    assert len(sleeps) == 1 + a.client.retry.attempts - 1, "the whole back-off this time"


def test_noop_sync_is_one_round_trip_under_1kb(server: ServerProcess, laptops) -> None:
    a = laptops("mgr")
    a.sync()
    a.client.sync()  # sign-in done
    report = a.client.sync()
    assert report.round_trips == 1
    assert report.bytes_up + report.bytes_down < 1024, report


def test_health_and_openapi(server: ServerProcess) -> None:
    health = httpx.get(server.url + "/health").json()
    assert health["status"] == "ok"
    doc = httpx.get(server.url + "/openapi.json").json()
    assert {"/sync/hello", "/sync/push", "/sync/pull", "/auth/token"} <= set(doc["paths"])
    assert "PushRequest" in doc["components"]["schemas"]
    bad = httpx.post(server.url + "/auth/token", content=dumps({"login": "mgr", "password": "x"}))
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"
